"""Resolve every place a document mentions, together, so that they form one coherent geography."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TypeGuard

from rapidfuzz import fuzz

from toponym_server.index.reader import IndexReader, PlaceRow
from toponym_server.matching.features import Kind
from toponym_server.matching.generic_words import kind_of
from toponym_server.matching.keys import exact_key, naming_keys
from toponym_server.matching.local_script import script_of
from toponym_server.matching.normalize import ARTICLES as NAME_ARTICLES
from toponym_server.matching.normalize import normalize
from toponym_server.matching.ranking import ContextWeights, Hints, distance_km, named_division
from toponym_server.matching.script import has_arabic
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import (
    Candidate,
    Query,
    Resolver,
    contexts_for,
    contexts_within,
    in_document,
    settle_in_context,
)
from toponym_server.resolver.answers import MET_WHOLE
from toponym_server.resolver.cache import LruCache
from toponym_server.resolver.context import SETTLED_CONFIDENCE, Point, Points, document_weights
from toponym_server.resolver.qualified import AREA_CHOICES, AREA_KINDS, AnsweredWithin, Area, as_asked
from toponym_server.text.cues import (
    FACILITY_WORDS,
    GIVEN_NAMES_OF_PLACES,
    LANDFORM_WORDS,
    LIST_SEPARATORS,
    NAME_PART_WORDS,
    NOUNS_NAMED_AS_PLACES,
    ORGANISATION_WORDS,
    PERSON_TITLES,
    POSSESSIVES,
)
from toponym_server.text.demonyms import country_before
from toponym_server.text.demonyms_arabic import an_arabic_countrys_adjective, arabic_country_after
from toponym_server.text.demonyms_romance import romance_country_after
from toponym_server.text.finder import Span, find_spans, spelled_out, without_division_word

DEFAULT_MIN_CONFIDENCE = 0.5
_DIVISIONS = Hints(kinds=frozenset({Kind.ADMIN_AREA}))
_ANY_AREA = 0
"""What a name after a place and a comma may be when it means an area alone: any area of that name."""
NO_CUE_CONFIDENCE = 0.65
GREAT_DIVISION = 1_000_000
"""A first-level division this populous, sure alone, is no small town the document's places pull its name to."""
SURE_DIVISION = 0.8
"""How sure alone such a division must be (*England*: 0.86)."""
CUED_CITY_SHARE = 0.8
"""What share of the confidence asked a city of :data:`PROMINENT_POPULATION` people needs after a place's preposition.

Spelt as written, it is the place meant though namesakes share its name (*in Geneva*: Geneva at
0.43, beside a dozen towns of the US; *in Frankfurt*)."""
PROMINENT_POPULATION = 100_000
CODE_CITY_POPULATION = 1_000_000
"""A span matched only through a code (an abbreviation or an airport's code) is a mention of a city this large.

Or of a country, a first-level division or a capital. News acronyms meet airports' codes:
*SDF* (the Syrian Democratic Forces) is Louisville's, *YPG* Portage la Prairie's, *PKK*
Pakokku's.
"""
AMONG_KM = 200.0
"""A namesake of a capital this close to two of a document's other places is the one the document means.

So is one this close to a place listed beside the capital's name (*Tripoli and Sidon*), unless
that place is a city of :data:`GREAT_CITY` people that is not its country's capital: a great
city listed beside a capital's name pairs with the capital (*flights between London and
Toronto*), its own country's capital with the namesake (*Beirut and Tripoli*).
"""
_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
GREAT_CITY = 1_000_000
PAIR_CONFIDENCE = 0.5
"""A span and the area after it (*Paris, Texas*) are a place and its area only if the place is this likely there."""
_KNOWN_CACHE = 100_000
_WRITTEN_POSTINGS = 64
_LATIN = "LATIN"

_ALEF, _HEH = "\u0627", "\u0647"
_ARABIC_SPELLING_VARIANTS = str.maketrans(
    {"أ": _ALEF, "إ": _ALEF, "آ": _ALEF, "ٱ": _ALEF, "ة": _HEH, "ى": "ي", "ؤ": "و", "ئ": "ي"}
    | {"ء": None}
)


