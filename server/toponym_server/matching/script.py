"""Script-specific clean-up applied before transliteration.

Arabic script: harakat and tatweel removed; alef and hamza forms unified; ta marbuta written
as ha; alef maqsura as ya; Persian and Kurdish letter forms mapped to their Arabic
counterparts; the article ``ال`` split off its word so that it transliterates as a word of
its own; in a name of several words, generic words (governorate, city, district ...) replaced
by their Latin equivalents; the ayn written as a vowel.
"""

from __future__ import annotations

import re

_ARABIC_RANGE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_HARAKAT = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")  # short vowels, shadda, sukun, tatweel
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        "ة": "ه",
        "ى": "ي",
        "ک": "ك",  # Persian/Kurdish kaf
        "ی": "ي",  # Persian/Kurdish ya
        "ێ": "ي",
        "ۆ": "و",  # Kurdish o
        "ۊ": "و",
        "ە": "ا",  # Kurdish e, a vowel
        "ڕ": "ر",
        "ڵ": "ل",
        "ڤ": "ف",
        "ھ": "ه",
        "ﻻ": "لا",
        # Urdu's he: a final one ends a vowel as the Arabic ha does (تونسہ is Taunsa, not Tunis);
        # noon ghunna is a nasal n ICU would drop (Kandiyan). ICU reads Urdu's and Pashto's ye
        # letters with the vowel each says (ے ai, ې e): they are left to it.
        **dict.fromkeys("ہۃۂۀ", "ه"),
        "ں": "ن",
    }
)
_FINAL_HA = re.compile(r"(?<=\w)ه(?!\w)")  # ta marbuta (written as ha above) ends in a vowel
_ARTICLE = re.compile(r"(?<![\w])ال(?=\w{2,})")
# Generic words written in Arabic script (after the letter clean-up above), replaced by the
# Latin generic word of the same kind so that later steps drop them and remember the kind: a
# district's word (Iraq's and Lebanon's qada, the nahiya, Iran's shahrestan, bakhsh and dehestan,
# Yemen's mudiriya) asks for a lower level than a province's (*قضاء كربلاء* is Karbala District,
# not the governorate), and a qada is not an Omani wilaya.
_GENERIC_WORDS_AS_WRITTEN = {
    **dict.fromkeys(("محافظه", "منطقه", "ولايه", "مقاطعه", "استان", "لواء"), "governorate"),
    # Pakistan's province (صوبہ), Afghanistan's (ولایت). Not Sorani's words: in a text written
    # with the Arabic letters for Sorani's own (the ha for its e), the name after the word would
    # no longer meet its Sorani form (Kirkuk's Sorani name met Kharkiv).
    **dict.fromkeys(("صوبہ", "صوبه", "ولایت"), "governorate"),
    "اقليم": "region",  # Iraq's Kurdistan Region, not Iran's Kurdistan province (استان کردستان)
    "ريف": "countryside",  # ريف إدلب, Idlib's countryside
    **dict.fromkeys(("قضاء", "قضا", "ناحيه", "شهرستان", "بخش", "دهستان", "مديريه"), "district"),
    # Pakistan's district and tehsil, Afghanistan's district (in Dari, in Pashto)
    **dict.fromkeys(("ضلع", "تحصیل", "ولسوالی", "ولسوالۍ"), "district"),
    **dict.fromkeys(("مدينه", "بلده", "قريه", "شهر", "مخيم"), "city"),
    **dict.fromkeys(("روستا", "روستای"), "city"),  # a Persian village (of)
}
ARABIC_GENERIC_WORDS = {word.translate(_ARABIC_LETTERS): kind for word, kind in _GENERIC_WORDS_AS_WRITTEN.items()}
"""The generic words as the letter clean-up leaves them (*لواء* is met as *لوا*)."""

# ICU writes the ayn as a mark (U+02BF) that folding drops, so *عفرين* met names spelt *Frin*
# (Freetown's *فريتاون*) and *معان* (Ma'an) was spelt as *عمان* (Amman). A Latin spelling
# always has a vowel where the ayn is (*Afrin*, *Ma'an*, *Ain Issa*): written as alef, it is
# read as one, and the two names differ. An ayn and an alef now fold alike (*جبع*, *جبا*);
# written as a letter of its own (e), which kept them apart, Arabic names GeoNames lacks were
# found less often than with the ayn dropped (BENCHMARKS.md, thirty-fifth session).
_AYN = str.maketrans({"ع": "ا"})


def has_arabic(text: str) -> bool:
    """Tell whether the text contains any Arabic-script character."""
    return _ARABIC_RANGE.search(text) is not None


def clean_arabic(text: str) -> str:
    """Apply the Arabic-script rules; the text stays in Arabic script."""
    text = _HARAKAT.sub("", text).translate(_ARABIC_LETTERS)
    words = text.split()
    if len(words) > 1:
        # Alone, a generic word is the name (مدينة, a name of Medina): as "city" it would be
        # spelt like the English word, which would then be Medina's name.
        words = [ARABIC_GENERIC_WORDS.get(w, w) for w in words]
    return _FINAL_HA.sub("ا", _ARTICLE.sub("ال ", " ".join(words))).translate(_AYN)
