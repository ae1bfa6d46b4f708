"""The stored answers of an index file (format 12): where they are kept and under which key.

A query is most often a name the gazetteer holds, asked bare (no hints), and its answer then
depends on its folded form alone. Worked out when asked, such an answer costs a fresh server
about 0.3 ms of Python (ranking its namesakes, explaining them); read back, about a fifth of that.
So the build's last step may have the resolver answer each distinct folded name of the file and
store the answers here, before the file is renamed into place (see
:func:`toponym_server.index.build.build_index`'s ``finish``).

This module knows the tables, not what an answer holds: the resolver writes and reads the bytes
(:mod:`toponym_server.resolver.stored`). The file's ``meta`` row ``answers_fingerprint`` names
the rules the answers were worked out by; a resolver of other rules does not read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from toponym_server.index.keyhash import key_hash
from toponym_server.index.unpublished import connect_unpublished

ANSWERS_FINGERPRINT = "answers_fingerprint"
"""The ``meta`` key naming the rules the stored answers were worked out by."""
STORED_ANSWERS = "stored_answers"
"""The ``meta`` key holding how many answers are stored."""

DEFAULT_STORED_ANSWERS = 1_000_000
"""The most names a build stores answers for by default: every name of the embedded gazetteer (about 760,000).

A larger gazetteer stores the warmest names' first (:mod:`toponym_server.index.warmth`): this many
took 370 s on two cores on a 13-million-place index (BENCHMARKS.md, twenty-second session), a
cost the limit bounds, not the gazetteer.
"""

_TRANSLITERATED = "\x01"  # never part of a folded name (a-z, 0-9 and spaces)


def answer_key(folded: str, transliterated: bool, characters: str = "") -> int:
    """The key a bare query's stored answer is kept under: its folded form, and whether it was transliterated.

    A name in Chinese characters is kept under its ``characters``
    (:func:`~toponym_server.matching.normalize.characters_of`): its answer depends on them.
    """
    if characters:
        return key_hash(_TRANSLITERATED + characters)
    return key_hash(folded + _TRANSLITERATED if transliterated else folded)


def write_stored_answers(
    path: Path, answers: Iterable[tuple[int, bytes]], reasons: Sequence[str], fingerprint: str
) -> int:
    """Store ``answers`` (key, bytes) and the ``reasons`` they refer to by number in the unpublished file ``path``.

    Returns how many answers were stored. Only the build calls it, on its temporary file; a
    published index file is never written to.
    """
    conn = connect_unpublished(path)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        conn.execute("DELETE FROM stored_answers")
        conn.execute("DELETE FROM answer_reasons")
        conn.executemany("INSERT INTO answer_reasons VALUES (?, ?)", enumerate(reasons))
        # Inserted in key order, the table's B-tree is written page after page, each page full.
        count = 0
        for chunk in _sorted_chunks(answers):
            conn.executemany("INSERT INTO stored_answers VALUES (?, ?)", chunk)
            count += len(chunk)
        conn.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            ((ANSWERS_FINGERPRINT, fingerprint), (STORED_ANSWERS, str(count))),
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return count


def _sorted_chunks(answers: Iterable[tuple[int, bytes]], size: int = 100_000) -> Iterable[list[tuple[int, bytes]]]:
    """``answers`` in key order, in chunks of ``size``; of two answers under one key, the first given."""
    ordered = sorted(answers, key=lambda answer: answer[0])  # stable: the first of equal keys stays first
    unique = [answer for at, answer in enumerate(ordered) if at == 0 or ordered[at - 1][0] != answer[0]]
    for start in range(0, len(unique), size):
        yield unique[start : start + size]