def _marked_letters(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each Arabic letter of ``text`` with the marks written on it (vowels, *shadda*), no tatweel or spaces."""
    letters: list[tuple[str, set[str]]] = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.combining(c):
            if letters:
                letters[-1][1].add(c)
        elif c not in " \u0640":
            letters.append((c, set()))
    return [(letter, frozenset(marks)) for letter, marks in letters]


def _marks_agree(written: list[tuple[str, frozenset[str]]], stored: str) -> bool:
    """Tell whether a name written with marks may be ``stored``: its letters, each marked at least as written."""
    spelling = _marked_letters(stored)
    return len(spelling) == len(written) and all(
        letter == other and marks <= its for (letter, marks), (other, its) in zip(written, spelling, strict=True)
    )


def arabic_letters(text: str) -> str:
    """The letters of ``text`` as Arabic writers vary them: no vowel marks, spaces or tatweel, one alef.

    A hamza's seat and a final *ة* or *ى* are spelling variants of one name (*الحسكة*, *الحسكه*); a
    different consonant is another word, which the folded, transliterated form does not tell (*عمل*,
    work, and *آمل*, Amol, both fold to *aml*), and so is a Persian letter (*لیبی* is Libya in
    Persian, *ليبي* Libyan in Arabic).
    """
    kept = (c for c in unicodedata.normalize("NFC", text) if not unicodedata.combining(c) and c not in " \u0640")
    return "".join(kept).translate(_ARABIC_SPELLING_VARIANTS)


_COMMAS = frozenset({",", "\u060c"})  # the Latin and the Arabic comma
_QUOTE_PAIRS = frozenset(
    {("\u00ab", "\u00bb"), ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u201e", "\u201d"), ('"', '"')}
    | {("\u2039", "\u203a"), ("\u300c", "\u300d")}
)
"""Opening and closing quotation marks: guillemets, curly, low-high and straight double quotes, corner brackets."""
_FEASTS_OF_PLACES = frozenset({"natal"})
"""Feasts whose names are cities' too: *Natal* is Christmas in Portuguese, and a Brazilian state capital."""
_ARTICLE_BEFORE_A_FEAST = re.compile(
    r"(?:^|[\s(«\"'])(?:no|o|do|ao|pelo|neste|deste|este|próximo|último|primeiro)[ \u00a0]+\Z", re.IGNORECASE
)
"""A Portuguese article, alone or joined to a preposition (*no*, *do*), or a word that takes a feast's
name after it (*próximo*), right before a span."""
_IL = re.compile(r"(?:^|\s)[Ii]l\s+\Z")
"""The Italian article *il* right before a span."""
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w'\u2019-]*)")
_A = re.compile(r"(?:^|[\s(«\"'\u2019])[àÀ][ \u00a0]+\Z")
"""The French *à* (*to*, *in*) right before a span."""
_AU = re.compile(r"(?:^|[\s(«\"'\u2019])(?:[aA]ux?|[lL]e|[dD]u)[ \u00a0]+\Z")
"""The French *au* or *aux* (*to the*, *in the*), or *le* or *du* (*the*, *of the*), right before a span."""
_TOWNS_WORD_BEFORE = re.compile(
    r"\b(?:the|la|a|die|der)[ \u00a0]+(?:(?:city|town) of|ville d(?:e |['\u2019])|ciudad de|città di|cidade de|Stadt)"
    r"[ \u00a0]*\Z"
    r"|(?:^|[\s(])[وفبل]{0,2}مدينة[ \u00a0]+\Z",
    re.IGNORECASE,
)
"""A town's word and its article right before a span: *the city of*, *la ville de*, *la ciudad de*, *die Stadt*,
*مدينة* (behind its proclitics too: *بمدينة*); not *the second city of*."""
_COUNTRYS_WORD_BEFORE = re.compile(
    r"(?:^|\s)(?:[وب]?(?:سلطنة|مملكة|دولة|إمارة|جمهورية)|(?:[Ss]ultanate|[Kk]ingdom|[Ee]mirate|[Rr]epublic) of)"
    r"[ \u00a0]+\Z"
)
"""A state's word right before a span (*سلطنة*, *the Sultanate of*): the country of that name."""
_CAPITAL_AFTER = re.compile(r"[ \u00a0]+العاصمة\b")
"""The Arabic *the capital* right after a name: the city, not the country of its name (*الجزائر العاصمة*)."""
_AGENCY_IN_SLASHES = r"[ \u00a0]*\.?[ \u00a0]*/[^/\n]{1,30}/"
"""An agency's name between slashes after a dateline's date, as TASS writes it (*МАГАДАН, 26 марта. /TASS/.*)."""
_DATELINE_AFTER = re.compile(
    r"(?:[ \u00a0]*,[ \u00a0]*[^()\n,]{0,20}\d[^()\n,]{0,12}?)?"  # its date
    rf"(?:[ \u00a0]*(?:\([^()\n]{{1,30}}\)[ \u00a0]*\.?[ \u00a0]*)?[-\u2013\u2014]|{_AGENCY_IN_SLASHES})"
)
"""What follows a dateline's place: its date, if any, an agency's name in brackets, if any, and a dash
(*TUNIS (AFP) -*, *KOWEÏT, 27 mai (AFP) -*, *PANAMÁ, 29 abr (AFP).-*), or its date and an agency's name
between slashes (*МАГАДАН, 26 марта. /TASS/.*)."""
_AGENCY_OPENING = re.compile(r"[ \t\u00a0]*\([^()\n]{1,30}\)[ \u00a0]*[-\u2013\u2014][ \u00a0]*")
"""An agency's name in brackets and a dash opening a paragraph, before its dateline (*(ANSA) - CAMERINO, 14 GEN -*)."""
_AGENCY_AFTER = re.compile(
    r"(?:[ \u00a0]*,[^()\n,]{1,33})?"
    rf"(?:[ \u00a0]*\([^()\n]{{1,30}}\)[ \u00a0]*\.?[ \u00a0]*[-\u2013\u2014]|{_AGENCY_IN_SLASHES})"
)
"""An agency's name after a dateline's place: in brackets and a dash (*Feldkirch (APA) -*), or between
slashes after a date (*Магадан, 26 марта. /TASS/.*)."""
_EN_OR_DANS = re.compile(r"(?:^|[\s(«\"'\u2019])(?:[eE]n|[dD]ans (?:le|la|les|l['\u2019]))[ \u00a0]*\Z")
"""The French *en* or *dans le* (*in*) right before a span: before a region or a department, not a town."""
_FRENCH_WORDS = frozenset({"à", "et", "les", "des", "du", "au", "aux", "est", "une", "dans", "avec", "sur", "été"})
"""Words of French that Spanish never writes, which writes *en* before a town too."""
_FRENCH_REACH = 160
"""How many characters before a span are looked at for :data:`_FRENCH_WORDS`."""
_IN_AN_AREA = frozenset(
    {"in", "in the", "en", "au", "aux", "dans", "in der", "in den", "im", "en el", "en la", "в", "في"}
    | {"em", "no", "na", "nel", "nella"}
)
_WITHIN = frozenset(
    _IN_AN_AREA
    | {f", {words}" for words in _IN_AN_AREA}
    | {f", {words}" for words in ("the capital of", "capital of", "a city in", "a town in", "a village in")}
    | {f", {article}capitale {of}" for article in ("", "la ") for of in ("du", "de", "de la", "des")}
    | {f", {article}hauptstadt {of}" for article in ("", "die ", "der ") for of in ("von", "des", "der")}
    | {f", {article}capital {of}" for article in ("", "la ", "a ") for of in ("de", "del", "do", "da", "dos", "das")}
    | {
        f", {article}{word} {of}"
        for article in ("", "la ", "il ")
        for word in ("capitale", "capoluogo")
        for of in ("di", "del", "della", "dell'")
    }
)
"""What stands between a place and the area it lies in, as *in* (*Valence en Espagne*, *Tripoli in Lebanon*,
*Belém, na Cisjordânia*, *Georgia, in the US*) or an apposition (*Hyderabad, the capital of Telangana*,
*Nellore, a town in Andhra Pradesh*; *Vitória, capital do Espírito Santo*, *Bari, capoluogo della Puglia*)."""
_IN_A_DIVISION = re.compile(
    r"(?:, )?(?:in|im|dans|en|em|no|na|nel|nella|in der) (?:the |l['\u2019]|le |la |el |o |a |der |dem )?"
    r"(?:[^\W\d_]+[ -]){0,2}?"
    r"(?:state|province|region|district|county|governorate|prefecture|territory|oblast|état|région|"
    r"département|estado|provincia|región|departamento|stato|regione|provincia|bundesstaat|bundesland|"
    r"provinz|kanton|canton)"
    r"(?: (?:of|du|de|de la|des|del|do|da|della|di))?"
)
"""*in* and a kind of division between a place and its area, as wire copy writes it (*Paris in the
US state of Texas*, *Hyderabad, in the southern Indian state of Telangana*, *Paris im
US-Bundesstaat Texas*, *Paris, dans l'État du Texas*)."""
_IN_A_PART_OF = re.compile(
    r"(?:, )?(?:"
    r"in (?:the )?(?:(?:north|south)(?:-?(?:east|west))?|east|west|centre|center)(?:ern)? (?:part )?(?:of )?(?:the )?"
    r"|in central |in the (?:north|south|east|west|centre|center) of (?:the )?"
    r"|في (?:شمال|جنوب|شرق|غرب|وسط|شمالي|جنوبي|شرقي|غربي) "
    r"|(?:dans le|au) (?:nord|sud|centre)(?:-(?:est|ouest))? (?:du |de la |de l['\u2019] ?|de |des )"
    r"|(?:à|dans) l['\u2019](?:est|ouest) (?:du |de la |de l['\u2019] ?|de |des )"
    r"|im (?:norden|süden|osten|westen|nordosten|nordwesten|südosten|südwesten) (?:von |des |der )?"
    r"|en el (?:norte|sur|este|oeste|centro) (?:de |del )"
    r"|no (?:norte|sul|leste|oeste|centro) (?:do |da |de )"
    r"|nel (?:nord|sud|centro)(?:-?est|-?ovest)? (?:del |della |dell['\u2019] ?|di )"
    r")"
)
"""*in* and a part of the area between a place and it (*Tripoli in northern Lebanon*, *طرابلس في شمال لبنان*,
*Kidal, dans le nord du Mali*, *Mosul im Norden des Irak*)."""
_DIRECTIONS = r"(?:north|south|east|west)(?:-?(?:east|west))?"
_DIRECTION_OF = re.compile(
    r", (?:about |some |just |roughly )?(?:\d[\d,.]* ?(?:km|kilometres|kilometers|miles|mi) )?"
    rf"(?:{_DIRECTIONS} of|near|outside|au (?:nord|sud)(?:-(?:est|ouest))? de|à l['\u2019](?:est|ouest) de|près de|"
    r"al (?:norte|sur|este|oeste) de|cerca de|(?:nördlich|südlich|östlich|westlich) von|bei)"
)
"""What stands between a place and another it lies near, as wire copy writes it (*, north of*, *, 20 km
south of*, *, near*, *, au sud de*, *, al norte de*, *, nördlich von*)."""
NEAR_PAIR_KM = 500.0
"""A place written with a direction from another (*Tripoli, north of Beirut*) lies this near it at most."""
_STATES_WORD_BEFORE = re.compile(r"(?:[ÉéEe]tat|[Ss]taat|[Bb]undesstaat)(?: de| du| des)?(?: | d['\u2019])\Z")
"""A French or German state's word, and its link, right before a name (*l'État du*, *im Staat*)."""
_STATES_WORD_REACH = 20
_DIVISIONS_WORD_AND_OF = re.compile(
    r"\b(?:province|governorate|prefecture|department|district|oblast)[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?\Z"
)
"""An English division's word in lower case and *of* right before a name (*the province of Cotabato*)."""
_DIVISIONS_WORD_REACH = 28
_STATES = frozenset({Kind.ADMIN_AREA, Kind.COUNTRY})
_LEVELS = {"ADM1": "first-level", "ADM2": "second-level"}
_STATE_CODES = frozenset({"PPLC", "PCLI", "PCLD", "PCLS", "PCLF", "PCL"})
_DIVISION = frozenset({Kind.ADMIN_AREA})
PARAGRAPH_KM = 2_500.0
"""A paragraph's reading of a name in none of its places' countries is taken only this near one of them,
and only where the whole text's reading lies farther from them all (*Barcelona* beside *Frankfurt*
and *Munich*, in a text that is otherwise about Latin America)."""
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
"""A line with nothing but spaces on it: what parts a text's paragraphs."""
_CODE_AFTER = re.compile(
    r"[ \t]*,[ \t]*([A-Z]{2,3}\b|(?:[A-Z][a-z]{0,4}\.){1,3})"
    # or in brackets, as Brazil's press writes a town's state (*Santa Maria (RS)*)
    r"|[ \t]*\([ \t]*([A-Z]{2,3}|(?:[A-Z][a-z]{0,4}\.){1,3})[ \t]*\)"
    # or after a space, as Switzerland writes a town's canton (*Rheinfelden AG*, *Wil SG*)
    r"|[ \t]+([A-Z]{2})\b(?![\w'\u2019-])"
)
"""A state's code after a town's name, as addresses write it (*, OR*), or its abbreviation (*, Ore.*)."""
_TOWN_AND_CODE = re.compile(r"(?P<town>.+?)[ \u00a0](?P<code>[A-Z]{2})")
"""A town's name and its canton's code after a space, as one name (*Wil SG*)."""


@dataclass(frozen=True, slots=True)
class _Reachable:
    """What the places that may be a name's best answer in a document have, any of them."""

    prominent: bool
    """One is an area or a place of :data:`PROMINENT_POPULATION` people."""
    area: bool
    """One is an area."""
    spelled: bool
    """One has the name it was matched by spelt like the span (see ``TextResolver._spelled_as``)."""
    major: bool = False
    """One is a country, a first-level division or a city of :data:`PROMINENT_POPULATION` people."""


@dataclass(frozen=True, slots=True)
class _StateCode:
    """A state's code written after a town, as an address writes it (*Ill.* in *Springfield, Ill.*)."""

    start: int
    end: int
    area_id: int
    """The GeoNames ID of the first-level division it names."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text: where it is, and the places it may name, best first."""

    text: str
    start: int
    """Offset of the first character (a Python string index: Unicode code points)."""
    end: int
    """Offset just past the last character."""
    candidates: tuple[Candidate, ...]
    confidence: float
    """The best candidate's confidence that this is the place meant."""


class TextResolver:
    """Finds place mentions in text and resolves them jointly, on one resolver and its index.

    Its own index reads take a turn of the index, as the resolver's do (:meth:`IndexReader.turn`).
    """

    def __init__(self, resolver: Resolver, index: IndexReader) -> None:
        self.resolver = resolver
        self.index = index
        self._known: LruCache[str, bool] = LruCache(_KNOWN_CACHE)
        # Whether a span is spelt like its best place's name, by (span, place, matched name).
        self._spelled: LruCache[tuple[str, int, str], bool] = LruCache(_KNOWN_CACHE)
        self._written: LruCache[str, bool] = LruCache(_KNOWN_CACHE)
        self._arabic: LruCache[int, frozenset[str]] = LruCache(_KNOWN_CACHE)
        self._populations: LruCache[int, int] = LruCache(_KNOWN_CACHE)

    def knows(self, text: str) -> bool:
        """Tell whether the gazetteer has a name under the exact or a phonetic key of ``text``."""
        known = self._known.get(text)
        if known is not None:
            return known
        normalized = normalize(text)
        known = False
        if normalized.folded:
            with self.index.turn():
                known = any(self.index.lookup(key, 1) for key in naming_keys(normalized))
        self._known.put(text, known)
        return known

    def may_be_spelled_as_written(self, text: str) -> bool:
        """Tell whether a span in a script without capitals may be spelt like its best place's name.

        Such a span is a mention only then (see :func:`_accept`). A place with a name spelt like
        it is stored under the span's exact key: when no place there has such a name (written
        in Arabic script, for an Arabic span), no answer can make the span a mention, so it is
        not resolved. A key with more places than are read here counts as possible.
        """
        possible = self._written.get(text)
        if possible is not None:
            return possible
        normalized = normalize(text)
        with self.index.turn():
            postings = self.index.lookup(exact_key(normalized), _WRITTEN_POSTINGS) if normalized.folded else []
        if len(postings) >= _WRITTEN_POSTINGS:
            possible = True
        elif not has_arabic(text):
            # The key joins the words: *À Man* is under Aman's, *Le Togo* under Letogo's.
            joined = " " in normalized.folded
            possible = bool(postings) and (not joined or self._folded_as(postings, text, normalized.folded))
        else:
            letters = arabic_letters(text)
            possible = any(letters in self._arabic_spellings(place_id) for _, place_id in postings)
        self._written.put(text, possible)
        return possible

    def _folded_as(self, postings: Sequence[tuple[int, int]], text: str, folded: str) -> bool:
        """Tell whether a place of ``postings`` has a name folded as ``folded``, spaces and all.

        In the script of ``text`` or in Latin letters (*Харківська область*: *Kharkivska oblast*), not in
        one that folds by its sound (*阿曼*, Oman in Chinese, folds as *À Man*).
        """
        scripts = {script_of(text), _LATIN}
        with self.index.turn():
            return any(
                script_of(name) in scripts
                for _, place_id in postings
                for name, _ in self.index.names_folded_as(place_id, folded)
            )

    def _arabic_spellings(self, place_id: int) -> frozenset[str]:
        """The letters (see :func:`arabic_letters`) of a place's names written in Arabic script."""
        spellings = self._arabic.get(place_id)
        if spellings is None:
            with self.index.turn():
                names = self.index.names_of_place(place_id)
            spellings = frozenset(arabic_letters(n.text) for n in names if has_arabic(n.text))
            self._arabic.put(place_id, spellings)
        return spellings

    def _as_written(self, span: Span, answers: list[Candidate]) -> list[Candidate]:
        """``answers``, but a major place spelt as the span overtakes a leader it only sounds like.

        The document's places pull a near spelling of the span as they pull any candidate: *à
        Panama* in a French story gave Paris, whose Parisian name *Paname* it sounds like, over
        Panama, named so. A word written as a country, a first-level division or a city of
        :data:`PROMINENT_POPULATION` people is that place (at least as surely as the leader was),
        unless the leader is spelt as the span too.
        """
        if not answers:
            return answers
        if self._spelled_like(span.name, answers[0].place.geoname_id, answers[0].matched_name):
            return self._as_marked(span, self._as_written_exactly(span, answers))
        for place in answers[1:]:
            if _major(place) and self._spelled_like(span.name, place.place.geoname_id, place.matched_name):
                return _as_sure_as(answers[0].confidence, place, [c for c in answers if c is not place])
        return answers

    @staticmethod
    def _as_written_exactly(span: Span, answers: list[Candidate]) -> list[Candidate]:
        """``answers``, but a major place written letter for letter as a Cyrillic or Greek span leads.

        It overtakes a leader spelt like the span only once folded: folding drops what tells some
        names of these scripts apart (*Баку* is Baku's name, *Бакъу* Bacău's in Bulgarian). Latin
        names are left alone: the news drops their marks at will.
        """
        written = unicodedata.normalize("NFC", span.name).casefold()
        if not _CYRILLIC_OR_GREEK.search(written) or _exactly(written, answers[0].matched_name):
            return answers
        for place in answers[1:]:
            if _major(place) and _exactly(written, place.matched_name):
                return _as_sure_as(answers[0].confidence, place, [c for c in answers if c is not place])
        return answers

    def _as_marked(self, span: Span, answers: list[Candidate]) -> list[Candidate]:
        """``answers``, but a major place whose Arabic name bears the span's vowel marks leads.

        Arabic leaves out its short vowels and *shadda*, and a writer puts them in where a word is
        ambiguous without them: *عمّان* (with *shadda*) is Amman, *عُمان* Oman, which read alike
        unmarked. A leader with names written with marks, none of which bears the span's, yields to
        a major place with one that does.
        """
        if not answers or not has_arabic(span.name):
            return answers
        written = _marked_letters(span.name)
        if not any(marks for _, marks in written):
            return answers

        def marked(place_id: int) -> list[str]:
            with self.index.turn():
                names = self.index.names_of_place(place_id)
            return [n.text for n in names if has_arabic(n.text) and any(m for _, m in _marked_letters(n.text))]

        leaders = marked(answers[0].place.geoname_id)
        if not leaders or any(_marks_agree(written, name) for name in leaders):
            return answers
        for place in answers[1:]:
            if _major(place) and any(_marks_agree(written, name) for name in marked(place.place.geoname_id)):
                return _as_sure_as(answers[0].confidence, place, [c for c in answers if c is not place])
        return answers

    def _as_declined(
        self,
        spans: list[Span],
        of_span: list[list[Candidate]],
        fixed: set[int],
        hints: Hints,
        limit: int,
        proceed: Callable[[], None],
    ) -> None:
        """Make each span looked up as written that names no major place stand for its nominative's, if major.

        A Russian or Ukrainian word in a case may be written as some small place's name too
        (:attr:`~.finder.Span.declined`): *в Курске* is in Kursk, not in the village Kurskoye. So
        does a span whose place bears no name written as it, where the nominative's place does
        (:func:`_spelt_where_the_other_is_not`). ``spans`` and their answers ``of_span`` change in
        place, each span keeping its nominative, as the text's paragraphs answer it again; the
        spans at ``fixed`` (written with their area) keep theirs.
        """
        declined: dict[str, list[Candidate]] = {}
        for i, span in enumerate(spans):
            if not span.declined or i in fixed or (of_span[i] and _major(of_span[i][0])):
                continue
            if span.declined not in declined:
                proceed()
                query = in_document(Query(span.declined, hints, limit=limit, min_confidence=0.0))
                declined[span.declined] = self.resolver.resolve(query)
            answers = declined[span.declined]
            spelt = _spelt_where_the_other_is_not(answers, span.declined, of_span[i], span.text) if answers else False
            if answers and (_major(answers[0]) or spelt):
                spans[i] = replace(span, looked_up=span.declined)
                of_span[i] = answers

    def _as_the_words_before_say(
        self, text: str, span: Span, answers: list[Candidate], alone: list[Candidate]
    ) -> list[Candidate]:
        """``answers``, but as the words before the span say: a town after *à* or *the city of*, an area after *au*.

        French writes *à* before a town and *au* or *aux* (or *en*) before a country or a region, and
        names a country with its article, a town without: *à Québec* is the city, *au Québec* the
        province; *à Mexico* Mexico City, *à Luxembourg* the city, *au Luxembourg* the country, *le
        Koweït* the country. After *à* an area that leads yields to a town of its name inside it (its
        country, or its first-level division); after *au*, *aux*, *le* or *du* a town that leads yields
        to a country or first-level division of its name holding it. The place that
        takes the lead is among the answers, spelt like the span, and then at least as sure as
        the one it overtakes. A town's word before the span says a town as *à* does, in any of
        the languages read (*la ville de Québec*, *the city of Quebec*, *la ciudad de México*), as
        do a dateline (*TUNIS (Reuters) -*, in any dash) and the Arabic *the capital* after the
        name (*الجزائر العاصمة*, Algiers). A state's word says a country (*سلطنة عمان*, *the Kingdom
        of Jordan*), among ``answers`` or else among the answers of the name ``alone``: where the
        text named Amman first (*عمان الأردنية*), its reading of the name holds no Oman.
        """
        if not answers:
            return answers
        before = text[max(0, span.start - 16) : span.start]
        leader = answers[0]
        a_town = _A.search(before) or _TOWNS_WORD_BEFORE.search(before) or _CAPITAL_AFTER.match(text, span.end)
        if (a_town or _a_dateline(text, span)) and leader.place.feature_class == "A":
            wanted = [c for c in answers[1:] if c.place.feature_class == "P" and _inside(c, leader)]
        elif _COUNTRYS_WORD_BEFORE.search(before) and not leader.place.feature_code.startswith("PCL"):
            # *سلطنة عمان*, the Sultanate of Oman: the country, not Amman
            wanted = [c for c in _and_alone(answers, alone)[1:] if c.place.feature_code.startswith("PCL")]
        elif has_arabic(span.text) and leader.place.feature_code == "PPLC" and not (a_town or _a_dateline(text, span)):
            # *الحدود مع الجزائر*, the border with Algeria: Arabic names a country and its capital alike (*الجزائر*,
            # *تونس*, *الكويت*) and means the country, unless a town's word or *العاصمة* after it says the city
            wanted = [
                c
                for c in _and_alone(answers, alone)[1:]
                if c.place.feature_code.startswith("PCL") and c.place.country_code == leader.place.country_code
            ]
        elif _AU.search(before) and leader.place.feature_class == "P":
            wanted = [c for c in answers[1:] if _major_area(c) and _inside(leader, c)]
        elif _EN_OR_DANS.search(before) and leader.place.feature_class == "P" and _french_before(text, span.start):
            # *à Laval, en Mayenne*, *dans la Mayenne*: the department, not its town of Mayenne
            wanted = [c for c in answers[1:] if _department_or_more(c) and _inside(leader, c, by_department=True)]
        else:
            return answers
        for place in wanted:
            if self._spelled_like(span.name, place.place.geoname_id, place.matched_name):
                return _as_sure_as(leader.confidence, place, [c for c in answers if c is not place])
        return answers

    def _spelled_as(self, text: str, candidates: list[Candidate]) -> bool:
        """Tell whether the best candidate has a name spelt like ``text`` in the same script, once folded.

        A division word closing ``text`` is not part of the spelling (*the Afrin district* is Afrin).
        """
        if not candidates:
            return False
        best = candidates[0]
        if self._spelled_like(text, best.place.geoname_id, best.matched_name):
            return True
        head = without_division_word(text)
        return head is not None and self._spelled_like(head, best.place.geoname_id, best.matched_name)

    def _spelled_like(self, text: str, place_id: int, matched_name: str) -> bool:
        """Tell whether ``text`` is spelt like ``matched_name`` or, in Arabic script, like a name of the place."""
        key = (text, place_id, matched_name)
        spelled = self._spelled.get(key)
        if spelled is None:
            if _romanised(text, matched_name):
                spelled = False  # *Atalanta* is no spelling of Atlanta's, whose Greek name romanises so
            elif not has_arabic(text):
                spelled = normalize(matched_name).folded.replace(" ", "") == normalize(text).folded.replace(" ", "")
            else:
                spelled = arabic_letters(text) in self._arabic_spellings(place_id)
            self._spelled.put(key, spelled)
        return spelled

    def _leaders(self, query: Query, context: Points, weights: ContextWeights) -> _Reachable:
        """What the candidates that may lead ``query`` in ``context`` (as ``weights`` say) have, any of them."""
        leaders = self.resolver.leaders_in_context(query, context, weights)
        return _Reachable(
            prominent=any(
                r.place.feature_class == "A" or self._population(r.place.place_id) >= PROMINENT_POPULATION
                for r in leaders
            ),
            area=any(r.place.feature_class == "A" for r in leaders),
            spelled=any(self._spelled_like(query.name, r.place.place_id, r.matched.text) for r in leaders),
            major=any(
                _country_or_division(r.place.feature_code) or self._population(r.place.place_id) >= PROMINENT_POPULATION
                for r in leaders
            ),
        )

    def _population(self, place_id: int) -> int:
        """A place's population (kept); an unknown place counts as a large one."""
        population = self._populations.get(place_id)
        if population is None:
            with self.index.turn():
                place = self.index.places_by_id([place_id]).get(place_id)
            population = place.population if place is not None else PROMINENT_POPULATION
            self._populations.put(place_id, population)
        return population

    def _qualified_pairs(
        self,
        spans: list[Span],
        names: list[str],
        alone: list[list[Candidate]],
        text: str,
        hints: Hints,
        limit: int,
        proceed: Callable[[], None],
    ) -> dict[int, list[Candidate]]:
        """The answers of the ``spans`` written as a place and the area it lies in, by span.

        Of two spans with only a comma or an *in* between them, or the second in brackets (*Paris,
        Texas*, *حلب، سوريا*, *Valence en Espagne*, *Tripoli (Lebanon)*), whose second
        may mean an area alone (``alone``: the names' lone answers) or names a first-level division
        whole (:meth:`_area_it_may_name`: *Rochester, New York*), the first is a place named so
        inside an area the second names (that division), if one holds one
        (:meth:`Resolver.resolve_qualified`), and the second is that area. A list is written so
        too: the place must be met whole, not by a near spelling, and be no division itself
        (*Washington, Oregon and California* lists three states; Oregon's Washington County is
        not meant). An area listed before a division or country outside it is that area, but the
        first span is left to its document (*Washington, Georgia and Florida* lists states, though
        Georgia holds a town named Washington; *Springfield, Illinois, USA* is one place).
        """
        position = {name: i for i, name in enumerate(names)}
        pairs: dict[int, list[Candidate]] = {}
        for k, (left, right) in enumerate(pairwise(spans)):
            i, j = position.get(left.name), position.get(right.name)
            between = _between(text, left, right).lower()
            # *Paris (Texas)*, *Valence (Espagne)*: the area in brackets right after the place.
            bracketed = between == "(" and text[right.end :].lstrip().startswith(")")
            separated = (
                between in _COMMAS
                or between in _WITHIN
                or bracketed
                or _IN_A_DIVISION.fullmatch(between)
                or _IN_A_PART_OF.fullmatch(f"{between} ")  # a part's words end on a space
            )
            if i is None or j is None or i == j or not separated:
                continue
            named_as = self._area_it_may_name(right.name, alone[j])
            if named_as is None and bracketed:
                named_as = _ANY_AREA  # *Cartagena (Murcia)*: a town's area in brackets, whatever it means alone
            if named_as is None or (named_as != _ANY_AREA and _list_goes_on(spans, k + 1, text)):
                continue  # *Boston, New York, Chicago and Miami* lists cities
            # After *in* the place may be an area itself (*Georgia, in the US*); after a comma alone a
            # list of areas is likelier (*Washington, Oregon and California*), unless the place's
            # name says it is a division (*Orange County, Florida*).
            areas = between not in _COMMAS or _named_as_a_division(left.name)
            within = self._sure_within(left.name, right.name, hints, limit, proceed, areas)
            if within is None or named_as not in (_ANY_AREA, within.area.geoname_id):
                continue
            area = within.area
            listed = _lists_areas_beside(spans, position, alone, k + 1, area, text)
            asked = Hints(countries=frozenset({area.country_code}), restrict_to_countries=True, kinds=AREA_KINDS)
            named = self.resolver.resolve(Query(right.name, asked, limit=AREA_CHOICES, min_confidence=0.0))
            itself = [c for c in named if c.place.geoname_id == area.geoname_id]
            if itself:
                if not listed:
                    pairs[k] = within.answers
                others = [c for c in named if c.place.geoname_id != area.geoname_id]
                pairs[k + 1] = _as_sure_as(within.answers[0].confidence, itself[0], others)
        return pairs

    def _area_it_may_name(self, name: str, answers: list[Candidate]) -> int | None:
        """Which area ``name`` may be after a place and a comma: any one alone, or a division whole.

        :data:`_ANY_AREA` when it means an area alone (``answers``); the GeoNames ID of the
        first-level division it names whole, which alone it may be then: *New York* and
        *Washington* alone mean their cities, and still name the states a town written before
        them lies in (*Rochester, New York*, *Spokane, Washington*), not Oregon's Washington
        County (*Dallas, Washington, Chicago*); ``None`` for no area.
        """
        if not answers:
            return None
        if answers[0].kind in AREA_KINDS:
            return _ANY_AREA
        divisions = self.resolver.resolve(Query(name, _DIVISIONS, limit=1, min_confidence=0.0))
        if divisions and divisions[0].place.feature_code == "ADM1" and divisions[0].match_kind in MET_WHOLE:
            return divisions[0].place.geoname_id
        return None

    def _sure_within(
        self,
        name: str,
        area: str,
        hints: Hints,
        limit: int,
        proceed: Callable[[], None],
        areas: bool = False,
        towns: bool = False,
        divisions: bool = False,
    ) -> AnsweredWithin | None:
        """The answers of ``name`` surely inside an ``area`` (see :func:`_sure_inside`), if it holds one.

        With ``areas``, ``name`` may be an area itself; with ``towns``, the areas among the answers
        are left out and the others taken as shares of their confidence: *die Schweizer Stadt
        Freiburg* is the city, not the canton GeoNames also calls Freiburg, which leads the answers.
        With ``divisions``, the other way round, and ``name`` may be an area: *the Mexican state of
        Puebla* is the state.

        A name opening on an abbreviation is also asked with it spelt out: *Mt. Vernon, New York*
        is written *Mount Vernon* there.
        """
        for spelt in (name, *spelled_out(name)):
            proceed()
            query = in_document(Query(f"{spelt}, {area}", hints, limit=limit, min_confidence=0.0))
            within = self.resolver.resolve_qualified(query, unless_a_name=False)
            if within is not None and within.answers and (towns or divisions):
                wanted = [c for c in within.answers if (c.kind in AREA_KINDS) == divisions]
                if wanted and wanted[0] is not within.answers[0]:
                    within = replace(within, answers=_as_shares(wanted))
                elif not wanted:
                    within = None
            if _sure_inside(within, areas or divisions):
                return within
        return None

    def _adjective_pairs(
        self, spans: list[Span], text: str, hints: Hints, limit: int, proceed: Callable[[], None]
    ) -> dict[int, list[Candidate]]:
        """The answers of the ``spans`` after a country's adjective, a kind of place and *of*, by span.

        *the French port of Brest*, *the Lebanese city of Tripoli*, *the US state of Georgia*
        (:func:`~.demonyms.country_before`), *le Jura français*, *البيضاء الليبية* (an adjective
        after the name): the place of the span's name that country surely
        holds (:meth:`_sure_within`), as if written *Brest, France*; after a division's word the
        place may be an area itself.
        """
        pairs: dict[int, list[Candidate]] = {}
        for k, span in enumerate(spans):
            before = country_before(text, span.start)
            after = None
            if before is None:
                after = romance_country_after(text, span.end) or arabic_country_after(text, span.end)
            if before is not None:
                country, division, town = before
                within = self._sure_within(span.name, country, hints, limit, proceed, towns=town, divisions=division)
            elif after is not None:  # *le Jura français*: of any kind
                within = self._sure_within(span.name, after, hints, limit, proceed, areas=True)
            else:
                continue
            if within is not None:
                pairs[k] = within.answers
        return pairs

    def _near_pairs(
        self,
        spans: list[Span],
        names: list[str],
        alone: list[list[Candidate]],
        text: str,
        hints: Hints,
        limit: int,
        proceed: Callable[[], None],
    ) -> dict[int, list[Candidate]]:
        """The answers of the ``spans`` written with a direction from another place, by span.

        *Tripoli, north of Beirut*, *Paris, north of Dallas*, *Hyderabad, 150 km south of
        Karachi*, *Valence, au sud de Lyon*: the places of the first name met whole within
        :data:`NEAR_PAIR_KM` of the second's place (its answer alone, if sure enough), each as sure
        as its share of them.
        """
        position = {name: i for i, name in enumerate(names)}
        pairs: dict[int, list[Candidate]] = {}
        for k, (left, right) in enumerate(pairwise(spans)):
            i, j = position.get(left.name), position.get(right.name)
            if i is None or j is None or i == j or not _DIRECTION_OF.fullmatch(_between(text, left, right).lower()):
                continue
            anchor = alone[j][0] if alone[j] and alone[j][0].confidence >= PAIR_CONFIDENCE else None
            if anchor is None:
                continue
            proceed()
            point = _point(anchor.place)
            near = Query(left.name, replace(hints, near=point), limit=AREA_CHOICES, min_confidence=0.0)
            there = [
                c
                for c in self.resolver.resolve(near)
                if c.match_kind in MET_WHOLE and distance_km(point, _point(c.place)) <= NEAR_PAIR_KM
            ]
            if there:
                pairs[k] = _as_shares(there)[:limit]
        return pairs

    def _after_a_states_word(
        self, spans: list[Span], text: str, hints: Hints, limit: int, proceed: Callable[[], None]
    ) -> dict[int, list[Candidate]]:
        """The answers of the ``spans`` after a state's or a division's word, by span: a state, a country, a division.

        *l'État de New York*, *l'État du Texas*, *im Staat New York*, *l'État d'Israël*: the
        first-level divisions and countries of the name met whole, each as sure as its share of
        them (*Washington* is the state at 0.4 among its counties, and alone among its kind); the
        finder reads the name past the word (:func:`~.finder.find_spans`). *the province of
        Cotabato*, *the governorate of Idlib*: the first- and second-level divisions of the name,
        not the city of the name that leads alone.
        """
        pairs: dict[int, list[Candidate]] = {}
        for k, span in enumerate(spans):
            before = [r for r in _KINDS_WORDS_BEFORE if r.word.search(text, max(0, span.start - r.reach), span.start)]
            if not before:
                continue
            rule = before[0]
            proceed()
            asked = Query(span.name, replace(hints, kinds=rule.kinds), limit=AREA_CHOICES, min_confidence=0.0)
            answers = self.resolver.resolve(asked)
            kept = [c for c in answers if c.match_kind in MET_WHOLE and rule.keeps(c.place)]
            shares = _as_shares(kept)[:limit]
            if shares and shares[0].confidence >= PAIR_CONFIDENCE:
                pairs[k] = shares
        return pairs

    def _coded_pairs(
        self, spans: list[Span], text: str, hints: Hints, limit: int, proceed: Callable[[], None]
    ) -> tuple[dict[int, list[Candidate]], dict[int, frozenset[int]], dict[int, _StateCode]]:
        """The answers of the ``spans`` written as an address writes a town and its state's code, by span.

        *Portland, OR*, *Kingston, ON*, *Newcastle, NSW*, *SPRINGFIELD, Ill.*: a code of two or
        three capitals or an abbreviation after a comma, that names a first-level division holding
        a place of the span's name (:meth:`Resolver.resolve_qualified`), met by its own name or,
        for a city of :data:`PROMINENT_POPULATION` people, by another (*Quebec City, Que.*; not
        *Jones, Ind.*, a name of a village of Indiana). Not a country's code: running text writes
        those before a noun (*Paris, US officials said*), and a country by its name. Also, for
        each span that lies inside such a code, the places it may be a mention of: the area, or
        the place itself (*Washington, D.C.*), not another (*Ore.* is no Oreye, in Belgium). And
        the code after each such span, with the area it names.
        """
        pairs: dict[int, list[Candidate]] = {}
        inside_codes: dict[int, frozenset[int]] = {}
        state_codes: dict[int, _StateCode] = {}
        for k, span in enumerate(spans):
            code = _CODE_AFTER.match(text, span.end)
            if code is None:
                continue
            group = next(g for g in (1, 2, 3) if code[g])
            # *Mt. Vernon, N.Y.*: the town in New York is written *Mount Vernon*.
            for name in (span.name, *spelled_out(span.name)):
                proceed()
                within = self._coded_within(name, code[group], hints, limit)
                if within is not None:
                    pairs[k] = within.answers
                    meant = frozenset({within.area.geoname_id, within.answers[0].place.geoname_id})
                    inside_codes |= {j: meant for j in range(k + 1, len(spans)) if spans[j].start < code.end(group)}
                    state_codes[k] = _StateCode(code.start(group), code.end(group), within.area.geoname_id)
                    break
        return pairs, inside_codes, state_codes

    def _coded_within(self, name: str, code: str, hints: Hints, limit: int) -> AnsweredWithin | None:
        """The answers of ``name`` inside the first-level division ``code`` names, if it holds one so named.

        See :meth:`_coded_pairs`.
        """
        query = in_document(Query(f"{name}, {code}", hints, limit=limit, min_confidence=0.0))
        within = self.resolver.resolve_qualified(query, unless_a_name=False)
        if within is None or within.area.is_country or not _sure_inside(within, _named_as_a_division(name)):
            return None
        with self.index.turn():  # written as a code, not as a name followed by a full stop (*Texas.*)
            if within.area.geoname_id not in self.index.areas_coded(code):
                return None
        best = within.answers[0]
        if best.match_kind is MatchKind.EXACT or best.place.population >= PROMINENT_POPULATION:
            return within
        return None

    def _divisions_as_listed(
        self,
        names: list[str],
        alone: list[list[Candidate]],
        chosen: list[list[Candidate]],
        listed: list[set[int]],
        hints: Hints,
        limit: int,
        proceed: Callable[[], None],
    ) -> list[list[Candidate]]:
        """``chosen``, but a name listed beside divisions of one country is that country's division of its name.

        Names listed together are of one level: *Florida, Georgia and Alabama* lists three
        states, so Georgia is the US state (alone, the country); so does *Washington, Oregon and
        California* (around the federal capital, Oregon and California were towns of Ohio and
        Maryland), and *Kent, Essex and Surrey* three English counties, a second level (not Kent,
        Washington, and the Canadian Surrey, which pulled each other). A name is read so when at
        least half the other names of its list (``listed`` gives those right beside each) lead,
        alone or as read so far, with a first- or second-level division of one country and level,
        more of them than of any other, and a division of that country and level is met whole by
        the name. It keeps its answer if that is a town of that very name inside
        the division (*Kirkuk* the city beside *Nineveh*), or a place outside it lying within
        :data:`AMONG_KM` of a listed division but inside none (*Washington, Virginia and
        Maryland*: the federal capital between them; not *Ohio, Oregon and Washington*, whose
        Oregon lies in Ohio). A city of another name inside the division gives way to it (*New
        York, New Jersey and Pennsylvania*: the state, not New York City).
        """
        read = list(chosen)
        lists = _whole_lists(listed)
        done: set[int] = set()
        # Twice: a name read so makes the next of its list a division too (*Georgia and Florida*).
        for i in [*range(len(names)), *range(len(names))]:
            leads = [_division_leading(read[j], alone[j]) for j in lists[i]]
            divisions = [place for place in leads if place is not None]
            if i in done or not divisions:
                continue
            counts = Counter((d.country_code, d.feature_code) for d in divisions).most_common(2)
            ((country, level), most), *second = counts
            # Divisions of two countries alike (*Sindh, Punjab and Rajasthan*) are of no one country.
            if 2 * most < len(lists[i]) or (second and second[0][1] == most):
                continue
            divisions = [d for d in divisions if d.country_code == country and d.feature_code == level]
            proceed()
            asked = Hints(countries=frozenset({country}), restrict_to_countries=True, kinds=_DIVISION)
            found = self.resolver.resolve(in_document(Query(names[i], asked, limit=limit, min_confidence=0.0)))
            of_level = [c for c in found if c.place.feature_code == level]
            if not of_level or of_level[0].match_kind not in MET_WHOLE:
                continue
            current = read[i][0] if read[i] else None
            if (
                current is not None
                and current.place.geoname_id != of_level[0].place.geoname_id
                and (
                    current.match_kind is MatchKind.EXACT
                    if _holds(of_level[0].place, current.place)
                    else _among_outside(current.place, divisions)
                )
            ):
                continue
            # A division above those beside it is their address, not one of the list: *Kerr
            # County, Texas* is the state, not Texas County, Missouri.
            if current is not None and any(_holds(current.place, d) for d in divisions):
                continue
            # Read as a division of that level, the name is one of those it may name: each as likely
            # among them as it was among the divisions of every level (Washington's counties).
            why = f"; listed beside {_LEVELS[level]} divisions of {country}"
            shares = _as_shares(of_level)
            if not shares:
                continue
            read[i] = [replace(c, explanation=as_asked(c.explanation, country, hints.countries) + why) for c in shares]
            done.add(i)
        return read

    def _never_mentions(
        self,
        spans: list[Span],
        queries: list[Query],
        alone: list[list[Candidate]],
        contexts: list[Points],
        weights: ContextWeights,
        text: str,
    ) -> set[str]:
        """The names of ``queries`` none of whose spans can be a mention in their ``contexts`` (as ``weights`` pull).

        :func:`_accept` turns a span down without a cue when its best place is not prominent and
        an article, a sentence start or a script without capitals makes it a common word, and
        when no name of its best place is spelt like it and that place is no area (or the
        script has no capitals). When the best answer alone (``alone``) and the candidates that
        may lead in the document's context all fall under that, and no preposition or list can
        cue a span, the name cannot be a mention in any context: it is not ranked again, and
        its lone leader, not one the document's context would sharpen, pulls the other names
        (:func:`~toponym_server.resolver.settle_in_context`, ``movable``). So is a name each of
        whose spans opens a longer name whose next word is no mention (:func:`_before_other_name`:
        *White* of *the White Helmets*), unless a major place may lead it: :func:`_in_another_name`
        turns it down.
        """
        spans_of: dict[str, list[int]] = {}
        for i, span in enumerate(spans):
            spans_of.setdefault(span.name, []).append(i)
        never: set[str] = set()
        for query, answers, context in zip(queries, alone, contexts, strict=True):
            if not context or not answers:
                continue
            positions = spans_of.get(query.name, [])
            if any(spans[i].after_place_preposition or _may_be_listed(spans, i, text) for i in positions):
                continue
            best = answers[0]
            # The lone best is one of the answers the name may end with: look at it first.
            lone = _Reachable(_prominent(best), _is_area(best), self._spelled_as(query.name, answers))
            if not all(_turned_down(spans[i], lone) for i in positions):
                continue
            if all(_turned_down(spans[i], self._leaders(query, context, weights)) for i in positions):
                never.add(query.name)
        # A piece of a longer name whose next word can be no mention (*White* of *the White Helmets*)
        # is none either, unless a major place may lead it (see _in_another_name).
        for query, answers, context in zip(queries, alone, contexts, strict=True):
            if query.name in never or not context or not answers or _major(answers[0]):
                continue
            positions = spans_of.get(query.name, [])
            pieces = all(_before_other_name(spans, i, never, text) for i in positions)
            if pieces and not self._leaders(query, context, weights).major:
                never.add(query.name)
        return never

    def resolve_text(
        self,
        text: str,
        hints: Hints | None = None,
        *,
        limit: int = 3,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        check: Callable[[], None] | None = None,
    ) -> list[Mention]:
        """Return the place mentions of ``text`` in order, each with up to ``limit`` candidates.

        Every distinct span that may be a mention is resolved once, and all of them together (the
        document's places pull one another toward one region). A span becomes a mention when
        its best candidate reaches ``min_confidence``, shifted by what surrounds it, and it is
        not a piece of a person's or an organisation's longer name. ``check`` is called before
        each name is looked up or resolved; what it raises ends the work there (a long text
        takes seconds, and its caller may have gone).
        """
        proceed = check or _go_on

        def knows(words: str) -> bool:
            proceed()  # finding the spans of 100,000 characters alone takes about a second
            return self.knows(words)

        def written(word: str) -> bool:
            proceed()
            return self.may_be_spelled_as_written(word)

        hints = hints or Hints()
        spans = _without_adjectives_after_names(find_spans(text, knows, written), text)
        # A word of a script without capitals that no name is spelt like is never a mention:
        # it is neither resolved nor does its guess pull the document's places.
        vouched = {span.name for span in spans if span.vouched}
        distinct = [
            name
            for name in dict.fromkeys(span.name for span in spans)
            if _cased(name) or name in vouched or self.may_be_spelled_as_written(name)
        ]
        queries = [in_document(Query(name, hints, limit=limit, min_confidence=0.0)) for name in distinct]
        alone: list[list[Candidate]] = []
        for query in queries:
            proceed()
            alone.append(self.resolver.resolve(query))
        # A word read as a German genitive that leads to no major place alone is an English plural
        # (*Rangers*: Ranger, Texas): no mention (see _accept), nor does its guess pull the others.
        plurals = {span.name for span in spans if span.genitive} - {span.name for span in spans if not span.genitive}
        alone = [
            [] if name in plurals and not (answers and _major(answers[0])) else answers
            for name, answers in zip(distinct, alone, strict=True)
        ]

        # A name and the area it lies in, written as an address writes them (*Paris, Texas*), are
        # that place and that area: they are answered so, and pull the others as they are.
        coded, codes, state_codes = self._coded_pairs(spans, text, hints, limit, proceed)
        qualified = {
            **self._near_pairs(spans, distinct, alone, text, hints, limit, proceed),
            **self._adjective_pairs(spans, text, hints, limit, proceed),
            **self._after_a_states_word(spans, text, hints, limit, proceed),
            **coded,
            **self._qualified_pairs(spans, distinct, alone, text, hints, limit, proceed),
        }
        position = {name: i for i, name in enumerate(distinct)}
        fixed = {position[spans[k].name] for k in qualified}
        lone = list(alone)
        for k in sorted(qualified, reverse=True):  # a name's first pair decides how it pulls
            alone[position[spans[k].name]] = qualified[k]
        contexts = contexts_for(alone)
        weights = document_weights(alone)
        never = self._never_mentions(spans, queries, alone, contexts, weights, text)

        # As Resolver.resolve_many with use_context, but without the names that cannot be mentions.
        def rank_in_context(i: int, points: Points) -> list[Candidate]:
            proceed()
            return self.resolver.resolve(queries[i], points, weights)

        # No companions (settle_in_context's likely): a text's spans are not all places, and
        # offering the likely places of its unsure ones cost a stream of articles about two thirds
        # more processor time without a mention more right on the text sets (BENCHMARKS.md, 41st session).
        movable = [q.name not in never and i not in fixed for i, q in enumerate(queries)]
        settled, contexts = settle_in_context(alone, rank_in_context, movable)
        together = [answers or [] for answers in settled]
        # A capital or a country stands for its government wherever the story happens
        # (*Washington says*): the document's region does not move it, but a capital to a
        # namesake among the document's other places (*Tripoli* beside *Sidon* and *Beirut*).
        listed = _listed_beside(spans, distinct, text)
        # Nor does it move a great division, sure alone, to a small town (*England*: no England, Arkansas).
        chosen = [
            a
            if (
                _stands_for_a_state(a)
                and not _stands_for_a_state(t)
                and not _capitals_namesake_among(a, t, points, [together[j][0] for j in listed[i] if together[j]])
            )
            or (_a_great_division(a) and bool(t) and t[0].place.feature_class != "A" and not _prominent(t[0]))
            else t
            for i, (a, t, points) in enumerate(zip(alone, together, contexts, strict=True))
        ]
        chosen = self._divisions_as_listed(distinct, alone, chosen, listed, hints, limit, proceed)
        answers = dict(zip(distinct, chosen, strict=True))
        # A name written with its area is that place there, whatever it is elsewhere in the text.
        of_span = [qualified.get(i) or answers.get(span.name) or [] for i, span in enumerate(spans)]

        def mentions_of(of_span: list[list[Candidate]]) -> dict[int, Mention]:
            """The mentions of the spans that ``of_span`` answers so, by span."""
            of_span = list(of_span)
            self._as_declined(spans, of_span, set(qualified), hints, limit, proceed)
            of_span = [
                _as_vouched(
                    span,
                    self._as_the_words_before_say(
                        text,
                        span,
                        self._as_written(span, of_span[i]),
                        lone[position[span.name]] if span.name in position else [],
                    ),
                )
                if i not in qualified
                else of_span[i]
                for i, span in enumerate(spans)
            ]
            strong = [self._spelled_as(span.name, of_span[i]) for i, span in enumerate(spans)]
            # A state's code after a span cues it as a list of places around it does (*Paris, TX said*),
            # and a name the text writes with its area once is a place's wherever it stands (*A tornado
            # hit Paris, Texas. Paris police said*).
            with_area = {spans[k].name for k in qualified}
            datelines = {i for i, span in enumerate(spans) if _a_written_datelines_place(text, span)}
            cued = [
                i in coded
                or (i in qualified and _cased(span.name))  # *PARIS, Texas —*: not *جديدة في اليمن* (new, in Yemen)
                # not after an indefinite article: *in einer neuen Halle* is a hall, though *im ostwestfälischen
                # Halle* was the town
                or (i not in qualified and span.name in with_area and not _after_an_indefinite_article(text, span))
                or _listed_with(spans, strong, i, text)
                or i in datelines
                for i, span in enumerate(spans)
            ]
            # A dateline's town in capitals is a word, not an acronym (*PERTH, Sept 3 (AAP) -*, *DUBAÏ, 20 mai*).
            in_capitals = datelines.union(qualified)
            accepted = [
                bool(of_span[i])
                and _accept(span, of_span[i][0], strong[i], cued[i], min_confidence, with_its_area=i in in_capitals)
                and not _a_club_after_il(text, span, of_span[i][0])
                and not _a_german_noun_after_its_article(text, span, of_span[i][0])
                and (span.name not in NOUNS_NAMED_AS_PLACES or span.after_place_preposition or cued[i])
                and not _quoted_alone(text, span)
                and not _a_feast(text, span)
                and not (_a_college_team(span, of_span[i][0]) and not strong[i])
                and not (span.name.endswith(" department") and of_span[i][0].place.feature_class != "A")
                for i, span in enumerate(spans)
            ]
            # A place the text names as the gazetteer spells it is not named again by a word that only
            # sounds like one of its names: *die Polizei* beside *Polen* is no Poland (*Polşa*), *Mitiga
            # airport* beside *Egypt* no Egypt (*Mithri*); the place's own pull had lifted it. Another
            # spelling of the very name is (*Hasakah* and *Hassakeh*).
            named: dict[int, list[str]] = {}
            for i, span in enumerate(spans):
                if accepted[i] and strong[i]:
                    named.setdefault(of_span[i][0].place.geoname_id, []).append(span.name)
            accepted = [
                a
                and (
                    strong[i]
                    or of_span[i][0].place.geoname_id not in named
                    or any(
                        _spelt_alike(_after_a_division_word(spans[i].name), other)
                        for other in named[of_span[i][0].place.geoname_id]
                    )
                )
                for i, a in enumerate(accepted)
            ]
            # Two small places side by side with nothing to cue either are a person's name (*Angela
            # Merkel*: San Mariano (PH), called Angela, and Merkel (TX)), not two places; nor, whatever
            # cues them, are a given name and the name after it.
            standing = [
                accepted[i]
                and (
                    cued[i]
                    or span.after_place_preposition
                    or (_prominent(of_span[i][0]) and not _a_given_name(text, span))
                )
                and not _in_a_persons_name(spans, i, text)
                for i, span in enumerate(spans)
            ]
            found: dict[int, Mention] = {}
            for i, span in enumerate(spans):
                if not accepted[i] or (i in codes and of_span[i][0].place.geoname_id not in codes[i]):
                    continue
                candidates = of_span[i]
                # A name with its division's word is no sound-alike, spelt as its place or not
                # (*Russia's Kursk region*, met through the Russian name *Kurskaya oblast'*).
                described = without_division_word(span.name) is not None and _is_area(candidates[0])
                owned = (strong[i] or described) and _owned_by_its_place(spans, of_span, accepted, i, text)
                # A major place spelt otherwise is no exception: *Typhoon Gaemi* is no Taiwan.
                major = _major(candidates[0]) and strong[i] and not _a_given_name(text, span)
                # A town's canton code after it is no organisation's name (*Rheinfelden AG*).
                if not major and i not in state_codes and _in_another_name(spans, accepted, standing, i, text, owned):
                    continue
                kept = tuple(c for c in candidates if c.confidence >= min(min_confidence, candidates[0].confidence))
                found[i] = Mention(span.text, span.start, span.end, kept, candidates[0].confidence)
            return found

        mentions = mentions_of(of_span)
        current = of_span
        # A digest may tell each paragraph of another region (*Valencia* beside *Maracaibo*, then
        # *Valencia, la de España*), where the whole text's places pull a name both ways or the
        # wrong way: a name the text's places moved is ranked again with the places its own
        # paragraph mentions, where it mentions any and they are not the same. A name written
        # with its area is that place in its paragraph from there on; not in the others, nor
        # before it (*Belém recebe a COP30 ... Em Belém, na Cisjordânia*: a text writes a place's
        # area where it first names it, and a bare name before is another place).
        parts = _paragraph_numbers(text, spans)
        first_pair: dict[str, int] = {}
        for q in sorted(qualified):
            first_pair.setdefault(spans[q].name, q)
        before_pair = [i not in qualified and i < first_pair.get(span.name, -1) for i, span in enumerate(spans)]
        if len(set(parts)) > 1 or any(before_pair):
            # A word never resolved (see distinct) is at no position, and neither pulls nor is pulled.
            at = [position.get(span.name, -1) for span in spans]
            mentioned = [list(mentions[i].candidates) if i in mentions else None for i in range(len(spans))]
            lone_of = [alone[k] if k >= 0 else None for k in at]
            # A paragraph's names pull each other as they lead alone, not as the whole text moved them:
            # a digest's paragraph on Argentina names Buenos Aires and Mendoza, which its paragraph on
            # Panama moved to Panama's namesakes. A name written with its area pulls as that place.
            own = [lone_of[i] if m is not None and i not in qualified else m for i, m in enumerate(mentioned)]
            local = contexts_within(parts, lone_of, own)
            whole = contexts_within([0] * len(spans), lone_of, mentioned) if any(before_pair) else local
            paired = {(spans[q].name, parts[q]) for q in qualified}

            def without_area(points: Points, i: int) -> Points:
                return tuple(p for p in points if not _area_holding(p, qualified[first_pair[spans[i].name]]))

            # Before its pair, the area written with the name says where the other place is, not
            # this one; where its paragraph names nothing else, the rest of the text does
            # (*a lifeguard from Newcastle ... a rescue in Newcastle, New South Wales*, in a British story).
            local = [
                (without_area(points, i) or without_area(whole[i], i)) if before_pair[i] else points
                for i, points in enumerate(local)
            ]
            again = {
                (i, k): points
                for i, (k, points) in enumerate(zip(at, local, strict=True))
                if k >= 0
                and i not in qualified
                and points
                and (
                    (movable[k] and chosen[k] is together[k] and len(set(parts)) > 1 and _moved_by_context(lone[k]))
                    # Its pair's answer, from another paragraph or after it, holds here no more
                    # than the name alone does: even a name sure alone is read again.
                    or (
                        k in fixed
                        and queries[k].name not in never
                        and ((spans[i].name, parts[i]) not in paired or before_pair[i])
                        and (_moved_by_context(lone[k]) or not before_pair[i])
                    )
                )
                and set(points) != set(contexts[k])
            }
            ranked: dict[tuple[int, frozenset[Point]], list[Candidate]] = {}
            in_paragraph = list(of_span)
            for (i, k), points in again.items():
                key = (k, frozenset(points))
                if key not in ranked:
                    ranked[key] = rank_in_context(k, points)
                # The area written with the name elsewhere says nothing of how sure this span is.
                overall = [] if k in fixed else of_span[i]
                if _surer_among(ranked[key], overall, lone[k], points):
                    in_paragraph[i] = ranked[key]
            for i, k in enumerate(at):
                if k < 0:
                    continue
                # With no other place in the text to go by, such a name is what it means alone.
                if before_pair[i] and not local[i] and lone[k] and k in fixed:
                    in_paragraph[i] = lone[k]
                # A capital the whole text made a namesake near places of other paragraphs stays the
                # capital in a paragraph whose places all lie far from that namesake (*Peking ...
                # Taiwan ...; Washington warnte*, not a Sussex village near the digest's *London*).
                elif (
                    len(set(parts)) > 1
                    and local[i]
                    and chosen[k] is together[k]
                    and together[k]
                    and _stands_for_a_state(alone[k])
                    and together[k][0].place.geoname_id != alone[k][0].place.geoname_id
                    and not _near_any(together[k][0].place, local[i])
                ):
                    in_paragraph[i] = alone[k]
            if in_paragraph != of_span:
                mentions = mentions_of(in_paragraph)
                current = in_paragraph
        # A name the text moved from what it means alone to a place far from every other place the
        # text mentions was moved by words that are no places: *Monsoon* (met as Monson,
        # Massachusetts) made *the Red Cross in Geneva*, in a story of Pakistan's floods, Geneva, New
        # York. It is ranked again with the places the text mentions alone, or taken as it is alone.
        # So is one the text moved onto a place it names otherwise: *In Görlitz und im polnischen
        # Zgorzelec* names the twin towns, not Zgorzelec twice (GeoNames also calls it Gorlitz).
        alone_again = list(current)
        at = [position.get(span.name, -1) for span in spans]
        mentioned = [list(mentions[i].candidates) if i in mentions else None for i in range(len(spans))]
        mentions_points: list[Points] = []  # each span's, worked out once, when a name first needs them
        for i, mention in mentions.items():
            k = at[i]
            place = mention.candidates[0].place
            if k < 0 or k in fixed or not lone[k] or place.geoname_id == lone[k][0].place.geoname_id:
                continue
            if place.feature_class != "P":
                continue  # a division's point says little of how far it lies (a list of states)
            others = [m.candidates[0].place for j, m in mentions.items() if spans[j].name != spans[i].name]
            folded = normalize(spans[i].name).folded
            if any(
                m.candidates[0].place.geoname_id == place.geoname_id and normalize(spans[j].name).folded != folded
                for j, m in mentions.items()
            ):
                alone_again[i] = lone[k]  # not one spelt alike (*Saida* and *Saïda*)
            elif others and not any(distance_km(_point(place), _point(other)) <= PARAGRAPH_KM for other in others):
                if not mentions_points:
                    lone_of = [alone[j] if j >= 0 else None for j in at]
                    mentions_points = contexts_within([0] * len(spans), lone_of, mentioned)
                points = mentions_points[i]
                ranked_again = rank_in_context(k, points) if points else []
                moved_again = bool(ranked_again) and ranked_again[0].place.geoname_id != place.geoname_id
                alone_again[i] = ranked_again if moved_again else lone[k]
        if alone_again != current:
            mentions = mentions_of(alone_again)
        mentions |= _named_as_with_a_qualifier(text, spans, mentions)
        found = [
            part
            for _, mention in sorted(mentions.items())
            for part in self._town_and_its_code(text, self._named_without_its_kind_word(mention))
        ]
        # *SPRINGFIELD, Ill.*: the state's code is a mention of the state, where it placed the town.
        codes_named = [
            self._state_code_mention(text, state_codes[k], mention)
            for k, mention in mentions.items()
            if k in state_codes and mention.candidates[0].place.geoname_id == coded[k][0].place.geoname_id
        ]
        return _merged(found, [m for m in codes_named if m is not None])

    def _state_code_mention(self, text: str, code: _StateCode, town: Mention) -> Mention | None:
        """The mention of the area ``code`` names after ``town``, as sure as the town's reading."""
        details = self.resolver.get_place(code.area_id)
        if details is None:
            return None
        written = text[code.start : code.end]
        candidate = Candidate(
            place=details.place,
            kind=details.kind,
            admin1_name=details.admin1_name,
            localized_name=details.localized_name,
            confidence=town.confidence,
            match_kind=MatchKind.ALTERNATE_NAME,
            matched_name=written,
            explanation=f"matched {written!r} (a state's code); the area of {town.text!r}, as an address writes it",
            related=details.related,
        )
        return Mention(written, code.start, code.end, (candidate,), town.confidence)

    def _town_and_its_code(self, text: str, mention: Mention) -> list[Mention]:
        """``mention``, or the town it names and its first-level division's code as a mention of its own.

        Swiss writing tells namesakes apart by the canton's code after the town (*Wil SG*, *Buchs
        AG*), and GeoNames stores some towns under such names: a reader marks the town and the
        canton, as in *Springfield, Ill.* A town whose code is not its division's stays whole.
        """
        written = _TOWN_AND_CODE.fullmatch(mention.text)
        if written is None or not mention.candidates:
            return [mention]
        town = mention.candidates[0].place
        if town.feature_class != "P":
            return [mention]
        with self.index.turn():
            if not self.index.names_folded_as(town.geoname_id, normalize(written["town"]).folded):
                return [mention]
            coded = self.index.areas_coded(written["code"])
        for area_id in coded:
            details = self.resolver.get_place(area_id)
            if details is not None and details.place.feature_code == "ADM1" and _holds(details.place, town):
                named = replace(mention, text=written["town"], end=mention.start + written.end("town"))
                code = _StateCode(mention.start + written.start("code"), mention.end, area_id)
                return [named, *filter(None, [self._state_code_mention(text, code, named)])]
        return [mention]

    def _named_without_its_kind_word(self, mention: Mention) -> Mention:
        """``mention``, shorn of a crossing's or an Arabic division's word where its place is named without it too.

        *the Nasib crossing*, *معبر نصيب*: the crossing is named *Nasib*, and a reader marks that name,
        as *the city of Aleppo* marks *Aleppo*; so *محافظة الجيزة* marks *الجيزة*, and *la provincia de
        Mendoza*, *le département du Var*, *Kanton Zürich* mark the division's name (an English division's
        word after the name stays: *Idlib province*). The word stays where
        the name needs it: *معبر المصنع* (*المصنع* alone is *the factory*), *the Rafah crossing* (*Rafah*
        is the town), *إقليم كردستان* (the Kurdistan Region).
        """
        if not mention.candidates:
            return mention
        place = mention.candidates[0].place
        division = _DIVISION_WORD_BEFORE.match(mention.text)
        municipality = mention.text.split(" ", 1)[0] in _MUNICIPALITY_WORDS
        if division is not None and (place.feature_class == "A" or municipality):
            match: re.Match[str] | None = division
        else:
            match = _KIND_WORD.fullmatch(mention.text)
        if match is None or match.group("name") == mention.text:
            return mention
        name = match.group("name")
        # An Arabic division's word says the area's kind, which GeoNames may write only with it (*محافظة الجيزة*);
        # so may a Romance or German one, whose name the gazetteer lacks in that language (*Provinz Trient*),
        # unless the division is named with its word and not without (*Distrito Federal*).
        # A Romance word in lower case is the text's, not the name's (*la provincia de Cañete*, where GeoNames
        # names the division *Provincia de Cañete* only), and so is a German one (*Woiwodschaft Ermland-Masuren*).
        a_division = place.feature_class == "A" and (
            mention.text.startswith(_ARABIC_DIVISION_WORDS)
            or (division is not None and (mention.text[:1].islower() or _a_german_division_word(division)))
        )
        with self.index.turn():
            if not a_division and not self.index.names_folded_as(place.geoname_id, normalize(name).folded):
                whole = self.index.names_folded_as(place.geoname_id, normalize(mention.text).folded)
                if match is not division or place.feature_class != "A" or whole:
                    return mention
        start = mention.start + match.start("name")
        return replace(mention, text=name, start=start, end=start + len(name))


_DIVISION_WORD_BEFORE = re.compile(
    r"(?:provincia|província|province|provinz|región|région|regione|região|departamento|département|estado|distrito"
    r"|canton|cantón|kanton|land|bundesland|bezirk|regierungsbezirk|landkreis|kreis|wilaya|gouvernorat|comuna"
    r"|commune|comune|district(?=\s+d)"
    r"|municipio|oblast"
    r"|territoire|territorio|woiwodschaft|region|gebiet|республик[аиеуо]й?)"
    r"(?:\s+(?:de(?:l|s|\s+(?-i:la))?|di|da|do|du|of(?:\s+the)?)\s+|\s+d['\u2019]|\s+)(?P<name>.+)",
    re.IGNORECASE,
)
"""A division's word before its name, and its *of* (*provincia de*, *département du*, *Kanton*; *de la* in lower
case, as *departamento de La Paz* writes the name's own article); not the English words that open a division's
own name (*County Kerry*, *District of Columbia*, *State of Palestine*): *district* only with a French *of*
(*le district des Savanes*)."""
_MUNICIPALITY_WORDS = frozenset({"commune", "comune", "comuna", "municipio"})
"""Romance words of a municipality, in lower case before its town's name (*la commune de Kenscoff*)."""
_GERMAN_DIVISION_WORDS = frozenset(
    {
        "provinz", "kanton", "land", "bundesland", "bezirk", "regierungsbezirk", "landkreis", "kreis", "woiwodschaft",
        "region", "gebiet",
    }
)  # fmt: skip
"""The German words of a division before its name, which German always writes apart from the name."""


def _a_german_division_word(division: re.Match[str]) -> bool:
    """Tell whether ``division`` (a :data:`_DIVISION_WORD_BEFORE` match) opens on a German division's word."""
    return division.group(0)[: division.start("name")].split()[0].casefold() in _GERMAN_DIVISION_WORDS


_ARABIC_DIVISION_WORDS = ("محافظة ", "ولاية ", "ناحية ", "قضاء ", "شعبية ", "إمارة ", "بلدية ")
"""The Arabic words of a division before its name (a governorate, a state, a subdistrict, a district, an
emirate, a municipality)."""
_KIND_WORD = re.compile(
    r"(?:(?:معبر|منفذ|מעבר|محافظة|ولاية|ناحية|قضاء|إقليم|شعبية|إمارة|بلدية)\s+)?(?P<name>.+?)"
    r"(?:\s+(?:(?:border\s+)?(?:crossing(?:\s+point)?|gate|checkpoint|post)|(?:S\u0131n\u0131r|Hudut|Gümrük)\s+Kap\u0131s\u0131"
    r"|الحدودي|البري))?",
    re.IGNORECASE,
)
"""A border crossing's word before or after its name (English, Turkish and Arabic after, Arabic and Hebrew before),
or an Arabic division's before its name (*محافظة*, *ولاية*: a governorate, a state)."""


def _merged(mentions: list[Mention], more: list[Mention]) -> list[Mention]:
    """``mentions`` and those of ``more`` that overlap none of them, in the text's order."""
    taken = [(m.start, m.end) for m in mentions]
    added = [m for m in more if not any(m.start < end and start < m.end for start, end in taken)]
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


SPELT_ALIKE = 75.0
"""How alike (``rapidfuzz``'s ratio of the folded forms, 0-100) two spans must be to be spellings of one name."""


def _spelt_alike(text: str, other: str) -> bool:
    """Tell whether two spans are spellings of one name (*Hassakeh*, *Al-Hasaka*), not two words (*Polizei*, *Polen*).

    Compared folded, an article opening either left out (the matching rules' :data:`~.normalize.ARTICLES`).
    """
    first, second = (_without_article(normalize(name).folded) for name in (text, other))
    return fuzz.ratio(first, second) >= SPELT_ALIKE


_INDEFINITE_ARTICLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:[Ee]in(?:e|er|em|en|es)?|[Uu]n[ae]?|[Uu]no|[Uu]ma?)[ \u00a0]+(?:[^\W\d_]+[ \u00a0]+)?\Z"
)
"""An indefinite article right before a span, an adjective between or not (*in einer neuen Halle*)."""


