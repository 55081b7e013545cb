"""Problem clusters against the demo generator's planted problems (the ground truth it wrote)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sklearn.metrics import adjusted_rand_score

from cur_desktop.demo.generator import DemoGenerator, Generated
from cur_desktop.demo.problems import GroundTruth, plant_problems
from cur_desktop.problems.clusters import (
    ClusterIndex,
    ClusterItem,
    cluster,
    nearest_neighbour_clusters,
    nearest_neighbour_label,
    quality,
    street_key,
)
from cur_desktop.regions import builtin_pack_dir, load_pack

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def planted() -> tuple[list[Generated], GroundTruth]:
    generator = DemoGenerator(load_pack(builtin_pack_dir()), seed=11, now=NOW)
    return plant_problems(list(generator.generate(4000)), seed=11, now=NOW)


def items_of(generated: list[Generated]) -> list[ClusterItem]:
    return [
        ClusterItem(
            g.appeal.id,
            g.appeal.created_at.timestamp(),
            f"{g.appeal.title} {g.appeal.text}",
            g.appeal.municipality or "",
            g.appeal.address,
        )
        for g in generated
    ]


@pytest.fixture(scope="module")
def index(planted: tuple[list[Generated], GroundTruth]) -> ClusterIndex:
    return cluster(items_of(planted[0]))


def test_the_generator_writes_its_known_problems(
    planted: tuple[list[Generated], GroundTruth],
) -> None:
    generated, truth = planted
    kinds = Counter(label.split(":")[0] for label in truth.problems)
    assert kinds["water"] == 1
    assert kinds["disinfo"] == 1
    assert kinds["other"] == 1
    assert kinds["thread"] >= 2
    by_id = {g.appeal.id: g.appeal for g in generated}
    (water,) = [ids for label, ids in truth.problems.items() if label.startswith("water")]
    times = [by_id[i].created_at for i in water]
    assert max(times) - min(times) <= timedelta(days=7)
    assert len({street_key(by_id[i].address) for i in water}) == 1
    scooters = truth.problems["other:scooters"]
    assert {by_id[i].category for i in scooters} <= {"roads.other", None}
    weeks = Counter((NOW - by_id[i].created_at).days // 7 for i in scooters)
    assert weeks[0] > weeks[7]  # growing: more in the last week than eight weeks ago
    again = plant_problems(generated, seed=11, now=NOW)[1]
    assert again == truth  # deterministic


def test_clusters_find_the_planted_problems(
    planted: tuple[list[Generated], GroundTruth], index: ClusterIndex
) -> None:
    label_of = planted[1].label_of()
    found = dict(zip(index.ids, index.labels, strict=True))
    ids = sorted(label_of)
    ari = adjusted_rand_score([label_of[i] for i in ids], [found[i] for i in ids])
    clusters = index.clusters()
    pure = total = 0
    for members in clusters.values():
        if any(i in label_of for i in members):
            pure += Counter(label_of.get(i, "") for i in members).most_common(1)[0][1]
            total += len(members)
    ours = quality(index.ids, index.labels, label_of)
    assert ours == {"ari": round(ari, 3), "purity": round(pure / total, 3)}
    items = items_of(planted[0])
    baseline = quality([i.id for i in items], nearest_neighbour_clusters(items), label_of)
    print(f"\nclusters on planted problems: ours {ours}, plain TF-IDF nearest neighbour {baseline}")
    assert ari >= 0.85
    assert pure / total >= 0.9
    assert ours["ari"] > baseline["ari"]


def test_one_new_appeal_joins_its_problem_or_starts_one(
    planted: tuple[list[Generated], GroundTruth], index: ClusterIndex
) -> None:
    generated, truth = planted
    by_id = {g.appeal.id: g.appeal for g in generated}
    (label,) = [lbl for lbl in truth.problems if lbl.startswith("water")]
    last = by_id[truth.problems[label][-1]]
    street = last.address.rsplit(",", 1)[0]
    water_cluster = dict(zip(index.ids, index.labels, strict=True))[last.id]
    new = ClusterItem(
        10**7,
        (last.created_at + timedelta(hours=3)).timestamp(),
        "Нет воды. Опять нет холодной воды в доме, когда дадут воду?",
        last.municipality or "",
        f"{street}, д. 77",
    )
    assert nearest_neighbour_label(index, new) == water_cluster
    assert index.place(new) == water_cluster
    elsewhere = ClusterItem(
        10**7 + 1,
        new.created_at,
        "Просим установить пандус у входа в поликлинику для колясок",
        last.municipality or "",
        "г. Тула, ул. Новая, д. 1",
    )
    label_new = index.place(elsewhere)
    assert label_new not in set(index.labels[:-1])
