"""The population of places, read from the index as ranking asks for them and then kept."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from toponym_server.index.reader import IndexReader, PlaceRow

_POPULATION_AT = PlaceRow._fields.index("population")
POPULATIONS_KEPT = 100_000
"""How many places' populations a :class:`Populations` keeps before it forgets them all (a few MB)."""


class Populations(Mapping[int, int]):
    """The population of places by GeoNames ID, each read from the index the first time it is asked for.

    Ranking weighs few of its candidates by their population (a capital; a division named as
    written and the towns it may be named after), so reading a place's row as it is asked for
    costs less than reading every candidate's. A place the index does not hold is absent. The
    caller reads in a turn of the index, as any other read (:meth:`IndexReader.turn`).
    """

    __slots__ = ("_index", "_known")

    def __init__(self, index: IndexReader) -> None:
        self._index = index
        self._known: dict[int, int] = {}

    def __getitem__(self, place_id: int) -> int:
        known = self._known.get(place_id)
        if known is not None:
            return known
        rows = self._index.place_fields_by_id([place_id])
        if not rows:
            raise KeyError(place_id)
        if len(self._known) >= POPULATIONS_KEPT:
            self._known.clear()
        people: int = rows[0][_POPULATION_AT]
        self._known[place_id] = people
        return people

    def __iter__(self) -> Iterator[int]:
        """The places whose population is kept so far."""
        return iter(self._known)

    def __len__(self) -> int:
        """How many places' populations are kept so far."""
        return len(self._known)
