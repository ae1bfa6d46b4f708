"""Normalization of a name into the views the keys and the ranker compare.

One name becomes:

- ``folded``: NFKC, case-folded, transliterated to ASCII (through ICU for other scripts),
  diacritics, apostrophes and ayn/hamza marks removed, every other separator a single space;
- ``tokens``: the folded words less the Arabic article (al-, el-, and the assimilated ar-, as-,
  ad-, at-, az-, an-, ash- ... forms, also when written joined as in *Ezzor*) and generic words;
- ``phonetic``: the tokens rewritten so that romanisation systems meet: digraphs unified
  (kh/ch → h, sh/sch → s, dj/j/zh → j, dh → z, th → t, ph → f, q/ck/c → k), every run of
  vowels (with the semivowels y and w inside it) written ``a``, a final ``h`` after a vowel
  dropped (*-eh/-ah/-a*) and doubled letters written once;
- ``skeleton``: the phonetic form without vowels and with consonants merged into classes
  (b/p, t/d, s/z/c, k/g/j/q, f/v), which tolerates missing vowels (Arabic script) and voicing.

Names that spell ``ch`` are ambiguous between *kh* (German, Slavic) and *sh* (French), so
:func:`phonetic_variants` gives both readings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from toponym_server.matching.generic_words import FEATURE_WORDS, LINK_WORDS, kind_of
from toponym_server.matching.local_script import script_of
from toponym_server.matching.memo import string_memo
from toponym_server.matching.script import clean_arabic, has_arabic
from toponym_server.matching.transliterate import to_ascii

ARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "il",
        "ar",
        "as",
        "ad",
        "at",
        "az",
        "an",
        "ash",
        "es",
        "ez",
        "er",
        "ed",
        "en",
        "et",
        "esh",
        "ech",
        "adh",
        "ath",
        "aal",
        "ehl",  # Russian transcription of the article (Эль-), apostrophe dropped
        "l",
    }
)
_MARKS = re.compile(r"[\u0027\u0060\u00B4\u2018\u2019\u02BB\u02BC\u02BE\u02BF\u02B9\u02BA\u2032\u02C8]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_ASSIMILATED = re.compile(r"^[ae]([tdrszn])\1(?=[a-z]{2})")
# Hebrew's cantillation marks and points (niqqud, dagesh, the shin and sin dots, as in עַכּוֹ),
# which pointed text adds to the letters of a name; its punctuation (maqaf, sof pasuq) is kept.
_HEBREW_POINTS = "".join(map(chr, (*range(0x0591, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7)))
_LETTERS = str.maketrans(
    {
        **dict.fromkeys(_HEBREW_POINTS, ""),
        "\u00ad": "",  # the soft hyphen, an invisible place where a word may break (Ale­ppo)
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ɔ": "o",
        "ɛ": "e",
        "ə": "e",
        "ŋ": "ng",
        "ʒ": "zh",
        # Letters ICU leaves as they are, which the ASCII step would drop: the Latin ones of
        # Berber and West African alphabets (*Ɣardaya*), and the Cyrillic ones of Kazakh, Tatar
        # and Bashkir (*Әлмәт*, *Ҡаҙан*), Tajik (*Хуҷанд*, *Ҳисор*) and the Caucasus, as their
        # Latin alphabets or the BGN/PCGN romanisations write them.
        "ɣ": "gh",
        "ǝ": "e",
        "ɩ": "i",
        "ʊ": "u",
        "ɵ": "o",
        "ɑ": "a",
        "ʃ": "sh",
        "ә": "a",
        "ҳ": "h",
        "җ": "zh",
        "ҷ": "j",
        "ҹ": "ch",
        "ҡ": "q",
        "ҟ": "q",
        "ҝ": "g",
        "ӷ": "g",
        "ҫ": "s",
        "ҭ": "t",
        "ҵ": "ts",
        "ӡ": "dz",
        "ҥ": "ng",
        "ӊ": "n",
        "ԥ": "p",
        "ҧ": "p",
        "ѣ": "e",
    }
)
_VOWELS = "aeiouy"
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("ough", "o"),
    ("tsch", "c"),
    ("sch", "s"),
    ("dzh", "j"),
    ("tch", "c"),
    ("sh", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("zh", "j"),
    ("dj", "j"),
    ("dh", "z"),
    ("th", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("qu", "k"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
# A w before a vowel is a consonant, which Russian, German and Turkish spellings write v
# (*Сафван* for Safwan, *Wolgograd* for Volgograd, *Kuveyt* for Kuwait).
_CONSONANT_W = re.compile(r"w(?=[aeiou])")
# A run of vowels, counting y and w as vowels wherever no vowel follows them (Arabic-script
# transliterations write long vowels as w and y between consonants).
_VOWEL_RUN = re.compile(r"(?:[aeiou]|[wy](?![aeiou]))+")
_SKELETON_CLASSES = str.maketrans(
    {
        "p": "b",
        "d": "t",
        "z": "s",
        "c": "s",
        "g": "k",
        "j": "k",
        "q": "k",
        "v": "f",
        "w": "f",
        "x": "s",
        "y": "",
    }
)
_DOUBLES = re.compile(r"(.)\1+")
# The letters of the Latin alphabets of Turkish, Azerbaijani and Kurdish (Kurmanji), and those
# of them no other alphabet has in such company: ş, ğ, the dotless i, ə, the ê î û of Kurmanji,
# a ç beside ö or ü. The dot of a case-folded İ is a mark, not a letter.
_TURKISH_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyzçşğıöüêîûəâ")
_TURKISH_ALPHABET_MARKERS = re.compile("[şğıəêîû]|ç.*[öü]|[öü].*ç")
# What those alphabets' letters sound like as other romanisations write them: *Cindirês* is
# *Jindires*, *Münbiç* *Munbich*, *Xaneqîn* *Khanaqin*, *Erciş* *Erdzhish*, *Gəncə* *Ganja*.
_TURKISH_ALPHABET_VALUES = str.maketrans({"c": "j", "ç": "ch", "x": "kh", "ş": "sh", "ə": "a"})
# Arabic and Hebrew script (with their presentation forms): abjads, which write few vowels.
_ABJADS = re.compile(r"[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")


def _first_group(match: re.Match[str]) -> str:
    # A function rather than the template r"\1": Python 3.11 expands templates in Python code,
    # which made it three times slower, and every name of a gazetteer passes here several times.
    return match.group(1)


class Normalized(NamedTuple):
    """The views of one name that keys and similarity are computed on.

    A named tuple, so that :func:`normalize` can keep the views as a plain tuple, which CPython's
    cyclic garbage collector stops tracking, and make them named again for free.
    """

    folded: str
    tokens: tuple[str, ...]
    phonetic: str
    skeleton: str
    transliterated: bool
    generic_kind: str | None
    readings: tuple[str, ...]
    vowels_unwritten: bool = False
    """Written in Arabic or Hebrew script, which leave most vowels out: a romanisation guesses none of them."""
    script: str = ""
    """A transliterated name's script as :func:`.local_script.script_of` names it (``ARABIC``); empty for Latin."""
    sounded: str = ""
    """For a name written in the Turkish alphabet or one modelled on it, the folded form of its
    letters as they sound there (:func:`turkish_alphabet_folded`), which its own folded form does
    not tell; its readings include those of this form. Empty for other names."""
    characters: str = ""
    """For a name in Chinese characters, the characters (:func:`characters_of`): far more names
    fold alike in pinyin than are written alike (*巴黎*, Paris, and *巴里*, Bari, both *ba li*).
    Empty for other names."""
    marked: str = ""
    """For a Latin name written with a letter beyond ASCII (*Şuşa*, *Ḩalab*), its letters as
    written (:func:`marked_of`): the marks are its country's spelling, which folding drops. Empty
    for other names, and for a name with a generic word, which names spell in many ways
    (*Córdoba province*, *Provincia de Córdoba*)."""


