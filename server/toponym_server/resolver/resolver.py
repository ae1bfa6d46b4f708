"""Resolve names to places: normalize → look up keys → rank → calibrate.

The pipeline reads the index through :class:`~toponym_server.index.IndexReader` and applies
the rules of :mod:`toponym_server.matching`. The only state it holds is what it read or computed
from the immutable index (bounded caches that change no answer), so any number of resolvers
(threads, processes, hosts) can share one index file.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, Protocol, TypeVar

import numpy as np

from toponym_server.index.reader import COMPACT_FACTS_AT, IndexReader, NameRow, PlaceRow, unpacked_name
from toponym_server.index.stored import ANSWERS_FINGERPRINT, answer_key
from toponym_server.matching.confidence import DEFAULT_MIN_CONFIDENCE, RIVALS, confidence_of, iter_confidences
from toponym_server.matching.features import kind_of_feature
from toponym_server.matching.keys import QueryKeys, exact_keys, folded_exact_key, query_keys
from toponym_server.matching.local_script import script_of
from toponym_server.matching.normalize import Normalized, characters_of, fold, normalize, turkish_alphabet_folded
from toponym_server.matching.qualifier import is_area_code, qualified
from toponym_server.matching.ranking import (
    FIRST_LEVEL_DIVISIONS,
    FLAG_CANONICAL,
    FLAG_NON_LATIN,
    ContextPoint,
    ContextWeights,
    Hints,
    Namesakes,
    PlaceFacts,
    Ranked,
    confines,
    context_weights,
    named_division,
    point_division,
    rank,
    script_countries,
    shortlist,
    with_context,
)
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver.answers import MET_WHOLE, Candidate, PlaceDetails, RelatedPlace, explanation_prefix
from toponym_server.resolver.cache import KeptRows, LruCache
from toponym_server.resolver.context import LIKELY_CONFIDENCE, LIKELY_PLACES, document_weights, settle_in_context
from toponym_server.resolver.kept import (
    KeptRanking,
    answers_from,
    folded_query_key,
    kept_answers,
    kept_related,
    query_key,
    related_from,
)
from toponym_server.resolver.kept_names import KeptNameRows
from toponym_server.resolver.populations import Populations
from toponym_server.resolver.qualified import (
    AREA_CHOICES,
    AREA_CONFIDENCE,
    AREA_KINDS,
    AREA_SURE,
    AnsweredWithin,
    Area,
    answer_within,
)
from toponym_server.resolver.stored import StoredAnswer, StoredAnswers, answers_fingerprint, stored_answer_serves

logger = logging.getLogger(__name__)

T = TypeVar("T")


class _RowStore(Protocol[T]):
    """Index rows kept by ID: :class:`KeptRows`, :class:`KeptNameRows`."""

    def take(self, ids: Iterable[int]) -> tuple[dict[int, T], list[int]]:
        """The kept rows among ``ids``, by ID, and the IDs not kept, in order."""
        ...

    def keep_all(self, rows: Iterable[tuple[int, T]]) -> None:
        """Keep each (ID, row) of ``rows``."""
        ...


# How many postings each kind of key may contribute: strong keys few, broad keys more.
_LIMITS = {"exact": 96, "phonetic": 96, "skeleton": 128, "partial": 32, "fuzzy": 32}
_MAX_CANDIDATE_PLACES = 400
WARM_UP_CHUNK = 2_000
"""Name rows :meth:`Resolver.warm_up` reads in one turn: the longest a query waits on it, some 15 ms.

300,000 rows took 1.9 to 2.7 s of CPU (BENCHMARKS.md, twentieth session).
"""
# The broad keys reach many more places: they are looked up only while the answer is uncertain
# and no leading candidate is named exactly as the query.
_FUZZY_WHEN_CONFIDENCE_BELOW = 0.9
# A cheap first stage cuts the places the keys reach before full ranking. Of the strong keys'
# places, a lone query keeps LONE_SHORTLIST (or its answer size, when larger); a document's name,
# a query with a bias point or one in a context keep as many as a kept ranking holds (see
# _ranked_depth). The broad keys' new places are far spellings: only the likeliest are kept.
BROAD_SHORTLIST = 32
# Far spellings seldom overtake a leader the strong keys found with some confidence: from
# LED_CONFIDENCE on, only the LED_BROAD_SHORTLIST likeliest of the broad keys' new places are
# ranked in full. On the odd (fitting) benchmark sets this kept every accuracy@1 and lost one
# variant of 1,751 from accuracy@5, for about a twentieth of a misspelt name's CPU time
# (BENCHMARKS.md, seventeenth session).
LED_CONFIDENCE = 0.3
LED_BROAD_SHORTLIST = 8
LED_BROAD_POSTINGS = 8
"""How many postings each broad key gives a led query without a country hint, most prominent first.

Such a query ranks :data:`LED_BROAD_SHORTLIST` far spellings in full, chosen on spelling and
prominence; each key's most prominent postings are the ones that can overtake the leader. On
the odd (fitting) variant set, bare, this kept accuracy@1 (0.724 against 0.723) for 0.5 points
of accuracy@5 (0.821 against 0.826), and took about a quarter off a misspelling's p50 CPU time
(twenty-third session). A hinted query keeps :data:`_LIMITS`: its countries' own postings are
what finds a small place in them.
"""
# Answers kept for repeated queries (pipelines repeat names); a few KiB each.
DEFAULT_RESULT_CACHE = 10_000
# Full rankings are larger than answers (tens of candidates each): fewer are kept.
RANKINGS_KEPT = 2_000
RANKING_DEPTH = 64
LONE_SHORTLIST = 24
DEFAULT_KEPT_NAME_ROWS = 180_000
"""Name rows a resolver keeps across queries by default: about 65 MiB once full (0.36 KiB a row, :class:`KeptNameRows`).

Prominent places and their names are candidates again and again. A misspelling asks for some
150 name rows, each a random read of the index (about 7 µs): over 150,000 mixed names, a
resolver that keeps 300,000 reads 19 % of the rows it asks for from the index, against 46 %
with 100,000 kept (BENCHMARKS.md, nineteenth session). Since the index stores the answers to
known names (which read no rows), 180,000: 120,000 rows fewer are about 43 MiB, more than the
stored answers take in the file, for some 3 % more CPU a mixed name (twenty-second session)."""
# Place rows are read for answers only (one or two a query), and a stored answer's are not kept.
# Over 150,000 mixed names, keeping 25,000 rather than 50,000 (and as many places' links) read
# 1,782 more place rows and 1,362 more links (160 s of CPU either way, within noise) for about
# 9 MiB less memory once full, which the memory target needed (BENCHMARKS.md, twenty-eighth session).
_PLACE_ROWS_KEPT = 25_000
_SPELT_INSIDE_LOOKED_UP = 1_000
"""How many places of a qualified name's spelling are read to tell which of its areas hold one, most prominent first."""
_WHOLE_NAMES_READ = 4
"""How many names folded as a qualified text are read to tell whether one is written so, with its commas."""


