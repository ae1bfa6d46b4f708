"""Find the spans of a text that may name places, before any of them is resolved.

The finder is one pass over the tokens:

1. *runs*: in cased scripts, maximal runs of capitalised words, joined by the lower-case
   connectors place names contain (*Deir ez-Zor*, *Frankfurt am Main*) and closed by a lower-case
   word of a division (*the Donetsk region*, *Idlib province*), that do not open on a common word
   (*The*, *However*) unless some place is written as the words from there (*New York*, *La
   Paz*, *Des Moines*); in scripts without case (Arabic, Hebrew, Chinese ...), every word, since
   only the gazetteer can tell;
2. *what the run names*: a person title before it (*President Bashar al-Assad*), a person's name
   element at its start (*Abu Bakr al-Baghdadi*) or an organisation word in or right after it
   (*Islamic State*, *Syrian Observatory for Human Rights*) rule the whole run out, and an
   acronym given in parentheses right after an organisation (*(Sohr)*, *(IS)*) is ruled out
   wherever it recurs;
3. *spans*: inside each remaining run, the longest stretches the gazetteer knows under an exact
   or phonetic key, left to right, without overlaps; one that starts on a common word, and any
   in a script without capitals, must be written so (the phonetic key of *Le Liban* is
   Liban's). A stretch of Arabic or Hebrew script is also tried without the proclitics of its
   first word (*والرقة* is *و* + *الرقة*, *ובתל אביב* is *ו* + *ב* + *תל אביב*), a Russian,
   Ukrainian or Kurdish one without its case ending (see :func:`_variants`).

What a span stands for is left to the resolver; the finder only says where names may be and
gives each a hint of context (a place preposition before it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from toponym_server.matching.generic_words import kind_of
from toponym_server.matching.normalize import ARTICLES as NAME_ARTICLES
from toponym_server.matching.script import has_arabic
from toponym_server.text.cues import (
    ARTICLES,
    BUSINESS_NOUNS,
    CLUB_WORDS_AFTER,
    CLUB_WORDS_BEFORE,
    COMMON_WORDS,
    COUNTRY_ABBREVIATIONS,
    DEMONYMS,
    FACILITY_WORDS,
    GIVEN_NAMES,
    GIVEN_NAMES_LIKE_GENITIVES,
    GIVEN_NAMES_OF_PLACES,
    INSTITUTION_WORDS_OF,
    LIST_SEPARATORS,
    NAME_ABBREVIATIONS,
    NAME_CONNECTORS,
    NAME_PART_WORDS,
    NEWS_AGENCIES,
    NO_PLACE_ALONE,
    ORGANISATION_WORDS,
    PEOPLE_NOUNS,
    PERSON_NAME_STARTS,
    PERSON_TITLES,
    PLACE_NAME_TITLES,
    PLACE_ORGANISATION_WORDS,
    PLACE_PREPOSITIONS,
    PLURAL_DIVISION_WORDS,
    POSSESSIVES,
    STORM_WORDS,
    STORM_WORDS_IN_LOWER_CASE,
    WATER_AND_LANDFORM_WORDS,
    WATER_AND_LANDFORM_WORDS_BEFORE,
    WATER_AND_SQUARE_WORDS_IN_LOWER_CASE,
    WATERS_OF,
)
from toponym_server.text.demonyms import COUNTRY_OF_ADJECTIVE, KIND_WORDS
from toponym_server.text.demonyms_arabic import an_arabic_countrys_adjective
from toponym_server.text.demonyms_german import DIVISION_KINDS as GERMAN_DIVISION_KINDS
from toponym_server.text.demonyms_german import PLACE_KINDS as GERMAN_PLACE_KINDS
from toponym_server.text.demonyms_german import german_country_before
from toponym_server.text.tokens import Token, tokenize

MAX_SPAN_WORDS = 5
MAX_SPAN_CHARACTERS = 256
"""A longer stretch of text is never looked up: the longest name of the embedded gazetteer has 193.

A text of 100,000 characters may be one word; the cost of looking one up grows with its length.
"""
ORGANISATION_LINKS = frozenset(
    {"for", "of", "of the", "for the", "pour", "pour la", "de", "de la", "des", "du", "für", "der"}
)
# Adjectives of place (Syrian territory, syrische Truppen, armée irakienne) are not mentions of it.
_GERMAN_ADJECTIVE_ENDINGS = ("isch", "ische", "ischen", "ischer", "isches")
_GERMAN_GENITIVE_PREPOSITIONS = frozenset(
    {
        "innerhalb", "außerhalb", "ausserhalb", "wegen", "trotz", "während", "jenseits", "diesseits",
        "inmitten", "anstelle", "statt", "nördlich", "südlich", "östlich", "westlich", "seitens",
        "angesichts", "infolge", "unweit", "oberhalb", "unterhalb", "zugunsten", "hinsichtlich",
    }
)  # fmt: skip
"""German prepositions that take the genitive: *innerhalb Syriens*, *nördlich Italiens*."""
GERMAN_KIND_NOUNS = GERMAN_PLACE_KINDS | GERMAN_DIVISION_KINDS
"""German nouns of a kind of place before its name (*Stadt*, *Gemeinde*, *Kanton*): no piece of the name."""
_GERMAN_CONJUNCTIONS = frozenset({"und", "oder", "sowie"})
_GERMAN_TITLES = frozenset(
    {
        "präsident", "präsidentin", "bundespräsident", "bundespräsidentin", "kanzler", "kanzlerin",
        "bundeskanzler", "bundeskanzlerin", "ministerpräsident", "ministerpräsidentin", "ministerin", "könig",
        "königin", "botschafter", "botschafterin",
    }
)  # fmt: skip
"""German titles, whose office a country's genitive after them names (*Präsident Frankreichs*)."""
_GERMAN_DETERMINERS = frozenset(
    {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein",
        "keine", "keinen", "keinem", "keiner", "ihre", "ihren", "ihrem", "ihrer", "seine", "seinen", "seinem",
        "seiner", "unsere", "unseren", "diese", "diesen", "diesem", "dieser", "dieses", "jede", "jeden", "jedem",
        "alle", "allen", "viele", "vielen", "beide", "beiden", "zum", "zur", "im", "am", "vom", "beim", "jeder",
        "jedes", "jener", "jene", "jenen", "einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen",
    }
)  # fmt: skip
"""German articles and determiners: one, a declined adjective and a capitalised word are a noun phrase."""
_GERMAN_ADJECTIVE_INFLECTIONS = ("e", "en", "er", "es", "em")
_GERMAN_COUNTS = frozenset(
    {
        "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf", "zwanzig", "dreißig",
        "hundert", "tausend", "hunderte", "tausende", "mehrere", "einige", "wenige", "etliche", "zahlreiche",
        "mehr", "viel", "wenig", "weniger",
    }
)  # fmt: skip
"""German numbers and words of a count: the capitalised word after one is a noun, as after an article."""
_GERMAN_COMPASS_NOUNS = frozenset(
    {"norden", "süden", "osten", "westen", "nordosten", "nordwesten", "südosten", "südwesten", "zentrum", "mitte"}
)
"""Nouns of a part of a country, before its genitive (*im Norden Frankreichs*); *Norden* and *Osten* are also towns."""
DEMONYM_ENDINGS = (
    *("ian", "ean", "yan", "ese", "ish"),
    *("ien", "ienne", "iens", "ais", "aise"),
    *_GERMAN_ADJECTIVE_ENDINGS,
)
_PROCLITICS = {
    "arabic": ("و", "ف", "ب", "ل", "ك"),
    "hebrew": ("ו", "ה", "ב", "ל", "מ", "ש", "כ"),
}
"""The one-letter words written joined to the next (*and*, *the*, *in*, *to*, *from*, *that*, *as*)."""
_ANY_PROCLITIC = frozenset("".join(letters for group in _PROCLITICS.values() for letters in group))
_FIRST_OF_TWO = frozenset("وفוש")
"""A conjunction may stand before a second proclitic: و + ب (*and in*), ו + ב, ש + מ."""
_PLACE_PROCLITICS = frozenset("بلבלמ")
"""Proclitics that say *in*, *to* or *from*: a place cue, as a preposition before the word is."""
_HEBREW = re.compile(r"[\u0590-\u05FF]")
_TURKISH_CASE_ENDINGS = frozenset(
    {
        "a", "e", "ı", "i", "u", "ü", "ya", "ye", "yı", "yi", "yu", "yü", "da", "de", "ta", "te", "dan", "den",
        "tan", "ten", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "la", "le", "yla", "yle", "daki",
        "deki", "taki", "teki", "lı", "li", "lu", "lü", "lar", "ler",
    }
)  # fmt: skip
"""What Turkish writes after an apostrophe at the end of a proper name (*Kobani'de*, *Halep'ten*)."""
_TURKISH_PLACE_CASES = frozenset({"da", "de", "ta", "te", "dan", "den", "tan", "ten", "a", "e", "ya", "ye"})
"""The endings that say *in*, *from* and *to*: a place cue, as a preposition before the word is."""
_APOSTROPHES = "'\u2019"
_SLAVIC_CASE_ENDINGS = ("ом", "ем", "ой", "ей", "ою", "е", "а", "у", "ю", "я", "і", "и", "ы")
"""Russian and Ukrainian case endings of a city's name (*в Харькове*, *из Луганска*, *по Донецку*), longest first."""
_SLAVIC_ADJECTIVE_ENDINGS = tuple(
    stem + ending
    for stem in ("ск", "цк", "ськ", "цьк")
    for ending in ("ий", "ая", "ое", "ой", "ие", "их", "им", "ую", "ому", "ими", "ого", "ої", "ій")
)
"""Russian and Ukrainian adjectives of place (*сирийской*, *иракские*, *сирійської*) before a noun they describe.

Only endings no case of a city's name in *-ск* has: *Луганска*, *Донецке* and *Краматорську* are the city.
"""
_SLAVIC_NOMINATIVES = (
    *(("ою", "ая"), ("ею", "я"), ("ой", "а"), ("ей", "яа"), ("ами", "и"), ("ах", "иы"), ("ам", "иы"), ("ем", "йе")),
    ("ям", "я"), ("ов", "ы"),
    *(("у", "а"), ("ю", "яй"), ("е", "аяй"), ("і", "ая"), ("и", "ая"), ("ы", "а"), ("я", "й")),
)
"""Case endings of names in *-а*/*-я* (and of plural names in *-и*/*-ы*, and of names in *-й*), longest
first, with the endings of the name they may stand for: *Одесу*, *Ракки*, *Полтаве*, *Запоріжжі*,
*Авдеевкой*, *Сумах*, *Туймазов* (a plural name's genitive), *Китаем*, *Дубае*; *Суджей* (Суджа: after
ж, ч, ш, щ, ц an *-а* name's instrumental is written *-ей*); a neuter name's instrumental, *Запорожьем*,
*Запоріжжям*."""
_SLAVIC_VOWELS = frozenset("аеёиоуыэюяіїє")
_RUSSIAN_ADJECTIVE_CASES = (
    *(("ыми", ("ые",)), ("ими", ("ие",)), ("ых", ("ые",)), ("их", ("ие",))),
    *(("ого", ("ый", "ий", "ой", "ое")), ("его", ("ий", "ее")), ("ому", ("ый", "ий", "ой", "ое"))),
    *(("ему", ("ий", "ее")), ("ым", ("ый", "ые", "ое")), ("им", ("ий", "ие", "ее")), ("ом", ("ый", "ий", "ой", "ое"))),
    *(("ем", ("ий", "ее")), ("ой", ("ая", "ый")), ("ей", ("яя",)), ("ую", ("ая",)), ("юю", ("яя",)), ("ою", ("ая",))),
)
"""Case endings of a Russian adjective, longest first, with the nominative endings each may stand for."""
_ON_A_RIVER = "-на-"
"""What joins a Russian or Ukrainian town's name to its river's (*Ростов-на-Дону*, *Комсомольск-на-Амуре*)."""
_SLAVIC_DIVISION_NOUNS = {
    **dict.fromkeys(("область", "области", "областью", "області", "областю"), "область"),
    **dict.fromkeys(("край", "края", "краю", "крае", "краем"), "край"),
    **dict.fromkeys(("округ", "округа", "округу", "округе", "округом"), "округ"),
}
"""The cases of the Russian and Ukrainian words of an oblast, a krai and an okrug, with the word's nominative."""
_AUTONOMOUS = {
    "область": frozenset({"автономная", "автономной", "автономную", "автономною"}),
    "округ": frozenset({"автономный", "автономного", "автономному", "автономном", "автономным"}),
}
"""The cases of the Russian *autonomous* between an autonomous oblast's or okrug's adjective and its word
(*Еврейской автономной области*, *Ханты-Мансийском автономном округе*), by the word's nominative."""
_AUTONOMOUS_NOMINATIVE = {"область": "автономная", "округ": "автономный"}
_SLAVIC_DIVISION_ADJECTIVES = {
    "область": tuple(
        (stem + ending, stem + nominative)
        for stem in ("ск", "цк")
        for ending, nominative in (("ой", "ая"), ("ую", "ая"), ("ая", "ая"))
    )
    + tuple(
        (stem + ending, stem + "а")
        for stem in ("ськ", "цьк")
        for ending in ("ої", "у", "ій", "а")
    ),
    "край": tuple(
        (stem + ending, stem + "ий")
        for stem in ("ск", "цк")
        for ending in ("ого", "ому", "ом", "им", "ий")
    ),
}
_SLAVIC_DIVISION_ADJECTIVES["округ"] = _SLAVIC_DIVISION_ADJECTIVES["край"]
"""The cases of the adjective that names an oblast (feminine) or a krai (masculine), with its nominative."""
_CONTRACTED_ARTICLES = {"au": "Le", "du": "Le", "aux": "Les", "des": "Les"}
"""French prepositions that hold the article of the name after them (*au Havre*, *du Mans*, *aux
Sables-d'Olonne*, *des Abymes*: à or de and *le* or *les*), with that article."""
_KURDISH_OBLIQUE = ("yê", "ê")
"""The oblique ending of a Kurmanji name (*li Hewlêrê*, *ji Qamişloyê*: in Erbil, from Qamishli)."""
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ABBREVIATION_STOPS = (".", ". ")
"""What may stand between an abbreviated word of a name and the next (*St. Louis*, *St.Louis*)."""
_CLAUSE_GOES_ON = re.compile(r"\s*(?:[,.;:!?)]|(?:e|ed|y|o)\s|$)")
"""What follows a name after the Italian, Spanish or Portuguese *a* (*to*, *in*): *a Faenza e a
Cesena*, *a Lampedusa, dove*; never the English article's noun (*a Ford plant*). Among English
words (:data:`_ENGLISH_WORDS`) the *a* is the English article still (*the senator, a Democrat, said*)."""
_ENGLISH_WORDS = frozenset(
    {"the", "and", "of", "is", "was", "were", "it", "its", "she", "they", "his", "her", "their", "with"}
    | {"that", "this", "who", "which", "said", "says", "an", "been", "by", "to", "at", "on", "from", "will"}
)
"""Words of English that Italian, Spanish and Portuguese never write (not *he*, *has*, *for*, *in*, *i*)."""
_ITALIAN_OR_SPANISH_WORDS = frozenset(
    {"il", "di", "della", "dello", "degli", "dei", "nel", "nella", "nei", "sono", "è", "gli", "che", "per", "non"}
    | {"alla", "dal", "dalla", "anche", "hanno", "el", "los", "las", "del", "en", "fue", "y", "pero", "desde"}
)
"""Words of Italian or Spanish that Portuguese, French and English never write: near them an *a* before a
name is the preposition (*a Corleone sono bruciati*, *llegó a Tegucigalpa ayer*), which they never write as
an article."""
_ROMANCE_SENTENCE_OPENERS = frozenset(
    {
        "solo", "sólo", "como", "tras", "ante", "hasta", "sin", "mientras", "luego", "bajo", "sobre", "entre",
        "durante", "según", "aunque", "además", "incluso", "cuando", "donde", "así", "todo", "cada", "otro",
        "otra", "casi", "apenas", "siempre", "nunca", "hoy", "ayer", "ahora", "entonces", "también", "come",
        "dopo", "mentre", "poi", "ora", "oggi", "ieri", "tutto", "ogni", "quando", "dove", "così", "senza",
        "sotto", "sopra", "tra", "fra", "secondo", "quindi", "però", "intanto", "infatti",
    }
)  # fmt: skip
"""Spanish and Italian adverbs, prepositions and conjunctions that may open a sentence, some of them places'
names elsewhere (*Solo*: Surakarta; *Como*): opening one among those languages' words, never a name."""
_PORTUGUESE_OR_FRENCH_WORDS = frozenset(
    {"não", "do", "dos", "das", "em", "com", "uma", "os", "ao", "aos", "pelo", "pela", "são", "foi", "às"}
    | {"les", "des", "du", "est", "une", "dans", "sur", "au", "aux", "qui", "pas", "à"}
)
"""Words of Portuguese, whose *a* is also the article (*a Vale anunciou*), and of French, whose *a* is *has*."""
_MAY_OPEN_A_NAME = NAME_ARTICLES | {"bin", "ibn", "bani", "beni"}
_ROMANCE_DEFINITE = frozenset({"el", "la", "los", "las", "il", "lo", "le", "les", "o", "a", "os", "as"})
"""The Romance definite articles, which open some places' names (*El Alto*, *La Paz*, *Le Havre*)."""
"""Lower-case connectors that may open a name: an Arabic article (the matching rules' list) or *son of*."""
_CROSSINGS_WORDS = frozenset(
    {
        "grenzübergang", "grenzübergangs", "übergang", "grenzübergänge", "grenzübergängen", "übergänge",
        "übergängen", "passage", "poste-frontière", "point-frontière",
        "fronterizo", "valico", "posto", "fronteiriço",
    }
)  # fmt: skip
"""Words of a border crossing before its name, in German, French, Spanish, Italian and Portuguese."""
_OF = frozenset({"de", "di", "du", "do", "da"})
_OF_WORDS = frozenset({"of", "de", "del", "di", "du", "des", "da", "do", "della", "dello", "dos", "das"})
"""*of* and the Romance words for *of* (and *of the*)."""
_NO_PLACE_AFTER = {
    "المغرب": frozenset({"صلاة", "أذان", "اذان", "موعد", "وقت"}),
    "الأبيض": frozenset({"البيت"}),
    "مالي": frozenset(
        {"دعم", "عون", "عجز", "وضع", "تمويل", "فساد", "مبلغ", "تعويض", "حافز", "إصلاح", "نظام", "مستشار", "تقرير"}
    ),
}
"""Words after which a name is a common noun's: *صلاة المغرب* is the sunset prayer, not Morocco; *البيت الأبيض*
the White House, not El Obeid; *دعم مالي* financial support, not Mali."""
_NO_PLACE_BEFORE = {"المغرب": frozenset({"العربي"})}
"""Words before which a name is a region's the gazetteer lacks: *المغرب العربي* is the Maghreb."""
_ARABIC_DIRECTIONS = frozenset(
    {"الشرقية", "الغربية", "الشمالية", "الجنوبية", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "الوسطى"}
)
"""Arabic adjectives of a direction: after a definite noun they describe it (*الأحياء الشرقية*, the eastern
quarters), though Egypt's and Oman's governorates are named *الشرقية*."""
_ARABIC_DEMONSTRATIVES = frozenset({"هذه", "هذا", "تلك", "ذلك", "هذي", "وهذه", "وهذا", "وتلك", "وذلك"})
"""Arabic *this* and *that*: the definite word after one is a common noun (*هذه الزاوية*, this angle, not
Zawiya)."""
_WATER_BODY_WORDS = frozenset({"sea", "ocean", "river", "lake", "strait", "straits", "channel", "canal"})
"""The words that close a water's name after *the* (*the North Sea*, *the Red Sea*, *the Suez Canal*)."""
_LIST_AND = frozenset({"and", "et", "und", "y", "e", "i", "ou", "or", "o", "oder"})
"""The words for *and* and *or* a list writes between two names (*le Var et l'Isère*)."""
_ARABIC_AND = frozenset("وف")
"""The Arabic proclitics *and* (و) and *so* (ف), written onto the preposition after them (*وفي*, *ومن*)."""
_MONTHS_SHORT = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
"""The months as datelines shorten them (*DARWIN, Nov 20 (AAP) -*): before a day, no place (*Noves*)."""
_A_DAY = re.compile(r"\.?[ \u00a0]+\d{1,2}\b")
_MONTHS_AFTER_A_DAY = _MONTHS_SHORT | frozenset(
    {"gen", "mag", "giu", "lug", "ago", "set", "ott", "dic", "ene", "abr", "may", "fev", "out", "dez"}
    | {"janv", "févr", "fevr", "mars", "avr", "mai", "juin", "juil", "août", "aout", "déc", "mär", "okt"}
)
"""The months as Romance and German datelines shorten them after the day (*ROMA, 16 MAR -*, *14 GEN*): no
place (*MAR* is Maracaibo's code)."""
_DAY_BEFORE = re.compile(r"(?:\A|\D)\d{1,2}\.?[ \u00a0]+\Z")
_ROMANCE_AND = frozenset({"e", "ed", "y", "o"})
"""Italian, Spanish and Portuguese *and* and *or*, before a repeated *a* (*a Pozzuoli e a Bacoli*)."""
_LANGUAGE_REACH = 8
"""How many words on either side of an *a* and its name are looked at for the words of a language
(:data:`_ENGLISH_WORDS`, :data:`_ITALIAN_OR_SPANISH_WORDS`, :data:`_PORTUGUESE_OR_FRENCH_WORDS`)."""
_PLURAL_DIVISION_AFTER = re.compile(r"[ \u00a0]+(?P<word>[^\W\d_]+)\b")
_AS_A_VERB = re.compile(r"[ \u00a0]+(?:that|the|a|an|its|their|his|her|this)\b", re.IGNORECASE)
"""What follows *states* as the verb (*the treaty of Armenia and Georgia states that*), not the divisions' word."""
_QUALIFIER = re.compile(r" ?\((?P<words>[^\W\d_][^()\n]{0,40})\)")
_SCORE = r"(?: \d+[-–]\d+| \d+ a \d+)?"
_TEAM_BEFORE = re.compile(
    # English
    rf"(?:\b(?:beat|beats|beating|defeated|thrashed|edged|drew{_SCORE} (?:with|against)|lost{_SCORE} (?:to|against)"
    r"|(?:win|victory|defeat|loss|draw) (?:at|over|against|to)|fans of|supporters of) (?:the )?"
    # Portuguese, Spanish
    rf"|\b(?:empatou{_SCORE} com|perdeu{_SCORE} para|venceu|derrotou|goleou|torcedores|empató{_SCORE} con"
    rf"|perdió{_SCORE} (?:ante|con|contra)|venció|derrotó|goleó|hinchas|aficionados) (?:o|a|do|da|el|la|al|del|de la) "
    # Italian, French
    r"|\b(?:battuto|sconfitto|(?:perso|vinto|pareggiato)(?: in casa| in trasferta)? (?:con|contro)|derby contro"
    r"|tifosi) (?:il |la |lo |l'|l’|del |della |dello |dell'|dell’)"
    r"|\b(?:battu|face|derby face|s'imposer face|supporters) (?:au |à la |à l'|à l’|du |de la |par le |par la )"
    # Arabic: a team after *drew*, *beat*, *lost* (and the club's first word), or after *with*, *over*
    # or *to* after one; a stadium's name
    r"|(?:تعادل|فاز|خسر|تغلب) (?:\S+ )?|(?:تعادل|فاز|فوز|خسر|تغلب)[^.،]{0,30} (?:مع|على|أمام) |(?:ستاد|استاد|ملعب) )\Z",
    re.IGNORECASE,
)
"""What a match report writes before a team's name (*beat*, *drew 2-2 with*, *empatou com o*, *contro l'*)."""
_TEAM_AFTER = re.compile(
    rf" (?:beat|beats|drew{_SCORE} (?:with|against)|drew \d+[-–]\d+|thrashed|defeated|fans|supporters"
    rf"|won \d+[-–]\d+|lost \d+[-–]\d+|venceu|empatou|goleou|derrotou|perdeu{_SCORE} (?:para|por)|empató|venció"
    r"|goleó|derrotó|perdió (?:ante|con|contra|por)"
    r"|ha (?:battuto|pareggiato|sconfitto|perso (?:in casa )?(?:con|contro))"
    r"|a (?:battu|remporté le derby|fait match nul))\b",
    re.IGNORECASE,
)
"""What a match report writes after a team's name (*beat*, *drew 1-1*, *fans*, *venceu*, *ha battuto*)."""
"""A qualifier in parentheses right after a name (*Frankfurt (Oder)*)."""
_AFFILIATION_GAP = re.compile(r"[ \t]*[,(][ \t]*")
_PARTY = re.compile(r"[DRI]-[A-Z]")
"""A party's letter before a state in American news (*D-Calif.*, *R-Ohio*, *I-Vt.*)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text the gazetteer knows a name for."""

    text: str
    start: int
    end: int
    after_place_preposition: bool
    """The word before it is a place preposition (*in*, *near*, *nach*, *في*)."""
    after_article: bool
    """The word before it is an article or determiner (*der Regen*, *la Paz*)."""
    opens_sentence: bool
    """It is one word opening a sentence, a title or a quotation."""
    before_name_word: bool = False
    """A capitalised word follows it within the same name-like run (*Robert Habeck*, *White Helmets*)."""
    after_name_word: bool = False
    """A capitalised word precedes it within the same name-like run (*Maria Lopez*), not opening a sentence."""
    like_a_people: bool = False
    """It ends as an adjective of place does, before a word it may describe, and some place is written so
    (*in Wien endete*, *nach Italien und*): see :func:`_a_place_ending_so`."""
    looked_up: str = ""
    """The name it stands for when that is not its text: *Одеса* for *Одесу* (Odesa, in the accusative)."""
    genitive: bool = False
    """It stands for the name it ends on an *s* after, as German writes the genitive (*Syriens*, *Berlins*)."""
    declined: str = ""
    """The nominative a Russian or Ukrainian word looked up as written may stand for, when some place is
    written so too: *Курск* for *Курске* (in Kursk), which is also written as a village's name."""
    paired: bool = False
    """It is one of the countries a hyphen joins into one word (*the Laos-China railway*, *US-China talks*):
    a mention only of a country; see :func:`_a_pair_of_names`."""
    vouched: bool = False
    """An Arabic division's word right before it vouches for it as a division's name, even where no place is
    written as it in Arabic script (*ولاية هاتاي*, Hatay province; *ولاية إسطنبول*, the province, not the
    city); see :func:`_vouched_by`."""

    @property
    def name(self) -> str:
        """The name to resolve: the span's text, or the one it stands for."""
        return self.looked_up or self.text


