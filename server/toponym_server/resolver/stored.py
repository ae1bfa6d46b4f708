"""Answers worked out once, when an index is built, and read back for bare queries of known names.

Most queries name a place the gazetteer holds, with no hints, and the answer to such a query
depends on its folded form alone (see :func:`~toponym_server.resolver.kept.query_key`). A fresh
server works it out in about 0.3 ms of Python: the namesakes' rows read, ranked, their
confidences measured and explained. :func:`store_answers` has a resolver answer every distinct
folded name of a new index file before the file is published, and keeps each answer in the file
(:mod:`toponym_server.index.stored`) in a few dozen bytes: for each candidate its place, its
confidence, how the name matched, the matched name and its reasons by number. A resolver then
answers such a query by one keyed read and the places' rows (:meth:`StoredAnswers.decode`),
the same answer to the last byte (an answer whose parts would not come back exactly is not
stored).

Stored answers are the resolver's answers of the rules they were worked out by, which
:func:`answers_fingerprint` names; a resolver of other rules works its answers out as if none
were stored.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import struct
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tqdm import tqdm

from toponym_server.index.cpus import usable_cpus
from toponym_server.index.reader import IndexReader
from toponym_server.index.stored import DEFAULT_STORED_ANSWERS, answer_key, write_stored_answers
from toponym_server.matching.confidence import DEFAULT_MIN_CONFIDENCE
from toponym_server.matching.normalize import characters_of, marked_of, written_in_turkish_alphabet
from toponym_server.matching.pinyin import is_pinyin_romanisation
from toponym_server.matching.ranking import FLAG_NON_LATIN
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver.answers import Candidate, explanation_prefix

if TYPE_CHECKING:
    from toponym_server.resolver.resolver import Resolver

logger = logging.getLogger(__name__)

STORED_LIMIT = 5
"""The answers stored for a name: as many as a query asks for by default."""
_CHUNK = 2_000  # names a worker answers per task
_IN_PROCESS_UP_TO = 20_000  # names answered without worker processes (fixtures, small gazetteers)
_IN_FLIGHT_PER_WORKER = 2  # tasks handed to each worker and not yet collected
_KINDS = tuple(MatchKind)
# A stored answer: its candidate count, then per candidate its flags (match kind, whether the
# matched name is the place's own name, whether the place ID is wide, whether the place has
# related places, which are read with it: most have none), its place ID (4 bytes, or
# 8 where the flags say so), its confidence x 10,000 and the number of its reasons; then, unless
# the matched name is the place's own, that name (one byte of length, or 255 and two more).
_CANDIDATE = struct.Struct("<BIHH")
_WIDE_CANDIDATE = struct.Struct("<BqHH")
_KIND_BITS = 0b111
_OWN_NAME = 0b1000
_WIDE = 0b10000
_RELATED = 0b100000
_SHORT_TEXT = struct.Struct("<B")
_LONG_TEXT = struct.Struct("<H")
# The packages whose code decides an answer: their source names the rules answers are worked out by.
_ANSWERING_CODE = (
    "matching",
    "resolver",
    "index/reader.py",
    "index/keyblocks.py",
    "index/keyhash.py",
    "index/stored.py",
)


class StoredAnswer(NamedTuple):
    """One candidate of a stored answer: what a :class:`Candidate` holds beyond its place's rows.

    A named tuple: a stored answer's candidates are made anew each time it is read, and a tuple
    is made in a tenth of the time a frozen dataclass takes.
    """

    place_id: int
    confidence: float
    match_kind: MatchKind
    matched_name: str | None
    """The gazetteer's name that the query matched; ``None`` when it is the place's own (its row's ``name``)."""
    reasons: str
    """The explanation's reasons, after the matched name and how it matched."""
    has_related: bool
    """Whether the place has related places (its answer carries them, read when it is made)."""

    def explanation(self, matched_name: str) -> str:
        """The candidate's explanation, the matched name being ``matched_name``."""
        return explanation_prefix(matched_name, self.match_kind) + self.reasons

    @classmethod
    def of(cls, candidate: Candidate) -> StoredAnswer | None:
        """What ``candidate`` stores; ``None`` if its explanation is not the matched name's and reasons'."""
        prefix = explanation_prefix(candidate.matched_name, candidate.match_kind)
        if not candidate.explanation.startswith(prefix):
            return None
        own = candidate.matched_name == candidate.place.name
        return cls(
            candidate.place.geoname_id,
            candidate.confidence,
            candidate.match_kind,
            None if own else candidate.matched_name,
            candidate.explanation[len(prefix) :],
            bool(candidate.related),
        )


@cache
def answers_fingerprint() -> str:
    """What names the rules of this resolver: a digest of the source of every module that decides an answer.

    Any change to that code changes it, a comment's too; answers stored under another one are not read.
    Worked out once a process, as :func:`answering_code_digest`.
    """
    return answering_code_digest()


def answering_code_digest() -> str:
    """:func:`answers_fingerprint` of the answering code as it is on disk now."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for part in _ANSWERING_CODE:
        base = root / part
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


def stored_answer_serves(limit: int, min_confidence: float, stored: int, lone_shortlist: int) -> bool:
    """Whether ``stored`` stored candidates hold the answer to a bare query asking ``limit`` of ``min_confidence``.

    They were worked out as :data:`STORED_LIMIT` asked at the default confidence: a query asking
    no more, at that confidence or above, takes their first ones; a query asking more is served
    only by an answer that ended before :data:`STORED_LIMIT`, and only while it ranks no more
    places than a query of the default limit does (``lone_shortlist``).
    """
    if min_confidence < DEFAULT_MIN_CONFIDENCE:
        return False
    return limit <= STORED_LIMIT or (stored < STORED_LIMIT and limit <= lone_shortlist)


class StoredAnswers:
    """Stored answers as bytes and back, with the reasons they refer to by number."""

    def __init__(self, reasons: Sequence[str] = ()) -> None:
        self.reasons: list[str] = list(reasons)
        self._numbers = {reason: number for number, reason in enumerate(self.reasons)}

    def encode(self, answers: Sequence[StoredAnswer]) -> bytes | None:
        """``answers`` as stored; ``None`` if one would not come back exactly (:meth:`decode`)."""
        if len(answers) > 255:
            return None
        parts = [bytes([len(answers)])]
        for answer in answers:
            confidence = round(answer.confidence * 10_000)
            if confidence / 10_000 != answer.confidence or not 0 <= confidence < 2**16:
                return None
            flags = _KINDS.index(answer.match_kind)
            if answer.matched_name is None:
                flags |= _OWN_NAME
            if answer.has_related:
                flags |= _RELATED
            if 0 <= answer.place_id < 2**32:
                parts.append(_CANDIDATE.pack(flags, answer.place_id, confidence, self._number(answer.reasons)))
            elif -(2**63) <= answer.place_id < 2**63:
                flags |= _WIDE
                parts.append(_WIDE_CANDIDATE.pack(flags, answer.place_id, confidence, self._number(answer.reasons)))
            else:
                return None
            if answer.matched_name is not None:
                text = answer.matched_name.encode("utf-8")
                if len(text) < 255:
                    parts.append(_SHORT_TEXT.pack(len(text)))
                elif len(text) < 2**16:
                    parts.append(_SHORT_TEXT.pack(255) + _LONG_TEXT.pack(len(text)))
                else:
                    return None
                parts.append(text)
        if len(self.reasons) > 2**16:
            return None
        return b"".join(parts)

    def decode(self, stored: bytes) -> list[StoredAnswer]:
        """The candidates :meth:`encode` stored, best first."""
        answers: list[StoredAnswer] = []
        at = 1
        for _ in range(stored[0]):
            layout = _WIDE_CANDIDATE if stored[at] & _WIDE else _CANDIDATE
            flags, place_id, confidence, reasons = layout.unpack_from(stored, at)
            at += layout.size
            text: str | None = None
            if not flags & _OWN_NAME:
                size = stored[at]
                at += 1
                if size == 255:
                    (size,) = _LONG_TEXT.unpack_from(stored, at)
                    at += _LONG_TEXT.size
                text = stored[at : at + size].decode("utf-8")
                at += size
            kind = _KINDS[flags & _KIND_BITS]
            related = bool(flags & _RELATED)
            answers.append(StoredAnswer(place_id, confidence / 10_000, kind, text, self.reasons[reasons], related))
        return answers

    def _number(self, reasons: str) -> int:
        number = self._numbers.get(reasons)
        if number is None:
            number = self._numbers[reasons] = len(self.reasons)
            self.reasons.append(reasons)
        return number


_CHANGED_WHILE_ANSWERING = (
    "the matching code changed on disk while the build answered its names (an upgrade during the build?): "
    "no answers stored, the index is otherwise complete; rebuild it to store them"
)


def store_answers(
    path: Path,
    *,
    limit: int = DEFAULT_STORED_ANSWERS,
    workers: int | None = None,
    progress: bool = True,
) -> int:
    """Answer up to ``limit`` distinct folded names of the unpublished index file ``path`` bare, and store the answers.

    The warmest names come first, then the others in ID order. ``workers`` processes answer
    them (the CPUs by default; none for a small file). Returns how many answers were stored.
    """
    if limit <= 0:
        return 0
    # Worker processes import the answering code from disk when they start. Answers stored under
    # one fingerprint must all have been worked out by the code it names, also when the code
    # is upgraded while a build of the full gazetteer runs.
    fingerprint = answers_fingerprint()
    if answering_code_digest() != fingerprint:
        logger.warning("%s", _CHANGED_WHILE_ANSWERING)
        return 0
    started = time.monotonic()
    reader = IndexReader(path)
    try:
        names = _distinct_names(reader, limit)
    finally:
        reader.close()
    logger.info("%d distinct names to answer, listed in %.1f s", len(names), time.monotonic() - started)
    codec = StoredAnswers()
    stored: list[tuple[int, bytes]] = []
    with tqdm(total=len(names), desc="storing answers", unit=" names", disable=not progress, mininterval=1.0) as bar:
        for key, answers in _answers(path, names, workers or usable_cpus()):
            encoded = None if answers is None else codec.encode(answers)
            if encoded is not None:
                stored.append((key, encoded))
            bar.update(1)
    if answering_code_digest() != fingerprint:
        logger.warning("%s", _CHANGED_WHILE_ANSWERING)
        return 0
    count = write_stored_answers(path, stored, codec.reasons, fingerprint)
    logger.info("%d answers stored (%d names asked), %d reasons", count, len(names), len(codec.reasons))
    return count


def _distinct_names(reader: IndexReader, limit: int) -> list[tuple[int, str]]:
    """Up to ``limit`` names of ``reader``, one per distinct (folded form, transliterated), with their keys.

    Each name's folded form and whether it was transliterated are the ones the build stored
    (:func:`~toponym_server.matching.normalize.fold` of its text): folding every name again took
    the first build half a minute and more. A name written in the Turkish alphabet, or with marks,
    is asked by its folded form: its letters' readings and its marks are its own, not those of the
    names folded alike that the answer serves (the resolver works out such a query's answer itself).
    """
    seen: set[int] = set()
    names: list[tuple[int, str]] = []
    for text, folded, flags in _texts(reader):
        if not folded:
            continue
        # A pinyin romanisation is flagged as the transliteration it stands for, yet folds as Latin.
        transliterated = bool(flags & FLAG_NON_LATIN) and not is_pinyin_romanisation(text)
        key = answer_key(folded, transliterated, characters_of(text) if transliterated else "")
        if key not in seen:
            seen.add(key)
            asked_folded = written_in_turkish_alphabet(text) or (not transliterated and marked_of(text))
            names.append((key, folded if asked_folded else text))
            if len(names) >= limit:
                break
    return names


def _texts(reader: IndexReader) -> Iterator[tuple[str, str, int]]:
    """The file's names as (text, folded form, flags): the warmest first, then the rest in ID order."""
    warm = reader.warm_name_ids(2**31)
    for start in range(0, len(warm), 10_000):
        part = warm[start : start + 10_000]
        rows = {row.name_id: (row.text, row.folded, row.flags) for row in reader.names_by_id(part)}
        yield from (rows[name_id] for name_id in part if name_id in rows)
    yield from reader.folded_names()


def _answers(
    path: Path, names: list[tuple[int, str]], workers: int
) -> Iterator[tuple[int, list[StoredAnswer] | None]]:
    """Each name's key and what its bare answer stores, in order, from ``workers`` processes (here, for few names)."""
    chunks = [names[start : start + _CHUNK] for start in range(0, len(names), _CHUNK)]
    if workers <= 1 or len(names) <= _IN_PROCESS_UP_TO:
        _open_resolver(path)
        try:
            for chunk in chunks:
                yield from _answer_chunk(chunk)
        finally:
            _close_resolver()
        return
    # forkserver, not fork: the caller may have threads (a gRPC server in tests).
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(str(path), os.getpid())
    ) as pool:
        # A few tasks in flight, collected in order: the work's results never pile up, and the
        # reasons are numbered in the same order at any number of workers.
        pending: deque[Future[list[tuple[int, list[StoredAnswer] | None]]]] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_answer_chunk, chunk))
                if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


