"""Tile-cartogram layout: one grid cell per municipality, placed where it lies.

A region pack may ship without boundaries (the repository never commits OSM
polygons), yet the wall still needs a map. The fallback is a tile cartogram: every
municipality gets one square cell of a grid, laid out so that north stays up and
neighbours stay near. The positions are computed once, by the pack builder, and
stored in the pack; this module is the computation.

The layout is an optimal assignment: the label points are scaled onto a grid
a little larger than strictly needed, and the municipalities are assigned to
distinct cells minimising the total squared distance between a label point and
its cell (the Hungarian method). Dense clusters (a city and the small urban
districts around it) spread to the nearest free cells, and the result is
deterministic: inputs are ordered by key before solving, so the same points give
the same grid whatever order they arrive in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

#: Spare cells per municipality: room for clusters to spread without tearing the shape.
DEFAULT_SLACK = 1.6


def assign_tiles(
    points: Mapping[str, tuple[float, float]], *, slack: float = DEFAULT_SLACK
) -> dict[str, tuple[int, int]]:
    """Grid cell ``(col, row)`` for each key, given its ``(lon, lat)`` label point.

    Columns grow eastwards and rows southwards (row 0 is the northern edge), the
    way a screen draws. No two keys share a cell; the grid is trimmed so that the
    smallest column and row are both 0.
    """
    if slack < 1.0:
        msg = f"slack must be at least 1.0, got {slack}"
        raise ValueError(msg)
    for key, (lon, lat) in points.items():
        if not (math.isfinite(lon) and math.isfinite(lat)):
            msg = f"label point of {key!r} is not finite: ({lon}, {lat})"
            raise ValueError(msg)
    keys = sorted(points)
    if not keys:
        return {}
    xy = _project([points[k] for k in keys])
    cols, rows = _grid_shape(xy, len(keys), slack)
    targets = _scale_to_grid(xy, cols, rows)
    cells = [(c, r) for r in range(rows) for c in range(cols)]
    cost = [[(tx - c) ** 2 + (ty - r) ** 2 for c, r in cells] for tx, ty in targets]
    chosen = _min_cost_assignment(cost)
    placed = {key: cells[j] for key, j in zip(keys, chosen, strict=True)}
    min_col = min(c for c, _ in placed.values())
    min_row = min(r for _, r in placed.values())
    return {key: (c - min_col, r - min_row) for key, (c, r) in placed.items()}


def _project(lonlat: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Equirectangular projection around the mean latitude; y grows southwards.

    Good enough at the scale of one region, and keeps a northern region from
    looking twice as wide as it is.
    """
    mean_lat = sum(lat for _, lat in lonlat) / len(lonlat)
    k = math.cos(math.radians(mean_lat))
    return [(lon * k, -lat) for lon, lat in lonlat]


def _grid_shape(xy: Sequence[tuple[float, float]], n: int, slack: float) -> tuple[int, int]:
    width = max(x for x, _ in xy) - min(x for x, _ in xy)
    height = max(y for _, y in xy) - min(y for _, y in xy)
    if width <= 0 and height <= 0:
        side = math.ceil(math.sqrt(n))
        return side, math.ceil(n / side)
    # Keep the region's aspect ratio, but never let one side collapse below 1/4
    # of the other: a long thin region still needs cells to spread sideways.
    if width <= 0:
        aspect = 0.25
    elif height <= 0:
        aspect = 4.0
    else:
        aspect = max(0.25, min(4.0, width / height))
    area = n * slack
    cols = max(1, round(math.sqrt(area * aspect)))
    rows = max(1, round(math.sqrt(area / aspect)))
    while cols * rows < n:
        if cols / rows < aspect:
            cols += 1
        else:
            rows += 1
    return cols, rows


def _scale_to_grid(
    xy: Sequence[tuple[float, float]], cols: int, rows: int
) -> list[tuple[float, float]]:
    min_x = min(x for x, _ in xy)
    min_y = min(y for _, y in xy)
    width = max(x for x, _ in xy) - min_x
    height = max(y for _, y in xy) - min_y
    # One scale for both axes keeps shapes; centre the narrower axis.
    scale_x = (cols - 1) / width if width > 0 else math.inf
    scale_y = (rows - 1) / height if height > 0 else math.inf
    scale = min(scale_x, scale_y)
    if not math.isfinite(scale):
        scale = 0.0
    off_x = ((cols - 1) - width * scale) / 2
    off_y = ((rows - 1) - height * scale) / 2
    return [((x - min_x) * scale + off_x, (y - min_y) * scale + off_y) for x, y in xy]


def _min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Column chosen for each row of a rectangular cost matrix (rows <= columns).

    The Hungarian method with potentials (Kuhn-Munkres, O(n^2 m)): regions have
    tens of municipalities and a grid of ~1.6x as many cells, so pure Python
    solves it in milliseconds.
    """
    n = len(cost)
    m = len(cost[0])
    if n > m:
        msg = f"cannot assign {n} items to {m} cells"
        raise ValueError(msg)
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: 1-based row holding column j; 0 = free
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        min_v = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = row[j - 1] - u[i0] - v[j]
                if cur < min_v[j]:
                    min_v[j] = cur
                    way[j] = j0
                if min_v[j] < delta:
                    delta = min_v[j]
                    j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result