def _facts(row: tuple[Any, ...]) -> PlaceFacts:
    """The ranking facts of a name's place, from the name's kept row (:meth:`Resolver._name_rows_of`)."""
    return tuple.__new__(PlaceFacts, (row[1], *row[COMPACT_FACTS_AT:]))


@dataclass(slots=True)
class _Changes:
    places: list[int]
    new_names: list[int]


@dataclass(slots=True)
class _CandidatePool:
    """The places and names the candidate step reached, and what is new since the last ranking."""

    names: dict[int, set[int]] = field(default_factory=dict)
    hits: dict[int, list[NameRow]] = field(default_factory=dict)
    facts: dict[int, PlaceFacts] = field(default_factory=dict)
    pending: dict[int, list[int]] = field(default_factory=dict)
    cut: list[int] = field(default_factory=list)
    """The places the last shortlist left out, in the order they came: they compete at the next."""

    def add(self, postings: Iterable[tuple[int, int]]) -> None:
        """Add (name_id, place_id) postings in order; past ``_MAX_CANDIDATE_PLACES`` places, new places are left out."""
        names, pending = self.names, self.pending
        for name_id, place_id in postings:
            known = names.get(place_id)
            if known is None:
                if len(names) >= _MAX_CANDIDATE_PLACES:
                    continue
                known = names[place_id] = set()
            elif name_id in known:
                continue
            known.add(name_id)
            pending.setdefault(place_id, []).append(name_id)

    def take_changes(self) -> _Changes:
        changes = _Changes(list(self.pending), [n for ids in self.pending.values() for n in ids])
        self.pending = {}
        return changes


@dataclass(frozen=True, slots=True)
class Query:
    """One name to resolve with its hints and answer size."""

    name: str
    hints: Hints = field(default_factory=Hints)
    limit: int = 5
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    near_spellings: bool = False
    """Rank the places of near spellings too when some places are named exactly as the query.

    By default such a query is answered among the places of its name alone. Names resolved
    together as a document ask for both (:func:`in_document`): the document's other places can
    pull a near spelling forward only if it is ranked, and the text finder's cues were set on
    that ranking (a word spelt like one small place, *Orte*, is likelier a mention when no place
    of a near spelling competes with it).
    """
    inside: Area | None = None
    """Answer only with places inside this area (not the area itself); its country must be the
    one restricted to. Set for the name of a qualified query (*Paris* of *Paris, Texas*)."""


def warm_up_chunks(ids: Sequence[int], chunk: int = WARM_UP_CHUNK) -> Iterator[Sequence[int]]:
    """Runs of ``chunk`` names of ``ids`` (warmest first) in the order :meth:`Resolver.warm_up` keeps them.

    The coldest run comes first, so that the warmest are the last a full store lets go.
    """
    for end in range(len(ids), 0, -chunk):
        yield ids[max(0, end - chunk) : end]


def _kept_rows(
    ids: Sequence[int], kept: _RowStore[T], read: Callable[[list[int]], Iterator[tuple[int, T]]]
) -> dict[int, T]:
    """Return the entries of ``ids`` from ``kept``, reading the missing ones with ``read`` and keeping them."""
    found, missing = kept.take(ids)
    if missing:
        fresh = dict(read(missing))
        kept.keep_all(fresh.items())
        found.update(fresh)
    return found


def _answered_exactly(ranked: Iterable[Ranked], hints: Hints) -> bool:
    """Tell whether the places named exactly as the query answer it, so that no other key is looked up.

    They do when one of them (that the hints admit) has a name the query equals once folded,
    with nothing weighing it down (not a code, a historic name or another script's spelling met
    through its transliteration), and, if the caller prefers countries, lies in one of them: a
    name spelt as the gazetteer spells it means one of the places of that name (on the benchmark
    sets, ranking its phonetic namesakes too changed no accuracy@1 by more than 0.003). Asked
    only of queries that may stop there (:func:`_may_stop_at_its_name`).
    """
    return any(
        item.similarity >= 1.0 and (not hints.countries or item.place.country_code in hints.countries)
        for item in ranked
    )


def _may_stop_at_its_name(query: Query) -> bool:
    """Tell whether ``query`` may be answered among the places named exactly as it is.

    Not when it asks for near spellings (a document's name, see :func:`in_document`), nor with a
    bias point: a place spelt nearly as the query, close to the point, may be the one meant
    (*Indre* near Indore). Those rank every place their strong keys reach at once.
    """
    return not query.near_spellings and query.hints.near is None


class _BroadStage(NamedTuple):
    """How a query looks up its broad keys: how many new places it ranks in full, and whether a leader leads it."""

    shortlist: int
    led: bool


def _broad_stage(leaders: Sequence[Ranked]) -> _BroadStage | None:
    """How a query looks up its broad keys after the strong keys' ``leaders``; ``None``: it does not.

    The broad keys are not looked up when a leader is named exactly as the query or the first
    one's confidence reaches ``_FUZZY_WHEN_CONFIDENCE_BELOW``. Below :data:`LED_CONFIDENCE` (or
    with no leader) :data:`BROAD_SHORTLIST` new places are ranked; from it on the query is led:
    :data:`LED_BROAD_SHORTLIST` new places, and :data:`LED_BROAD_POSTINGS` postings a key.
    """
    if not leaders:
        return _BroadStage(BROAD_SHORTLIST, led=False)
    if any(item.similarity >= 1.0 for item in leaders):
        return None
    confidence = confidence_of(leaders, 0)
    if confidence >= _FUZZY_WHEN_CONFIDENCE_BELOW:
        return None
    if confidence < LED_CONFIDENCE:
        return _BroadStage(BROAD_SHORTLIST, led=False)
    return _BroadStage(LED_BROAD_SHORTLIST, led=True)


_BARE = Hints()


def _stored_answers_of(index: IndexReader) -> StoredAnswers | None:
    """The index's stored answers, if it stores any worked out by this resolver's rules."""
    if not index.has_stored_answers():
        return None
    if index.meta.get(ANSWERS_FINGERPRINT) != answers_fingerprint():
        logger.warning(
            "%s stores answers worked out by other matching rules: they are not read "
            "(rebuild the index to store this version's)",
            index.path,
        )
        return None
    return StoredAnswers(index.answer_reasons())


