"""Ranking: combine name similarity, prominence and the caller's hints into one score per place.

Signals:

- how the query meets the place's names, on several views of them, its prominence, its kind
  and a preferred country: the fitted log-odds model of :mod:`.scoring`;
- the name's status (historic, in the caller's language), a point to be near, a generic word in
  the query (*governorate* asks for an admin area, *city* for a populated place), a city over
  the division named after it, a country or a capital over the towns named after it, and a place
  named so in its own country's script: hand-set weights in the same units;
- context: the places other names of the same batch resolved to (:func:`with_context`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein

from toponym_server.matching.features import COUNTRY_CODE_PREFIX, OTHER_COUNTRY_CODES, Kind, kind_of_feature
from toponym_server.matching.generic_words import MUNICIPALITY_WORDS, admin_words_in, asks_for_subdivision, kind_of
from toponym_server.matching.local_script import countries_writing, is_local_script, script_of
from toponym_server.matching.normalize import (
    ARTICLES,
    Normalized,
    compared_forms,
    content_words,
    described_name,
    marked_of,
    phonetic_variants,
    spelling,
)
from toponym_server.matching.pinyin import is_pinyin_romanisation
from toponym_server.matching.prominence import as_populated
from toponym_server.matching.scoring import (
    FEATURES,
    MODEL,
    NAME_EVIDENCE,
    PARTIAL,
    NameComparer,
    RankingModel,
    best_of,
    is_syllabic,
    place_evidence,
    place_features,
    scores,
)
from toponym_server.matching.script import has_arabic
from toponym_server.matching.similarity import (
    FEW_CHOICES,
    PHONETIC_EQUAL,
    MatchKind,
    name_similarities,
    partial_credit,
    partial_credits,
    similarity_array,
)

FLAG_PREFERRED = 1
FLAG_SHORT = 2
FLAG_COLLOQUIAL = 4
FLAG_HISTORIC = 8
FLAG_CANONICAL = 16
FLAG_NON_LATIN = 32
FLAG_CODE = 64  # an abbreviation or code (IATA, FAA ...) among the alternate names: a name only of a country
FLAG_CUSTOM = 128  # a name from a custom-places file, or spelt (folded) as one of its place's
# An alternate name in lower-case Latin letters: GeoNames' machine romanisation of a name in
# another script (Paris's *barys*, *pali*, *pyaris*; Ghent's *ken t*), not a name anyone writes.
FLAG_ROMANISED = 256

# Scores are log-odds (see :mod:`.scoring`, whose weights are fitted). The benchmark sets hold no
# bias points, documents, generic words, language hints or name statuses, so these weights are
# set by hand, in the same units.
W_NEAR = 3.0
W_CONTEXT = 8.0
W_GENERIC = 2.4
# A generic word of a level (*region*, *oblast* the first; *district*, *raion* lower) asks for a
# division of that level: one of another is held back where its country has a division of the
# asked level named as closely (*Donetsk region* is the oblast, not Donetsk Raion). Only there:
# countries give their levels other words (Ireland's and Norway's counties, Lebanon's and
# Moldova's districts are first-level divisions, Italy's provinces second-level ones).
W_OTHER_LEVEL = -3.0
W_LANGUAGE = 1.5  # outweighs the fitted preference for a canonical name
W_HISTORIC = -0.6
# A Latin query met only through a name in Chinese characters, Japanese kana or Korean Hangul
# (or GeoNames' pinyin of one) of a place whose country does not write that script: such an
# exonym is a sound-alike of the place's name, and read back it is another name altogether
# (*巴黎*, Paris, reads *ba li*, as *Bali* folds). The fitted model weighs a syllabic script's
# transliterations as a whole; the foreign place's own are the ones no Latin name comes from.
# Hand-set: of the places of 15,000 people or more asked by their own name, the two weights at
# -2 answered 168 more with themselves than before either, at -3 187, none fewer either way; the
# benchmarks' spelling variants came out the same at both (BENCHMARKS.md, forty-eighth session).
W_FOREIGN_SYLLABLES = -3.0
# A Latin query met whole only through such a machine romanisation (FLAG_ROMANISED) of another
# script's name, as much: read back, another script's exonym is another name (*Kent* is no Ghent,
# *Swan* no Sevan, *Lundu* no Rundu). Met in part, a romanisation is as near as any spelling, and
# the benchmarks' spelling variants meet their places through them as often as not.
W_ROMANISED = -3.0
# A country's names are the best covered of all (hundreds of languages and spellings), so a
# country met only through an inexact spelling (*Angela* for Angola) is weak evidence; the
# benchmarks ask for towns and cannot fit this.
W_COUNTRY_INEXACT = -2.0
# A national capital is named far more often than the towns named after it, and stands for its
# government (*Washington says*); the benchmarks ask for towns and cannot fit this either.
W_CAPITAL = 1.5
# Not a capital of fewer people than this (GeoNames' figure for the town itself): the capital of
# a territory of a few thousand people is not named more often than a town of its size, and is
# weighed as one, without the capitals' prominence floor (*Hamilton* is Hamilton, Ontario before
# the capital of Bermuda, of 902 people; *Kingston* Jamaica's capital well before Norfolk
# Island's, of 880; *Plymouth* the English city before Montserrat's abandoned capital). In a
# country the hints name it is still the capital (*Hamilton* hinted BM, or *Hamilton, Bermuda*,
# is the capital, not the parish of that name, whose division floor outweighs a town of 902).
CAPITAL_PEOPLE = 10_000
# The same holds of a country named exactly (*Lebanon*, *Jordan* against the towns named after them);
# a little less, so that a capital as prominent as its country keeps the name they share (*Singapore*).
# By its own name, a preferred or short one, one in the caller's language or in a script the
# country writes (*الكويت*): other languages' names of countries are other places' names too
# (*Granada* is Grenada in Spanish).
W_COUNTRY = 1.4
# Met in Latin script by another language's name that a city elsewhere bears as its own
# (*Granada* is Grenada in Spanish, *Columbia* Colombia in Latin), a country gives up part of the
# lead prominence gives it: the city of Granada, not the island. Only for a city of about
# _OWNER_PROMINENCE: a town's own name does not outweigh a country's exonym (*Grecia*, Greece in
# Spanish, is also a Costa Rican town), nor does a name with no namesake (*Alemania*) lose anything.
W_COUNTRY_EXONYM = -1.0
# A city of some 400,000 people, or a smaller one the gazetteer names in many languages.
_OWNER_PROMINENCE = 0.8
# A town bearing a name as its own also outweighs a place that bears it among its others and is
# at most this much more prominent (a town some 25 times as populous): GeoNames' alternate names
# of the embedded data say nothing of which are historic, and a city's old or other name that a
# town of a tenth of its size bears as its own is not what the name means (*Waterloo*, an early
# name of Austin, Texas, is the Ontario city; *Newton*, one of Tallahassee's, the Massachusetts
# one). The famous meaning of an exonym or an old name is a city far more prominent than the towns
# bearing it (*Bombay*, *Madras*, *Edo*, *Batavia*). Only for a town of some 100,000 people
# (_OWNER_PROMINENCE less half the gap): between smaller places, how many languages name the
# bearer tells more (the Syrian *Palmyra*, Tadmur by its own name, against Palmyra, New Jersey).
# A country, of prominence 1, keeps _OWNER_PROMINENCE.
_OWNER_GAP = 0.2
# A town of any size bearing a name as its own outweighs a place that bears it among its others and
# is at most this much more prominent (about twice as populous, or as populous and named in a few
# more languages): between places about as well known, the name is the one's own (*Sonoma*, an old
# name of Ennis, Texas, is the Californian town).
_OWNER_TIE = 0.05
# The divisions whose own names outweigh a place abroad that bears them among its others: a
# county or district is named by its own name as a state is (*Somerset*, *Mafia*).
_OWNING_DIVISIONS = frozenset({"ADM1", "ADM2"})
# Met only by a name that is not its own while a town elsewhere bears it as its own, a place
# gives up some of the lead its prominence gives it, and a capital its capital's weight (*Akashi*,
# Hagåtña's name under Japanese rule, is the Japanese city), as a country met by a city's name
# does (above).
W_OTHERS_NAME = -1.0
# A town named so by its own name that holds less than _OWN_SEAT_SHARE of the people of a
# first-level division of its country named so too is named after it, or only shares its name:
# the state is what the name means (*Quebec*, *Oaxaca*, *Okinawa*, *Tochigi*), as much as a town
# met only by another place's name gives up (W_OTHERS_NAME). Not the country's capital.
W_NAMED_AFTER_STATE = -1.0
W_CANONICAL = 0.1  # the place's own name over an equally close alternate one, all else equal
# A bare name more often means the city than the division named after it (the convention of
# GeoNames-based geocoders); a generic word such as "governorate" outweighs this. A division named
# as written that no town of its country of about its prominence shares a name with (*Anbar*,
# *Nineveh*; *Maryland*, whose namesake in New York is a village) is what the name means; met
# only by a near spelling, it is as unlikely as any other.
W_ADMIN_AREA = -1.0
# How much less close than a division's a namesake's name may be (a town's, or another level's).
_NAMESAKE_CLOSENESS = 0.05
# How much less prominent than a division a town may be and still be the place it is named after.
_SEAT_PROMINENCE = 0.15
# The share of a division's people that a town met by a name not its own must hold to be the place
# the division's name means: Aleppo holds three quarters of its governorate (*Halab*), New York
# City 28 % of its state; Recife, which bears *Pernambuco* among its names, a sixth of its state,
# Oklahoma City 22 % and Okazaki (*Aichi*) 5 %. A town named so by its own name must hold a tenth
# (_OWN_SEAT_SHARE): Porto holds 12 % of its district and Zürich 16 % of its canton, but the towns
# of Guanajuato 1.4 % of the state, Québec 5 % of the province and Mie 1.8 % of the prefecture. A
# country's capital needs no share (*Lisboa*, *Berne*); where the index gives either figure as 0
# the share is not known. Only of a first-level division: a second-level one is most often named
# after its seat, whatever share of its people that holds (Italy's and Spain's provinces, India's
# districts: *Mantova* and *Padova* are the cities GeoNames calls Mantua and Padua, which bear
# them in Italian).
_SEAT_SHARE = 0.25
_OWN_SEAT_SHARE = 0.1
_SHARE_WEIGHED = "ADM1"
# How far from a division's point a town met by a name not its own may lie and still be the place
# the division is named after (*Raqqa*, *Oklahoma City*); one elsewhere in the country that bears
# the name among its others is not (*Maine*, an alternate name of Des Plaines, Illinois). A town
# named so by its own name counts wherever it lies (*Walton*, Kentucky, against Walton County,
# Florida). A division's point is its seat or its middle.
SEAT_KM = 500.0
# A name in another script than Latin that the place's own country writes it in (بيت لحم is
# Bethlehem in the West Bank first, though GeoNames gives Bethlehem, Pennsylvania the name too).
W_LOCAL_SCRIPT = 1.0
# A place in a country that writes a transliterated query's script, met through another name: a
# name written in Arabic script most often names a place where Arabic script is written, and
# such a place's name in it is often missing from GeoNames (*عفرين* is Afrin before Freetown,
# whose Arabic name is *فريتاون*). As much as being named so in that script (W_LOCAL_SCRIPT), and
# only for a place met as closely as a phonetic equal: *إقليم تيغراي* is Tigray (ET), whose Latin
# name sounds as the query, not Tadjourah (DJ), which only shares its skeleton.
W_SCRIPT_COUNTRY = 1.0
# A query in Chinese characters that a place's name writes character for character: in pinyin
# far more names fold alike than are written alike (*巴里* is Bari, though Paris's *巴黎* reads
# *ba li* as well; *福山* is Fukuyama, not Foshan, *佛山*).
W_CHARACTERS = 2.0
# A Latin query written with its marks (*Şuşa*, *Nawá*, Azerbaijan's *Laçin* with a dotless i),
# where some place has a name spelt with those very marks: a place of another country, none of
# whose places has the name so, was met only through folding them away (Sousse, through *Susa*;
# Naha, Japan, through *Nawa*; China, through *Lacin*). Only another country's: within one, a
# town may lack the marks its division's name has (*Baghdād* is the city, whose names GeoNames
# writes *Baghdad*).
W_UNMARKED = -1.0
_SCRIPT_COUNTRY_CLOSENESS = PHONETIC_EQUAL - 0.1
# A query that writes the Arabic article (*Эль-Кисва*, *الرديف*) before its name means a place
# one of whose names met writes one too: Al Kiswah, not Kyiv (met as *Kyiva*) on its prominence. The
# similarities compare the names without their articles, and the benchmarks hold too few such
# names to fit a weight: on the Arabic-gap set this one gave 5 more of 1,437 bare, 1 hinted
# (weighing only the name that met best, 0.25, 0.5 and 1.0 had given 3, 6 and 8 more).
W_ARTICLE = 0.5
# A name a custom-places file (the project's seeds, an operator's own) gives the place, met whole:
# someone who knows what the name means there put it there (*Ras al-Ayn* is the Syrian border
# town, though GeoNames gives Rosh HaAyin (IL), five times as populous, the name as well).
W_CURATED = 2.0
# A place of the kind a query's generic word asks for, named as the name the query describes
# (:func:`.normalize.described_name`): *Sinjar* the district for *Sinjar district*, not the more
# prominent *Sanghar District*, which the fitted model finds closer for sharing the word. Such a
# name shows as met whole but for the word (CONTENT_EQUAL, by "content").
W_DESCRIBED = 2.0
CONTENT_EQUAL = 0.97
_DESCRIBED_VIEW = "content"
_TOWN_OR_DIVISION = frozenset({Kind.ADMIN_AREA, Kind.POPULATED_PLACE})
# Within _best_name, in similarity units: which of a place's names decided.
_NAME_LANGUAGE = 0.03
_NAME_STATUS = 0.005  # a canonical or preferred name over an equally close alternate one
_NAME_HISTORIC = 0.03
_NAME_CODE = -0.1  # a match on a code such as "SRY" is weak evidence for a name
_WHOLE = 1.0 - 1e-9  # a similarity worked back from a closeness is 1 up to rounding
_NAME_SCRIPT_BRIDGE = 0.08  # a Latin query meeting a name only through that name's transliteration
# A query in another script than Latin meeting a name in such a script, over a romanisation folded
# alike (*byt lhm* beside *بيت لحم*); so little that a romanisation alone still answers exactly.
_NAME_OWN_SCRIPT = 0.001
NEAR_SCALE_KM = 250.0
# A document's places spread wider than one bias point's neighbourhood (a country, a front line).
CONTEXT_SCALE_KM = 400.0
# A document whose places of one country lie farther apart than one region (Boston, New York,
# Chicago and Miami) pulls less with them: by this much over the median distance between them.
# A namesake near one of them is then no likelier than a famous place far from all (Miami is
# Florida's city, not an Indiana county beside Chicago). See context_weights.
REGION_KM = 400.0
# The spread is measured on a document's first places only: a batch may hold thousands.
_SPREAD_SAMPLE = 64
# A document's place across a border is never a candidate's neighbour: it pulls as if it lay this
# far at least (*Donetsk* beside *Luhansk* is Ukraine's city, not the Russian town nearer Luhansk).
BORDER_KM = 150.0
# A first-level division a document names pulls a place inside it as if it lay this far from the
# division's point at most, wherever GeoNames puts the point (Kentucky's at Louisville, on its
# border). No nearer: a state then pulls a capital's namesake inside it past the capital (*The
# Texas governor met the French president in Paris* settled on Paris, Texas). See context_geometry.
DIVISION_KM = 200.0
# A country a document names pulls a place inside it as if it lay this far from the country's
# point, wherever it lies: the point says nothing of where in the country a place is (the embedded
# gazetteer puts it at the capital). Far enough that *Mexico* does not pull *Texas* to a village
# 67 km from Mexico City (past 480 km), near enough that *Lebanon* pulls *Tripoli* home (below
# 575 km). See context_geometry.
COUNTRY_KM = 520.0
EARTH_RADIUS_KM = 6371.0


ContextPoint = tuple[float, float, str] | tuple[float, float, str, str, bool]
"""A place of a name's document that pulls it: its latitude, longitude and country code; and,
where known, the code of the first-level division it lies in and whether it is that division
(:func:`point_division`). A country is its country's area: no division code, and true."""

