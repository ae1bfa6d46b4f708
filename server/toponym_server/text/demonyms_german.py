"""The countries German news names by an adjective before a place: *die französische Hafenstadt Brest*.

German declines the country's adjective before the kind's word (*die libanesische Stadt
Tripoli*, *in der ukrainischen Region Charkiw*) or before the name itself (*im libanesischen
Tripoli*): the place is the one that country holds, as the English *the Lebanese city of
Tripoli* (see :mod:`~toponym_server.text.demonyms`).
"""

from __future__ import annotations

import re

GERMAN_ADJECTIVE_STEMS: dict[str, str] = {
    "französisch": "France", "deutsch": "Germany", "amerikanisch": "United States",
    "us-amerikanisch": "United States", "britisch": "United Kingdom", "englisch": "United Kingdom",
    "schottisch": "United Kingdom", "russisch": "Russia", "ukrainisch": "Ukraine", "belarussisch": "Belarus",
    "weißrussisch": "Belarus", "polnisch": "Poland", "italienisch": "Italy", "spanisch": "Spain",
    "portugiesisch": "Portugal", "türkisch": "Turkey", "syrisch": "Syria", "irakisch": "Iraq", "iranisch": "Iran",
    "libanesisch": "Lebanon", "israelisch": "Israel", "palästinensisch": "Palestine", "ägyptisch": "Egypt",
    "libysch": "Libya", "jordanisch": "Jordan", "saudisch": "Saudi Arabia", "saudi-arabisch": "Saudi Arabia",
    "jemenitisch": "Yemen", "afghanisch": "Afghanistan", "pakistanisch": "Pakistan", "indisch": "India",
    "chinesisch": "China", "japanisch": "Japan", "koreanisch": "South Korea", "südkoreanisch": "South Korea",
    "nordkoreanisch": "North Korea", "kanadisch": "Canada", "australisch": "Australia", "mexikanisch": "Mexico",
    "brasilianisch": "Brazil", "argentinisch": "Argentina", "kolumbianisch": "Colombia",
    "venezolanisch": "Venezuela", "chilenisch": "Chile", "peruanisch": "Peru", "kubanisch": "Cuba",
    "bolivianisch": "Bolivia", "ecuadorianisch": "Ecuador", "uruguayisch": "Uruguay", "paraguayisch": "Paraguay",
    "georgisch": "Georgia", "armenisch": "Armenia", "aserbaidschanisch": "Azerbaijan", "kasachisch": "Kazakhstan",
    "usbekisch": "Uzbekistan", "österreichisch": "Austria", "schweizerisch": "Switzerland", "belgisch": "Belgium",
    # Adjectives that decline not (*die Schweizer Stadt*), by the stem before their -er
    "schweiz": "Switzerland", "luxemburg": "Luxembourg", "liechtenstein": "Liechtenstein",
    "niederländisch": "Netherlands", "holländisch": "Netherlands", "griechisch": "Greece",
    "schwedisch": "Sweden", "norwegisch": "Norway", "finnisch": "Finland", "dänisch": "Denmark",
    "tschechisch": "Czechia", "slowakisch": "Slovakia", "ungarisch": "Hungary", "rumänisch": "Romania",
    "bulgarisch": "Bulgaria", "serbisch": "Serbia", "kroatisch": "Croatia", "bosnisch": "Bosnia and Herzegovina",
    "slowenisch": "Slovenia", "albanisch": "Albania", "kosovarisch": "Kosovo", "moldauisch": "Moldova",
    "litauisch": "Lithuania", "lettisch": "Latvia", "estnisch": "Estonia", "irisch": "Ireland",
    "isländisch": "Iceland", "luxemburgisch": "Luxembourg", "tunesisch": "Tunisia", "algerisch": "Algeria",
    "marokkanisch": "Morocco", "sudanesisch": "Sudan", "äthiopisch": "Ethiopia", "somalisch": "Somalia",
    "kenianisch": "Kenya", "nigerianisch": "Nigeria", "malisch": "Mali", "senegalesisch": "Senegal",
    "kongolesisch": "Democratic Republic of the Congo", "südafrikanisch": "South Africa",
    "vietnamesisch": "Vietnam", "thailändisch": "Thailand", "indonesisch": "Indonesia",
    "philippinisch": "Philippines", "malaysisch": "Malaysia", "myanmarisch": "Myanmar", "birmanisch": "Myanmar",
    "bangladeschisch": "Bangladesh", "nepalesisch": "Nepal", "taiwanisch": "Taiwan", "taiwanesisch": "Taiwan",
    "neuseeländisch": "New Zealand", "katarisch": "Qatar", "kuwaitisch": "Kuwait",
    "emiratisch": "United Arab Emirates", "omanisch": "Oman", "zyprisch": "Cyprus", "maltesisch": "Malta",
    "mongolisch": "Mongolia", "kambodschanisch": "Cambodia", "haitianisch": "Haiti",
    "nicaraguanisch": "Nicaragua", "guatemaltekisch": "Guatemala", "honduranisch": "Honduras",
    "panamaisch": "Panama", "tansanisch": "Tanzania", "ugandisch": "Uganda", "ruandisch": "Rwanda",
    "simbabwisch": "Zimbabwe", "sambisch": "Zambia", "angolanisch": "Angola", "mosambikanisch": "Mozambique",
    "ghanaisch": "Ghana", "kamerunisch": "Cameroon", "tschadisch": "Chad", "mauretanisch": "Mauritania",
    "nigrisch": "Niger", "eritreisch": "Eritrea",
    "böhmisch": "Czechia", "mährisch": "Czechia",
    # And of the regions of German-speaking countries, by the state that holds them, or the country where
    # they spread over several (*im niedersächsischen Papenburg*, *ins badische Rheinfelden*, *im
    # ostwestfälischen Halle*, not Halle an der Saale)
    "bayerisch": "Bayern", "oberbayerisch": "Bayern", "niederbayerisch": "Bayern", "fränkisch": "Bayern",
    "oberfränkisch": "Bayern", "unterfränkisch": "Bayern", "oberpfälzisch": "Bayern", "allgäu": "Germany",
    "schwäbisch": "Germany", "oberschwäbisch": "Germany", "badisch": "Baden-Württemberg",
    "württembergisch": "Baden-Württemberg", "baden-württembergisch": "Baden-Württemberg", "hessisch": "Hessen",
    "thüringisch": "Thüringen", "sächsisch": "Sachsen", "sachsen-anhaltisch": "Sachsen-Anhalt",
    "niedersächsisch": "Niedersachsen", "ostfriesisch": "Niedersachsen", "brandenburgisch": "Brandenburg",
    "mecklenburgisch": "Mecklenburg-Vorpommern", "vorpommersch": "Mecklenburg-Vorpommern",
    "holsteinisch": "Schleswig-Holstein", "schleswig-holsteinisch": "Schleswig-Holstein",
    "pfälzisch": "Rheinland-Pfalz", "rheinland-pfälzisch": "Rheinland-Pfalz", "saarländisch": "Saarland",
    "westfälisch": "Nordrhein-Westfalen", "nordrhein-westfälisch": "Nordrhein-Westfalen",
    "steirisch": "Steiermark", "kärntnerisch": "Kärnten", "niederösterreichisch": "Niederösterreich",
    "oberösterreichisch": "Oberösterreich", "salzburgisch": "Austria", "burgenländisch": "Burgenland",
    "vorarlbergisch": "Vorarlberg", "vorarlberg": "Vorarlberg", "tirol": "Austria", "bernisch": "Switzerland",
    "zürcherisch": "Switzerland", "aargauisch": "Aargau", "thurgauisch": "Thurgau", "luzernisch": "Switzerland",
    "bündnerisch": "Graubünden", "südtirol": "Italy",
}  # fmt: skip
"""German adjectives of countries, and of regions by their state or country, by their stem before the
ending (*französisch-e*), and the name of each country or state."""