def fold(text: str) -> tuple[str, bool]:
    """Fold ``text`` to lower-case ASCII words separated by single spaces.

    Returns the folded text and whether a non-Latin script had to be transliterated.
    """
    return _fold_ascii(text) if text.isascii() else _fold_unicode(text)


def _fold_ascii(text: str) -> tuple[str, bool]:
    # _fold_unicode's steps, short: ASCII is its own NFKC form and ASCII folding, no script to
    # transliterate, and its only marks are the apostrophe and the grave accent. Most queries
    # are ASCII; the full steps cost them about three times as much.
    ascii_text = text.lower().replace("'", "").replace("`", "")
    return " ".join(_SEPARATORS.sub(" ", ascii_text).split()), False


def _fold_unicode(text: str) -> tuple[str, bool]:
    text = unicodedata.normalize("NFKC", text).casefold()
    if has_arabic(text):
        text = clean_arabic(text)
    text = _MARKS.sub("", text.translate(_LETTERS))
    ascii_text = to_ascii(text)
    transliterated = not text.isascii() and _non_latin(text)
    ascii_text = _MARKS.sub("", ascii_text.lower())
    return " ".join(_SEPARATORS.sub(" ", ascii_text).split()), transliterated


def _non_latin(text: str) -> bool:
    for char in text:
        if char.isalpha() and not char.isascii() and not unicodedata.name(char, "").startswith("LATIN"):
            return True
    return False


