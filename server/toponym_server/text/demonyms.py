"""The countries news names by an adjective before a place: *the French port of Brest*, *Французский Брест*.

English writes a place's country as an adjective before the word of its kind and *of* (*the
Lebanese city of Tripoli*, *the US state of Georgia*, *the Pakistani city of Hyderabad*), Russian
as an adjective before the name, with or without the kind's word (*французский Брест*,
*сирийский город Хомс*): the place is the one that country holds, as *Tripoli, Lebanon* is.
:func:`country_before` reads it, and the Romance and German forms of other modules.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from toponym_server.text.demonyms_german import german_country_before
from toponym_server.text.demonyms_romance import romance_country_before

COUNTRY_OF_ADJECTIVE: dict[str, str] = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria", "american": "United States",
    "us": "United States", "u.s.": "United States", "andorran": "Andorra", "angolan": "Angola",
    "argentine": "Argentina", "argentinian": "Argentina", "armenian": "Armenia", "australian": "Australia",
    "austrian": "Austria", "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan", "bahamian": "Bahamas",
    "bahraini": "Bahrain", "bangladeshi": "Bangladesh", "barbadian": "Barbados", "belarusian": "Belarus",
    "belgian": "Belgium", "belizean": "Belize", "beninese": "Benin", "bhutanese": "Bhutan",
    "bolivian": "Bolivia", "bosnian": "Bosnia and Herzegovina", "botswanan": "Botswana", "brazilian": "Brazil",
    "british": "United Kingdom", "uk": "United Kingdom", "bruneian": "Brunei", "bulgarian": "Bulgaria",
    "burkinabe": "Burkina Faso", "burmese": "Myanmar", "burundian": "Burundi", "cambodian": "Cambodia",
    "cameroonian": "Cameroon", "canadian": "Canada", "chadian": "Chad", "chilean": "Chile", "chinese": "China",
    "colombian": "Colombia", "congolese": "Democratic Republic of the Congo", "costa rican": "Costa Rica",
    "croatian": "Croatia", "cuban": "Cuba", "cypriot": "Cyprus", "czech": "Czechia", "danish": "Denmark",
    "djiboutian": "Djibouti", "dominican": "Dominican Republic", "dutch": "Netherlands",
    "ecuadorian": "Ecuador", "egyptian": "Egypt", "emirati": "United Arab Emirates", "english": "United Kingdom",
    "eritrean": "Eritrea", "estonian": "Estonia", "ethiopian": "Ethiopia", "fijian": "Fiji",
    "filipino": "Philippines", "philippine": "Philippines", "finnish": "Finland", "french": "France",
    "gabonese": "Gabon", "gambian": "Gambia", "georgian": "Georgia", "german": "Germany", "ghanaian": "Ghana",
    "greek": "Greece", "guatemalan": "Guatemala", "guinean": "Guinea", "guyanese": "Guyana", "haitian": "Haiti",
    "honduran": "Honduras", "hungarian": "Hungary", "icelandic": "Iceland", "indian": "India",
    "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel",
    "italian": "Italy", "ivorian": "Ivory Coast", "jamaican": "Jamaica", "japanese": "Japan",
    "jordanian": "Jordan", "kazakh": "Kazakhstan", "kazakhstani": "Kazakhstan", "kenyan": "Kenya",
    "kosovan": "Kosovo", "kuwaiti": "Kuwait", "kyrgyz": "Kyrgyzstan", "lao": "Laos", "laotian": "Laos",
    "latvian": "Latvia", "lebanese": "Lebanon", "liberian": "Liberia", "libyan": "Libya",
    "lithuanian": "Lithuania", "luxembourgish": "Luxembourg", "malagasy": "Madagascar", "malawian": "Malawi",
    "malaysian": "Malaysia", "maldivian": "Maldives", "malian": "Mali", "maltese": "Malta",
    "mauritanian": "Mauritania", "mauritian": "Mauritius", "mexican": "Mexico", "moldovan": "Moldova",
    "mongolian": "Mongolia", "montenegrin": "Montenegro", "moroccan": "Morocco", "mozambican": "Mozambique",
    "namibian": "Namibia", "nepalese": "Nepal", "nepali": "Nepal", "nicaraguan": "Nicaragua",
    "nigerien": "Niger", "nigerian": "Nigeria", "north korean": "North Korea", "norwegian": "Norway",
    "omani": "Oman", "pakistani": "Pakistan", "palestinian": "Palestine", "panamanian": "Panama",
    "paraguayan": "Paraguay", "peruvian": "Peru", "polish": "Poland", "portuguese": "Portugal",
    "qatari": "Qatar", "romanian": "Romania", "russian": "Russia", "rwandan": "Rwanda",
    "salvadoran": "El Salvador", "saudi": "Saudi Arabia", "scottish": "United Kingdom", "senegalese": "Senegal",
    "serbian": "Serbia", "sierra leonean": "Sierra Leone", "singaporean": "Singapore", "slovak": "Slovakia",
    "slovenian": "Slovenia", "somali": "Somalia", "south african": "South Africa", "south korean": "South Korea",
    "korean": "South Korea", "south sudanese": "South Sudan", "spanish": "Spain", "sri lankan": "Sri Lanka",
    "sudanese": "Sudan", "surinamese": "Suriname", "swedish": "Sweden", "swiss": "Switzerland",
    "syrian": "Syria", "taiwanese": "Taiwan", "tajik": "Tajikistan", "tanzanian": "Tanzania", "thai": "Thailand",
    "togolese": "Togo", "trinidadian": "Trinidad and Tobago", "tunisian": "Tunisia", "turkish": "Turkey",
    "turkmen": "Turkmenistan", "ugandan": "Uganda", "ukrainian": "Ukraine", "uruguayan": "Uruguay",
    "uzbek": "Uzbekistan", "venezuelan": "Venezuela", "vietnamese": "Vietnam", "welsh": "United Kingdom",
    "yemeni": "Yemen", "zambian": "Zambia", "zimbabwean": "Zimbabwe",
}  # fmt: skip
"""English adjectives of countries, lower-case, with *US* and *UK* written as ones, and each country's name."""