KnowsName = Callable[[str], bool]


def _runs(text: str, tokens: list[Token], written: KnowsName) -> list[list[int]]:
    """Group token positions into runs of name-like words.

    Uncased words run together while only spaces separate them; cased ones while they are
    capitalised or connectors between capitalised words (or an abbreviation that opens a name
    and the word after it: :func:`_joined`, :func:`_ends_a_name`). A cased run may open on a
    common word (*The Aleppo*, *New York*): :func:`_from_name_start` decides whether it does; or
    on a lower-case division word before a name (*la provincia de Córdoba*, *el estado Carabobo*),
    and close on one after it (*the Donetsk region*).
    """
    runs: list[list[int]] = []
    current: list[int] = []
    taken = 0  # lower-case words still to take into the run (see _lower_words_written)
    for i, token in enumerate(tokens):
        if taken:
            current.append(i)
            taken -= 1
            if not taken:
                runs.append(current)
                current = []
            continue
        previous = tokens[i - 1] if i else None
        if not token.cased:
            joined = previous is not None and not previous.cased and not text[previous.end : token.start].strip()
            if current and not joined:
                runs.append(current)
                current = []
            current.append(i)
            continue
        if current and (
            not tokens[current[-1]].cased
            or not _joined(text, tokens[current[-1]], token)
            or _ends_a_name(text, tokens, current, token, written)
            or _after_a_possessive(text, tokens, current, i, written)
        ):
            runs.append(current)
            current = []
        if token.capitalized:
            current.append(i)
            continue
        is_connector = token.word in NAME_CONNECTORS
        if not current and _division_word(token.word) and _connects(tokens, i):
            current.append(i)  # the run's first word: the division it names (la provincia de Córdoba)
            continue
        if current and is_connector and _connects(tokens, i):
            if _title_of(tokens, current, token):
                runs.append(current)  # the title alone: the name after "von" is a place's
                current = []
                continue
            current.append(i)
            continue
        words = _lower_words_written(text, tokens, current, i, written) if current else 0
        words = words or (_linked_words_written(text, tokens, current, i, written) if current else 0)
        if words:
            current.append(i)
            taken = words - 1
            if not taken:
                runs.append(current)
                current = []
            continue
        last = tokens[current[-1]] if current else None
        if last is not None and last.capitalized and _slavic_division_nominative(f"{last.word} {token.word}"):
            current.append(i)  # the run's last word: the oblast or krai its adjective names
            runs.append(current)
            current = []
            continue
        if (
            last is not None
            and last.capitalized
            and i + 1 < len(tokens)
            and _slavic_division_nominative(f"{last.word} {token.word} {tokens[i + 1].word}")
        ):
            current.append(i)  # *автономном* and the run's last word: the autonomous okrug or oblast
            taken = 1
            continue
        # Not past a comma: *West Java province, agency spokesman Abdul said* names no agency of the province.
        joined = i + 1 < len(tokens) and not _CLAUSE_MARKS.intersection(text[token.end : tokens[i + 1].start])
        following = tokens[i + 1].word if joined else ""
        if (
            last is not None
            and last.capitalized
            and not _an_adjective_of_place(last, written)  # the Iraqi region
            and (_division_word(token.word) or _names_a_state(text, tokens, current, i, written))
            and following not in ORGANISATION_WORDS  # the Nordland county council names a council
        ):
            current.append(i)  # the run's last word: the division it names (the Donetsk region)
            runs.append(current)
            current = []
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _an_adjective_of_place(token: Token, written: KnowsName) -> bool:
    """Tell whether ``token`` is a people's adjective before a division's word (*the Iraqi region*).

    A word with such an ending that a place is written as, and no country's adjective, is that
    place's name (*Cagayan province*, in the Philippines).
    """
    if token.word in DEMONYMS:
        return True
    if not token.word.endswith(DEMONYM_ENDINGS):
        return False
    return token.word in COUNTRY_OF_ADJECTIVE or not written(token.text)


def without_division_word(text: str) -> str | None:
    """``text`` without the lower-case division word that closes it (*Paris region*: *Paris*), or ``None``.

    Of a span found by :func:`find_spans`: a division's word there may be one an organisation
    also ends on (*Kaduna state*; see :func:`_names_a_state`).
    """
    head, _, last = text.rpartition(" ")
    return head if head and last.islower() and kind_of(last) == "admin" else None


def _division_word(word: str) -> bool:
    """A lower-case word of a division that closes a name (*region*, *raion*), not an organisation's (*state*)."""
    return kind_of(_PORTUGUESE_PROVINCE.get(word, word)) == "admin" and word not in ORGANISATION_WORDS


_PORTUGUESE_PROVINCE = {"província": "provincia", "províncias": "provincias"}
"""The Portuguese *province*, with the accent the generic words are listed without (*na província do Huambo*)."""


def _names_a_state(text: str, tokens: list[Token], run: list[int], i: int, written: KnowsName) -> bool:
    """Tell whether the lower-case word at ``i``, a division's and an organisation's, closes ``run`` as the division's.

    *Kaduna state*, *Shan state*, *Upper Nile state*: where some place is written as words of the
    run and that word, or as words of the run alone with no *of* after the word and no article
    before them (*Guerrero state*, *Rakhine state*; not *the Granite state*, nor *the tiny Gulf
    state*: *Gulf* is no place alone), it is the division's word (the news writes it in lower
    case), not an organisation's. Elsewhere it stays out of the run (*Islamic state*): there it
    would make the run an organisation's name, and *of* after it would carry that name on over the
    next (*the US state of Ohio*, *the Gulf state of Qatar*).
    """
    token = tokens[i]
    if token.word not in PLACE_ORGANISATION_WORDS or kind_of(token.word) != "admin":
        return False
    starts = run[-(MAX_SPAN_WORDS - 1) :]
    if any(written(text[tokens[start].start : token.end]) for start in starts):
        return True
    after = i + 1
    if after < len(tokens) and tokens[after].word == "of":
        return False
    return any(
        written(text[tokens[start].start : tokens[run[-1]].end])
        # *the Artibonite department*: a department's article is the news's, as a state's is not
        and not (start and tokens[start - 1].word in ARTICLES and token.word != "department")
        and not (start == run[-1] and tokens[start].word in NO_PLACE_ALONE)  # the tiny Gulf state
        for start in starts
    )


def _lower_words_written(text: str, tokens: list[Token], run: list[int], i: int, written: KnowsName) -> int:
    """How many lower-case words from ``i`` on (two at most) close ``run`` as the name some place is written as.

    French writes the adjectives of countries' names in lower case (*Arabie saoudite*, *Émirats
    arabes unis*, *Guinée équatoriale*, *Sahara occidental*): without them *Arabie* was a town of
    Ethiopia and *Guinée* the wrong country. The name may start at any of the run's last words.
    Each word has four letters or more and is no common word: a name's key ignores spaces (*IS
    are* is written as *Isare*). None (0) when no place is so written.
    """
    if not tokens[run[-1]].capitalized:
        return 0
    ends: list[int] = []
    for end in (i, i + 1):
        word = tokens[end] if end < len(tokens) else None
        if word is None or not word.cased or word.capitalized or len(word.word) < 4 or _common(word):
            break
        if word.word in NAME_CONNECTORS or (end > i and not _joined(text, tokens[end - 1], word)):
            break
        ends.append(end)
    for end in reversed(ends):
        for start in run[-(MAX_SPAN_WORDS - 2) :]:
            if tokens[start].word in COMMON_WORDS:
                continue  # *Si vota* is written as Sývota is, but no name starts on a common word so
            if written(text[tokens[start].start + tokens[start].elided : tokens[end].end]):  # l'Arabie saoudite
                return end - i + 1
    return 0


