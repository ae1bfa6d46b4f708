"""The resolver's caches change no answer: a cached, a fresh and an uncached resolver agree."""

from __future__ import annotations

import pytest

from toponym_server.index import IndexReader
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver
from toponym_server.resolver.resolver import warm_up_chunks

QUERIES = [
    Query("Hasakeh"),
    Query("hasakeh"),  # normalizes like the line above: shares its cache entry
    Query("الحسكة"),
    Query("Tripoli", Hints(countries=frozenset({"LB"}))),
    Query("Tripoli", Hints(countries=frozenset({"LB"})), limit=1),
    Query("Damaskus", min_confidence=0.0, limit=10),
    Query("Springfield", Hints(near=(39.8, -89.6))),
    Query("xqzvbtkw"),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.name}-{q.limit}")
def test_cached_answers_equal_fresh_ones(embedded_index: IndexReader, query: Query) -> None:
    cached = Resolver(embedded_index)
    uncached = Resolver(embedded_index, cache_size=0)
    first = cached.resolve(query)
    assert cached.resolve(query) == first == uncached.resolve(query) == uncached.resolve(query)


@pytest.mark.parametrize("names", [("Cindires", "Cindirês"), ("Cindirês", "Cindires")])
def test_names_folded_alike_in_two_alphabets_keep_answers_of_their_own(
    embedded_index: IndexReader, names: tuple[str, str]
) -> None:
    # Kurdish Cindirês is Jindires, whatever was asked before it; a Cindires in another
    # alphabet is read as its letters sound there.
    cached = Resolver(embedded_index)
    uncached = Resolver(embedded_index, cache_size=0)
    for name in names:
        assert cached.resolve(Query(name)) == uncached.resolve(Query(name)), name
    assert cached.resolve(Query("Cindirês"))[0].place.geoname_id == 169190
    assert cached.resolve(Query("Cindires")) != cached.resolve(Query("Cindirês"))


def test_a_caller_changing_its_answer_list_does_not_change_the_cache(embedded_index: IndexReader) -> None:
    resolver = Resolver(embedded_index)
    answers = resolver.resolve(Query("Aleppo"))
    expected = list(answers)
    answers.clear()
    assert resolver.resolve(Query("Aleppo")) == expected


def test_an_answer_in_context_is_not_kept_and_the_lone_one_is_not_changed(embedded_index: IndexReader) -> None:
    # A batch's name kept its answer under a key of every other name's point: one batch of
    # 10,000 names grew a process by 388 MiB.
    resolver = Resolver(embedded_index)
    alone = resolver.resolve(Query("Tripoli"))
    kept = len(resolver._answers)
    context = [(33.89 + i / 1000, 35.50, "LB") for i in range(2_000)]
    near_beirut = resolver.resolve(Query("Tripoli"), context=context)
    assert alone[0].place.country_code == "LY"
    assert near_beirut[0].place.country_code == "LB"
    assert len(resolver._answers) == kept
    assert resolver.resolve(Query("Tripoli"), context=context) == near_beirut
    assert resolver.resolve(Query("Tripoli")) == alone


def test_the_answer_cache_is_bounded(embedded_index: IndexReader) -> None:
    resolver = Resolver(embedded_index, cache_size=2)
    for name in ("Aleppo", "Homs", "Hama", "Idlib"):
        resolver.resolve(Query(name))
    assert len(resolver._answers) == 2


def test_kept_name_rows_are_bounded_and_change_no_answer(embedded_index: IndexReader) -> None:
    # Misspellings read a hundred name rows and more each: a small bound is reached at once.
    few = Resolver(embedded_index, cache_size=0, kept_name_rows=50)
    usual = Resolver(embedded_index, cache_size=0)
    for name in ("Hasakeh", "Kawaguchy", "Bolotasti", "Springfeld", "Aleppo", "Kawaguchy"):
        query = Query(name, min_confidence=0.0, limit=10)
        assert few.resolve(query) == usual.resolve(query)
        assert len(few._name_rows) <= 50
    assert len(usual._name_rows) > 50


WARM_UP_QUERIES = ["Hasakeh", "Kawaguchy", "Bolotasti", "Springfeld", "Aleppo", "Alep", "Moskva", "Qamishly"]


def test_a_resolver_warmed_up_reads_fewer_rows_and_answers_the_same(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed = Resolver(embedded_index, cache_size=0, kept_name_rows=100_000)
    assert warmed.warm_up() == 100_000
    fresh = Resolver(embedded_index, cache_size=0, kept_name_rows=100_000)
    rows_read: list[int] = []
    reading = embedded_index.names_with_place_facts

    def counted(name_ids: list[int]) -> list[tuple[object, ...]]:
        rows_read.append(len(name_ids))
        return reading(name_ids)

    monkeypatch.setattr(embedded_index, "names_with_place_facts", counted)
    read_by: dict[str, int] = {}
    for label, resolver in (("fresh", fresh), ("warmed", warmed)):
        rows_read.clear()
        answers = [resolver.resolve(Query(name, min_confidence=0.0, limit=10)) for name in WARM_UP_QUERIES]
        read_by[label] = sum(rows_read)
        if label == "fresh":
            expected = answers
    assert answers == expected
    assert read_by["warmed"] < read_by["fresh"] / 2


def test_a_warm_up_keeps_no_more_than_the_resolver_keeps_or_is_asked_for(embedded_index: IndexReader) -> None:
    small = Resolver(embedded_index, kept_name_rows=300)
    assert small.warm_up() == 300
    assert len(small._name_rows) == 300
    assert Resolver(embedded_index).warm_up(limit=1_000) == 1_000
    listed = embedded_index.warm_name_ids(3_000)
    warmed = Resolver(embedded_index, kept_name_rows=2_000)
    warmed.warm_up(chunk=700)
    found, missing = warmed._name_rows.take(listed[:2_000])
    assert not missing and len(found) == 2_000  # the warmest 2,000, whatever the chunks
    assert warmed._name_rows.take(listed[2_000:])[0] == {}


def test_a_warmed_up_resolver_answers_without_reading_admin_division_names(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Resolver(embedded_index, cache_size=0)
    expected = [fresh.resolve(Query(name, min_confidence=0.0, limit=10)) for name in WARM_UP_QUERIES]
    warmed = Resolver(embedded_index, cache_size=0)
    warmed.warm_up(limit=10)
    asked: list[str] = []
    reading = embedded_index.admin_name

    def counted(code: str) -> str:
        asked.append(code)
        return reading(code)

    monkeypatch.setattr(embedded_index, "admin_name", counted)
    answers = [warmed.resolve(Query(name, min_confidence=0.0, limit=10)) for name in WARM_UP_QUERIES]
    assert answers == expected
    assert any(c.admin1_name for found in answers for c in found)
    assert asked == []


def test_warm_up_chunks_cover_the_names_once_coldest_first() -> None:
    ids = list(range(10))  # warmest first
    assert [list(part) for part in warm_up_chunks(ids, 4)] == [[6, 7, 8, 9], [2, 3, 4, 5], [0, 1]]
    assert list(warm_up_chunks([], 4)) == []
