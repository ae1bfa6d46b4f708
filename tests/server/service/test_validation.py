"""Request validation in process: what a valid request becomes, and which names pass."""

from __future__ import annotations

import pytest

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.matching.confidence import DEFAULT_MIN_CONFIDENCE
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query
from toponym_server.service.validation import DEFAULT_CANDIDATES, InvalidRequestError, to_query


@pytest.mark.parametrize(
    "request_",
    [
        pb.ResolveRequest(name="Aleppo"),
        pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints()),
        pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints(max_candidates=0, min_confidence=0.0, language="")),
    ],
)
def test_a_request_without_hints_is_a_bare_query_of_the_default_size(request_: pb.ResolveRequest) -> None:
    query = to_query(request_)
    assert query == Query("Aleppo", Hints(), limit=DEFAULT_CANDIDATES, min_confidence=DEFAULT_MIN_CONFIDENCE)
    assert query.hints == Hints()


def test_a_hint_at_its_zero_value_but_set_is_still_a_hint() -> None:
    # A bias point at (0, 0) is a point: the request carries it, so it is checked and kept.
    query = to_query(pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints(near=pb.LatLng(latitude=0, longitude=0))))
    assert query.hints.near == (0.0, 0.0)


@pytest.mark.parametrize(
    "name",
    [
        "Ha\u00a0ma",  # a no-break space: not printable, but a separator any name may hold
        "Kobani\u200c",  # a zero-width non-joiner (a format character), as Persian text writes
        "Ḥamāh",
    ],
)
def test_names_with_characters_str_isprintable_refuses_but_names_hold_pass(name: str) -> None:
    assert to_query(pb.ResolveRequest(name=name)).name == name


@pytest.mark.parametrize("name", ["Ha\tma", "Ha\x7fma", "Ha\U000e0080ma", "Ha\ue000ma"])
def test_control_private_and_unassigned_characters_are_refused_without_hints_too(name: str) -> None:
    with pytest.raises(InvalidRequestError, match="control characters"):
        to_query(pb.ResolveRequest(name=name))