PLACE_KINDS = frozenset(
    {
        "stadt", "hafenstadt", "hauptstadt", "grenzstadt", "küstenstadt", "großstadt", "kleinstadt",
        "millionenstadt", "industriestadt", "metropole", "ort", "ortschaft", "gemeinde", "dorf", "kurort", "insel",
        "enklave", "städte", "hafenstädte", "orte", "ortschaften", "gemeinden", "dörfer", "inseln", "städtchen",
        "kreisstadt", "landeshauptstadt",
    }
)  # fmt: skip
"""The words of a kind of place, singular or plural, after a German adjective of a country."""

DIVISION_KINDS = frozenset(
    {
        "region", "provinz", "bundesstaat", "staat", "bundesland", "bezirk", "departement", "kanton", "präfektur",
        "oblast", "gouvernement", "grafschaft", "regionen", "provinzen", "bundesstaaten", "staaten", "bundesländer",
        "bezirke", "regierungsbezirk", "regierungsbezirke",
    }
)  # fmt: skip
"""The words of a kind of division, singular or plural, after a German adjective of a country."""

TOWN_KINDS = frozenset(
    {
        "stadt", "hafenstadt", "hauptstadt", "grenzstadt", "küstenstadt", "großstadt", "kleinstadt",
        "millionenstadt", "industriestadt", "metropole", "ort", "ortschaft", "dorf", "kurort", "städte",
        "hafenstädte", "orte", "ortschaften", "dörfer", "städtchen", "kreisstadt", "landeshauptstadt",
    }
)  # fmt: skip
"""The kinds of :data:`PLACE_KINDS` that are towns: never a division, as a Gemeinde or an island may be."""

