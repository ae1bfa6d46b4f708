"""Ranking: how hints, context and the query's own words change which place wins."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pytest

import toponym_server.matching.ranking as ranking_module
from toponym_server.matching.confidence import confidences
from toponym_server.matching.features import Kind
from toponym_server.matching.normalize import content_spelling, normalize
from toponym_server.matching.ranking import (
    CONTENT_EQUAL,
    FLAG_CANONICAL,
    FLAG_CODE,
    FLAG_CUSTOM,
    FLAG_HISTORIC,
    FLAG_NON_LATIN,
    FLAG_PREFERRED,
    FLAG_ROMANISED,
    W_ADMIN_AREA,
    W_ARTICLE,
    W_CANONICAL,
    W_COUNTRY,
    W_DESCRIBED,
    W_LANGUAGE,
    Hints,
    NameHit,
    Namesakes,
    PlaceFacts,
    Ranked,
    Town,
    distance_km,
    rank,
    unit_vectors,
)
from toponym_server.matching.similarity import MatchKind

_ids = itertools.count(1)

# (lat, lon) of places used as bias points and context
HOMS = (34.73, 36.71)
ALEPPO = (36.20, 37.16)
DAMASCUS = (33.51, 36.29)
TOKYO = (35.68, 139.69)


def hit(text: str, *, lang: str = "", flags: int = FLAG_CANONICAL) -> NameHit:
    views = normalize(text)
    if views.transliterated:
        flags |= FLAG_NON_LATIN
    return NameHit(
        next(_ids), text, lang, flags, views.folded, views.phonetic, views.skeleton, content_spelling(views.folded)
    )


def place(
    place_id: int,
    country: str,
    point: tuple[float, float],
    prominence: float,
    feature: str = "P.PPL",
) -> PlaceFacts:
    feature_class, feature_code = feature.split(".")
    return PlaceFacts(place_id, feature_class, feature_code, country, point[0], point[1], prominence)


def winner(query: str, candidates: Sequence[tuple[PlaceFacts, Sequence[NameHit]]], **kwargs: object) -> int:
    context = kwargs.pop("context", ())
    ranked = rank(normalize(query), candidates, Hints(**kwargs), context)  # type: ignore[arg-type]
    return ranked[0].place.place_id


@pytest.fixture()
def two_hamas() -> list[tuple[PlaceFacts, list[NameHit]]]:
    """The Syrian city and a slightly more prominent same-named place in Japan."""
    syria = place(170017, "SY", (35.13, 36.75), 0.80, "P.PPLA")
    japan = place(1862000, "JP", (35.0, 136.0), 0.84, "P.PPLA")
    return [(syria, [hit("Hama"), hit("حماة", lang="ar")]), (japan, [hit("Hama")])]


def test_without_hints_the_more_prominent_place_wins(two_hamas) -> None:
    assert winner("Hama", two_hamas) == 1862000


def test_country_hint_changes_the_winner(two_hamas) -> None:
    assert winner("Hama", two_hamas, countries=frozenset({"SY"})) == 170017
    assert winner("Hama", two_hamas, countries=frozenset({"JP"})) == 1862000


def test_country_hint_without_restriction_keeps_every_candidate(two_hamas) -> None:
    ranked = rank(normalize("Hama"), two_hamas, Hints(countries=frozenset({"SY"})))
    assert {r.place.place_id for r in ranked} == {170017, 1862000}


def test_restrict_to_countries_filters(two_hamas) -> None:
    ranked = rank(normalize("Hama"), two_hamas, Hints(countries=frozenset({"SY"}), restrict_to_countries=True))
    assert [r.place.place_id for r in ranked] == [170017]
    none_left = rank(normalize("Hama"), two_hamas, Hints(countries=frozenset({"IQ"}), restrict_to_countries=True))
    assert none_left == []


def test_near_point_changes_the_winner(two_hamas) -> None:
    assert winner("Hama", two_hamas, near=HOMS) == 170017
    assert winner("Hama", two_hamas, near=TOKYO) == 1862000


def test_context_points_change_the_winner(two_hamas) -> None:
    assert winner("Hama", two_hamas, context=[(*HOMS, "SY"), (*ALEPPO, "SY")]) == 170017
    assert winner("Hama", two_hamas, context=[(*TOKYO, "JP")]) == 1862000


def test_context_counts_the_closest_point(two_hamas) -> None:
    # one Syrian neighbour among far-away ones is enough
    assert winner("Hama", two_hamas, context=[(51.5, -0.12, "GB"), (40.7, -74.0, "US"), (*HOMS, "SY")]) == 170017


def test_under_confining_hints_context_orders_the_candidates_but_proves_nothing(two_hamas) -> None:
    # Where the hints leave places out, the place meant may be among them and every candidate
    # left a weak match that the document's region pulls alike: none of these gets the pull too.
    restricted = Hints(countries=frozenset({"SY", "JP"}), restrict_to_countries=True)
    for hints in (Hints(kinds=frozenset({Kind.POPULATED_PLACE})), restricted):
        confined = rank(normalize("Hama"), two_hamas, hints, [(*HOMS, "SY")])
        assert confined[0].place.place_id == 170017  # the context still orders them
        alone = {r.place.place_id: r for r in rank(normalize("Hama"), two_hamas, hints)}
        for item in confined:
            pull = item.score - alone[item.place.place_id].score
            assert pull > 0 and item.bonus == pytest.approx(alone[item.place.place_id].bonus + pull)
    free = rank(normalize("Hama"), two_hamas, Hints(), [(*HOMS, "SY")])
    assert free[0].place.place_id == 170017 and free[0].bonus == 0.0  # evidence for the place near it


@pytest.fixture()
def raqqa_city_and_governorate() -> list[tuple[PlaceFacts, list[NameHit]]]:
    city = place(163915, "SY", (35.95, 39.01), 0.75, "P.PPLA")
    governorate = place(163914, "SY", (35.80, 38.80), 0.70, "A.ADM1")
    return [
        (city, [hit("Ar Raqqah"), hit("Raqqa", flags=0)]),
        (governorate, [hit("Ar-Raqqah Governorate"), hit("Raqqa", flags=0)]),
    ]


def test_without_generic_word_the_city_wins(raqqa_city_and_governorate) -> None:
    assert winner("Raqqa", raqqa_city_and_governorate) == 163915


@pytest.mark.parametrize("query", ["Raqqa Governorate", "Province of Raqqa", "Muhafazat ar-Raqqa"])
def test_generic_admin_word_makes_the_admin_area_win(raqqa_city_and_governorate, query: str) -> None:
    assert winner(query, raqqa_city_and_governorate) == 163914


def test_generic_place_word_keeps_the_city(raqqa_city_and_governorate) -> None:
    assert winner("Raqqa City", raqqa_city_and_governorate) == 163915


def test_arabic_generic_admin_word_makes_the_admin_area_win(raqqa_city_and_governorate) -> None:
    assert winner("محافظة الرقة", raqqa_city_and_governorate) == 163914


def test_feature_kinds_filter(raqqa_city_and_governorate) -> None:
    only_admin = rank(normalize("Raqqa"), raqqa_city_and_governorate, Hints(kinds=frozenset({Kind.ADMIN_AREA})))
    assert [r.place.place_id for r in only_admin] == [163914]
    only_places = rank(normalize("Raqqa"), raqqa_city_and_governorate, Hints(kinds=frozenset({Kind.POPULATED_PLACE})))
    assert [r.place.place_id for r in only_places] == [163915]
    countries = rank(normalize("Raqqa"), raqqa_city_and_governorate, Hints(kinds=frozenset({Kind.COUNTRY})))
    assert countries == []


def test_language_hint_prefers_a_name_in_that_language() -> None:
    # Two places reached by the same spelling; only the second has it as a French name.
    us = place(4717560, "US", (33.66, -95.56), 0.42)
    fr = place(2988507, "FR", (48.85, 2.35), 0.40)
    candidates = [(us, [hit("Paris")]), (fr, [hit("Paris", lang="fr", flags=0)])]
    assert winner("Paris", candidates) == 4717560
    assert winner("Paris", candidates, language="fr") == 2988507
    assert winner("Paris", candidates, language="fr-FR") == 2988507


def test_language_hint_picks_which_name_of_a_place_matched() -> None:
    hama = place(170017, "SY", (35.13, 36.75), 0.8)
    names = [hit("Hamah", lang="en"), hit("Hamah", lang="de", flags=0)]
    ranked = rank(normalize("Hamah"), [(hama, names)], Hints(language="de"))
    assert ranked[0].matched.lang == "de"


def test_historic_name_loses_to_a_current_one() -> None:
    current = place(1, "TR", (41.0, 28.97), 0.9)
    other = place(2, "TR", (41.0, 28.97), 0.9)
    candidates = [
        (current, [hit("Constantinople", flags=FLAG_HISTORIC)]),
        (other, [hit("Constantinople", flags=FLAG_PREFERRED)]),
    ]
    assert winner("Constantinople", candidates) == 2


def test_best_name_of_a_place_is_used() -> None:
    homs = place(169577, "SY", HOMS, 0.8, "P.PPLA")
    ranked = rank(
        normalize("Hims"), [(homs, [hit("Homs"), hit("Hims", flags=0), hit("Emesa", flags=FLAG_HISTORIC)])], Hints()
    )
    assert ranked[0].matched.text == "Hims"
    assert ranked[0].similarity == 1.0
    assert ranked[0].match_kind is MatchKind.ALTERNATE_NAME


def test_ranked_is_sorted_best_first_and_explained(two_hamas) -> None:
    ranked: list[Ranked] = rank(normalize("Hama"), two_hamas, Hints(countries=frozenset({"SY"}), near=HOMS))
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    assert any("SY" in reason for reason in ranked[0].reasons)
    assert any("bias point" in reason for reason in ranked[0].reasons)


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("Homs", "Homs", MatchKind.EXACT),
        ("Hims", "Homs", MatchKind.PHONETIC),
        ("حمص", "Homs", MatchKind.TRANSLITERATION),
        ("Homs", "حمص", MatchKind.TRANSLITERATION),
        ("Hoks", "Homs", MatchKind.FUZZY),
        # A name of another script met only in part is no transliteration: before, it was,
        # and so was read as met whole (Middletown, CT gave Badalona, in Catalonia, ES-CT).
        ("Middletown", "Μπαδαλόνα", MatchKind.FUZZY),
    ],
)
def test_match_kinds(query: str, name: str, expected: MatchKind) -> None:
    homs = place(169577, "SY", HOMS, 0.8, "P.PPLA")
    ranked = rank(normalize(query), [(homs, [hit(name)])], Hints())
    assert ranked[0].match_kind is expected


def test_distance_km() -> None:
    assert distance_km(HOMS, HOMS) == 0.0
    assert 140 < distance_km(HOMS, DAMASCUS) < 150
    assert distance_km(HOMS, ALEPPO) == pytest.approx(distance_km(ALEPPO, HOMS))
    assert 19_000 < distance_km((0.0, 0.0), (0.0, 179.9)) < 20_100


def test_a_context_pulls_by_its_nearest_point_a_foreign_one_never_nearer_than_the_border_distance() -> None:
    import math
    import random

    import numpy as np

    from toponym_server.matching.ranking import BORDER_KM, CONTEXT_SCALE_KM, context_pulls, unit_vectors

    rng = random.Random(5)
    for _ in range(300):
        here = [(rng.uniform(-80, 80), rng.uniform(-180, 180), rng.choice("AB")) for _ in range(rng.randint(1, 5))]
        points = [(rng.uniform(-85, 85), rng.uniform(-180, 180), rng.choice("AB")) for _ in range(rng.randint(1, 20))]
        if rng.random() < 0.5:  # neighbours, where the border matters
            points += [(h[0] + rng.uniform(-1, 1), h[1] + rng.uniform(-1, 1), rng.choice("AB")) for h in here]
        dots = unit_vectors(np.array([h[:2] for h in here])) @ unit_vectors(np.array([p[:2] for p in points])).T
        shared = np.array([h[2] for h in here])[:, None] == np.array([p[2] for p in points])[None, :]
        pulls, weights, _, _ = context_pulls(dots, shared, np.full(len(points), 2.0))
        assert (weights == 2.0).all()
        for h, pull in zip(here, pulls.tolist(), strict=True):
            nearest = min(
                distance_km(h[:2], p[:2]) if p[2] == h[2] else max(distance_km(h[:2], p[:2]), BORDER_KM) for p in points
            )
            assert pull == pytest.approx(math.exp(-nearest / CONTEXT_SCALE_KM), abs=1e-4)


def test_a_document_spread_wider_than_a_region_pulls_less_by_country() -> None:
    from toponym_server.matching.ranking import REGION_KM, W_CONTEXT, context_weights

    boston, new_york, chicago = (42.36, -71.06, "US"), (40.71, -74.01, "US"), (41.85, -87.65, "US")
    spread = context_weights([boston, new_york, chicago])
    assert spread.of("US") == pytest.approx(W_CONTEXT * REGION_KM / distance_km(new_york[:2], chicago[:2]), rel=0.01)
    # A lone place abroad pulls no harder than the country holding most of the document's places;
    # where none does, with the full weight (a namesake abroad keeps its pull).
    assert spread.of("MX") == spread.of("US")
    assert context_weights([boston, chicago, (35.68, 139.69, "JP"), (19.43, -99.13, "MX")]).of("MX") == W_CONTEXT
    # A tight document with one name's namesake abroad is no wider for it, nor are two places.
    homs, hama, tokyo = (34.73, 36.71, "SY"), (35.13, 36.75, "SY"), (35.68, 139.69, "JP")
    assert context_weights([homs, hama, tokyo]).of("SY") == W_CONTEXT
    assert context_weights([boston, chicago]).of("US") == W_CONTEXT


def test_a_spread_document_does_not_pull_a_famous_city_to_a_small_namesake_near_one_of_its_places() -> None:
    # Miami beside Boston, New York and Chicago: an Indiana county 150 km from Chicago won.
    boston, new_york, chicago = (42.36, -71.06, "US"), (40.71, -74.01, "US"), (41.85, -87.65, "US")
    florida = place(4164138, "US", (25.77, -80.19), 0.9)
    indiana = place(4923517, "US", (40.77, -86.05), 0.45, "A.ADM2")
    candidates = [(florida, [hit("Miami")]), (indiana, [hit("Miami")])]
    assert winner("Miami", candidates, context=[boston, new_york, chicago]) == 4164138
    assert winner("Miami", candidates, context=[chicago, (41.5, -87.0, "US"), (41.9, -87.9, "US")]) == 4923517


def test_a_place_pulls_as_hard_as_its_own_countrys_places_spread_allows() -> None:
    # Los Angeles beside New York, Chicago and Houston: a Mexican village near Houston gains no
    # more than the US places' spread lets Houston pull, whatever its own country.
    new_york, chicago, houston = (40.71, -74.01, "US"), (41.85, -87.65, "US"), (29.76, -95.36, "US")
    california = place(5368361, "US", (34.05, -118.24), 0.9)
    tamaulipas = place(3998147, "MX", (26.5, -98.0), 0.55)
    candidates = [(california, [hit("Los Angeles")]), (tamaulipas, [hit("Los Angeles")])]
    assert winner("Los Angeles", candidates, context=[new_york, chicago, houston]) == 5368361
    tight = [(29.9, -95.5, "US"), (29.6, -95.1, "US"), houston]  # Houston's suburbs: the full pull
    assert winner("Los Angeles", candidates, context=tight) == 3998147


def test_a_lone_place_abroad_pulls_no_harder_than_the_places_of_the_country_most_of_a_document_names() -> None:
    # Boston in a story of US places from coast to coast, one stray name among them met in Belgium
    # (Mal, for *the National Mall*): the Massachusetts city, not the English town near Belgium.
    us = [(40.71, -74.01, "US"), (41.85, -87.65, "US"), (29.76, -95.36, "US"), (47.61, -122.33, "US")]
    us += [(25.77, -80.19, "US"), (34.05, -118.24, "US")]
    belgium = (50.73, 5.63, "BE")
    massachusetts = place(4930956, "US", (42.36, -71.06), 0.86)
    england = place(2655138, "GB", (52.98, -0.03), 0.70)
    candidates = [(massachusetts, [hit("Boston")]), (england, [hit("Boston")])]
    assert winner("Boston", candidates, context=[*us, belgium]) == 4930956
    # Beside as many places of Belgium and the Netherlands, the English town is the one near them.
    low_countries = [belgium, (51.22, 4.40, "BE"), (52.37, 4.89, "NL"), (51.92, 4.48, "NL")]
    assert winner("Boston", candidates, context=[*us[:2], *low_countries]) == 2655138


def test_a_division_holding_a_documents_place_pulls_it_fully_however_wide_the_country_spreads() -> None:
    # Victoria beside Ballarat and Melbourne, in a story that also names Perth and Fremantle: the
    # Australian places spread over 2,700 km and pull little, but the state holds two of them.
    from toponym_server.matching.ranking import with_context

    state = place(2145234, "AU", (-37.0, 144.0), 0.87, "A.ADM1")
    seychelles = place(241131, "SC", (-4.62, 55.45), 0.92, "P.PPLC")
    ranked = rank(normalize("Victoria"), [(seychelles, [hit("Victoria")]), (state, [hit("Victoria")])], Hints())
    ballarat, melbourne = (-37.56, 143.85, "AU", "07", False), (-37.81, 144.96, "AU", "07", False)
    perth, fremantle = (-31.95, 115.86, "AU", "08", False), (-32.05, 115.75, "AU", "08", False)
    divisions = {2145234: "07", 241131: "26"}
    context = [ballarat, melbourne, perth, fremantle]
    assert with_context(ranked, context, divisions=divisions)[0].place.place_id == 2145234
    # Without the divisions the state's point is just a point near two of the spread places.
    assert with_context(ranked, context)[0].place.place_id == 241131


def test_a_namesake_just_across_a_border_is_no_neighbour_of_the_context() -> None:
    # Donetsk beside Luhansk: the Russian town lies 52 km from Luhansk, Ukraine's city 127 km.
    luhansk = (48.57, 39.32, "UA")
    ukraine = place(709717, "UA", (48.02, 37.80), 0.8)
    russia = place(565348, "RU", (48.35, 39.95), 0.8)
    candidates = [(russia, [hit("Donetsk")]), (ukraine, [hit("Donetsk")])]
    assert winner("Donetsk", candidates, context=[luhansk]) == 709717
    assert winner("Donetsk", candidates, context=[(*luhansk[:2], "RU")]) == 565348


# Georgetown beside Kentucky, whose GeoNames point lies at Louisville: the Indiana village 19 km
# from it, not the Kentucky town 105 km away, was the nearer namesake.
KENTUCKY = (38.25424, -85.75941, "US", "KY", True)
GEORGETOWN_IN = place(4257913, "US", (38.29451, -85.97552), 0.5)
GEORGETOWN_KY = place(4292686, "US", (38.2098, -84.55883), 0.5)
GEORGETOWNS = {4257913: "IN", 4292686: "KY"}


def test_a_division_the_document_names_holds_its_places_wherever_its_point_lies() -> None:
    from toponym_server.matching.ranking import with_context

    ranked = rank(
        normalize("Georgetown"), [(GEORGETOWN_IN, [hit("Georgetown")]), (GEORGETOWN_KY, [hit("Georgetown")])], Hints()
    )
    assert with_context(ranked, [KENTUCKY], divisions=GEORGETOWNS)[0].place.place_id == 4292686
    # Without the candidates' divisions, or the point's, the division pulls as the point it is.
    assert with_context(ranked, [KENTUCKY])[0].place.place_id == 4257913
    assert with_context(ranked, [KENTUCKY[:3]], divisions=GEORGETOWNS)[0].place.place_id == 4257913
    # A town of Kentucky holds no other: Louisville pulls as the point it is.
    louisville = (*KENTUCKY[:4], False)
    assert with_context(ranked, [louisville], divisions=GEORGETOWNS)[0].place.place_id == 4257913


def test_a_division_holds_the_documents_places_inside_it() -> None:
    # Illinois beside Cairo, Illinois: the state's point is Chicago, 540 km from Cairo, and a
    # Missouri town named Illinois lies 170 km from it.
    from toponym_server.matching.ranking import with_context

    state = place(4896861, "US", (41.85, -87.65), 0.5, "A.ADM1")
    missouri = place(4405794, "US", (38.29, -90.38), 0.5)
    ranked = rank(normalize("Illinois"), [(state, [hit("Illinois")]), (missouri, [hit("Illinois")])], Hints())
    cairo = (37.0, -89.18, "US", "IL", False)
    divisions = {4896861: "IL", 4405794: "MO"}
    assert with_context(ranked, [cairo], divisions=divisions)[0].place.place_id == 4896861
    assert with_context(ranked, [cairo])[0].place.place_id == 4405794


def test_a_divisions_places_count_as_near_its_point_and_its_countrys_others_as_across_a_border() -> None:
    from toponym_server.matching.ranking import (
        BORDER_KM,
        CONTEXT_SCALE_KM,
        DIVISION_KM,
        context_geometry,
        context_pulls,
    )

    far_inside = place(5520993, "US", (31.76, -106.49), 0.5)  # El Paso, Texas, 1,000 km from Houston
    texas = (29.76328, -95.36327, "US", "TX", True)  # its point: Houston
    candidates = [far_inside, GEORGETOWN_IN, GEORGETOWN_KY, place(1, "MX", (29.7, -95.5), 0.5)]
    here = unit_vectors(np.array([(c.latitude, c.longitude) for c in candidates]))
    there = unit_vectors(np.array([texas[:2], KENTUCKY[:2]]))
    countries = [c.country_code for c in candidates]
    dots, shared, _ = context_geometry(here @ there.T, countries, [texas, KENTUCKY], ["TX", "IN", "KY", "TAM"])
    assert shared.tolist() == [[True, False], [False, False], [False, True], [False, False]]
    pulls, _, _, _ = context_pulls(dots, shared, np.ones(2))
    border = math.exp(-BORDER_KM / CONTEXT_SCALE_KM)
    assert pulls[0] == pytest.approx(math.exp(-DIVISION_KM / CONTEXT_SCALE_KM))  # inside Texas: as if 200 km away
    assert pulls[1] == pytest.approx(border)  # outside Kentucky, as if across a border
    assert pulls[2] == pytest.approx(math.exp(-distance_km(KENTUCKY[:2], (38.2098, -84.55883)) / CONTEXT_SCALE_KM))
    assert pulls[3] == pytest.approx(border)  # abroad, beside Houston: across a border still
    # Without divisions the points pull as points: the Indiana village beside Louisville most.
    plain, _, _, _ = context_pulls(*context_geometry(here @ there.T, countries, [texas, KENTUCKY])[:2], np.ones(2))
    assert plain[1] > plain[2] and plain[0] < border


def test_a_place_whose_division_geonames_does_not_know_is_on_no_side_of_a_divisions_edge() -> None:
    # GeoNames writes "00" for a place whose first-level division it does not know (Battle
    # Ground, Cayman Islands, 2 km from the point of Sister Island, the division it lies in):
    # such a place lies inside no division and outside none, as a place without a code.
    from toponym_server.matching.ranking import context_geometry

    sister_island = (19.69, -79.88, "KY", "10375972", True)
    battle_ground = place(3580755, "KY", (19.70, -79.87), 0.5)
    west_bay = place(2, "KY", (19.37, -81.41), 0.5, "A.ADM1")
    town = (19.70, -79.87, "KY", "00", False)
    # The named division beside the town of no known division; the town beside a division that is a candidate.
    for candidate, context, codes in ((battle_ground, sister_island, "00"), (west_bay, town, "10375968")):
        dots = unit_vectors(np.array([candidate[4:6]])) @ unit_vectors(np.array([context[:2]])).T
        got, shared, _ = context_geometry(dots, ["KY"], [context], [codes], [candidate.feature_code])
        assert shared.tolist() == [[True]]
        assert got.tolist() == dots.tolist()


# Texas beside Mexico, whose point in the embedded gazetteer is its capital's: a village named
# Texas lies 67 km from Mexico City, the state's point (Houston) 1,220 km away.
MEXICO = (19.42847, -99.12766, "MX", "", True)
TEXAS_STATE = place(4736286, "US", (29.76328, -95.36327), 0.9, "A.ADM1")
TEXAS_VILLAGE = place(3814142, "MX", (20.03, -99.20), 0.4)


def test_a_country_the_document_names_holds_its_places_wherever_they_lie() -> None:
    from toponym_server.matching.ranking import CONTEXT_SCALE_KM, COUNTRY_KM, context_geometry, context_pulls

    far_inside = place(4014338, "MX", (28.63, -106.09), 0.5)  # Chihuahua, 1,250 km from Mexico City
    candidates = [TEXAS_VILLAGE, far_inside, TEXAS_STATE]
    here = unit_vectors(np.array([(c.latitude, c.longitude) for c in candidates]))
    dots = here @ unit_vectors(np.array([MEXICO[:2]])).T
    countries = [c.country_code for c in candidates]
    got, shared, _ = context_geometry(dots, countries, [MEXICO])
    pulls, _, _, _ = context_pulls(got, shared, np.ones(1))
    inside = math.exp(-COUNTRY_KM / CONTEXT_SCALE_KM)
    assert pulls[:2].tolist() == pytest.approx([inside, inside])  # in Mexico, near its point or not
    assert pulls[2] < inside  # outside it, no nearer
    # A place of the country that is not the country itself pulls as the point it is: the
    # village beside Mexico City most.
    mexico_city = (*MEXICO[:2], "MX", "09", False)
    plain, _, _, _ = context_pulls(*context_geometry(dots, countries, [mexico_city])[:2], np.ones(1))
    assert plain[0] > inside > plain[1]


def test_a_country_beside_its_neighbour_does_not_pull_a_famous_name_to_its_village() -> None:
    from toponym_server.matching.ranking import with_context

    ranked = rank(normalize("Texas"), [(TEXAS_STATE, [hit("Texas")]), (TEXAS_VILLAGE, [hit("Texas")])], Hints())
    assert ranked[0].place.place_id == 4736286
    assert with_context(ranked, [MEXICO])[0].place.place_id == 4736286
    assert with_context(ranked, [MEXICO[:3]])[0].place.place_id == 3814142  # as a point, Mexico City's


def test_a_named_countrys_capital_lies_no_farther_than_it_does() -> None:
    # عمان beside Jordan and Muscat: Amman, where the embedded gazetteer puts Jordan's point,
    # counted as 520 km from it, and Oman, at Muscat's point, won.
    from toponym_server.matching.ranking import COUNTRY_KM, context_geometry

    jordan = (31.95, 35.93, "JO", "", True)
    amman = place(250441, "JO", (31.95, 35.93), 0.9, "P.PPLC")
    irbid = place(248946, "JO", (32.56, 35.85), 0.7, "P.PPLA")  # 68 km from Amman: no capital
    here = unit_vectors(np.array([(c.latitude, c.longitude) for c in (amman, irbid)]))
    dots = here @ unit_vectors(np.array([jordan[:2]])).T
    got, _, _ = context_geometry(dots, ["JO", "JO"], [jordan], feature_codes=["PPLC", "PPLA"])
    assert got[:, 0].tolist() == pytest.approx([dots[0, 0], math.cos(COUNTRY_KM / 6371.0)])
    assert got[0, 0] > got[1, 0]


def test_a_place_outside_a_named_country_lies_across_its_border_from_the_places_inside() -> None:
    # Ruwais beside Qatar: the Emirates' Ar Ruways lies 235 km from Doha, nearer than 520 km,
    # and tied with Qatar's own Ar Ruways, whose lone rank is lower.
    from toponym_server.matching.ranking import (
        BORDER_KM,
        CONTEXT_SCALE_KM,
        COUNTRY_KM,
        context_geometry,
        context_pulls,
    )

    qatar = (25.29, 51.53, "QA", "", True)  # its point: Doha
    inside = place(289884, "QA", (26.14, 51.21), 0.5)
    across = place(292688, "AE", (24.11, 52.73), 0.6)
    here = unit_vectors(np.array([(c.latitude, c.longitude) for c in (inside, across)]))
    dots = here @ unit_vectors(np.array([qatar[:2]])).T
    assert distance_km(qatar[:2], (24.11, 52.73)) < COUNTRY_KM
    pulls, _, _, _ = context_pulls(*context_geometry(dots, ["QA", "AE"], [qatar])[:2], np.ones(1))
    assert pulls.tolist() == pytest.approx(
        [math.exp(-COUNTRY_KM / CONTEXT_SCALE_KM), math.exp(-(COUNTRY_KM + BORDER_KM) / CONTEXT_SCALE_KM)]
    )


def test_a_named_division_is_a_division_point_of_a_known_code() -> None:
    from toponym_server.matching.ranking import named_division

    assert named_division(KENTUCKY) == "KY"
    assert named_division((*KENTUCKY[:4], False)) == ""  # Louisville, inside Kentucky
    assert named_division(MEXICO) == ""  # a country
    assert named_division((19.69, -79.88, "KY", "00", True)) == ""  # a division GeoNames does not know
    assert named_division(KENTUCKY[:3]) == ""


def test_countries_named_together_lie_as_near_as_their_points() -> None:
    # Liban beside Syria is Lebanon, whose point lies 85 km from Syria's; a town of Lebanon
    # that near lies across Syria's border from Syria's own towns.
    from toponym_server.matching.ranking import BORDER_KM, COUNTRY_KM, context_geometry

    syria = (33.51, 36.29, "SY", "", True)  # its point: Damascus
    lebanon = place(272103, "LB", (33.89, 35.50), 0.9, "A.PCLI")
    town = place(1, "LB", (33.85, 35.90), 0.5)
    here = unit_vectors(np.array([(c.latitude, c.longitude) for c in (lebanon, town)]))
    dots = here @ unit_vectors(np.array([syria[:2]])).T
    got, _, _ = context_geometry(dots, ["LB", "LB"], [syria], feature_codes=["PCLI", "PPL"])
    assert got[:, 0].tolist() == pytest.approx([dots[0, 0], math.cos((COUNTRY_KM + BORDER_KM) / 6371.0)])


def test_a_named_country_is_no_farther_from_itself_than_its_capital_is() -> None:
    # Panama beside Republic of Panama: the country and its capital share the country's point
    # in the embedded gazetteer; counted 520 km from itself, the country lost to Panama City.
    from toponym_server.matching.ranking import context_geometry, with_context

    named = (8.9936, -79.51973, "PA", "", True)
    country = place(3703430, "PA", named[:2], 1.0, "A.PCLI")
    capital = place(3703443, "PA", named[:2], 0.91, "P.PPLC")
    dots = unit_vectors(np.array([named[:2], named[:2]])) @ unit_vectors(np.array([named[:2]])).T
    got, _, _ = context_geometry(dots, ["PA", "PA"], [named], feature_codes=["PCLI", "PPLC"])
    assert got[:, 0].tolist() == pytest.approx(dots[:, 0].tolist())
    ranked = rank(normalize("Panama"), [(country, [hit("Panama")]), (capital, [hit("Panama")])], Hints())
    assert ranked[0].place.place_id == 3703430
    assert with_context(ranked, [named])[0].place.place_id == 3703430


def test_a_country_met_only_by_an_inexact_spelling_yields_to_a_town_of_that_name() -> None:
    angola = place(3351879, "AO", (-12.5, 18.5), 1.0, "A.PCLI")
    town = place(1689080, "PH", (16.98, 122.01), 0.58)
    candidates = [(angola, [hit("Angola")]), (town, [hit("Angela", flags=0)])]
    assert winner("Angela", candidates) == 1689080
    assert winner("Angola", candidates) == 3351879


@pytest.mark.parametrize("padding", [0, 12], ids=["name-by-name", "by-column"])
def test_a_countrys_abbreviation_is_a_name_and_a_citys_code_is_not(padding: int) -> None:
    # USA is the United States' abbreviation, and Usa a town in Japan: the country wins. SDF,
    # Louisville's airport code, counts less than a name spelt so would.
    others = [(place(900 + i, "FR", (45.0, 2.0), 0.1), [hit(f"Xyzzy{i}")]) for i in range(padding)]
    country = place(1, "US", (39.8, -98.6), 1.0, "A.PCLI")
    town = place(2, "JP", (33.5, 131.3), 0.6)
    assert winner("USA", [(town, [hit("Usa")]), (country, [hit("USA", flags=FLAG_CODE)]), *others]) == 1

    def score(facts: PlaceFacts, flags: int) -> float:
        ranked = rank(normalize("SDF"), [(facts, [hit("SDF", flags=flags)]), *others], Hints())
        return next(r.score for r in ranked if r.place.place_id == facts.place_id)

    city = place(3, "US", (38.3, -85.8), 0.75)
    assert score(city, FLAG_CODE) < score(city, 0)
    assert score(country, FLAG_CODE) == score(country, 0)


@pytest.mark.parametrize("padding", [0, 12], ids=["name-by-name", "by-column"])
def test_a_query_in_another_script_than_latin_meets_no_code(padding: int) -> None:
    # عدن romanises as adn, spelt as the airport code of Andes (CO), more prominent than the small
    # town named so in Arabic whose name GeoNames lacks. A code is written in Latin capitals: no
    # Arabic writer means it. The same code, asked in Latin capitals, still counts.
    others = [(place(900 + i, "FR", (45.0, 2.0), 0.1), [hit(f"Xyzzy{i}")]) for i in range(padding)]
    andes = place(1, "CO", (5.66, -75.88), 0.9)
    town = place(2, "YE", (12.78, 45.03), 0.3)
    candidates = [(andes, [hit("ADN", flags=FLAG_CODE)]), (town, [hit("Adan", flags=0)]), *others]
    ranked = rank(normalize("عدن"), candidates, Hints())
    assert ranked[0].place.place_id == 2
    assert 1 not in {r.place.place_id for r in ranked}
    assert winner("ADN", candidates) == 1


def test_a_query_that_writes_the_article_means_a_place_whose_name_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Эль-Кисва is Al Kiswah (SY), not a capital spelt nearly as its name without the article
    # (Kyiv by its name Kyiva), whose prominence won while the article counted for nothing.
    kiswah = place(1, "SY", (33.36, 36.24), 0.45)
    capital = place(2, "UA", (50.45, 30.52), 0.7, "P.PPLC")
    candidates = [(capital, [hit("Kyiva", flags=0)]), (kiswah, [hit("Al Kiswah")])]
    assert winner("Эль-Кисва", candidates) == 1
    monkeypatch.setattr(ranking_module, "W_ARTICLE", 0.0)
    assert winner("Эль-Кисва", candidates) == 2


@pytest.mark.parametrize(
    ("query", "bonus"), [("Эль-Кисва", True), ("Al-Kiswa", True), ("الكسوة", True), ("Кисва", False)]
)
def test_the_article_counts_only_where_query_and_name_both_write_it(
    monkeypatch: pytest.MonkeyPatch, query: str, bonus: bool
) -> None:
    def scores() -> dict[int, float]:
        candidates = [
            (place(1, "SY", (33.36, 36.24), 0.45), [hit("Al Kiswah")]),
            (place(2, "SY", (33.4, 36.3), 0.45), [hit("Kiswah")]),
        ]
        return {r.place.place_id: r.score for r in rank(normalize(query), candidates, Hints())}

    with_rule = scores()
    monkeypatch.setattr(ranking_module, "W_ARTICLE", 0.0)
    without = scores()
    assert with_rule[1] - without[1] == pytest.approx(W_ARTICLE if bonus else 0.0)
    assert with_rule[2] == pytest.approx(without[2])


@pytest.mark.parametrize("flags", [FLAG_HISTORIC, FLAG_CODE, FLAG_HISTORIC | FLAG_PREFERRED])
@pytest.mark.parametrize("language", ["", "en", "de"])
def test_a_historic_name_or_a_code_written_as_asked_is_an_alternate_name_not_a_fuzzy_one(
    flags: int, language: str
) -> None:
    # Before, its status's weight took its similarity below 1: Bombay and NYC were fuzzy matches.
    name = "NYC" if flags & FLAG_CODE else "Bombay"
    mumbai = place(1275339, "IN", (19.07, 72.88), 0.9)
    ranked = rank(
        normalize(name), [(mumbai, [hit("Mumbai"), hit(name, lang="en", flags=flags)])], Hints(language=language)
    )
    assert ranked[0].match_kind is MatchKind.ALTERNATE_NAME
    assert (
        rank(normalize("Mumbai"), [(mumbai, [hit("Mumbai")])], Hints(language=language))[0].match_kind
        is MatchKind.EXACT
    )


def test_a_division_no_town_of_its_country_is_named_after_is_what_the_name_means() -> None:
    # Anbar is Iraq's Al Anbar governorate; Ambar, a Turkish village, is also called Anbar.
    governorate = place(99592, "IQ", (33.0, 42.0), 0.76, "A.ADM1")
    village = place(323854, "TR", (38.1, 40.5), 0.58)
    candidates = [
        (village, [hit("Ambar"), hit("Anbar", flags=0)]),
        (governorate, [hit("Al Anbar"), hit("Anbar", flags=0)]),
    ]
    assert winner("Anbar", candidates) == 99592
    # A town of the governorate's own country so named, about as prominent, is what a bare name
    # means; a village so named is not (Maryland, New York, against the state).
    town = place(99593, "IQ", (33.4, 43.3), 0.70)
    assert winner("Anbar", [*candidates, (town, [hit("Anbar")])]) == 99593
    village_at_home = place(99594, "IQ", (33.4, 43.3), 0.30)
    assert winner("Anbar", [*candidates, (village_at_home, [hit("Anbar")])]) == 99592


@pytest.mark.parametrize("padding", [0, 12], ids=["name-by-name", "by-column"])
def test_a_country_named_exactly_is_likelier_than_the_towns_named_after_it(padding: int) -> None:
    lebanon = place(272103, "LB", (33.83, 35.83), 1.0, "A.PCLI")
    towns = [(place(5000 + i, "US", (40.0 + i, -76.0), 0.6), [hit("Lebanon")]) for i in range(6)]
    others = [(place(900 + i, "FR", (45.0, 2.0), 0.1), [hit(f"Xyzzy{i}")]) for i in range(padding)]
    ranked = rank(normalize("Lebanon"), [*towns, (lebanon, [hit("Lebanon")]), *others], Hints())
    assert ranked[0].place.place_id == 272103
    assert confidences(ranked)[0] > 0.7


def test_a_countrys_historic_name_written_as_asked_is_not_an_inexact_spelling() -> None:
    myanmar = place(1327865, "MM", (21.0, 96.0), 1.0, "A.PCLI")
    town = place(4000, "US", (30.0, -90.0), 0.6)
    assert (
        winner("Burma", [(town, [hit("Burma")]), (myanmar, [hit("Myanmar"), hit("Burma", flags=FLAG_HISTORIC)])])
        == 1327865
    )


@pytest.fixture()
def two_bethlehems() -> list[tuple[PlaceFacts, list[NameHit]]]:
    """The West Bank's Bethlehem and a more populous Pennsylvanian one, both given the Arabic name."""
    pennsylvania = place(5180225, "US", (40.63, -75.37), 0.80)
    west_bank = place(284315, "PS", (31.70, 35.20), 0.74)
    names = ["Bethlehem", "byt lhm", "בית לחם", "بيت لحم"]
    return [
        (pennsylvania, [hit(name, flags=FLAG_CANONICAL if at == 0 else 0) for at, name in enumerate(names)]),
        (west_bank, [hit(name, flags=FLAG_CANONICAL if at == 0 else 0) for at, name in enumerate(names)]),
    ]