def content_tokens(folded: str) -> tuple[tuple[str, ...], str | None]:
    """Drop articles, link words and generic words; return the tokens left and the generic kind seen.

    If nothing would be left the folded words are kept as they are.
    """
    words = folded.split()
    kept: list[str] = []
    generic: str | None = None
    for word in words:
        kind = kind_of(word)
        if kind is not None:
            generic = generic or kind
            continue
        if word in ARTICLES or word in LINK_WORDS:
            continue
        kept.append(_ASSIMILATED.sub(_first_group, word))
    if not kept:
        return tuple(words), None
    return tuple(kept), generic


_J_AS_Y = re.compile(r"(?<!d)j")
# French spellings write the w of Arabic and Berber names ou before a vowel: *Haloua* is Halawa,
# *Samaoua* Samawa, *Oued* Wadi. Read so, the ou is a consonant w, after the vowel u inside a
# word (*haluwa*) and alone at its start (*wed*).
_FRENCH_OU = re.compile(r"ou(?=[aei])")
_FRENCH_OU_FIRST = re.compile(r"^ou(?=[aei])")


def _phonetic_token(token: str, ch: str, j: str, latin: bool, ou: str = "u") -> str:
    # Words recur across names far more than names do, so the per-word work is kept, under
    # one string (readings of ch, j and ou, script, word): see memo.py for why not lru_cache.
    return _phonetic_word(f"{ch}{j}{ou}{'L' if latin else '-'}{token}")


@string_memo(maxsize=262144)
def _phonetic_word(key: str) -> str:
    ch, j, ou, latin, token = key[0], key[1], key[2], key[3] == "L", key[4:]
    if latin and token.startswith("hs"):  # Wade-Giles hs- is pinyin x-, the sh sound
        token = "s" + token[2:]
    token = _SOFT_C.sub("s", token)
    token = token.replace("ch", ch)
    if j != "j":
        token = _J_AS_Y.sub(j, token)
    for digraph, replacement in _DIGRAPHS:
        token = token.replace(digraph, replacement)
    if ou == "w":
        token = _FRENCH_OU.sub("uw", _FRENCH_OU_FIRST.sub("w", token))
    token = token.replace("q", "k").replace("c", "k")
    token = _CONSONANT_W.sub("v", token)
    if token.startswith("x"):  # pinyin x- is the sh sound
        token = "s" + token[1:]
    token = _DOUBLES.sub(_first_group, token)
    token = _VOWEL_RUN.sub("a", token)
    if len(token) > 2 and token.endswith("ah"):
        token = token[:-1]
    return _DOUBLES.sub(_first_group, token)


def phonetic_variants(tokens: tuple[str, ...], latin: bool = True, *, j_as_y: bool = True) -> tuple[str, ...]:
    """The phonetic forms of the tokens joined without spaces, one per reading of the ambiguous letters.

    ``ch`` is read as *kh* (German, Slavic) and as *sh* (French); ``j`` as in English and as
    the *y* of German, Slavic and Scandinavian spellings (*Jamagata*, *Tosja*), unless
    ``j_as_y`` is false: the *j* of a romanised Arabic or Hebrew name is its jim (*فجيرة*,
    Fujairah, is not *Fyra*). ``latin`` says the name was written in Latin script, where
    Wade-Giles spellings (*Hsinchu*) occur, and French ones that write a *w* before a vowel
    *ou* (*Haloua*, Halawa): such a name is also read with that *w*, after its other readings.
    """
    joined = "".join(tokens)
    ch_readings = ("h", "s") if "ch" in joined else ("h",)
    j_readings = ("j", "y") if j_as_y and _J_AS_Y.search(joined) else ("j",)
    ou_readings = ("u", "w") if latin and _FRENCH_OU.search(joined) else ("u",)
    return tuple(
        dict.fromkeys(
            "".join(_phonetic_token(t, ch, j, latin, ou) for t in tokens)
            for ou in ou_readings
            for j in j_readings
            for ch in ch_readings
        )
    )


def written_in_turkish_alphabet(text: str) -> bool:
    """Tell whether ``text`` is written in the Turkish alphabet or one modelled on it (Azerbaijani, Kurdish).

    So taken when every letter belongs to them and one of them is a letter no other alphabet
    has in such company (:data:`_TURKISH_ALPHABET_MARKERS`): *Cindirês*, *Erciş*, *Xaneqîn*, not
    *Çorum* or *Cizre*, which other alphabets could write.
    """
    if text.isascii():
        return False
    lowered = unicodedata.normalize("NFKC", text).casefold()
    return _TURKISH_ALPHABET_MARKERS.search(lowered) is not None and all(
        char in _TURKISH_ALPHABET for char in lowered if char.isalpha()
    )


