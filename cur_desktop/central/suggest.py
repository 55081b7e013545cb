"""The service's suggestions: trained from its own history, kept in its database, applied on write.

* **Training** (:func:`train_and_store`): every appeal of the database is an
  example (its text, address, and the theme, category, municipality and body the
  region's operators gave it); the model (:mod:`cur_desktop.suggest.model`) is
  pickled into ``suggest_models`` (the newest is in force), so the CLI in one
  process and the service in another share it.
* **Schedule**: the service's housekeeping (every ten minutes, the API's
  ``_purge_forever``) calls :meth:`SuggestHolder.retrain_if_due`: a model older
  than :data:`RETRAIN_EVERY_S` (or none, once the history has
  :data:`MIN_EXAMPLES` categorised appeals) is trained again. On demand:
  ``cur-central suggest train``.
* **Applied on write**: :func:`annotate_new` is called by
  :func:`cur_desktop.central.writes.commit_writes` for new appeals, so every writer
  (imports, integrations, the demo) stores them with the appeal and the feed sends
  them like any field. After a training, open appeals still new and without
  suggestions get them (:func:`backfill`).

One :class:`SuggestHolder` per database engine (the service makes it); writes find
it by their connection's engine. Thread-safe: the model is replaced whole.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, insert, select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.region import Region
from cur_desktop.clock import Clock
from cur_desktop.domain.appeal import Appeal, evolve
from cur_desktop.domain.enums import Status
from cur_desktop.protocol.columns import columns_to_appeal
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.suggest.model import MODEL_FORMAT, Example, SuggestModel, train

log = logging.getLogger(__name__)

RETRAIN_EVERY_S = 24 * 3600.0
MIN_EXAMPLES = 1000  # categorised appeals before a first model is worth training
MAX_EXAMPLES = 300_000  # the newest appeals a model learns from (memory and time bound)
KEEP_MODELS = 2  # the one in force and the one before (tens of MB each)
BACKFILL_LIMIT = 5000
_SUGGESTED_STATUSES = (Status.NEW, Status.REOPENED)

_holders: weakref.WeakKeyDictionary[Engine, SuggestHolder] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class TrainReport:
    rows: int
    categorised: int
    seconds: float
    trained_at: str
    backfilled: int = 0


class SuggestHolder:
    """The model in force for one database (None until one is trained)."""

    def __init__(
        self,
        engine: Engine,
        region: Region,
        clock: Clock,
        publish: Callable[[int | None], None] | None = None,
    ) -> None:
        self.engine = engine
        self.region = region
        self.clock = clock
        self.publish = publish  # tells the live streams about a backfill's feed positions
        self.model: SuggestModel | None = None
        self.trained_ts: float | None = None
        self._training = threading.Lock()
        _holders[engine] = self

    def load_latest(self) -> bool:
        """Put the newest stored model in force; False when there is none."""
        m = s.suggest_models.c
        with read_tx(self.engine) as conn:
            row = conn.execute(
                select(m.trained_at, m.model)
                .where(m.format == MODEL_FORMAT)
                .order_by(m.id.desc())
                .limit(1)
            ).first()
        if row is None:
            return False
        try:
            self.model = SuggestModel.loads(bytes(row.model))
        except Exception:  # noqa: BLE001 - another library version's pickle: train a new one
            log.warning("the stored suggestion model cannot be loaded; it will be retrained")
            return False
        self.trained_ts = float(row.trained_at)
        return True

    def due(self) -> bool:
        if self.trained_ts is None:
            return True
        return self.clock().timestamp() - self.trained_ts >= RETRAIN_EVERY_S

    def retrain_if_due(self) -> TrainReport | None:
        """The schedule's tick: train when the model is missing or old (else nothing).

        Only a first model fills in the appeals already waiting (a retraining leaves
        their suggestions alone: each backfill moves their versions on).
        """
        if not self.due():
            return None
        first = self.trained_ts is None and not self.load_latest()
        if not first and not self.due():
            return None
        return train_and_store(self, min_examples=MIN_EXAMPLES, fill=first)

    def suggest(self, appeals: Sequence[Appeal]) -> list[Appeal]:
        model = self.model
        if model is None or not appeals:
            return list(appeals)
        found = model.suggest_many(appeals)
        return [evolve(a, {"suggestions": f}) for a, f in zip(appeals, found, strict=True)]


def region_gazetteer(region: Region) -> Gazetteer:
    """The places of the service's region: its dictionaries and its place tables."""
    pack = region.pack
    return Gazetteer.for_region(region.dicts, pack.code, pack_dir=pack.root)


def holder_for(engine: Engine) -> SuggestHolder | None:
    return _holders.get(engine)


def wants_suggestions(appeal: Appeal) -> bool:
    return appeal.suggestions is None and appeal.status in _SUGGESTED_STATUSES


