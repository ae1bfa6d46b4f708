"""Run every acceptance case in ``cases/*.tsv`` through the client against an in-process server.

Each line is (query, country hint, expected GeoNames ID, note), and a file may add a ``language``
column (the caller's language hint, empty for none); the expected place must come back at rank 1.
Users extend the suite by adding lines or files, as Pelias placeholder's ``test/cases`` do.
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
                language = row.get("language") or None
                cases.append(
                    pytest.param(
                        row["query"],
                        row["country"] or None,
                        language,
                        int(row["geoname_id"]),
                        id=f"{path.stem}:{row['query']}" + (f"[{language}]" if language else ""),
                    )
                )
    return cases


@pytest.mark.parametrize(("query", "country", "language", "expected"), _cases())
def test_case_resolves_at_rank_one(
    client: ToponymClient, query: str, country: str | None, language: str | None, expected: int
) -> None:
    # The rank is what these cases check: a name shared by several towns (Palmyra) is honestly
    # uncertain, and its calibrated confidence may fall below the default threshold.
    candidates = client.resolve(query, country=country, lang=language, min_confidence=0.0001)  # 0: the default
    assert candidates, f"{query!r} got no candidate"
    top = candidates[0]
    assert top.geoname_id == expected, (
        f"{query!r} resolved to {top.geoname_id} {top.name} ({top.country_code}), expected {expected}; "
        f"ranked: {[(c.geoname_id, c.name, c.confidence) for c in candidates]}"
    )


@pytest.mark.parametrize(
    ("query", "counterpart"),
    [("al-Tanf", 1_000_000_000_002), ("al-Waleed", 1_000_000_000_001), ("Abu Kamal", 92138), ("Al Qaim", 174448)],
)
def test_a_crossing_answers_with_its_counterpart_across_the_border(
    client: ToponymClient, query: str, counterpart: int
) -> None:
    (best, *_) = client.resolve(query)
    assert counterpart in {related.geoname_id for related in best.place.related}
    assert all(related.distance_km < 30 for related in best.place.related)


def test_seed_custom_places_are_marked_custom(client: ToponymClient) -> None:
    (tanf, *_) = client.resolve("al-Tanf")
    (damascus, *_) = client.resolve("Damascus")
    assert tanf.place.custom and tanf.place.country_code == "SY"
    assert not damascus.place.custom