_LINKS = frozenset({"and", "of", "of the", "and the", "und", "et", "y", "e", "in", "in der", "an der", "ob der"})
"""Words that stand inside a few places' names between capitalised words (*Trinidad and Tobago*, *Port of
Spain*, *Saint Vincent and the Grenadines*, *Neustadt in Holstein*, *Neumarkt in der Oberpfalz*, *Neustadt an
der Weinstraße*), and join a list or a phrase everywhere else."""


def _linked_words_written(text: str, tokens: list[Token], run: list[int], i: int, written: KnowsName) -> int:
    """How many words from ``i`` on (a link of :data:`_LINKS` and up to two capitalised words) close ``run``.

    They do when some place is written as the run (from one of its last words) with them: *Bosnia
    and Herzegovina*, *Port of Spain*, *Perth and Kinross*; none (0) otherwise (*Aleppo and Homs*
    lists two places).
    """
    if not tokens[run[-1]].capitalized:
        return 0
    for link in (1, 2):
        words = " ".join(tokens[k].word for k in range(i, min(i + link, len(tokens))))
        if words not in _LINKS or i + link >= len(tokens) or not all(
            _joined(text, tokens[k - 1], tokens[k]) for k in range(i, i + link)
        ):
            continue
        names = [k for k in range(i + link, min(i + link + 2, len(tokens))) if tokens[k].capitalized]
        for end in reversed(names):
            if end != i + link + names.index(end) or not _joined(text, tokens[end - 1], tokens[end]):
                continue
            for start in run[-(MAX_SPAN_WORDS - 2) :]:
                if written(text[tokens[start].start : tokens[end].end]):
                    return end - i + 1
    return 0


def _connects(tokens: list[Token], i: int) -> bool:
    """Tell whether the connector at ``i`` goes on with a capitalised word, alone or with one more connector.

    *Deir ez-Zor*, *Frankfurt am Main*; *Santa Cruz de la Sierra*, *Brandenburg an der Havel*, *Puerto
    de la Cruz*: only spaces (or a hyphen) between each two.
    """
    for step in (1, 2):
        following = i + step
        if following >= len(tokens) or tokens[following].start - tokens[following - 1].end > 2:
            return False
        if tokens[following].cased and tokens[following].capitalized:
            return True
        if tokens[following].word not in NAME_CONNECTORS:
            return False
    return False


def _title_of(tokens: list[Token], run: list[int], connector: Token) -> bool:
    """Tell whether ``run`` is a person's title (after common words) that ``connector`` makes a title of a place.

    German writes the office's *of* as *von* after a capitalised title (*Der Bürgermeister von
    Köln*, *König von Jordanien*): the name after it is no person's surname (*Präsident Richard
    von Weizsäcker* has a given name between).
    """
    *before, title = (tokens[i].word for i in run)
    return connector.word == "von" and title in PERSON_TITLES and all(word in COMMON_WORDS for word in before)


def _after_a_possessive(text: str, tokens: list[Token], run: list[int], i: int, written: KnowsName) -> bool:
    """Tell whether the word that closes ``run`` is a possessive that ends a name before word ``i``.

    *Russia's Wagner Group*, *South Sudan's Upper Nile state*, *Iran's Revolutionary Guards*: the
    owner is a name of its own, and what it owns may be an organisation's that would rule it
    out. Not where some place is written as words across it, from word ``i`` on (*Martha's
    Vineyard*, *Prince George's County*, *Lao People's Democratic Republic*). A German country's
    genitive before a state's noun is one too (*Polens Regierung*).
    """
    if tokens[i].word in _GERMAN_NOUNS_OF_A_STATE and _german_genitive_of(tokens[run[-1]], written):
        return True
    if not tokens[run[-1]].text.endswith(POSSESSIVES) or not tokens[i].capitalized:
        return False
    ends = [i]  # word i and the capitalised words joined after it, up to a span's length
    while len(ends) < MAX_SPAN_WORDS - 1 and ends[-1] + 1 < len(tokens):
        following = tokens[ends[-1] + 1]
        if not following.capitalized or not _joined(text, tokens[ends[-1]], following):
            break
        ends.append(ends[-1] + 1)
    starts = run[-(MAX_SPAN_WORDS - 1) :]
    return not any(
        written(text[tokens[start].start : tokens[end].end])
        for n, start in enumerate(starts)
        for end in ends[: MAX_SPAN_WORDS - len(starts) + n]  # no more words than a span's
    )


_STATE_WORDS = frozenset({"état", "etat", "staat", "bundesstaat", "us-bundesstaat"})
"""A state's word in French and German, which also opens organisations' names (*État islamique*)."""
_STATE_LINKS = frozenset({"de", "du", "des"})


def _after_a_states_word(tokens: list[Token], run: list[int]) -> list[int]:
    """``run`` from the name after its French or German state's word and link (*l'État du Texas*, *Staat New York*).

    Only where a capitalised word follows (*l'État d'Israël*); a state's word before none, or
    before a word that is no name (*État islamique*), leaves the run as it is.
    """
    if len(run) < 2 or tokens[run[0]].word not in _STATE_WORDS:
        return run
    rest = run[2:] if tokens[run[1]].word in _STATE_LINKS else run[1:]
    return rest if rest and tokens[rest[0]].capitalized else run


def _from_name_start(text: str, tokens: list[Token], run: list[int], written: KnowsName) -> list[int]:
    """A cased run from its first word that may start a name (all of it, most often).

    A common word starts one only when some place is written exactly as the words from it (*New
    York*, *La Paz*, *Des Moines*; not *The Aleppo*, *New Syria*, *Le Liban*); a connector never does,
    a lower-case division word always (*provincia de Córdoba*: see :func:`_runs`).
    """
    while run:
        first = tokens[run[0]]
        if first.capitalized and (first.word not in COMMON_WORDS or _written_from(text, tokens, run, written)):
            break
        if not first.capitalized and _division_word(first.word) and len(run) > 1:
            break
        run = run[1:]
    return run


def _written_from(text: str, tokens: list[Token], run: list[int], written: KnowsName) -> bool:
    """Tell whether some place is written as the first two or more words of ``run`` (a possessive without its *'s*).

    Words that are all common or generic (*Old City*, *New Town*) are a phrase, whatever place
    is written so: *the Old City of Aleppo* is no place in Palestine. An elided word the first
    joins is no piece of the name (*d'El Geneina*: of El Geneina).
    """
    first = tokens[run[0]]
    starts = (first.start + first.elided, first.start) if first.elided else (first.start,)
    for length in range(2, min(MAX_SPAN_WORDS, len(run)) + 1):
        if all(tokens[i].word in COMMON_WORDS or kind_of(tokens[i].word) for i in run[:length]):
            continue
        for start in starts:
            raw = text[start : tokens[run[length - 1]].end]
            if len(raw) > MAX_SPAN_CHARACTERS:
                continue
            if any(written(name) for _, _, name in _variants(raw, length, True, written)):
                return True
    return False


def _joined(text: str, left: Token, right: Token) -> bool:
    """Two words belong to one name only with nothing but a space between them.

    Or a full stop and a space after the abbreviation of a name's first word (*St. Louis*,
    *Mt. Vernon*): such a stop ends no sentence, and the words are looked up together.
    """
    gap = text[left.end : right.start]
    if gap in _ABBREVIATION_STOPS and _abbreviates_a_name(left):
        return True
    return (gap.isspace() and "\n" not in gap) or gap == ""


def _ends_a_name(text: str, tokens: list[Token], run: list[int], token: Token, written: KnowsName) -> bool:
    """Tell whether the abbreviation that closes ``run`` ends a name, its stop before ``token`` maybe a sentence's.

    After a word of a name that is neither a common word nor a preposition, it abbreviates the
    name's last word (*Main St.* is a street: *He lives on Main St. Paris is far.* names Paris,
    not Saint Paris); unless some place is written as that word, it and ``token`` (*Port St.
    Lucie*, *Sault Ste. Marie*).
    """
    if len(run) < 2 or not _abbreviates_a_name(tokens[run[-1]]):
        return False
    if text[tokens[run[-1]].end : token.start] not in _ABBREVIATION_STOPS:
        return False
    before = tokens[run[-2]]
    if before.word in COMMON_WORDS or before.word in PLACE_PREPOSITIONS:
        return False  # *In St. Louis*, *Near Mt. Vernon*: the abbreviation opens the name
    return not written(text[before.start : token.end])


def _abbreviates_a_name(token: Token) -> bool:
    """A capitalised abbreviation of a name's first word (*St*, *Mt*, *Ft*), which names nothing alone."""
    return token.capitalized and token.word in NAME_ABBREVIATIONS


def _shadowed(tokens: list[Token], run: list[int], written: KnowsName) -> set[int]:
    """In a run of uncased words, the words a title or an organisation word claims.

    A person title claims the two words after it (the person's names); an organisation word claims
    itself and the three after it (*المرصد السوري لحقوق الإنسان*), but *government* only itself
    (:data:`_GOVERNMENT_WORDS`); none claims the word before it, which Arabic
    writes as the verb's subject (*اتهمت سلطات صنعاء التحالف*, Sanaa's authorities accused the coalition). (A storm's
    word claims nothing here: after *الإعصار* in a sentence opening on its verb comes the place it
    hit, *اجتاح الإعصار الفلبين*.) None claims past a preposition or a common word:
    *وصل الرئيس إلى بغداد* (the president arrived in Baghdad) names Baghdad, *قصفت قوات النظام مدينة
    إدلب* (regime forces shelled the city of Idlib) Idlib. Nor does a title in a place's name
    (:func:`_a_title_in_a_places_name`).
    """
    shadowed: set[int] = set()
    for position, i in enumerate(run):
        word = tokens[i].word
        if word in PERSON_TITLES:
            if _a_title_in_a_places_name(tokens, run, position, written):
                continue
            shadowed.update(_up_to_a_cue(tokens, run[position : position + 3]))
        elif word in _GOVERNMENT_WORDS or _behind_proclitics(word, _GOVERNMENT_WORDS):
            shadowed.add(i)
        elif word in ORGANISATION_WORDS:
            shadowed.update(_up_to_a_cue(tokens, run[position : position + 4]))
    return shadowed


_GOVERNMENT_WORDS = frozenset({"حكومة", "الحكومة"})
"""*Government*, which claims only itself: the name after it is its country's or its region's (*حكومة إثيوبيا*,
*الحكومة بطوكيو*); the word is a Yemeni village's name too."""


def _a_title_in_a_places_name(tokens: list[Token], run: list[int], position: int, written: KnowsName) -> bool:
    """Tell whether the uncased title at ``position`` of ``run`` is a word of a place's name.

    So it is where a place is written as the word before it and the title (*شرم الشيخ*, Sharm
    el-Sheikh), and maybe the word after it (*جسر الملك حسين*), or, after a town's word, as the
    title and the word after it (*مدينة الشيخ زايد*, the city of Sheikh Zayed; not *اسم الشيخ
    زايد*, the name of Sheikh Zayed). The word before it may carry proclitics (*وشرم الشيخ*).
    """
    if position and any(
        written(words[count:])
        for end in (position + 1, position + 2)
        for words in [_words(tokens, run[position - 1 : end])]
        for count in (0, *_proclitic_counts(words, end - position + 1))
    ):
        return True  # *شرم الشيخ*; *جسر الملك حسين*, the King Hussein Bridge
    before = tokens[run[position - 1]].word if position else ""
    town = before in _TOWN_WORDS or _behind_proclitics(before, _TOWN_WORDS)
    return town and position + 1 < len(run) and written(_words(tokens, run[position : position + 2]))


_TOWN_WORDS = frozenset({"مدينة", "بلدة", "قرية"})
"""Words of a town, right before its name (behind proclitics too): a title after one opens the town's name."""


def _a_cue(word: str) -> bool:
    """A word that ends what a title or an organisation word claims: a preposition or a common word."""
    return word in PLACE_PREPOSITIONS or word in COMMON_WORDS


def _up_to_a_cue(tokens: list[Token], positions: list[int]) -> list[int]:
    """``positions`` up to the first word after the first that is a preposition or a common word."""
    for n, i in enumerate(positions[1:], start=1):
        if _a_cue(tokens[i].word):
            return positions[:n]
    return positions


def _names_an_organisation(text: str, tokens: list[Token], run: list[int], written: KnowsName) -> bool:
    """Tell whether ``run`` names an organisation: it holds an organisation's word, or one follows it.

    Or it is a sports club's name (:func:`_names_a_club`) that no place is written as.

    Nor is it one before an organisation's word after its possessive (*Bosnia's state court*).

    Not a place of several words written so whose only such words also end places' names
    (*West Bank*, *Free State*, *Borno State*; not *World Bank*, *Islamic State*, *Red Cross*),
    unless *of* goes on with the name (*The Bank of England*: no Portsmouth, by its name *The Bank*).
    """
    words = [tokens[i].word for i in run]
    if _names_a_club(words) and not written(_words(tokens, run)):
        return True
    following = tokens[run[-1] + 1].word if run[-1] + 1 < len(tokens) else ""
    # Not across a sentence's end (*across England. Plaid Cymru said*), nor a comma (*at Luang Prabang,
    # state media said*).
    after_it = tokens[run[-1] + 1] if following else None
    adjacent = (
        after_it is not None
        and after_it.start - tokens[run[-1]].end <= 2
        and not after_it.sentence_start
        and not _CLAUSE_MARKS.intersection(text[tokens[run[-1]].end : after_it.start])
    )
    inside = {w for w in words if w in ORGANISATION_WORDS}
    if inside == {"state"} and _a_states_name(text, tokens, run, written):
        return False
    # A lower-case word ends a run only as the division's word that closes it (_names_a_state), or
    # as a word of a place's name written with it (*Santa Cruz department*).
    lower_end = not tokens[run[-1]].capitalized
    closed = written(_words(tokens, run)) or lower_end
    if inside and len(run) > 1 and (inside <= PLACE_ORGANISATION_WORDS or lower_end) and closed:
        return bool(adjacent and (following in ORGANISATION_WORDS or following == "of"))
    # A lower-case word of an organisation after a place is that place's (*Shropshire council*, the
    # council of Shropshire); a capitalised one names the organisation (*Kenya Red Cross*), as
    # *state* does in any case (*the US state of Texas*, *US state media*).
    after = tokens[run[-1] + 1] if following else None
    named = after is not None and (after.capitalized or not after.cased or following == "state")
    # A possessive is the place's, whatever it holds (*Bosnia's state court*, *Kenya's Red Cross*), and so
    # is a German genitive before a state's noun (*Polens Regierung*).
    possessive = tokens[run[-1]].text.endswith(POSSESSIVES) or (
        following in _GERMAN_NOUNS_OF_A_STATE and _german_genitive_of(tokens[run[-1]], written)
    )
    return bool(inside) or bool(adjacent and following in ORGANISATION_WORDS and named and not possessive)


def _a_states_name(text: str, tokens: list[Token], run: list[int], written: KnowsName) -> bool:
    """Tell whether ``run`` is a place's name and a capitalised *State* after it, as a division's name.

    *Rakhine State*, *Kaduna State*: Nigeria's and Myanmar's press capitalise the word, and GeoNames
    writes some states only without it. Not after an article nor before another capitalised word
    (*The Ohio State Buckeyes*, *Illinois State University*), nor before *of*.
    """
    at = next((n for n, i in enumerate(run) if tokens[i].word == "state" and tokens[i].capitalized), 0)
    if not at or (run[0] and tokens[run[0] - 1].word in ARTICLES):
        return False
    after = run[at] + 1
    if after < len(tokens) and not tokens[after].sentence_start and (
        tokens[after].capitalized or tokens[after].word == "of"
    ):
        return False
    return bool(written(_words(tokens, run[:at])))


_CLAUSE_MARKS = frozenset(",;:\u060c")
"""Marks that end a name's words: the Latin and the Arabic comma, the semicolon and the colon."""


def _names_a_club(words: list[str]) -> bool:
    """Tell whether ``words`` hold a club's word before or after another (*Real Madrid*, *Manchester United*)."""
    return any(w in CLUB_WORDS_BEFORE for w in words[:-1]) or any(w in CLUB_WORDS_AFTER for w in words[1:])


def _abbreviated_title(text: str, tokens: list[Token], run: list[int]) -> bool:
    """Tell whether ``run`` is a person's title alone, abbreviated before a name (*Dr. Paris*, *Gen. Smith*).

    Such a title is no place, whatever place it may spell (*Dr* is an old spelling of Daraa's).
    """
    if len(run) != 1 or tokens[run[0]].word not in PERSON_TITLES:
        return False
    following = run[0] + 1
    if following >= len(tokens):
        return False
    return text[tokens[run[0]].end : tokens[following].start] == ". " and tokens[following].capitalized


