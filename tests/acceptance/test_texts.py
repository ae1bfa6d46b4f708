"""Free-text acceptance: annotated articles in English, French, German and Arabic.

Each file in ``texts/`` marks its place mentions ``[[surface|GeoNames ID]]`` (see
``toponym_server.text.annotated``). The seed article must come out exactly; the others are held
to the precision and recall the README reports, so a regression shows. Each ``exact_`` file
holds short cases of spelling (possessives, decomposed accents, vowel marks, a letter of a name
that is also a proclitic) that must come out exactly too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toponym_server.index import IndexReader
from toponym_server.resolver import Resolver
from toponym_server.text import TextResolver
from toponym_server.text.annotated import parse_annotated, score

TEXTS = Path(__file__).parent / "texts"


@pytest.fixture(scope="module")
def text_resolver(resolver: Resolver, embedded_index: IndexReader) -> TextResolver:
    return TextResolver(resolver, embedded_index)


def found_mentions(text_resolver: TextResolver, text: str) -> list[tuple[int, int, int]]:
    return [(m.start, m.end, m.candidates[0].place.geoname_id) for m in text_resolver.resolve_text(text)]


EXACT = sorted(["en_seed_article.txt", *(p.name for p in TEXTS.glob("exact_*.txt"))])
"""Texts that must come out exactly: the seed article, and the cases of spelling each ``exact_`` file holds."""


@pytest.mark.parametrize("name", EXACT)
def test_the_seed_article_and_exact_texts_come_out_exactly(text_resolver: TextResolver, name: str) -> None:
    text, gold = parse_annotated((TEXTS / name).read_text(encoding="utf-8"))
    found = found_mentions(text_resolver, text)
    expected = {(g.start, g.end): g.ids for g in gold}
    wrong = [(text[s:e], place) for s, e, place in found if place not in expected.get((s, e), frozenset())]
    missed = [g.text for g in gold if (g.start, g.end) not in {(s, e) for s, e, _ in found}]
    assert wrong == [] and missed == []


@pytest.mark.parametrize("name", sorted(p.name for p in TEXTS.glob("*.txt") if p.name not in EXACT))
def test_other_articles_reach_the_reported_precision_and_recall(text_resolver: TextResolver, name: str) -> None:
    text, gold = parse_annotated((TEXTS / name).read_text(encoding="utf-8"))
    result = score(found_mentions(text_resolver, text), gold)
    assert result.precision >= 0.8, result
    assert result.recall >= 0.8, result