def _after_an_indefinite_article(text: str, span: Span) -> bool:
    """Tell whether an indefinite article stands before ``span``: a common noun's, no town's (*einer neuen Halle*)."""
    return _INDEFINITE_ARTICLE_BEFORE.search(text, max(0, span.start - 40), span.start) is not None


def _after_a_division_word(name: str) -> str:
    """``name`` without a division's word before it (*Республики Татарстан*: *Татарстан*), if it opens on one."""
    match = _DIVISION_WORD_BEFORE.match(name)
    return name if match is None else match.group("name")


def _without_article(folded: str) -> str:
    """A folded name without the article it opens on (*al hasaka*: *hasaka*)."""
    head, _, rest = folded.partition(" ")
    return rest if rest and head in NAME_ARTICLES else folded


def _romanised(text: str, matched_name: str) -> bool:
    """Tell whether a Latin ``text`` met ``matched_name``, GeoNames' machine romanisation of another script's name.

    GeoNames writes those in lower-case letters (*atalanta*, *barys*), as no one writes a name.
    """
    return text[:1].isupper() and text[:1].isascii() and matched_name.islower() and matched_name.isascii()


def _area_holding(point: Point, answers: list[Candidate]) -> bool:
    """Tell whether ``point`` is the country or the first-level division the best of ``answers`` lies in."""
    if not answers or len(point) < 5 or not point[4]:
        return False
    place = answers[0].place
    return point[2] == place.country_code and point[3] in ("", place.admin1_code)