FIRST_LEVEL_DIVISIONS = frozenset({"ADM1"})
"""The feature codes of first-level divisions (GeoNames' ``ADM1``): such a place holds the places of its code."""

UNKNOWN_DIVISIONS = ("", "00")
"""First-level division codes that name no division: none, and GeoNames' ``00`` (its division unknown)."""


def point_division(point: ContextPoint) -> tuple[str, bool]:
    """The code of the first-level division a document's place lies in (``KY``), and whether it is that division.

    ``("", False)`` for a point that does not say; ``("", True)`` for a country (:func:`point_is_country`).
    """
    return (point[3], point[4]) if len(point) == 5 else ("", False)


def named_division(point: ContextPoint) -> str:
    """The code of the first-level division a document's place is (``KY``); ``""`` for a place that is none.

    A country (:func:`point_is_country`) is none, nor is a division of no known code (:data:`UNKNOWN_DIVISIONS`).
    """
    code, is_division = point_division(point)
    return code if is_division and code not in UNKNOWN_DIVISIONS else ""


def point_is_country(point: ContextPoint) -> bool:
    """Tell whether a document's place is a country: the area of its country code, in no division."""
    return len(point) == 5 and point[4] and not point[3]


@dataclass(frozen=True, slots=True)
class Hints:
    """What the caller told us besides the name."""

    countries: frozenset[str] = frozenset()
    restrict_to_countries: bool = False
    language: str = ""
    near: tuple[float, float] | None = None
    kinds: frozenset[Kind] = frozenset()


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer name that the candidate step reached, with its precomputed views."""

    name_id: int
    text: str
    lang: str
    flags: int
    folded: str
    phonetic: str
    skeleton: str
    spelled: str
    """The spelling of its content words (:func:`.normalize.content_spelling`)."""


class NameView(Protocol):
    """What ranking reads of a name: a :class:`NameHit`, or the index's own name row as it is."""

    @property
    def name_id(self) -> int:
        """The name's ID in the index."""
        ...

    @property
    def text(self) -> str:
        """The name as written."""
        ...

    @property
    def lang(self) -> str:
        """Its language tag, or empty."""
        ...

    @property
    def flags(self) -> int:
        """Its FLAG_* bits."""
        ...

    @property
    def folded(self) -> str:
        """Its folded form."""
        ...

    @property
    def phonetic(self) -> str:
        """Its phonetic form."""
        ...

    @property
    def skeleton(self) -> str:
        """Its consonant skeleton."""
        ...

    @property
    def spelled(self) -> str:
        """The spelling of its content words (:func:`.normalize.content_spelling`)."""
        ...


class PlaceFacts(NamedTuple):
    """The facts about a candidate place that ranking needs."""

    place_id: int
    feature_class: str
    feature_code: str
    country_code: str
    latitude: float
    longitude: float
    prominence: float