_answering: list[Resolver] = []  # the resolver of this process while it stores answers


def _start_worker(path: str, parent: int) -> None:
    from toponym_server.index.build import exit_with  # the build's: a worker ends with the build

    exit_with(parent)
    _open_resolver(Path(path))


def _open_resolver(path: Path) -> None:
    from toponym_server.resolver.resolver import Resolver

    # Stored answers are never read while they are being worked out: the file has none yet.
    _answering[:] = [Resolver(IndexReader(path), stored_answers=False)]


def _close_resolver() -> None:
    for resolver in _answering:
        resolver.index.close()
    _answering.clear()


def _answer_chunk(names: Sequence[tuple[int, str]]) -> list[tuple[int, list[StoredAnswer] | None]]:
    """Each name's key and what its bare answer stores (``None``: an answer that cannot be stored)."""
    from toponym_server.resolver.resolver import Query

    (resolver,) = _answering
    asked = [Query(text, limit=STORED_LIMIT, min_confidence=DEFAULT_MIN_CONFIDENCE) for _, text in names]
    return [(key, _stored_form(resolver.resolve(query))) for (key, _), query in zip(names, asked, strict=True)]


def _stored_form(answers: Sequence[Candidate]) -> list[StoredAnswer] | None:
    stored = [StoredAnswer.of(answer) for answer in answers]
    return None if None in stored else [answer for answer in stored if answer is not None]