def test_a_name_in_the_script_of_the_places_own_country_points_there(two_bethlehems) -> None:
    (first, *_) = rank(normalize("بيت لحم"), two_bethlehems, Hints())
    assert first.place.place_id == 284315
    assert "named so in its country's script" in first.reasons
    assert winner("Bethlehem", two_bethlehems) == 5180225  # a Latin name says nothing of a country


def test_a_name_in_a_script_points_to_the_countries_that_write_it_when_no_place_is_named_so() -> None:
    # Msallata (LY) has no Arabic name here, nor has Mislata (ES), spelt a little closer to the query.
    msallata = place(12687313, "LY", (32.62, 14.0), 0.70)
    mislata = place(2513811, "ES", (39.48, -0.42), 0.66)
    candidates = [(mislata, [hit("Mislata")]), (msallata, [hit("Msalatah")])]
    (first, *_) = rank(normalize("مسلاتة"), candidates, Hints())
    assert first.place.place_id == 12687313
    assert "in a country that writes the name's script" in first.reasons
    assert winner("Mslata", candidates) == 2513811  # the same letters in Latin script say nothing of a country


def test_a_place_named_as_written_in_the_script_s_countries_keeps_its_name() -> None:
    # Bareqet (IL) is named so in Hebrew; Burqah (PS), as prominent, only spelt so in Latin (brqt).
    bareqet = place(295565, "IL", (32.02, 34.94), 0.54)
    burqah = place(284196, "PS", (32.3, 35.19), 0.56)
    candidates = [(burqah, [hit("Burqah"), hit("brqt", flags=0)]), (bareqet, [hit("Bareqet"), hit("ברקת", flags=0)])]
    assert winner("ברקת", candidates) == 295565