_BEFORE = re.compile(r"(?<![^\W\d_])(?P<stem>[^\W\d_]+(?:-[^\W\d_]+)?)(?:e|en|er|es|em) (?:(?P<kind>[^\W\d_]+) )?\Z")
"""A declined adjective and, it may be, a kind's word, right before a name."""
_ADJECTIVE_LAST = re.compile(r"(?<![^\W\d_])(?P<stem>[^\W\d_]+(?:-[^\W\d_]+)?)(?:e|en|er|es|em) \Z")
"""A declined adjective right before a name."""
_A_NOUNS_ARTICLE = re.compile(
    r"(?:\A|(?<![^\W\d_])(?!(?:in|aus|nach|von|bei|mit|zu|an|auf|vor|durch|für|über|unter|zwischen|ab|bis) )"
    r"[^\W\d_]+ )(?:d(?:er|ie|as|en|em|es)|ein(?:e|er|em|en|es)?) [^\W\d_]+ \Z",
    re.IGNORECASE,
)
"""An article before the adjective with no preposition before it: the name after is a noun's (*der ukrainischen
Marine*, the navy), not a place's (*aus dem ostwestfälischen Halle*)."""


_DIRECTION_PREFIX = re.compile(r"^(?:nord|süd|ost|west)(?:ost|west)?-?|^(?:zentral|mittel)-?")
"""A direction or the middle joined to a German adjective of a country (*nordungarisch*, *südost-polnisch*)."""
_ONE_DIRECTION = re.compile(r"^(?:nord|süd|ost|west)-?")
"""A single direction, where the adjective after it starts as one (*ost-westfälisch*)."""
_NOT_A_PART = frozenset({"amerikanisch", "irisch"})
"""Adjectives whose country a direction before them leaves (*südamerikanisch*, *nordirisch*: Northern Ireland)."""


def german_country_before(tail: str) -> tuple[str, bool, bool] | None:
    """The country a German adjective ending ``tail``, or before a kind's word ending it, names; the kind's sort.

    *die französische Hafenstadt* gives ``("France", False, True)``, *im libanesischen* (or *im
    südlibanesischen*) ``("Lebanon", False, False)``, *im US-amerikanischen Bundesstaat* ``("United
    States", True, False)``, *die Schweizer Stadt* ``("Switzerland", False, True)``; an adjective of no
    country, or another word than a kind's between it and the name (*der französische Präsident*), gives
    ``None``.
    """
    # The adjective right before the name first: in *aus dem ostwestfälischen Halle*, *dem* would
    # read as an adjective before a kind's word.
    last = None if _A_NOUNS_ARTICLE.search(tail) else _ADJECTIVE_LAST.search(tail)
    for match in (last, _BEFORE.search(tail)):
        country = None if match is None else _country_of(match["stem"].lower())
        if match is None or country is None:
            continue
        kind = (match.groupdict().get("kind") or "").lower()
        if kind and kind not in PLACE_KINDS and kind not in DIVISION_KINDS:
            return None
        return country, kind in DIVISION_KINDS, kind in TOWN_KINDS
    return None


def _country_of(stem: str) -> str | None:
    """The country or state of a German adjective's ``stem`` (:data:`GERMAN_ADJECTIVE_STEMS`), after a direction or not.

    *nordungarisch* is a part of Hungary; *ostwestfälisch* of Westphalia, not *west* of *fälisch*.
    """
    country = GERMAN_ADJECTIVE_STEMS.get(stem)
    for part in (_DIRECTION_PREFIX.sub("", stem, count=1), _ONE_DIRECTION.sub("", stem, count=1)):
        if country is None and part not in _NOT_A_PART:
            country = GERMAN_ADJECTIVE_STEMS.get(part)
    return country
