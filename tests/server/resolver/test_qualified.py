"""Names written with the areas they lie in, on the embedded index: *Paris, Texas* is not Paris, France."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from toponym_server.index import IndexReader
from toponym_server.index.reader import PlaceRow
from toponym_server.matching.features import Kind
from toponym_server.matching.qualifier import Qualified
from toponym_server.matching.ranking import Hints
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import Query, Resolver
from toponym_server.resolver.answers import Candidate
from toponym_server.resolver.qualified import Area, answer_within

PARIS_FR = 2988507
PARIS_TX = 4717560
NEW_YORK_STATE = 5128638


def _first(resolver: Resolver, text: str, **options: object) -> int:
    return resolver.resolve(Query(text, **options))[0].place.geoname_id  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paris, Texas", PARIS_TX),  # a state's name
        ("Alexandria, Virginia", 4744091),  # not the Egyptian city
        ("Hama, Syria", 170017),  # a country's name: before, Hamar in Norway
        ("Valencia, Venezuela", 3625549),  # not the Spanish city
        ("Tripoli (Lebanon)", 266826),  # in parentheses
        ("Springfield, IL", 4250542),  # a state's code
        ("Cambridge, MA", 4931972),  # MA is also Morocco's code: Morocco holds no Cambridge
        ("Atlanta, Georgia", 4180439),  # Georgia the country holds no Atlanta; the state does
        ("Tbilisi, Georgia", 611717),
        ("Atlanta, Georgia, USA", 4180439),
        ("London (Ontario), Canada", 6058560),
        ("Manbij, Aleppo", 167357),  # a governorate's name
        # ISO 3166 codes, which GeoNames does not give: before, Hamilton in Bermuda, Kingston
        # on Norfolk Island, London the UK's capital (each the whole text's near spelling).
        ("Hamilton, ON", 5969782),
        ("Kingston, ON", 5992500),
        ("London, ON", 6058560),
        ("Newcastle, NSW", 2155472),  # before, the South African town was a close second
        ("Victoria, BC", 6174041),
        ("Mosul, IQ", 99072),  # a country's two-letter code
        ("Paris, FRA", 2988507),  # and its three-letter one
        # Abbreviations as datelines write them (the seed file): before, each was the whole text's
        # near spelling (Springfield, Massachusetts; Kingstown, Saint Vincent).
        ("Springfield, Ill.", 4250542),
        ("Kingston, Ont.", 5992500),
        ("Columbus, Ga.", 4188985),
        ("Charleston, W.Va.", 4801859),
        ("Toowoomba, Qld", 2146268),
        # Folded, the whole text is another place's name (Gayang, Linxihe, in China); a text is
        # answered as written only if the name is written so, with its comma.
        ("Gaya, NG", 2341580),
        ("Linxi, HE", 1803334),  # Hebei
        # Catalonia (ES-CT) is more populous than Connecticut, and a Greek name of Badalona
        # shares Middletown's consonants in part: before, it was taken for a transliteration.
        ("Middletown, CT", 4838633),
    ],
)
def test_a_qualified_name_is_the_place_of_that_name_inside_the_area(
    resolver: Resolver, text: str, expected: int
) -> None:
    answers = resolver.resolve(Query(text))
    assert answers[0].place.geoname_id == expected
    assert "as the name says" in answers[0].explanation


def test_the_qualifier_decides_where_the_bare_name_would_not(resolver: Resolver) -> None:
    assert _first(resolver, "Paris") == PARIS_FR
    answer = resolver.resolve(Query("Paris, Texas"))[0]
    assert answer.confidence > 0.9
    assert answer.explanation.endswith("inside Texas, as the name says")


def test_a_near_spelling_inside_the_area_answers_surely(resolver: Resolver) -> None:
    alone = resolver.resolve(Query("Hassakeh", min_confidence=0.0))[0]
    inside = resolver.resolve(Query("Hassakeh, Syria"))[0]
    assert inside.place.geoname_id == 173811  # Al-Hasakah
    assert inside.confidence > max(alone.confidence, 0.9)


def test_the_area_itself_is_not_an_answer(resolver: Resolver) -> None:
    answers = resolver.resolve(Query("New York, New York", limit=5, min_confidence=0.0))
    assert answers[0].place.geoname_id == 5128581  # New York City
    assert NEW_YORK_STATE not in [a.place.geoname_id for a in answers]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonaire, Sint Eustatius and Saba", 7626844),
        # A name with a comma described by a generic word: before, Asturias the province.
        ("Asturias, Principado de province", 3114710),
    ],
)
def test_a_whole_name_with_a_comma_is_that_name(resolver: Resolver, text: str, expected: int) -> None:
    answer = resolver.resolve(Query(text))[0]
    assert answer.place.geoname_id == expected
    assert "as the name says" not in answer.explanation


@pytest.mark.parametrize("text", ["Springfield, Alaska", "Aleppo, Idlib", "Raqqa, Deir ez-Zor, Hasakah"])
def test_a_name_no_named_area_holds_is_answered_as_written(resolver: Resolver, text: str) -> None:
    # Alaska holds no Springfield, Idlib no Aleppo; a list of three governorates is no qualified
    # name (before, the list gave a hamlet of Kazakhstan, whose Hebrew name folds as "hasakah").
    answers = resolver.resolve(Query(text, min_confidence=0.0))
    assert all("as the name says" not in answer.explanation for answer in answers)
    assert all(answer.place.country_code != "KZ" for answer in answers)


def test_an_area_outside_the_countries_restricted_to_is_not_read(resolver: Resolver) -> None:
    hints = Hints(countries=frozenset({"FR"}), restrict_to_countries=True)
    answers = resolver.resolve(Query("Paris, Texas", hints, min_confidence=0.0))
    assert answers and all(answer.place.country_code == "FR" for answer in answers)


def test_an_answer_inside_an_area_is_kept_apart_from_the_name_asked_alone(embedded_index: IndexReader) -> None:
    # The answer inside Texas is kept by a key of its own: the same name restricted to the
    # country, asked next, is answered as a resolver that never met Texas answers it.
    hints = Hints(countries=frozenset({"US"}), restrict_to_countries=True)
    fresh = [answer.place.geoname_id for answer in Resolver(embedded_index).resolve(Query("Paris", hints))]
    resolver = Resolver(embedded_index)
    assert _first(resolver, "Paris, Texas") == PARIS_TX
    assert [answer.place.geoname_id for answer in resolver.resolve(Query("Paris", hints))] == fresh
    assert fresh != [PARIS_TX]  # no Paris of the country is that sure: Texas alone decides


def test_a_qualified_name_in_a_batch_keeps_its_area(resolver: Resolver) -> None:
    together = resolver.resolve_many([Query("Paris, Texas"), Query("Lyon")], use_context=True)
    assert together[0][0].place.geoname_id == PARIS_TX


def _row(geoname_id: int, code: str, country: str, admin1: str = "", admin2: str = "") -> PlaceRow:
    return PlaceRow(geoname_id, "", "", 0.0, 0.0, "A", code, country, admin1, admin2, 0, 0.0, False)


def test_an_area_holds_the_places_of_its_codes_but_not_itself() -> None:
    texas = Area.of(_row(4736286, "ADM1", "US", "TX"))
    assert texas == Area(4736286, "", "US", "TX")
    assert texas.holds(PlaceRow(PARIS_TX, "Paris", "Paris", 0, 0, "P", "PPL", "US", "TX", "277", 1, 0.5, False))
    assert not texas.holds(PlaceRow(4647963, "Paris", "Paris", 0, 0, "P", "PPL", "US", "TN", "079", 1, 0.5, False))
    assert not texas.holds(_row(4736286, "ADM1", "US", "TX"))
    assert Area.of(_row(6252001, "PCLI", "US")) == Area(6252001, "", "US")
    assert Area.of(_row(1, "ADM2", "US", "TX")) is None  # a second-level division without its code
    assert Area.of(PlaceRow(2, "", "", 0, 0, "P", "PPL", "US", "TX", "", 1, 0.5, False)) is None


@pytest.mark.parametrize("text", ["Paris, USA", "Paris, United States", "Springfield, USA"])
def test_a_name_the_area_holds_unsurely_is_no_place_outside_it(resolver: Resolver, text: str) -> None:
    # The United States hold many Parises, none sure: before, with the default min_confidence
    # the text was answered as written (Paris, France at 0.88, the United States themselves).
    unsure = resolver.resolve(Query(text, min_confidence=0.0))
    assert unsure and all(answer.place.country_code == "US" for answer in unsure)
    assert all("as the name says" in answer.explanation for answer in unsure)
    sure = resolver.resolve(Query(text, min_confidence=0.3))
    assert sure == [answer for answer in unsure if answer.confidence >= 0.3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paris, Lamar County, Texas", PARIS_TX),  # before, no answer at all
        ("Versailles, Yvelines", 2969679),
        ("Cambridge, Cambridgeshire", 2653941),  # before, Cambridgeshire itself
        ("Brighton, East Sussex", 2654710),  # before, Brighton East in Australia
    ],
)
def test_a_second_level_division_holds_the_towns_of_its_first_level_one_that_carry_no_code_of_their_own(
    resolver: Resolver, text: str, expected: int
) -> None:
    # The embedded gazetteer's towns carry no second-level division's code: a county or
    # department named after a town is no reason to answer outside it.
    answer = resolver.resolve(Query(text))[0]
    assert answer.place.geoname_id == expected
    assert "as the name says" in answer.explanation


def test_a_second_level_division_holds_no_other_division_of_its_first_level_one() -> None:
    county = Area(4705086, "Lamar County", "US", "TX", "277")
    assert county.holds(PlaceRow(PARIS_TX, "Paris", "Paris", 0, 0, "P", "PPL", "US", "TX", "", 1, 0.5, False))
    assert not county.holds(PlaceRow(2, "Dallas", "Dallas", 0, 0, "P", "PPL", "US", "TX", "113", 1, 0.5, False))
    assert not county.holds(_row(4736286, "ADM1", "US", "TX"))
    assert not county.holds(_row(4705086, "ADM2", "US", "TX", "277"))


def test_a_country_preferred_keeps_no_area_named_elsewhere_out(resolver: Resolver) -> None:
    # Preferring the US made Georgia the country too unlikely a meaning of "Georgia" to be read:
    # before, Tbilisi, Georgia gave the US state of Georgia (a fuzzy match of the whole text).
    preferred = Hints(countries=frozenset({"US"}))
    assert _first(resolver, "Tbilisi, Georgia", hints=preferred) == 611717
    assert _first(resolver, "Athens, Georgia", hints=Hints(countries=frozenset({"GE"}))) == 4180386


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Windsor, CA", 5410004),  # California, though Canada (CA) holds a Windsor too
        ("Perth, WA", 2063523),  # Washington (WA) holds no Perth: Western Australia (AU-WA)
        ("St. John's, NL", 6324733),  # the Netherlands (NL) hold none: Newfoundland and Labrador
    ],
)
def test_a_code_of_several_areas_is_a_division_first_then_a_country(
    resolver: Resolver, text: str, expected: int
) -> None:
    assert _first(resolver, text) == expected


def test_an_answer_inside_a_qualifier_s_country_does_not_say_the_caller_hinted_it(resolver: Resolver) -> None:
    bare = resolver.resolve(Query("London, ON"))[0]
    assert "hinted" not in bare.explanation
    assert bare.explanation.endswith("inside Ontario, as the name says")
    hinted = resolver.resolve(Query("London, ON", Hints(countries=frozenset({"CA"}))))[0]
    assert "in hinted country CA; inside Ontario" in hinted.explanation


def test_the_areas_holding_a_place_spelt_as_the_name_are_resolved_inside_first() -> None:
    areas = [Area(i, f"area {i}", "XX", str(i)) for i in range(1, 21)]
    asked: list[int] = []

    def resolve_inside(area: Area) -> list[Candidate]:
        asked.append(area.geoname_id)
        return [_candidate(MatchKind.EXACT)] if area.geoname_id == 20 else []

    def spelt_inside(name: str, offered: Sequence[Area]) -> list[Area]:
        assert name == "Paris" and list(offered) == areas
        return [areas[-1]]

    within = answer_within(
        Qualified("Paris", ("BA",)), lambda text, outer: areas, resolve_inside, frozenset(), spelt_inside
    )
    assert within is not None and within.area == areas[-1]
    assert asked == [20]  # one resolution, not twenty
    asked.clear()
    assert answer_within(Qualified("Paris", ("BA",)), lambda text, outer: areas, resolve_inside) is not None
    assert asked == list(range(1, 21))


def test_a_near_spelling_is_looked_for_only_in_the_likeliest_areas_holding_no_place_spelt_so() -> None:
    # A name no area of a code spelt so (*Smith, BA*: twenty-four areas) cost a resolution in each:
    # a text of addresses and bylines (*Jane Smith, MA*), twenty times as long as before codes.
    areas = [Area(i, f"area {i}", "XX", str(i)) for i in range(1, 21)]
    asked: list[int] = []

    def resolve_inside(area: Area) -> list[Candidate]:
        asked.append(area.geoname_id)
        return [_candidate(MatchKind.FUZZY)] if area.geoname_id in (2, 20) else []

    within = answer_within(
        Qualified("Smith", ("BA",)), lambda text, outer: areas, resolve_inside, frozenset(), lambda n, a: []
    )
    assert within is not None and within.area == areas[1]
    assert asked == [1, 2, 3]


def _candidate(kind: MatchKind) -> Candidate:
    place = PlaceRow(7, "Paris", "Paris", 0.0, 0.0, "P", "PPL", "XX", "20", "", 1, 0.5, False)
    return Candidate(place, Kind.POPULATED_PLACE, "", "", 0.9, kind, "Paris", "matched 'Paris' (exact)")