def test_a_division_s_word_asks_for_the_division_whatever_the_script_s_countries() -> None:
    # The city's Arabic name sounds as the query's; the governorate's Latin name only shares its skeleton.
    governorate = place(7871092, "PS", (31.35, 34.3), 0.72, "A.ADM1")
    city = place(281124, "PS", (31.34, 34.31), 0.70)
    candidates = [(city, [hit("Khan Yunis"), hit("خان يونس", flags=0)]), (governorate, [hit("Khan Yunis")])]
    assert winner("محافظة خان يونس", candidates) == 7871092


def test_the_script_s_countries_pull_only_a_place_met_as_closely_as_a_phonetic_equal() -> None:
    # Tigray's Latin name sounds as the Arabic query; Tadjourah (DJ) only shares the skeleton of
    # its Arabic name (tjra, tghray).
    tigray = place(444187, "ET", (14.0, 38.5), 0.79, "A.ADM1")
    tadjourah = place(220781, "DJ", (11.8, 42.9), 0.75, "A.ADM1")
    candidates = [
        (tadjourah, [hit("Tadjourah"), hit("إقليم تجرة", flags=0)]),
        (tigray, [hit("Tigrai"), hit("Tigray", flags=0)]),
    ]
    assert winner("إقليم تيغراي", candidates) == 444187


