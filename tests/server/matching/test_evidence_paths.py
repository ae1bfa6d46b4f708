"""The two ways of computing evidence, name by name and column by column, agree bit for bit."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from toponym_server.matching.normalize import content_spelling, normalize
from toponym_server.matching.ranking import (
    FLAG_CANONICAL,
    FLAG_CODE,
    FLAG_HISTORIC,
    FLAG_NON_LATIN,
    FLAG_PREFERRED,
    Hints,
    NameHit,
    PlaceFacts,
    _evidence_by_column,
    _evidence_by_name,
)
from toponym_server.matching.scoring import PARTIAL, NameComparer
from toponym_server.matching.similarity import FEW_CHOICES

_WORDS = ["al", "hasaka", "hassakeh", "raqqa", "rakka", "deir", "ez", "zor", "الحسكة", "حلب", "Хасеке", "東京", "x"]
_FLAGS = [0, FLAG_CANONICAL, FLAG_PREFERRED, FLAG_HISTORIC, FLAG_CODE, FLAG_CANONICAL | FLAG_HISTORIC]

names = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)


@st.composite
def name_hit(draw: st.DrawFn) -> NameHit:
    text = draw(names)
    views = normalize(text)
    flags = draw(st.sampled_from(_FLAGS)) | (FLAG_NON_LATIN if views.transliterated else 0)
    lang = draw(st.sampled_from(["", "ar", "en", "ar-SY", "ku"]))
    return NameHit(0, text, lang, flags, views.folded, views.phonetic, views.skeleton, content_spelling(views.folded))


@st.composite
def candidate(draw: st.DrawFn) -> tuple[PlaceFacts, list[NameHit]]:
    # A country's codes are names (USA, UK): both paths must tell countries apart.
    feature_class, feature_code = draw(st.sampled_from([("P", "PPL"), ("A", "PCLI"), ("A", "ADM1")]))
    facts = PlaceFacts(
        draw(st.integers(1, 10**6)),
        feature_class,
        feature_code,
        draw(st.sampled_from(["SY", "IQ", "TR"])),
        34.0,
        38.0,
        draw(st.floats(0.0, 1.0)),
    )
    return facts, draw(st.lists(name_hit(), min_size=1, max_size=4))


@settings(max_examples=300, deadline=None)
@given(
    query=names,
    candidates=st.lists(candidate(), min_size=1, max_size=4),
    countries=st.sampled_from([frozenset(), frozenset({"SY"})]),
    language=st.sampled_from(["", "ar", "en"]),
)
def test_name_by_name_and_column_by_column_agree(
    query: str, candidates: list[tuple[PlaceFacts, list[NameHit]]], countries: frozenset[str], language: str
) -> None:
    normalized = normalize(query)
    hints = Hints(countries=countries, language=language)
    by_name = _evidence_by_name(normalized, candidates, hints)
    by_column = _evidence_by_column(normalized, candidates, hints)
    assert by_name.features.tobytes() == np.asarray(by_column.features, dtype=np.float64).tobytes()
    assert by_name.similarities == by_column.similarities
    assert by_name.views == by_column.views
    assert [id(name) for name in by_name.names] == [id(name) for name in by_column.names]


@settings(max_examples=100, deadline=None)
@given(query=names, hits=st.lists(name_hit(), min_size=FEW_CHOICES + 1, max_size=30))
def test_a_names_evidence_row_is_its_row_of_the_batch(query: str, hits: list[NameHit]) -> None:
    comparer = NameComparer(normalize(query))
    views = [(hit.folded, hit.phonetic, hit.skeleton) for hit in hits]
    spellings = [hit.spelled for hit in hits]
    batch = comparer.evidence_matrix(views, spellings)  # more than FEW_CHOICES: column by column
    similarities = batch[:, 0].tolist()
    credits = batch[:, PARTIAL].tolist()
    rows = [
        comparer.evidence_row(*view, spelled, similarity, credit)
        for view, spelled, similarity, credit in zip(views, spellings, similarities, credits, strict=True)
    ]
    assert np.array(rows, dtype=np.float64).tobytes() == batch.tobytes()
