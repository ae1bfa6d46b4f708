"""Index keys: how names and queries meet in the index without scanning it.

Every name is indexed under these kinds of key, each a short string prefixed by its kind:

- ``f`` the folded name without spaces (exact match once case, diacritics, script and
  separators are folded);
- ``p`` each phonetic reading (romanisation variants: articles, vowels, doubled letters,
  digraphs);
- ``s`` each consonant skeleton (missing vowels, consonant classes);
- ``d`` each skeleton with one consonant deleted, for skeletons of three or more consonants
  (a symmetric-delete scheme: a query reaches names one consonant away, typos included);
- ``t`` the phonetic form of each word of a name of several words, so that a query naming
  only part of it (*Sant Cugat* for *Sant Cugat del Vallès*) reaches it.

A query looks up the same kinds, plus its skeleton under ``d`` (a name with one consonant
more), its one-consonant deletions under ``s`` and ``d``, and, when it has several words,
each word on its own under ``p`` and ``t`` (*Hucknall Torkard* reaches *Hucknall*).
"""

from __future__ import annotations

from dataclasses import dataclass

from toponym_server.matching.normalize import (
    Normalized,
    described_name,
    normalize,
    phonetic_variants,
    skeleton,
    token_phonetics,
)

EXACT, PHONETIC, SKELETON, DELETION, TOKEN = "f", "p", "s", "d", "t"
MIN_DELETION_SKELETON = 3
MIN_TOKEN_KEY = 3


def _deletions(skel: str) -> set[str]:
    return {skel[:i] + skel[i + 1 :] for i in range(len(skel))}


def index_keys(name: Normalized) -> set[str]:
    """Return the keys a gazetteer name is stored under."""
    latin = not name.transliterated
    keys = {EXACT + name.folded.replace(" ", "")}
    for reading in name.readings:
        keys.add(PHONETIC + reading)
        skel = skeleton(reading)
        if skel:
            keys.add(SKELETON + skel)
            if len(skel) >= MIN_DELETION_SKELETON:
                keys.update(DELETION + d for d in _deletions(skel))
    if len(name.tokens) > 1:
        keys.update(TOKEN + t for t in token_phonetics(name.tokens, latin) if len(t) >= MIN_TOKEN_KEY)
    return keys


@dataclass(frozen=True, slots=True)
class QueryKeys:
    """The keys a query looks up, grouped by how strong a match through them is."""

    exact: tuple[str, ...]
    phonetic: tuple[str, ...]
    skeleton: tuple[str, ...]
    partial: tuple[str, ...]
    fuzzy: tuple[str, ...]


def exact_key(query: Normalized) -> str:
    """The key under which names folded as the query are stored (the ``exact`` group of :func:`query_keys`)."""
    return folded_exact_key(query.folded)


def folded_exact_key(folded: str) -> str:
    """:func:`exact_key` of a text folded as ``folded`` (:func:`.normalize.fold`), without normalizing it."""
    return EXACT + folded.replace(" ", "")


def exact_keys(query: Normalized) -> tuple[str, ...]:
    """:func:`exact_key`, and for a query that describes a name with a generic word that name's key.

    Where no place is named as the query is written, the places named as the name it describes
    (*Beirut* for *Beirut city*, :func:`.normalize.described_name`) are the likeliest answers:
    the resolver looks them up next, and ranking weighs them as such (``ranking.W_DESCRIBED``).
    """
    key = exact_key(query)
    described = described_name(query)
    if described is None or EXACT + described == key:
        return (key,)
    return (key, EXACT + described)


def _query_readings(query: Normalized) -> dict[str, None]:
    """The query's phonetic readings, in order, and those of its first word without a joined article."""
    readings = dict.fromkeys(query.readings)
    first = query.tokens[0] if query.tokens else ""
    if len(first) > 5 and first[:2] in ("al", "el"):
        tokens = (first[2:], *query.tokens[1:])
        readings.update(
            dict.fromkeys(phonetic_variants(tokens, not query.transliterated, j_as_y=not query.vowels_unwritten))
        )
    return readings


def naming_keys(query: Normalized) -> tuple[str, ...]:
    """The exact and phonetic keys of :func:`query_keys`: those of names spelt or read as the query.

    A text finder asks only whether the gazetteer knows a stretch of text by such a key. Their
    number and length grow with the query's, where the fuzzy keys' total length grows with its
    square (a skeleton of *n* consonants has *n* deletions of *n* - 1 each).
    """
    return (exact_key(query), *(PHONETIC + reading for reading in _query_readings(query)))


def query_keys(query: Normalized) -> QueryKeys:
    """Return the keys to look up for a query, strongest first within each group.

    Besides the query's own readings it tries the first word without a joined article
    (*Alhasakah*, *Elkhalil*).
    """
    latin = not query.transliterated
    phonetic: dict[str, None] = {}
    skeletons: dict[str, None] = {}
    for reading in _query_readings(query):
        phonetic[PHONETIC + reading] = None
        skel = skeleton(reading)
        if skel:
            skeletons[skel] = None
    fuzzy: dict[str, None] = {}
    for skel in skeletons:
        if len(skel) >= MIN_DELETION_SKELETON:
            fuzzy[DELETION + skel] = None
            for deletion in sorted(_deletions(skel)):
                fuzzy[SKELETON + deletion] = None
                fuzzy[DELETION + deletion] = None
    partial: dict[str, None] = {}
    if len(query.tokens) > 1:
        for word in token_phonetics(query.tokens, latin):
            if len(word) >= MIN_TOKEN_KEY:
                partial[PHONETIC + word] = None
                partial[TOKEN + word] = None
    else:
        partial.update((TOKEN + key[1:], None) for key in phonetic)
    return QueryKeys(
        exact=exact_keys(query),
        phonetic=tuple(phonetic),
        skeleton=tuple(SKELETON + s for s in skeletons),
        partial=tuple(partial),
        fuzzy=tuple(fuzzy),
    )


def name_keys(text: str) -> set[str]:
    """Normalize a gazetteer name and return its keys."""
    return index_keys(normalize(text))
