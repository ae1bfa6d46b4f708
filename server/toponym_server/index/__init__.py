"""The index file: one immutable SQLite file built once, written atomically and opened read-only."""

from toponym_server.index.reader import IndexFileError, IndexReader, open_index

__all__ = ["IndexFileError", "IndexReader", "open_index"]