def _named_as_with_a_qualifier(text: str, spans: list[Span], mentions: dict[int, Mention]) -> dict[int, Mention]:
    """The mentions of bare names after the same name with its qualifier in their paragraph, by span.

    *In Frankfurt (Oder) ... In Frankfurt selbst*: the bare name is the place the qualified one
    named (alone, Frankfurt am Main), in that paragraph only; another may name the other. Not a
    noun after an article (*Halle (Saale) ... in der Halle*, in the hall).
    """
    paragraphs = _paragraph_numbers(text, spans)
    named: dict[tuple[int, str], Mention] = {}
    found: dict[int, Mention] = {}
    for i, span in enumerate(spans):
        head, bracket, _ = span.text.partition(" (")
        mention = mentions.get(i)
        if bracket and mention is not None:
            named[(paragraphs[i], head)] = mention
        elif not span.after_article and (earlier := named.get((paragraphs[i], span.text))) is not None:
            found[i] = Mention(span.text, span.start, span.end, earlier.candidates, earlier.confidence)
    return found


def _paragraph_numbers(text: str, spans: list[Span]) -> list[int]:
    """The number of the paragraph each span stands in, from 0; a blank line parts paragraphs."""
    breaks = [match.start() for match in _BLANK_LINE.finditer(text)]
    return [bisect.bisect_right(breaks, span.start) for span in spans]


