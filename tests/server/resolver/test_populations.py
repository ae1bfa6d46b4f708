"""The populations ranking reads: each read from the index once, as asked for."""

from __future__ import annotations

import pytest

from toponym_server.index.reader import IndexReader
from toponym_server.resolver import populations
from toponym_server.resolver.populations import Populations

RECIFE = 3390760
PERNAMBUCO = 3392268


def test_a_place_gives_the_population_its_index_row_holds(embedded_index: IndexReader) -> None:
    people = Populations(embedded_index)
    for place_id in (RECIFE, PERNAMBUCO):
        row = embedded_index.place(place_id)
        assert row is not None
        assert people[place_id] == row.population > 0
    assert people[RECIFE] < people[PERNAMBUCO] / 4  # what ranking weighs: Recife is no seat Pernambuco is named after
    assert sorted(people) == [RECIFE, PERNAMBUCO]


def test_a_place_the_index_does_not_hold_is_absent(embedded_index: IndexReader) -> None:
    people = Populations(embedded_index)
    with pytest.raises(KeyError):
        people[999_999_999]
    assert people.get(999_999_999, -1) == -1
    assert 999_999_999 not in people
    assert len(people) == 0


def test_a_full_book_forgets_what_it_kept_and_reads_again(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(populations, "POPULATIONS_KEPT", 1)
    people = Populations(embedded_index)
    first = people[RECIFE]
    people[PERNAMBUCO]
    assert len(people) == 1
    assert people[RECIFE] == first