def annotate_new(conn: Connection, appeals: list[Appeal], new: Sequence[bool]) -> list[Appeal]:
    """``appeals`` with suggestions for the new ones that need them (in a write transaction)."""
    holder = holder_for(conn.engine)
    if holder is None or holder.model is None:
        return appeals
    wanted = [i for i, a in enumerate(appeals) if new[i] and wants_suggestions(a)]
    if not wanted:
        return appeals
    try:
        suggested = holder.suggest([appeals[i] for i in wanted])
    except Exception:  # a suggestion is a help: never the reason a write fails
        log.exception("suggestions could not be computed; the appeals are stored without")
        return appeals
    out = list(appeals)
    for i, appeal in zip(wanted, suggested, strict=True):
        out[i] = appeal
    return out


def read_examples(engine: Engine, limit: int | None = None) -> list[Example]:
    """The appeals of the database as training examples, oldest first (the newest
    ``limit`` of them: a region's recent years say how it routes now)."""
    a = s.appeals.c
    query = select(
        a.created_at, a.title, a.text, a.address, a.theme, a.category,
        a.subcategory, a.municipality, a.body,
    ).order_by(a.created_at.desc())  # fmt: skip
    if limit is not None:
        query = query.limit(limit)
    with read_tx(engine) as conn:
        return [
            Example(
                created_at=float(r.created_at),
                text=f"{r.title}\n{r.text}" if r.title else (r.text or ""),
                address=r.address or "",  # read for the place only, never learnt
                theme=r.theme,
                category=r.category,
                subcategory=r.subcategory,
                municipality=r.municipality,
                body=r.body,
            )
            for r in conn.execute(query)
        ][::-1]


def train_and_store(
    holder: SuggestHolder, *, min_examples: int = 1, fill: bool = True
) -> TrainReport | None:
    """Train on the whole history, store the model, put it in force, backfill new appeals.

    None when the history has fewer than ``min_examples`` categorised appeals.
    """
    if not holder._training.acquire(blocking=False):
        return None  # a training is already running
    try:
        started = time.perf_counter()
        examples = read_examples(holder.engine, MAX_EXAMPLES)
        categorised = sum(1 for ex in examples if ex.category)
        if categorised < min_examples:
            log.info(
                "suggestions: %d categorised appeals, %d needed to train", categorised, min_examples
            )
            return None
        now = holder.clock()
        stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
        model = train(
            examples,
            holder.region.dicts,
            trained_at=stamp,
            gazetteer=region_gazetteer(holder.region),
        )
        _store(holder.engine, model, now)
        holder.model, holder.trained_ts = model, now.timestamp()
        seconds = time.perf_counter() - started
        log.info(
            "suggestions: trained on %d appeals (%d categorised) in %.1f s",
            len(examples),
            categorised,
            seconds,
        )
        filled = backfill(holder) if fill else 0
        return TrainReport(len(examples), categorised, seconds, stamp, filled)
    finally:
        holder._training.release()


def _store(engine: Engine, model: SuggestModel, now: datetime) -> None:
    m = s.suggest_models.c
    with write_tx(engine) as conn:
        conn.execute(
            insert(s.suggest_models).values(
                trained_at=now.timestamp(),
                rows=model.rows,
                format=MODEL_FORMAT,
                model=model.dumps(),
            )
        )
        keep = [
            r[0] for r in conn.execute(select(m.id).order_by(m.id.desc()).limit(KEEP_MODELS)).all()
        ]
        conn.execute(delete(s.suggest_models).where(m.id.not_in(keep)))


def backfill(holder: SuggestHolder, limit: int = BACKFILL_LIMIT) -> int:
    """Give the newest open appeals still waiting for triage their suggestions (feed changes)."""
    from cur_desktop.central.writes import Write, commit_writes

    a = s.appeals.c
    statuses = [st.value for st in _SUGGESTED_STATUSES]
    with read_tx(holder.engine) as conn:
        rows = conn.execute(
            select(s.appeals)
            .where(a.status.in_(statuses), a.suggestions.is_(None))
            .order_by(a.id.desc())
            .limit(limit)
        ).mappings()
        waiting = [columns_to_appeal(r) for r in rows]
    if not waiting:
        return 0
    now = holder.clock()
    suggested = holder.suggest(waiting)
    writes = [
        Write(before, evolve(after, {"version": before.version + 1}), (), "update")
        for before, after in zip(waiting, suggested, strict=True)
    ]
    written = 0
    for start in range(0, len(writes), 500):
        batch = writes[start : start + 500]
        try:
            with write_tx(holder.engine) as conn:
                done = commit_writes(conn, batch, holder.region, now)
            written += len(batch)
            if holder.publish is not None:
                holder.publish(done[-1].seq)
        except Exception:  # noqa: BLE001 - a changed appeal keeps its version: skip the batch
            log.info("suggestions: a batch changed while being backfilled; skipped")
    return written