def _surer_among(local: list[Candidate], overall: list[Candidate], alone: list[Candidate], points: Points) -> bool:
    """Tell whether a name's reading among its paragraph's ``points`` is the one to take over the whole text's.

    Its place must lie in a country of the paragraph's places, or near one of them
    (:data:`PARAGRAPH_KM`) where the whole text's place lies near none: with few places to pull
    it, a word that is no place may lean to any namesake far from them all. Then it is taken
    where it is surer, or where the whole text's place lies in none of those countries. A
    capital or a country the name means ``alone`` stands for its government wherever the story
    happens (see ``TextResolver.resolve_text``): a paragraph may make it surer, not another place,
    unless that place is a namesake among the paragraph's places (:func:`_capitals_namesake_among`).
    """
    if not local:
        return False
    if (
        _stands_for_a_state(alone)
        and local[0].place.geoname_id != alone[0].place.geoname_id
        and not _capitals_namesake_among(alone, local, points, [])
    ):
        return False
    countries = {point[2] for point in points}
    if local[0].place.country_code not in countries:
        return bool(overall) and _near_any(local[0].place, points) and not _near_any(overall[0].place, points)
    return not overall or overall[0].place.country_code not in countries or local[0].confidence > overall[0].confidence


def _near_any(place: PlaceRow, points: Points) -> bool:
    """Tell whether ``place`` lies within :data:`PARAGRAPH_KM` of one of ``points``."""
    return any(distance_km(_point(place), point[:2]) <= PARAGRAPH_KM for point in points)