def test_a_place_named_as_written_abroad_keeps_its_name_against_a_place_spelt_so_in_latin() -> None:
    # GeoNames gives Quimper (FR) the Arabic name; Kambar (PK), a little less prominent, is spelt
    # so in Latin script only: whose name it is is known, and the script's countries get no pull.
    quimper = place(2984701, "FR", (48.0, -4.1), 0.74)
    kambar = place(1167622, "PK", (27.59, 68.0), 0.70)
    assert winner("كامبار", [(kambar, [hit("Kambar")]), (quimper, [hit("Quimper"), hit("كامبار", flags=0)])]) == 2984701


def test_a_name_a_curated_file_gives_a_place_outweighs_a_more_prominent_namesake() -> None:
    town = place(165509, "SY", (36.85, 40.07), 0.46)  # Ras al-Ayn, the Syrian border town
    rosh_haayin = place(293690, "IL", (32.1, 34.96), 0.75)

    def candidates(flags: int) -> list[tuple[PlaceFacts, list[NameHit]]]:
        return [(town, [hit("Ras al-Ayn", flags=flags)]), (rosh_haayin, [hit("Ras al-`Ayn", flags=0)])]

    (first, *_) = rank(normalize("Ras al-Ayn"), candidates(FLAG_CUSTOM), Hints())
    assert first.place.place_id == 165509
    assert "named so by a curated source" in first.reasons
    assert winner("Ras al-Ayn", candidates(0)) == 293690
    # Only a curated name met whole counts: a misspelling meets the seed's name no more than another.
    assert winner("Ras al-Aiyan", candidates(FLAG_CUSTOM)) == 293690
    # A far more prominent namesake keeps its name: a camp an operator names Paris is not Paris.
    camp = place(1_000_000_001_000, "SY", (36.2, 37.1), 0.36, "S.CMPRF")
    paris = place(2988507, "FR", (48.85, 2.35), 0.99, "P.PPLC")
    named_paris = [(camp, [hit("Paris", flags=FLAG_CANONICAL | FLAG_CUSTOM)]), (paris, [hit("Paris")])]
    assert winner("Paris", named_paris) == 2988507