Signal = tuple[str, tuple[object, ...]]
"""A reason for a score, as a ``str.format`` template and its values."""

_NAME = "name {:.2f} by {}"
_PROMINENCE = "prominence {:.2f}"
_IN_COUNTRY = "in hinted country {}"
_HISTORIC = ("historic name", ())
_LANGUAGE = "name in {}"
_NEAR = "near the bias point {:.2f}"
_ASKS_ADMIN = ("generic word asks for an admin area", ())
_ASKS_OTHER_LEVEL = ("generic word asks for another level", ())
_ASKS_PLACE = ("generic word asks for a place", ())
_CONTEXT = "near the batch's other places {:.2f}"
_LOCAL_SCRIPT = ("named so in its country's script", ())
_CHARACTERS = ("named so character for character", ())
_OTHERS_NAME = ("named so by another place as its own", ())
_AFTER_STATE = ("named as a state of over ten times its people", ())
_SCRIPT_COUNTRY = ("in a country that writes the name's script", ())
_CURATED = ("named so by a curated source", ())
_FOREIGN_SYLLABLES = ("met only through an exonym in syllables its country does not write", ())
_ROMANISED = ("met only through a machine romanisation", ())
_UNMARKED = ("in a country that writes the name without its marks", ())
# _TRANSLITERATED: an abjad's romanisation lacks vowels (حمص is "hms", 0.79 from "Homs"). On the
# script-even set, 5 of the 81 rank-1 transliterations from 0.7 to 0.8 were right, none below.
_TRANSLITERATED = 0.7


def hinted_country_reason(country_code: str) -> str:
    """The reason an answer gives for lying in a country the hints name (*in hinted country SY*)."""
    return _IN_COUNTRY.format(country_code)


@dataclass(slots=True)
class Ranked:
    """A scored candidate, with the evidence that explains its score."""

    place: PlaceFacts
    score: float
    similarity: float
    match_kind: MatchKind
    matched: NameView
    view: str
    bonus: float = 0.0
    signals: tuple[Signal, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """The signals behind the score, in words: only answers are explained, so they are written on demand."""
        return [template.format(*values) for template, values in self.signals]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _unit_vector(point: tuple[float, float]) -> tuple[float, float, float]:
    lat, lon = math.radians(point[0]), math.radians(point[1])
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def unit_vectors(points: np.ndarray) -> np.ndarray:
    """The unit vectors of (lat, lon) points in degrees, one row each (:func:`_unit_vector` for many)."""
    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def context_pulls(
    dots: np.ndarray, shared: np.ndarray, point_weights: np.ndarray, holds: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pull of a document's places on each candidate, its weight, and the cosines it comes from.

    ``dots`` holds the cosines of the angles between the candidates (rows) and the places
    (columns), ``shared`` whether they share a country, ``point_weights`` each place's weight
    (:func:`context_weights` of its country). A candidate is pulled by its nearest place, one of
    another country counting as :data:`BORDER_KM` away at least: a namesake just across a border
    is no nearer to a document's places than one well inside their country; and as hard as that
    place's weight, or the full :data:`W_CONTEXT` where ``holds`` says the candidate is a division
    that holds the place: the spread of a country's places says how likely a namesake near one of
    them is by chance, not a division that holds one (*Victoria* beside *Ballarat* and
    *Melbourne*, in a story that also names Perth, is the Australian state, not the Seychelles'
    capital). Returns the pulls, their weights, each candidate's greatest cosine to any place,
    and to a place of its own country (-1 for none).
    """
    rows = np.arange(len(dots))
    nearest_at = dots.argmax(axis=1)
    closest = dots[rows, nearest_at]
    own = np.where(shared, dots, -1.0)
    compatriot_at = own.argmax(axis=1)
    compatriot = own[rows, compatriot_at]
    anywhere_km = np.maximum(EARTH_RADIUS_KM * np.arccos(np.clip(closest, -1.0, 1.0)), BORDER_KM)
    home_km = EARTH_RADIUS_KM * np.arccos(np.clip(compatriot, -1.0, 1.0))
    at_home = home_km <= anywhere_km
    pulls = np.exp(-np.where(at_home, home_km, anywhere_km) / CONTEXT_SCALE_KM)
    pulling = np.where(at_home, compatriot_at, nearest_at)
    weights = point_weights[pulling]
    if holds is not None:
        weights = np.where(holds[rows, pulling], W_CONTEXT, weights)
    return pulls, weights, closest, compatriot


_WITHIN_DIVISION = math.cos(DIVISION_KM / EARTH_RADIUS_KM)


def context_geometry(
    dots: np.ndarray,
    countries: Sequence[str] | np.ndarray,
    context: Sequence[ContextPoint],
    divisions: Sequence[str] | None = None,
    feature_codes: Sequence[str] | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cosines, shared countries and holding divisions :func:`context_pulls` takes.

    With countries and first-level divisions in them.

    A country the document names (:func:`point_is_country`) holds the places of its code, with
    ``divisions`` or without, otherwise than a division does: as :func:`_in_countries` says.

    ``dots`` holds the cosines between the candidates (rows) and the document's places
    (columns), ``countries`` the candidates' country codes, ``divisions`` the codes of the
    first-level divisions they lie in and ``feature_codes`` their feature codes. A division
    holds the places of its country and code, wherever its point lies (GeoNames puts
    Kentucky's at Louisville, on its border, and Illinois's at Chicago): a division the
    document names (:func:`point_division`) pulls a candidate inside it as if it lay
    :data:`DIVISION_KM` from its point at most, and a candidate that is a division is as near
    as can be to the document's places inside it (*Illinois* beside *Cairo*, Illinois, is the
    state, not a Missouri town nearer Cairo than Chicago). Across a division's edge, a
    candidate and a place of one country count as a place across a border does,
    :data:`BORDER_KM` apart at least (*Georgetown* beside *Kentucky* is the Kentucky town, not
    the Indiana village nearer Louisville). Without ``divisions`` the places other than countries
    pull as the points they are; so does a place of no known division (:data:`UNKNOWN_DIVISIONS`)
    that is no country, which lies inside no division and outside none. The third array says
    which candidates are divisions that hold which places.
    """
    point_countries = np.array([point[2] for point in context], dtype=str)
    shared = np.asarray(countries, dtype=str)[:, None] == point_countries[None, :]
    dots = _in_countries(dots, shared, context, feature_codes)
    lying = [point_division(point) for point in context]
    if divisions is None or not any(code for code, _ in lying):
        return dots, shared, np.zeros(shared.shape, dtype=bool)
    codes = np.array([code for code, _ in lying], dtype=str)[None, :]
    own = np.asarray(divisions, dtype=str)[:, None]
    named = np.array([named for _, named in lying], dtype=bool)[None, :]
    candidate = np.zeros((len(own), 1), dtype=bool)
    if feature_codes is not None:
        candidate = np.array([code in FIRST_LEVEL_DIVISIONS for code in feature_codes], dtype=bool)[:, None]
    is_division = named | candidate
    known = ~np.isin(codes, UNKNOWN_DIVISIONS) & ~np.isin(own, UNKNOWN_DIVISIONS) & shared
    inside = known & (own == codes)
    dots = np.where(inside & named, np.maximum(dots, _WITHIN_DIVISION), dots)
    holds = inside & candidate
    return np.where(holds, 1.0, dots), shared & ~(known & ~inside & is_division), holds


_WITHIN_COUNTRY = math.cos(COUNTRY_KM / EARTH_RADIUS_KM)
# A place outside a country the document names lies across its border from the places inside.
_OUTSIDE_COUNTRY = math.cos((COUNTRY_KM + BORDER_KM) / EARTH_RADIUS_KM)
CAPITAL_CODE = "PPLC"
"""GeoNames' feature code of a country's capital."""


def _in_countries(
    dots: np.ndarray,
    shared: np.ndarray,
    context: Sequence[ContextPoint],
    feature_codes: Sequence[str] | np.ndarray | None,
) -> np.ndarray:
    """``dots`` with the document's countries as the areas they are (see :func:`context_geometry`).

    A country the document names (:func:`point_is_country`) says that a place lies in it, not
    where: a candidate inside it counts as lying :data:`COUNTRY_KM` from its point, wherever it
    lies (*Texas*, a village of a thousand people 67 km from Mexico City, is no nearer *Mexico*
    than Chihuahua is), but its capital no farther than it lies (*عمان* beside *Jordan*, whose
    point the embedded gazetteer puts at Amman, is Amman, not Oman beside *Muscat*), nor a country
    of its code, the country itself named again (*Panama* beside *Republic of Panama* is the
    country, not its capital at the same point); and a candidate outside it as across its border,
    :data:`BORDER_KM` farther at least (*Ruwais* beside *Qatar* is the Qatari town, not its
    namesake in the Emirates, nearer Doha than 520 km), unless that candidate is a country too:
    two countries lie as near each other as their points do (*Liban* beside *Syria* is Lebanon).
    A candidate that is a country pulls as its point does, not as the area holding the
    document's places: *Şam* beside *Halep* and *Menbiç* is Damascus, which Turkish calls so, not
    Syria, which it once called so too.
    """
    named = np.array([point_is_country(point) for point in context], dtype=bool)[None, :]
    if not named.any():
        return dots
    country = capital = np.zeros((len(dots), 1), dtype=bool)
    if feature_codes is not None and len(feature_codes):
        codes = np.asarray(feature_codes, dtype=str)
        country = (np.char.startswith(codes, COUNTRY_CODE_PREFIX) | np.isin(codes, OTHER_COUNTRY_CODES))[:, None]
        capital = (codes == CAPITAL_CODE)[:, None]
    inside = np.where(capital | country, np.maximum(dots, _WITHIN_COUNTRY), _WITHIN_COUNTRY)
    outside = np.where(country, dots, np.minimum(dots, _OUTSIDE_COUNTRY))
    return np.where(named, np.where(shared, inside, outside), dots)


def _match_kind(query: Normalized, hit: NameView, view: str, similarity: float) -> MatchKind:
    """How ``hit`` met ``query``: ``similarity`` is the name's own, before its status is weighed.

    A name of another script is a transliteration if met at least :data:`_TRANSLITERATED` closely
    (*حمص*, *Homs*), and fuzzy otherwise, as any name met only in part is (*Middletown* is no
    transliteration of *Μπαδαλόνα*, whose consonants it shares in part).
    """
    if query.transliterated != _in_other_script(query, hit):
        return MatchKind.TRANSLITERATION if similarity >= _TRANSLITERATED else MatchKind.FUZZY
    if (view == "folded" and similarity >= _WHOLE) or view == _DESCRIBED_VIEW:
        return MatchKind.EXACT if hit.flags & FLAG_CANONICAL else MatchKind.ALTERNATE_NAME
    return MatchKind.PHONETIC if view in ("phonetic", "skeleton") and similarity >= 0.8 else MatchKind.FUZZY


class EvidenceTable(NamedTuple):
    """What ranking knows about its candidates.

    The model's features (a row per candidate) and, per candidate, the similarity, view and
    name of the name that decided.
    """

    features: NDArray[np.float64]
    similarities: list[float]
    views: list[str]
    names: list[NameView]


def evidence_table(
    query: Normalized, candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]], hints: Hints
) -> EvidenceTable:
    """Compute the features of :mod:`.scoring` for candidate places and the names that reached them.

    Every candidate has at least one name (``ValueError`` otherwise). Each distinct (folded,
    phonetic, skeleton) view is compared with the query once (namesakes share them), all in one
    call into rapidfuzz per measure; up to :data:`~.similarity.FEW_CHOICES` names, name by name
    instead (the same values, bit for bit). A place's name is the one closest to the query after
    its status is weighed (a transliteration, a code or a historic name counts less, a name in the
    caller's language or the place's own name more; the first of equals); its name evidence is
    the best of all its names (:func:`~.scoring.best_of`).
    """
    if not candidates:
        return EvidenceTable(np.zeros((0, len(FEATURES))), [], [], [])
    if not all(names for _, names in candidates):
        raise ValueError("every candidate place needs a name that reached it")
    if sum(len(names) for _, names in candidates) <= FEW_CHOICES:
        return _evidence_by_name(query, candidates, hints)
    return _evidence_by_column(query, candidates, hints)


