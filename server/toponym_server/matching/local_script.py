"""The scripts a country writes its own place names in, and the script a name is written in.

A name in another script than Latin is most often written by the people of the country that
uses that script: *بيت لحم* is Bethlehem in the West Bank before it is Bethlehem, Pennsylvania,
though GeoNames gives both places the Arabic name. Ranking uses :func:`is_local_script` to tell
a place named so in its own country's script from a place that merely has a foreign exonym; the
index build, :data:`SCRIPTS` and :func:`script_number`, to keep such a name under the name's
exact key beside a romanisation folded alike.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# By the first word of a letter's Unicode name. Countries where the script is official or the
# common written form of a national language; Latin is left out (it says nothing of a country).
_COUNTRIES_BY_SCRIPT: dict[str, frozenset[str]] = {
    # The Arab League's members, and Iran, Afghanistan, Pakistan and India (Persian, Pashto, Urdu).
    "ARABIC": frozenset(
        {"AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR"}
        | {"OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE", "IR", "AF", "PK", "IN"}
    ),
    "HEBREW": frozenset({"IL", "PS"}),
    "CYRILLIC": frozenset({"RU", "UA", "BY", "BG", "RS", "MK", "ME", "BA", "KZ", "KG", "TJ", "MN"}),
    "GREEK": frozenset({"GR", "CY"}),
    "ARMENIAN": frozenset({"AM"}),
    "GEORGIAN": frozenset({"GE"}),
    "THAI": frozenset({"TH"}),
    "LAO": frozenset({"LA"}),
    "KHMER": frozenset({"KH"}),
    "MYANMAR": frozenset({"MM"}),
    "DEVANAGARI": frozenset({"IN", "NP"}),
    "BENGALI": frozenset({"BD", "IN"}),
    "GURMUKHI": frozenset({"IN"}),
    "GUJARATI": frozenset({"IN"}),
    "ORIYA": frozenset({"IN"}),
    "TELUGU": frozenset({"IN"}),
    "KANNADA": frozenset({"IN"}),
    "MALAYALAM": frozenset({"IN"}),
    "TAMIL": frozenset({"IN", "LK", "SG"}),
    "SINHALA": frozenset({"LK"}),
    "TIBETAN": frozenset({"CN", "BT"}),
    "THAANA": frozenset({"MV"}),
    "ETHIOPIC": frozenset({"ET", "ER"}),
    "HANGUL": frozenset({"KR", "KP"}),
    "HIRAGANA": frozenset({"JP"}),
    "KATAKANA": frozenset({"JP"}),
    "CJK": frozenset({"CN", "TW", "HK", "MO", "SG", "JP"}),
}


SCRIPTS: tuple[str, ...] = ("", *sorted(_COUNTRIES_BY_SCRIPT))
"""The scripts some country writes its names in, by number; 0 (empty) stands for any other."""


def countries_writing(script: str) -> frozenset[str]:
    """The countries that write their names in ``script`` (a first word of a Unicode name), if any."""
    return _COUNTRIES_BY_SCRIPT.get(script, frozenset())


def script_number(text: str) -> int:
    """The position in :data:`SCRIPTS` of the script of ``text`` (:func:`script_of`); 0 for Latin and the others."""
    script = script_of(text)
    return SCRIPTS.index(script) if script in _COUNTRIES_BY_SCRIPT else 0


@lru_cache(maxsize=4096)
def script_of(text: str) -> str:
    """The script of the first letter of ``text``, as the first word of its Unicode name (``LATIN``, ``ARABIC`` ...).

    Empty when ``text`` has no letter or its first letter is unnamed.
    """
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ", 1)[0]
    return ""


def is_local_script(text: str, country_code: str) -> bool:
    """Tell whether ``text`` is written in a script other than Latin that ``country_code`` writes its names in."""
    countries = _COUNTRIES_BY_SCRIPT.get(script_of(text))
    return countries is not None and country_code in countries
