"""Split text into word tokens with their character offsets and what the spelling says about them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters (any script) and marks, with inner apostrophes or hyphens (al-Tanf, Qa'im, Kobanî).
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['\u2019\u02bc`\-](?=[^\W\d_]))*")
_SENTENCE_END = re.compile(r"[.!?:;\n\"\u201c\u201d\u00ab\u00bb(\[\u2013\u2014]\s*$")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its text and its offsets (Python string indices, end exclusive)."""

    text: str
    start: int
    end: int
    sentence_start: bool
    """The word opens a sentence, a title line or a quotation, where capitals say nothing."""

    @property
    def cased(self) -> bool:
        """The word is written in a script with letter case (Latin, Cyrillic, Greek ...)."""
        return any(c.isupper() or c.islower() for c in self.text)

    @property
    def elided(self) -> int:
        """Length of an elided article or preposition it starts with (``l'``, ``d'``), else 0."""
        return 2 if _ELISION.match(self.text) else 0

    @property
    def capitalized(self) -> bool:
        """The word starts with a capital letter (after ``al-`` or an elided ``l'``/``d'``)."""
        head = self.text.split("-", 1)[1] if _ARTICLE_PREFIX.match(self.text) else self.text[self.elided :]
        return head[:1].isupper()


_ELISION = re.compile(r"^[lLdDjJmMnNsStTcC]['\u2019](?=\w\w)")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|ath|adh|ed|er|es|et|ez|en)-\w", re.IGNORECASE)


def tokenize(text: str) -> list[Token]:
    """Return the words of ``text`` in order."""
    tokens: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        gap = text[previous_end : match.start()]
        opens = not tokens or bool(_SENTENCE_END.search(gap)) or "\n" in gap
        tokens.append(Token(match.group(), match.start(), match.end(), opens))
        previous_end = match.end()
    return tokens
