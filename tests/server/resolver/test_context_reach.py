"""Ranking a name in a document's context looks only at the candidates the context can lift, and
answers exactly as a re-ranking of every kept candidate would: same places, order, confidences
and explanations."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from toponym_server.index import IndexReader
from toponym_server.matching.ranking import ContextPoint, Hints, Ranked
from toponym_server.resolver import Query, Resolver
from toponym_server.resolver.kept import KeptRanking

SYRIA = ((36.2, 37.16, "SY"), (34.73, 36.71, "SY"), (33.51, 36.29, "SY"))  # Aleppo, Homs, Damascus
LEBANON = ((33.89, 35.5, "LB"), (33.56, 35.37, "LB"))  # Beirut, Sidon
MALI = ((12.65, -8.0, "ML"), (16.77, -3.01, "ML"))  # Bamako, Timbuktu
USA = ((39.8, -89.6, "US"), (38.63, -90.2, "US"), (41.88, -87.63, "US"))
# Far apart: the document's places spread over a country, whose pull is the weaker for it.
US_CITIES = ((42.36, -71.06, "US"), (40.71, -74.01, "US"), (41.85, -87.65, "US"), (33.75, -84.39, "US"))
# Beside a border: each name has a namesake just across it, nearer one of the points.
DONBAS = ((48.57, 39.32, "UA"), (49.98, 36.25, "UA"))  # Luhansk, Kharkiv
SINAI = ((31.13, 33.80, "EG"), (31.52, 34.45, "PS"))  # El Arish, Gaza
SCATTERED = (
    (51.5, -0.12, "GB"),
    (-33.87, 151.21, "AU"),
    (35.68, 139.69, "JP"),
    (-23.55, -46.63, "BR"),
    (0.0, 0.0, ""),
)
# First-level divisions the document names, at GeoNames' points: Kentucky's lies at Louisville, Illinois's at Chicago.
KENTUCKY = ((38.25424, -85.75941, "US", "KY", True),)
ILLINOIS_AND_PEORIA = ((41.85003, -87.65005, "US", "IL", True), (40.69, -89.59, "US", "IL", False))
CAIRO_ILLINOIS = ((37.0, -89.18, "US", "IL", False),)

CASES = [
    ("Hama", SYRIA),
    ("Tripoli", LEBANON),
    ("Tripoli", SCATTERED),
    ("Gao", MALI),
    ("Springfield", USA),
    ("Alexandria", USA),
    ("Saint-Denis", SCATTERED),
    ("San Jose", SCATTERED[:1]),
    ("al-Qaim", SYRIA + LEBANON),
    ("Donetsk", DONBAS),
    ("Rafah", SINAI),
    ("Tripoli", SINAI + LEBANON),
    ("Miami", US_CITIES),
    ("Denver", US_CITIES + SCATTERED),
    ("Georgetown", KENTUCKY),
    ("Springfield", ILLINOIS_AND_PEORIA),
    ("Cairo", ILLINOIS_AND_PEORIA + SCATTERED),
    ("Illinois", CAIRO_ILLINOIS),
]


def _every_candidate(
    self: object,
    context: Sequence[ContextPoint],
    depth: int,
    vectors: object = None,
    weights: object = None,
    divisions: object = None,
) -> tuple[list[Ranked], list[ContextPoint]]:
    return self.candidates(), list(context)  # type: ignore[attr-defined]


@pytest.mark.parametrize("limit", [1, 3, 10, 50])
@pytest.mark.parametrize(("name", "context"), CASES, ids=[f"{n}-{len(c)}" for n, c in CASES])
def test_context_answers_equal_a_full_reranking(
    embedded_index: IndexReader,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    context: tuple[tuple[float, float], ...],
    limit: int,
) -> None:
    query = Query(name, Hints(), limit=limit, min_confidence=0.0)
    narrowed = Resolver(embedded_index).resolve(query, context)
    with monkeypatch.context() as patched:
        patched.setattr(KeptRanking, "within", _every_candidate)
        full = Resolver(embedded_index).resolve(query, context)
    assert narrowed == full
    assert len(full) == min(limit, len(Resolver(embedded_index).rank(query)))


def test_the_context_still_moves_the_answer(embedded_index: IndexReader) -> None:
    resolver = Resolver(embedded_index)
    query = Query("Tripoli", limit=3, min_confidence=0.0)
    assert resolver.resolve(query, LEBANON)[0].place.country_code == "LB"
    assert resolver.resolve(query, ((32.89, 13.19, "LY"), (32.38, 15.09, "LY")))[0].place.country_code == "LY"


def test_a_name_without_candidates_has_none_in_any_context(embedded_index: IndexReader) -> None:
    resolver = Resolver(embedded_index)
    assert resolver.rank(Query("---")) == []
    assert resolver.resolve(Query("---", min_confidence=0.0), SYRIA) == []
    assert resolver.leaders_in_context(Query("---"), SYRIA) == []
    # Nor beside a division the document names (the division's geometry of no candidate).
    assert resolver.resolve(Query("---", min_confidence=0.0), KENTUCKY + SYRIA) == []
    assert resolver.leaders_in_context(Query("---"), KENTUCKY) == []


def test_the_leader_in_context_is_the_answer_in_context(embedded_index: IndexReader) -> None:
    resolver = Resolver(embedded_index)
    for name, context in CASES:
        query = Query(name, limit=3, min_confidence=0.0)
        best = resolver.resolve(query, context)[0].place.geoname_id
        assert best in {r.place.place_id for r in resolver.leaders_in_context(query, context)}
        alone = resolver.resolve(query)[0].place.geoname_id
        assert [r.place.place_id for r in resolver.leaders_in_context(query, ())] == [alone]


def test_the_divisions_of_the_candidates_are_read_in_a_turn(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every read of the index goes through its turns (IndexReader.turn): one outside them opens
    # the thread's own connection, with a page cache of its own, in each of a server's threads.
    resolver = Resolver(embedded_index)
    query = Query("Georgetown", limit=3, min_confidence=0.0)
    resolver.rank(query)  # the lone ranking, kept: the division's places are all that is read next
    read = embedded_index.place_fields_by_id
    in_turns: list[bool] = []

    def place_fields_by_id(place_ids: Sequence[int]) -> object:
        in_turns.append(bool(getattr(embedded_index._local, "in_turn", False)))
        return read(place_ids)

    monkeypatch.setattr(embedded_index, "place_fields_by_id", place_fields_by_id)
    assert resolver.leaders_in_context(query, KENTUCKY)[0].place.place_id == 4292686
    assert in_turns and all(in_turns)


def test_a_named_country_reads_no_divisions(embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch) -> None:
    # A country's point is no division's, though it says true (point_is_country): beside a
    # town of a known division, it read the rows of every kept candidate, none of them needed.
    resolver = Resolver(embedded_index)
    query = Query("Sidon", limit=3, min_confidence=0.0)
    beirut = (33.89332, 35.50157, "LB", "04", False)
    resolver.leaders_in_context(query, (beirut[:3],))  # the lone ranking, kept: no division among its candidates
    reads: list[Sequence[int]] = []
    read = embedded_index.place_fields_by_id

    def place_fields_by_id(place_ids: Sequence[int]) -> object:
        reads.append(place_ids)
        return read(place_ids)

    monkeypatch.setattr(embedded_index, "place_fields_by_id", place_fields_by_id)
    context = ((33.89332, 35.50157, "LB", "", True), beirut)  # Lebanon, whose point is Beirut's
    assert resolver.leaders_in_context(query, context)[0].place.country_code == "LB"
    assert reads == []