def _written_as(
    text: str, shown: str, names: Sequence[tuple[str, int]], *, any_standing: bool = False
) -> tuple[str, int] | None:
    """The name and flags to show instead of ``shown`` for a query written ``text``, if a name is written so.

    ``names`` are (text, flags) of a place's names folded as the query, ``shown`` among them;
    only a name of ``shown``'s standing (its flags, its script aside) may stand in for it, unless
    ``any_standing`` (a romanisation shown, whose match kind the name shown instead decides). Of
    those: one written as ``text``, then one written so but for case, then, when ``shown`` is in
    another script than ``text``, the first in ``text``'s. ``None`` when ``shown`` is not among
    ``names`` (it met the query otherwise) or none is better.
    """
    flags = next((name_flags for name, name_flags in names if name == shown), None)
    if flags is None:
        return None
    standing = flags & ~FLAG_NON_LATIN
    peers = [
        (name, other)
        for name, other in names
        if name != shown and (any_standing or other & ~FLAG_NON_LATIN == standing)
    ]
    text = text.strip()
    written = next((peer for peer in peers if peer[0] == text), None)
    if written is not None:
        return written
    wanted = text.casefold()
    if shown.casefold() == wanted:
        return None
    same_case = next((peer for peer in peers if peer[0].casefold() == wanted), None)
    if same_case is not None:
        return same_case
    script = script_of(text)
    if script_of(shown) == script:
        return None
    return next((peer for peer in peers if script_of(peer[0]) == script), None)


def _ranked_depth(query: Query, in_context: bool) -> int:
    """How many of the places that the strong keys reach ``query`` ranks in full (and keeps ranked).

    A document's name (:func:`in_document`), a query ranked in a context or with a bias point:
    :data:`RANKING_DEPTH`. The context or the point may pull a small namesake far up, past places
    more prominent than it (*Springfield* near Fife), and a document's kept ranking is re-ranked
    in each context. A lone query needs only its answers and their rivals: :data:`LONE_SHORTLIST`
    places, or as many as it asks for. On the benchmark sets 24 places gave the accuracy 64 gave,
    for less time on a misspelt name (BENCHMARKS.md, ninth session). A query asking for more
    than 24 answers ranks more places, so a confidence may differ from the same query's with
    fewer answers in its third or fourth decimal (more rivals ranked).
    """
    if in_context or query.near_spellings or query.hints.near is not None:
        return RANKING_DEPTH
    if query.inside is not None and not query.inside.is_country:
        return RANKING_DEPTH  # the places inside a division are among all those of its country
    return min(RANKING_DEPTH, max(LONE_SHORTLIST, query.limit))


def _inside(query: Query, name: str, area: Area) -> Query:
    """``query`` for ``name`` inside ``area``: its hints restricted to the area's country."""
    hints = replace(query.hints, countries=frozenset({area.country_code}), restrict_to_countries=True)
    return replace(query, name=name, hints=hints, inside=area)


def in_document(query: Query) -> Query:
    """``query`` as one name of a document resolved together: near spellings are ranked too.

    A document's other places can pull a near spelling forward only if it is ranked (*Gada*
    beside Rotterdam and Utrecht is Gouda), see :attr:`Query.near_spellings`.
    """
    return query if query.near_spellings else replace(query, near_spellings=True)


def alone_in_document(query: Query) -> Query:
    """``query`` as a document's name (:func:`in_document`) resolved alone, at any confidence.

    A name's lone answer is only where its document's context starts: a name unsure alone may be
    sure in context, so its lone answer must not lose its candidates to the query's
    ``min_confidence`` (:func:`reaching` applies that to the answer it ends with).
    """
    return replace(in_document(query), min_confidence=0.0)


def reaching(answers: Sequence[Candidate] | None, min_confidence: float) -> list[Candidate]:
    """The ``answers`` (none for ``None``) that reach ``min_confidence``, in order."""
    return [answer for answer in answers or () if answer.confidence >= min_confidence]


def _ranking_key(query: Query, depth: int) -> tuple[Any, ...]:
    """What identifies a kept ranking of ``query``: the query, and how deep it was ranked (:func:`_ranked_depth`)."""
    return (*query_key(normalize(query.name), query.hints, query.near_spellings), depth)


