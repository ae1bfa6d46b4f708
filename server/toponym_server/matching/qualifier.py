"""A name written with the areas it lies in: *Paris, Texas*, *Hama, Syria*, *London (Ontario)*.

Addresses, datelines and databases qualify a place's name with its state, province or country,
innermost first, after commas (*Springfield, Illinois, USA*) or in a pair of parentheses
closing the name (*Tripoli (Lebanon)*). :func:`qualified` reads such a name into the place's own name
and its areas; the resolver looks for the place inside the area the qualifiers name, and only
when the whole text is no place's name (*Bonaire, Sint Eustatius and Saba* is one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_AREAS = 3
"""Qualifiers past this many make the text something else than a name and its areas (a list)."""

# The Latin, Arabic, full-width and ideographic commas.
_COMMAS = re.compile("\\s*[,\u060c\uff0c\u3001]\\s*")
# Every query is asked whether it is qualified: most have neither a comma nor a parenthesis.
_MAY_BE_QUALIFIED = re.compile("[,\u060c\uff0c\u3001(]")
_CLOSING_PARENTHESES = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<area>[^()]+)\)\s*$")
# A code of capitals (TX, NSW), or an abbreviation as datelines write one: Ill., N.Y., W.Va., Ont., Qld.
_CODE = re.compile(r"^(?:[A-Z]{2,3}|(?:[A-Z][a-z]{0,4}\.){1,3}|[A-Z][a-z]{2})$")


@dataclass(frozen=True, slots=True)
class Qualified:
    """A place's name and the areas written after it, innermost first."""

    name: str
    areas: tuple[str, ...]


def qualified(text: str) -> Qualified | None:
    """Split ``text`` into a name and the areas that qualify it, or ``None`` if it has none.

    Each part must hold a letter, and at most :data:`MAX_AREAS` areas may follow the name:
    *Hama, Syria*, *Springfield, IL, USA* and *London (Ontario), Canada* are qualified;
    *Aleppo*, *, Syria* and a list of five towns are not.
    """
    if not _MAY_BE_QUALIFIED.search(text):
        return None
    parts = [part.strip() for part in _COMMAS.split(text.strip())]
    match = _CLOSING_PARENTHESES.match(parts[0])
    if match is not None:
        parts[:1] = [match["name"], match["area"].strip()]
    if len(parts) == 1:
        return None
    if len(parts) - 1 > MAX_AREAS or not all(any(c.isalpha() for c in part) for part in parts):
        return None
    return Qualified(parts[0], tuple(parts[1:]))


def is_area_code(text: str) -> bool:
    """Tell whether a qualifier is written as a code: two or three capitals (*TX*, *SCT*), or an abbreviation.

    An abbreviation is up to three capitals each followed by up to four small letters and a
    period (*Ill.*, *N.Y.*, *W.Va.*, *Calif.*), or a capital and two small letters (*Qld*).
    Whether an area is written so is the index's to tell (``IndexReader.areas_coded``).
    """
    return bool(_CODE.match(text))
