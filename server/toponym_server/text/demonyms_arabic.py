"""The countries Arabic news names by an adjective right after a place's name.

Arabic writes a country's adjective (its *nisba*, with the article) after the name it qualifies:
*مدينة البيضاء الليبية* is the Libyan city of Bayda, not Yemen's; *منطقة الجوف السعودية* the Saudi
region of Al Jawf. The place is the one that country holds, as in the English *the Libyan city of
Bayda* (see :mod:`~toponym_server.text.demonyms`), and the adjective is no mention of its own,
though *السعودية* is also Saudi Arabia's name. Each adjective is listed by its masculine stem; its
masculine (*ي*) and feminine (*ية*) forms are made from it, with and without a hamza on the alef.
"""

from __future__ import annotations

import re

_STEMS: dict[str, str] = {
    "ليب": "Libya", "لبنان": "Lebanon", "سور": "Syria", "عراق": "Iraq", "مصر": "Egypt", "يمن": "Yemen",
    "سعود": "Saudi Arabia", "أردن": "Jordan", "فلسطين": "Palestine", "تونس": "Tunisia", "جزائر": "Algeria",
    "مغرب": "Morocco", "سودان": "Sudan", "ترك": "Turkey", "إيران": "Iran", "كويت": "Kuwait", "قطر": "Qatar",
    "إمارات": "United Arab Emirates", "عمان": "Oman", "بحرين": "Bahrain", "موريتان": "Mauritania",
    "إسرائيل": "Israel", "روس": "Russia", "أمريك": "United States", "أميرك": "United States", "فرنس": "France",
    "صومال": "Somalia", "إثيوب": "Ethiopia", "أفغان": "Afghanistan", "باكستان": "Pakistan", "هند": "India",
    "صين": "China", "بريطان": "United Kingdom", "ألمان": "Germany", "إيطال": "Italy", "إسبان": "Spain",
    "يونان": "Greece", "قبرص": "Cyprus", "تشاد": "Chad", "أوكران": "Ukraine",
}  # fmt: skip

_HAMZA_ALEFS = str.maketrans({"أ": "\u0627", "إ": "\u0627"})


def _forms() -> dict[str, str]:
    """Every form of every adjective, with its country."""
    forms: dict[str, str] = {}
    for stem, country in _STEMS.items():
        for ending in ("ي", "ية"):
            adjective = f"ال{stem}{ending}"
            forms[adjective] = country
            forms[adjective.translate(_HAMZA_ALEFS)] = country
    return forms


COUNTRY_OF_ARABIC_ADJECTIVE: dict[str, str] = _forms()
"""The country each Arabic adjective of a country names (*الليبية*: Libya)."""

_AFTER = re.compile(r"[ \u00a0]+(?P<adjective>ال[^\W\d_]+)")


def arabic_country_after(text: str, end: int) -> str | None:
    """The country an Arabic adjective right after a name ending at ``end`` names, if any (*البيضاء الليبية*)."""
    match = _AFTER.match(text, end)
    return COUNTRY_OF_ARABIC_ADJECTIVE.get(match["adjective"]) if match is not None else None


def an_arabic_countrys_adjective(word: str) -> bool:
    """Tell whether ``word`` is an Arabic adjective of a country (*الليبية*, *السعودية*)."""
    return word in COUNTRY_OF_ARABIC_ADJECTIVE