def _names_a_person(tokens: list[Token], run: list[int], knows: KnowsName, written: KnowsName) -> bool:
    before = run[0] - 1
    # A title before the run, but not one that ends the sentence before it (*he thanked the ambassador.
    # Moscow replied*, *sagte die Oberbürgermeisterin. COTTBUS (dpa)*: German writes its nouns with
    # a capital); a short one capitalised there is abbreviated (*Sen. Warren*).
    title = before >= 0 and tokens[before].word.rstrip(".") in PERSON_TITLES
    # Not a place's name after *of* elided into it (*il sindaco dell'Aquila*: the mayor of L'Aquila).
    opening = tokens[run[0]]
    of_a_place = opening.elided > 0 and opening.text[0].islower() and written(opening.text[opening.elided :])
    abbreviated = title and tokens[before].capitalized and len(tokens[before].word.rstrip(".")) <= _TITLE_ABBREVIATION
    if title and not of_a_place and (abbreviated or not tokens[run[0]].sentence_start):
        return True
    compound = _a_german_compound_title(tokens[run[0]].word)
    if (tokens[run[0]].word in PERSON_TITLES or compound) and len(run) > 1:
        # *Der Präsident Frankreichs*: a German title before a place's genitive is its office there.
        german = tokens[run[0]].word in _GERMAN_TITLES or compound
        if len(run) == 2 and german and _german_genitive_of(tokens[run[1]], written):
            return False
        # Saint Petersburg, Saint Louis: a title that opens places' names more often than people's;
        # Prince Edward Island: a place written as more than a title and a name
        longer = range(3, min(MAX_SPAN_WORDS, len(run)) + 1)
        if any(written(_words(tokens, run[:length])) for length in longer):
            return False
        return tokens[run[0]].word not in PLACE_NAME_TITLES or not written(_words(tokens, run[:2]))
    first = tokens[run[0]].word
    if len(run) >= 2 and (first in PERSON_NAME_STARTS or (first in GIVEN_NAMES and tokens[run[1]].capitalized)):
        return not knows(_words(tokens, run[:2]))
    return False


_TITLE_ABBREVIATION = 5
"""The most letters of an abbreviated title (*Sen.*, *Gov.*, *Prof.*, *Cmdr.*)."""
_GERMAN_TITLE_ENDINGS = (
    *("minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin"),
    *("bürgermeister", "bürgermeisterin", "sprecher", "sprecherin", "botschafter", "botschafterin"),
)
"""The ends of German compound titles before a person's name (*Innenministerin*, *Regierungssprecher*)."""


def _a_german_compound_title(word: str) -> bool:
    """Tell whether ``word`` is a German title compounded with its field (*Innenministerin Mari Rantanen*)."""
    return any(word.endswith(end) and len(word) > len(end) + 2 for end in _GERMAN_TITLE_ENDINGS)


def _storm_in(text: str, tokens: list[Token], run: list[int], written: KnowsName) -> int | None:
    """Where in ``run`` a storm's name starts, with its word (:data:`~.cues.STORM_WORDS`); ``None`` for no storm.

    A capitalised storm's word standing in it before another word starts one (*Hurricane Milton*,
    *Tropical Storm Alberto*: 0, the whole run), unless some place is written across the word
    (*Storm Lake*); but after a place preposition, the first words before it stay out when some
    place is written as them (*In Vietnam Typhoon Yagi*, *À Mayotte Cyclone Chido*, *in Mexico
    Tropical Storm Alberto*: 1). A storm's word right before the run makes all of it the name (0),
    in lower case only one that means nothing but a storm (*le cyclone Freddy*, not *as the storm
    hit Florida*).
    """
    for position, i in enumerate(run[:-1]):
        if tokens[i].word in STORM_WORDS:
            ends = range(position + 2, min(position + MAX_SPAN_WORDS, len(run)) + 1)
            if any(written(_words(tokens, run[start:end])) for start in range(position + 1) for end in ends):
                return None
            if run[0] and tokens[run[0] - 1].word in PLACE_PREPOSITIONS:
                return next((k for k in range(position, 0, -1) if written(_words(tokens, run[:k]))), 0)
            return 0
    before = run[0] - 1
    if before < 0 or text[tokens[before].end : tokens[run[0]].start] != " ":
        return None
    word = tokens[before]
    return 0 if word.word in (STORM_WORDS if word.capitalized else STORM_WORDS_IN_LOWER_CASE) else None


def _words(tokens: list[Token], positions: list[int]) -> str:
    """The words at ``positions``, with a space between each two."""
    return " ".join(tokens[i].text for i in positions)


def _linked(text: str, tokens: list[Token], organisation: list[int], run: list[int]) -> bool:
    """Tell whether ``run`` continues an organisation's name (*Observatory for Human Rights*)."""
    between = text[tokens[organisation[-1]].end : tokens[run[0]].start].strip().lower()
    return between in ORGANISATION_LINKS


def _acronym_after(text: str, tokens: list[Token], run: list[int]) -> str | None:
    """The acronym an organisation is given in parentheses right after its name, if any."""
    nxt = run[-1] + 1
    if nxt < len(tokens) and tokens[nxt].word in ORGANISATION_WORDS:
        nxt += 1  # the organisation word closing the name (Islamic state (IS))
    run = [*run[:-1], nxt - 1]
    if nxt < len(tokens) and text[tokens[run[-1]].end : tokens[nxt].start].strip() == "(":
        candidate = tokens[nxt].text
        if text[tokens[nxt].end : tokens[nxt].end + 1] == ")" and len(candidate) <= 8:
            return candidate
    return None


def _is_adjective(text: str, tokens: list[Token], i: int) -> bool:
    """A capitalised word of a people or with an adjective's ending before a word it describes.

    The word after it, with only spaces between, is lower-case (*Syrian territory*, *Iraqi
    officials*, *сирийской армии*; not *le Pas-de-Calais, et*), a person's title (*Syrian
    President*, *Iraqi Prime Minister*) or another such word that is one (*Israeli, Yemeni and
    Saudi envoys*); after a German adjective's ending, any word: German writes its nouns with a
    capital (*Russische Raketen*, *Türkische Kampfjets* opening a sentence); after a people's word
    of :data:`~.cues.DEMONYMS` or a country's English adjective, a name too (*Pakistani Punjab*, *Indian Punjab*).
    """
    if not _of_a_people(tokens[i].word):
        return False
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is None or not following.cased:
        return False
    if (
        _of_a_people(following.word)
        and following.capitalized
        and not following.sentence_start  # *Каменска-Уральского. Свердловской области*: a sentence ends
        and _is_adjective(text, tokens, i + 1)
    ):
        return True  # Israeli, Yemeni and Saudi envoys
    if text[tokens[i].end : following.start].strip():
        return False  # punctuation between: the word describes nothing after it
    return (
        not following.capitalized
        or following.word in PERSON_TITLES
        or tokens[i].word.endswith(_GERMAN_ADJECTIVE_ENDINGS)
        or tokens[i].word in DEMONYMS  # *Pakistani Punjab*, *Iraqi Kurdistan*: the people's word, then a name
        or tokens[i].word in COUNTRY_OF_ADJECTIVE  # *Indian Punjab*
    )


_GERMAN_NOUNS_OF_A_STATE = frozenset(
    {
        "regierung", "präsident", "präsidentin", "ministerpräsident", "ministerpräsidentin", "außenminister",
        "außenministerin", "verteidigungsminister", "verteidigungsministerin", "kanzler", "kanzlerin",
        "regierungschef", "regierungschefin", "staatschef", "staatschefin", "premierminister",
        "premierministerin", "armee", "militär", "streitkräfte", "parlament", "polizei", "behörden",
        "opposition", "botschafter", "botschafterin", "notenbank", "zentralbank", "justiz", "grenzschutz",
    }
)  # fmt: skip
"""German nouns of a state's government and institutions, which a country's genitive opens (*Polens Regierung*)."""


def _german_genitive_of(token: Token, written: KnowsName) -> bool:
    """Tell whether ``token`` may be the German genitive of a name some place is written as (*Frankreichs*, *Irans*)."""
    word = token.text
    return len(word) >= 5 and word.endswith("s") and word[-2].islower() and word[-2] != "s" and written(word[:-1])


def _a_german_countrys_genitive(tokens: list[Token], i: int, raw: str, written: KnowsName) -> bool:
    """Tell whether word ``i`` is a German country's name in *-ien* in the genitive (*Syriens*, *Italiens*).

    Right after a noun (*im Norden Syriens*, *die Regierung Italiens*) or a preposition that takes
    the genitive (*innerhalb Spaniens*), or before a state's noun (*Tschechiens Regierung*), and some
    place written without the *s*. The word ends as
    a French people's plural does (*les Syriens*, *des Italiens*), which follows an article or a
    lower-case word instead.
    """
    if not raw.endswith("iens") or not written(raw[:-1]):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].capitalized and tokens[i + 1].word in _GERMAN_NOUNS_OF_A_STATE:
        return True  # *Tschechiens Regierung*, before the noun it depends on
    if i == 0:
        return False
    before = tokens[i - 1]
    if before.end + 1 != tokens[i].start:
        return False
    if before.word in _GERMAN_GENITIVE_PREPOSITIONS:
        return True
    if before.word in _GERMAN_CONJUNCTIONS:  # *Deutschlands, Frankreichs und Großbritanniens*
        return i >= 2 and _german_genitive_of(tokens[i - 2], written)
    return before.capitalized and before.word not in ARTICLES


def _after_its_noun(tokens: list[Token], i: int, found: list[Span], german_genitive: bool) -> bool:
    """Tell whether the last span ``found`` is the word right before word ``i``, a genitive that depends on it.

    Any word before a German country's genitive in *-iens* (:func:`_a_german_countrys_genitive`);
    a compass point's (:data:`_GERMAN_COMPASS_NOUNS`) before any other (*im Osten Deutschlands*).
    """
    if not found or i == 0 or found[-1].end != tokens[i - 1].end:
        return False
    return german_genitive or tokens[i - 1].word in _GERMAN_COMPASS_NOUNS


def _a_place_ending_so(tokens: list[Token], i: int, raw: str, written: KnowsName) -> bool:
    """Tell whether word ``i``, ending as an adjective of place does, may be the name of a place written so.

    *Wien*, *Calais*, *Dalian*, and the German names of countries in *-ien* (*in Syrien kämpfen*,
    *nach Italien*) end as *Syrian*, *Parisien* or *Libanais* do. Not a word of a people listed in
    :data:`~.cues.DEMONYMS` (*Iraqi*, a village's name too), nor one after an article, where it
    names a person of the place (*un Algérien*, *the Spanish government*), unless its words are
    joined as a French place's are (*le Pas-de-Calais voisin*). Such a span is a mention only on
    stronger evidence (:attr:`Span.like_a_people`): *Haitian* is also one of the names of a Chinese
    village.
    """
    word = tokens[i].word
    after_article = i > 0 and tokens[i - 1].word in ARTICLES and not _JOINED_AS_A_PLACE.search(word)
    if word in DEMONYMS or after_article:
        return False
    return written(raw)


_JOINED_AS_A_PLACE = re.compile(r"-(?:de|du|des|la|le|les|sur|sous|en|lès|lez|aux|au)-")
"""Words joined as a French place's name joins them (*Pas-de-Calais*, *Boulogne-sur-Mer*), never a people's."""


# How the adjective of a place of several words ends (*Sri Lankan*, *Sierra Leonean*, *Puerto
# Rican*): the ending, and what stands for it in the place's name.
_PEOPLE_OF_ENDINGS = (("n", ""), ("an", ""), ("an", "o"))


def _names_a_people(tokens: list[Token], run: list[int], written: KnowsName) -> bool:
    """Tell whether ``run`` ends on the adjective of a place of several words, which is no mention of it.

    *Sri Lankan* is of Sri Lanka, *Puerto Rican* of Puerto Rico, *Sierra Leonean* of Sierra Leone,
    as *Syrian* is of Syria; read word by word, *Sri* was Surrey (*Съри*) and *Rican* Říčany. Not a
    run some place is written as (*Mount Vernon*).
    """
    last = tokens[run[-1]].text
    # Every ending ends in "n": most runs need no look-up at all.
    if len(run) < 2 or not last.endswith("n") or written(_words(tokens, run)):
        return False
    for start in range(len(run) - 1):
        before = _words(tokens, run[start:-1])
        for ending, stem_end in _PEOPLE_OF_ENDINGS:
            stem = last[: -len(ending)]
            if last.endswith(ending) and len(stem) > 1 and written(f"{before} {stem}{stem_end}"):
                return True
    return False


def _a_language_after_in(tokens: list[Token], i: int) -> bool:
    """Tell whether word ``i`` is a country's English adjective after *in*, before no name: a language.

    *known as Peja in Albanian*, *in Serbian and Croatian*; not *in Iraqi Kurdistan*.
    """
    if i == 0 or tokens[i - 1].word != "in" or tokens[i].word not in COUNTRY_OF_ADJECTIVE:
        return False
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following is None or not following.capitalized


def _of_a_people(word: str) -> bool:
    """A word of a people, or with the ending of an adjective of place (*Syrian*, *Iraqi*, *сирийской*).

    Or a country's English adjective of any ending (*Mexican*, *Thai*, *Greek*), not an
    abbreviation of its name (*US officials*, *UK ministers* name the country).
    """
    return (
        word.endswith(DEMONYM_ENDINGS)
        or word in DEMONYMS
        or word.endswith(_SLAVIC_ADJECTIVE_ENDINGS)
        or (word in COUNTRY_OF_ADJECTIVE and len(word) > 3 and word.isalpha())
    )


def _before_name_word(text: str, tokens: list[Token], run: list[int], position: int) -> bool:
    """Tell whether a capitalised word follows the span ending before ``position`` of ``run``.

    In the run, or right after it when a possessive closed it (*Martha's Vineyard*: see
    :func:`_after_a_possessive`); the owner is then a piece of a longer name as much as before.
    """
    if position < len(run):
        return tokens[run[position]].capitalized
    last = run[-1]
    following = last + 1
    return (
        tokens[last].text.endswith(POSSESSIVES)
        and following < len(tokens)
        and tokens[following].capitalized
        and _joined(text, tokens[last], tokens[following])
    )


def _after_name_word(text: str, tokens: list[Token], run: list[int], position: int) -> bool:
    """Tell whether a capitalised word not opening a sentence precedes the span starting at ``position`` of ``run``.

    In the run, or right before it when it is a possessive that closed the run before (*Brazil's
    Lula*: see :func:`_after_a_possessive`), even opening a sentence; what is owned is a piece of
    a longer name as much as before.
    """
    if position > 0:
        before = tokens[run[position - 1]]
        # German writes its nouns with a capital: *die Schweizer Stadt Freiburg*, *die Gemeinde Blatten*,
        # *der Universitätsstadt Tartu*.
        return (
            _name_word(before)
            and before.word not in GERMAN_KIND_NOUNS
            and not _a_german_towns_noun(before.word)
            and before.word not in _CROSSINGS_WORDS
            and not (run[position - 1] > 0 and _a_language_after_auf(tokens[run[position - 1] - 1].word, before.word))
        )
    previous = run[0] - 1
    return (
        previous >= 0
        and tokens[previous].text.endswith(POSSESSIVES)
        and tokens[previous].capitalized
        and _joined(text, tokens[previous], tokens[run[0]])
    )


def _piece_of_a_name(tokens: list[Token], run: list[int], position: int) -> bool:
    """Tell whether the word at ``position`` of ``run`` is one of :data:`~.cues.NAME_PART_WORDS` beside a name's word.

    *South Ossetia*, *Vancouver Island*, *the North region*: such a word is a piece of that
    name. Not beside common words alone, which make no name with it: a German noun after a
    country's name (*Vulkanausbruch in Island Anfang Dezember*, in Iceland early in December).
    """
    if tokens[run[position]].word not in NAME_PART_WORDS:
        return False
    beside = run[max(position - 1, 0) : position] + run[position + 1 : position + 2]
    return any(tokens[i].word not in COMMON_WORDS for i in beside)


def _name_word(token: Token) -> bool:
    """A capitalised word that does not open a sentence (where capitals say nothing), or a given name that does.

    *Paris Hilton opened*: a given name that is also a place's (:data:`~.cues.GIVEN_NAMES_OF_PLACES`)
    opening a sentence is a name's first word as much as elsewhere.
    """
    return token.capitalized and (not token.sentence_start or token.word in GIVEN_NAMES_OF_PLACES)


def _after_a_german_determiner_and_adjective(text: str, tokens: list[Token], i: int) -> bool:
    """Tell whether word ``i`` follows a German determiner and a declined adjective: a noun (*ein neues Treffen*).

    Not a former name in apposition after a comma (*Daugavpils, dem früheren Dünaburg*).
    """
    if i < 2:
        return False
    adjective, determiner = tokens[i - 1], tokens[i - 2]
    apposition = i >= 3 and "," in text[tokens[i - 3].end : determiner.start]
    return (
        not adjective.capitalized
        and len(adjective.word) >= 4
        and adjective.word.endswith(_GERMAN_ADJECTIVE_INFLECTIONS)
        and determiner.word in _GERMAN_DETERMINERS
        and german_country_before(f"{adjective.word} ") is None  # *im polnischen Zgorzelec*: a place
        and not (apposition and adjective.word.startswith(_GERMAN_ADJECTIVES_OF_A_NAME))
    )


