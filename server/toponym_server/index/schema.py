"""The layout of the index file and its format version.

One SQLite file holds the places, their names with precomputed normalized views, the admin
division names, and the key table that the candidate step looks up. The key table is a
``WITHOUT ROWID`` B-tree ordered by (key, priority), so a lookup reads the most prominent
places under a key first and can stop early, at any gazetteer size.
"""

from __future__ import annotations

FORMAT_VERSION = "4"
APPLICATION_ID = 0x746F706F  # "topo": marks the file as a toponym index

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
    prominence REAL NOT NULL
);
CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    flags INTEGER NOT NULL,
    folded TEXT NOT NULL,
    phonetic TEXT NOT NULL,
    skeleton TEXT NOT NULL
);
CREATE TABLE admin_divisions (code TEXT PRIMARY KEY, name TEXT NOT NULL, geoname_id INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE keys (
    key TEXT NOT NULL,
    priority INTEGER NOT NULL,
    name_id INTEGER NOT NULL,
    place_id INTEGER NOT NULL,
    PRIMARY KEY (key, priority, name_id)
) WITHOUT ROWID;
"""

POST_LOAD = """
CREATE INDEX names_by_place ON names (place_id);
"""