def test_a_query_in_another_script_is_met_by_a_name_in_a_script_before_a_latin_romanisation(two_bethlehems) -> None:
    # The romanisation byt lhm folds as the Arabic name does, and came first among equals.
    for item in rank(normalize("بيت لحم"), two_bethlehems, Hints()):
        assert item.matched.text != "byt lhm"
        assert item.match_kind is MatchKind.ALTERNATE_NAME


def test_arabic_script_is_shown_by_the_name_the_places_own_country_writes() -> None:
    # Aleppo's Hebrew name folds as its Arabic one does and came first among equals.
    aleppo = place(170063, "SY", ALEPPO, 0.99, "P.PPLA")
    (first,) = rank(normalize("حلب"), [(aleppo, [hit("Aleppo"), hit("חאלב", flags=0), hit("حلب", flags=0)])], Hints())
    assert first.matched.text == "حلب"
    assert first.match_kind is MatchKind.ALTERNATE_NAME


@pytest.fixture()
def donetsk_at_three_levels() -> list[tuple[PlaceFacts, list[NameHit]]]:
    oblast = place(709716, "UA", (48.0, 37.8), 0.87, "A.ADM1")
    raion = place(12189531, "UA", (48.0, 37.7), 0.82, "A.ADM2")
    city = place(709717, "UA", (48.02, 37.80), 0.98, "P.PPLA")
    return [
        (oblast, [hit("Donetska oblast"), hit("Donetsk", flags=0), hit("Donetsk Oblast", flags=0)]),
        (raion, [hit("Donetsk Raion")]),
        (city, [hit("Donetsk")]),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Donetsk region", 709716),  # region sounds like raion, but asks for the first level
        ("Donetsk Oblast", 709716),
        ("Donetsk province", 709716),
        ("Donetsk Raion", 12189531),
        ("Donetsk district", 12189531),
        ("Donetsk", 709717),
    ],
)
def test_a_generic_word_asks_for_a_division_of_its_level(donetsk_at_three_levels, query: str, expected: int) -> None:
    assert winner(query, donetsk_at_three_levels) == expected


def test_a_division_met_only_by_a_near_spelling_yields_to_a_town() -> None:
    # Cysandaan is a misspelling of Cisandaan, an Indonesian village, before Sandaun Province (PG).
    province = place(2087246, "PG", (-2.68, 141.30), 0.73, "A.ADM1")
    village = place(1646126, "ID", (-7.40, 107.72), 0.03)
    candidates = [
        (province, [hit("West Sepik"), hit("Sandaun", flags=0), hit("Sandaun Province", flags=0)]),
        (village, [hit("Cisandaan"), hit("Tjisandaan", flags=0)]),
    ]
    assert winner("Cysandaan", candidates) == 1646126


def test_a_division_is_weighed_against_the_towns_a_caller_ranked_before() -> None:
    county = place(4177409, "US", (30.6, -86.2), 0.60, "A.ADM2")

    def score(towns: dict[str, tuple[Town, ...]], people: dict[int, int] | None = None) -> float:
        namesakes = Namesakes(towns, {})
        return rank(
            normalize("Walton"), [(county, [hit("Walton")])], Hints(), namesakes=namesakes, people=people or {}
        )[0].score

    alone = score({})
    assert score({"US": (Town(1, 0.54, 30.7, -86.1, False, False),)}) == pytest.approx(alone + W_ADMIN_AREA)
    assert score({"GB": (Town(1, 0.54, 30.7, -86.1, True, False),)}) == alone  # abroad
    # Far away, a town counts by its own name, not by one of its others (Des Plaines's Maine).
    assert score({"US": (Town(1, 0.54, 45.0, -69.0, True, False),)}) == pytest.approx(alone + W_ADMIN_AREA)
    assert score({"US": (Town(1, 0.54, 45.0, -69.0, False, False),)}) == alone
    # A county is most often named after its seat: near, by another name, a town counts whatever
    # share of its people it holds.
    near = Town(1, 0.54, 30.7, -86.1, False, False)
    assert score({"US": (near,)}, {1: 10_000, 4177409: 75_000}) == pytest.approx(alone + W_ADMIN_AREA)


def test_a_state_is_weighed_against_a_town_bearing_its_name_by_the_share_of_its_people_it_holds() -> None:
    state = place(4544379, "US", (35.5, -97.5), 0.82, "A.ADM1")

    def score(towns: tuple[Town, ...], people: dict[int, int]) -> float:
        namesakes = Namesakes({"US": towns}, {})
        return rank(normalize("Oklahoma"), [(state, [hit("Oklahoma")])], Hints(), namesakes=namesakes, people=people)[
            0
        ].score

    alone = rank(normalize("Oklahoma"), [(state, [hit("Oklahoma")])], Hints())[0].score
    # Near, by another name, a town holding a quarter of the state's people or more counts, one
    # holding fewer does not; the country's capital counts whatever it holds, and so does a town
    # whose share is not known.
    near, capital = Town(1, 0.94, 35.47, -97.52, False, False), Town(1, 0.94, 35.47, -97.52, False, True)
    assert score((near,), {1: 1_000_000, 4544379: 3_000_000}) == pytest.approx(alone + W_ADMIN_AREA)
    assert score((near,), {1: 681_054, 4544379: 3_064_696}) == pytest.approx(alone)
    assert score((capital,), {1: 681_054, 4544379: 3_064_696}) == pytest.approx(alone + W_ADMIN_AREA)
    assert score((near,), {1: 681_054}) == pytest.approx(alone + W_ADMIN_AREA)
    # By its own name, wherever it lies, a town holding a tenth of the state's people or more counts.
    own = near._replace(own=True, latitude=40.0, longitude=-80.0)
    assert score((own,), {1: 681_054, 4544379: 3_064_696}) == pytest.approx(alone + W_ADMIN_AREA)
    assert score((own,), {1: 250_000, 4544379: 3_064_696}) == pytest.approx(alone)


def test_a_capital_bearing_its_countrys_name_keeps_it() -> None:
    country = place(1880251, "SG", (1.37, 103.80), 1.0, "A.PCLI")
    city = place(1880252, "SG", (1.29, 103.85), 0.99, "P.PPLC")
    assert (
        winner(
            "Singapur",
            [
                (country, [hit("Singapore"), hit("Singapur", flags=0)]),
                (city, [hit("Singapore"), hit("Singapur", flags=0)]),
            ],
        )
        == 1880252
    )


def test_a_country_written_as_named_in_another_script_is_not_an_inexact_spelling() -> None:
    # Сирия folds as Siriya, one of Syria's Latin names (Luganda's), and as a village of that name.
    syria = place(163843, "SY", (35.0, 38.0), 1.0, "A.PCLI")
    village = place(666821, "IN", (26.2, 80.5), 0.59)
    assert winner("Сирия", [(village, [hit("Siriya")]), (syria, [hit("Syria"), hit("Siriya", flags=0)])]) == 163843


def test_a_generic_word_of_a_level_does_not_lift_weak_namesakes_of_that_level_past_a_town() -> None:
    # No division is named Afrin; the town is what "the Afrin district" names.
    town = place(174186, "SY", (36.51, 36.87), 0.73)
    others = [
        (place(2546906, "MA", (33.5, -5.1), 0.66, "A.ADM2"), [hit("Ifrane"), hit("إقليم إفران", flags=0)]),
        (place(12952610, "DZ", (36.5, 2.6), 0.57, "A.ADM2"), [hit("El Affroun")]),
    ]
    ranked = rank(normalize("Afrin district"), [(town, [hit("‘Afrīn")]), *others], Hints())
    assert ranked[0].place.place_id == 174186
    assert confidences(ranked)[0] > 0.5


@pytest.mark.parametrize("query", ["Akkar district", "Akkar"])
def test_a_division_of_the_other_level_than_its_word_says_is_held_back_only_beside_one_of_that_level(
    query: str,
) -> None:
    # Lebanon's districts are first-level divisions: no second-level Akkar is there to prefer.
    akkar = place(6201370, "LB", (34.53, 36.08), 0.74, "A.ADM1")
    town = place(274807, "LB", (34.55, 36.07), 0.35)
    assert winner(query, [(akkar, [hit("Akkar"), hit("Akkār", flags=0)]), (town, [hit("Halba")])]) == 6201370


def test_a_countrys_name_in_another_language_is_not_weighed_as_its_own() -> None:
    # Granada is Grenada's Spanish name, and a Spanish city's own: it says less of the country.
    grenada = place(3580239, "GD", (12.12, -61.67), 1.0, "A.PCLI")

    def score(names: list[NameHit], language: str = "") -> float:
        return rank(normalize("Granada"), [(grenada, names)], Hints(language=language))[0].score

    spanish = [hit("Grenada"), hit("Granada", lang="es", flags=0)]
    assert score([hit("Granada")]) - score(spanish) == pytest.approx(W_COUNTRY + W_CANONICAL)
    assert score(spanish, "es") - score(spanish) == pytest.approx(W_LANGUAGE + W_COUNTRY)