KIND_WORDS = frozenset(
    {
        "city", "town", "village", "port", "capital", "province", "state", "region", "district", "county",
        "governorate", "island", "municipality", "prefecture", "oblast", "border town", "port city",
        "coastal city", "coastal town", "resort", "resort town", "enclave", "holy city", "industrial city",
    }
)  # fmt: skip
"""The words of a kind of place that stand between a country's adjective and *of*."""

_BEFORE = re.compile(
    r"(?P<adjective>(?:[A-Z][a-z]+ )?(?:[A-Z][a-z]+|[A-Z]\.?[A-Z]\.?)) (?P<kind>(?:[a-z]+ )?[a-z]+) of \Z"
)
"""A capitalised adjective (one or two words, or an abbreviation), a kind's word or two and *of*, ending the text."""

_LOOK_BACK = 60
"""How far before a name :func:`country_before` looks."""

_DIVISION_KINDS = frozenset(
    {"province", "state", "region", "district", "county", "governorate", "municipality", "prefecture", "oblast"}
)
_TOWN_KINDS = frozenset(
    {
        "city", "town", "village", "port", "capital", "border town", "port city", "coastal city", "coastal town",
        "resort town", "holy city", "industrial city",
    }
)  # fmt: skip


RUSSIAN_ADJECTIVE_STEMS: dict[str, str] = {
    "французск": "France", "немецк": "Germany", "германск": "Germany", "американск": "United States",
    "британск": "United Kingdom", "английск": "United Kingdom", "российск": "Russia", "украинск": "Ukraine",
    "белорусск": "Belarus", "польск": "Poland", "итальянск": "Italy", "испанск": "Spain",
    "португальск": "Portugal", "турецк": "Turkey", "сирийск": "Syria", "иракск": "Iraq", "иранск": "Iran",
    "ливанск": "Lebanon", "израильск": "Israel", "египетск": "Egypt", "ливийск": "Libya",
    "иорданск": "Jordan", "саудовск": "Saudi Arabia", "йеменск": "Yemen", "афганск": "Afghanistan",
    "пакистанск": "Pakistan", "индийск": "India", "китайск": "China", "японск": "Japan",
    "корейск": "South Korea", "канадск": "Canada", "австралийск": "Australia", "мексиканск": "Mexico",
    "бразильск": "Brazil", "аргентинск": "Argentina", "грузинск": "Georgia", "армянск": "Armenia",
    "азербайджанск": "Azerbaijan", "казахстанск": "Kazakhstan", "узбекск": "Uzbekistan",
    "австрийск": "Austria", "швейцарск": "Switzerland", "бельгийск": "Belgium", "нидерландск": "Netherlands",
    "голландск": "Netherlands", "греческ": "Greece", "шведск": "Sweden", "норвежск": "Norway",
    "финск": "Finland", "финляндск": "Finland", "датск": "Denmark", "чешск": "Czechia",
    "венгерск": "Hungary", "румынск": "Romania", "болгарск": "Bulgaria", "сербск": "Serbia",
    "латвийск": "Latvia", "литовск": "Lithuania", "эстонск": "Estonia", "молдавск": "Moldova",
}  # fmt: skip
"""Russian adjectives of countries, by their stem before the ending (*французск-ий*), and each country's name."""

