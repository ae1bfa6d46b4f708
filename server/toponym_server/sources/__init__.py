"""Gazetteer sources: readers that turn GeoNames-style data into place records."""

from toponym_server.sources.records import AdminDivision, NameRecord, PlaceRecord

__all__ = ["AdminDivision", "NameRecord", "PlaceRecord"]