def turkish_alphabet_folded(text: str) -> str:
    """The folded form of a name :func:`written_in_turkish_alphabet`, its letters written as they sound; else ``""``.

    Folding writes *Cindirês* as *cindires*, read *sindires* as most Latin alphabets would;
    in these alphabets ``c`` is the *j* of *Jindires*, ``ç`` the *ch* of *church*, ``x`` the
    *kh* of *Khanaqin*, ``ş`` the *sh* of *Sham* and ``ə`` the *a* of *Ganja*: this gives
    *jindires*.
    """
    if not written_in_turkish_alphabet(text):
        return ""
    lowered = unicodedata.normalize("NFKC", text).casefold()
    return fold(lowered.translate(_TURKISH_ALPHABET_VALUES))[0]


def turkish_alphabet_readings(text: str) -> tuple[str, ...]:
    """The phonetic readings of :func:`turkish_alphabet_folded`; none for a name in another alphabet."""
    return _sounded_readings(turkish_alphabet_folded(text))


def _sounded_readings(sounded: str) -> tuple[str, ...]:
    # Its j is a j: the sound the alphabet's c stands for.
    return phonetic_variants(content_tokens(sounded)[0], j_as_y=False) if sounded else ()


def token_phonetics(tokens: tuple[str, ...], latin: bool = True) -> tuple[str, ...]:
    """The first phonetic reading of each token on its own."""
    return tuple(_phonetic_token(t, "h", "j", latin) for t in tokens)


_SPELLING_VOWELS = (("ou", "u"), ("ee", "i"), ("oo", "u"), ("ie", "i"), ("ei", "i"), ("y", "i"), ("w", "u"))


@string_memo(maxsize=262144)
def spelling(folded: str) -> str:
    """The folded name with its consonants written one way, its vowels kept.

    Between the folded form (every letter counts) and the phonetic one (every vowel run is
    one ``a``): the digraphs and consonant letters that romanisation systems trade (*q/k*,
    *kh/h*, *sh/sch*, *dj/j*, *ph/f*, doubled letters) are unified, and the vowel spellings
    *ou/u*, *ee/i*, *y/i* and *w/u* too, while *Rakan* and *Rakka* still differ.
    """
    word = folded.replace(" ", "")
    if word.startswith("hs"):  # Wade-Giles hs- is pinyin x-, the sh sound
        word = "s" + word[2:]
    word = _SOFT_C.sub("s", word.replace("dsch", "j")).replace("ch", "h")
    for digraph, replacement in _DIGRAPHS:
        word = word.replace(digraph, replacement)
    word = word.replace("q", "k").replace("c", "k")
    for vowels, replacement in _SPELLING_VOWELS:
        word = word.replace(vowels, replacement)
    word = _DOUBLES.sub(_first_group, word)
    if len(word) > 3 and word.endswith(("ah", "eh")):
        word = word[:-2] + "a"
    return word


def content_spelling(folded: str) -> str:
    """The :func:`spelling` of a folded name's content words (:func:`content_tokens`).

    What ranking compares a query's content words with; the index stores it for every name.
    """
    return spelling(" ".join(content_tokens(folded)[0]))


@string_memo(maxsize=65536)
def content_words(folded: str) -> str:
    """A folded name without its generic words and articles, joined without spaces.

    A link word right after a generic word goes with it (*Province of Idlib*, *Departamento de
    Formosa*, *Shahrestan-e Bushehr*); other link words stay (*La Ceiba* is not *Ceiba*), and
    articles go as :func:`content_tokens` drops them (*Al-Hasakah* is *Hasakah*). If nothing
    would be left the folded words are kept.
    """
    words = folded.split()
    kept: list[str] = []
    after_generic = False
    for word in words:
        if kind_of(word) is not None:
            after_generic = True
            continue
        if word not in ARTICLES and not (after_generic and word in LINK_WORDS):
            kept.append(_ASSIMILATED.sub(_first_group, word))
        after_generic = False
    return "".join(kept or words)


# The link words that make a generic word written first a description (*Province of Idlib*).
_OF = frozenset({"of", "de", "di", "du", "des", "del"})


