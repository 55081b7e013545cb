"""Tile-cartogram layout: distinct cells, geography kept, deterministic."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cur_desktop.regions.tiles import _min_cost_assignment, assign_tiles


def test_a_lattice_keeps_its_arrangement() -> None:
    points = {f"{i}{j}": (30.0 + i, 60.0 - j) for i in range(3) for j in range(3)}
    tiles = assign_tiles(points)
    assert len(set(tiles.values())) == 9
    for a, b in itertools.permutations(points, 2):
        (lon_a, lat_a), (lon_b, lat_b) = points[a], points[b]
        if lon_a < lon_b:
            assert tiles[a][0] < tiles[b][0], (a, b, tiles)
        if lat_a > lat_b:  # further north: a smaller row
            assert tiles[a][1] < tiles[b][1], (a, b, tiles)


def test_a_cluster_spreads_to_distinct_neighbouring_cells() -> None:
    points = {f"c{i}": (37.5, 54.2) for i in range(5)}
    points |= {"west": (36.0, 54.2), "east": (39.0, 54.2), "north": (37.5, 55.2)}
    tiles = assign_tiles(points)
    assert len(set(tiles.values())) == len(points)
    cluster_cols = [tiles[f"c{i}"][0] for i in range(5)]
    assert tiles["west"][0] < min(cluster_cols)
    assert tiles["east"][0] > max(cluster_cols)
    assert tiles["north"][1] <= min(tiles[f"c{i}"][1] for i in range(5))


def test_points_on_one_parallel_stay_in_order() -> None:
    points = {str(i): (40.0 + i * 0.7, 50.0) for i in range(6)}
    tiles = assign_tiles(points)
    cols = [tiles[str(i)][0] for i in range(6)]
    assert cols == sorted(cols)
    assert len(set(cols)) == 6


def test_result_does_not_depend_on_input_order() -> None:
    rng = random.Random(7)
    points = {f"m{i:02d}": (rng.uniform(30, 35), rng.uniform(50, 53)) for i in range(30)}
    shuffled = list(points.items())
    rng.shuffle(shuffled)
    assert assign_tiles(points) == assign_tiles(dict(shuffled))


def test_grid_is_trimmed_to_the_origin() -> None:
    tiles = assign_tiles({"a": (100.0, 10.0), "b": (101.0, 11.0)})
    assert min(c for c, _ in tiles.values()) == 0
    assert min(r for _, r in tiles.values()) == 0
    assert assign_tiles({"only": (50.0, 50.0)}) == {"only": (0, 0)}
    assert assign_tiles({}) == {}


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="not finite"):
        assign_tiles({"a": (float("nan"), 1.0)})
    with pytest.raises(ValueError, match="slack"):
        assign_tiles({"a": (1.0, 1.0)}, slack=0.5)


@given(
    st.lists(
        st.tuples(st.floats(20, 60), st.floats(40, 70)),
        min_size=1,
        max_size=40,
    )
)
@settings(max_examples=60, deadline=None)
def test_every_point_gets_its_own_cell(coords: list[tuple[float, float]]) -> None:
    points = {f"k{i}": p for i, p in enumerate(coords)}
    tiles = assign_tiles(points)
    assert set(tiles) == set(points)
    assert len(set(tiles.values())) == len(points)
    assert all(c >= 0 and r >= 0 for c, r in tiles.values())


def test_assignment_is_optimal_on_small_matrices() -> None:
    rng = random.Random(42)
    for _ in range(200):
        n = rng.randint(1, 4)
        m = rng.randint(n, 5)
        cost = [
            [rng.choice([0.0, 1.0, 2.5, rng.uniform(0, 10)]) for _ in range(m)] for _ in range(n)
        ]
        chosen = _min_cost_assignment(cost)
        assert len(set(chosen)) == n
        best = min(
            sum(cost[i][j] for i, j in enumerate(cols))
            for cols in itertools.permutations(range(m), n)
        )
        assert sum(cost[i][j] for i, j in enumerate(chosen)) == pytest.approx(best)