@pytest.mark.parametrize("padding", [0, 12], ids=["name-by-name", "by-column"])
def test_a_countrys_name_in_another_language_yields_to_a_city_whose_own_name_it_is(padding: int) -> None:
    # Granada is Grenada's Spanish name and the Spanish city's own: the city is meant.
    grenada = place(3580239, "GD", (12.12, -61.67), 1.0, "A.PCLI")
    city = place(2517117, "ES", (37.19, -3.61), 0.87)
    others = [(place(900 + i, "FR", (45.0, 2.0), 0.1), [hit(f"Xyzzy{i}")]) for i in range(padding)]
    spanish = [hit("Grenada"), hit("Granada", lang="es", flags=0)]
    assert winner("Granada", [(grenada, spanish), (city, [hit("Granada")]), *others]) == 2517117
    # In the caller's language, the name is the country's as much as its own would be.
    assert winner("Granada", [(grenada, spanish), (city, [hit("Granada")]), *others], language="es") == 3580239


def test_a_countrys_name_in_another_language_is_kept_beside_a_town_or_another_spelling() -> None:
    # Grecia is Greece in Spanish and a small Costa Rican town; França is France in Portuguese and,
    # folded alike, the Brazilian city of Franca, which is not spelt so.
    greece = place(390903, "GR", (39.0, 22.0), 1.0, "A.PCLI")
    town = place(3623076, "CR", (10.07, -84.31), 0.6)
    assert (
        winner("Grecia", [(greece, [hit("Greece"), hit("Grecia", lang="es", flags=0)]), (town, [hit("Grecia")])])
        == 390903
    )
    france = place(3017382, "FR", (46.0, 2.0), 1.0, "A.PCLI")
    franca = place(3463030, "BR", (-20.54, -47.4), 0.87)
    portuguese = [hit("France"), hit("França", lang="pt", flags=0)]
    assert winner("França", [(france, portuguese), (franca, [hit("Franca")])]) == 3017382


def test_a_city_counts_against_a_countrys_other_name_when_ranked_at_an_earlier_stage() -> None:
    grenada = place(3580239, "GD", (12.12, -61.67), 1.0, "A.PCLI")
    spanish = [hit("Grenada"), hit("Granada", lang="es", flags=0)]

    def score(namesakes: Namesakes) -> float:
        return rank(normalize("Granada"), [(grenada, spanish)], Hints(), namesakes=namesakes)[0].score

    alone = score(Namesakes({}, {}))
    town = {"ES": ((0.87, 37.19, -3.61, True),)}
    assert score(Namesakes(town, {}, {"granada": 0.87})) < alone
    assert score(Namesakes(town, {}, {"granada": 0.5})) == alone


@pytest.mark.parametrize("padding", [0, 12], ids=["name-by-name", "by-column"])
def test_a_district_asked_for_by_name_and_word_is_not_a_longer_name_ending_in_that_word(padding: int) -> None:
    # Sinjar district is Iraq's Sinjar, not Pakistan's more prominent Sanghar District.
    sinjar = place(9166620, "IQ", (36.3, 41.9), 0.56, "A.ADM2")
    town = place(448149, "IQ", (36.32, 41.88), 0.74)
    sanghar = place(1166162, "PK", (26.0, 69.0), 0.74, "A.ADM2")
    others = [(place(900 + i, "FR", (45.0, 2.0), 0.1), [hit(f"Xyzzy{i}")]) for i in range(padding)]
    candidates = [(sanghar, [hit("Sanghar District")]), (town, [hit("Sinjār")]), (sinjar, [hit("Sinjar")]), *others]
    ranked = rank(normalize("Sinjar district"), candidates, Hints())
    assert ranked[0].place.place_id == 9166620
    assert (ranked[0].match_kind, ranked[0].view, ranked[0].similarity) == (MatchKind.EXACT, "content", CONTENT_EQUAL)
    # Only a place of the kind the word asks for: the town is met as it was.
    by_id = {r.place.place_id: r for r in ranked}
    assert by_id[448149].view != "content"
    assert by_id[448149].score < by_id[9166620].score


def test_a_described_name_counts_only_for_the_kind_the_word_asks_for() -> None:
    # Hasakah governorate: the governorate (Al-Hasakah: articles aside), not the city named Hasakah.
    governorate = place(173813, "SY", (36.5, 40.9), 0.74, "A.ADM1")
    city = place(173811, "SY", (36.5, 40.75), 0.91)
    candidates = [(city, [hit("Al Hasakah"), hit("Hasakah", flags=0)]), (governorate, [hit("Al-Hasakah Governorate")])]
    assert winner("Hasakah governorate", candidates) == 173813
    assert winner("Hasakah city", candidates) == 173811

    def score(query: str) -> float:
        return next(r.score for r in rank(normalize(query), candidates, Hints()) if r.place.place_id == 173813)

    # Without the word after it, the name describes nothing: Governorate Hasakah weighs no more.
    assert score("Hasakah governorate") - score("Governorate Hasakah") >= W_DESCRIBED - 0.5


def test_a_place_named_as_the_query_is_written_keeps_it_from_the_places_it_would_describe() -> None:
    # Amakusa Shi is the municipality's name, word and all: the city named Amakusa does not get
    # the weight of a described name, here or when the resolver ranked the municipality before.
    municipality = place(1865358, "JP", (32.4, 130.2), 0.66, "A.ADM2")
    city = place(7424125, "JP", (32.46, 130.19), 0.76)
    candidates = [(municipality, [hit("Amakusa Shi")]), (city, [hit("Amakusa")])]
    ranked = rank(normalize("Amakusa Shi"), candidates, Hints())
    assert ranked[0].place.place_id == 1865358
    assert all(r.view != "content" for r in ranked)
    alone = rank(normalize("Amakusa Shi"), [(city, [hit("Amakusa")])], Hints())[0]
    after = rank(
        normalize("Amakusa Shi"), [(city, [hit("Amakusa")])], Hints(), namesakes=Namesakes({}, {}, written=True)
    )[0]
    assert alone.score - after.score >= W_DESCRIBED
    assert after.view != "content"


def test_a_place_named_as_described_is_met_as_if_written_whatever_longer_names_its_namesakes_have() -> None:
    # Milwaukie (OR) is also named Milwaukee City, which is closer to "Milwaukee municipality",
    # word and all, than Milwaukee's own name.
    milwaukee = place(5263045, "US", (43.04, -87.91), 0.94)
    milwaukie = place(5740900, "US", (45.45, -122.64), 0.70)
    candidates = [
        (milwaukie, [hit("Milwaukie"), hit("Milwaukee", flags=0), hit("Milwaukee City", flags=0)]),
        (milwaukee, [hit("Milwaukee")]),
    ]
    assert winner("Milwaukee municipality", candidates) == 5263045


def test_a_place_named_as_described_outweighs_a_near_spelling_that_shares_the_word() -> None:
    town = place(283506, "PS", (32.46, 35.3), 0.72)
    junin = place(3639063, "VE", (8.3, -71.9), 0.62, "A.ADM2")
    candidates = [
        (junin, [hit("Municipio Junín"), hit("Junín Municipality", flags=0)]),
        (town, [hit("Janīn"), hit("Jenin", flags=0)]),
    ]
    assert winner("Jenin municipality", candidates) == 283506


def test_a_division_named_as_described_but_of_another_level_stays_behind_one_of_the_level_asked_for() -> None:
    # Kerbala District is spelt otherwise than asked, the governorate as asked, but the word asks for a district.
    governorate = place(94823, "IQ", (32.6, 44.0), 0.79, "A.ADM1")
    district = place(94822, "IQ", (32.6, 44.0), 0.77, "A.ADM2")
    city = place(94824, "IQ", (32.6, 44.02), 0.97)
    candidates = [(governorate, [hit("Karbalā’")]), (district, [hit("Kerbala District")]), (city, [hit("Karbala")])]
    assert winner("Karbala district", candidates) == 94822


def test_a_municipality_is_the_town_as_much_as_a_division_so_named() -> None:
    # Gaza municipality is the city of Gaza; the governorate and Mozambique's province are named so too.
    city = place(281133, "PS", (31.5, 34.47), 0.85)
    governorate = place(11184609, "PS", (31.5, 34.45), 0.72, "A.ADM1")
    province = place(1040946, "MZ", (-23.0, 33.0), 0.75, "A.ADM1")
    candidates = [
        (governorate, [hit("Gaza Governorate"), hit("Gaza", flags=0)]),
        (province, [hit("Gaza")]),
        (city, [hit("Gaza")]),
    ]
    assert winner("Gaza municipality", candidates) == 281133


def test_a_described_name_is_not_met_through_a_code_or_another_script() -> None:
    # KRK is Kraków's airport code and Аншан a Russian name of Anshan (CN): neither is named Krk or Ansan.
    krakow = place(3094802, "PL", (50.06, 19.94), 0.95)
    anshan = place(2038632, "CN", (41.1, 122.99), 0.9)

    def view(query: str, facts: PlaceFacts, names: list[NameHit]) -> str:
        return rank(normalize(query), [(facts, names)], Hints())[0].view

    assert view("Krk city", krakow, [hit("Krakow"), hit("KRK", flags=FLAG_CODE)]) != "content"
    assert view("Krk city", krakow, [hit("Krakow"), hit("Krk", flags=0)]) == "content"
    assert view("Ansan city", anshan, [hit("Anshan"), hit("Ансан", flags=0)]) != "content"
    assert view("Ansan city", anshan, [hit("Anshan"), hit("Ansan", flags=0)]) == "content"


def test_a_name_in_cyrillic_describes_the_latin_name_its_romanisation_sounds_as() -> None:
    # провинция Ракка romanises as "provintsiya Rakka": Raqqa governorate's Latin name Raqqa sounds
    # so, and the city, more prominent, is not what the word asks for.
    governorate = place(172957, "SY", (35.9, 38.9), 0.74, "A.ADM1")
    city = place(172955, "SY", (35.95, 39.01), 0.86)
    candidates = [
        (city, [hit("Ar Raqqah"), hit("Raqqa", flags=0)]),
        (governorate, [hit("Ar Raqqah"), hit("Raqqa", flags=0)]),
    ]
    ranked = rank(normalize("провинция Ракка"), candidates, Hints())
    assert (ranked[0].place.place_id, ranked[0].view) == (172957, "content")


def test_an_arabic_script_romanisation_describes_no_latin_name_by_its_sound() -> None:
    # منطقة الغوطة (the Ghouta) romanises without its vowels, "ghwta", which sounds as Geita (TZ).
    geita = place(8469239, "TZ", (-2.9, 32.2), 0.7, "A.ADM1")
    ranked = rank(normalize("منطقة الغوطة"), [(geita, [hit("Geita Region"), hit("Geita", flags=0)])], Hints())
    assert ranked[0].view != "content"


def test_a_city_named_with_its_word_is_not_the_country_named_without_it() -> None:
    kuwait = place(285570, "KW", (29.5, 47.75), 1.0, "A.PCLI")
    city = place(285787, "KW", (29.37, 47.98), 0.92, "P.PPLC")
    assert winner("Kuwait City", [(kuwait, [hit("Kuwait")]), (city, [hit("Kuwait City")])]) == 285787


