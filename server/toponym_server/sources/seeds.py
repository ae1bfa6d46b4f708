"""The seed data shipped with toponym: custom places, the curated cross-border crosswalk, area abbreviations.

The files live in the repository's ``seeds/`` directory, installed as the package data of
``toponym_server.seeds``. Every index build includes them unless told not to, so the seed
article's places resolve on the embedded default and merge into GeoNames features when a full
dump is imported.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from toponym_server.sources.area_codes import AreaCode, read_area_abbreviations
from toponym_server.sources.crosswalk import CrosswalkLink, read_crosswalk
from toponym_server.sources.custom import CustomGazetteer, read_custom_places

CUSTOM_PLACES_FILE = "custom_places.tsv"
CROSSWALK_FILE = "crosswalk.tsv"
AREA_ABBREVIATIONS_FILE = "area_abbreviations.tsv"


def seeds_dir() -> Path:
    """The directory holding the seed files: the installed package data, else the checkout's ``seeds/``."""
    try:
        return Path(str(resources.files("toponym_server.seeds")))
    except ModuleNotFoundError:
        # An editable install maps the package to seeds/ but cannot import a directory without Python files.
        return Path(__file__).resolve().parents[3] / "seeds"


def seed_custom_places() -> CustomGazetteer:
    """The seed custom places and extra names."""
    return read_custom_places(seeds_dir() / CUSTOM_PLACES_FILE)


def seed_crosswalk() -> tuple[tuple[CrosswalkLink, ...], str]:
    """The seed crosswalk links and their fingerprint."""
    return read_crosswalk(seeds_dir() / CROSSWALK_FILE)


def seed_area_abbreviations() -> tuple[tuple[AreaCode, ...], str]:
    """The seed abbreviations of states and provinces (*Ill.*, *Ont.*) and their fingerprint."""
    return read_area_abbreviations(seeds_dir() / AREA_ABBREVIATIONS_FILE)
