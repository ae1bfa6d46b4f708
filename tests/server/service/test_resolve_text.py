"""ResolveText over gRPC: the mentions a pipeline gets back, and the errors bad texts get."""

from __future__ import annotations

import pytest

from toponym_client import AsyncToponymClient, InvalidArgumentError, ToponymClient

DOCUMENT = (
    "Washington says the offensive stalled near al-Tanf, known as al-Waleed in Iraq. "
    "President Bashar al-Assad left Damascus; the Syrian Observatory for Human Rights (Sohr) said so."
)


def test_mentions_come_with_offsets_and_candidates(client: ToponymClient) -> None:
    mentions = client.resolve_text(DOCUMENT)
    found = {(m.text, m.best.geoname_id) for m in mentions}
    assert found == {
        ("Washington", 4140963),
        ("al-Tanf", 1_000_000_000_001),
        ("al-Waleed", 1_000_000_000_002),
        ("Iraq", 99237),
        ("Damascus", 170654),
    }
    for mention in mentions:
        assert DOCUMENT[mention.start : mention.end] == mention.text
        assert 0.5 <= mention.confidence <= 1.0
    tanf = next(m for m in mentions if m.text == "al-Tanf")
    assert 1_000_000_000_002 in {r.geoname_id for r in tanf.best.place.related}


def test_the_limit_and_the_threshold_are_per_mention(client: ToponymClient) -> None:
    (hama,) = client.resolve_text("Fighting in Hama.", limit=3, min_confidence=0.0)
    assert 1 <= len(hama.candidates) <= 3
    assert client.resolve_text("Fighting in Hama.", min_confidence=1.0) == []


async def test_the_async_client_finds_the_same_mentions(target: str, client: ToponymClient) -> None:
    async with AsyncToponymClient(target) as async_client:
        mentions = await async_client.resolve_text(DOCUMENT)
    assert [(m.start, m.best.geoname_id) for m in mentions] == [
        (m.start, m.best.geoname_id) for m in client.resolve_text(DOCUMENT)
    ]


@pytest.mark.parametrize(
    ("text", "field", "rule"),
    [
        ("   \n", "text", "must not be empty"),
        ("x" * 100_001, "text", "at most 100000 characters"),
        ("Aleppo\x00Homs", "text", "control characters"),
    ],
    ids=["blank", "too-long", "control-character"],
)
def test_a_bad_text_is_refused_naming_the_field(client: ToponymClient, text: str, field: str, rule: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve_text(text)
    (violation,) = caught.value.field_violations
    assert violation.field == field
    assert rule in violation.description
    assert client.resolve_text("Aleppo and Homs")  # the server keeps serving


def test_a_bad_hint_is_refused_too(client: ToponymClient) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve_text("Aleppo", country="XX")
    assert caught.value.field_violations[0].field == "hints.country_codes[0]"