def described_name(query: Normalized) -> str | None:
    """The name a query describes with a generic word, as :func:`content_words` writes it; else ``None``.

    *Sinjar* of *Sinjar district*, *Idlib* of *Province of Idlib* or of *محافظة إدلب*: in Latin
    script only when the generic word comes last, or first before *of* (*de*, *di* ...), since
    written first otherwise it is often part of the name (*Ciudad Juárez*, *Shahr-e Kord*, *Kota
    Bharu*); in other scripts (Arabic writes it first) first or last. Not for a word that names a
    feature around the place (*Kufra oasis*, :data:`.generic_words.FEATURE_WORDS`).
    """
    if query.generic_kind is None:
        return None
    words = query.folded.split()
    if any(word in FEATURE_WORDS for word in words):
        return None
    last, first = kind_of(words[-1]) is not None, kind_of(words[0]) is not None
    if not (last or (first and (query.transliterated or (len(words) > 2 and words[1] in _OF)))):
        return None
    return content_words(query.folded)


def compared_forms(query: Normalized, names: Iterable[str]) -> list[str]:
    """The forms of folded names compared with ``query``'s folded form, spaces left out.

    A name spelt as the name ``query`` describes (:func:`described_name`) is compared as if it
    were written as asked: *Sinjar* for *Sinjar district*, which otherwise would be further from
    it than *Sanghar District*, a longer name sharing only the word. Any other name is compared
    by its folded form.
    """
    described = described_name(query)
    if described is None:
        return [folded.replace(" ", "") for folded in names]
    written = query.folded.replace(" ", "")
    return [written if content_words(folded) == described else folded.replace(" ", "") for folded in names]


def skeleton(phonetic: str) -> str:
    """The consonant skeleton of a phonetic form."""
    consonants = phonetic.replace("a", "").translate(_SKELETON_CLASSES)
    return _DOUBLES.sub(_first_group, consonants)


def normalize(text: str) -> Normalized:
    """Compute every view of ``text`` (the first phonetic reading when there are two)."""
    return tuple.__new__(Normalized, _views(text))


# Enough for a query normalized at each stage of its resolution and for a document's names, and
# few enough for the garbage collector to walk quickly (see memo.py): a repeated query finds its
# kept answer by its folded form alone, before any view is made (4,096 since the twenty-second
# session, 16,384 before: BENCHMARKS.md). The views are kept as a plain tuple: kept as 16,384
# objects the collector tracks (a dataclass, a named tuple), they made each full collection some
# 15 ms longer (BENCHMARKS.md, twelfth session).
@lru_cache(maxsize=4096)
def _views(
    text: str,
) -> tuple[str, tuple[str, ...], str, str, bool, str | None, tuple[str, ...], bool, str, str, str, str]:
    folded, transliterated = fold(text)
    tokens, generic = content_tokens(folded)
    unwritten = transliterated and _ABJADS.search(text) is not None
    readings = phonetic_variants(tokens, not transliterated, j_as_y=not unwritten)
    sounded = "" if transliterated else turkish_alphabet_folded(text)
    if sounded:
        readings = tuple(dict.fromkeys((*readings, *_sounded_readings(sounded))))
    script = script_of(text) if transliterated else ""
    return (
        folded,
        tokens,
        readings[0],
        skeleton(readings[0]),
        transliterated,
        generic,
        readings,
        unwritten,
        script,
        sounded,
        characters_of(text) if script == _CHINESE_CHARACTERS else "",
        "" if transliterated or generic else marked_of(text),
    )


_CHINESE_CHARACTERS = "CJK"  # the first word of a Chinese character's Unicode name


def marked_of(text: str) -> str:
    """The letters of ``text`` as written (lower-case, NFC), if one is beyond ASCII; empty otherwise.

    *Şuşa* gives *şuşa*, *Al-Ḩasakah* *alḩasakah*, *Zurich* nothing: spaces, hyphens and
    apostrophes aside, two names so alike are spelt with the same marks.
    """
    if text.isascii():
        return ""
    letters = _NOT_LETTERS.sub("", unicodedata.normalize("NFC", text).casefold())
    return "" if letters.isascii() else letters


_NOT_LETTERS = re.compile(r"[\W\d_]+")


def characters_of(text: str) -> str:
    """``text`` as Chinese characters written alike compare (NFC, single spaces), or empty if it is written otherwise.

    A name is in Chinese characters if its first letter is one (:func:`.local_script.script_of`).
    A lone surrogate, which no text encodes, is left out.
    """
    if text.isascii() or script_of(text) != _CHINESE_CHARACTERS:
        return ""
    return unicodedata.normalize("NFC", " ".join(_SURROGATES.sub("", text).split()))


_SURROGATES = re.compile("[\ud800-\udfff]")
