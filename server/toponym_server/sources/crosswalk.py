"""The curated crosswalk: places that are one thing under two names on two sides of a border.

A crosswalk file is tab-separated UTF-8 with a header row ``place``, ``counterpart``,
``relation`` and an optional ``note``; ``#`` starts a comment line. A place is written as its
GeoNames ID (``174448``) or as a custom place's ID in its file (``custom:1``). The only relation
so far is ``across_border``. Each row links the two places both ways. A leading byte-order
mark is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toponym_server.sources.custom import CUSTOM_ID_BASE
from toponym_server.sources.records import GEONAME_ID_LIMIT, bounded_int
from toponym_server.sources.tables import read_tables

RELATIONS = ("across_border",)


class CrosswalkError(ValueError):
    """A crosswalk file that cannot be read; names the file and the line."""


@dataclass(frozen=True, slots=True)
class CrosswalkLink:
    """Two places linked by a curated relation."""

    place_id: int
    counterpart_id: int
    relation: str
    note: str = ""


def _place_ref(path: Path, number: int, ref: str) -> int:
    try:
        if ref.startswith("custom:"):
            return CUSTOM_ID_BASE + bounded_int(ref.removeprefix("custom:"), "custom id", 1, GEONAME_ID_LIMIT)
        return bounded_int(ref, "GeoNames ID", 1, GEONAME_ID_LIMIT)
    except ValueError as err:
        raise CrosswalkError(f"{path}:{number}: {ref!r} is neither a GeoNames ID nor custom:N ({err})") from err


def read_crosswalk(*paths: Path) -> tuple[tuple[CrosswalkLink, ...], str]:
    """Read crosswalk files; return the links and a fingerprint of the files' contents."""
    rows, fingerprint = read_tables(paths, ("place", "counterpart", "relation"), CrosswalkError)
    links: list[CrosswalkLink] = []
    for row in rows:
        relation = row.cells.get("relation", "")
        if relation not in RELATIONS:
            raise CrosswalkError(f"{row.where()}: unknown relation {relation!r} (known: {', '.join(RELATIONS)})")
        links.append(
            CrosswalkLink(
                _place_ref(row.path, row.number, row.cells.get("place", "")),
                _place_ref(row.path, row.number, row.cells.get("counterpart", "")),
                relation,
                row.cells.get("note", ""),
            )
        )
    return tuple(links), fingerprint
