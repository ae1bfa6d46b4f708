"""A document's context: which points each name is ranked again with, and the order names settle in.

The names here rank against a made-up world: each name has a few namesakes, and ranking it in a
context picks the namesake nearest the context's points, surer the nearer it is.
"""

from __future__ import annotations

import math

import pytest

from toponym_server.index.reader import PlaceRow
from toponym_server.matching.features import Kind
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import Candidate, contexts_for, contexts_within, settle_in_context
from toponym_server.resolver.context import LEADER_CONFIDENCE, SETTLED_CONFIDENCE, UNSURE_BELOW, Likely, Points

# (GeoNames ID, latitude, longitude, country code) of the namesakes each name may mean: from the
# second on, the context point the namesake pulls a document's other names with.
TRIPOLI_LY = (2210247, 32.89, 13.19, "LY")
TRIPOLI_LB = (266826, 34.44, 35.85, "LB")
SIDON = (268064, 33.56, 35.37, "LB")
SAIDA_DZ = (2482572, 34.83, 0.15, "DZ")
BEIRUT = (276781, 33.89, 35.49, "LB")
NAMESAKES = {
    "Tripoli": (TRIPOLI_LY, TRIPOLI_LB),
    "Saida": (SIDON, SAIDA_DZ),
    "Beirut": (BEIRUT,),
}


def _answer(name: str, place: tuple[int, float, float, str], confidence: float) -> list[Candidate]:
    geoname_id, latitude, longitude, country = place
    row = PlaceRow(geoname_id, name, name, latitude, longitude, "P", "PPL", country, "", "", 1000, 0.0, False)
    return [
        Candidate(
            place=row,
            kind=Kind.POPULATED_PLACE,
            admin1_name="",
            localized_name="",
            confidence=confidence,
            match_kind=MatchKind.EXACT,
            matched_name=name,
            explanation="",
        )
    ]


