"""Stored answers: worked out when the index is built, read back for bare queries of known names, the same answers."""

from __future__ import annotations

import logging
import random
import sqlite3
from collections.abc import Iterator
from functools import partial
from itertools import islice
from pathlib import Path

import pytest

import toponym_server.resolver.stored as stored_module
from toponym_server.index.build import build_index
from toponym_server.index.reader import IndexReader, open_index
from toponym_server.index.stored import ANSWERS_FINGERPRINT, answer_key
from toponym_server.matching.normalize import fold, marked_of, turkish_alphabet_folded
from toponym_server.matching.pinyin import is_pinyin_romanisation
from toponym_server.matching.ranking import FLAG_NON_LATIN, Hints
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import Query, Resolver
from toponym_server.resolver.answers import Candidate
from toponym_server.resolver.stored import StoredAnswer, StoredAnswers, answers_fingerprint, store_answers
from toponym_server.sources.records import NameRecord, PlaceRecord

from ..index.conftest import ALEPPO, HAMA, ListSource, copy_with_answers_of_other_rules, write_fixture
from ..index.test_reader import springfields


def _names(reader: IndexReader) -> list[str]:
    return list(dict.fromkeys(text for text, _, _ in reader.folded_names()))


def _never_ranks(*args: object, **kwargs: object) -> None:
    raise AssertionError("the answer was worked out, not read")


@pytest.fixture(scope="module")
def fixture_with_answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexReader]:
    """The GeoNames-format fixture's index, with every name's bare answer stored."""
    source = write_fixture(tmp_path_factory.mktemp("geonames"))
    path = tmp_path_factory.mktemp("stored") / "index.sqlite"
    build_index(source, path, progress=False, finish=partial(store_answers, progress=False))
    reader = open_index(path)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def namesakes_with_answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexReader]:
    """700 Springfields and a Shelbyville, with their answers stored."""
    path = tmp_path_factory.mktemp("namesakes") / "index.sqlite"
    build_index(ListSource(springfields()), path, progress=False, finish=partial(store_answers, progress=False))
    reader = open_index(path)
    yield reader
    reader.close()


QUERIES = [
    Query,
    partial(Query, limit=1),
    partial(Query, limit=3),
    partial(Query, limit=7),
    partial(Query, limit=30),
    partial(Query, min_confidence=0.6),
    partial(Query, min_confidence=0.1),
    partial(Query, hints=Hints(countries=frozenset({"JP"}))),
    partial(Query, hints=Hints(language="fr")),
    partial(Query, near_spellings=True),
]


@pytest.mark.parametrize("make_query", QUERIES)
def test_every_name_gets_the_answer_it_would_get_worked_out(
    fixture_with_answers: IndexReader, make_query: partial[Query]
) -> None:
    reading = Resolver(fixture_with_answers, cache_size=0)
    working = Resolver(fixture_with_answers, cache_size=0, stored_answers=False)
    names = _names(fixture_with_answers)
    assert len(names) > 20
    for name in names:
        for text in (name, name.upper(), f"  {name.lower()} "):
            assert reading.resolve(make_query(text)) == working.resolve(make_query(text)), text


@pytest.mark.parametrize("limit", [1, 5, 6, 24, 25])
def test_many_namesakes_get_the_answer_they_would_get_worked_out(
    namesakes_with_answers: IndexReader, limit: int
) -> None:
    reading = Resolver(namesakes_with_answers)
    working = Resolver(namesakes_with_answers, stored_answers=False)
    for text in ("Springfield", "Shelbyville", "springfield"):
        query = Query(text, limit=limit)
        assert reading.resolve(query) == working.resolve(query)