def _and_alone(answers: list[Candidate], alone: list[Candidate]) -> list[Candidate]:
    """``answers``, then the places the name's answers ``alone`` hold that they do not."""
    ids = {c.place.geoname_id for c in answers}
    return answers + [c for c in alone if c.place.geoname_id not in ids]


def _spelt_where_the_other_is_not(
    declined: list[Candidate], nominative: str, as_written: list[Candidate], written: str
) -> bool:
    """Tell whether a nominative's best place bears it as written, and the word's own best place no name so written.

    Case and *ё* aside: *в Покровске* is in Pokrovsk (*Покровск*), not in the village *Покровське*, whose
    name folds as the word does, soft sign and all.
    """
    return (
        bool(as_written)
        and as_written[0].place.geoname_id != declined[0].place.geoname_id
        and not _written_so(as_written[0].matched_name, written)
        and _written_so(declined[0].matched_name, nominative)
    )


def _written_so(name: str, text: str) -> bool:
    return name.casefold().replace(_YO, _YE) == text.casefold().replace(_YO, _YE)


_YO, _YE = "\u0451", "\u0435"  # Cyrillic yo is written as ye


def _moved_by_context(alone: list[Candidate]) -> bool:
    """Tell whether a name answered so alone is one a document's places rank again."""
    return bool(alone) and alone[0].confidence < SETTLED_CONFIDENCE


def _a_german_noun_after_its_article(text: str, span: Span, best: Candidate) -> bool:
    """Tell whether ``span`` is a German noun its article stands before, though a town is named so.

    German writes no article before a town's name, only before a noun (*zum Essen*, *im Derby*, *am
    Brenner*), a country's or a region's (*im Libanon*, *die Schweiz*, *im Emsland*) or a town's with an
    adjective between them. A village's commune is no region (*nach der Wahl*: Wahl, Luxembourg, 235 people).
    """
    before = _GERMAN_ARTICLE_BEFORE.search(text, max(0, span.start - 7), span.start)
    # Not the French *des* (of the) before a name that holds it (*des Abymes*: of Les Abymes)
    french = span.looked_up.startswith(("Le ", "Les ")) and _french_before(text, span.start)
    place = best.place
    commune = place.feature_class == "A" and 0 < place.population < _VILLAGES_COMMUNE
    town = place.feature_class == "P" or (commune and not place.feature_code.startswith("PCL"))
    return town and before is not None and not french


_VILLAGES_COMMUNE = 5_000


_GERMAN_ARTICLE_BEFORE = re.compile(
    r"(?:^|[\s(])(?:[Dd](?:er|ie|as|em|en|es)|zum|zur|vom|beim|im|am|[Ee]in(?:e|em|en|er|es)?)[ \u00a0]+\Z"
)
"""A German article, alone or joined to its preposition (*zum*: to the), right before a span."""


def _a_club_after_il(text: str, span: Span, best: Candidate) -> bool:
    """Tell whether ``span`` names a town's club: Italian writes no article before a town, but before its club.

    *Il Napoli ha perso*, *il Milan*: the town's name after *il*. (*Il Cairo*, Cairo in Italian,
    is written so with its article: the span then holds it.)
    """
    return best.place.feature_class == "P" and bool(_IL.search(text[max(0, span.start - 4) : span.start]))


