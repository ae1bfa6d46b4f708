"""The broad keys' first stage: which of many candidates go on to full ranking."""

from __future__ import annotations

import itertools

from toponym_server.matching.features import Kind
from toponym_server.matching.normalize import content_spelling, normalize
from toponym_server.matching.ranking import FLAG_CANONICAL, FLAG_CODE, Hints, NameHit, PlaceFacts, shortlist

_ids = itertools.count(1)


def _candidate(
    name: str, *, country: str = "SY", prominence: float = 0.5, flags: int = FLAG_CANONICAL
) -> tuple[PlaceFacts, list[NameHit]]:
    views = normalize(name)
    place = PlaceFacts(next(_ids), "P", "PPL", country, 35.0, 38.0, prominence)
    return place, [
        NameHit(
            next(_ids),
            name,
            "",
            flags,
            views.folded,
            views.phonetic,
            views.skeleton,
            content_spelling(views.folded),
        )
    ]


def test_few_candidates_are_all_kept() -> None:
    candidates = [_candidate("Hasakah"), _candidate("Qamishli")]
    assert shortlist(normalize("Hasaka"), candidates, Hints(), 5) == [0, 1]


def test_the_closest_spellings_are_kept_in_their_original_order() -> None:
    candidates = [
        _candidate("Tartus", prominence=0.6),
        _candidate("Hasakah"),
        _candidate("Deir ez-Zor", prominence=0.6),
        _candidate("Al Hasaka"),
        _candidate("Latakia", prominence=0.6),
    ]
    assert shortlist(normalize("Hasaka"), candidates, Hints(), 2) == [1, 3]


def test_a_place_with_a_closer_name_among_several_is_judged_by_it() -> None:
    place, names = _candidate("Tartus")
    names.append(_candidate("Hasakeh")[1][0])
    candidates = [_candidate("Homs"), (place, names), _candidate("Idlib")]
    assert shortlist(normalize("Hasaka"), candidates, Hints(), 1) == [1]


def test_the_spelling_of_the_content_words_keeps_a_small_place_spelt_nearly_as_the_query() -> None:
    # The full ranking weighs the spelling with letters that sound alike written one way most of
    # all name evidence: a small place spelt so as the query must not give way to a prominent one.
    candidates = [_candidate("Qamsh", prominence=0.45), _candidate("Kamishli", prominence=0.1)]
    assert shortlist(normalize("Qamishly"), candidates, Hints(), 1) == [1]
    candidates = [_candidate("Sandaun", prominence=0.5), _candidate("Cisandaan", prominence=0.1)]
    assert shortlist(normalize("Cysandaan"), candidates, Hints(), 1) == [1]


def test_prominence_and_the_hinted_country_lift_a_candidate() -> None:
    candidates = [_candidate("Hasakah", country="IQ"), _candidate("Hasakah", country="SY")]
    assert shortlist(normalize("Hasaka"), candidates, Hints(countries=frozenset({"SY"})), 1) == [1]
    candidates = [_candidate("Hasakah", prominence=0.1), _candidate("Hasakah", prominence=0.9)]
    assert shortlist(normalize("Hasaka"), candidates, Hints(), 1) == [1]


def test_only_places_the_hints_admit_are_chosen() -> None:
    town = _candidate("Hasakah", prominence=0.9)
    division = (PlaceFacts(next(_ids), "A", "ADM1", "SY", 35.0, 38.0, 0.5), _candidate("Hasakeh Governorate")[1])
    abroad = _candidate("Hasaka", country="IQ")
    candidates = [town, abroad, division]
    assert shortlist(normalize("Hasaka"), candidates, Hints(kinds=frozenset({Kind.ADMIN_AREA})), 1) == [2]
    restricted = Hints(countries=frozenset({"IQ"}), restrict_to_countries=True)
    assert shortlist(normalize("Hasaka"), candidates, restricted, 1) == [1]


def test_the_bias_point_lifts_a_small_namesake_near_it() -> None:
    big = _candidate("Springfield", country="US", prominence=0.6)
    near_place, names = _candidate("Springfield", country="GB", prominence=0.3)
    small = (near_place._replace(latitude=56.295, longitude=-3.061), names)
    candidates = [big, small]
    assert shortlist(normalize("Springfield"), candidates, Hints(), 1) == [0]
    assert shortlist(normalize("Springfield"), candidates, Hints(near=(56.3, -3.0)), 1) == [1]


def test_a_candidate_without_names_is_never_chosen() -> None:
    nameless = (PlaceFacts(next(_ids), "P", "PPL", "SY", 35.0, 38.0, 0.99), [])
    candidates = [_candidate("Tartus"), nameless, _candidate("Hasakah")]
    assert shortlist(normalize("Hasaka"), candidates, Hints(), 2) == [0, 2]


def test_a_query_with_a_generic_word_keeps_the_place_of_its_name_not_of_its_word() -> None:
    # Sinjar district: the more prominent Sanghar District shares only the word.
    candidates = [
        _candidate("Sanghar District", country="PK", prominence=0.74),
        _candidate("Sinjar", country="IQ", prominence=0.56),
        _candidate("Thatta District", country="PK", prominence=0.72),
    ]
    assert shortlist(normalize("Sinjar district"), candidates, Hints(), 1) == [1]


def test_a_code_takes_no_place_from_a_query_in_another_script_than_latin() -> None:
    # عدن romanises as adn: the airport code ADN spells so, but no Arabic writer means a code.
    candidates = [_candidate("ADN", country="CO", prominence=0.9, flags=FLAG_CODE), _candidate("Adan", prominence=0.2)]
    assert shortlist(normalize("عدن"), candidates, Hints(), 1) == [1]
    assert shortlist(normalize("ADN"), candidates, Hints(), 1) == [0]
