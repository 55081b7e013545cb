"""Re-masking stored texts when the masker improves: ``cur-central remask`` and housekeeping.

Every write stores an appeal's masked texts with the masker's version
(:func:`cur_desktop.central.privacy.masked_columns`). When
:data:`~cur_desktop.domain.masking.MASKER_VERSION` grows — or after the migration
that added the columns — older rows are redone here, a batch at a time: rows are
read and masked outside any transaction (the model takes milliseconds a text),
then written in a short transaction that changes a row only if it is still the
version that was masked and still stale (a concurrent write masked it already).
The service runs :func:`remask_stale` from its housekeeping with a budget, off
the event loop, so start-up never waits for it; ``cur-central remask`` does it all
at once. Appeal versions are not bumped: workstations are not disturbed, and a
wall sees the re-masked text with the appeal's next change or its next first sync.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import Any

from sqlalchemy import Engine, and_, bindparam, func, or_, select, update

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.privacy import MASKED_COLUMNS, masked_columns
from cur_desktop.domain.masking import MASKER_VERSION
from cur_desktop.protocol.columns import columns_to_appeal

log = logging.getLogger(__name__)

BATCH = 200


def _stale() -> Any:
    v = s.appeals.c.masked_version
    return or_(v.is_(None), v < MASKER_VERSION)


def stale_count(engine: Engine) -> int:
    with read_tx(engine) as conn:
        return int(
            conn.execute(select(func.count()).select_from(s.appeals).where(_stale())).scalar_one()
        )


_WRITE = (
    update(s.appeals)
    .where(
        and_(
            s.appeals.c.id == bindparam("b_id"),
            s.appeals.c.version == bindparam("b_version"),
            _stale(),
        )
    )
    .values({name: bindparam(name) for name in MASKED_COLUMNS})
)


def remask_stale(
    engine: Engine, *, max_rows: int | None = None, budget_s: float | None = None
) -> int:
    """Mask rows masked by an older masker (or never); returns how many were written."""
    started = time.monotonic()
    done = 0
    after = 0
    while max_rows is None or done < max_rows:
        if budget_s is not None and time.monotonic() - started > budget_s:
            break
        limit = BATCH if max_rows is None else min(BATCH, max_rows - done)
        with read_tx(engine) as conn:
            rows = list(
                conn.execute(
                    select(s.appeals)
                    .where(s.appeals.c.id > after, _stale())
                    .order_by(s.appeals.c.id)
                    .limit(limit)
                ).mappings()
            )
        if not rows:
            break
        params = []
        for row in rows:
            appeal = columns_to_appeal(row)
            params.append(
                {"b_id": appeal.id, "b_version": appeal.version, **masked_columns(appeal)}
            )
        with write_tx(engine) as conn:
            conn.execute(_WRITE, params)
        done += len(rows)
        after = int(rows[-1]["id"])
    if done:
        log.info("re-masked %d appeal(s) for masker version %d", done, MASKER_VERSION)
    return done


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    remask = sub.add_parser(
        "remask", help="mask the texts stored by an older masker (or never) for the wall"
    )
    remask.add_argument("--db", required=True, help="database URL or SQLite file")
    remask.set_defaults(handler=_remask)


def _remask(args: argparse.Namespace) -> int:
    from cur_desktop.central.db import create_central_engine
    from cur_desktop.central.migrate import check_current

    engine = create_central_engine(args.db)
    try:
        check_current(engine)
        before = stale_count(engine)
        done = remask_stale(engine)
    finally:
        engine.dispose()
    sys.stdout.write(f"{done} of {before} appeal(s) re-masked (masker version {MASKER_VERSION})\n")
    return 0