class Resolver:
    """Resolves names against one open index.

    The index is immutable, so the resolver keeps what it read: the answers to the last
    ``cache_size`` distinct queries (keyed by the normalized name, the hints, the answer size
    and the context, so spellings that normalize alike share an entry), and the index rows of
    recently seen candidates, up to ``kept_name_rows`` names with their places' facts (at least
    one is kept). Neither changes any answer; ``cache_size=0`` turns the answer cache off. A bare
    query of a name the index stores an answer for (:mod:`toponym_server.resolver.stored`) is
    answered from it, unless ``stored_answers`` is false: the same answer, read, not worked out.
    """

    def __init__(
        self,
        index: IndexReader,
        *,
        cache_size: int = DEFAULT_RESULT_CACHE,
        kept_name_rows: int = DEFAULT_KEPT_NAME_ROWS,
        stored_answers: bool = True,
    ) -> None:
        self.index = index
        self._stored = _stored_answers_of(index) if stored_answers else None
        self._answers: LruCache[tuple[Any, ...], tuple[tuple[Any, ...], ...]] = LruCache(cache_size)
        # Lone rankings, which a document's context only re-orders (batches, texts).
        self._rankings: LruCache[tuple[Any, ...], KeptRanking] = LruCache(min(cache_size, RANKINGS_KEPT))
        # Kept rows (see KeptNameRows, KeptRows) and plain dicts emptied when full: one lookup per
        # candidate row must stay cheap. They give plain tuples, made named rows again when read:
        # the garbage collector stops tracking a tuple of numbers and strings, but never a named
        # tuple, and a full collection visits every tracked object (see kept.py).
        self._name_rows = KeptNameRows(kept_name_rows)
        self._place_rows: KeptRows[tuple[Any, ...]] = KeptRows(_PLACE_ROWS_KEPT)
        self._admin_names: dict[str, str] = {}
        # Each candidate carries its place's links: read once per place (most places have none),
        # kept flat (see kept.py).
        self._related_kept: KeptRows[tuple[Any, ...]] = KeptRows(_PLACE_ROWS_KEPT)
        self._point_vectors: dict[ContextPoint, tuple[float, float, float]] = {}
        # The population of the few places ranking weighs by it (capitals, divisions and their seats).
        self._people = Populations(index)

    def resolve(
        self, query: Query, context: Sequence[ContextPoint] = (), weights: ContextWeights | None = None
    ) -> list[Candidate]:
        """Return the candidates for ``query``, best first, at most ``query.limit`` of them.

        ``context`` pulls them toward a document's other places, as much as ``weights`` say (the
        document's :func:`~toponym_server.matching.ranking.context_weights`; worked out from
        ``context`` alone when not given).

        A candidate met whole by a name that a query in a script other than Latin is spelt as
        shows the place's name written as the query when it has one: of the same standing as the
        name that met it (*بيت لحم*, not Bethlehem's Hebrew *בית לחם*, which folds alike), or any,
        where a romanisation met it (*Алеппо*, not *Aleppo*).

        A name written with the areas it lies in (*Paris, Texas*, *Hama (Syria)*) and that is
        not itself a place's name is answered with the places of its name inside those areas
        (:mod:`toponym_server.resolver.qualified`), and as written if they hold none; if they
        hold some but none reaches ``min_confidence``, there is no answer (*Paris, USA*).
        """
        folded, transliterated = fold(query.name)
        if query.inside is None:
            within = self._resolve_qualified(query, folded, transliterated, context, weights, unless_a_name=True)
            if within is not None:
                return within.answers
        sounded = turkish_alphabet_folded(query.name)
        marked = "" if transliterated or query.name.isascii() else normalize(query.name).marked
        answers = self._answers_to(query, context, folded, transliterated, sounded, weights, marked)
        # A Latin query's namesakes differ in case and marks alone (*Sao Paulo*, *São Paulo*):
        # the place's own spelling is the one to show.
        return self._as_written(query.name, folded, answers) if transliterated else answers

    def resolve_qualified(
        self, query: Query, context: Sequence[ContextPoint] = (), *, unless_a_name: bool = True
    ) -> AnsweredWithin | None:
        """The answers to a name written with the areas it lies in, and the area that holds them.

        The answers are those that reach ``query.min_confidence``, none if no place of the name
        inside the area is that sure. ``None`` when the name carries no qualifier, no area its
        qualifiers name holds a place of the name at any confidence
        (:func:`~toponym_server.resolver.qualified.answer_within`), or, with
        ``unless_a_name``, the whole text is itself a place's name (*Bonaire, Sint Eustatius and
        Saba*). A text's span and the next one are read so without it: *Portland, Maine* is a
        name of Portland, and reading it as a qualified name gives that place and its state.
        """
        return self._resolve_qualified(query, *fold(query.name), context, None, unless_a_name=unless_a_name)

    def _resolve_qualified(
        self,
        query: Query,
        folded: str,
        transliterated: bool,
        context: Sequence[ContextPoint],
        weights: ContextWeights | None,
        *,
        unless_a_name: bool,
    ) -> AnsweredWithin | None:
        """:meth:`resolve_qualified` of a query folded as ``folded`` (``transliterated`` from another script).

        A text in a script folded by transliteration is a place's name as written when its folded
        form is one: a Latin name romanised from it drops the comma too (*بارین، واشینگتن* is
        Burien's *baryn  washyngtn*). A Latin text is only when the name keeps its comma.
        """
        name = qualified(query.name)
        if name is None:
            return None
        if unless_a_name and self._names_a_place(query.name, folded, with_areas=not transliterated):
            return None
        # Whether an area holds the name is told at any confidence: a name of many places inside
        # it (*Paris, USA*) is none of them surely, not a place outside it.
        anywhere = replace(query, min_confidence=0.0)
        within = answer_within(
            name,
            lambda text, outer: self._areas_named(text, outer, query.hints),
            lambda area: self.resolve(_inside(anywhere, name.name, area), context, weights),
            query.hints.countries,
            self._spelt_inside,
        )
        if within is None:
            return None
        return replace(within, answers=reaching(within.answers, query.min_confidence))

    def _as_written(self, text: str, folded: str, answers: list[Candidate]) -> list[Candidate]:
        """``answers``, each met whole by another name folded as ``text`` showing the name written as ``text``.

        Answers are kept and stored by the query's folded form, which names in two scripts or
        spellings can share (*בית לחם* and *بيت لحم*): the name shown is settled per query.
        """
        shown: list[Candidate] | None = None
        for at, answer in enumerate(answers):
            if answer.matched_name == text or answer.match_kind not in MET_WHOLE:
                continue
            # In a turn, as every read of a new answer: a thread's own connection would keep a
            # page cache of its own, in each of a server's threads (20 MB more once full).
            with self.index.turn():
                names = self.index.names_folded_as(answer.place.geoname_id, folded)
            kind = answer.match_kind
            romanised = kind is MatchKind.TRANSLITERATION
            written = _written_as(text, answer.matched_name, names, any_standing=romanised)
            if written is None:
                continue
            name, flags = written
            if romanised and flags & FLAG_NON_LATIN:
                # Met by the place's own name in the query's script, not through a romanisation.
                kind = MatchKind.EXACT if flags & FLAG_CANONICAL else MatchKind.ALTERNATE_NAME
            if shown is None:
                shown = list(answers)
            prefix = explanation_prefix(answer.matched_name, answer.match_kind)
            shown[at] = replace(
                answer,
                match_kind=kind,
                matched_name=name,
                explanation=explanation_prefix(name, kind) + answer.explanation.removeprefix(prefix),
            )
        return answers if shown is None else shown

    def _answers_to(
        self,
        query: Query,
        context: Sequence[ContextPoint],
        folded: str,
        transliterated: bool,
        sounded: str,
        weights: ContextWeights | None = None,
        marked: str = "",
    ) -> list[Candidate]:
        """:meth:`resolve`'s answers as kept, stored or ranked, the query being folded as ``folded``.

        ``sounded`` is its :attr:`~toponym_server.matching.normalize.Normalized.sounded` form: a
        query written in the Turkish alphabet is read otherwise than the names folded alike
        whose answers the index stores. So is one written with marks (``marked``, its
        :attr:`~toponym_server.matching.normalize.Normalized.marked` form), which rank the places
        that write them first. ``weights`` are the ``context``'s (see :meth:`resolve`).
        """
        hints = query.hints
        characters = characters_of(query.name) if transliterated else ""
        # An answer in a document's context is not kept: its key would hold every point of the
        # context (a name of a batch of 10,000 kept 75 KiB of key), and only the same document
        # asks it again. Its lone ranking is kept, and re-ranking that in context is cheap.
        key: tuple[Any, ...] | None = None
        if not context:
            lone = folded_query_key(folded, transliterated, hints, query.near_spellings, sounded, characters, marked)
            key = (*lone, query.limit, query.min_confidence, query.inside)
        if key is not None:
            cached = self._answers.get(key)
            if cached is not None:
                return answers_from(cached)
        unmarked = not sounded and not marked
        if self._stored is not None and key is not None and not query.near_spellings and hints == _BARE and unmarked:
            stored = self._stored_answer(query, folded, transliterated, characters)
            if stored is not None:
                self._answers.put(key, kept_answers(stored))
                return stored
        normalized = normalize(query.name)
        # One turn for the ranking and the answers' places: every index read of a new answer goes
        # through the index's one map of the file (see IndexReader.turn).
        with self.index.turn():
            ranked = self._rank(query, context, weights)
            if query.inside is not None:
                ranked = self._inside(ranked, query.inside)
            chosen: list[tuple[Ranked, float]] = []
            confidences = iter_confidences(
                ranked, hinted=bool(query.hints.countries), transliterated=normalized.transliterated
            )
            for item, confidence in zip(ranked, confidences, strict=False):
                if len(chosen) == query.limit or round(confidence, 4) < query.min_confidence:
                    break  # confidences never rise down the ranking; answers carry them rounded
                chosen.append((item, confidence))
            answers = self._candidates(chosen, query.hints.language)
        if key is not None:
            self._answers.put(key, kept_answers(answers))
        return answers

    def _names_a_place(self, text: str, folded: str, *, with_areas: bool = False) -> bool:
        """Tell whether some place has a name that folds as ``text`` does (*Bonaire, Sint Eustatius and Saba*).

        Or as the name it describes with a generic word (*Asturias, Principado de province*).
        ``folded`` is the text folded (:func:`~toponym_server.matching.normalize.fold`): most
        such texts are names as written (a fifth of the embedded index's names in Arabic script
        are written *town، state*), told by one lookup without normalizing them. With
        ``with_areas``, only a name itself written with a comma or parentheses counts: folding
        drops them, and *Gaya, NG* folds as *Gayang* does.
        """
        if not folded:
            return False
        with self.index.turn():
            entries = self.index.lookup(folded_exact_key(folded), _WHOLE_NAMES_READ)
            if not entries:
                keys = exact_keys(normalize(text))[1:]
                entries = next(filter(None, (self.index.lookup(key, _WHOLE_NAMES_READ) for key in keys)), [])
            if not with_areas or not entries:
                return bool(entries)
            # One name at a time: the first is most often one (a town، state name in Arabic script).
            names = (self.index.names_by_id([name_id]) for name_id, _place_id in entries)
            return any(qualified(name.text) is not None for found in names for name in found)

    def _areas_named(self, text: str, outer: Area | None, hints: Hints) -> list[Area]:
        """The countries and admin divisions a qualifier may name, likeliest first, inside ``outer`` if given.

        Met whole by one of their names (at least :data:`~.qualified.AREA_CONFIDENCE` likely) or
        otherwise but sure (:data:`~.qualified.AREA_SURE`), :data:`~.qualified.AREA_CHOICES` of
        them; then, for a code of capitals (*TX*, *ON*, *FR*), the areas of that code
        (:meth:`~toponym_server.index.reader.IndexReader.areas_coded`): those of a country the
        hints prefer first, divisions before countries (*Paris, CA*: California before Canada),
        the most populous first. Only areas of a
        country the hints restrict to count; those of a country they prefer come first, and the
        others follow as the qualifier alone names them.
        """
        countries = frozenset({outer.country_code}) if outer is not None else hints.countries
        restrict = outer is not None or hints.restrict_to_countries
        code = is_area_code(text)
        found: list[Candidate] = []
        # A code names an area only as written (*US*, *UK*): one no name is spelt as is not
        # ranked among near spellings, which would take as long as a name of no place does.
        if not code or self._names_a_place(text, fold(text)[0]):
            asked = Hints(countries=countries, restrict_to_countries=restrict, kinds=AREA_KINDS)
            found = self.resolve(Query(text, asked, limit=AREA_CHOICES, min_confidence=AREA_CONFIDENCE))
            if countries and not restrict:
                # A country preferred comes first, but makes no area named elsewhere too unlikely to
                # be meant (*Tbilisi, Georgia* preferring the US: Georgia the country).
                anywhere = Hints(kinds=AREA_KINDS)
                found += self.resolve(Query(text, anywhere, limit=AREA_CHOICES, min_confidence=AREA_CONFIDENCE))
        met = [answer.place for answer in found if answer.match_kind in MET_WHOLE or answer.confidence >= AREA_SURE]
        named = list(map(Area.of, met))
        if code:
            with self.index.turn():
                rows = self._place_rows_of(self.index.areas_coded(text))
            by_size = filter(None, map(Area.of, sorted(rows.values(), key=lambda p: p.population, reverse=True)))
            coded = sorted(by_size, key=lambda area: (area.country_code not in countries, area.is_country))
            named += coded
        areas = [area for area in dict.fromkeys(named) if area is not None]
        return [
            area
            for area in areas
            if (not restrict or area.country_code in countries) and (outer is None or outer.holds_area(area))
        ]

    def _spelt_inside(self, name: str, areas: Sequence[Area]) -> list[Area]:
        """The ``areas`` that hold a place with a name folded as ``name`` is, in their order (one key read)."""
        with self.index.turn():
            entries = self.index.lookup(folded_exact_key(fold(name)[0]), _SPELT_INSIDE_LOOKED_UP)
            places = self._place_rows_of(list(dict.fromkeys(place_id for _name_id, place_id in entries)))
        return [area for area in areas if any(area.holds(place) for place in places.values())]

    def _inside(self, ranked: list[Ranked], area: Area) -> list[Ranked]:
        """The ranked places that lie inside ``area`` (their rows read: ranking knows no division)."""
        places = self._place_rows_of([item.place.place_id for item in ranked])
        return [item for item in ranked if area.holds(places[item.place.place_id])]

    def _stored_answer(
        self, query: Query, folded: str, transliterated: bool, characters: str = ""
    ) -> list[Candidate] | None:
        """The answer the index stores for bare ``query`` (folded so, in ``characters``), if one stored holds it."""
        assert self._stored is not None
        if not folded:
            return None
        with self.index.turn():
            stored = self.index.stored_answer(answer_key(folded, transliterated, characters))
            if stored is None:
                return None
            items = self._stored.decode(stored)
            if not stored_answer_serves(query.limit, query.min_confidence, len(items), LONE_SHORTLIST):
                return None
            answers: list[Candidate] = []
            for item in items:
                if len(answers) == query.limit or item.confidence < query.min_confidence:
                    break  # as resolve's own loop: confidences never rise down the ranking
                answers.append(self._stored_candidate(item))
        return answers

    def _stored_candidate(self, item: StoredAnswer) -> Candidate:
        # The place's row is read, not kept: its answer is kept whole (resolve's answer cache).
        kept = self._place_rows.get(item.place_id)
        place = self.index.place(item.place_id) if kept is None else tuple.__new__(PlaceRow, kept)
        assert place is not None, f"a stored answer names place {item.place_id}, which the index lacks"
        matched_name = place.name if item.matched_name is None else item.matched_name
        return Candidate(
            place=place,
            kind=kind_of_feature(place.feature_class, place.feature_code),
            admin1_name=self._admin1_name(place),
            localized_name="",  # a bare query asks for no language
            confidence=item.confidence,
            match_kind=item.match_kind,
            matched_name=matched_name,
            explanation=item.explanation(matched_name),
            related=self._related(place.geoname_id) if item.has_related else (),
        )

    def resolve_many(
        self,
        queries: Sequence[Query],
        *,
        use_context: bool = False,
        first: Sequence[list[Candidate]] | None = None,
    ) -> list[list[Candidate]]:
        """Resolve several names; with ``use_context`` they pull each other toward one region.

        Each name is resolved alone first (or taken from ``first``, the caller's own answers to
        the queries alone, made with :func:`in_document` when ``use_context`` is set, and then at
        any confidence, :func:`alone_in_document`); then every
        name not already settled is ranked again with the confident leaders of the *other* names
        as context, so *Hama* beside *Homs* and *Aleppo* is the Syrian city, the surest first and
        each against what the names before it settled on; names unsure alone also offer each
        other their likely places (:meth:`likely_places`) as companions, so *Kingston* beside
        *Prescott* is the Ontario city (:func:`~toponym_server.resolver.context.settle_in_context`).
        A name whose lone answer reaches
        :data:`~toponym_server.resolver.context.SETTLED_CONFIDENCE` keeps it. With ``use_context``
        the names are resolved as a document's (:func:`in_document`), and each query's
        ``min_confidence`` drops the candidates its context leaves below it, not a name that is
        unsure only alone.
        """
        if not use_context:
            return list(first) if first is not None else [self.resolve(q) for q in queries]
        queries = [in_document(query) for query in queries]
        alone = list(first) if first is not None else [self.resolve(alone_in_document(q)) for q in queries]
        weights = document_weights(alone)
        settled, _ = settle_in_context(
            alone,
            lambda i, points: self.resolve(queries[i], points, weights),
            likely=lambda i: self.likely_places(queries[i]),
        )
        return [reaching(answers, q.min_confidence) for answers, q in zip(settled, queries, strict=True)]

    def likely_places(self, query: Query) -> list[Candidate]:
        """The places ``query`` likely means alone, whatever answer it asks for: a document's companions.

        Its first :data:`~toponym_server.resolver.context.LIKELY_PLACES` candidates at
        :data:`~toponym_server.resolver.context.LIKELY_CONFIDENCE` or more (see
        :func:`~toponym_server.resolver.context.settle_in_context`), from the same ranking.
        """
        return self.resolve(replace(query, limit=LIKELY_PLACES, min_confidence=LIKELY_CONFIDENCE))

    def rank(self, query: Query) -> list[Ranked]:
        """Return the full ranking behind :meth:`resolve`, before confidence and limits."""
        return self._rank(query, ())

    def leaders_in_context(
        self, query: Query, context: Sequence[ContextPoint], weights: ContextWeights | None = None
    ) -> list[Ranked]:
        """The candidates that may be the best answer to ``query`` in ``context``: one, but for ties.

        What :meth:`resolve` would put first, found from the kept lone ranking at the cost of a
        glance (no ranking, confidence or answer is made).
        """
        kept, _ = self._kept_ranking(query, _ranked_depth(query, bool(context)))
        if not context:
            return kept.candidates(range(min(1, len(kept))))
        vectors = np.array([self._point_vector(point) for point in context])
        divisions = self._divisions_of(kept, context)
        return kept.leaders(context, vectors, weights or context_weights(context, vectors), divisions)

    def candidate_pool(self, query: Query) -> list[tuple[PlaceFacts, list[NameRow]]]:
        """Every place that any key of ``query`` reaches (the fuzzy ones too), with the names that reached it.

        The ranking model is fitted on these pools (``bench/fit_ranking.py``): :meth:`resolve`
        stops at the places named exactly as the query when they answer it, and looks up the
        fuzzy keys only while its answer is still unsure.
        """
        started = self._strong_candidates(query)
        if started is None:
            return []
        _, keys, pool = started
        self._collect_broad(keys, pool, query.hints)
        changed = pool.take_changes()
        rows = self._name_rows_of(changed.new_names)
        places = {row[1]: _facts(row) for row in rows.values()}
        return [
            (places[p], [unpacked_name(rows[n]) for n in sorted(pool.names[p]) if n in rows])
            for p in changed.places
            if p in places
        ]

    def warm_up(self, limit: int | None = None, *, chunk: int = WARM_UP_CHUNK) -> int:
        """Keep the rows of the index's warmest names now, before queries ask for them; return how many were kept.

        Up to ``limit`` names, and no more than the resolver keeps (``kept_name_rows``), from the
        index's list of the names queries likely ask for (:mod:`toponym_server.index.warmth`;
        none from a format-10 file). A fresh resolver otherwise reads about half the rows its
        first few thousand names ask for (BENCHMARKS.md, twentieth session). The rows are read
        ``chunk`` at a time, each in a turn of its own, so a query meanwhile waits for one chunk
        at most; the coldest come first, so the warmest are the last the store lets go. The
        names of the first-level admin divisions, which answers carry, are kept first (a few
        thousand, one read). No answer changes: a kept row is the row the index holds.
        """
        with self.index.turn():
            self._admin_names.update(self.index.admin1_names())
        capacity = self._name_rows.capacity
        wanted = capacity if limit is None else min(limit, capacity)
        ids = self.index.warm_name_ids(wanted)
        kept = 0
        for part in warm_up_chunks(ids, chunk):
            with self.index.turn():
                kept += len(self._name_rows_of(part))
        return kept

    def get_place(self, geoname_id: int, language: str = "") -> PlaceDetails | None:
        """Return the place with this ID and all its names, or ``None`` if the index lacks it."""
        with self.index.turn():
            place = self.index.places_by_id([geoname_id]).get(geoname_id)
            if place is None:
                return None
            return PlaceDetails(
                place=place,
                kind=kind_of_feature(place.feature_class, place.feature_code),
                admin1_name=self._admin1_name(place),
                localized_name=self.index.localized_name(place.geoname_id, language) if language else "",
                names=tuple(self.index.names_of_place(geoname_id)),
                related=self._related(geoname_id),
            )

    def _related(self, place_id: int) -> tuple[RelatedPlace, ...]:
        return self._related_of([place_id])[place_id]

    def _related_of(self, place_ids: Sequence[int]) -> dict[int, tuple[RelatedPlace, ...]]:
        """The related places of each of ``place_ids`` (most have none), those not kept read in one go, then kept."""
        found: dict[int, tuple[RelatedPlace, ...]] = {}
        missing: list[int] = []
        for place_id in place_ids:
            kept = self._related_kept.get(place_id)
            if kept is None:
                missing.append(place_id)
            else:
                found[place_id] = related_from(kept)
        if not missing:
            return found
        links = self.index.related_of(missing)
        places = self.index.places_by_id(sorted({link.related_id for own in links.values() for link in own}))
        fresh: list[tuple[int, tuple[Any, ...]]] = []
        for place_id in missing:
            related = tuple(
                RelatedPlace(places[link.related_id], link.relation, link.distance_km, link.curated)
                for link in links.get(place_id, ())
                if link.related_id in places
            )
            fresh.append((place_id, kept_related(related) if related else ()))
            found[place_id] = related
        self._related_kept.keep_all(fresh)
        return found

    def _rank(
        self, query: Query, context: Sequence[ContextPoint], weights: ContextWeights | None = None
    ) -> list[Ranked]:
        """Rank the candidates of ``query``; a context re-ranks the query's kept lone ranking."""
        kept, ranked = self._kept_ranking(query, _ranked_depth(query, bool(context)))
        if not context:
            return ranked if ranked is not None else kept.candidates()
        vectors = np.array([self._point_vector(point) for point in context])
        weights = weights or context_weights(context, vectors)
        divisions = self._divisions_of(kept, context)
        within, pulling = kept.within(context, max(query.limit, RIVALS), vectors, weights, divisions)
        return with_context(within, pulling, evidence=not confines(query.hints), weights=weights, divisions=divisions)

    def _divisions_of(self, kept: KeptRanking, context: Sequence[ContextPoint]) -> dict[int, str] | None:
        """The first-level division codes of ``kept``'s candidates, by place ID, where a division may hold some.

        ``None`` unless ``context`` says which divisions its places lie in and either names a
        division or ``kept`` holds one (:func:`~toponym_server.matching.ranking.context_geometry`):
        the place rows are read only then (:func:`~toponym_server.matching.ranking.named_division`:
        a country it names is none, nor a division of no known code). A division that holds a candidate named exactly as
        the query (Potosí, the department, holds Potosí, the city) is left out: a list of its
        towns means the city, and the department is no nearer to them than the city is.
        """
        if not any(point_division(point)[0] for point in context):
            return None
        places = kept.places()
        if not any(map(named_division, context)) and not any(code in FIRST_LEVEL_DIVISIONS for _, code, _ in places):
            return None
        # In a turn, as every read of the index (a glance at the leaders in context is in none).
        with self.index.turn():
            rows = self._place_rows_of([place_id for place_id, _, _ in places])
        lies_in = {place_id: (row.country_code, row.admin1_code) for place_id, row in rows.items()}
        found = [(p, code in FIRST_LEVEL_DIVISIONS, similarity) for p, code, similarity in places if p in lies_in]
        named_so = {lies_in[p] for p, division, similarity in found if not division and similarity >= 1.0}
        holding = {p for p, division, _ in found if division and lies_in[p] in named_so}
        return {p: lies_in[p][1] for p, _, _ in found if p not in holding}

    def _kept_ranking(self, query: Query, depth: int) -> tuple[KeptRanking, list[Ranked] | None]:
        """The kept lone ranking of ``query``, ``depth`` deep, and the ranking itself if it was made (and kept) now."""
        key = _ranking_key(query, depth)
        kept = self._rankings.get(key)
        if kept is not None:
            return kept, None
        # Past the most any answer holds (50) a candidate could only reach an answer by
        # overtaking a dozen others on the context's pull alone: it is not kept.
        ranked = self._rank_alone(query, depth)[:RANKING_DEPTH]
        kept = KeptRanking(ranked)
        self._rankings.put(key, kept)
        return kept, ranked

    def _point_vector(self, point: ContextPoint) -> tuple[float, float, float]:
        """A context point's unit vector, kept: a document's points are the context of each of its names."""
        vector = self._point_vectors.get(point)
        if vector is None:
            if len(self._point_vectors) >= _PLACE_ROWS_KEPT:
                self._point_vectors.clear()
            lat, lon = math.radians(point[0]), math.radians(point[1])
            vector = self._point_vectors[point] = (
                math.cos(lat) * math.cos(lon),
                math.cos(lat) * math.sin(lon),
                math.sin(lat),
            )
        return vector

    def _strong_candidates(self, query: Query) -> tuple[Normalized, QueryKeys, _CandidatePool] | None:
        """The query's views, its keys and the pool its strong (exact, phonetic, skeleton) keys reach.

        ``None`` when the query folds to nothing.
        """
        started = self._exact_candidates(query)
        if started is None:
            return None
        normalized, pool = started
        keys = query_keys(normalized)
        self._collect_near(normalized, keys, pool, query.hints)
        return normalized, keys, pool

    def _exact_candidates(self, query: Query) -> tuple[Normalized, _CandidatePool] | None:
        """The query's views and the pool its exact key reaches; ``None`` when it folds to nothing.

        The other keys are worked out only if the exact key's places do not answer the query.
        """
        normalized = normalize(query.name)
        if not normalized.folded:
            return None
        pool = _CandidatePool()
        countries = sorted(query.hints.countries)
        keys = exact_keys(normalized)
        self._collect(keys[:1], _LIMITS["exact"], pool, countries)
        if len(keys) > 1 and not pool.names:
            # Nothing is named as written: the places named as the name the query describes.
            self._collect(keys[1:], _LIMITS["exact"], pool, countries)
        return normalized, pool

    def _collect_near(self, normalized: Normalized, keys: QueryKeys, pool: _CandidatePool, hints: Hints) -> None:
        """Add what the phonetic and skeleton keys reach; in the hinted countries, or a bare abjad name's, too.

        A bare name in Arabic or Hebrew script is looked up in the countries that write it as in
        hinted ones (:func:`~toponym_server.matching.ranking.script_countries`): its vowelless
        keys are shared worldwide, and a village whose own name GeoNames lacks lies deep in them.
        """
        countries = sorted(hints.countries) or sorted(script_countries(normalized))
        self._collect(keys.phonetic, _LIMITS["phonetic"], pool, countries)
        self._collect(keys.skeleton, _LIMITS["skeleton"], pool, countries)

    def _collect_broad(self, keys: QueryKeys, pool: _CandidatePool, hints: Hints, *, led: bool = False) -> None:
        """Add what the partial and fuzzy keys reach; behind a leader (``led``), fewer postings of each.

        See :data:`LED_BROAD_POSTINGS`; a query with hinted countries looks up as many as any.
        """
        countries = sorted(hints.countries)
        few = led and not countries
        self._collect(keys.partial, LED_BROAD_POSTINGS if few else _LIMITS["partial"], pool, countries)
        self._collect(keys.fuzzy, LED_BROAD_POSTINGS if few else _LIMITS["fuzzy"], pool, countries)

    def _rank_alone(self, query: Query, depth: int) -> list[Ranked]:
        # Threads rank in turn, reading through the index's one map of the file: see
        # IndexReader.turn, and turns.py for what contending for the interpreter costs.
        with self.index.turn():
            return self._rank_alone_in_turn(query, depth)

    def _rank_alone_in_turn(self, query: Query, depth: int) -> list[Ranked]:
        started = self._exact_candidates(query)
        if started is None:
            return []
        normalized, pool = started
        scored: dict[int, Ranked] = {}
        if _may_stop_at_its_name(query):
            scored = self._score(normalized, pool, query.hints, scored, shortlist_size=depth)
            if _answered_exactly(scored.values(), query.hints):
                return sorted(scored.values(), key=lambda r: r.score, reverse=True)
        keys = query_keys(normalized)
        self._collect_near(normalized, keys, pool, query.hints)
        scored = self._score(normalized, pool, query.hints, scored, shortlist_size=depth)
        leaders = sorted(scored.values(), key=lambda r: r.score, reverse=True)[:RIVALS]
        broad = _broad_stage(leaders)
        if broad is not None:
            self._collect_broad(keys, pool, query.hints, led=broad.led)
            scored = self._score(normalized, pool, query.hints, scored, shortlist_size=broad.shortlist)
        return sorted(scored.values(), key=lambda r: r.score, reverse=True)

    def _collect(self, keys: Sequence[str], limit: int, pool: _CandidatePool, countries: Sequence[str]) -> None:
        """Add the postings under ``keys``; with hinted countries, also the best ones inside them.

        A small place in a hinted country may sit below the limit among prominent namesakes
        elsewhere, so hinted countries get a lookup of their own.
        """
        for key in keys:
            if countries:
                plain, in_countries = self.index.lookup_with_countries(key, countries, limit)
                pool.add(plain)
                pool.add(in_countries)
            else:
                pool.add(self.index.lookup(key, limit))

    def _score(
        self,
        normalized: Normalized,
        pool: _CandidatePool,
        hints: Hints,
        scored: dict[int, Ranked],
        *,
        shortlist_size: int = 0,
    ) -> dict[int, Ranked]:
        """Rank the places that gained names since the last call and merge them into ``scored``.

        With ``shortlist_size``, places not ranked before are first cut to that many by
        :func:`~toponym_server.matching.ranking.shortlist`; the places an earlier shortlist left
        out compete again, so a stage that ranks few places loses none for good to the next.
        """
        changed = pool.take_changes()
        if not changed.places and not (shortlist_size and pool.cut):
            return scored
        # Names arrive in ascending ID order, as the index returns them; ranking breaks ties by that order.
        rows = self._name_rows_of(changed.new_names)
        hits = [unpacked_name(rows[name_id]) for name_id in sorted(rows)]
        if hints.language:
            hits = self._in_language(hits, normalized, hints.language.split("-")[0].lower())
        pool_hits, pool_facts = pool.hits, pool.facts
        for name in hits:
            place_id = name.place_id
            names = pool_hits.get(place_id)
            if names is None:
                names = pool_hits[place_id] = []
                if place_id not in pool_facts:
                    pool_facts[place_id] = _facts(rows[name.name_id])
            names.append(name)
        candidates = [(pool.facts[p], pool.hits[p]) for p in changed.places if p in pool.facts and p in pool.hits]
        if shortlist_size:
            again = [c for c in candidates if c[0].place_id in scored]
            new = [c for c in candidates if c[0].place_id not in scored]
            arrived = set(changed.places)
            new += [(pool.facts[p], pool.hits[p]) for p in pool.cut if p not in arrived]
            chosen = shortlist(normalized, new, hints, shortlist_size)
            taken = set(chosen)
            pool.cut = [place.place_id for i, (place, _) in enumerate(new) if i not in taken]
            candidates = again + [new[i] for i in chosen]
        merged = dict(scored)
        namesakes = Namesakes.of((item.place, item.similarity, item.view, item.matched) for item in scored.values())
        for item in rank(normalized, candidates, hints, namesakes=namesakes, people=self._people):
            merged[item.place.place_id] = item
        return merged

    def _in_language(self, names: list[NameRow], query: Normalized, language: str) -> list[NameRow]:
        """``names``, each spelt as ``query`` that its place also bears so in ``language`` under that name's tag.

        A place's names folded alike reach ranking as one, the lowest ID, whatever its tag
        (:meth:`IndexReader.names_in_language`): El Salvador's untagged *Salvador* stands for
        its French one, so a French caller's *Salvador* would not count as French. Only a
        name written in the query's script counts (*Сальвадор* for a Russian caller's
        *Сальвадор*, not for a Russian caller's *Salvador*), and only names folded as the query
        are looked up: a spelling the query only comes near is no name the caller wrote.
        """
        script = query.script or "LATIN"
        others = [
            (name.place_id, name.folded)
            for name in names
            if name.folded == query.folded and name.lang.split("-")[0].lower() != language
        ]
        found: dict[tuple[int, str], str] = {}
        for place_id, folded, lang, text in self.index.names_in_language(others, language):
            if script_of(text) == script:
                found.setdefault((place_id, folded), lang)
        if not found:
            return names
        return [
            name._replace(lang=found[key]) if (key := (name.place_id, name.folded)) in found else name for name in names
        ]

    def _name_rows_of(self, name_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """These names' rows, each with its place's ranking facts, read once and then kept; unknown IDs are absent.

        A row is the compact plain tuple the index returns
        (:meth:`IndexReader.names_with_place_facts`): :func:`unpacked_name` and :func:`_facts`
        make its name and its place's facts.
        """
        return _kept_rows(name_ids, self._name_rows, self._read_name_rows)

    def _read_name_rows(self, name_ids: list[int]) -> Iterator[tuple[int, tuple[Any, ...]]]:
        return ((row[0], row) for row in self.index.names_with_place_facts(name_ids))

    def _place_rows_of(self, place_ids: Sequence[int]) -> dict[int, PlaceRow]:
        """The rows of these places, read once and then kept; unknown IDs are absent."""
        return {place_id: tuple.__new__(PlaceRow, row) for place_id, row in self._kept_places(place_ids).items()}

    def _kept_places(self, place_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        def read(missing: list[int]) -> Iterator[tuple[int, tuple[Any, ...]]]:
            return ((row[0], row) for row in self.index.place_fields_by_id(missing))

        return _kept_rows(place_ids, self._place_rows, read)

    def _admin1_name(self, place: PlaceRow) -> str:
        if not place.admin1_code:
            return ""
        code = f"{place.country_code}.{place.admin1_code}"
        name = self._admin_names.get(code)
        if name is None:
            name = self._admin_names[code] = self.index.admin_name(code)
        return name

    def _candidates(self, chosen: Sequence[tuple[Ranked, float]], language: str) -> list[Candidate]:
        """The answers for ranked candidates and their confidences, their places' rows and links read together."""
        place_ids = [item.place.place_id for item, _ in chosen]
        places = self._place_rows_of(place_ids)
        related = self._related_of(place_ids)
        answers: list[Candidate] = []
        for item, confidence in chosen:
            place = places[item.place.place_id]
            answers.append(
                Candidate(
                    place=place,
                    kind=kind_of_feature(place.feature_class, place.feature_code),
                    admin1_name=self._admin1_name(place),
                    localized_name=self.index.localized_name(place.geoname_id, language) if language else "",
                    confidence=round(confidence, 4),
                    match_kind=item.match_kind,
                    matched_name=item.matched.text,
                    explanation=explanation_prefix(item.matched.text, item.match_kind) + "; ".join(item.reasons),
                    related=related[place.geoname_id],
                )
            )
        return answers