def _is_country(place: PlaceFacts) -> bool:
    """The place is a country (or a territory): its abbreviations (*USA*, *UK*, *UAE*) are names, not codes."""
    # The class first: most candidates are not areas, and this runs for each.
    return place.feature_class == "A" and kind_of_feature(place.feature_class, place.feature_code) is Kind.COUNTRY


def _closeness(query: Normalized, hit: NameView, similarity: float, language: str, code: bool) -> float:
    """A name's similarity after its status is weighed, as :func:`_evidence_by_column` weighs it."""
    flags = hit.flags
    closeness = similarity
    if _in_other_script(query, hit):
        closeness += _NAME_OWN_SCRIPT if query.transliterated else -_NAME_SCRIPT_BRIDGE
    if code:
        closeness += _NAME_CODE
    if flags & FLAG_HISTORIC:
        closeness -= _NAME_HISTORIC
    if language and hit.lang and hit.lang.split("-")[0] == language:
        closeness += _NAME_LANGUAGE
    elif flags & (FLAG_CANONICAL | FLAG_PREFERRED):
        closeness += _NAME_STATUS
    return closeness


def _in_other_script(query: Normalized, hit: NameView) -> bool:
    """Tell whether ``query`` meets ``hit`` as a name written in a script other than Latin.

    GeoNames' pinyin (*ba li*) is flagged as the Chinese name it reads, which a Latin query meets
    through it (:data:`W_FOREIGN_SYLLABLES`); to a query in another script it is the Latin
    romanisation it is written as, not a name in a script such as the query's (*マイマナ* meets
    Maymana's *mai ma na* as it meets *Maymana*: through a romanisation).
    """
    return bool(hit.flags & FLAG_NON_LATIN) and not (query.transliterated and is_pinyin_romanisation(hit.text))


def _foreign_syllables(text: str, country_code: str) -> bool:
    """Tell whether a name is in syllables (:func:`.scoring.is_syllabic`) that ``country_code`` does not write."""
    if is_pinyin_romanisation(text):
        return country_code not in countries_writing("CJK")
    return is_syllabic(text) and not is_local_script(text, country_code)


def _similarity_of(query: Normalized, hit: NameView, closeness: float, language: str, code: bool) -> float:
    """The similarity a name's ``closeness`` (:func:`_closeness`) was weighed from, up to rounding."""
    return closeness - (_closeness(query, hit, 1.0, language, code) - 1.0)


def _evidence_by_name(
    query: Normalized, candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]], hints: Hints
) -> EvidenceTable:
    """:func:`evidence_table` bit for bit, name by name on plain floats: for a few names, numpy's calls cost more."""
    comparer = NameComparer(query)
    language = hints.language.split("-")[0].lower()
    features: list[list[float]] = []
    similarities: list[float] = []
    views: list[str] = []
    names: list[NameView] = []
    for place, hits in candidates:
        rows: list[list[float]] = []
        best = -math.inf
        decided = 0
        decided_view = ""
        country = _is_country(place)
        for at, hit in enumerate(hits):
            credit = partial_credit(query, hit.folded, hit.phonetic)
            ((similarity, view),) = name_similarities(query, [(hit.folded, hit.phonetic, hit.skeleton)], [credit])
            rows.append(comparer.evidence_row(hit.folded, hit.phonetic, hit.skeleton, hit.spelled, similarity, credit))
            closeness = _closeness(query, hit, similarity, language, bool(hit.flags & FLAG_CODE) and not country)
            if closeness > best:  # the first of equals decides
                best, decided, decided_view = closeness, at, view
        name_evidence = [max(column) for column in zip(*rows, strict=True)]
        name_evidence[PARTIAL] = rows[decided][PARTIAL]
        hit = hits[decided]
        bridge = bool(hit.flags & FLAG_NON_LATIN) and not query.transliterated
        features.append(
            place_features(
                query,
                name_evidence,
                (bridge, bridge and is_syllabic(hit.text), bool(hit.flags & FLAG_CODE) and not country),
                (place.prominence, all(len(query.tokens) != h.folded.count(" ") + 1 for h in hits)),
                bool(hints.countries),
                place.country_code in hints.countries,
            )
        )
        similarities.append(best)
        views.append(decided_view)
        names.append(hit)
    return EvidenceTable(np.array(features, dtype=np.float64), similarities, views, names)


def _evidence_by_column(
    query: Normalized, candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]], hints: Hints
) -> EvidenceTable:
    """:func:`evidence_table` with the string comparisons in batch calls, a column of features at a time.

    Which name decides for each place is found in one pass over the names on plain floats: for
    the tens of names a ranking holds, that costs less than numpy's calls on arrays of them.
    """
    hits = [hit for _, names in candidates for hit in names]
    distinct: dict[tuple[str, str, str], int] = {}
    position = [distinct.setdefault((hit.folded, hit.phonetic, hit.skeleton), len(distinct)) for hit in hits]
    views = list(distinct)
    # A name's spelling follows from its folded form: any hit with the view has the view's.
    spellings = [""] * len(views)
    for hit, at in zip(hits, position, strict=True):
        spellings[at] = hit.spelled
    credits = partial_credits(query, views)
    found = name_similarities(query, views, credits)
    similarities = [similarity for similarity, _ in found]
    per_hit = NameComparer(query).evidence_matrix(views, spellings, similarities, credits)[position]

    language = hints.language.split("-")[0].lower()
    word_count = len(query.tokens)
    starts: list[int] = []
    decided: list[int] = []
    best_closeness: list[float] = []
    codes: list[bool] = []
    word_count_differs: list[bool] = []
    at = 0
    for place, names in candidates:
        country = _is_country(place)
        starts.append(at)
        best, chosen, chosen_code, differs = -math.inf, at, False, True
        for hit in names:
            code = bool(hit.flags & FLAG_CODE) and not country
            closeness = _closeness(query, hit, similarities[position[at]], language, code)
            if closeness > best:  # the first of equals decides
                best, chosen, chosen_code = closeness, at, code
            differs = differs and word_count != hit.folded.count(" ") + 1
            at += 1
        decided.append(chosen)
        best_closeness.append(best)
        codes.append(chosen_code)
        word_count_differs.append(differs)

    names_decided = [hits[d] for d in decided]
    bridge = [bool(hit.flags & FLAG_NON_LATIN) and not query.transliterated for hit in names_decided]
    syllabic = [b and is_syllabic(hit.text) for b, hit in zip(bridge, names_decided, strict=True)]
    features = place_evidence(
        query,
        best_of(per_hit, np.array(starts, dtype=np.intp), np.array(decided, dtype=np.intp)),
        (np.array(bridge, dtype=bool), np.array(syllabic, dtype=bool), np.array(codes, dtype=bool)),
        (
            np.array([place.prominence for place, _ in candidates], dtype=np.float64),
            np.array(word_count_differs, dtype=bool),
        ),
        bool(hints.countries),
        np.array([place.country_code in hints.countries for place, _ in candidates], dtype=bool),
    )
    return EvidenceTable(features, best_closeness, [found[position[d]][1] for d in decided], names_decided)