def _in_a_persons_name(spans: list[Span], i: int, text: str) -> bool:
    """Tell whether span ``i`` is a given name before another span, or the span after one, one space between.

    *Brooklyn Beckham and Victoria Beckham*: listing makes neither word a place.
    """

    def given_name_before(left: int, right: int) -> bool:
        return (
            left >= 0
            and right < len(spans)
            and text[spans[left].end : spans[right].start] == " "
            and _a_given_name(text, spans[left])
        )

    return given_name_before(i - 1, i) or given_name_before(i, i + 1)


def _a_feast(text: str, span: Span) -> bool:
    """Tell whether ``span`` is a feast a city is named after, after an article (*as vendas no Natal*).

    Portuguese writes the city without one (*em Natal*, *o prefeito de Natal*).
    """
    return span.name.lower() in _FEASTS_OF_PLACES and bool(_ARTICLE_BEFORE_A_FEAST.search(text, 0, span.start))


def _a_college_team(span: Span, best: Candidate) -> bool:
    """Tell whether ``span`` is an American state's name and *State*: a university's team (*Ohio State won*).

    Elsewhere the news writes a state so (*Rakhine State*, *Kaduna State*); an American state it
    writes so only where GeoNames does too (see :meth:`TextResolver._spelled_as`).
    """
    return span.text.endswith(" State") and best.place.country_code == "US" and best.place.feature_code == "ADM1"


def _quoted_alone(text: str, span: Span) -> bool:
    """Tell whether ``span`` is all a pair of quotation marks holds: a club's, a ship's or a title's name.

    *«Зенит» обыграл «Ростов»*, *the cruiser "Moskva"*: the news quotes the names of clubs, ships,
    operations and works, not of the places they are named after.
    """
    before = text[max(0, span.start - 2) : span.start].rstrip(" \u00a0")
    after = text[span.end : span.end + 2].lstrip(" \u00a0")
    return bool(before) and bool(after) and (before[-1], after[0]) in _QUOTE_PAIRS


def _a_given_name(text: str, span: Span) -> bool:
    """Tell whether ``span`` may be a person's given name: one of :data:`~.cues.GIVEN_NAMES_OF_PLACES` before a name.

    Not before a word of a place's, a facility's or an organisation's name, nor a title (*Jordan
    River*, *Sydney Harbour*, *Georgia Governor Brian Kemp*).
    """
    if not span.before_name_word or span.text.lower() not in GIVEN_NAMES_OF_PLACES:
        return False
    following = _NEXT_WORD.match(text, span.end)
    if following is None:
        return False
    word = following[1].lower()
    return not any(word in words for words in (FACILITY_WORDS, NAME_PART_WORDS, ORGANISATION_WORDS, PERSON_TITLES))


def _names_a_landform(name: str) -> bool:
    """Tell whether ``name`` ends on a landform's word (*Bekaa Valley*, *Golan Heights*): see :data:`LANDFORM_WORDS`."""
    return name.rsplit(maxsplit=1)[-1].lower() in LANDFORM_WORDS and " " in name.strip()


def _go_on() -> None:
    """The default ``check`` of :meth:`TextResolver.resolve_text`: never stop."""


def _without_adjectives_after_names(spans: list[Span], text: str) -> list[Span]:
    """``spans`` but an Arabic country's adjective right after another (*الجوف السعودية*: no Saudi Arabia).

    The adjective says where the name before it lies (see :meth:`TextResolver._adjective_pairs`).
    """
    return [
        span
        for i, span in enumerate(spans)
        if not (i and an_arabic_countrys_adjective(span.text) and not text[spans[i - 1].end : span.start].strip())
    ]


def _accept(
    span: Span, best: Candidate, strong: bool, listed: bool, min_confidence: float, *, with_its_area: bool = False
) -> bool:
    """Decide whether a span is a place mention, from its best candidate and what surrounds it.

    - The best candidate must reach ``min_confidence``; without a place cue (a preposition
      before it; ``listed``: a list of places around it, or its state's code after it) a
      one-word span of a small place needs :data:`NO_CUE_CONFIDENCE`.
    - A name the gazetteer spells otherwise (a phonetic or fuzzy match) needs a cue, unless it
      is an area met as it sounds, not fuzzily (*der Streik* is no Austria, *Òstrǐk*); in a
      script without capitals, ending on a
      landform's word (*the Bekaa Valley* is no Bega Valley) or, met only fuzzily, as a
      sentence's first word without a cue (*Ships waited* is no Cyprus, *Síp* in Hungarian),
      it never counts.
    - A small place's name is a common noun after an article (*der Regen*), at the start of a
      sentence (*Lage bleibt*), or alone in a script without capitals: there the place must be
      an area or a city of :data:`PROMINENT_POPULATION` people.
    - A word ending as an adjective of place does (:attr:`~.finder.Span.like_a_people`: *in Wien
      endete*, but *Haitian immigrants*) must be spelt as its place's name, and have a place cue or
      name an area or a city of :data:`PROMINENT_POPULATION` people.
    - A word standing for the name it ends on an *s* after (:attr:`~.finder.Span.genitive`:
      *Deutschlands*, *Berlins*) must be spelt in Latin as its place's name, not after an article,
      and the place major (:func:`_major`): an English plural is no place's name (*the Balkans*,
      *Poles*).
    - A code (see :data:`CODE_CITY_POPULATION`) names a country, a first-level division, a
      capital or a city of millions, or nothing; an acronym names a place only by a name of
      the same letters (*UK*, *D.C.*, *nyc*), never by its sound (*ISIS*, *SAA*), and a place
      not major only by a name that is no word (*IS* is no Russian town *Is*); one written with its
      area (``with_its_area``) or as a dateline's is a word in capitals (*PARIS, Texas —*, *PERTH, Sept 3 -*).
    """
    acronym = _is_acronym(span.name) and not with_its_area
    if _only_a_code(best) or (acronym and not _abbreviates(span.name, best)):
        return False
    if span.vouched and not strong and (best.place.feature_class != "A" or best.confidence < NO_CUE_CONFIDENCE):
        return False
    if span.paired and not (strong and best.place.feature_code.startswith("PCL")):
        return False
    one_word = " " not in span.name.strip()
    # A municipality's word opening the span cues the town named after it (*la commune de Kenscoff*).
    municipality = span.name.split(" ", 1)[0] in _MUNICIPALITY_WORDS
    cued = span.after_place_preposition or listed or municipality or (span.vouched and best.place.feature_class == "A")
    area = best.place.feature_class == "A"
    prominent = _prominent(best)
    if span.like_a_people and not (strong and (cued or prominent)):
        return False
    if span.genitive and (
        span.after_article or not strong or best.match_kind is MatchKind.TRANSLITERATION or not _major(best)
    ):
        return False
    needed = min_confidence if cued or prominent or not one_word else max(min_confidence, NO_CUE_CONFIDENCE)
    if span.after_place_preposition and strong and best.place.population >= PROMINENT_POPULATION:
        # *in Geneva*: a city of many namesakes, none of them near its size, written as it is
        needed = min_confidence * CUED_CITY_SHARE
    if best.confidence < needed:
        return False
    uncased = not _cased(span.name)
    # Transliterated words meet Latin names loosely: in a script without capitals only a name
    # the gazetteer writes that way counts.
    if not strong and (
        (uncased and not span.vouched)
        or _names_a_landform(span.name)
        or (one_word and span.opens_sentence and not cued and best.match_kind is MatchKind.FUZZY)
        or not (cued or (area and best.confidence >= NO_CUE_CONFIDENCE and best.match_kind is not MatchKind.FUZZY))
    ):
        return False
    if one_word and not cued and (span.after_article or span.opens_sentence) and _division_by_its_word(span, best):
        return False
    if one_word and not prominent and not cued:
        return not (span.after_article or span.opens_sentence or uncased)
    if one_word and best.match_kind is MatchKind.PHONETIC and not cued and (span.after_article or span.opens_sentence):
        return _sounds_as_named(span.name, best.matched_name)  # *die Arbeiten* is no Norrbotten
    return True


def _as_vouched(span: Span, answers: list[Candidate]) -> list[Candidate]:
    """``answers``, led by the best division where an Arabic division's word vouches for ``span`` (see Span.vouched).

    *ولاية هاتاي* is Hatay province, though *هاتاي* alone is first Antakya, which GeoNames also calls Hatay;
    *ولاية إسطنبول* the province, *محافظة أصفهان* the Iranian province, not their cities.
    """
    if not span.vouched or not answers or answers[0].place.feature_code.startswith("ADM"):
        return answers
    for place in answers[1:]:
        if place.place.feature_code.startswith("ADM"):
            return _as_sure_as(answers[0].confidence, place, [c for c in answers if c is not place])
    return answers


def _sounds_as_named(word: str, name: str) -> bool:
    """Tell whether a reading of ``word`` is the phonetic form of ``name``, not only near it."""
    return normalize(name).phonetic in normalize(word).readings


def _named_as_a_division(name: str) -> bool:
    """Tell whether ``name`` closes on a division's word, in any case (*Orange County*, *Afrin district*)."""
    head, _, last = name.rpartition(" ")
    return bool(head) and kind_of(last.casefold()) == "admin"


def _division_by_its_word(span: Span, best: Candidate) -> bool:
    """Tell whether ``best`` is a division below the first level whose name the span writes without its word.

    *Power County* for *Power*, *Ferry County* for *Ferry*: opening a sentence or after an
    article, such a word is the common noun (*Power was restored*, *Ferry services resumed*).
    """
    if best.place.feature_class != "A" or _major_area(best):
        return False
    head, _, word = best.place.name.rpartition(" ")
    return bool(head) and kind_of(word.casefold()) == "admin" and normalize(head).folded == normalize(span.name).folded


def _turned_down(span: Span, reachable: _Reachable) -> bool:
    """Tell whether :func:`_accept` turns ``span`` down, uncued, whichever reachable candidate leads."""
    one_word = " " not in span.name.strip()
    uncased = not _cased(span.name)
    common_word = one_word and (span.after_article or span.opens_sentence or uncased) and not reachable.prominent
    misspelt = not reachable.spelled and (uncased or not reachable.area)
    return common_word or misspelt


