"""Run every acceptance case in ``cases/*.tsv`` through the client against an in-process server.

Each line is (query, country hint, expected GeoNames ID, note); the expected place must come
back at rank 1. Users extend the suite by adding lines or files, as Pelias placeholder's
``test/cases`` do.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from toponym_client import ToponymClient

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[pytest.ParameterSet]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for row in rows:
                cases.append(
                    pytest.param(
                        row["query"], row["country"] or None, int(row["geoname_id"]), id=f"{path.stem}:{row['query']}"
                    )
                )
    return cases


@pytest.mark.parametrize(("query", "country", "expected"), _cases())
def test_case_resolves_at_rank_one(client: ToponymClient, query: str, country: str | None, expected: int) -> None:
    candidates = client.resolve(query, country=country)
    assert candidates, f"{query!r} got no candidate"
    top = candidates[0]
    assert top.geoname_id == expected, (
        f"{query!r} resolved to {top.geoname_id} {top.name} ({top.country_code}), expected {expected}; "
        f"ranked: {[(c.geoname_id, c.name, c.confidence) for c in candidates]}"
    )
