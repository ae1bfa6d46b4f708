"""Tab-separated seed tables with a header row: the crosswalk's and the area abbreviations'.

A table is UTF-8 with a header row naming its columns; ``#`` starts a comment line, blank lines
are skipped, a leading byte-order mark is ignored, and quotes are text.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toponym_server.sources.custom import text_lines


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table: where it stands, and its cells by column name (stripped; missing ones absent)."""

    path: Path
    number: int
    cells: dict[str, str]

    def where(self) -> str:
        """``path:line``, as an error names the row."""
        return f"{self.path}:{self.number}"


def read_tables(paths: Sequence[Path], columns: Sequence[str], error: type[ValueError]) -> tuple[list[TableRow], str]:
    """Read the rows of tables whose headers name at least ``columns``; return them and a fingerprint of the files.

    Raises ``error``, naming the file and line, for a line that is not UTF-8 or a header that
    lacks one of ``columns``.
    """
    found: list[TableRow] = []
    digest = hashlib.sha256()
    for path in map(Path, paths):
        data = path.read_bytes()
        digest.update(data)
        rows = text_lines(path, data, error)
        if not rows:
            continue
        header = [h.strip() for h in rows[0][1].split("\t")]
        if not set(columns) <= set(header):
            named = f"{', '.join(columns[:-1])} and {columns[-1]}" if len(columns) > 1 else columns[0]
            raise error(f"{path}:{rows[0][0]}: header must name {named}")
        for number, line in rows[1:]:
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            found.append(TableRow(path, number, {h: c.strip() for h, c in zip(header, cells, strict=False)}))
    return found, digest.hexdigest()