_GERMAN_ADJECTIVES_OF_A_NAME = ("früher", "ehemalig", "einstig")
"""German adjectives that say a place once bore the name after them (*dem früheren Dünaburg*)."""


def _a_german_towns_word(token: Token, written: KnowsName) -> bool:
    """Tell whether ``token`` is a German noun of a town, maybe compounded, that is no place's name itself.

    *der Universitätsstadt Tartu*, *dem Urwalddorf Białowieża*, *die Hafenstadt*: a town's name
    follows (not *Darmstadt*, *Düsseldorf*).
    """
    return token.capitalized and _a_german_towns_noun(token.word) and not written(token.text)


def _a_german_towns_noun(word: str) -> bool:
    """Tell whether lower-cased ``word`` ends as a German noun of towns does (*Grenzstädten*, *Fischerort*).

    Or it is the area round a town (*im Raum Ödenburg*, *im Großraum Stuttgart*).
    """
    if word.endswith(_GERMAN_TOWN_WORD_ENDINGS) or word in _GERMAN_AREA_NOUNS:
        return True
    return len(word) >= 6 and word.endswith(_GERMAN_PLACE_ORT) and not word.endswith(_NOT_GERMAN_PLACE_ORT)


_GERMAN_TOWN_WORD_ENDINGS = (
    "stadt", "städte", "städten", "dorf", "dörfer", "dörfern", "städtchen", "metropole", "metropolen",
    "gemeinde", "gemeinden", "ortschaft", "ortschaften",
)  # fmt: skip
"""How a German noun of a town or towns ends, alone or compounded (*Grenzstadt*, *Bergdorf*, *Hafenstädte*)."""
_GERMAN_AREA_NOUNS = frozenset({"raum", "großraum"})
"""German nouns of the area round a town, before its name (*im Raum Ödenburg*)."""
_GERMAN_PLACE_ORT = ("ort", "orte", "orten")
"""*Ort* (place) compounded, and its plurals: *Fischerort*, *Badeort*, *Urlaubsorten*."""
_NOT_GERMAN_PLACE_ORT = (
    "port", "porte", "porten", "fort", "resort", "wort", "worte", "worten", "sorte", "sorten", "torte", "torten",
    "pforte", "pforten",
)  # fmt: skip
"""Words and names ending as *Ort* does that are no place's noun (*Transport*, *Newport*, *Beaufort*, *Antworten*)."""


def _a_language_after_auf(before: str, word: str) -> bool:
    """Tell whether ``word`` after ``before`` names a language in German (*auf Dänisch Aabenraa*, *auf Deutsch*)."""
    return before == "auf" and (word.endswith("isch") or word == "deutsch")


def _declined_adjective(word: str) -> bool:
    """A German adjective in the dative (*nach tagelangem Regen*): a common noun follows."""
    return len(word) >= 5 and word.endswith("em") and word.islower()


def _variants(
    raw: str, words: int, cased: bool, written: KnowsName, *, adjective_alone: bool = False, after_in: bool = False
) -> list[tuple[int, int, str]]:
    """The stretches of ``raw`` (a span of ``words`` words) to look up, in turn (see :func:`_as_written`).

    A name of several words opening on an abbreviation is also looked up with the abbreviation
    spelt out (*Ste. Genevieve*: *Sainte Genevieve*): after each way it is written, unless only
    the spelt-out name is some place's exactly (*Sta. Rosa* sounds like *Storrs*; *Santa Rosa*
    is written so).
    """
    found = _as_written(raw, words, cased, written, adjective_alone=adjective_alone, after_in=after_in)
    if not cased or words == 1 or not spelled_out(raw):
        return found
    full = [(start, end, long) for start, end, name in found for long in spelled_out(name)]
    if written(raw) or not any(written(name) for _, _, name in full):
        return found + full
    return full + found


def spelled_out(name: str) -> list[str]:
    """``name`` with the abbreviation it opens on spelt out (*Mt. Vernon*: *Mount Vernon*), or none."""
    first, _, rest = name.partition(" ")
    abbreviation = first.removesuffix(".")
    if not rest or not abbreviation[:1].isupper():
        return []
    return [f"{full} {rest}" for full in NAME_ABBREVIATIONS.get(abbreviation.lower(), ())]


def _as_written(
    raw: str, words: int, cased: bool, written: KnowsName, *, adjective_alone: bool = False, after_in: bool = False
) -> list[tuple[int, int, str]]:
    """The stretches of ``raw`` (a span of ``words`` words) to look up, in turn, as they are written.

    Each is given as (start, end, name): its offsets in ``raw`` and the name to look up, most
    often ``raw[start:end]`` itself.

    - A possessive of a ``cased`` last word is tried without its ``'s`` first (*Aleppo's*,
      *France's*), when that word has three letters or more (*Ra's al-Ayn* keeps its own),
      unless some place of several words is written exactly as the whole (*St. John's*); so is a
      Turkish case ending after an apostrophe (*Kobani'de*, *Menbiç'te*), unless some place is
      written exactly as the whole (*Sana'a*).
    - A Russian or Ukrainian name, the span kept whole, is also looked up without a case ending
      where a consonant is left (*Харькове*, *Луганска*; *Китае* is no case of Кита) and as the
      name in *-а*, *-я*, *-и*, *-ы* or *-й* that ending stands for (*Одесу* is Одеса, *Ракки*
      Ракка, *Сумах* Суми, *Китае* Китай), and, ``adjective_alone`` (before no noun it may
      describe), as the adjective it may be (*Грозного* is Грозный). Those some place is written exactly as come first
      when none is written as the whole (a phonetic key of *Донецку* may meet another name than
      Donetsk's). An oblast or a krai in another case is looked up in the nominative
      (*Белгородской области*: Белгородская область).
    - A Kurdish (Kurmanji) name, the span kept whole, is also looked up without its oblique
      *-ê* or *-yê* (*Hewlêrê*, *Qamişloyê*), first when no place is written as the whole.
    - A span of Arabic or Hebrew script whose first word starts with proclitics (و + إيران,
      و + دير الزور, ו + ב + תל אביב) is tried without them first, one letter then two, unless
      some place is written exactly as the whole span (ب in *بيروت* is a letter of Beirut's
      name, not *in*).
    """
    whole = (0, len(raw), raw)
    if cased and raw.endswith(POSSESSIVES) and len((raw[:-2].rsplit(maxsplit=1) or [""])[-1]) >= 3:
        stem = (0, len(raw) - 2, raw[:-2])
        return [whole, stem] if words > 1 and written(raw) else [stem, whole]
    if cased and (ending := _case_ending(raw)):
        stem = (0, len(raw) - ending, raw[:-ending])
        return [whole, stem] if written(raw) else [stem, whole]
    if cased and _CYRILLIC.search(raw[-1:]):
        phrase = _slavic_division_nominative(raw)
        if phrase is not None:
            return [(0, len(raw), phrase), whole] if written(phrase) and not written(raw) else [whole]
        # A name whose case ending is cut ends on a consonant: *Китае* is no case of Кита (Quito),
        # which would be *Ките*, but of Китай. A name on a river declines its first word
        # (*Ростове-на-Дону* is Ростов-на-Дону).
        head, on, river = raw.partition(_ON_A_RIVER)
        declined, rest = (head, on + river) if on and head else (raw, "")
        in_case = after_in and declined.endswith(("ом", "ем"))
        cut = [
            (0, len(raw), declined[: -len(e)] + rest)
            for e in _SLAVIC_CASE_ENDINGS
            if declined.endswith(e)
            and len(declined) - len(e) >= 4
            and declined[-len(e) - 1].lower() not in _SLAVIC_VOWELS
        ]
        restored = [
            (0, len(raw), declined[: -len(e)] + nominative + rest)
            for e, nominatives in _SLAVIC_NOMINATIVES
            if declined.endswith(e) and len(declined) - len(e) >= 2
            for nominative in nominatives
            # *Дубае* is Дубай, but *Столичные* the plural of an adjective, no case of Столичный
            if not (nominative == "й" and declined[-len(e) - 1 :][:1] in ("ы", "и"))
        ]
        # An adjective before the noun declines too: *Нижнем Новгороде* is Нижний Новгород,
        # *Набережных Челнах* Набережные Челны, *Старом Осколе* Старый Оскол.
        both = (
            []
            if on
            else [
                (0, len(raw), name)
                for name in (*_declined_adjective_and_noun(raw, written), *_declined_noun_and_adjective(raw, written))
            ]
        )
        # A name that is an adjective declines as one: *Грозного* is Грозный, *Мирном* Мирный; after
        # a noun's own case, which may be the same (*Дзержинском* is Дзержинск's instrumental).
        adjectival = [
            (0, len(raw), name)
            for name in dict.fromkeys(
                declined[: -len(e)] + nominative + rest
                for e, nominatives in _RUSSIAN_ADJECTIVE_CASES
                if adjective_alone and " " not in declined and declined.endswith(e) and len(declined) - len(e) >= 3
                for nominative in nominatives
            )
            if written(name)
        ]
        # *в Октябрьском*: after *in*, a name in -ом or -ем is an adjective's, not a noun's instrumental
        # (*под Дзержинском*), though Октябрьск is written too
        others = adjectival + both + cut + restored if in_case else both + cut + restored + adjectival
        if others and not written(raw):
            first = [v for v in others if written(v[2])]
            if first:
                return [*first, whole, *(v for v in others if v not in first)]
        return [whole, *others]
    if cased and raw.endswith(_KURDISH_OBLIQUE) and len(raw) >= 4:
        ending = 2 if raw.endswith("yê") else 1
        stem = (0, len(raw), raw[:-ending])
        return [whole, stem] if written(raw) else [stem, whole]
    if cased and _genitive(raw, words) and not written(raw) and written(raw[:-1]):
        return [(0, len(raw), raw[:-1]), whole]
    if not cased:
        stripped = [(count, len(raw), raw[count:]) for count in _proclitic_counts(raw, words)]
        if stripped:
            return [whole, *stripped] if written(raw) else [*stripped, whole]
    return [whole]


def _before_its_noun(text: str, tokens: list[Token], position: int) -> bool:
    """Tell whether the Cyrillic word at ``position`` stands before a noun it may describe as an adjective.

    A capitalised word (*Северном Кавказе*) or one in lower case that no verb's ending closes
    (*по Золотому кольцу*, the Golden Ring), a space between: *в Грозном прошёл* is a town's, and so are
    *в Свободном запущена* and *в Усолье-Сибирском и Зиме* (a participle, a common word).
    """
    if position + 1 >= len(tokens) or text[tokens[position].end : tokens[position + 1].start] != " ":
        return False
    following = tokens[position + 1]
    if not following.cased or not _CYRILLIC.search(following.text):
        return False
    if following.capitalized:
        return True
    return not (following.word.endswith(_RUSSIAN_VERB_ENDINGS) or following.word in COMMON_WORDS)


_ISCHE = ("ische", "ischen")
"""The endings of a German adjective before *Schweiz* that names a landscape (*Sächsische Schweiz*)."""
_RUSSIAN_IN = frozenset({"в", "во", "о", "об", "обо", "при"})
"""The Russian prepositions of the prepositional case (*in*, *about*, *at*): a name in -ом after one is an
adjective's (*в Октябрьском*), not a noun's instrumental."""
_RUSSIAN_ADJECTIVE_NOMINATIVES = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
"""The endings of a Russian adjective in the nominative: opening a sentence before its noun, it describes it."""
_RUSSIAN_VERB_ENDINGS = (
    *("л", "ла", "ло", "ли", "лся", "лась", "лось", "лись", "ет", "ит", "ут", "ют", "ят", "ат", "ся"),
    *("ена", "ено", "ены", "ана", "ано", "аны", "ята", "ято", "яты", "ыта", "ыто", "ыты"),
)
"""Endings of Russian verbs in the past and the present (*прошёл*, *закрылась*, *работает*), and of their
short participles (*запущена*, *открыто*, *закрыты*)."""


def _declined_adjective_and_noun(raw: str, written: KnowsName) -> list[str]:
    """The names some place is written as that a Russian adjective and noun of two words, both declined, stand for.

    The adjective in any case (*Нижнем*, *Нижнего*, *Набережных*, *Старом*) in the nominative of
    each gender and of the plural its ending may stand for; the noun as written, without its case
    ending, and in the nominative of a name in *-а*, *-я* or of a plural (see :data:`_SLAVIC_NOMINATIVES`).
    """
    adjective, space, noun = raw.partition(" ")
    if not space or " " in noun or len(adjective) < 5 or len(noun) < 3:
        return []
    adjectives = _adjective_nominatives(adjective)
    if not adjectives:
        return []
    nouns = _noun_and_stems(noun)
    nouns += [
        noun[: -len(e)] + nominative
        for e, nominatives in _SLAVIC_NOMINATIVES
        if noun.endswith(e) and len(noun) - len(e) >= 3
        for nominative in nominatives
    ]
    names = dict.fromkeys(f"{a} {n}" for a in adjectives for n in nouns if f"{a} {n}" != raw)
    return [name for name in names if written(name)]


def _declined_noun_and_adjective(raw: str, written: KnowsName) -> list[str]:
    """The names some place is written as that a Russian noun and adjective joined by a hyphen, both declined, name.

    *Каменска-Уральского* is Каменск-Уральский, *Петропавловске-Камчатском* Петропавловск-Камчатский: the
    noun as written or without its case ending, the adjective in the nominative its ending may stand for.
    """
    noun, hyphen, adjective = raw.partition("-")
    if not hyphen or " " in raw or "-" in adjective or len(noun) < 3 or len(adjective) < 5:
        return []
    names = dict.fromkeys(
        f"{n}-{a}" for a in _adjective_nominatives(adjective) for n in _noun_and_stems(noun) if f"{n}-{a}" != raw
    )
    return [name for name in names if written(name)]


def _adjective_nominatives(adjective: str) -> list[str]:
    """A Russian adjective in any case in the nominative of each gender and of the plural its ending may stand for."""
    return [
        adjective[: -len(ending)] + nominative
        for ending, nominatives in _RUSSIAN_ADJECTIVE_CASES
        if adjective.endswith(ending)
        for nominative in nominatives
    ]


def _noun_and_stems(noun: str) -> list[str]:
    """A Russian noun as written and without each case ending it may end on, three letters or more left."""
    return [noun] + [noun[: -len(e)] for e in _SLAVIC_CASE_ENDINGS if noun.endswith(e) and len(noun) - len(e) >= 3]


def _slavic_division_nominative(raw: str) -> str | None:
    """The nominative of an oblast's, a krai's or an okrug's name in another case, or ``None``.

    *Белгородской области* is Белгородская область, *Краснодарском крае* Краснодарский край, and an
    autonomous one's name of three words *Ханты-Мансийском автономном округе* Ханты-Мансийский
    автономный округ.
    """
    adjective, _, noun = raw.partition(" ")
    autonomous, _, last = noun.partition(" ")
    nominative = _SLAVIC_DIVISION_NOUNS.get(last or noun)
    if nominative is None or " " in last:
        return None
    word = nominative
    if last:
        if autonomous.lower() not in _AUTONOMOUS.get(nominative, ()):
            return None
        word = f"{_AUTONOMOUS_NOMINATIVE[nominative]} {nominative}"
    for ending, replacement in _SLAVIC_DIVISION_ADJECTIVES[nominative]:
        if adjective.endswith(ending) and len(adjective) - len(ending) >= 3:
            return f"{adjective[: -len(ending)]}{replacement} {word}"
    return None


def _longer_after(text: str, tokens: list[Token], run: list[int], i: int, length: int, written: KnowsName) -> bool:
    """Tell whether some place is written as a stretch from the word after ``run[i]`` reaching past ``length`` words."""
    start = tokens[run[i + 1]].start + tokens[run[i + 1]].elided
    reach = min(i + 1 + MAX_SPAN_WORDS, len(run))
    return any(written(text[start : tokens[run[j]].end]) for j in range(i + length, reach))


def _a_waters_name_after_the(tokens: list[Token], run: list[int], i: int) -> int | None:
    """Where in ``run`` a water's name opening at ``i`` after *the* ends on its word (*the Red Sea*), if it does.

    A sea, an ocean, a river, a lake, a strait, a channel or a canal (:data:`_WATER_BODY_WORDS`);
    not islands, which are places (*the Canary Islands*).
    """
    position = run[i]
    if position == 0 or tokens[position - 1].word != "the":
        return None
    for j in range(i + 1, min(i + MAX_SPAN_WORDS, len(run))):
        if tokens[run[j]].word in _WATER_BODY_WORDS and tokens[run[j]].capitalized:
            return j
    return None


