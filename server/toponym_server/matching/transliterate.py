"""Transliteration of any script to plain ASCII Latin through ICU.

ICU's ``Any-Latin; Latin-ASCII`` measured best of the candidates on the cross-script
benchmark (see BENCHMARKS.md): it handles Thai, Hebrew, Indic and Hangul far better than
table-based transliterators. The transliterator object is built once per thread.
"""

from __future__ import annotations

import threading

import icu

from toponym_server.matching.memo import string_memo

_local = threading.local()
_RULES = "Any-Latin; Latin-ASCII"


def _transliterator() -> icu.Transliterator:
    instance = getattr(_local, "instance", None)
    if instance is None:
        instance = icu.Transliterator.createInstance(_RULES)
        _local.instance = instance
    return instance


@string_memo(maxsize=65536)
def to_ascii(text: str) -> str:
    """Transliterate ``text`` to ASCII Latin; ASCII input comes back unchanged.

    Characters ICU cannot transliterate are dropped, so the result is always ASCII. Where ICU
    refuses the text as a whole (a character outside the Basic Multilingual Plane followed by
    the kana iteration mark, *𐀀ゝ*, raises ``ICUError``), each character is transliterated
    alone, and those it refuses alone are dropped.
    """
    if text.isascii():
        return text
    transliterator = _transliterator()
    try:
        result: str = transliterator.transliterate(text)
    except icu.ICUError:
        result = "".join(_alone(transliterator, character) for character in text)
    # ICU keeps a few modifier letters (the ayn and hamza marks, U+02BF and U+02BE); they carry no sound we match on.
    return result.encode("ascii", "ignore").decode("ascii")


def _alone(transliterator: icu.Transliterator, character: str) -> str:
    """``character`` transliterated by itself, or ``""`` if ICU refuses it."""
    try:
        return str(transliterator.transliterate(character))
    except icu.ICUError:
        return ""