class Evidence(NamedTuple):
    """What ranking knows about one candidate: the model's features and the name that decided."""

    features: list[float]
    similarity: float
    view: str
    name: NameView


def evidence(query: Normalized, place: PlaceFacts, hits: Sequence[NameView], hints: Hints) -> Evidence:
    """:func:`evidence_table` for one candidate place (with at least one name)."""
    table = evidence_table(query, [(place, hits)], hints)
    return Evidence(table.features[0].tolist(), table.similarities[0], table.views[0], table.names[0])


def admits(hints: Hints, place: PlaceFacts, kind: Kind | None = None) -> bool:
    """Tell whether the caller's hints allow ``place`` at all (its kind, a country restriction)."""
    if hints.kinds and (kind or kind_of_feature(place.feature_class, place.feature_code)) not in hints.kinds:
        return False
    return not hints.restrict_to_countries or place.country_code in hints.countries


def meeting(
    query: Normalized, candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]]
) -> Sequence[tuple[PlaceFacts, Sequence[NameView]]]:
    """``candidates``, each with only the names that can meet ``query``, in the same order.

    A query in a script other than Latin meets no code: a code is written in Latin capitals,
    and only the romanisation of the query spells like it (*عدن*, *adn*, is Aden, not the airport
    code *ADN* of Andes, Colombia). A candidate left without a name stays, with none, so that
    positions hold; :func:`shortlist` and :func:`rank` pass over it.
    """
    if not query.transliterated:
        return candidates
    return [(place, [hit for hit in hits if not hit.flags & FLAG_CODE]) for place, hits in candidates]


def shortlist(
    query: Normalized,
    candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]],
    hints: Hints,
    size: int,
    model: RankingModel = MODEL,
) -> list[int]:
    """The positions of the ``size`` candidates likeliest to rank high, in their original order.

    A first stage before :func:`rank`: a query's keys reach tens to hundreds of places, most of
    them far from it. Each candidate (with at least one name) is scored by the part of the model
    that costs a few vectorised string comparisons (the Indel, Levenshtein and Jaro-Winkler
    similarities of its closest folded name and the Levenshtein similarity of its content words'
    spelling, its prominence, the country hint and the bias point), so that only the shortlist
    pays for the full evidence. Only places the hints admit (:func:`admits`) are chosen.
    """
    if len(candidates) <= size:
        return list(range(len(candidates)))
    candidates = meeting(query, candidates)
    # Places the hints rule out (rank drops them anyway) or without a name take no place here.
    if hints.kinds or hints.restrict_to_countries:
        allowed = [i for i, (place, hits) in enumerate(candidates) if hits and admits(hints, place)]
    else:
        allowed = [i for i, (_, hits) in enumerate(candidates) if hits]
    if len(allowed) < len(candidates):
        return [allowed[i] for i in shortlist(query, [candidates[i] for i in allowed], hints, size, model)]
    folded = query.folded.replace(" ", "")
    names = compared_forms(query, (hit.folded for _, hits in candidates for hit in hits))
    counts = [len(hits) for _, hits in candidates]
    starts = np.fromiter(accumulate(counts[:-1], initial=0), dtype=np.intp, count=len(counts))
    name_part = np.zeros(len(names))
    for scorer, weight in (
        (Indel.normalized_similarity, model.folded),
        (Levenshtein.normalized_similarity, model.levenshtein),
        (JaroWinkler.normalized_similarity, model.jaro_winkler),
    ):
        name_part += weight * similarity_array(scorer, folded, names)
    spelled = [hit.spelled for _, hits in candidates for hit in hits]
    query_spelling = spelling(" ".join(query.tokens))
    name_part += model.spelling * similarity_array(Levenshtein.normalized_similarity, query_spelling, spelled)
    prominence = np.array([place.prominence for place, _ in candidates])
    total = (
        np.maximum.reduceat(name_part, starts)
        + model.prominence * prominence
        + model.prominence_squared * prominence * prominence
    )
    if hints.countries:
        total += model.in_hinted_country * np.array(
            [place.country_code in hints.countries for place, _ in candidates], dtype=float
        )
    if hints.near is not None:
        vectors = unit_vectors(np.array([(place.latitude, place.longitude) for place, _ in candidates]))
        kilometres = EARTH_RADIUS_KM * np.arccos(np.clip(vectors @ np.array(_unit_vector(hints.near)), -1.0, 1.0))
        total += W_NEAR * np.exp(-kilometres / NEAR_SCALE_KM)
    return sorted(np.argsort(-total, kind="stable")[:size].tolist())


_NO_PEOPLE: Mapping[int, int] = {}


def rank(
    query: Normalized,
    candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]],
    hints: Hints,
    context: Sequence[ContextPoint] = (),
    model: RankingModel = MODEL,
    namesakes: Namesakes | None = None,
    people: Mapping[int, int] = _NO_PEOPLE,
) -> list[Ranked]:
    """Score every candidate place and return them best first.

    The score is the log-odds of :mod:`.scoring`'s fitted model, plus the hand-set weights of
    the signals the benchmarks cannot fit; those are kept apart as the candidate's ``bonus``.
    A division is weighed against its namesakes in its country among ``candidates`` and
    ``namesakes``: a caller that ranks its candidates in stages gives the :class:`Namesakes` of
    those it ranked before. ``people`` gives the population of places by ID, asked only of the
    capitals among the candidates (:data:`CAPITAL_PEOPLE`) and of a division named as written
    and the towns it may be named after (:data:`_SEAT_SHARE`), so a caller may read each as it is
    asked; a capital it leaves out, or of a country the hints name, weighs as a capital, and a
    division or town it leaves out holds a share not known.
    """
    language = hints.language.split("-")[0].lower()
    kept: list[tuple[PlaceFacts, Sequence[NameView]]] = []
    kinds: list[Kind] = []
    small_capitals: set[int] = set()
    for place, hits in meeting(query, candidates):
        kind = kind_of_feature(place.feature_class, place.feature_code)
        if hits and admits(hints, place, kind):
            if place.feature_code == CAPITAL_CODE and place.country_code not in hints.countries:
                dwellers = people.get(place.place_id, CAPITAL_PEOPLE)
                if dwellers < CAPITAL_PEOPLE:
                    place = place._replace(prominence=as_populated(place.prominence, place.feature_code, dwellers))
                    small_capitals.add(place.place_id)
            kept.append((place, hits))
            kinds.append(kind)
    table, described = _with_described(query, kept, kinds, evidence_table(query, kept, hints), namesakes)
    namesakes = Namesakes.of(
        zip((place for place, _ in kept), table.similarities, table.views, table.names, strict=True), namesakes
    )
    # A generic word asks for a division of the first level, or (*district*, *raion*) of a lower one.
    first_level = query.generic_kind == "admin" and not asks_for_subdivision(query.folded)
    # A town's administration's word (*municipality*) asks for the town as much as for a division.
    asks = _asked_kinds(query) if query.generic_kind == "admin" else frozenset()
    arabic_words = _arabic_admin_words(query)
    features = _met_as_written(query, kept, kinds, table, described, namesakes, first_level)
    script_countries = _script_countries(query, kept)
    marked_countries = _marked_countries(query, kept)
    with_article = _writes_article(query.folded)
    ranked: list[Ranked] = []
    for (place, hits), kind, base, similarity, view, hit, named_so in zip(
        kept,
        kinds,
        scores(features, model.weights()).tolist(),
        table.similarities,
        table.views,
        table.names,
        described,
        strict=True,
    ):
        signals: list[Signal] = [(_NAME, (similarity, view)), (_PROMINENCE, (place.prominence,))]
        if place.country_code in hints.countries:
            signals.append((_IN_COUNTRY, (place.country_code,)))
        flags = hit.flags
        # A historic name or a code written as asked is met whole, though it counts for less.
        code = bool(flags & FLAG_CODE) and kind is not Kind.COUNTRY
        written = _similarity_of(query, hit, similarity, language, code)
        match_kind = _match_kind(query, hit, view, written)
        # Written as one of its names, in the query's script or another (*Сирия* as *Siria*), but
        # not a Latin query met only through a name's transliteration.
        as_named = view == "folded" and written >= _WHOLE and not (flags & FLAG_NON_LATIN and not query.transliterated)
        local = _local_name(query, place, hits) if query.transliterated else None
        if kind is Kind.ADMIN_AREA:
            if (query.generic_kind != "admin" or Kind.POPULATED_PLACE in asks) and (
                not as_named or namesakes.has_seat(place, people)
            ):
                base += W_ADMIN_AREA
        elif kind is Kind.COUNTRY:
            if not as_named:
                base += W_COUNTRY_INEXACT
            elif (
                flags & (FLAG_CANONICAL | FLAG_PREFERRED | FLAG_SHORT)
                or (language and hit.lang.split("-")[0] == language)
                or local is not None
            ):
                base += W_COUNTRY
            elif (
                not query.transliterated
                and not flags & FLAG_CODE
                and _owns(namesakes.owned.get(hit.text.casefold(), -1.0), place)
            ):
                base += W_COUNTRY_EXONYM
        if local is not None:
            base += W_LOCAL_SCRIPT
            signals.append(_LOCAL_SCRIPT)
        elif place.country_code in script_countries and similarity >= _SCRIPT_COUNTRY_CLOSENESS:
            base += W_SCRIPT_COUNTRY
            signals.append(_SCRIPT_COUNTRY)
        if query.characters and any(name.text == query.characters for name in hits):
            base += W_CHARACTERS
            signals.append(_CHARACTERS)
        if marked_countries and place.country_code not in marked_countries:
            base += W_UNMARKED
            signals.append(_UNMARKED)
        if as_named and flags & FLAG_CUSTOM:
            base += W_CURATED
            signals.append(_CURATED)
        if named_so:
            base += W_DESCRIBED
        if (
            kind is not Kind.COUNTRY
            and (as_named or view == _DESCRIBED_VIEW)
            and _names_another_place(query, place, hits, hit, namesakes, local, people)
        ):
            base += W_OTHERS_NAME
            signals.append(_OTHERS_NAME)
        elif place.feature_code == CAPITAL_CODE and place.place_id not in small_capitals:
            base += W_CAPITAL
        elif as_named and kind is Kind.POPULATED_PLACE and namesakes.named_after_a_state(place, hit, people):
            base += W_NAMED_AFTER_STATE
            signals.append(_AFTER_STATE)
        if flags & FLAG_CANONICAL:
            base += W_CANONICAL
        if flags & FLAG_HISTORIC:
            base += W_HISTORIC
            signals.append(_HISTORIC)
        if flags & FLAG_NON_LATIN and not query.transliterated and _foreign_syllables(hit.text, place.country_code):
            base += W_FOREIGN_SYLLABLES
            signals.append(_FOREIGN_SYLLABLES)
        if flags & FLAG_ROMANISED and match_kind is MatchKind.ALTERNATE_NAME:
            base += W_ROMANISED
            signals.append(_ROMANISED)
        if language and hit.lang and hit.lang.split("-")[0] == language:
            base += W_LANGUAGE
            signals.append((_LANGUAGE, (language,)))
        if with_article and any(_writes_article(name.folded) for name in hits):
            base += W_ARTICLE
        total = base
        if hints.near is not None:
            closeness = math.exp(-distance_km(hints.near, (place.latitude, place.longitude)) / NEAR_SCALE_KM)
            total += W_NEAR * closeness
            signals.append((_NEAR, (closeness,)))
        if (
            query.generic_kind == "admin"
            and (kind in (Kind.ADMIN_AREA, Kind.COUNTRY) or kind in asks)
            and not _names_another_division(arabic_words, hit)
        ):
            total += W_GENERIC
            signals.append(_ASKS_ADMIN)
            if kind is Kind.ADMIN_AREA and namesakes.outranked_by_level(place, first_level, similarity):
                total += W_OTHER_LEVEL
                signals.append(_ASKS_OTHER_LEVEL)
        elif query.generic_kind == "place" and kind is not Kind.ADMIN_AREA:
            total += W_GENERIC / 2
            signals.append(_ASKS_PLACE)
        if local is not None and local.flags == hit.flags and not is_local_script(hit.text, place.country_code):
            # Spelt alike and of the same status: the name the place's own country writes is the one to show.
            hit = local
        ranked.append(Ranked(place, total, min(similarity, 1.0), match_kind, hit, view, total - base, tuple(signals)))
    ranked.sort(key=lambda r: r.score, reverse=True)
    return with_context(ranked, context, evidence=not confines(hints))