def _named_by_a_water_or_a_landform(tokens: list[Token], run: list[int], i: int) -> bool:
    """Tell whether the word at ``run[i]`` opens the name of a water, a landform or a square, by the words before it.

    *Lake Ontario*, *قناة السويس*, *rio Paraná*, *piazza Duomo*, *the Strait of Hormuz* (see
    :data:`~.cues.WATER_AND_LANDFORM_WORDS_BEFORE`).
    """
    position = run[i]
    before = tokens[position - 1] if position >= 1 else None
    if before is None or tokens[position].start - before.end > 1:
        return False  # not across a comma (*du fleuve, Brazzaville*)
    if i > 0 and before.word in WATER_AND_LANDFORM_WORDS_BEFORE and (before.capitalized or not before.cased):
        return True
    if i == 0 and before.cased and not before.capitalized and before.word in WATER_AND_SQUARE_WORDS_IN_LOWER_CASE:
        return True
    # *il ponte di via Firenze*: an Italian street, though *via Damascus* is a way through Damascus
    if i == 0 and before.text == "via" and _among_italian_or_spanish_words(tokens, position - 1, position + 1):
        return not _among_english_words(tokens, position - 1, position + 1)
    two_before = tokens[position - 2] if position >= 2 else None
    if two_before is None or before.word not in _OF_WORDS or before.capitalized:
        return False
    # *the Strait of Hormuz*, *le golfe de Guinée*, *lago de Nicaragua*, *University of Idaho*, *rue de Marseille*
    return (
        two_before.word in WATERS_OF
        or (two_before.capitalized and two_before.word in INSTITUTION_WORDS_OF)
        or (not two_before.capitalized and two_before.word in _STREETS_BEFORE_OF)
    )


_ARABIC_INSTITUTIONS_NOUNS = frozenset(
    {"جامعة", "شارع", "كأس", "شركة", "مؤسسة", "كهرباء", "نفط", "فريق", "نادي", "مستشفى", "أرامكو"}
)
"""Arabic nouns of an institution, a street, a cup or a club, which a place's name after them completes
(*جامعة دمشق*, Damascus University; *كأس مصر*, the Egypt Cup; *مؤسسة كهرباء لبنان*)."""


def _an_arabic_institutions_noun(word: str) -> bool:
    """Tell whether ``word`` is one of :data:`_ARABIC_INSTITUTIONS_NOUNS`, maybe behind proclitics (*لشركة*)."""
    return word in _ARABIC_INSTITUTIONS_NOUNS or _behind_proclitics(word, _ARABIC_INSTITUTIONS_NOUNS)


_SEAS_DIVISIONS = ("ولاية", "محافظة")
"""The Arabic words of a state and a governorate, which may be named after a sea (*ولاية البحر الأحمر*)."""
_WATERS_STATES_ARE_NAMED_AFTER = frozenset({"البحر", "النيل"})
"""The sea and the Nile, in Arabic: a state or a governorate is named after them only with its word before."""
_STREETS_BEFORE_OF = WATER_AND_SQUARE_WORDS_IN_LOWER_CASE - {"largo", "gare"}
"""Lower-case words of a street, a square or a river before *of* and a name; not *largo*, also Portuguese
*offshore* (*ao largo do Soyo*), nor *gare* (*la gare de Metz* is Metz's station)."""


def _an_institution_of(tokens: list[Token], run: list[int], i: int, written: KnowsName) -> int:
    """How many words of the run from ``run[i]`` are an institution's word, *of* and a name, its article before it.

    *Universidad de Chile*, *Plaza de Mayo*, *Canal de Panamá*, *El Consejo de Ministros* (see
    :data:`~.cues.INSTITUTION_WORDS_OF`): neither the word (*Universidad*, a quarter of Madrid; *El
    Consejo*, a town of Venezuela) nor the name is a place, unless some place is written as the words
    from there (*Mar del Plata*). None (0) otherwise.
    """
    article = int(tokens[run[i]].word in _ROMANCE_DEFINITE and tokens[run[i]].capitalized)
    at = i + article
    first = tokens[run[at]] if at < len(run) else tokens[run[i]]
    if not (first.capitalized and first.word in INSTITUTION_WORDS_OF and at + 2 < len(run)):
        return 0
    if tokens[run[at + 1]].word not in _OF_WORDS or not tokens[run[at + 2]].capitalized:
        return 0
    ends = range(at + 3, min(len(run), at + MAX_SPAN_WORDS) + 1)
    return 0 if any(written(_words(tokens, run[at:end])) for end in ends) else article + 3


def _a_phrase_of_no_place(tokens: list[Token], i: int) -> bool:
    """Tell whether word ``i`` stands in a phrase that makes it no place (see :data:`_NO_PLACE_AFTER`).

    Or it is an Arabic direction's adjective after a definite noun (:data:`_ARABIC_DIRECTIONS`), or
    *السعودية* (Saudi) after one, or a definite word after a demonstrative (:data:`_ARABIC_DEMONSTRATIVES`).
    """
    word = tokens[i].word
    before = tokens[i - 1].word if i > 0 else ""
    after = tokens[i + 1].word if i + 1 < len(tokens) else ""
    after_a_definite_word = before.startswith("ال") or before[1:3] == "ال"
    # *السلطات السعودية*, the Saudi authorities: the country's name is its feminine adjective too
    described = (word in _ARABIC_DIRECTIONS or word == "السعودية") and after_a_definite_word
    demonstrated = before in _ARABIC_DEMONSTRATIVES and word.startswith("ال")
    return (
        described
        or demonstrated
        or before in _NO_PLACE_AFTER.get(word, ())
        or after in _NO_PLACE_BEFORE.get(word, ())
    )


def _an_arabic_adjective(before: list[str], word: str) -> bool:
    """Tell whether the definite Arabic ``word`` is an adjective of the definite noun ending ``before``.

    Arabic writes an adjective after its noun, both definite (*ذات الإطار الرمادي*, with the grey
    frame: no Ramadi); a name after a noun in the same phrase follows it indefinite, in a genitive
    (*محافظة الأنبار*). So it is where the noun stands after a preposition or carries one (*في*,
    *ذات*, *بالإطار*); a noun right after a verb may be its subject, and the name after it the
    object (*اجتاح الإعصار الفلبين*, the storm swept the Philippines). A name may also stand beside
    the capital, a neighbour or a country's adjective (*في العاصمة الرياض*, *في العاصمة السعودية الرياض*).
    """
    preposition, noun = before
    if not word.startswith("ال"):
        return False
    carried = noun[:1] in _PLACE_PROCLITICS and noun[1:3] == "ال"
    bare = noun[1:] if carried else noun
    after_preposition = carried or _a_place_preposition(preposition) or preposition in _ARABIC_PARTICLES
    return (
        after_preposition
        and bare.startswith("ال")
        and bare not in _ARABIC_APPOSITION_NOUNS
        and not an_arabic_countrys_adjective(bare)
    )


_ARABIC_PARTICLES = frozenset(
    {"على", "عن", "مع", "ذات", "ذو", "ذي", "بين", "لدى", "حول", "تحت", "فوق", "أمام", "خلف", "أن", "إن"}
)
"""Arabic prepositions, the possessive *ذات*, *ذو* and *that* (*أن الاتفاق الجديد*, that the new agreement):
the definite noun after one is no verb's subject."""
_ARABIC_APPOSITION_NOUNS = frozenset({"العاصمة", "الجارة", "الشقيقة", "الجمهورية", "المملكة", "الإمارة", "السلطنة"})
"""Definite Arabic nouns a place's name may follow in apposition (*العاصمة الرياض*, the capital Riyadh)."""


def _a_place_preposition(word: str) -> bool:
    """Tell whether ``word`` is a place preposition (:data:`~.cues.PLACE_PREPOSITIONS`), or one after Arabic *and*.

    Or it is an Arabic noun of a place behind proclitics (*لمنفذ*, to the crossing of; *وبميناء*, and
    in the port of; see :data:`_ARABIC_PLACE_NOUNS`).
    """
    if word in PLACE_PREPOSITIONS or (word[:1] in _ARABIC_AND and word[1:] in PLACE_PREPOSITIONS):
        return True
    return _behind_proclitics(word, _ARABIC_PLACE_NOUNS)


def _behind_proclitics(word: str, nouns: frozenset[str]) -> bool:
    """Tell whether ``word`` is one of the Arabic ``nouns`` behind one or two proclitics (*لمدينة*, *وبميناء*)."""
    return any(word[:n] in _ARABIC_PROCLITIC_PAIRS and word[n:] in nouns for n in (1, 2))


_ARABIC_PLACE_NOUNS = frozenset(
    {"منفذ", "معبر", "مخيم", "منطقة", "مدينة", "محافظة", "بلدة", "قرية", "ميناء", "عاصمة", "ريف", "مطار"}
)
"""Arabic nouns of a place, before its name: each cues the name behind proclitics too."""
_ARABIC_PROCLITIC_PAIRS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"})
"""The proclitics, one or two, an Arabic noun may carry: *and*, *so*, *in*, *to*, *as*."""


def _after_a_crossings_word(tokens: list[Token], position: int, raw: str, written: KnowsName) -> str:
    """*X crossing*, for ``raw`` opening at ``position`` after another language's word of a border crossing; or empty.

    *der Grenzübergang Rafah*, *le poste-frontière de Rafah*, *el paso fronterizo de Rafah*, *il
    valico di Rafah*: the crossing, where some place is written so (the curated crossings are
    named in English and Arabic), not the town it is named after.
    """
    before = tokens[position - 1].word if position >= 1 else ""
    two_before = tokens[position - 2].word if position >= 2 else ""
    if before not in _CROSSINGS_WORDS and not (before in _OF and two_before in _CROSSINGS_WORDS):
        return ""
    name = f"{raw} crossing"
    return name if written(name) else ""


def _with_contracted_article(tokens: list[Token], position: int, raw: str, written: KnowsName) -> str:
    """``raw``, opening at ``position``, with the article the French preposition before it holds; or empty.

    Only when some place is written so: *au Havre* is in Le Havre (not Havré, in Belgium), *au
    Mans* in Le Mans; *au Canada* stays Canada.
    """
    if position == 0 or not tokens[position].capitalized:
        return ""
    article = _CONTRACTED_ARTICLES.get(tokens[position - 1].word)
    if article is None:
        return ""
    name = f"{article} {raw}"
    return name if written(name) else ""


def _declined(raw: str, variant: str, variants: list[tuple[int, int, str]], written: KnowsName) -> str:
    """The first other name among a Cyrillic ``raw``'s ``variants`` that some place is written as.

    Only when ``raw`` is looked up as written (``variant``); empty otherwise (see :attr:`Span.declined`).
    """
    if variant != raw or not _CYRILLIC.search(raw[-1:]):
        return ""
    return next((name for _, _, name in variants if name != raw and written(name)), "")


def _to_or_in_a_place_with_its_article(token: Token, written: KnowsName) -> bool:
    """Tell whether ``token`` is Italian *all'* or *nell'* (to the, in the) and a place's name that opens on *L'*.

    *All'Aquila*, *nell'Avana*: the article is the name's own (*L'Aquila*, *L'Avana*), so the word
    is that place after *to* or *in*; not a club's (*all'Inter*).
    """
    prefix = token.text[: token.elided].lower().replace("\u2019", "'")
    return prefix in ("all'", "nell'") and written("L'" + token.text[token.elided :])


def _among_english_words(tokens: list[Token], before: int, after: int) -> bool:
    """Tell whether an English word (:data:`_ENGLISH_WORDS`) stands near the words from ``before`` up to ``after``."""
    return _near_any(tokens, before, after, _ENGLISH_WORDS)


def _among_italian_or_spanish_words(tokens: list[Token], before: int, after: int) -> bool:
    """Tell whether the words near ``before`` up to ``after`` are Italian or Spanish, not Portuguese or French.

    See :data:`_ITALIAN_OR_SPANISH_WORDS` and :data:`_PORTUGUESE_OR_FRENCH_WORDS`.
    """
    return _near_any(tokens, before, after, _ITALIAN_OR_SPANISH_WORDS) and not _near_any(
        tokens, before, after, _PORTUGUESE_OR_FRENCH_WORDS
    )


def _near_any(tokens: list[Token], before: int, after: int, words: frozenset[str]) -> bool:
    """Tell whether one of ``words`` stands within :data:`_LANGUAGE_REACH` words of ``before`` up to ``after``."""
    near = tokens[max(0, before - _LANGUAGE_REACH) : before] + tokens[after : after + _LANGUAGE_REACH]
    return any(token.word in words for token in near)


def _genitive(raw: str, words: int) -> bool:
    """Tell whether ``raw``, one word, may be a name in the German genitive: four letters or more and an *s*.

    Not after an *s* (*Congress*), nor in capitals (*USS*), nor a people's plural (*Poles*, *Syrians*),
    nor a given name (*Frances*). (*Texas* is one: it stays itself as some place is written so.)
    """
    if words != 1 or len(raw) < 5 or not raw.endswith("s") or not raw[-2].islower() or raw[-2] == "s":
        return False
    if raw.lower() in GIVEN_NAMES_LIKE_GENITIVES:
        return False
    stem = raw[:-1].lower()
    return not (_of_a_people(stem) or stem in PEOPLE_NOUNS)


def _case_ending(raw: str) -> int:
    """How many characters at the end of ``raw`` are an apostrophe and a Turkish case ending (0 for none).

    The word keeps three letters before the apostrophe (*O'Brien*, *Ma'arat* have none to lose).
    """
    word = raw.rsplit(maxsplit=1)[-1]
    at = max(word.rfind(a) for a in _APOSTROPHES)
    if at < 3 or word[at + 1 :].lower() not in _TURKISH_CASE_ENDINGS:
        return 0
    return len(word) - at


def _proclitic_counts(raw: str, words: int) -> list[int]:
    """How many letters at the start of ``raw`` may be proclitics, fewest first (none, 1, or 1 and 2).

    What is left of the first word keeps three letters (two in a span of several words).
    """
    script = "arabic" if has_arabic(raw) else "hebrew" if _HEBREW.search(raw) else None
    if script is None:
        return []
    letters = _PROCLITICS[script]
    first = raw.split(maxsplit=1)[0]
    least = 3 if words == 1 else 2
    counts: list[int] = []
    if first[:1] in letters and len(first) - 1 >= least:
        counts.append(1)
        second = first[1:2]
        if first[0] in _FIRST_OF_TWO and second in letters and second not in _FIRST_OF_TWO and len(first) - 2 >= least:
            counts.append(2)
    # A tatweel may stretch the proclitic before a name (*بـحماه*, *لـبيت لحم*): it goes with it.
    return [count + 1 if first[count : count + 1] == _TATWEEL else count for count in counts]


_TATWEEL = "\u0640"


def _common(token: Token) -> bool:
    """A common word, or in Arabic or Hebrew script one behind a proclitic (*وفي*: and in; *והוא*: and he).

    Or an Arabic word ending on the tanwin of the accusative (*يومياً*, daily; *كبيراً*, great).
    """
    if token.word in COMMON_WORDS:
        return True
    if not token.cased and token.word.endswith(("\u064b", "\u064b\u0627")):
        return True  # *يومياً*, *كبيراً*: an adverb's or an indefinite noun's ending, never a place's
    return not token.cased and token.word[:1] in _ANY_PROCLITIC and token.word[1:] in COMMON_WORDS


def _nothing_written(words: str) -> bool:
    return False


def _a_team_in_a_match(text: str, tokens: list[Token], run: list[int]) -> bool:
    """Tell whether ``run`` names a team where a match report writes one (:data:`_TEAM_BEFORE`, :data:`_TEAM_AFTER`).

    *Chelsea beat Arsenal*, *a win at Everton*, *Arsenal fans*, *O FC Porto empatou com o Benfica*,
    *ha perso in casa con la Lazio*: a club named as its town or its region is no mention of it.
    """
    return _a_team_at(text, tokens[run[0]].start, tokens[run[-1]].end)


def _a_team_at(text: str, start: int, end: int) -> bool:
    """Tell whether the words from ``start`` to ``end`` stand where a match report writes a team."""
    return bool(_TEAM_BEFORE.search(text, max(0, start - 40), start) or _TEAM_AFTER.match(text, end))


def _a_countrys_adjective_and_kind(tokens: list[Token], run: list[int]) -> bool:
    """Tell whether ``run`` is a country's English adjective and a kind of place's word in lower case."""
    if len(run) != 2 or tokens[run[1]].capitalized:
        return False
    return tokens[run[0]].word in COUNTRY_OF_ADJECTIVE and tokens[run[1]].word in KIND_WORDS