_RUSSIAN_BEFORE = re.compile(r"(?P<adjective>[А-ЯЁа-яё]+) (?:(?P<kind>[а-яё]+) )?\Z")
"""A Cyrillic adjective and, it may be, a kind's word, right before a name."""
_RUSSIAN_ENDINGS = ("ий", "ого", "ому", "ом", "им", "ая", "ой", "ую", "ое", "ие", "их", "ими", "ым", "ых")
_RUSSIAN_TOWN_KINDS = ("город", "порт", "столиц", "посёл", "посел", "деревн")
_RUSSIAN_PLACE_KINDS = (*_RUSSIAN_TOWN_KINDS, "остров", "курорт")
_RUSSIAN_DIVISION_KINDS = ("провинци", "област", "регион", "штат", "округ", "район", "край", "кра")


def _russian_country_before(text: str, start: int) -> tuple[str, bool, bool] | None:
    """The country a Russian adjective right before ``start`` names, with a kind's word between or none."""
    match = _RUSSIAN_BEFORE.search(text[max(0, start - _LOOK_BACK) : start])
    if match is None:
        return None
    kind = match["kind"] or ""
    division = kind.startswith(_RUSSIAN_DIVISION_KINDS)
    if kind and not (division or kind.startswith(_RUSSIAN_PLACE_KINDS)):
        return None
    adjective = match["adjective"].lower()
    for ending in _RUSSIAN_ENDINGS:
        if adjective.endswith(ending) and (country := RUSSIAN_ADJECTIVE_STEMS.get(adjective[: -len(ending)])):
            return country, division, kind.startswith(_RUSSIAN_TOWN_KINDS)
    return None


class CountryCue(NamedTuple):
    """The country an adjective before a place's name names, and what the kind's word with it says of the place."""

    country: str
    division: bool
    """The kind is a division's (*state*, *Region*, *провинция*): the place may be an area."""
    town: bool
    """The kind is a town's (*city*, *Stadt*, *ville*, *город*): the place is no area, even one named as it is."""


def country_before(text: str, start: int) -> CountryCue | None:
    """The country an adjective before a kind of place and *of* ending at ``start`` names, and the kind's sort.

    *the French port of* before *Brest* gives ``("France", False, True)``, *the US state of*
    before *Georgia* ``("United States", True, False)``, *Французский* before *Брест* ``("France",
    False, False)``; a word that is no country's adjective, or no kind of place between it and *of*
    (*the French president of*), gives ``None``. French, Spanish, Italian and Portuguese
    (:func:`~.demonyms_romance.romance_country_before`: *la ville française de*) and German
    (:func:`~.demonyms_german.german_country_before`: *die französische Hafenstadt*) are read too.
    """
    tail = text[max(0, start - _LOOK_BACK) : start]
    match = _BEFORE.search(tail)
    if match is None or match["kind"] not in KIND_WORDS:
        found = romance_country_before(tail) or german_country_before(tail) or _russian_country_before(text, start)
        return CountryCue(*found) if found else None
    words = match["adjective"].lower()
    # *The French port of*: a sentence's first word may stand before a one-word adjective.
    country = COUNTRY_OF_ADJECTIVE.get(words) or COUNTRY_OF_ADJECTIVE.get(words.rpartition(" ")[2])
    if country is None:
        return None
    return CountryCue(country, match["kind"] in _DIVISION_KINDS, match["kind"] in _TOWN_KINDS)
