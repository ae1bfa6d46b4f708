"""Generic words and qualifiers that name a kind of place rather than the place itself.

*Raqqa Governorate*, *Muhafazat al-Hasakah*, *Provinz Aleppo* and *Amphoe Mueang* must meet
the names they qualify, so these words are dropped before keys are made (unless nothing else
is left) and only tell the ranker which kind of feature the writer meant.
"""

from __future__ import annotations

# The admin words that name a second-level division or a lower one (*Kharkiv Raion*, *Afrin
# District*).
SUBDIVISION_WORDS = frozenset(
    {
        "district",
        "districts",
        "distrikt",
        "distrito",
        "county",
        "comte",
        "condado",
        "kreis",
        "landkreis",
        "bezirk",
        "raion",
        "rayon",
        "raionul",
        "shahrestan",
        "shakhrestan",  # Russian шахрестан
        "bakhsh",
        "dehestan",
        "mintaqat",
        "mantiqat",
        "nahiyat",
        "nahiyah",
        "nahiya",
        "nakhiya",  # Russian нахия, as BGN/PCGN romanises it (transliterate.py)
        "qada",
        "qadaa",
        "kaza",
        "municipality",
        "municipio",
        "municipalidad",
        "commune",
        "gemeinde",
        "amphoe",
        "tambon",
        "xian",
        "hsien",
        "kommun",
        "kommune",
        "gemeente",
        "obshtina",
        "opstina",
        "gmina",
        "powiat",
        "okres",
        "kabupaten",  # Indonesian, a regency
        "kecamatan",
        "huyen",
    }
)

# The admin words that name a first-level division, or any (*Donetsk region*, *Idlib Governorate*).
FIRST_LEVEL_WORDS = frozenset(
    [
        "governorate",
        "governorates",
        "gouvernorat",
        "gouvernement",
        "muhafazat",
        "muhafazah",
        "mohafazat",
        "mohafaza",
        "muhafaza",
        "mukhafaza",  # Russian мухафаза, as BGN/PCGN romanises it (transliterate.py)
        "province",
        "provinces",
        "provincia",
        "provintsiya",  # Russian провинция
        "provinz",
        "provincie",
        "provinsi",
        "region",
        "regione",
        "regiao",
        "oblast",
        "oblast'",
        "oblast",
        "krai",
        "kray",
        "okrug",
        "wilayat",
        "wilaya",
        "wilayah",
        "vilayet",
        "ili",
        "ostan",
        "departement",
        "department",
        "departamento",
        "canton",
        "kanton",
        "prefecture",
        "prefektur",
        "state",
        "shtat",  # Russian штат
        "estado",
        "territory",
        "territoire",
        "emirate",
        "changwat",
        "liwa",
        "sanjak",
        "division",
        # The first-level divisions of Jamaica, Barbados, Andorra and Estonia's rural ones, Louisiana's counties
        "parish",
        "parishes",
        "lalawigan",  # Filipino, a province
        # A governorate's rural part, as Syrian reporting names it (*Idlib countryside*, ريف إدلب).
        "countryside",
    ]
)

ADMIN_WORDS = FIRST_LEVEL_WORDS | SUBDIVISION_WORDS

PLACE_WORDS = frozenset(
    [
        "city",
        "town",
        "village",
        "ville",
        "stadt",
        "ciudad",
        "cidade",
        "citta",
        "madinat",
        "madinah",
        "medina",
        "shahr",
        "oasis",
        "camp",
        "crossing",
        "checkpoint",
        # the census-designated places of the US; city in Russian transcription (Siti), Swedish,
        # Uzbek, Esperanto, Russian, Polish, Czech and Serbo-Croatian; Filipino city
        "cdp",
        "siti",
        "stad",
        "shahri",
        "urbo",
        "gorod",
        "miasto",
        "mesto",
        "grad",
        "lungsod",
        # Chinese town, township and village, in pinyin and Wade-Giles
        "shi",
        "zhen",
        "chen",
        "xiang",
        "cun",
    ]
)


# The words of a town's own administration: *Gaza municipality* is the city as much as any
# division so named.
MUNICIPALITY_WORDS = frozenset(
    {
        "municipality",
        "municipio",
        "municipalidad",
        "commune",
        "gemeinde",
        "kommune",
        "kommun",
        "gemeente",
        "obshtina",
        "opstina",
        "gmina",
    }
)
# Place words that name a kind of feature around a name rather than the town or division it
# describes (*Kufra oasis*, *Aida camp*).
FEATURE_WORDS = frozenset({"oasis", "camp", "crossing", "checkpoint"})

# Link words, including the Persian ezafe of *Ostan-e Tehran* (folding splits it off), the
# "on" of river towns (*-sur-Marne*, Russian *-na-*, *-sjur-* and *-syur-* as Russian transcribes "sur"),
# the Filipino *ng* (*Lungsod ng Tagaytay*) and the Scandinavian "in" (*Harrow i London*).
LINK_WORDS = frozenset(
    {"of", "de", "di", "du", "des", "del", "la", "le", "e", "ye", "sur", "sjur", "syur", "na", "ng", "i", "upon", "am"}
)


def kind_of(word: str) -> str | None:
    """Return ``"admin"`` or ``"place"`` for a generic word, ``None`` for any other word."""
    if word in ADMIN_WORDS:
        return "admin"
    if word in PLACE_WORDS:
        return "place"
    return None


def asks_for_subdivision(folded: str) -> bool:
    """Tell whether a folded name holds a generic word of a second-level division or a lower one."""
    return any(word in SUBDIVISION_WORDS for word in folded.split())


def admin_words_in(folded: str) -> frozenset[str]:
    """The admin words (*governorate*, *district*) among the words of a folded name."""
    return frozenset(word for word in folded.split() if word in ADMIN_WORDS)