def find_spans(text: str, knows: KnowsName, written: KnowsName | None = None) -> list[Span]:
    """Return the spans of ``text`` that may name places, in order, without overlaps.

    ``knows`` tells whether the gazetteer has a name under the exact or phonetic key of a string;
    it is not asked of a string longer than :data:`MAX_SPAN_CHARACTERS`. ``written`` tells
    whether some place is written exactly as a string, under its exact key (by default, none
    is): a word of a script without capitals so written is not read as a proclitic and a name,
    and a capitalised common word starts a name only in a stretch so written (*New York*).
    """
    is_written = written or _nothing_written
    # Without ``written``, a word of a script without capitals is taken as written when known.
    uncased_written = written or knows

    def known(words: str) -> bool:
        return len(words) <= MAX_SPAN_CHARACTERS and knows(words)

    tokens = tokenize(text)
    spans: list[Span] = []
    ruled_out: set[str] = set()
    affiliations: set[int] = set()
    previous_organisation: list[int] = []
    for run in _runs(text, tokens, is_written):
        if not tokens[run[0]].cased:
            shadowed = _shadowed(tokens, run, uncased_written)
            found = _spans_in_run(text, tokens, run, known, is_written, ruled_out, shadowed, uncased_written)
            spans.extend(span for span in found if not _a_team_at(text, span.start, span.end))
            continue
        whole = run
        run = _after_a_states_word(tokens, _from_name_start(text, tokens, run, is_written))
        if not run:
            continue  # common words alone (However, The)
        if len(run) == 1 < len(whole) and tokens[run[0]].word in FACILITY_WORDS and tokens[whole[-2]].capitalized:
            continue  # the National Mall, Central Park: the facility's word after a common one is no place
        if _a_countrys_adjective_and_kind(tokens, run):
            continue  # the French city of Nice: no French City (an old name of Gallipolis, Ohio)
        if _a_team_in_a_match(text, tokens, run):
            continue  # *Chelsea drew 2-2 with Aston Villa*: two clubs, no place
        after_a_business = run[0] > 0 and tokens[run[0] - 1].word in BUSINESS_NOUNS
        if after_a_business and not tokens[run[0] - 1].capitalized and not tokens[run[0]].sentence_start:
            continue  # *l'opérateur Orange*: the business, not Orange (Vaucluse)
        continues_organisation = previous_organisation and _linked(text, tokens, previous_organisation, run)
        if continues_organisation or _names_an_organisation(text, tokens, run, is_written):
            previous_organisation = run
            if acronym := _acronym_after(text, tokens, run):
                ruled_out.add(acronym)
            continue
        previous_organisation = []
        if _abbreviated_title(text, tokens, run):
            continue
        if _names_a_person(tokens, run, known, is_written):
            affiliations |= _affiliation(text, tokens, run[-1])
            continue
        if _names_a_people(tokens, run, is_written):
            continue
        storm = _storm_in(text, tokens, run, is_written)
        if storm == 0:
            continue
        if storm is not None:
            run = run[:storm]  # a place written before the storm's word (*In Vietnam Typhoon Yagi*)
        titled = _titled(text, tokens, run, is_written)
        if run[-1] in titled:
            affiliations |= _affiliation(text, tokens, run[-1])
        spans.extend(_spans_in_run(text, tokens, run, known, is_written, ruled_out, titled | affiliations))
    spans = [span for span in spans if not _a_datelines_agency(text, span)]
    spans = _with_qualifiers(text, spans, is_written)
    spans = _after_a_regions_word(text, _with_plural_division_words(text, spans), is_written)
    return _with_russian_oblasts(text, spans, is_written)


def _a_datelines_agency(text: str, span: Span) -> bool:
    """Tell whether ``span`` is a news agency's name in brackets before a dateline's dash (:data:`NEWS_AGENCIES`).

    *الدوحة - 5 مارس 2026 (قنا) -*: QNA, no Qena; *BRUXELLES (Belga) -*: no Belgium. A place in its
    stead is the dateline's area (*الرطبة (العراق) -*, *Baden (NÖ) -*).
    Or any name between a dateline's dash and a colon, as the Arabic press writes its source (*الأبيض - الجزيرة
    نت:*, Al Jazeera Net, no Algiers).
    """
    if _DATELINES_DASH.search(text[max(0, span.start - _DATELINE_REACH) : span.start]):
        return _AGENCY_COLON.match(text, span.end) is not None
    return (
        text[span.start - 1 : span.start] == "("
        and span.text.casefold() in NEWS_AGENCIES
        and _AGENCY_CLOSES.match(text, span.end) is not None
    )


_AGENCY_CLOSES = re.compile(r"\)[ \u00a0]*\.?[ \u00a0]*[-\u2013\u2014]")
"""The bracket and the dash after a dateline's agency (*(AFP) -*, *(EFE).-*)."""
_DATELINES_DASH = re.compile(r"(?:\A|\n)[^\n\-\u2013\u2014:]{1,40}[ \u00a0][-\u2013\u2014][ \u00a0]+\Z")
"""A paragraph's first words, a dateline's place, and a dash, right before a span."""
_DATELINE_REACH = 48
_AGENCY_COLON = re.compile(r"(?:[ \u00a0][^\s:]+)?[ \u00a0]*:")
"""The end of a source's name after a dateline's dash: a word more at most (*نت*, Net), and a colon."""


def _with_russian_oblasts(text: str, spans: list[Span], written: KnowsName) -> list[Span]:
    """``spans``, and a Russian adjective of a place with the word *oblast* after it that none of them covers.

    *в Ташкентской области*, *Губернатор Ошской области*: the region is named after its town
    (*Ташкент*, *Ош*), and the gazetteer holds no Russian name of the region to decline. The span is
    the adjective and the word, looked up as the town's name and *region*; the first of the stems an
    adjective of place is made from that some place is ``written`` as (*Ферганской*: *Фергана*;
    *Кызылординской*: *Кызылорда*; *Иссык-Кульской*: *Иссык-Куль*; *Одесской*: *Одеса*).
    """
    out = list(spans)
    for match in _RUSSIAN_OBLAST.finditer(text):
        if any(span.start < match.end() and match.start() < span.end for span in spans):
            continue
        stem = next((name for name in _russian_stems(match["base"]) if written(name)), None)
        if stem is None:
            continue
        out.append(
            Span(
                text=match[0],
                start=match.start(),
                end=match.end(),
                after_place_preposition=True,
                after_article=False,
                opens_sentence=False,
                looked_up=f"{stem} region",
            )
        )
    return sorted(out, key=lambda span: span.start)


_RUSSIAN_OBLAST = re.compile(
    r"\b(?P<base>[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё][а-яё]*)*?)(?:ской|ская|скую|ском|ского)\s+област(?:и|ь|ью|ях|ям)\b"
)
"""A Russian adjective of a place and the word *oblast* after it (*Ташкентской области*)."""


def _russian_stems(base: str) -> list[str]:
    """The names a Russian adjective of place may be made from, ``base`` being it without *-ская*."""
    stems = [base, base + "а", base + "о", base + "ь", base + "ы", base + "я", base + "са"]
    if base.endswith("ин"):  # *Кызылординская*, *Алматинская*: *Кызылорда*, *Алматы*
        stems += [base[:-2] + "а", base[:-2] + "ы"]
    return stems


def _after_a_regions_word(text: str, spans: list[Span], written: KnowsName) -> list[Span]:
    """``spans``, each after a Romance region's word and *of* looked up as that region (*la région de Sikasso*).

    The matching rules read *region* as a division's word, not *région*, *región* or *regione*: the
    span is looked up as *Sikasso region*, and stays a mention of its name alone. So is a name a
    governor governs (:func:`_a_governors`), and a name after the Arabic *countryside* or *governor*
    is its governorate's (*ريف إدلب*, the countryside of Idlib; *محافظ البصرة*, the governor of Basra), and
    one after the Arabic *region* the region some place is written as with it (*ومنطقة تبوك*). A
    span opening on a German region's word is shorn of it (*Region Karlsbad*: *Karlsbad*, looked up as
    *Karlsbad region*), unless some place is ``written`` as the whole (*Woiwodschaft Ermland-Masuren*).
    """
    out: list[Span] = []
    for span in spans:
        if not span.looked_up:
            if _REGIONS_WORD_BEFORE.search(text, max(0, span.start - 16), span.start) or _a_governors(text, span):
                span = replace(span, looked_up=f"{span.text} region")
            elif (word := _GERMAN_REGIONS_WORD_OPENING.match(span.text)) is not None and not written(span.text):
                name = span.text[word.end() :]
                span = replace(span, text=name, start=span.start + word.end(), looked_up=f"{name} region")
            elif _ARABIC_GOVERNORATES_WORD_BEFORE.search(text, max(0, span.start - 8), span.start):
                span = replace(span, looked_up=f"محافظة {span.text}")
            elif _ARABIC_REGIONS_WORD_BEFORE.search(text, max(0, span.start - 8), span.start) and written(
                f"منطقة {span.text}"
            ):
                span = replace(span, looked_up=f"منطقة {span.text}")  # *ومنطقة تبوك*: the Tabuk region
        out.append(span)
    return out


def _a_governors(text: str, span: Span) -> bool:
    """Tell whether ``span`` names what a governor governs: a division, not the city it is named after.

    *the governor of New York*, *el gobernador de Zacatecas*, *o governador de São Paulo*, *le
    gouverneur de Kirkouk*, *New York Gov. Kathy Hochul*, *the Basra governor*.
    """
    return bool(
        _GOVERNOR_BEFORE.search(text, max(0, span.start - 24), span.start)
        or _GOVERNOR_AFTER.match(text, span.end)
    )


_GOVERNOR_BEFORE = re.compile(
    r"\b(?:governor|gobernador|gobernadora|governador|governadora|gouverneur|gouverneure|gouverneurin|governatore)"
    r"[ \u00a0]+(?:(?:of|de|del|do|da|du|des|von|der|di|della|dello)[ \u00a0]+|d['\u2019])?"
    r"(?:(?:the|la|el|le|los|o|a)[ \u00a0]+|l['\u2019])?\Z",
    re.IGNORECASE,
)
"""A governor's word and *of* right before a span (*the governor of*, *el gobernador de*, *Gouverneur von*)."""
_GOVERNOR_AFTER = re.compile(r"[ \u00a0]+(?:[Gg]overnor|Gov\.)(?![\w-])")
"""A governor's English word right after a span (*New York Gov. Kathy Hochul*, *the Basra governor*)."""
_ARABIC_REGIONS_WORD_BEFORE = re.compile(r"(?:^|\s)[وف]?[بل]?منطقة[ \u00a0]+\Z")
"""The Arabic *region (of)* right before a span, behind its proclitics: the region where some place is
written with it (*ومنطقة تبوك*, Saudi Arabia's Tabuk region; *منطقة منبج*, Syria's district), else an area."""
_ARABIC_GOVERNORATES_WORD_BEFORE = re.compile(r"(?:^|\s)[وف]?[بل]?(?:ريف|محافظ)[ \u00a0]+\Z")
"""The Arabic *countryside (of)* or *governor (of)* right before a span, behind its proclitics (*بريف*,
*وريف*, *محافظ البصرة*, *لمحافظ*): the name is its governorate's."""


_REGIONS_WORD_BEFORE = re.compile(
    r"\b(?:(?i:région|región|regione|região)[ \u00a0]+(?i:(?:de|du|del|di|della|da|do)[ \u00a0]+|d['\u2019])"
    r"|(?:Region|Gebiet|Oblast|Woiwodschaft)[ \u00a0]+)\Z"
)
"""A Romance region's word and *of* right before a span (*la région de*, *la región de*, *la regione di*), or a
German one (*die Region Karlsbad*, *das Gebiet Kaliningrad*: the region, not the town it is named after)."""
_GERMAN_REGIONS_WORD_OPENING = re.compile(r"(?:Region|Gebiet|Oblast|Woiwodschaft)[ \u00a0]+(?=\S)")
"""A German region's word opening a span (*Region Karlsbad*, *Woiwodschaft Podlachien*)."""


def _with_plural_division_words(text: str, spans: list[Span]) -> list[Span]:
    """``spans``, each name of a list that a plural division word closes standing for that division.

    *Sacramento, Yolo and Sonoma counties*, *the Kherson and Zaporizhzhia regions*, *Kano and
    Kaduna states*: each is looked up with the word in the singular (*Sacramento county*), as
    *the Donetsk region* is, and stays a mention of its name alone. Not *states* as the verb
    (:data:`_AS_A_VERB`). So are the names of a list after a plural division word
    (:data:`_PLURAL_DIVISION_BEFORE`).
    """
    out = list(spans)
    for k, span in enumerate(spans):
        word = _PLURAL_DIVISION_AFTER.match(text, span.end)
        if word is None or word["word"].lower() not in PLURAL_DIVISION_WORDS:
            continue
        if word["word"].lower() == "states" and _AS_A_VERB.match(text, word.end()):
            continue  # the verb: *Armenia and Georgia states that*
        members = [k]
        while members[-1] > 0 and _between_list_names(text, spans[members[-1] - 1], spans[members[-1]]):
            members.append(members[-1] - 1)
        if len(members) < 2:
            continue  # one name before a plural word (*Sonoma counties' budgets*) is no list
        singular = PLURAL_DIVISION_WORDS[word["word"].lower()]
        for m in members:
            if not out[m].looked_up:
                out[m] = replace(out[m], looked_up=f"{out[m].text} {singular}")
    for k, span in enumerate(spans):
        before = _PLURAL_DIVISION_BEFORE.search(text, max(0, span.start - 40), span.start)
        if before is None or (k and _between_list_names(text, spans[k - 1], span)):
            continue
        members = [k]
        while members[-1] + 1 < len(spans) and _between_list_names(text, spans[members[-1]], spans[members[-1] + 1]):
            members.append(members[-1] + 1)
        if len(members) < 2:
            continue  # *las provincias de Córdoba* alone may be the city's, in another case
        singular = _SINGULAR_DIVISION_WORDS[before["word"].lower()]
        for m in members:
            if not out[m].looked_up:
                out[m] = replace(out[m], looked_up=f"{singular} {out[m].text}")
    return out


_SINGULAR_DIVISION_WORDS = {
    "provincias": "provincia de", "departamentos": "departamento de", "regiones": "región de",
    "estados": "estado de", "provinces": "province de", "régions": "région de", "départements": "département de",
    "cantons": "canton de", "regioni": "regione di", "distritos": "distrito de", "províncias": "província de",
    "regiões": "região de", "kantone": "Kanton", "bundesländer": "Land", "provinzen": "Provinz",
}  # fmt: skip
_PLURAL_DIVISION_BEFORE = re.compile(
    r"\b(?P<word>" + "|".join(_SINGULAR_DIVISION_WORDS) + r")[ \u00a0]+"
    r"(?:(?:de|del|des|du|di|da|do|dos|das)[ \u00a0]+)?\Z",
    re.IGNORECASE,
)
"""A Romance or German plural division word right before a list of names: *las provincias de Córdoba y
Mendoza*, *les départements du Var et des Alpes*, *die Kantone Bern und Zürich*; each name is looked
up as its division (*provincia de Córdoba*)."""


def _between_list_names(text: str, left: Span, right: Span) -> bool:
    """Tell whether only a list's separator stands between two spans (*,*, *and*, *, and*)."""
    between = text[left.end : right.start].strip().lower()
    return between in LIST_SEPARATORS or between in (", and", ", or")


def _with_qualifiers(text: str, spans: list[Span], written: KnowsName) -> list[Span]:
    """``spans``, each followed by a qualifier in parentheses that some place's name is written with taking it in.

    GeoNames writes a few towns' names so (*Frankfurt (Oder)*, *Halle (Saale)*): the name before the
    parentheses alone is its namesake's too (Frankfurt am Main's). Spans inside the qualifier go.
    """
    out: list[Span] = []
    end = -1
    for span in spans:
        if span.start < end:
            continue  # inside the qualifier taken in before
        qualifier = _QUALIFIER.match(text, span.end)
        if qualifier and not span.looked_up:
            name = f"{span.text} ({qualifier['words']})"
            if written(name):  # the text may write it without the space (*Frankfurt(Oder)*)
                as_written = text[span.start : qualifier.end()]
                looked_up = "" if as_written == name else name
                span = replace(span, text=as_written, end=qualifier.end(), looked_up=looked_up)
        out.append(span)
        end = span.end
    return out


def _affiliation(text: str, tokens: list[Token], last: int) -> set[int]:
    """The position of the state or party and state written after a person's name, if any.

    *Sen. Elizabeth Warren, MA*, *Rep. Nancy Pelosi (D-Calif.)*, *Rep. Elise Stefanik, R-N.Y.*:
    a code of two or three capitals, or a party's letter and a hyphen, after a comma or a
    parenthesis says whom the person represents; it is no mention of a place (*MA* alone is a
    village of Thailand's by a name *Ma*, *R-N* Rennes's code). Not one that opens a name (*Macron,
    UK Prime Minister Keir Starmer*), nor a country's (*Macron, US officials*: see
    :data:`~.cues.COUNTRY_ABBREVIATIONS`).
    """
    following = last + 1
    if following >= len(tokens) or not _AFFILIATION_GAP.fullmatch(text[tokens[last].end : tokens[following].start]):
        return set()
    after = following + 1
    if after < len(tokens) and tokens[after].capitalized and _joined(text, tokens[following], tokens[after]):
        return set()
    written = tokens[following].text
    letters = written.replace(".", "")
    code = 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()
    code = code and letters.lower() not in COUNTRY_ABBREVIATIONS
    return {following} if code or _PARTY.match(written) else set()


def _titled(text: str, tokens: list[Token], run: list[int], written: KnowsName) -> set[int]:
    """In a cased run, a person title after its first word and the three words after it: a person's names.

    *Syrian President Ahmed al-Sharaa*, *Turkish President Recep Tayyip Erdogan*: no name there is a
    place, unless some place is written as the words from the title or the word before it (*Lake
    Saint Clair*).
    """
    claimed: set[int] = set()
    for position in range(1, len(run)):
        if tokens[run[position]].word.rstrip(".") not in PERSON_TITLES or position + 1 == len(run):
            continue
        names = run[position : position + 4]
        starts = (tokens[run[position - 1]].start, tokens[names[0]].start)
        ends = {tokens[names[n]].end for n in range(1, len(names))}
        if not any(written(text[start:end]) for start in starts for end in ends):
            claimed.update(names)
    return claimed


