"""Known problems planted in generated appeals, with the ground truth that names them.

The generator's appeals are independent draws; problem control (issue 17) needs
what real regions have: a burst of «нет воды» on one street over a week, threads of
repeated appeals by one author at one address, a disinformation wave in social
media, and a problem the categories do not know growing in «Прочие» week by week.
:func:`plant_problems` rewrites chosen appeals (text, title, address, municipality,
category, author; ids, times, channels and lifecycles stay) and returns
:class:`GroundTruth`: which appeal belongs to which planted problem, for measuring
clustering (adjusted Rand index, purity) and for the demo.

Two measures come with them (:func:`plant_measures`), as a head of the ЦУР would
have recorded them: the water main replaced after the burst (done; its effect is
the burst's end) and a rule for rental scooters planned for the growing «Прочие».

The demo service (``cur-central demo``) and ``cur-desktop generate`` plant them
when they generate :data:`MIN_APPEALS` or more (fewer are too few to rewrite; tests
seeding a few dozen appeals keep the generator's own). Every planted appeal lies
within :data:`RECENT_DAYS` of ``now``, so :func:`plant_stream` holds only those
while the rest passes through.

Deterministic for a seed; the generator's own stream of random numbers is not
touched, so the generated data without planting stays byte for byte the same.
Qt-free.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cur_desktop.demo.generator import Generated
from cur_desktop.domain.appeal import Author, HistoryEntry, evolve
from cur_desktop.domain.enums import Action, Source

TULA = "70701000"
#: every planted appeal was created within this many days before ``now``
RECENT_DAYS = 75
#: fewer generated appeals get nothing planted
MIN_APPEALS = 2000
#: who records the demo's measures (the demo head of the ЦУР's login)
DEMO_HEAD = "demo-head"
_SOCIAL = frozenset({Source.IM, Source.GOSPUBLIC})

WATER_TITLES = ("Нет воды", "Нет холодной воды", "Отключили воду", "Снова нет воды")
WATER_TEXTS = (
    "На улице {street} нет холодной воды с утра, никто не предупредил об отключении",
    "Уже {days} день нет воды в доме {house} по улице {street}, когда дадут воду?",
    "Улица {street}, дом {house}: опять отключили холодную воду, в кранах пусто",
    "Нет воды на {street}, водоканал не берёт трубку, дети без воды",
    "Сколько можно, на улице {street} снова нет воды, в доме {house} сухие краны",
)
#: the threads' problems: their category, then what the author writes each time
THREAD_CATEGORIES = ("improvement.lighting", "roads.potholes", "housing.entrances")
THREAD_TEXTS = (
    (
        "Во дворе дома {house} по улице {street} не горят фонари, вечером темно",
        "Повторно: фонари во дворе дома {house} на {street} так и не горят",
        "Третий раз пишу: во дворе дома {house} по {street} темно, фонари не работают",
    ),
    (
        "Возле дома {house} на улице {street} огромная яма, машины бьют колёса",
        "Яма у дома {house} по улице {street} так и не заделана, стала ещё больше",
        "Снова про яму у дома {house}, {street}: ответили что заделали, но яма на месте",
    ),
    (
        "В подъезде дома {house} по улице {street} не убирают мусор на лестнице",
        "Повторно: в подъезде дома {house} на {street} грязь, уборки нет",
        "Опять пишу про подъезд дома {house}, {street}: уборщицы не было месяц",
    ),
)
DISINFO_TEXTS = (
    "В Туле в водопроводной воде нашли холеру, не пейте воду из-под крана",
    "Говорят, в воде из крана в Туле холера, врачи скрывают, передайте всем",
    "Срочно! В тульской водопроводной воде холера, воду из-под крана не пить",
    "Знакомая из больницы сказала: в Туле холера в водопроводе, пейте только бутилированную",
    "В Туле вспышка холеры из-за воды из-под крана, власти молчат",
)
SCOOTER_TEXTS = (
    "Электросамокаты бросают прямо на тротуаре у дома {house} по улице {street}",
    "Арендные самокаты перегородили тротуар на {street}, не пройти с коляской",
    "На улице {street} самокаты гоняют по тротуару и бросают их у подъезда",
    "Кто уберёт прокатные самокаты с тротуара на {street}? Мешают пешеходам",
)
STREETS = ("Пролетарская", "Металлистов", "Седова")  # the water burst's
SCOOTER_STREETS = ("Кутузова", "Михеева", "Оборонная")
THREAD_STREETS = ("Лейтейзена", "Болдина", "Демидовская", "Жуковского", "Каминского", "Тимирязева")


@dataclass(frozen=True, slots=True)
class GroundTruth:
    """Planted problem label → the ids of its appeals (every other appeal: no label)."""

    problems: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def label_of(self) -> dict[int, str]:
        return {i: label for label, ids in self.problems.items() for i in ids}

    def to_json(self) -> dict[str, list[int]]:
        return {label: list(ids) for label, ids in self.problems.items()}


def plant_problems(
    items: Sequence[Generated], *, seed: int, now: datetime
) -> tuple[list[Generated], GroundTruth]:
    """The appeals with the known problems planted, and which are which."""
    rng = random.Random(f"problems:{seed}")
    out = list(items)
    index = {g.appeal.id: n for n, g in enumerate(out)}
    taken: set[int] = set()
    truth: dict[str, tuple[int, ...]] = {}

    def pick(lo: timedelta, hi: timedelta, n: int, social: bool | None = None) -> list[int]:
        pool = [
            g.appeal.id
            for g in out
            if now - hi <= g.appeal.created_at <= now - lo
            and g.appeal.id not in taken
            and (social is None or (g.appeal.source in _SOCIAL) == social)
        ]
        chosen = sorted(rng.sample(pool, min(n, len(pool))))
        taken.update(chosen)
        return chosen

    def rewrite(appeal_id: int, title: str, text: str, **changes: object) -> None:
        g = out[index[appeal_id]]
        structured = g.appeal.category is not None
        fields: dict[str, object] = {"title": title, "text": text, **changes}
        if not structured:
            fields.pop("theme", None)
            fields.pop("category", None)
        else:
            fields["subcategory"] = None
        out[index[appeal_id]] = Generated(evolve(g.appeal, fields), g.history)

    # 1. a burst of «нет воды» on one street in Tula over a week, two weeks ago
    street = rng.choice(STREETS)
    ids = pick(timedelta(days=13), timedelta(days=20), 24)
    for n, appeal_id in enumerate(ids):
        house = rng.randrange(1, 40)
        text = rng.choice(WATER_TEXTS).format(street=street, house=house, days=n % 4 + 2)
        rewrite(
            appeal_id,
            rng.choice(WATER_TITLES),
            text,
            municipality=TULA,
            address=f"г. Тула, ул. {street}, д. {house}",
            theme="housing",
            category="housing.water",
        )
    truth[f"water:{street}"] = tuple(ids)

    # 2. threads: one author, one address, the same problem again and again
    for t in range(6):
        texts = THREAD_TEXTS[t % len(THREAD_TEXTS)]
        start = timedelta(days=25 + 9 * t)
        ids = pick(start - timedelta(days=18), start, len(texts))
        if len(ids) < 2:
            continue
        thread_street = THREAD_STREETS[t % len(THREAD_STREETS)]
        house = rng.randrange(1, 120)
        author = Author(name=f"Житель {t + 1}", phone=f"+7 910 555-0{t}-{rng.randrange(10, 99)}")
        category = THREAD_CATEGORIES[t % len(THREAD_CATEGORIES)]
        for appeal_id, text in zip(ids, texts, strict=False):
            said = text.format(street=thread_street, house=house)
            rewrite(
                appeal_id,
                said.split(":")[0].split(",")[0][:60],
                said,
                municipality=TULA,
                address=f"г. Тула, ул. {thread_street}, д. {house}",
                author=author,
                theme=category.split(".")[0],
                category=category,
            )
        truth[f"thread:{t + 1}"] = tuple(ids)

    # 3. a disinformation wave in social media over three days
    ids = pick(timedelta(days=7), timedelta(days=10), 18, social=True)
    for appeal_id in ids:
        text = rng.choice(DISINFO_TEXTS)
        rewrite(appeal_id, "Холера в водопроводе", text, municipality=TULA, address="")
    truth["disinfo:cholera"] = tuple(ids)

    # 4. a problem «Прочие» does not know, growing week by week over eight weeks
    scooter: list[int] = []
    for week in range(8):
        lo = timedelta(days=7 * (7 - week))
        scooter += pick(lo, lo + timedelta(days=7), 2 + 2 * week)
    for appeal_id in scooter:
        scooter_street = rng.choice(SCOOTER_STREETS)
        text = rng.choice(SCOOTER_TEXTS).format(street=scooter_street, house=rng.randrange(1, 90))
        rewrite(
            appeal_id,
            "Самокаты на тротуаре",
            text,
            municipality=TULA,
            address=f"г. Тула, ул. {scooter_street}",
            theme="roads",
            category="roads.other",
        )
    truth["other:scooters"] = tuple(sorted(scooter))
    return plant_measures(out, truth, now), GroundTruth(truth)


def plant_measures(
    items: list[Generated], truth: dict[str, tuple[int, ...]], now: datetime
) -> list[Generated]:
    """The demo's two measures as ``measure`` lines in their appeals' histories."""
    index = {g.appeal.id: n for n, g in enumerate(items)}

    def add(ids: Sequence[int], at: datetime, **details: str) -> None:
        for appeal_id in ids:
            g = items[index[appeal_id]]
            line = HistoryEntry(
                appeal_id, max(at, g.appeal.created_at), DEMO_HEAD, "cur_head",
                Action.MEASURE.value, None, None, details,
            )  # fmt: skip
            items[index[appeal_id]] = Generated(g.appeal, (*g.history, line))

    water = next((ids for label, ids in truth.items() if label.startswith("water:")), ())
    if water:
        burst = sorted(water, key=lambda i: (items[index[i]].appeal.created_at, i))
        first, last = burst[0], items[index[burst[-1]]].appeal.created_at
        common = {
            "measure": f"M-{first}",
            "what": "Замена аварийного участка водопровода",
            "who": "Тулагорводоканал",
            "due": (last + timedelta(days=3)).date().isoformat(),
            "problem": f"p:{first}",
            "municipality": TULA,
        }
        add(burst, last - timedelta(days=1), status="in_progress", **common)
        add(burst[:1], last + timedelta(days=1), status="done", **common)
    scooters = truth.get("other:scooters", ())
    recent = [i for i in scooters if items[index[i]].appeal.created_at >= now - timedelta(days=21)]
    if recent:
        add(
            recent[-50:],
            now - timedelta(days=2),
            measure=f"M-{recent[-1]}",
            status="planned",
            what="Места парковки самокатов с операторами проката",
            who="Управление транспорта и дорожного хозяйства",
            due=(now + timedelta(days=30)).date().isoformat(),
            problem=f"c:roads.other@{TULA}",
            category="roads.other",
            municipality=TULA,
        )
    return items


def plant_stream(
    items: Iterable[Generated], *, seed: int, now: datetime, truth: list[GroundTruth]
) -> Iterator[Generated]:
    """The generated appeals with the problems planted, holding only the recent ones.

    Older appeals pass through at once; those of the last :data:`RECENT_DAYS` are
    held, planted and given out at the end. The ground truth is appended to ``truth``.
    """
    held: list[Generated] = []
    since = now - timedelta(days=RECENT_DAYS)
    for g in items:
        if g.appeal.created_at >= since:
            held.append(g)
        else:
            yield g
    planted, found = plant_problems(held, seed=seed, now=now)
    truth.append(found)
    yield from planted


def generate_with_problems(
    cache_path: Path, appeals: int, seed: int, now: datetime, *, days: int | None = None
) -> GroundTruth:
    """A new demo cache whose appeals carry the planted problems; the truth kept in it.

    The ground truth is stored in the cache's state (``demo.problems``, JSON: label →
    appeal ids) for the measurements and the demo to read back. ``days``: the span
    of the generated appeals (the generator's own choice by default).
    """
    import orjson

    from cur_desktop.cache import Cache
    from cur_desktop.demo.generator import DemoGenerator
    from cur_desktop.regions import builtin_pack_dir, load_pack
    from cur_desktop.sync.writer import CacheWriter

    generator = DemoGenerator(load_pack(builtin_pack_dir()), seed=seed, now=now, days=days)
    items, truth = plant_problems(list(generator.generate(appeals)), seed=seed, now=now)
    with Cache.open(cache_path) as cache:
        cache.save_dictionaries(generator.dictionaries_doc())
        CacheWriter(cache.engine).bulk_load(
            (g.appeal for g in items), (h for g in items for h in g.history)
        )
        cache.set_state("demo.region", generator.pack.code)
        cache.set_state("demo.seed", str(seed))
        cache.set_state("demo.now", now.isoformat())
        cache.set_state("demo.problems", orjson.dumps(truth.to_json()).decode())
    return truth