class Town(NamedTuple):
    """A populated place named as closely as a division can be: what :meth:`Namesakes.has_seat` weighs."""

    place_id: int
    prominence: float
    latitude: float
    longitude: float
    own: bool
    """Named so by its own (canonical) name."""
    capital: bool
    """Its country's capital."""


@dataclass(slots=True)
class Namesakes:
    """What the candidates ranked so far tell of a division's or a country's namesakes.

    ``towns`` holds, by country, each populated place named as closely as a division can be
    (within :data:`_NAMESAKE_CLOSENESS` of whole); ``divisions``, by (country, first level or
    not), the closest similarity of a division; ``owned``, by the name as written (case aside),
    the prominence of the most prominent place other than a country that the query names exactly
    (or as it describes) by its own (canonical) name, ``towns_own`` the same of towns alone, and
    ``divisions_own`` the prominence and country of each first- or second-level division so
    named. Marks count: *Saïda* (Algeria) is not Sidon's *Saida*, nor *Franca* (Brazil) France's
    *França*. ``states_own`` holds, by the name folded, the prominence, country and ID of each
    first-level division so named, which a town of its country bears whatever its marks (*Para*,
    one of Belém's names, is Pará's): the share of its people the town holds tells which the name
    means (:data:`_SEAT_SHARE`).
    """

    towns: dict[str, tuple[Town, ...]]
    divisions: dict[tuple[str, bool], float]
    owned: dict[str, float] = field(default_factory=dict)
    written: bool = False
    towns_own: dict[str, float] = field(default_factory=dict)
    divisions_own: dict[str, tuple[tuple[float, str], ...]] = field(default_factory=dict)
    states_own: dict[str, tuple[tuple[float, str, int], ...]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, places: Iterable[tuple[PlaceFacts, float, str, NameView]], before: Namesakes | None = None
    ) -> Namesakes:
        """The namesakes among ``places`` (each with its name's similarity, view and name), and ``before``'s."""
        towns = dict(before.towns) if before else {}
        divisions = dict(before.divisions) if before else {}
        owned = dict(before.owned) if before else {}
        towns_own = dict(before.towns_own) if before else {}
        divisions_own = dict(before.divisions_own) if before else {}
        states_own = dict(before.states_own) if before else {}
        written = before.written if before else False
        for place, similarity, view, name in places:
            country = place.country_code
            if place.feature_class == "P":
                if similarity >= 1.0 - _NAMESAKE_CLOSENESS:
                    own = bool(name.flags & FLAG_CANONICAL)
                    capital = place.feature_code == CAPITAL_CODE
                    town = Town(place.place_id, place.prominence, place.latitude, place.longitude, own, capital)
                    towns[country] = (*towns.get(country, ()), town)
            elif place.feature_class == "A" and place.feature_code.startswith("ADM"):
                level = (country, place.feature_code == "ADM1")
                if similarity > divisions.get(level, -1.0):
                    divisions[level] = similarity
            if (
                (view == _DESCRIBED_VIEW or (similarity >= _WHOLE and view == "folded"))
                and name.flags & FLAG_CANONICAL
                and not _is_country(place)
            ):
                text = name.text.casefold()
                if place.prominence > owned.get(text, -1.0):
                    owned[text] = place.prominence
                if place.feature_class == "P" and place.prominence > towns_own.get(text, -1.0):
                    towns_own[text] = place.prominence
                if place.feature_code in _OWNING_DIVISIONS:
                    divisions_own[text] = (*divisions_own.get(text, ()), (place.prominence, country))
                if place.feature_code == _SHARE_WEIGHED:
                    state = (place.prominence, country, place.place_id)
                    states_own[name.folded] = (*states_own.get(name.folded, ()), state)
            written = written or _written(similarity, view)
        return cls(towns, divisions, owned, written, towns_own, divisions_own, states_own)

    def own_name_elsewhere(self, name: NameView, bearer: PlaceFacts, people: Mapping[int, int] = _NO_PEOPLE) -> bool:
        """Tell whether a place bearing ``name`` (case aside) as its own name outweighs ``bearer``, which bears it too.

        A town of some prominence (:func:`_owns`), or a first- or second-level division of another
        country (*Antioquia*, Colombia's department, not Antakya, whose Spanish name it is;
        *Somerset*, the English county, not Bellflower, California, once so called): a division's
        name that a town of its own country bears is often the town's as its seat (Ghulja, named
        Yili as the prefecture is), but a town abroad is no seat of it. Nor is a town that holds
        less than :data:`_SEAT_SHARE` of a first-level division's people, by ``people`` (population
        by place ID), and is not its country's capital (*Pernambuco* is the state, not Recife; by
        the name folded, *Pará* not Belém, which bears *Para*).
        """
        text = name.text.casefold()
        if _owns(self.towns_own.get(text, -1.0), bearer):
            return True
        if any(
            country != bearer.country_code and _owns(prominence, bearer)
            for prominence, country in self.divisions_own.get(text, ())
        ):
            return True
        return any(
            country == bearer.country_code and _owns(prominence, bearer) and _not_named_after(bearer, state, people)
            for prominence, country, state in self.states_own.get(name.folded, ())
        )

    def named_after_a_state(self, town: PlaceFacts, name: NameView, people: Mapping[int, int] = _NO_PEOPLE) -> bool:
        """Tell whether ``town``, met by ``name``, its own, holds less than a tenth of a state's people named so too.

        A first-level division of the town's country whose own name folds as ``name``, of more
        than ten times the town's people by ``people`` (:data:`_OWN_SEAT_SHARE`; a share not known
        is taken as held): *Quebec* names the province first.
        """
        if not name.flags & FLAG_CANONICAL:
            return False
        return any(
            country == town.country_code
            and not _holds_share(people.get(town.place_id, 0), people.get(state, 0), _OWN_SEAT_SHARE)
            for _, country, state in self.states_own.get(name.folded, ())
        )

    def has_seat(self, division: PlaceFacts, people: Mapping[int, int] = _NO_PEOPLE) -> bool:
        """Tell whether a town of the division's country, about as prominent, is named as it is.

        By its own name, or by another within :data:`SEAT_KM` of the division; and if the
        division is of the first level, the town is its country's capital or holds a share of the
        division's people (:data:`_OWN_SEAT_SHARE` by its own name, :data:`_SEAT_SHARE` by
        another), by ``people`` (population by place ID; a share it does not give is taken as held).
        """
        here = (division.latitude, division.longitude)
        for town in self.towns.get(division.country_code, ()):
            if town.prominence < division.prominence - _SEAT_PROMINENCE:
                continue
            if not town.own and distance_km(here, (town.latitude, town.longitude)) > SEAT_KM:
                continue
            if (
                town.capital
                or division.feature_code != _SHARE_WEIGHED
                or _holds_share(
                    people.get(town.place_id, 0),
                    people.get(division.place_id, 0),
                    _OWN_SEAT_SHARE if town.own else _SEAT_SHARE,
                )
            ):
                return True
        return False

    def outranked_by_level(self, division: PlaceFacts, first_level: bool, similarity: float) -> bool:
        """Tell whether ``division`` is not of the level asked for while one of its country that is is as close."""
        if (division.feature_code == "ADM1") == first_level:
            return False
        return self.divisions.get((division.country_code, first_level), -1.0) >= similarity - _NAMESAKE_CLOSENESS