def test_a_countrys_name_in_a_script_it_writes_is_its_own() -> None:
    # الكويت names Kuwait and Kuwait City in Arabic, which Kuwait writes: the country is meant.
    kuwait = place(285570, "KW", (29.5, 47.75), 1.0, "A.PCLI")
    city = place(285787, "KW", (29.37, 47.98), 0.92, "P.PPLC")
    names = [hit("Kuwait"), hit("الكويت", lang="ar", flags=0)]
    assert winner("الكويت", [(city, [hit("Kuwait City"), hit("الكويت", flags=0)]), (kuwait, names)]) == 285570


@pytest.mark.parametrize("query", ["قضاء عفرين", "ناحية عفرين", "منطقة عفرين"])
def test_a_division_whose_own_name_has_another_arabic_word_is_not_the_division_asked_for(query: str) -> None:
    # Morocco's province names itself iqlim; a qada, a nahiya or a mintaqa is no iqlim. No
    # division is named Afrin: the town is what the query names.
    town = place(174186, "SY", (36.51, 36.87), 0.73)
    province = place(2546906, "MA", (33.5, -5.1), 0.66, "A.ADM2")
    candidates = [
        (town, [hit("‘Afrīn"), hit("عفرين", flags=0)]),
        (province, [hit("Ifrane"), hit("إقليم إفران", flags=0)]),
    ]
    assert winner(query, candidates) == 174186


def test_a_division_named_with_the_arabic_word_of_the_query_s_kind_is_still_asked_for() -> None:
    # محافظة and منطقة are both a governorate's word once cleaned up: Saudi Arabia's regions are مناطق.
    city = place(108410, "SA", (24.69, 46.72), 0.99, "P.PPLC")
    region = place(108411, "SA", (24.0, 45.5), 0.90, "A.ADM1")
    candidates = [
        (city, [hit("Riyadh"), hit("الرياض", flags=0)]),
        (region, [hit("Riyadh Region"), hit("منطقة الرياض", flags=0)]),
    ]
    assert winner("محافظة الرياض", candidates) == 108411


def test_a_name_in_another_abjad_spelt_as_described_is_not_met_as_written() -> None:
    # Hebrew and Arabic romanise alike (hmd): neither Hemed's Hebrew name nor the romanisation
    # without vowels that both places have is what an Arabic query spells.
    hemed = place(294785, "IL", (32.0, 34.9), 0.49)
    hamad = place(290247, "BH", (26.1, 50.5), 0.82)
    candidates = [
        (hemed, [hit("H̱emed"), hit("hmd", flags=0), hit("חמד", flags=0)]),
        (hamad, [hit("Madīnat Ḩamad"), hit("hmd", flags=0), hit("חמד", flags=0)]),
    ]
    assert winner("مدينة حمد", candidates) == 290247


def test_a_place_whose_described_name_gives_another_generic_word_is_not_met_as_written() -> None:
    # Dohuk District is named Dohuk but for its own word; the governorate is spelt Duhok.
    governorate = place(97270, "IQ", (36.9, 43.0), 0.79, "A.ADM2")
    district = place(97269, "IQ", (36.87, 42.99), 0.70, "A.ADM2")
    candidates = [
        (governorate, [hit("Dahūk"), hit("Duhok Governorate", flags=0)]),
        (district, [hit("Dohuk District")]),
    ]
    assert winner("Dohuk Governorate", candidates) == 97270


def test_a_place_met_by_a_name_another_town_bears_as_its_own_yields_to_that_town() -> None:
    # Akashi was Hagåtña's name under Japanese rule; the Japanese city bears it as its own.
    hagatna = place(4044012, "GU", (13.47, 144.75), 0.92, "P.PPLC")
    akashi = place(1847966, "JP", (34.65, 134.99), 0.87)
    candidates = [(hagatna, [hit("Hagåtña"), hit("Akashi", flags=0)]), (akashi, [hit("Akashi")])]
    assert winner("Akashi", candidates) == 1847966
    assert winner("Akashi municipality", candidates) == 1847966
    ranked = rank(normalize("Akashi"), candidates, Hints())
    assert "named so by another place as its own" in ranked[1].reasons


def test_a_town_named_as_a_division_bears_its_name_as_its_own() -> None:
    # Ghulja, the seat of Yili prefecture, is named Yili too: a division's name is no other town's.
    ghulja = place(1529435, "CN", (43.91, 81.28), 0.85)
    prefecture = place(1529434, "CN", (43.9, 82.0), 0.80, "A.ADM2")
    candidates = [(ghulja, [hit("Ghulja"), hit("Yili", flags=0)]), (prefecture, [hit("Yili")])]
    ranked = rank(normalize("Yili"), candidates, Hints())
    assert all("named so by another place as its own" not in r.reasons for r in ranked)


def test_a_second_level_division_bears_its_name_as_its_own_against_a_town_abroad() -> None:
    # Somerset is the English county, and an old name of Bellflower, California, a little more prominent.
    somerset = place(2637532, "GB", (51.08, -3.0), 0.71, "A.ADM2")
    bellflower = place(5327422, "US", (33.88, -118.12), 0.78)
    candidates = [(bellflower, [hit("Bellflower"), hit("Somerset", flags=0)]), (somerset, [hit("Somerset")])]
    assert winner("Somerset", candidates) == 2637532
    ranked = rank(normalize("Somerset"), candidates, Hints())
    assert "named so by another place as its own" in ranked[1].reasons


def test_a_first_level_division_bears_its_name_as_its_own_against_a_town_abroad() -> None:
    # Antioquia is Colombia's department, and Antakya's name in Spanish.
    antioquia = place(3689815, "CO", (7.0, -75.5), 0.81, "A.ADM1")
    antakya = place(323779, "TR", (36.2, 36.16), 0.91)
    candidates = [(antakya, [hit("Antakya"), hit("Antioquia", flags=0)]), (antioquia, [hit("Antioquia")])]
    assert winner("Antioquia", candidates) == 3689815
    ranked = rank(normalize("Antioquia"), candidates, Hints())
    assert "named so by another place as its own" in ranked[1].reasons
    # A town of the division's own country bearing its name may be its seat: left alone.
    seat = place(3390760, "BR", (-8.05, -34.9), 0.99)
    pernambuco = place(3392268, "BR", (-8.33, -37.8), 0.85, "A.ADM1")
    candidates = [(seat, [hit("Recife"), hit("Pernambuco", flags=0)]), (pernambuco, [hit("Pernambuco")])]
    ranked = rank(normalize("Pernambuco"), candidates, Hints())
    assert all("named so by another place as its own" not in r.reasons for r in ranked)


@pytest.mark.parametrize(
    ("town", "state", "name", "people"),
    [
        # Recife bears Pernambuco, its state's name, among its names, and holds a sixth of its people.
        (place(3390760, "BR", (-8.05, -34.9), 0.99), place(3392268, "BR", (-8.33, -37.8), 0.85, "A.ADM1"),
         ("Recife", "Pernambuco", "Pernambuco"), (1_653_461, 9_499_973)),
        # A town of the state's country bears its name whatever its marks: Belém bears Para, Pará's.
        (place(3405870, "BR", (-1.46, -48.5), 0.98), place(3393129, "BR", (-4.0, -53.0), 0.84, "A.ADM1"),
         ("Belém", "Para", "Pará"), (1_499_641, 8_811_163)),
    ],
)  # fmt: skip
def test_a_division_named_as_written_outweighs_a_town_of_its_country_holding_few_of_its_people(
    town: PlaceFacts, state: PlaceFacts, name: tuple[str, str, str], people: tuple[int, int]
) -> None:
    own, borne, states = name
    candidates = [(town, [hit(own), hit(borne, flags=0)]), (state, [hit(states)])]
    populations = {town.place_id: people[0], state.place_id: people[1]}
    ranked = rank(normalize(states), candidates, Hints(), people=populations)
    assert ranked[0].place.place_id == state.place_id
    assert "named so by another place as its own" in ranked[1].reasons
    # Where the populations are not known, the town may be the division's seat and keeps the name.
    assert winner(states, candidates) == town.place_id


def test_a_town_named_so_by_its_own_name_that_holds_under_a_tenth_of_a_states_people_yields_the_name() -> None:
    # Québec, the city, holds 5 % of the province's people; Porto 12 % of its district.
    city = place(6325494, "CA", (46.81, -71.21), 0.93)
    province = place(6115047, "CA", (52.0, -72.0), 0.85, "A.ADM1")
    quebec = [(city, [hit("Québec")]), (province, [hit("Quebec")])]
    porto = place(2735943, "PT", (41.15, -8.61), 0.86)
    district = place(2735941, "PT", (41.1, -8.4), 0.84, "A.ADM1")
    portos = [(porto, [hit("Porto")]), (district, [hit("Porto")])]
    people = {6325494: 531_902, 6115047: 10_867_851, 2735943: 252_687, 2735941: 2_106_284}
    ranked = rank(normalize("Quebec"), quebec, Hints(), people=people)
    assert ranked[0].place.place_id == 6115047
    assert "named as a state of over ten times its people" in ranked[1].reasons
    ranked = rank(normalize("Porto"), portos, Hints(), people=people)
    assert ranked[0].place.place_id == 2735943
    assert all("named as a state of over ten times its people" not in r.reasons for r in ranked)
    # Where the populations are not known, the city keeps the name.
    assert winner("Quebec", quebec) == 6325494


def test_a_town_holding_most_of_its_divisions_people_or_its_countrys_capital_keeps_the_divisions_name() -> None:
    # Aleppo holds three quarters of its governorate, Ḩalab; Lisbon, the capital, a sixth of Lisboa district.
    aleppo = place(170063, "SY", (36.2, 37.16), 0.99)
    governorate = place(170062, "SY", (36.25, 37.5), 0.82, "A.ADM1")
    halab = [(aleppo, [hit("Aleppo"), hit("Halab", flags=0)]), (governorate, [hit("Ḩalab")])]
    lisbon = place(2267057, "PT", (38.72, -9.13), 0.92, "P.PPLC")
    district = place(2267056, "PT", (39.0, -9.17), 0.83, "A.ADM1")
    lisboa = [(lisbon, [hit("Lisbon"), hit("Lisboa", flags=0)]), (district, [hit("Lisboa")])]
    people = {170063: 2_098_210, 170062: 2_802_348, 2267057: 517_802, 2267056: 2_943_731}
    for query, candidates, town in (("Halab", halab, 170063), ("Lisboa", lisboa, 2267057)):
        ranked = rank(normalize(query), candidates, Hints(), people=people)
        assert ranked[0].place.place_id == town
        assert all("named so by another place as its own" not in r.reasons for r in ranked)


