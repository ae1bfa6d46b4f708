"""Transliteration of any script to plain ASCII Latin through ICU.

ICU's ``Any-Latin; Latin-ASCII`` measured best of the candidates on the cross-script
benchmark (see BENCHMARKS.md): it handles Thai, Hebrew, Indic and Hangul far better than
table-based transliterators. Its Cyrillic is the scholarly one, though, which GeoNames' Latin
names do not use: zhe, sha, che and kha come out as *z*, *s*, *c* and *h*, short i as *j*, and
ya and yu lose their *y* (*Ярославль* is *Aroslavl*). Cyrillic text is written as the BGN/PCGN
romanisation of Russian writes it instead (*Yaroslavl'*, *Khan Sheykhun*), as GeoNames
romanises Russian, Ukrainian and Kazakh places and the Russian press writes places abroad;
the letters Russian lacks go on through ``Any-Latin``. Text with a letter of Serbian or
Macedonian that Russian lacks (je, lje, nje, tshe, dje, dzhe, gje, kje, dze) keeps
``Any-Latin``, which writes it as their own Latin alphabets do (*Jagodina*, *Đevđelija*). The
transliterator objects are built once per thread.
"""

from __future__ import annotations

import re
import threading

import icu

from toponym_server.matching.memo import string_memo

_local = threading.local()
_RULES = "Any-Latin; Latin-ASCII"
_CYRILLIC_RULES = "Russian-Latin/BGN; Any-Latin; Latin-ASCII"
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SOUTH_SLAVIC = re.compile(r"[јљњћђџѓќѕЈЉЊЋЂЏЃЌЅ]")
# BGN/PCGN writes the hard sign as a double quote (Ob"yachevo), which would split the word.
_HARD_SIGN = str.maketrans({'"': None})


def _transliterator(rules: str) -> icu.Transliterator:
    instances: dict[str, icu.Transliterator] | None = getattr(_local, "instances", None)
    if instances is None:
        instances = _local.instances = {}
    instance = instances.get(rules)
    if instance is None:
        instance = instances[rules] = icu.Transliterator.createInstance(rules)
    return instance


@string_memo(maxsize=65536)
def to_ascii(text: str) -> str:
    """Transliterate ``text`` to ASCII Latin; ASCII input comes back unchanged.

    Cyrillic goes through the BGN/PCGN romanisation of Russian unless the text is Serbian or
    Macedonian (see the module's notes). Characters ICU cannot transliterate are dropped, so the
    result is always ASCII. Where ICU refuses the text as a whole (a character outside the Basic
    Multilingual Plane followed by the kana iteration mark, *𐀀ゝ*, raises ``ICUError``), each
    character is transliterated alone, and those it refuses alone are dropped.
    """
    if text.isascii():
        return text
    cyrillic = _CYRILLIC.search(text) is not None and _SOUTH_SLAVIC.search(text) is None
    transliterator = _transliterator(_CYRILLIC_RULES if cyrillic else _RULES)
    try:
        result: str = transliterator.transliterate(text)
    except icu.ICUError:
        result = "".join(_alone(transliterator, character) for character in text)
    if cyrillic:
        result = result.translate(_HARD_SIGN)
    # ICU keeps a few modifier letters (the ayn and hamza marks, U+02BF and U+02BE) and BGN/PCGN's
    # middle dot (May·adin); they carry no sound we match on.
    return result.encode("ascii", "ignore").decode("ascii")


def _alone(transliterator: icu.Transliterator, character: str) -> str:
    """``character`` transliterated by itself, or ``""`` if ICU refuses it."""
    try:
        return str(transliterator.transliterate(character))
    except icu.ICUError:
        return ""