def _not_named_after(bearer: PlaceFacts, division_id: int, people: Mapping[int, int]) -> bool:
    """Tell whether ``bearer``, a place of a division's country bearing its name, is known to be no town named after it.

    It is not when it is a town other than the capital that holds less than :data:`_SEAT_SHARE`
    of the division's people, by ``people``; a share not known is taken as held.
    """
    if bearer.feature_class != "P" or bearer.feature_code == CAPITAL_CODE:
        return False
    return not _holds_share(people.get(bearer.place_id, 0), people.get(division_id, 0))


def _holds_share(town_people: int, division_people: int, share: float = _SEAT_SHARE) -> bool:
    """Tell whether a town holds ``share`` of its division's people, or either figure is not known (0)."""
    return not (town_people and division_people) or town_people >= share * division_people


def _with_described(
    query: Normalized,
    kept: Sequence[tuple[PlaceFacts, Sequence[NameView]]],
    kinds: Sequence[Kind],
    table: EvidenceTable,
    before: Namesakes | None = None,
) -> tuple[EvidenceTable, list[bool]]:
    """``table``, where a place is named as the name ``query`` describes, and which places are.

    Only places of a kind the query's generic word asks for count (:data:`W_DESCRIBED`), by a name
    that is not a code, in Latin script for a Latin query and otherwise in a script the place's
    country writes (*قضاء عكار* is not Tbilisi's Abkhaz *Қарҭ*), and none where a place is named
    as the query is written, here or in the rankings ``before``; one met less closely than
    :data:`CONTENT_EQUAL` is then met by the described name. A query in another script that writes
    its vowels (not Arabic or Hebrew) is also answered by a Latin name that sounds as its
    romanisation (:func:`_sounds_as`): *провинция Ракка* describes *Rakka*, as the place's Latin
    name *Raqqa* sounds.
    """
    named_so = [False] * len(kept)
    described = described_name(query)
    if described is None or (before is not None and before.written):
        return table, named_so
    if any(_written(similarity, view) for similarity, view in zip(table.similarities, table.views, strict=True)):
        # A place is named as the query is written, word and all (*Amakusa Shi*, *Xinghua Zhen*):
        # the word is part of a name, not a description.
        return table, named_so
    asked = _asked_kinds(query)
    script = FLAG_NON_LATIN if query.transliterated else 0
    # Not for Arabic or Hebrew script: a romanisation without vowels sounds as too many names.
    sound = _sound(described) if script and not query.vowels_unwritten else ""
    similarities, views, names = list(table.similarities), list(table.views), list(table.names)
    for at, ((place, hits), kind) in enumerate(zip(kept, kinds, strict=True)):
        if kind not in asked:
            continue
        named = next(
            (
                hit
                for hit in hits
                if hit.flags & (FLAG_NON_LATIN | FLAG_CODE) == script
                and content_words(hit.folded) == described
                and (not script or is_local_script(hit.text, place.country_code))
            ),
            None,
        )
        if named is None and sound:
            named = next((hit for hit in hits if _sounds_as(hit, sound)), None)
        if named is None:
            continue
        named_so[at] = True
        if similarities[at] < CONTENT_EQUAL:
            similarities[at], views[at], names[at] = CONTENT_EQUAL, _DESCRIBED_VIEW, named
    return EvidenceTable(table.features, similarities, views, names), named_so


def _met_as_written(
    query: Normalized,
    kept: Sequence[tuple[PlaceFacts, Sequence[NameView]]],
    kinds: Sequence[Kind],
    table: EvidenceTable,
    named_so: Sequence[bool],
    namesakes: Namesakes,
    first_level: bool,
) -> NDArray[np.float64]:
    """``table``'s features, with each place named as ``query`` describes met as if written as asked.

    The model compares whole strings, word and all: another name of a place (*Milwaukee City*, a
    name of Milwaukie; *Mexico City* for *Mexico state*) or a near spelling with the same word
    (*Junín Municipality*) comes closer to *Milwaukee municipality* or *Jenin municipality* than
    the name described. A place named so (:func:`_with_described`) by a name spelt as described,
    with no generic word but the query's, is compared as the shortlist compares it
    (:func:`.normalize.compared_forms`): as met whole. Not a place whose name only sounds as
    described (*Baucau* for *мухафаза Бекаа*), nor one whose name gives another word (*Dohuk
    District* for *Dohuk Governorate*), nor a division of another level than the word asks for
    beside one of that level (*Karbala district* is Kerbala District, not the governorate named
    Karbala): their own names' closeness decides, as before.
    """
    if not any(named_so):
        return table.features
    described = described_name(query)
    rows = [
        at
        for at, ((place, hits), kind, so, similarity) in enumerate(
            zip(kept, kinds, named_so, table.similarities, strict=True)
        )
        if so
        and any(_spelt_as_described(query, described, hit) for hit in hits)
        and not (
            kind is Kind.ADMIN_AREA
            and query.generic_kind == "admin"
            and namesakes.outranked_by_level(place, first_level, similarity)
        )
    ]
    if not rows:
        return table.features
    features = table.features.copy()
    written = np.array(NameComparer(query).evidence(query.folded, query.phonetic, query.skeleton))
    features[rows, :NAME_EVIDENCE] = np.maximum(features[rows, :NAME_EVIDENCE], written)
    return features


def _spelt_as_described(query: Normalized, described: str | None, hit: NameView) -> bool:
    """Tell whether ``hit``, not a code, is spelt as the name ``query`` describes, with no other generic word.

    A name in another script than Latin counts only in the query's own (abjads romanise alike:
    Hebrew *חמד* is not what Arabic *مدينة حمد* spells), and a Latin name not for a query in an
    abjad.
    """
    if hit.flags & FLAG_CODE or content_words(hit.folded) != described:
        return False
    if hit.flags & FLAG_NON_LATIN:
        if script_of(hit.text) != query.script:
            return False
    elif query.vowels_unwritten:
        return False  # a Latin name spelt as an abjad's romanisation (*hmd*) is one itself, without vowels
    asked = query.folded.split()
    return all(kind_of(word) is None or word in asked for word in hit.folded.split())


def _sound(words: str) -> str:
    """The phonetic form of a name's content words joined (:func:`.normalize.content_words`), first reading."""
    return phonetic_variants((words,))[0]


def _sounds_as(hit: NameView, sound: str) -> bool:
    """Tell whether ``hit`` is a Latin name, not a code, whose content words have the phonetic form ``sound``."""
    return not hit.flags & (FLAG_NON_LATIN | FLAG_CODE) and _sound(content_words(hit.folded)) == sound


def _asked_kinds(query: Normalized) -> frozenset[Kind]:
    """The kinds of place a query's generic word asks for: a town's administration's word asks for both."""
    if any(word in MUNICIPALITY_WORDS for word in query.folded.split()):
        return _TOWN_OR_DIVISION
    return frozenset({Kind.ADMIN_AREA if query.generic_kind == "admin" else Kind.POPULATED_PLACE})


def _names_another_place(
    query: Normalized,
    place: PlaceFacts,
    hits: Sequence[NameView],
    hit: NameView,
    namesakes: Namesakes,
    local: NameView | None,
    people: Mapping[int, int] = _NO_PEOPLE,
) -> bool:
    """Tell whether ``hit``, the name that met ``place`` as written, is another town's own name rather than its own.

    It is when it is none of the place's own names (canonical, preferred or short, one a curated
    file gives, one in a script its country writes, a code) and a town of some prominence
    (:func:`_owns`) or a first- or second-level division of another country among the candidates bears it as
    its canonical name (:meth:`Namesakes.own_name_elsewhere`, which reads ``people``). A division's
    name borne by a town of its country is left alone, unless the town holds few of its people: the
    town is often its seat (Ghulja, named Yili as the prefecture is).
    """
    if query.transliterated or local is not None:
        return False
    if hit.flags & (FLAG_CANONICAL | FLAG_PREFERRED | FLAG_SHORT | FLAG_CODE | FLAG_CUSTOM):
        return False
    if not namesakes.own_name_elsewhere(hit, place, people):
        return False
    text = hit.text.casefold()
    return not any(other.flags & FLAG_CANONICAL and other.text.casefold() == text for other in hits)


def _owns(owner: float, bearer: PlaceFacts) -> bool:
    """Tell whether a place of prominence ``owner`` that bears a name as its own outweighs ``bearer``.

    ``bearer`` bears the name among its others. The owner does when it is a town of some
    prominence (:data:`_OWNER_PROMINENCE`), a town of some 100,000 people not much less
    prominent than ``bearer`` (:data:`_OWNER_GAP`), or a town of any size about as prominent
    (:data:`_OWNER_TIE`).
    """
    if owner >= _OWNER_PROMINENCE or owner >= bearer.prominence - _OWNER_TIE:
        return True
    return owner >= _OWNER_PROMINENCE - _OWNER_GAP / 2 and owner >= bearer.prominence - _OWNER_GAP


def _arabic_admin_words(query: Normalized) -> frozenset[str]:
    """The admin words of a query in Arabic script, as the clean-up writes them; empty for any other query."""
    return admin_words_in(query.folded) if query.script == "ARABIC" and query.generic_kind == "admin" else frozenset()


