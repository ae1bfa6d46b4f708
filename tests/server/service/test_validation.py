"""Request validation in process: what a valid request becomes, and which names pass."""

from __future__ import annotations

import pytest

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.matching.confidence import DEFAULT_MIN_CONFIDENCE
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query
from toponym_server.service import validation
from toponym_server.service.validation import DEFAULT_CANDIDATES, InvalidRequestError, to_query


@pytest.mark.parametrize(
    "request_",
    [
        pb.ResolveRequest(name="Aleppo"),
        pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints()),
        pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints(max_candidates=0, language="")),
    ],
)
def test_a_request_without_hints_is_a_bare_query_of_the_default_size(request_: pb.ResolveRequest) -> None:
    query = to_query(request_)
    assert query == Query("Aleppo", Hints(), limit=DEFAULT_CANDIDATES, min_confidence=DEFAULT_MIN_CONFIDENCE)
    assert query.hints == Hints()


def test_a_minimum_confidence_set_to_zero_keeps_every_candidate_and_unset_is_the_default() -> None:
    zero = to_query(pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints(min_confidence=0.0)))
    unset = to_query(pb.ResolveRequest(name="Aleppo", hints=pb.ResolveHints(max_candidates=3)))
    assert (zero.min_confidence, unset.min_confidence) == (0.0, DEFAULT_MIN_CONFIDENCE)


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


@pytest.mark.parametrize("name", ["\x1f", " \x1c "])
def test_a_name_of_separator_control_characters_is_refused_for_them_not_as_blank(name: str) -> None:
    # str.strip takes \x1c-\x1f for whitespace: such a name was refused as "empty or only whitespace".
    with pytest.raises(InvalidRequestError, match="control characters") as refused:
        to_query(pb.ResolveRequest(name=name))
    assert "whitespace" not in str(refused.value)


def test_a_private_use_character_is_refused_as_one() -> None:
    with pytest.raises(InvalidRequestError, match="private-use"):
        to_query(pb.ResolveRequest(name="Ha\ue000ma"))


def test_the_same_hints_again_make_the_same_query_and_other_hints_another() -> None:
    lebanon = pb.ResolveHints(country_codes=["lb"], max_candidates=3, language="ar")
    first = to_query(pb.ResolveRequest(name="Tripoli", hints=lebanon))
    again = to_query(pb.ResolveRequest(name="Trablous", hints=lebanon))
    libya = to_query(pb.ResolveRequest(name="Tripoli", hints=pb.ResolveHints(country_codes=["LY"], max_candidates=3)))
    assert first == Query("Tripoli", Hints(countries=frozenset({"LB"}), language="ar"), 3, DEFAULT_MIN_CONFIDENCE)
    assert again == Query("Trablous", first.hints, 3, DEFAULT_MIN_CONFIDENCE)
    assert libya.hints == Hints(countries=frozenset({"LY"}))


def test_bad_hints_are_refused_every_time_with_the_item_s_own_path() -> None:
    bad = pb.ResolveHints(country_codes=["ZZZ"], max_candidates=5)
    for i in (3, 7):
        with pytest.raises(InvalidRequestError) as caught:
            to_query(pb.ResolveRequest(name="Hama", hints=bad), f"requests[{i}]")
        assert [v.field for v in caught.value.violations] == [f"requests[{i}].hints.country_codes[0]"]


def test_a_bad_name_is_refused_beside_hints_met_before() -> None:
    hints = pb.ResolveHints(max_candidates=5)
    to_query(pb.ResolveRequest(name="Hama", hints=hints))
    with pytest.raises(InvalidRequestError) as caught:
        to_query(pb.ResolveRequest(name="Ha\x00ma", hints=hints), "requests[2]")
    assert [v.field for v in caught.value.violations] == ["requests[2].name"]


def test_the_settings_kept_for_hints_are_bounded() -> None:
    for n in range(validation._SETTINGS_KEPT + 50):
        to_query(pb.ResolveRequest(name="Hama", hints=pb.ResolveHints(near=pb.LatLng(latitude=n / 1000, longitude=1))))
    assert 0 < len(validation._kept_settings) <= validation._SETTINGS_KEPT


@pytest.mark.parametrize(
    ("hints", "field", "problem"),
    [
        (pb.ResolveHints(language="en-US\n"), "language", "is not a BCP 47 language tag"),
        (pb.ResolveHints(country_codes=["SY\n"]), "country_codes[0]", "is not an ISO 3166-1 alpha-2 code"),
    ],
)
def test_a_code_with_a_trailing_newline_is_malformed(hints: pb.ResolveHints, field: str, problem: str) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        to_query(pb.ResolveRequest(name="Hama", hints=hints))
    [violation] = raised.value.violations
    assert violation.field == f"hints.{field}"
    assert problem in violation.description


def test_an_error_names_its_first_violations_and_counts_the_rest() -> None:
    codes = [f"Q{letter}" for letter in "BCDEFGHIJKLMNOPQRSTUVWXYZ"]  # 25 codes no country has (QA is Qatar)
    with pytest.raises(InvalidRequestError) as raised:
        to_query(pb.ResolveRequest(name="Hama", hints=pb.ResolveHints(country_codes=codes)))
    error = raised.value
    assert len(error.violations) == 25
    assert [v.field for v in error.reported] == [f"hints.country_codes[{i}]" for i in range(10)]
    assert str(error).count("is not a known country code") == 10
    assert str(error).endswith("; and 15 more")
