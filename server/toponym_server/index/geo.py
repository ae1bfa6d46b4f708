"""Distances on the sphere and a grid for finding points near a point, for the index builder."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle (haversine) distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class GridIndex:
    """Points bucketed in cells of ``cell_degrees``; :meth:`near` yields those in the 3 x 3 cells around a point.

    With cells at least as wide as the search radius (in degrees of latitude) every point within
    the radius is yielded, except towards the poles where a degree of longitude shrinks; callers
    filter by the exact distance.
    """

    def __init__(self, cell_degrees: float) -> None:
        self.cell = cell_degrees
        self._cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def _key(self, latitude: float, longitude: float) -> tuple[int, int]:
        return math.floor(latitude / self.cell), math.floor(longitude / self.cell)

    def add(self, item: int, latitude: float, longitude: float) -> None:
        """Add an item at a point."""
        self._cells[self._key(latitude, longitude)].append(item)

    def cells(self) -> Iterator[tuple[int, int]]:
        """Yield the (row, column) of every cell holding at least one item."""
        yield from self._cells

    def near(self, latitude: float, longitude: float) -> Iterator[int]:
        """Yield the items in the cell of the point and the eight cells around it."""
        if not self._cells:
            return
        row, col = self._key(latitude, longitude)
        for d_row in (-1, 0, 1):
            for d_col in (-1, 0, 1):
                yield from self._cells.get((row + d_row, col + d_col), ())
