"""The interface every gazetteer source offers to the index builder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from toponym_server.sources.records import AdminDivision, NameRecord, PlaceRecord


class GazetteerSource(Protocol):
    """A stream of places plus the names of the administrative divisions they refer to."""

    def places(self) -> Iterator[PlaceRecord]:
        """Yield every place once; the stream may be read only once."""
        ...

    def alternate_names(self) -> Iterator[tuple[int, NameRecord]]:
        """Yield (place ID, name) for names kept apart from the places (GeoNames' ``alternateNamesV2``).

        Names for places the source does not yield are ignored by the builder.
        """
        ...

    def admin_divisions(self) -> Iterator[AdminDivision]:
        """Yield the names of the admin1 and admin2 divisions, keyed by GeoNames code."""
        ...

    def fingerprint(self) -> str:
        """Return a string that changes whenever the source's data changes."""
        ...

    def describe(self) -> str:
        """Return a short human-readable description of the source, for logs."""
        ...