class World:
    """Ranks names in a context as the resolver would in spirit: the nearest namesake wins."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.calls: list[tuple[int, Points]] = []

    def rank(self, i: int, points: Points) -> list[Candidate]:
        self.calls.append((i, points))
        name = self.names[i]

        def distance(place: tuple[int, float, float, str]) -> float:
            return sum(math.dist(place[1:3], point[:2]) for point in points) / len(points)

        best = min(NAMESAKES[name], key=distance)
        return _answer(name, best, 0.99 if distance(best) < 5 else 0.6)


def _ids(answers: list[list[Candidate] | None]) -> list[int | None]:
    return [found[0].place.geoname_id if found else None for found in answers]


def test_a_name_is_ranked_with_the_confident_leaders_of_the_others_each_once() -> None:
    alone = [
        _answer("Tripoli", TRIPOLI_LY, 0.86),
        _answer("Beirut", BEIRUT, 0.7),
        _answer("Beirut", BEIRUT, 0.7),
        _answer("Saida", SIDON, LEADER_CONFIDENCE - 0.01),
    ]
    contexts = contexts_for(alone)
    assert contexts[0] == (BEIRUT[1:],)  # Beirut twice pulls once; a weak Saida not at all
    assert contexts[1] == contexts[2] == (TRIPOLI_LY[1:],)  # a repeated name does not pull itself
    assert contexts[3] == (TRIPOLI_LY[1:], BEIRUT[1:])


def test_a_settled_name_or_one_without_answers_is_not_ranked_again() -> None:
    alone = [_answer("Beirut", BEIRUT, SETTLED_CONFIDENCE), None, _answer("Tripoli", TRIPOLI_LY, 0.86)]
    contexts = contexts_for(alone)
    assert contexts[0] == () and contexts[1] == ()
    assert contexts[2] == (BEIRUT[1:],)


def test_the_leaders_may_be_the_answers_so_far() -> None:
    alone = [_answer("Tripoli", TRIPOLI_LY, 0.86), _answer("Saida", SIDON, 0.5)]
    current = [_answer("Tripoli", TRIPOLI_LB, 0.99), alone[1]]
    assert contexts_for(alone, current)[1] == (TRIPOLI_LB[1:],)


def test_a_name_of_a_part_is_pulled_by_the_other_names_of_its_own_part_only() -> None:
    tripoli, saida, beirut = (
        _answer("Tripoli", TRIPOLI_LY, 0.86),
        _answer("Saida", SIDON, 0.7),
        _answer("Beirut", BEIRUT, 0.7),
    )
    parts = [0, 0, 1, 1, 1, 1]
    alone = [tripoli, saida, tripoli, beirut, saida, beirut]
    current = [tripoli, saida, tripoli, beirut, None, beirut]  # the second Saida is no mention
    contexts = contexts_within(parts, alone, current)
    assert contexts[0] == (SIDON[1:],)
    assert contexts[1] == (TRIPOLI_LY[1:],)
    assert contexts[2] == (BEIRUT[1:],)  # neither a name of another part nor one that is no mention pulls
    assert contexts[3] == contexts[5] == (TRIPOLI_LY[1:],)  # a name written twice does not pull itself
    assert contexts[4] == (TRIPOLI_LY[1:], BEIRUT[1:])


def test_names_that_pull_each_other_across_do_not_cross() -> None:
    # Against the lone leaders, Tripoli goes to Lebanon (pulled by Sidon) and Saida to Algeria
    # (pulled by the Libyan Tripoli): the surer Tripoli settles first, and Saida follows it.
    names = ["Tripoli", "Saida"]
    world = World(names)
    alone = [_answer("Tripoli", TRIPOLI_LY, 0.86), _answer("Saida", SIDON, 0.5)]
    settled, used = settle_in_context(alone, world.rank)
    assert _ids(settled) == [TRIPOLI_LB[0], SIDON[0]]
    assert used == [(SIDON[1:],), (TRIPOLI_LB[1:],)]


def test_the_surest_name_and_a_name_whose_context_did_not_move_are_ranked_once() -> None:
    names = ["Tripoli", "Beirut", "Saida"]
    world = World(names)
    alone = [_answer("Tripoli", TRIPOLI_LY, 0.86), _answer("Beirut", BEIRUT, 0.9), _answer("Saida", SIDON, 0.7)]
    settled, _ = settle_in_context(alone, world.rank)
    assert _ids(settled) == [TRIPOLI_LB[0], BEIRUT[0], SIDON[0]]
    ranked = [i for i, _ in world.calls]
    # Each once against the lone leaders; then only those whose context Tripoli's move changed.
    assert ranked[:3] == [0, 1, 2]
    assert sorted(ranked[3:]) == [1, 2]


def test_a_name_that_may_not_move_keeps_its_lone_answer_and_still_pulls() -> None:
    names = ["Tripoli", "Saida"]
    world = World(names)
    alone = [_answer("Tripoli", TRIPOLI_LY, 0.86), _answer("Saida", SIDON, 0.5)]
    settled, used = settle_in_context(alone, world.rank, movable=[False, True])
    assert _ids(settled) == [TRIPOLI_LY[0], SAIDA_DZ[0]]
    assert [i for i, _ in world.calls] == [1]
    assert used[1] == (TRIPOLI_LY[1:],)


@pytest.mark.parametrize("alone", [[], [None], [None, None]])
def test_names_without_answers_stay_without(alone: list[list[Candidate] | None]) -> None:
    world = World([])
    settled, used = settle_in_context(alone, world.rank)
    assert settled == alone
    assert used == [()] * len(alone)
    assert world.calls == []


# Two names unsure alone, in a made-up world: each has a likely place near one of the other's
# (B, 55 km apart), while their leaders (A) lie far apart.
KINGSTON_A, KINGSTON_B = (9000001, 0.0, 0.0, "JM"), (9000002, 60.0, 61.0, "CA")
PRESCOTT_A, PRESCOTT_B = (9000003, 0.0, 40.0, "US"), (9000004, 60.0, 60.0, "CA")
NAMESAKES.update({"Kingston": (KINGSTON_A, KINGSTON_B), "Prescott": (PRESCOTT_A, PRESCOTT_B)})


def _likely(*answers: list[Candidate]) -> Likely:
    return lambda i: answers[i]


def _two_unsure() -> tuple[list[list[Candidate] | None], list[list[Candidate]]]:
    kingston, prescott = _answer("Kingston", KINGSTON_A, 0.54), _answer("Prescott", PRESCOTT_A, 0.53)
    likely = [kingston + _answer("Kingston", KINGSTON_B, 0.11), prescott + _answer("Prescott", PRESCOTT_B, 0.30)]
    return [kingston, prescott], likely


def test_names_unsure_alone_offer_each_other_the_likely_places_that_lie_together() -> None:
    alone, likely = _two_unsure()
    settled, used = settle_in_context(alone, World(["Kingston", "Prescott"]).rank, likely=_likely(*likely))
    assert _ids(settled) == [KINGSTON_B[0], PRESCOTT_B[0]]
    assert PRESCOTT_B[1:] in used[0] and KINGSTON_B[1:] in used[1]
    # Without companions each is pulled only by the other's far leader.
    assert _ids(settle_in_context(alone, World(["Kingston", "Prescott"]).rank)[0]) == [KINGSTON_A[0], PRESCOTT_A[0]]


def test_a_name_sure_alone_offers_no_companions() -> None:
    alone, likely = _two_unsure()
    sure = _answer("Prescott", PRESCOTT_A, UNSURE_BELOW)
    world = World(["Kingston", "Prescott"])
    _, used = settle_in_context([alone[0], sure], world.rank, likely=_likely(likely[0], sure + likely[1][1:]))
    assert used[0] == (PRESCOTT_A[1:],)  # its leader only


def test_a_name_a_leader_already_pulls_near_one_of_its_likely_places_takes_no_companions() -> None:
    alone, likely = _two_unsure()
    near_b = _answer("Beirut", (9000005, 60.5, 61.0, "CA"), 0.99)  # a sure name, 56 km from Kingston B
    world = World(["Kingston", "Prescott", "Beirut"])
    _, used = settle_in_context([*alone, near_b], world.rank, likely=_likely(*likely, near_b))
    assert PRESCOTT_B[1:] not in used[0]  # the sure name already pulls Kingston toward B


def test_a_name_that_may_not_move_offers_no_companions() -> None:
    alone, likely = _two_unsure()
    world = World(["Kingston", "Prescott"])
    settled, used = settle_in_context(alone, world.rank, movable=[True, False], likely=_likely(*likely))
    assert used[0] == (PRESCOTT_A[1:],)
    assert _ids(settled) == [KINGSTON_A[0], PRESCOTT_A[0]]


LANARK_A, LANARK_B = (9000006, 0.0, 80.0, "GB"), (9000007, 60.2, 60.5, "CA")  # B: beside Kingston B and Prescott B
NAMESAKES["Lanark"] = (LANARK_A, LANARK_B)


def test_a_name_nothing_pulled_at_first_is_ranked_with_what_the_names_before_it_settled_on() -> None:
    # No name is a leader alone: Lanark has no context at first (its one likely place lies near
    # no other's), while Kingston and Prescott meet by their companions and settle, sure, in B.
    kingston, prescott = _answer("Kingston", KINGSTON_A, 0.45), _answer("Prescott", PRESCOTT_A, 0.44)
    lanark = _answer("Lanark", LANARK_A, 0.4)
    likely = _likely(
        kingston + _answer("Kingston", KINGSTON_B, 0.11), prescott + _answer("Prescott", PRESCOTT_B, 0.30), lanark
    )
    world = World(["Kingston", "Prescott", "Lanark"])
    settled, used = settle_in_context([kingston, prescott, lanark], world.rank, likely=likely)
    assert _ids(settled) == [KINGSTON_B[0], PRESCOTT_B[0], LANARK_B[0]]
    assert used[2] == (KINGSTON_B[1:], PRESCOTT_B[1:])


def test_a_point_tells_the_first_level_division_it_lies_in_and_whether_it_is_that_division() -> None:
    from dataclasses import replace

    from toponym_server.resolver.context import point_of

    town = _answer("Georgetown", (4292686, 38.21, -84.56, "US"), 0.9)[0]
    row = town.place._replace(geoname_id=6254925, name="Kentucky", feature_class="A", feature_code="ADM1")
    kentucky = replace(town, place=row._replace(admin1_code="KY"))
    assert point_of(kentucky) == (38.21, -84.56, "US", "KY", True)
    assert point_of(replace(town, place=town.place._replace(admin1_code="KY"))) == (38.21, -84.56, "US", "KY", False)
    assert point_of(replace(town, place=row)) == (38.21, -84.56, "US")  # no code: no division to tell


def test_a_country_s_point_says_it_is_its_country_s_area() -> None:
    from dataclasses import replace

    from toponym_server.matching.features import Kind
    from toponym_server.matching.ranking import point_division, point_is_country
    from toponym_server.resolver.context import point_of

    town = _answer("Mexico City", (3530597, 19.43, -99.13, "MX"), 0.9)[0]
    town = replace(town, place=town.place._replace(admin1_code="09"))
    row = town.place._replace(geoname_id=3996063, name="Mexico", feature_class="A", feature_code="PCLI", admin1_code="")
    mexico = replace(town, place=row, kind=Kind.COUNTRY)
    assert point_of(mexico) == (19.43, -99.13, "MX", "", True)
    assert point_is_country(point_of(mexico)) and point_division(point_of(mexico)) == ("", True)
    assert not point_is_country(point_of(town)) and not point_is_country((19.43, -99.13, "MX"))