def _names_another_division(arabic_words: frozenset[str], hit: NameView) -> bool:
    """Tell whether ``hit``, a name in Arabic script, calls its place by another division's word than the query's.

    ``arabic_words`` are the query's (:func:`_arabic_admin_words`). Each state has its own word
    for its divisions (Morocco's iqlim, Lebanon's and Iraq's qada, Syria's mintaqa): a division
    whose own name holds another word than the query's is not the division asked for (*قضاء
    عفرين* is not Morocco's *إقليم إفران*, which sounds alike once the ayn is read as a vowel).
    The clean-up writes the words of one kind alike (*محافظة*, *ولاية* and *منطقة* as
    *governorate*), so only another kind differs. Latin-script words are left out: *Aleppo
    Governorate* and *Aleppo Province* are one division in two languages.
    """
    if not arabic_words or not has_arabic(hit.text):
        return False
    words = admin_words_in(hit.folded)
    return bool(words) and words.isdisjoint(arabic_words)


def _written(similarity: float, view: str) -> bool:
    """Tell whether a name met with ``similarity`` by ``view`` is the query as written, in any script."""
    return similarity >= _WHOLE and view == "folded"


def _writes_article(folded: str) -> bool:
    """Tell whether a folded name starts with an article before its other words (*al kiswah*, *ehl kisva*)."""
    article, _, rest = folded.partition(" ")
    return bool(rest) and article in ARTICLES


def script_countries(query: Normalized) -> frozenset[str]:
    """The countries whose places a bare ``query`` in an abjad is looked up in too: those that write its script.

    Its romanisation guesses the vowels, so its phonetic and skeleton keys are shared by
    hundreds of places worldwide, and a village of the script's countries whose own name in it
    GeoNames lacks would lie past the places read. None for a name with a division's word.
    """
    if not query.vowels_unwritten or query.generic_kind == "admin":
        return frozenset()
    return countries_writing(query.script)


def _marked_countries(query: Normalized, candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]]) -> frozenset[str]:
    """The countries of the candidates met by a name spelt with the query's marks (see :data:`W_UNMARKED`)."""
    if not query.marked:
        return frozenset()
    return frozenset(
        place.country_code for place, hits in candidates if any(marked_of(hit.text) == query.marked for hit in hits)
    )


def _script_countries(query: Normalized, candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]]) -> frozenset[str]:
    """The countries whose places :data:`W_SCRIPT_COUNTRY` favours for ``query``: those that write its script.

    Only for the abjads (Arabic and Hebrew script), whose romanisations guess the vowels: on the
    cross-script benchmark the other scripts gained nothing and lost a Thai and a Devanagari name
    to a place of the script's country. None for a name with a division's word, which asks for a
    kind of place whatever its spelling (*محافظة خان يونس* is Khan Yunis governorate, whose Latin
    name only shares the query's skeleton, not the city). None where a place is named as the
    query is written (but for a code): GeoNames then says whose name it is (*كامبار* is Quimper's,
    though Kambar (PK) is spelt so in Latin script; *ברקת* is Bareqet (IL), not Burqah (PS)).
    Abroad, its name in the query's script may stand in the index as a romanisation folded alike
    (a place's key entries keep one name of each spelling, and one in each script its own country
    writes).
    """
    countries = script_countries(query)
    if not countries:
        return countries
    for place, hits in candidates:
        abroad = place.country_code not in countries
        for hit in hits:
            if hit.folded == query.folded and not hit.flags & FLAG_CODE and (abroad or hit.flags & FLAG_NON_LATIN):
                return frozenset()
    return countries


def _local_name(query: Normalized, place: PlaceFacts, hits: Sequence[NameView]) -> NameView | None:
    """The first of ``hits`` spelling ``query`` in a script other than Latin that ``place``'s country writes."""
    for hit in hits:
        if hit.flags & FLAG_NON_LATIN and hit.folded == query.folded and is_local_script(hit.text, place.country_code):
            return hit
    return None


def confines(hints: Hints) -> bool:
    """Tell whether ``hints`` leave out places of other countries or kinds (see :func:`with_context`)."""
    return hints.restrict_to_countries or bool(hints.kinds)


@dataclass(frozen=True, slots=True)
class ContextWeights:
    """How much a document's places of each country pull its names' candidates (:func:`context_weights`)."""

    by_country: Mapping[str, float]
    """The weight of each country that holds two of the document's places or more."""
    elsewhere: float = W_CONTEXT
    """The weight of a place in any other country."""

    def of(self, country: str) -> float:
        """The weight of a document's place in ``country``."""
        return self.by_country.get(country, self.elsewhere)

    def of_points(self, points: Sequence[ContextPoint]) -> np.ndarray:
        """The weight of each of a document's ``points``, by its country."""
        if not self.by_country:
            return np.full(len(points), self.elsewhere)
        return np.array([self.of(point[2]) for point in points], dtype=float)


FULL_CONTEXT_WEIGHTS = ContextWeights({})
"""The full weight, :data:`W_CONTEXT`, for every place."""


def context_weights(context: Sequence[ContextPoint], vectors: np.ndarray | None = None) -> ContextWeights:
    """How hard a document's places of each country pull its names: the less, the wider they spread.

    A country's weight is :data:`W_CONTEXT` up to :data:`REGION_KM` of median distance between
    the document's places in that country (of its first :data:`_SPREAD_SAMPLE` places), and less
    in inverse proportion beyond; a place of a country with fewer than two of them pulls with the
    full weight. Per country, so that a namesake abroad that one name means alone does not make
    a tight document look spread; and by the place that pulls, so that a namesake abroad near a
    spread country's place gains nothing on that country's own (*Los Angeles* beside New York,
    Chicago and Houston is no village of Mexico near Houston), while a lone place abroad keeps
    its pull (*Doha* beside Dubai is Qatar's capital), up to the weight of the country that holds
    most of the document's places, if one does: a stray name abroad in a document of one spread
    country pulls no harder than its own places (*Boston* in a story of fifty US places is no
    English town near the one place it names in Belgium). ``vectors`` are the places' unit
    vectors, when the caller has them.
    """
    sample = context[:_SPREAD_SAMPLE]
    if len(sample) < 3:
        return FULL_CONTEXT_WEIGHTS
    if vectors is None:
        vectors = unit_vectors(np.array([point[:2] for point in sample], dtype=float))
    vectors = vectors[: len(sample)]
    countries: dict[str, list[int]] = {}
    for i, point in enumerate(sample):
        countries.setdefault(point[2], []).append(i)
    weights: dict[str, float] = {}
    for country, members in countries.items():
        if len(members) < 2:
            continue
        own = vectors[members]
        # The median of the cosines is the cosine of the median distance: arccos is monotone.
        cosines = (own @ own.T)[np.triu_indices(len(members), 1)]
        spread = EARTH_RADIUS_KM * math.acos(max(-1.0, min(1.0, float(np.median(cosines)))))
        weights[country] = W_CONTEXT * min(1.0, REGION_KM / spread) if spread > 0.0 else W_CONTEXT
    main = max(countries, key=lambda country: len(countries[country]))
    if 2 * len(countries[main]) > len(sample):
        return ContextWeights(weights, min(W_CONTEXT, weights[main]))
    return ContextWeights(weights)


def with_context(
    ranked: Sequence[Ranked],
    context: Sequence[ContextPoint],
    *,
    evidence: bool = True,
    weights: ContextWeights | None = None,
    divisions: Mapping[int, str] | None = None,
) -> list[Ranked]:
    """Add to each candidate the pull of a document's other places (:func:`context_pulls`), and rank again.

    The pull depends only on the candidate's place, so a ranking made without context can be
    given one afterwards: :func:`rank` with a context is :func:`rank` without, then this.

    The places around a name are evidence for a place near them: *none of these* does not get
    the pull. But where the hints confine the candidates (:func:`confines`), the place a name
    means may be among those left out, and then every candidate left is a weak match that the
    document's region pulls alike (*Syria* in a text restricted to Lebanon met Tyre at 0.92):
    without ``evidence`` the pull only orders the candidates, and *none* gets it too.

    ``weights`` are the document's :func:`context_weights`, worked out from ``context`` when not
    given (a caller that passes only the points that pull, as the resolver does, gives them).
    ``divisions`` gives the candidates' first-level division codes by place ID, so that a
    division holds its places (:func:`context_geometry`; a country holds its places without).
    """
    if not context:
        return list(ranked)
    if weights is None:
        weights = context_weights(context)
    here = unit_vectors(np.array([(r.place.latitude, r.place.longitude) for r in ranked], dtype=float).reshape(-1, 2))
    there = unit_vectors(np.array([point[:2] for point in context], dtype=float).reshape(-1, 2))
    in_divisions = None if divisions is None else [divisions.get(r.place.place_id, "") for r in ranked]
    dots, shared, holds = context_geometry(
        here @ there.T,
        [r.place.country_code for r in ranked],
        context,
        in_divisions,
        [r.place.feature_code for r in ranked],
    )
    pulls, pulled_by, _, _ = context_pulls(dots, shared, weights.of_points(context), holds)
    pulled: list[Ranked] = []
    for item, pull, weight in zip(ranked, pulls.tolist(), pulled_by.tolist(), strict=True):
        signals = (*item.signals, (_CONTEXT, (pull,)))
        bonus = item.bonus if evidence else item.bonus + weight * pull
        pulled.append(replace(item, score=item.score + weight * pull, bonus=bonus, signals=signals))
    pulled.sort(key=lambda r: r.score, reverse=True)
    return pulled