def test_a_town_bearing_a_name_as_its_own_outweighs_a_city_not_far_more_prominent_bearing_it_among_others() -> None:
    # Waterloo is an early name of Austin (TX); the Ontario city, some ten times smaller, bears it as its own.
    austin = place(4671654, "US", (30.27, -97.74), 0.96)
    waterloo = place(6176823, "CA", (43.47, -80.52), 0.79)
    candidates = [(austin, [hit("Austin"), hit("Waterloo", flags=0)]), (waterloo, [hit("Waterloo")])]
    assert winner("Waterloo", candidates) == 6176823
    ranked = rank(normalize("Waterloo"), candidates, Hints())
    assert "named so by another place as its own" in ranked[1].reasons


def test_a_small_town_bearing_a_name_as_its_own_outweighs_a_town_about_as_prominent_bearing_it_among_others() -> None:
    # Sonoma is an old name of Ennis (TX, 19,007 people); the Californian town of 11,037 bears it as its own.
    ennis = place(4689311, "US", (32.33, -96.63), 0.688)
    sonoma = place(5397095, "US", (38.29, -122.46), 0.662)
    candidates = [(ennis, [hit("Ennis"), hit("Sonoma", flags=0)]), (sonoma, [hit("Sonoma")])]
    assert winner("Sonoma", candidates) == 5397095
    ranked = rank(normalize("Sonoma"), candidates, Hints())
    assert "named so by another place as its own" in ranked[1].reasons
    # A town far better known than the small one owning the name keeps it (the Syrian Palmyra).
    tadmur = place(163808, "SY", (34.56, 38.28), 0.80)
    palmyra = place(4503148, "US", (40.01, -75.03), 0.62)
    candidates = [(tadmur, [hit("Tadmur"), hit("Palmyra", flags=0)]), (palmyra, [hit("Palmyra")])]
    ranked = rank(normalize("Palmyra"), candidates, Hints())
    assert all("named so by another place as its own" not in r.reasons for r in ranked)


def test_a_city_far_more_prominent_than_the_towns_bearing_its_old_name_keeps_it() -> None:
    # Batavia, Jakarta's colonial name, is also the own name of Batavia (IL), far less prominent.
    jakarta = place(1642911, "ID", (-6.21, 106.85), 0.99, "P.PPLC")
    batavia = place(4884192, "US", (41.85, -88.31), 0.72)
    candidates = [(jakarta, [hit("Jakarta"), hit("Batavia", flags=0)]), (batavia, [hit("Batavia")])]
    assert winner("Batavia", candidates) == 1642911
    ranked = rank(normalize("Batavia"), candidates, Hints())
    assert all("named so by another place as its own" not in r.reasons for r in ranked)


def test_a_capital_of_a_few_thousand_people_weighs_as_the_town_it_is() -> None:
    # Bermuda's capital, of 902 people, carries a capital's prominence floor, nearly Hamilton's (ON).
    bermuda = place(3573197, "BM", (32.29, -64.78), 0.913, "P.PPLC")
    ontario = place(5969782, "CA", (43.26, -79.87), 0.916)
    jamaica = place(3489854, "JM", (17.99, -76.79), 0.924, "P.PPLC")
    norfolk = place(2161314, "NF", (-29.06, 167.96), 0.910, "P.PPLC")
    hamiltons = [(bermuda, [hit("Hamilton")]), (ontario, [hit("Hamilton")])]
    kingstons = [(norfolk, [hit("Kingston")]), (jamaica, [hit("Kingston")])]
    people = {3573197: 902, 3489854: 937_700, 2161314: 880}
    ranked = rank(normalize("Hamilton"), hamiltons, Hints(), people=people)
    assert ranked[0].place.place_id == 5969782
    ranked = rank(normalize("Kingston"), kingstons, Hints(), people=people)
    assert ranked[0].place.place_id == 3489854
    assert confidences(ranked)[1] < confidences(ranked)[0] / 2
    # A capital whose population the caller does not give weighs as a capital.
    assert winner("Hamilton", hamiltons) == 3573197
    # With the hint, Bermuda's.
    ranked = rank(normalize("Hamilton"), hamiltons, Hints(countries=frozenset({"BM"})), people=people)
    assert ranked[0].place.place_id == 3573197


def test_a_capital_of_a_few_thousand_people_keeps_its_weight_in_its_hinted_country() -> None:
    # Inside Bermuda the capital is what Hamilton means, not the parish of that name, which lies
    # east of it: before, weighed as a town of 902 people, it lost to the parish's division floor
    # (Hamilton, Bermuda and Hamilton hinted BM gave the parish, as Yaren, NR gave Yaren District).
    capital = place(3573197, "BM", (32.29, -64.78), 0.913, "P.PPLC")
    parish = place(3573195, "BM", (32.34, -64.73), 0.718, "A.ADM1")
    hamiltons = [(parish, [hit("Hamilton")]), (capital, [hit("Hamilton")])]
    hinted = Hints(countries=frozenset({"BM"}))
    ranked = rank(normalize("Hamilton"), hamiltons, hinted, people={3573197: 902})
    assert ranked[0].place.place_id == 3573197


def test_a_foreign_places_name_in_syllables_does_not_outweigh_a_place_named_so() -> None:
    # Paris's Chinese name 巴黎, and GeoNames' pinyin of it, read "ba li": Bali is the Indonesian
    # province, not the capital met only through them.
    paris = place(2988507, "FR", (48.85, 2.35), 0.99, "P.PPLC")
    bali = place(1650535, "ID", (-8.5, 115.0), 0.79, "A.ADM1")
    candidates = [(paris, [hit("Paris"), hit("巴黎"), hit("ba li", flags=FLAG_NON_LATIN)]), (bali, [hit("Bali")])]
    assert winner("Bali", candidates) == 1650535
    ranked = rank(normalize("Bali"), candidates, Hints())
    assert any("exonym in syllables" in reason for reason in ranked[1].reasons)
    # Asked in Chinese characters, the name is still Paris's.
    assert winner("巴黎", candidates) == 2988507


def test_a_place_met_through_its_own_countrys_syllables_keeps_them() -> None:
    # Kazan's Chinese name 喀山 reads "ka shan"; a Chinese town's own name read so is no exonym.
    kazan = place(551487, "RU", (55.79, 49.12), 0.98)
    kashan = place(128476, "IR", (33.98, 51.44), 0.85)
    town = place(1, "CN", (30.0, 110.0), 0.85)
    assert (
        winner("Kashan", [(kazan, [hit("Kazan"), hit("ka shan", flags=FLAG_NON_LATIN)]), (kashan, [hit("Kashan")])])
        == 128476
    )
    both = [(kazan, [hit("Kazan"), hit("ka shan", flags=FLAG_NON_LATIN)]), (town, [hit("卡山")])]
    ranked = rank(normalize("Kashan"), both, Hints())
    reasons = {r.place.place_id: r.reasons for r in ranked}
    assert not any("exonym in syllables" in reason for reason in reasons[1])
    assert any("exonym in syllables" in reason for reason in reasons[551487])


def test_a_name_in_chinese_characters_means_the_place_written_so() -> None:
    # 巴黎 (Paris) and 巴里 (Bari) both read "ba li".
    paris = place(2988507, "FR", (48.85, 2.35), 0.99, "P.PPLC")
    bari = place(3182351, "IT", (41.12, 16.87), 0.87)
    candidates = [(paris, [hit("巴黎")]), (bari, [hit("巴里")])]
    assert winner("巴黎", candidates) == 2988507
    assert winner("巴里", candidates) == 3182351
    ranked = rank(normalize("巴里"), candidates, Hints())
    assert any("character for character" in reason for reason in ranked[0].reasons)


def test_a_name_met_whole_only_through_a_machine_romanisation_counts_for_little() -> None:
    # Ghent's "ken t" romanises another script's exonym; Kent, Washington is named so.
    ghent = place(2797656, "BE", (51.05, 3.72), 0.95)
    kent = place(5799625, "US", (47.38, -122.23), 0.8)
    candidates = [(ghent, [hit("ken t", flags=FLAG_ROMANISED)]), (kent, [hit("Kent")])]
    assert winner("Kent", candidates) == 5799625
    ranked = rank(normalize("Kent"), candidates, Hints())
    assert any("machine romanisation" in reason for reason in ranked[1].reasons)
    # Met in part, a romanisation is a spelling as near as any.
    aswan = place(359792, "EG", (24.09, 32.9), 0.89)
    near = rank(normalize("Asuano"), [(aswan, [hit("asuani", flags=FLAG_ROMANISED)])], Hints())
    assert not any("machine romanisation" in reason for reason in near[0].reasons)


def test_a_query_in_another_script_meets_geonames_pinyin_as_a_romanisation() -> None:
    # Maymana's pinyin "mai ma na" is flagged as the Chinese name it reads, 迈马纳, but to the
    # katakana マイマナ (folded "maimana") it is a Latin name: a transliteration, which a name
    # in a script other than Latin folded alike outweighs as the name that met the query.
    maymana = place(1133453, "AF", (35.92, 64.78), 0.8)
    pinyin = hit("mai ma na", flags=FLAG_NON_LATIN)
    (alone,) = rank(normalize("マイマナ"), [(maymana, [pinyin])], Hints())
    assert alone.match_kind is MatchKind.TRANSLITERATION
    (both,) = rank(normalize("マイマナ"), [(maymana, [pinyin, hit("迈马纳", flags=0)])], Hints())
    assert both.matched.text == "迈马纳"
    assert both.match_kind is MatchKind.ALTERNATE_NAME
    # To a Latin query it is still the Chinese name it reads.
    (latin,) = rank(normalize("Maimana"), [(maymana, [pinyin])], Hints())
    assert latin.match_kind is MatchKind.TRANSLITERATION


def test_a_name_written_with_its_marks_means_a_place_of_a_country_that_writes_them() -> None:
    # Nawá (Syria) and Naha (Japan, which GeoNames also calls Nawa): without its mark, Japan's.
    nawa = place(166365, "SY", (32.89, 36.04), 0.74)
    naha = place(1856035, "JP", (26.21, 127.68), 0.87)
    candidates = [(nawa, [hit("Nawá")]), (naha, [hit("Naha"), hit("Nawa", flags=0)])]
    assert winner("Nawa", candidates) == 1856035
    assert winner("Nawá", candidates) == 166365
    ranked = rank(normalize("Nawá"), candidates, Hints())
    assert any("without its marks" in reason for reason in ranked[1].reasons)


def test_within_a_country_a_place_the_marked_name_misses_loses_nothing() -> None:
    # Baghdād is the governorate's own name; the city's names lack the macron, and it stays the city.
    city = place(98182, "IQ", (33.34, 44.40), 0.95, "P.PPLC")
    governorate = place(98180, "IQ", (33.33, 44.39), 0.9, "A.ADM1")
    candidates = [(city, [hit("Baghdad")]), (governorate, [hit("Baghdād")])]
    assert winner("Baghdād", candidates) == 98182
    ranked = rank(normalize("Baghdād"), candidates, Hints())
    assert not any("without its marks" in reason for r in ranked for reason in r.reasons)