def _written_behind_proclitics(raw: str, written: KnowsName) -> bool:
    """Tell whether some place is written as ``raw``, or as it without its proclitics, opening on a definite word."""
    counts = [0, *_proclitic_counts(raw, len(raw.split()))]
    return any(raw[count:].startswith("ال") and written(raw[count:]) for count in counts)


def _a_pair_of_names(token: Token, written: KnowsName) -> list[Span] | None:
    """The spans of the names a hyphen joins in ``token``, if each is written as some place's and the whole is not.

    *the Laos-China railway*, *US-China talks*, *India-Pakistan border*: the news joins two countries
    so; *Baden-Baden* and *Sachsen-Anhalt* are written whole, and *Jean-Pierre* names no country
    (the text resolver keeps such a span only as a country's mention).
    """
    parts = token.text.split("-")
    if len(parts) < 2 or _CYRILLIC.search(token.text) or written(token.text):
        return None  # not *Улан-Батора*, declined: its words are written as other places' names
    if not all(part[:1].isupper() and len(part) >= 2 and part.lower() not in NAME_CONNECTORS for part in parts):
        return None  # nor *Castilla-La Mancha*
    if not all(written(part) for part in parts):
        return None
    spans: list[Span] = []
    start = token.start
    for part in parts:
        spans.append(
            Span(
                part,
                start,
                start + len(part),
                after_place_preposition=False,
                after_article=False,
                opens_sentence=False,
                paired=True,
            )
        )
        start += len(part) + 1
    return spans


_ARABIC_DIVISIONS_WORDS = frozenset({"ولاية", "محافظة", "إقليم", "مقاطعة"})
"""Arabic words of a division: a state, a governorate, a region, a province. Not a town's: an adjective
follows *مدينة* as often as a name (*مدينة جديدة*, a new city; *مدينة ملاهي*, an amusement park), and
the adjective may sound as some town's name does."""
_ARABIC_PROCLITICS = re.compile(r"^[وف]?[بل]?")
_ARABIC_LINKS = frozenset({"من", "بن", "بني", "ابن", "أبو", "أبي"})
"""Arabic words that link a name's words (*of*, *son of*, *father of*)."""


def _vouched_by(tokens: list[Token], i: int, last: int) -> bool:
    """Tell whether an Arabic division's word right before words ``i`` to ``last`` vouches for them as its name.

    Behind its proclitics (*بولاية*, *ومحافظة*). Such a word vouches for the name after it, which
    GeoNames often writes in Latin letters only (Turkish, Iranian and Caucasian provinces);
    not for words a link goes on from (*من*, *of*: the name goes on past it).
    """
    if i == 0 or tokens[i - 1].cased or (last + 1 < len(tokens) and tokens[last + 1].word in _ARABIC_LINKS):
        return False
    return _an_arabic_divisions_word(tokens[i - 1].word)


def _an_arabic_divisions_word(word: str) -> bool:
    """Tell whether ``word`` is an Arabic division's word, behind its proclitics or not (*ولاية*, *بمحافظة*)."""
    return word in _ARABIC_DIVISIONS_WORDS or _ARABIC_PROCLITICS.sub("", word, count=1) in _ARABIC_DIVISIONS_WORDS


def _spans_in_run(
    text: str,
    tokens: list[Token],
    run: list[int],
    knows: KnowsName,
    written: KnowsName,
    ruled_out: set[str],
    shadowed: set[int],
    spelled: KnowsName | None = None,
) -> list[Span]:
    """The spans of one run: at each word the longest stretch known, tried in its :func:`_variants`.

    A stretch of a script without capitals counts only when ``spelled`` (by default ``written``)
    says some place is written so.
    """
    spelled = spelled or written
    found: list[Span] = []
    i = 0
    while i < len(run):
        if _named_by_a_water_or_a_landform(tokens, run, i):
            i += 1  # *Lake Ontario*: the lake's name, not the province's (*Lake Charles* was met whole)
            continue
        if (water := _a_waters_name_after_the(tokens, run, i)) is not None:
            i = water + 1  # *the North Sea*: no hamlet of New York, though one is written so
            continue
        if institution := _an_institution_of(tokens, run, i, written):
            i += institution  # *Universidad de Chile*: a club, no quarter of Madrid, nor Chile
            continue
        if (pair := _a_pair_of_names(tokens[run[i]], written)) is not None:
            found.extend(pair)  # *the Laos-China railway*: two countries, not one name
            i += 1
            continue
        if run[i] and _an_arabic_institutions_noun(tokens[run[i] - 1].word):
            i += 1  # *جامعة دمشق*, *كأس مصر*, *شركة نفط البصرة*: the institution's name, not the place
            continue
        if tokens[run[i]].word in _WATERS_STATES_ARE_NAMED_AFTER and not (
            run[i] and tokens[run[i] - 1].word.endswith(_SEAS_DIVISIONS)
        ):
            # *على البحر الأحمر*: the Red Sea, not Sudan's state or Egypt's governorate (*ولاية البحر الأحمر*);
            # *على النيل الأزرق*: the Blue Nile, not the state (*ولاية النيل الأزرق*)
            i += 1
            continue
        if run[i] > 0 and tokens[run[i] - 1].word.startswith("космодром"):
            i += 1  # *космодрома Плесецк*, *космодром Восточный*: the cosmodrome's own name, in apposition
            continue
        for length in range(min(MAX_SPAN_WORDS, len(run) - i), 0, -1):
            first, last = tokens[run[i]], tokens[run[i + length - 1]]
            # A span does not end on a connector, but a place's name may, capitalised (*Baja California Sur*).
            on_connector = last.word in NAME_CONNECTORS and length > 1
            if on_connector and not (last.capitalized and written(_words(tokens, run[i : i + length]))):
                continue
            # Nor on an article and a division's word: *Da Trento la Provincia autonoma*, *In Campania la
            # Regione parla*: the division's government, named after the place
            if length > 2 and tokens[run[i + length - 2]].word in _ROMANCE_DEFINITE and kind_of(last.word) == "admin":
                continue
            # Nor on a connector and a division's word some place is not written with: *in Bergen im
            # Landkreis Celle* names Bergen, in the district of Celle
            if (
                length > 2
                and tokens[run[i + length - 2]].word in NAME_CONNECTORS
                and kind_of(last.word) == "admin"
                and not written(_words(tokens, run[i : i + length]))
            ):
                continue
            if shadowed.intersection(run[i : i + length]):
                continue
            # Nor on a word in lower case after a possessive: *Victoria's state government* (not *King's Lynn*)
            if length > 1 and not last.capitalized and tokens[run[i + length - 2]].text.endswith(POSSESSIVES):
                continue
            opens_on_common = length > 1 and _common(first)
            # *le Var et en Isère*: two names and a list's *and*, which only a name written so holds
            inner = [tokens[run[j]] for j in range(i + 1, i + length - 1)]
            conjoined = any(t.word in _LIST_AND and not t.capitalized for t in inner)
            # Nor does it start on one in lower case but an Arabic article (*al Hasakah*; not *el
            # bulevar López Mateos de León*, which De Leon, Texas, is written as).
            if length > 1 and first.word in NAME_CONNECTORS - _MAY_OPEN_A_NAME and not first.capitalized:
                continue
            begin = first.start + first.elided
            # *N'Djamena*: the apostrophe is the name's own (not *l'Irak*); so is a capital *L'* inside a
            # sentence (*a L'Aquila*) or in a word in capitals (a dateline's *L'AQUILA*), even where the
            # name without it is written so too (*Aquila*)
            own_article = first.text[0] == "L" and (not first.sentence_start or first.text.isupper())
            if (
                first.elided
                and (own_article or not written(text[begin : last.end]))
                and written(text[first.start : last.end])
            ):
                begin = first.start
            raw = text[begin : last.end]
            # A name does not end on a common word unless some place is written so, capitalised (*Port
            # Said*), nor start on one uncased (في عدن, مدينة مأرب) unless the word is definite and some place
            # is written so, behind its proclitics (*والمدينة المنورة*, Medina; *المنطقة الشرقية*).
            ends_on_common = length > 1 and _common(last) and not (last.capitalized and written(raw))
            if ends_on_common or (opens_on_common and not first.cased and not _written_behind_proclitics(raw, written)):
                continue
            if opens_on_common and _longer_after(text, tokens, run, i, length, written):
                continue  # *La Côte d'Ivoire*: the country after the article, not La Côte and Ivoire
            # A German country's genitive ends as a French people's plural (*Syriens*).
            german_genitive = length == 1 and _a_german_countrys_genitive(tokens, run[i], raw, written)
            adjective = length == 1 and not german_genitive and _is_adjective(text, tokens, run[i])
            if length == 1 and (
                _common(first)
                # *In*, *Port*; but *au Port* is in Le Port (Réunion)
                or (first.word in PLACE_PREPOSITIONS and not _with_contracted_article(tokens, run[i], raw, written))
                or raw in ruled_out
                or (adjective and not _a_place_ending_so(tokens, run[i], raw, written))
            ):
                continue
            if length == 1 and first.cased and (
                not first.capitalized
                or _abbreviates_a_name(first)
                or first.word in NO_PLACE_ALONE
                or (first.word in _MONTHS_SHORT and _A_DAY.match(text, first.end) is not None)
                or (
                    first.word in _MONTHS_AFTER_A_DAY
                    and _DAY_BEFORE.search(text, max(0, first.start - 8), first.start) is not None
                )
                # a division's word alone, or in the German genitive (*des Kantons*: no Genève)
                or kind_of(first.word) == "admin"
                or (first.word.endswith("s") and kind_of(first.word[:-1]) == "admin")
            ):
                continue  # a lower-case word alone (the division word of *Donetsk region*) names nothing, nor *St*
            if length == 2 and first.word in _ROMANCE_DEFINITE and last.word in NO_PLACE_ALONE:
                continue  # *el Congreso*, *la Guardia Nacional*: the institution, though a village is written so
            if (
                length == 1
                and first.sentence_start
                and first.word in _ROMANCE_SENTENCE_OPENERS
                and _among_italian_or_spanish_words(tokens, run[i], run[i] + 1)
            ):
                continue  # *Solo en Sullana*: only, no Surakarta; *Como parte del plan*: as, no Como
            if (
                length == 1
                and first.sentence_start
                and first.word.endswith(_RUSSIAN_ADJECTIVE_NOMINATIVES)
                and _CYRILLIC.search(first.text)
                and _before_its_noun(text, tokens, run[i])
            ):
                continue  # *Железнодорожный переход*: a railway crossing, no town Zheleznodorozhny
            if length == 1 and _a_language_after_in(tokens, run[i]):
                continue  # *known as Peja in Albanian*: the language, no Albania
            if length == 1 and first.word in WATER_AND_LANDFORM_WORDS_BEFORE and i + 1 < len(run):
                continue  # *Campi Flegrei*: the word of the landform the name after it names (Campi: Las Vegas)
            if length == 1 and _a_phrase_of_no_place(tokens, run[i]):
                continue  # *صلاة المغرب*, the sunset prayer; *المغرب العربي*, the Maghreb: no Morocco
            if length == 1 and i > 1 and _an_arabic_adjective([tokens[k].word for k in run[i - 2 : i]], first.word):
                continue  # *ذات الإطار الرمادي*, with the grey frame: no Ramadi
            if length == 1 and _an_arabic_divisions_word(first.word):
                continue  # *ولاية*, a state, alone: not *و* (and) before *لاية* (Lae, in Papua New Guinea)
            if length == 1 and i > 0 and first.word == "schweiz" and tokens[run[i - 1]].word.endswith(_ISCHE):
                continue  # *die Sächsische Schweiz*, *die Fränkische Schweiz*: a landscape, not Switzerland
            if length == 1 and i > 0 and first.word in FACILITY_WORDS:
                continue  # *Erbil Airport*: the facility's word is no place of its own
            if length == 1 and _piece_of_a_name(tokens, run, i):
                continue  # *South Ossetia*, *Vancouver Island*: a piece of a longer name
            # Not an epithet after a name (*Иване Грозном*, Ivan the Terrible)
            alone = length == 1 and i == 0 and not _before_its_noun(text, tokens, run[i])
            variants = (
                [(0, len(raw), raw[:-1])]
                if german_genitive
                else _variants(
                    raw,
                    length,
                    last.cased,
                    written,
                    adjective_alone=alone,
                    after_in=run[i] > 0 and tokens[run[i] - 1].word in _RUSSIAN_IN,
                )
            )
            contracted = _with_contracted_article(tokens, run[i], raw, written)
            if contracted:
                variants = [(0, len(raw), contracted), *variants]
            crossing = _after_a_crossings_word(tokens, run[i], raw, written)
            if crossing:
                variants = [(0, len(raw), crossing), *variants]
            for start, end, variant in variants:
                # A cased name starting on a common word is written so (New York, not New Syria);
                # so is every name of a script without capitals, or it is never a mention: the
                # shorter names within are tried (حلب و دمشق, وفي دير الزور).
                whole = (start, end) == (0, len(raw)) and length <= 3
                vouched = not last.cased and whole and _vouched_by(tokens, run[i], run[i + length - 1])
                # A name GeoNames lacks in Arabic script counts only after a division's word (*ولاية هاتاي*)
                if not last.cased and not vouched and not spelled(variant):
                    continue
                if len(variant) < 2 or not knows(variant) or ((opens_on_common or conjoined) and not written(variant)):
                    continue
                before = run[i] - 1
                previous_word = tokens[before].word if before >= 0 else ""
                after_proclitic = bool(_PLACE_PROCLITICS.intersection(raw[:start]))
                in_place_case = raw[end + 1 :].lower() in _TURKISH_PLACE_CASES  # Menbiç'te: *in* Manbij
                romance_a = (
                    previous_word == "a"
                    # *a Faenza e*, or after a Romance *and* (*A Pozzuoli e a Bacoli migliaia*)
                    and (
                        bool(_CLAUSE_GOES_ON.match(text, begin + end))
                        or (before >= 1 and tokens[before - 1].word in _ROMANCE_AND)
                        or _among_italian_or_spanish_words(tokens, before, run[i + length - 1] + 1)
                    )
                    and not _among_english_words(tokens, before, run[i + length - 1] + 1)
                )
                cued = (
                    # A preposition cues the name after it, not one opening the next sentence (*Cebu City. Ferry*)
                    (_a_place_preposition(previous_word) and not first.sentence_start)
                    # *d'Alep*: of, from; not *l'* (the), before a club as before a country (*l'Inter*)
                    or (bool(first.elided) and first.text[0] in "dD")
                    or _to_or_in_a_place_with_its_article(first, written)
                    or (before >= 0 and _a_german_towns_word(tokens[before], written))
                    or after_proclitic
                    or in_place_case
                    or romance_a
                    # *des Abymes*: of Les Abymes, the article the name's own
                    or (bool(contracted) and variant == contracted)
                )
                if i + length < len(run) and tokens[run[i + length]].word in WATER_AND_LANDFORM_WORDS:
                    break  # *the Suez Canal*, *the Mississippi River*, *Vancouver Island*: no place
                genitive = german_genitive or (variant != raw and variant == raw[:-1] and _genitive(raw, length))
                if (
                    genitive
                    and not german_genitive
                    and _among_italian_or_spanish_words(tokens, run[i], run[i + length - 1] + 1)
                ):
                    continue  # *Aerolíneas Argentinas*: a Spanish plural, as Italian and Spanish write no genitive
                if genitive and _after_its_noun(tokens, run[i], found, german_genitive):
                    found.pop()  # the noun the genitive depends on: *im Norden Syriens* is no Norden (Lower Saxony)
                found.append(
                    Span(
                        text=raw[start:end],
                        looked_up="" if variant == raw[start:end] else variant,
                        start=begin + start,
                        end=begin + end,
                        after_place_preposition=cued,
                        after_article=(
                            # *des Irans*: the German genitive of a country written with its article
                            (previous_word in ARTICLES and not romance_a and not (genitive and previous_word == "des"))
                            or _declined_adjective(previous_word)
                            or _after_a_german_determiner_and_adjective(text, tokens, run[i])
                            or previous_word in _GERMAN_COUNTS  # *sechs Fähren* (ferries) is no Fahren
                            # l'Atalanta, not lorsqu'Ottawa, nor a name written with its article (*L'Aquila*)
                            or (first.elided == 2 and first.text[0] in "lL" and begin + start != first.start)
                        ),
                        opens_sentence=length == 1 and first.sentence_start,
                        before_name_word=_before_name_word(text, tokens, run, i + length),
                        after_name_word=_after_name_word(text, tokens, run, i),
                        like_a_people=adjective,
                        genitive=genitive,
                        declined=_declined(raw, variant, variants, written),
                        vouched=vouched,
                    )
                )
                break
            else:
                continue
            i += length
            break
        else:
            i += 1
    return found
