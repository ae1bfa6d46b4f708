"""Split text into word tokens with their character offsets and what the spelling says about them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# A word: letters (any script), with inner apostrophes or hyphens (al-Tanf, Qa'im, Kobanî); the
# combining marks and invisible joiners in and after it are added by _words (re has no class of marks).
# Or an acronym written with points (U.S., D.C., U.A.E.), its points included: split at them, its
# letters were words of one letter each, which name nothing.
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[^\W_]|['\u2019\u02bc`\-](?=[^\W\d_]))*")
_JOINERS = frozenset("\u00ad\u200c\u200d\u2060\ufeff")
"""The soft hyphen, the zero-width non-joiner and joiner, the word joiner and the zero-width no-break
space: invisible, they never end a word."""
_ZERO_WIDTH_SPACE = "\u200b"
_SPACED_BY_ZERO_WIDTH = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1950-\u19df\u1a20-\u1aaf]")
"""Thai, Lao, Myanmar, Khmer, Tai Le and Tai Tham: scripts written without spaces, where a
zero-width space is how a text marks a word break; elsewhere one inside a word is a stray (*Ale\u200bppo*)."""
# Not the semicolon: the clause after it goes on in lower case, and a capital there is a name's
# (*Hebden Bridge was flooded; Halifax was spared*).
_SENTENCE_END = re.compile(r"(?:[.!?:\n\"\u201c\u201d\u00ab\u00bb(\[\u2013\u2014]|\s-|\.-)\s*$")
"""What ends the gap before a sentence's first word: a stop, a colon, a quote, a bracket, a dash (a
hyphen between spaces is one: *DARWIN, Nov 20 (AAP) - The*, and one after a stop: *ZARAGOZA, 11 mar
(EFE).- Una*)."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its text and its offsets (Python string indices, end exclusive).

    What the spelling says about the word is read once, when the text is split: the finder
    asks it many times.
    """

    text: str
    start: int
    end: int
    sentence_start: bool
    """The word opens a sentence, a title line or a quotation, where capitals say nothing."""
    cased: bool
    """The word is written in a script with letter case (Latin, Cyrillic, Greek ...)."""
    elided: int
    """Length of an elided word it starts with (``l'``, ``d'``, ``qu'``, ``dell'``), or of a French *ex-*
    with its own (``l'ex-``), else 0."""
    capitalized: bool
    """The word starts with a capital letter (after ``al-`` or an elided ``l'``/``d'``)."""
    word: str
    """The word in lower case without outer apostrophes or an elided article (*l'Observatoire*:
    *observatoire*), as the cue lists write words."""


_ELISION = re.compile(
    r"^(?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu|[dDnNsS]ell|[aAdD]ll|[dD]all)['\u2019](?=\w\w)"
)
"""An elided French or Italian word before another: *l'*, *d'*, *qu'*, *lorsqu'*, *dell'*, *nell'*."""
_FORMER = re.compile(r"^(?:[lLdD]['\u2019])?[eE]x-(?=[^\W\d_]{2})")
"""The French *ex-* (former) joined to a name, with its article or *of* (*l'ex-Tamatave*, *d'ex-Zaïre*)."""
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|ath|adh|ed|er|es|et|ez|en)-\w", re.IGNORECASE)


def _token(text: str, start: int, end: int, sentence_start: bool) -> Token:
    first = text[0]
    cased = first.isupper() or first.islower() or any(c.isupper() or c.islower() for c in text)
    elision = _ELISION.match(text) if ("'" in text or "\u2019" in text) else None
    if "-" in text and (former := _FORMER.match(text)) is not None:
        elision = former
    elided = elision.end() if elision else 0
    head = text.split("-", 1)[1] if "-" in text and _ARTICLE_PREFIX.match(text) else text[elided:]
    word = text[elided:].lower().strip("'\u2019")
    return Token(text, start, end, sentence_start, cased, elided, head[:1].isupper(), word)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _words(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of the words of ``text``, combining marks and joiners within them.

    A decomposed *Zürich* (``u`` + U+0308), a vowelled *حَلَب* and Devanagari's vowel signs
    (*दिल्ली*) are one word each, marks after the last letter included; so is a word broken by a
    soft hyphen (*Ale­ppo*).
    """
    start = end = -1
    for match in _WORD.finditer(text):
        gap = text[end : match.start()]
        if start >= 0 and _within_word(gap, text[match.start()]):
            end = match.end()
            continue
        if start >= 0:
            yield start, _past_marks(text, end)
        start, end = match.span()
    if start >= 0:
        yield start, _past_marks(text, end)


def _within_word(gap: str, following: str) -> bool:
    """Tell whether ``gap``, between two stretches of letters, is invisible and so inside one word."""
    if _ZERO_WIDTH_SPACE in gap and _SPACED_BY_ZERO_WIDTH.match(following):
        return False
    return all(char in _JOINERS or char == _ZERO_WIDTH_SPACE or _is_mark(char) for char in gap)


def _past_marks(text: str, end: int) -> int:
    while end < len(text) and _is_mark(text[end]):
        end += 1
    return end


def tokenize(text: str) -> list[Token]:
    """Return the words of ``text`` in order."""
    tokens: list[Token] = []
    previous_end = 0
    for start, end in _words(text):
        gap = text[previous_end:start]
        opens = not tokens or (gap != " " and ("\n" in gap or bool(_SENTENCE_END.search(gap))))
        previous_end = end
        tokens.append(_token(text[start:end], start, end, opens))
    return tokens