def test_a_known_name_asked_bare_is_read_not_worked_out(
    fixture_with_answers: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = Resolver(fixture_with_answers, cache_size=0)
    expected = Resolver(fixture_with_answers, stored_answers=False).resolve(Query("Hama"))
    monkeypatch.setattr(Resolver, "_rank", _never_ranks)
    answers = resolver.resolve(Query("Hama"))
    assert answers == expected
    assert answers[0].place.geoname_id == HAMA
    assert resolver.resolve(Query("Halab"))[0].place.geoname_id == ALEPPO
    with pytest.raises(AssertionError, match="worked out"):
        resolver.resolve(Query("Hama", hints=Hints(countries=frozenset({"JP"}))))
    with pytest.raises(AssertionError, match="worked out"):
        resolver.resolve(Query("Hamma"))  # not a name of the gazetteer: nothing is stored for it
    with pytest.raises(AssertionError, match="worked out"):
        # Folded as Aleppo, whose answer is stored, but its alphabet (Kurdish) reads its letters otherwise.
        resolver.resolve(Query("Alêppo"))


def test_the_answer_stored_for_a_name_in_the_turkish_alphabet_is_that_of_its_folded_form(tmp_path: Path) -> None:
    # It serves the names folded alike, which its letters' readings there are not readings of.
    jindires = PlaceRecord(7, "Jindires", "Jindires", 36.39, 36.69, "P", "PPL", "SY", population=13661)
    kurdish = (7, NameRecord("Cindirês", "ku"))
    path = tmp_path / "index.sqlite"
    source = ListSource([jindires], separate_names=[kurdish])
    build_index(source, path, progress=False, finish=partial(store_answers, progress=False))
    reader = open_index(path)
    asked = dict(stored_module._distinct_names(reader, 100))
    assert asked[answer_key("cindires", False)] == "cindires"
    assert asked[answer_key("jindires", False)] == "Jindires"
    reader.close()


def test_a_name_written_with_marks_is_worked_out_and_the_answer_stored_is_its_folded_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nawá (Syria) and Naha (Japan), which GeoNames also calls Nawa: the two fold alike, but the
    # mark says which is meant. The stored answer is the unmarked name's; the marked is worked out.
    nawa = PlaceRecord(166365, "Nawá", "Nawa", 32.89, 36.04, "P", "PPL", "SY", population=47066)
    naha = PlaceRecord(1856035, "Naha", "Naha", 26.21, 127.68, "P", "PPLA", "JP", population=317625)
    path = tmp_path / "index.sqlite"
    source = ListSource([nawa, naha], separate_names=[(1856035, NameRecord("Nawa", ""))])
    build_index(source, path, progress=False, finish=partial(store_answers, progress=False))
    reader = open_index(path)
    assert not any(marked_of(text) for _, text in stored_module._distinct_names(reader, 100))
    reading = Resolver(reader, cache_size=0)
    working = Resolver(reader, cache_size=0, stored_answers=False)
    assert reading.resolve(Query("Nawá"))[0].place.geoname_id == 166365
    for text in ("Nawa", "Nawá"):
        assert reading.resolve(Query(text)) == working.resolve(Query(text)), text
    monkeypatch.setattr(Resolver, "_rank", _never_ranks)
    assert reading.resolve(Query("Nawa"))[0].place.geoname_id == 1856035  # read, not worked out
    reader.close()


def test_a_pinyin_romanisation_is_asked_as_the_latin_name_it_folds_as(tmp_path: Path) -> None:
    # Flagged as the Chinese name it reads (巴黎), "ba li" is still asked in Latin, and the
    # Chinese name's answer is its own.
    paris = PlaceRecord(2988507, "Paris", "Paris", 48.85, 2.35, "P", "PPLC", "FR", population=2138551)
    source = ListSource([paris], separate_names=[(2988507, NameRecord("ba li")), (2988507, NameRecord("巴黎", "zh"))])
    path = tmp_path / "index.sqlite"
    build_index(source, path, progress=False, finish=partial(store_answers, progress=False))
    reader = open_index(path)
    asked = dict(stored_module._distinct_names(reader, 100))
    assert asked[answer_key("ba li", False)] == "ba li"
    assert asked[answer_key("ba li", True, "巴黎")] == "巴黎"
    reader.close()


@pytest.mark.parametrize("stored", [True, False])
def test_names_in_chinese_characters_folded_alike_get_their_own_answers(tmp_path: Path, stored: bool) -> None:
    # Paris's 巴黎 and Bari's 巴里 both read "ba li": each is answered as written, from the
    # answers stored and from those a resolver keeps alike, whichever is asked first.
    paris = PlaceRecord(2988507, "Paris", "Paris", 48.85, 2.35, "P", "PPLC", "FR", population=2138551)
    bari = PlaceRecord(3182351, "Bari", "Bari", 41.12, 16.87, "P", "PPL", "IT", population=316491)
    names = [(2988507, NameRecord("ba li")), (2988507, NameRecord("巴黎", "zh"))]
    names += [(3182351, NameRecord("ba li")), (3182351, NameRecord("巴里", "zh"))]  # the pinyin first
    path = tmp_path / "index.sqlite"
    finish = partial(store_answers, progress=False) if stored else None
    build_index(ListSource([paris, bari], separate_names=names), path, progress=False, finish=finish)
    reader = open_index(path)
    resolver = Resolver(reader)
    for name, expected in (("巴黎", 2988507), ("巴里", 3182351), ("巴黎", 2988507), ("巴里", 3182351)):
        assert resolver.resolve(Query(name))[0].place.geoname_id == expected, name
    reader.close()


def test_answers_of_other_rules_are_not_read(
    fixture_with_answers: IndexReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    reader = open_index(copy_with_answers_of_other_rules(fixture_with_answers.path, tmp_path / "other-rules.sqlite"))
    with caplog.at_level(logging.WARNING):
        resolver = Resolver(reader)
    assert "other matching rules" in caplog.text
    monkeypatch.setattr(Resolver, "_rank", _never_ranks)
    with pytest.raises(AssertionError, match="worked out"):
        resolver.resolve(Query("Hama"))
    reader.close()


def test_an_index_built_without_stored_answers_stores_none(tmp_path: Path) -> None:
    path = tmp_path / "bare.sqlite"
    build_index(ListSource(springfields()), path, progress=False, finish=partial(store_answers, limit=0))
    reader = open_index(path)
    assert not reader.has_stored_answers()
    assert reader.answer_reasons() == []
    assert Resolver(reader).resolve(Query("Shelbyville"))[0].place.geoname_id == 5000
    reader.close()


def test_the_limit_keeps_the_warmest_names_answers(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite"
    store_one = partial(store_answers, limit=1, progress=False)
    build_index(ListSource(springfields()), path, progress=False, finish=store_one)
    reader = open_index(path)
    assert reader.meta["stored_answers"] == "1"
    reader.close()


def test_worker_processes_store_what_one_process_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_fixture(tmp_path / "geonames")
    alone, parallel = tmp_path / "alone.sqlite", tmp_path / "parallel.sqlite"
    build_index(source, alone, progress=False, finish=partial(store_answers, workers=1, progress=False))
    monkeypatch.setattr(stored_module, "_IN_PROCESS_UP_TO", 0)
    monkeypatch.setattr(stored_module, "_CHUNK", 3)
    build_index(source, parallel, progress=False, finish=partial(store_answers, workers=2, progress=False))
    tables = []
    for path in (alone, parallel):
        with sqlite3.connect(path) as conn:
            answers = conn.execute("SELECT key, answers FROM stored_answers ORDER BY key").fetchall()
            reasons = conn.execute("SELECT text FROM answer_reasons ORDER BY id").fetchall()
        conn.close()
        tables.append((answers, sorted(reasons)))
    assert tables[0][0]
    # Worker processes finish in any order: the reasons' numbers may differ, never what they decode to.
    assert tables[0][1] == tables[1][1]
    decoded = [
        {key: StoredAnswers([r for (r,) in reasons_of(path)]).decode(blob) for key, blob in answers}
        for path, (answers, _) in zip((alone, parallel), tables, strict=True)
    ]
    assert decoded[0] == decoded[1]


def reasons_of(path: Path) -> list[tuple[str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT text FROM answer_reasons ORDER BY id").fetchall()
    conn.close()
    return rows


def test_a_failed_answer_step_publishes_no_index(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"

    def fails(unpublished: Path) -> None:
        assert unpublished.exists() and unpublished != path
        raise RuntimeError("storing answers failed")

    with pytest.raises(RuntimeError, match="storing answers failed"):
        build_index(ListSource(springfields()), path, progress=False, finish=fails)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_answer_comes_back_exactly(fixture_with_answers: IndexReader) -> None:
    answers = Resolver(fixture_with_answers, stored_answers=False).resolve(Query("Hama"))
    stored = [StoredAnswer.of(answer) for answer in answers]
    assert None not in stored
    codec = StoredAnswers()
    encoded = codec.encode([answer for answer in stored if answer is not None])
    assert encoded is not None
    assert StoredAnswers(codec.reasons).decode(encoded) == stored
    for answer, again in zip(answers, stored, strict=True):
        assert again is not None
        matched = answer.place.name if again.matched_name is None else again.matched_name
        assert (matched, again.explanation(matched)) == (answer.matched_name, answer.explanation)


@pytest.mark.parametrize(
    ("place_id", "matched_name"),
    [(7, None), (2**32 + 7, "Hamāh"), (-(2**40), "x" * 300), (3, "")],
)
def test_every_field_comes_back(place_id: int, matched_name: str | None) -> None:
    reasons = "name 0.95 by phonetic; prominence 0.40"
    answer = StoredAnswer(place_id, 0.8125, MatchKind.PHONETIC, matched_name, reasons, has_related=place_id == 3)
    codec = StoredAnswers()
    encoded = codec.encode([answer, answer])
    assert encoded is not None
    assert StoredAnswers(codec.reasons).decode(encoded) == [answer, answer]


def test_an_answer_that_would_not_come_back_exactly_is_not_stored(fixture_with_answers: IndexReader) -> None:
    (answer, *_) = Resolver(fixture_with_answers, stored_answers=False).resolve(Query("Aleppo"))
    fields = {slot: getattr(answer, slot) for slot in Candidate.__slots__}
    assert StoredAnswer.of(Candidate(**{**fields, "explanation": "worded another way"})) is None
    # The explanation names another kind of match.
    assert StoredAnswer.of(Candidate(**{**fields, "match_kind": MatchKind.FUZZY})) is None
    stored = StoredAnswer.of(answer)
    assert stored is not None
    assert StoredAnswers().encode([stored._replace(confidence=0.123456)]) is None
    assert StoredAnswers().encode([stored]) is not None


@pytest.mark.parametrize("changed_at", [0, 1])
def test_no_answers_are_stored_when_the_answering_code_changes_during_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, changed_at: int
) -> None:
    # An upgrade while a full build answers its names: the stored answers would be read as the
    # new code's, some of them worked out by the old.
    digests = [answers_fingerprint()] * changed_at + ["the upgraded code"] * 2
    monkeypatch.setattr(stored_module, "answering_code_digest", lambda: digests.pop(0))
    path = tmp_path / "index.sqlite"
    with caplog.at_level(logging.WARNING, logger=stored_module.__name__):
        build_index(ListSource(springfields()), path, progress=False, finish=partial(store_answers, progress=False))
    assert "the matching code changed on disk while the build answered its names" in caplog.text
    reader = open_index(path)
    assert not reader.has_stored_answers()
    assert Resolver(reader).resolve(Query("Shelbyville"))[0].place.geoname_id == 5000
    reader.close()


def test_the_fingerprint_names_this_code() -> None:
    assert answers_fingerprint() == answers_fingerprint()
    assert len(answers_fingerprint()) == 32


def test_the_embedded_index_answers_known_names_as_it_would_work_them_out(embedded_index: IndexReader) -> None:
    if embedded_index.meta.get(ANSWERS_FINGERPRINT) != answers_fingerprint():
        pytest.skip("the tests' embedded index stores no answers of these rules (built before they changed)")
    rng = random.Random(7)
    warmest = rng.sample(embedded_index.warm_name_ids(20_000), 300)  # among the first whose answers are stored
    names = [row.text for row in embedded_index.names_by_id(warmest)]
    names += ["al-Tanf", "Al Waleed", "Kobanî", "Ayn al-Arab", "Hasakeh", "الحسكة", "Хасеке", "Alep"]  # related places
    reading = Resolver(embedded_index, cache_size=0)
    working = Resolver(embedded_index, cache_size=0, stored_answers=False)
    for name in names:
        assert reading.resolve(Query(name)) == working.resolve(Query(name)), name


def test_the_names_to_answer_are_listed_by_the_folded_forms_the_build_stored(
    fixture_with_answers: IndexReader, embedded_index: IndexReader
) -> None:
    # The listing reads each name's folded form and script flag instead of folding its text
    # again: they must be what fold gives, in every script of the embedded gazetteer.
    for reader, every in ((fixture_with_answers, 1), (embedded_index, 97)):
        sample = list(islice(reader.folded_names(), 0, None, every))
        assert len(sample) > 10
        for text, folded, flags in sample:
            # GeoNames' pinyin of a Chinese name is flagged as the name, though Latin.
            flagged = bool(flags & FLAG_NON_LATIN) and not is_pinyin_romanisation(text)
            assert (folded, flagged) == fold(text), text
    expected: dict[int, str] = {}
    for text, _, _ in stored_module._texts(fixture_with_answers):
        folded, transliterated = fold(text)
        if folded:
            # A name in the Turkish alphabet or with marks is asked by its folded form (see above).
            by_folded = turkish_alphabet_folded(text) or (not transliterated and marked_of(text))
            expected.setdefault(answer_key(folded, transliterated), folded if by_folded else text)
    assert stored_module._distinct_names(fixture_with_answers, 10**6) == list(expected.items())
    assert stored_module._distinct_names(fixture_with_answers, 3) == list(expected.items())[:3]
