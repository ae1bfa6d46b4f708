"""The annotated-text format of the acceptance texts, and mention-level scoring."""

from __future__ import annotations

from toponym_server.text.annotated import GoldMention, Score, parse_annotated, score


def test_markup_gives_the_plain_text_and_the_gold_spans() -> None:
    text, gold = parse_annotated("Near [[Hama|170017]] and [[Raqqa|172955,172957]].")
    assert text == "Near Hama and Raqqa."
    assert gold == [
        GoldMention(5, 9, "Hama", frozenset({170017})),
        GoldMention(14, 19, "Raqqa", frozenset({172955, 172957})),
    ]


def test_a_mention_is_right_only_with_its_span_and_an_accepted_place() -> None:
    _, gold = parse_annotated("[[Hama|1]] [[Homs|2]]")
    result = score([(0, 4, 1), (5, 9, 3), (5, 7, 2)], gold)
    assert result == Score(right=1, found=3, gold=2)
    assert (result.precision, result.recall) == (1 / 3, 1 / 2)
    assert score([], []).precision == 1.0