def _may_be_listed(spans: list[Span], i: int, text: str) -> bool:
    """Tell whether span ``i`` stands in a list with a neighbouring span (see :func:`_listed_with`)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(spans):
            left, right = (spans[j], spans[i]) if j < i else (spans[i], spans[j])
            if _between(text, left, right) in LIST_SEPARATORS:
                return True
    return False


def _in_another_name(
    spans: list[Span], accepted: list[bool], standing: list[bool], i: int, text: str, owned: bool = False
) -> bool:
    """Tell whether span ``i`` is part of a longer proper name that is not a place's.

    A capitalised word right before or after it that is not a place mention itself makes it a
    piece of a person's or an organisation's name (*Robert Habeck*, *Maria Lopez*, *White
    Helmets*, *Brazil's Lula*); two place names side by side, both ``accepted`` and one of them
    ``standing`` (a mention cued or of a prominent place: *Paris Saint-Germain*, *in St. Pölten
    Keller*), say nothing either way (two small places with no cue are a person's name: *Angela
    Merkel*), nor does a possessive before it that an ``owned`` span's place lies in (see
    :func:`_owned_by_its_place`). A major place (see :func:`_major`) spelt as written is not judged
    so: a German noun may follow a city's name (*hat Hamburg Container umgeschlagen*).
    """
    span = spans[i]

    def beside(left: int, right: int) -> bool:
        return _adjacent_mention(spans, accepted, left, right, text) and (standing[left] or standing[right])

    return (span.before_name_word and not beside(i, i + 1)) or (
        span.after_name_word and not owned and not beside(i - 1, i)
    )


def _owned_by_its_place(
    spans: list[Span], of_span: list[list[Candidate]], accepted: list[bool], i: int, text: str
) -> bool:
    """Tell whether span ``i`` follows a possessive mention whose place its best place lies in.

    Asked only of a span spelt like its place (*Turkey's Erdogan* is no Ardahan). *Iraq's Sinjar*,
    *Syria's Tal Abyad*, *Zaporizhzhia's Enerhodar*: a country owns the places of its country, a
    division or a city those of its first-level division. *Brazil's Lula* is no Luleå, which lies
    in Sweden.
    """
    if i == 0 or not accepted[i - 1] or not of_span[i - 1] or not of_span[i]:
        return False
    if _between(text, spans[i - 1], spans[i]) not in POSSESSIVES:
        return False
    owner, place = of_span[i - 1][0].place, of_span[i][0].place
    if owner.country_code != place.country_code:
        return False
    return owner.feature_code.startswith("PCL") or (bool(owner.admin1_code) and owner.admin1_code == place.admin1_code)


def _before_other_name(spans: list[Span], i: int, never: set[str], text: str) -> bool:
    """Tell whether span ``i`` opens a longer name: a capitalised word follows it that is no mention.

    The word after it is not a span touching it, or one of ``never``, the names that cannot be mentions.
    """
    if not spans[i].before_name_word:
        return False
    following = i + 1
    return following >= len(spans) or bool(_between(text, spans[i], spans[following])) or spans[following].name in never


def _adjacent_mention(spans: list[Span], accepted: list[bool], left: int, right: int, text: str) -> bool:
    """Tell whether spans ``left`` and ``right`` touch (only spaces between) and the other one is accepted."""
    if left < 0 or right >= len(spans) or _between(text, spans[left], spans[right]):
        return False
    return accepted[left] and accepted[right]


def _prominent(candidate: Candidate) -> bool:
    """An area, or a place of :data:`PROMINENT_POPULATION` people or more."""
    return candidate.place.feature_class == "A" or candidate.place.population >= PROMINENT_POPULATION


def _major(candidate: Candidate) -> bool:
    """A country, a first-level division, or a city of :data:`PROMINENT_POPULATION` people or more."""
    return _major_area(candidate) or candidate.place.population >= PROMINENT_POPULATION


def _major_area(candidate: Candidate) -> bool:
    """A country or a first-level division."""
    return _country_or_division(candidate.place.feature_code)


def _country_or_division(feature_code: str) -> bool:
    """Tell whether a place of ``feature_code`` is a country or a first-level division."""
    return feature_code.startswith("PCL") or feature_code == "ADM1"


def _is_acronym(text: str) -> bool:
    """A word of two to five capitals (*SDF*, *ISIS*), or one written with points (*U.S.*, *D.C.*)."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _abbreviates(acronym: str, candidate: Candidate) -> bool:
    """Tell whether ``acronym`` may name ``candidate``: by a name of the same letters (:func:`_same_letters`).

    Not a name written as a word (*Is*, a Russian town, is no mention of *IS*), unless of a major
    place (:func:`_major`): capitals write an abbreviation, or a word in a headline.
    """
    name = candidate.matched_name
    if not _same_letters(acronym, name):
        return False
    return _major(candidate) or not (name[:1].isupper() and name[1:].islower())


def _same_letters(acronym: str, name: str) -> bool:
    """The name is the acronym, whatever its case, points and spaces (*U.A.E.*, *nyc*)."""
    return name.replace(".", "").replace(" ", "").upper() == acronym.replace(".", "")


def _only_a_code(candidate: Candidate) -> bool:
    """The candidate was matched through a code (see :data:`CODE_CITY_POPULATION`) that cannot name it in a text.

    A code is a short name of capitals only (*SDF*, *KJFK*); an abbreviation written with
    points (*D.C.*, *L.A.*) is a name. A capital is named by its codes too.
    """
    place = candidate.place
    named = _major_area(candidate) or place.feature_code == "PPLC" or place.population >= CODE_CITY_POPULATION
    return _is_acronym(candidate.matched_name) and not named


def _cased(text: str) -> bool:
    """The text has a letter of a script with capitals."""
    return any(c.isupper() or c.islower() for c in text)


def _is_area(candidate: Candidate) -> bool:
    return candidate.place.feature_class == "A"


def _between(text: str, left: Span, right: Span) -> str:
    """What stands between two spans of ``text``, without the spaces around it (*and*, a comma, nothing)."""
    return text[left.end : right.start].strip()


def _lists_areas_beside(
    spans: list[Span], position: dict[str, int], alone: list[list[Candidate]], k: int, area: Area, text: str
) -> bool:
    """Tell whether span ``k``, meaning ``area``, is listed before a division or country outside it.

    ``position`` gives each span's name its place in ``alone``, the names' lone answers.
    """
    if not _list_goes_on(spans, k, text):
        return False
    n = position.get(spans[k + 1].name)
    if n is None or not alone[n] or alone[n][0].kind not in AREA_KINDS:
        return False
    beside = Area.of(alone[n][0].place)
    return beside is not None and not beside.holds_area(area)


def _list_goes_on(spans: list[Span], k: int, text: str) -> bool:
    """Tell whether a list separator joins span ``k`` to the span after it (*New York, Chicago*)."""
    return k + 1 < len(spans) and _between(text, spans[k], spans[k + 1]) in LIST_SEPARATORS


def _listed_with(spans: list[Span], strong: list[bool], i: int, text: str) -> bool:
    """Tell whether span ``i`` is in a list (*Hasakeh, Aleppo and Homs*) next to a well-spelt place.

    Not beside a person's name (*Sabine Lindau, Sprecherin der*: no list, no Spicheren).
    """
    for j in (i - 1, i + 1):
        if 0 <= j < len(spans) and strong[j] and not _in_a_persons_name(spans, j, text):
            left, right = (spans[j], spans[i]) if j < i else (spans[i], spans[j])
            if _between(text, left, right) in LIST_SEPARATORS:
                return True
    return False


def _listed_beside(spans: list[Span], names: list[str], text: str) -> list[set[int]]:
    """For each of ``names``, the positions of the other names a list puts right beside it (*Tripoli und Saida*)."""
    position = {name: i for i, name in enumerate(names)}
    beside: list[set[int]] = [set() for _ in names]
    for left, right in pairwise(spans):
        i, j = position.get(left.name), position.get(right.name)
        if i is not None and j is not None and i != j and _between(text, left, right) in LIST_SEPARATORS:
            beside[i].add(j)
            beside[j].add(i)
    return beside


def _whole_lists(listed: list[set[int]]) -> list[set[int]]:
    """For each name, the other names of its list, from the names right beside each (:func:`_listed_beside`)."""
    lists: list[set[int]] = [set() for _ in listed]
    for i, beside in enumerate(listed):
        if beside and not lists[i]:
            members, frontier = {i}, list(beside)
            while frontier:
                j = frontier.pop()
                if j not in members:
                    members.add(j)
                    frontier.extend(listed[j])
            for j in members:
                lists[j] = members - {j}
    return lists


def _capitals_namesake_among(
    alone: list[Candidate],
    together: list[Candidate],
    points: Points,
    listed: list[Candidate],
) -> bool:
    """Tell whether a capital's name means, in a document, a namesake among its other places.

    ``alone`` leads with a capital and ``together`` with a namesake, named so by its own name (a
    town that bears the capital's name among its others is none: *Peking* beside *Passau* and
    *Regensburg* is Beijing, not Pöcking, which GeoNames also calls Peking), that lies within
    :data:`AMONG_KM` of two of the document's other places (``points``), or of one of the
    places listed beside the name (``listed``) that is no :data:`GREAT_CITY` but its country's
    capital. A first-level division the document names is near the places it holds, wherever
    its point lies (as the ranking has it: :func:`~toponym_server.matching.ranking.context_geometry`),
    and a namesake that is a first-level division holding one of the document's places is among
    them (*Victoria* beside *Melbourne* is the Australian state, not the Seychelles' capital).
    A country's name always means the country.
    """
    if not alone or not together or alone[0].place.feature_code != "PPLC":
        return False
    if together[0].match_kind is not MatchKind.EXACT:
        return False
    place = together[0].place
    here = (place.latitude, place.longitude)
    near = sum(distance_km(here, point[:2]) <= AMONG_KM or _holds_it(point, place) for point in points)
    return near >= 2 or _holds_one(place, points) or any(
        distance_km(here, (c.place.latitude, c.place.longitude)) <= AMONG_KM
        and (c.place.population < GREAT_CITY or c.place.feature_code == "PPLC")
        for c in listed
    )


def _holds_one(division: PlaceRow, points: Points) -> bool:
    """Tell whether ``division`` is a first-level division that holds a place of ``points``."""
    return division.feature_code == "ADM1" and any(
        point[2] == division.country_code and len(point) > 3 and point[3] == division.admin1_code and not point[4]
        for point in points
    )


def _holds_it(point: Point, place: PlaceRow) -> bool:
    """Tell whether ``point`` is a first-level division the document names and ``place`` lies in it."""
    code = named_division(point)
    return bool(code) and place.country_code == point[2] and place.admin1_code == code


def _inside(town: Candidate, area: Candidate, *, by_department: bool = False) -> bool:
    """Tell whether ``town`` lies in ``area``: in its country, and its first-level division unless a country.

    With ``by_department``, in its second-level division too where ``area`` is one.
    """
    if town.place.country_code != area.place.country_code:
        return False
    if area.kind is Kind.COUNTRY:
        return True
    # The embedded gazetteer's towns carry no second-level division: their first-level one must do.
    same_department = not by_department or area.place.feature_code != "ADM2" or not town.place.admin2_code
    return town.place.admin1_code == area.place.admin1_code and (
        same_department or town.place.admin2_code == area.place.admin2_code
    )


def _a_written_datelines_place(text: str, span: Span) -> bool:
    """Tell whether ``span`` is a dateline's place written as wire copy writes one: in capitals or before an agency.

    *AJACCIO (AFP) -*, *LAMPEDUSA -*, *Feldkirch (APA) -*, *زاخو -*: a town, however small; not a
    sentence's first word before a dash (*Sono - disse -*).
    """
    in_capitals = span.text.isupper() or not _cased(span.text)
    return (in_capitals or _AGENCY_AFTER.match(text, span.end) is not None) and _a_dateline(text, span)


def _a_dateline(text: str, span: Span) -> bool:
    """Tell whether ``span`` is a dateline's place: a paragraph's first words, then a dash (:data:`_DATELINE_AFTER`).

    Or the first words after the agency's name that opens the paragraph (:data:`_AGENCY_OPENING`).
    """
    line = text.rfind("\n", 0, span.start) + 1
    opening = not text[line : span.start].strip(" \t\u00a0") or _AGENCY_OPENING.fullmatch(text, line, span.start)
    return bool(opening) and _DATELINE_AFTER.match(text, span.end) is not None


def _department_or_more(candidate: Candidate) -> bool:
    """A country, a first-level or a second-level division (a French department)."""
    return _major_area(candidate) or candidate.place.feature_code == "ADM2"


def _french_before(text: str, position: int) -> bool:
    """Tell whether the words before ``position`` are French: two of :data:`_FRENCH_WORDS` at least."""
    words = re.findall(r"\w+", text[max(0, position - _FRENCH_REACH) : position].lower())
    return sum(w in _FRENCH_WORDS for w in words) >= 2


def _exactly(written: str, name: str) -> bool:
    """Tell whether ``name`` is ``written`` (in NFC, case folded) letter for letter, case aside."""
    return unicodedata.normalize("NFC", name).casefold() == written


def _as_sure_as(confidence: float, area: Candidate, others: list[Candidate]) -> list[Candidate]:
    """An area a place written before it lies in, at least as sure as that place there, then its ``others``.

    Asked alone among its country's areas, *Washington* is the state at 0.31 only, beside its
    counties; after *Spokane*, which lies in it, it is the state as surely as Spokane is Spokane.
    The others keep their shares of what is left.
    """
    if area.confidence >= confidence:
        return [area, *others]
    left = (1.0 - confidence) / (1.0 - area.confidence) if area.confidence < 1.0 else 0.0
    return [replace(area, confidence=confidence), *(replace(c, confidence=c.confidence * left) for c in others)]


def _sure_inside(within: AnsweredWithin | None, areas: bool = False) -> TypeGuard[AnsweredWithin]:
    """Tell whether a span and the area after it are a place and its area: one met whole there, surely.

    Not an area itself unless ``areas``, and at least :data:`PAIR_CONFIDENCE` likely: the United
    States hold many towns named Paris, none surely (*In Paris, US officials met*: Paris, France).
    """
    if within is None:
        return False
    best = within.answers[0]
    return (
        best.match_kind in MET_WHOLE
        and (areas or best.kind not in AREA_KINDS)
        and best.confidence >= PAIR_CONFIDENCE
    )


def _as_shares(candidates: list[Candidate]) -> list[Candidate]:
    """``candidates``, each as sure as its share of their confidence (none where they hold none)."""
    total = sum(c.confidence for c in candidates)
    return [replace(c, confidence=c.confidence / total) for c in candidates] if total > 0.0 else []


def _first_level_or_country(place: PlaceRow) -> bool:
    return place.feature_code == "ADM1" or place.feature_code in _STATE_CODES - {"PPLC"}


def _division_leading(*readings: list[Candidate]) -> PlaceRow | None:
    """The first- or second-level division the first of ``readings`` that leads with one leads with."""
    return next((r[0].place for r in readings if r and r[0].place.feature_code in ("ADM1", "ADM2")), None)


def _point(place: PlaceRow) -> tuple[float, float]:
    return (place.latitude, place.longitude)


def _holds(division: PlaceRow, place: PlaceRow) -> bool:
    """Tell whether ``place`` lies inside ``division`` (the city a governorate is named after)."""
    area = Area.of(division)
    return area is not None and area.holds(place)


def _among_outside(place: PlaceRow, divisions: list[PlaceRow]) -> bool:
    """Tell whether ``place`` lies among ``divisions``, within :data:`AMONG_KM` of one, but inside none.

    The federal capital lies so among Virginia and Maryland; Oregon, Ohio lies inside Ohio.
    """
    near = any(distance_km(_point(place), _point(d)) <= AMONG_KM for d in divisions)
    return near and not any(_holds(d, place) for d in divisions)


def _a_great_division(candidates: list[Candidate]) -> bool:
    """Tell whether the best of ``candidates`` is a first-level division of :data:`GREAT_DIVISION` people, surely.

    At least :data:`SURE_DIVISION` sure.
    """
    if not candidates:
        return False
    best = candidates[0]
    return best.confidence >= SURE_DIVISION and best.place.feature_code == "ADM1" and (
        best.place.population >= GREAT_DIVISION
    )


def _stands_for_a_state(candidates: list[Candidate]) -> bool:
    """Tell whether ``candidates`` lead with a capital or a country, sure enough to stand for its government.

    A place met only by a name not its own must be surer (:data:`_SURE_BY_ANOTHER_NAME`): *Marawi*, Malawi
    in Chiga and Maori, is the Philippine city beside Iligan, while *Alemania* or *Tchad* is the country.
    """
    if not candidates or candidates[0].place.feature_code not in _STATE_CODES:
        return False
    best = candidates[0]
    return best.confidence >= (_SURE_BY_ANOTHER_NAME if best.match_kind is MatchKind.ALTERNATE_NAME else 0.5)


_SURE_BY_ANOTHER_NAME = 0.7


@dataclass(frozen=True, slots=True)
class _KindsWordBefore:
    """A word before a name that says the name's kind: where to look for it, what to ask, what to keep."""

    word: re.Pattern[str]
    reach: int
    kinds: frozenset[Kind]
    keeps: Callable[[PlaceRow], bool]


_KINDS_WORDS_BEFORE = (
    _KindsWordBefore(_STATES_WORD_BEFORE, _STATES_WORD_REACH, _STATES, _first_level_or_country),
    _KindsWordBefore(
        _DIVISIONS_WORD_AND_OF, _DIVISIONS_WORD_REACH, _DIVISION, lambda p: p.feature_code in _LEVELS
    ),
)
"""The French and German state's words (a state or a country), and the English division's words and *of*
(a first- or second-level division)."""
