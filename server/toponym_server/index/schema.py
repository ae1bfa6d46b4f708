"""The layout of the index file and its format version.

One SQLite file holds the places, their names with precomputed normalized views (and, copied,
their place's ranking facts), the admin division names, the links between related places, and
the key table that the candidate step looks up. The key table holds 64-bit key hashes in blocks
of sorted entries (:mod:`toponym_server.index.keyblocks`), ordered by (key, priority), so a
lookup reads the most prominent places under a key first and can stop early, at any gazetteer
size; a key shared by many places is stored once more split by country (since format 8), so a
lookup restricted to a country stops early too. Since format 9 a key entry stores its place in
four bytes, not eight: a place ID of 2^31 or more (a custom place's) by its number in the
``far_places`` table (:func:`toponym_server.index.keyblocks.far_places`); since format 10 a
block stores each of its keys once. Since format 11 the ``warm_names`` table lists the names a
server keeps in memory first, warmest first (:mod:`toponym_server.index.warmth`), as runs of
4-byte name IDs; a server reads a format-10 file too, and keeps rows only as queries read them.
Since format 12 the ``stored_answers`` table holds the answers to the names of the gazetteer
asked bare, as the resolver gave them when the file was built (:mod:`toponym_server.index.stored`);
a server reads a format-10 or format-11 file too, and works every answer out as it is asked.
Since format 13 the ``area_codes`` table holds the codes an address writes an area by (*ON*,
*NSW*, *FR*: :mod:`toponym_server.sources.area_codes`); in an older file a server finds only
the first-level divisions' GeoNames codes, in ``admin_divisions``.

SQLite's ``user_version`` header field holds the CRC-32 of every page after the first, so a
damaged copy can be detected (``toponym index verify``) without a checksum having to cover
itself.
"""

from __future__ import annotations

FORMAT_VERSION = "13"
READABLE_FORMATS = ("10", "11", "12", FORMAT_VERSION)
"""The formats a server reads: format 12 lacks only the area codes, 11 the stored answers too, 10 ``warm_names`` too."""
APPLICATION_ID = 0x746F706F  # "topo": marks the file as a toponym index
PLACE_FACT_COLUMNS = ("feature_class", "feature_code", "country_code", "latitude", "longitude", "prominence")
"""The columns of a place that ranking reads, copied into each of its ``names`` rows (since format 7).

A query ranks every place its keys reach (over a hundred for a misspelling): reading these
with the names saves a second random row read per place. That is about 5 % of a cold query's
CPU time, for a file about 12 % larger (BENCHMARKS.md, seventh session).
"""
RELATION_ACROSS_BORDER = 1
"""A ``related`` row's relation: the same crossing or twin place on the other side of a border."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    prominence REAL NOT NULL,
    custom INTEGER NOT NULL
);
CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    flags INTEGER NOT NULL,
    folded TEXT NOT NULL,
    phonetic TEXT NOT NULL,
    skeleton TEXT NOT NULL,
    spelled TEXT NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    prominence REAL NOT NULL
);
CREATE TABLE admin_divisions (code TEXT PRIMARY KEY, name TEXT NOT NULL, geoname_id INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE area_codes (code TEXT NOT NULL, geoname_id INTEGER NOT NULL, PRIMARY KEY (code, geoname_id))
    WITHOUT ROWID;
CREATE TABLE related (
    place_id INTEGER NOT NULL,
    related_id INTEGER NOT NULL,
    relation INTEGER NOT NULL,
    distance_km REAL NOT NULL,
    curated INTEGER NOT NULL,
    PRIMARY KEY (place_id, related_id)
) WITHOUT ROWID;
CREATE TABLE key_blocks (id INTEGER PRIMARY KEY, last_key INTEGER NOT NULL, entries BLOB NOT NULL);
CREATE TABLE far_places (number INTEGER PRIMARY KEY, place_id INTEGER NOT NULL);
CREATE TABLE warm_names (part INTEGER PRIMARY KEY, name_ids BLOB NOT NULL);
CREATE TABLE stored_answers (key INTEGER PRIMARY KEY, answers BLOB NOT NULL);
CREATE TABLE answer_reasons (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
"""

POST_LOAD = """
CREATE INDEX names_by_place ON names (place_id);
CREATE INDEX key_blocks_by_last_key ON key_blocks (last_key, id);
"""
