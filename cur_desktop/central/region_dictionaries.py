"""The region's dictionaries edited in the app: categories and answer templates, versioned.

A block head (``theme_head``, within the themes of their scope) or the ЦУР head
creates, renames or removes a category, sets its targets, and writes or removes
answer templates in the console (issue 17; seeds 002 §14–16, 004 §3.6). Each edit
is a short list of operations (:data:`OPERATIONS`) sent as ``POST
/api/v1/region/dictionaries`` with the version it was made on; the service applies
them to the dictionaries in force, validates the result as a whole
(:func:`~cur_desktop.domain.dictionaries_io.dictionaries_from_json`), checks the
rules of the region (each theme keeps at least :data:`MIN_CATEGORIES` categories,
templates name only known placeholders) and stores the whole document as a new
version (``region_dictionaries``, never overwritten).

The newest version is in force over the pack's dictionaries: the service validates
appeals with it, ``GET /region`` sends it with its ``dictionaries_version``, and every
``/changes`` answer names that version in its ``X-Region-Version`` header, so a workstation or
a wall that follows the feed fetches the region again when it moves
(:mod:`cur_desktop.sync.region_docs`). Several service processes on one database:
each reads the newest version when it starts and when ``GET /region`` is asked.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError, forbidden_role
from cur_desktop.domain.dictionaries import CATEGORY_TARGETS, check_placeholders
from cur_desktop.domain.dictionaries_io import DictionaryError, dictionaries_from_json
from cur_desktop.domain.enums import Role

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from cur_desktop.central.region import Region
    from cur_desktop.central.scope import User

log = logging.getLogger(__name__)

#: Each theme keeps at least this many categories (seed 002 §14).
MIN_CATEGORIES = 3
OPERATIONS = (
    "add_category",
    "rename_category",
    "set_targets",
    "remove_category",
    "put_template",
    "remove_template",
)
EDITORS = frozenset({Role.THEME_HEAD, Role.CUR_HEAD})
_lock = threading.Lock()


def refused(reason: str, **params: Any) -> ServiceError:
    """422 ``dictionary_refused``: the edit breaks a rule; ``reason`` says which (English)."""
    return ServiceError("dictionary_refused", 422, reason, reason=reason, params=params)


@dataclass(frozen=True, slots=True)
class Version:
    version: int
    changed_by: str
    changed_at: float
    note: str
    created: tuple[str, ...] = ()  # codes of the categories this version added

    def to_wire(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "created": list(self.created)}


# --- reading ------------------------------------------------------------------------------


def current(engine: Engine) -> tuple[int, dict[str, Any]] | None:
    """The newest stored version and its document; None while the pack's are in force."""
    t = s.region_dictionaries
    with read_tx(engine) as conn:
        row = conn.execute(
            select(t.c.version, t.c.doc).order_by(t.c.version.desc()).limit(1)
        ).first()
    if row is None:
        return None
    return int(row.version), orjson.loads(row.doc)


def current_version(engine: Engine) -> int:
    t = s.region_dictionaries
    with read_tx(engine) as conn:
        return int(conn.execute(select(func.coalesce(func.max(t.c.version), 0))).scalar_one())


def versions(engine: Engine, limit: int = 100) -> list[Version]:
    """The newest ``limit`` versions, newest first (who changed what, when)."""
    t = s.region_dictionaries
    with read_tx(engine) as conn:
        rows = conn.execute(
            select(t.c.version, t.c.changed_by, t.c.changed_at, t.c.note)
            .order_by(t.c.version.desc())
            .limit(limit)
        ).all()
    return [Version(int(r.version), r.changed_by, float(r.changed_at), r.note) for r in rows]


def overlay(region: Region, version: int, doc: dict[str, Any]) -> Region:
    """``region`` with the dictionaries of ``doc`` (a stored version) in force."""
    dicts = dictionaries_from_json(doc)
    pack = dataclasses.replace(region.pack, dictionaries=dicts)
    return dataclasses.replace(
        region, pack=pack, dictionaries_doc=doc, dictionaries_version=version
    )


def with_newest(engine: Engine, region: Region) -> Region:
    """``region`` with the newest stored dictionaries over it (unchanged when none or older).

    A stored version that no longer parses (a pack update removed a theme it names)
    is logged and the region's own dictionaries stay in force.
    """
    found = current(engine)
    if found is None or found[0] <= region.dictionaries_version:
        return region
    try:
        return overlay(region, *found)
    except DictionaryError:
        log.exception("dictionaries version %d cannot be used: the pack's serve", found[0])
        return region


# --- editing ------------------------------------------------------------------------------


def store_edit(
    engine: Engine,
    region: Region,
    user: User,
    base_version: int,
    ops: Sequence[Mapping[str, Any]],
    at: float,
) -> tuple[Region, Version]:
    """Apply ``ops`` to the version ``base_version`` and keep the result as the newest.

    Raises :class:`ServiceError`: 403 ``forbidden_role`` (not a head, or a theme outside
    a block head's scope), 409 ``stale_version`` (someone changed the dictionaries
    since ``base_version``; ``current`` says to what), 422 ``dictionary_refused``.
    """
    if user.role not in EDITORS:
        raise forbidden_role()
    region = with_newest(engine, region)
    if base_version != region.dictionaries_version:
        raise ServiceError(
            "stale_version",
            409,
            "the dictionaries changed",
            current={"version": region.dictionaries_version},
        )
    if not ops:
        raise refused("no operations")
    doc, notes = apply_ops(region.dictionaries_doc, ops, user)
    known = {str(c["code"]) for c in region.dictionaries_doc.get("categories", [])}
    try:
        new_region = overlay(region, base_version + 1, doc)
    except DictionaryError as exc:
        raise refused(str(exc), path=exc.path) from exc
    created = tuple(str(c["code"]) for c in doc["categories"] if c["code"] not in known)
    version = Version(base_version + 1, user.login, at, "; ".join(notes), created)
    row = {
        "version": version.version,
        "changed_by": version.changed_by,
        "changed_at": version.changed_at,
        "note": version.note,
        "doc": orjson.dumps(doc).decode(),
    }
    try:
        with write_tx(engine) as conn:
            conn.execute(insert(s.region_dictionaries).values(**row))
    except IntegrityError as exc:  # another process stored this version first
        raise ServiceError(
            "stale_version",
            409,
            "the dictionaries changed",
            current={"version": current_version(engine)},
        ) from exc
    log.info("dictionaries version %d by %s: %s", version.version, user.login, version.note)
    return new_region, version


def apply_ops(
    base: Mapping[str, Any], ops: Sequence[Mapping[str, Any]], user: User
) -> tuple[dict[str, Any], list[str]]:
    """The document after ``ops`` and a note per operation; raises on a broken rule."""
    doc: dict[str, Any] = orjson.loads(orjson.dumps(base))
    cats: list[dict[str, Any]] = doc.setdefault("categories", [])
    templates: list[dict[str, Any]] = doc.setdefault("templates", [])
    themes = {str(t["code"]) for t in doc.get("themes", [])}
    touched: set[str] = set()
    notes: list[str] = []
    for n, op in enumerate(ops):
        kind = op.get("op")
        if kind not in OPERATIONS:
            raise refused(f"ops[{n}].op: unknown operation {kind!r}", op=str(kind))
        if kind in ("put_template", "remove_template"):
            notes.append(_template_op(templates, op, n, kind, user, themes))
            continue
        if kind == "add_category":
            theme = _text(op, "theme", n)
            if theme not in themes:
                raise refused(f"ops[{n}].theme: unknown theme {theme!r}", theme=theme)
            _check_theme(user, theme)
            code = str(op.get("code") or "") or _new_code(cats, theme)
            if any(c["code"] == code for c in cats):
                raise refused(f"ops[{n}].code: category {code!r} exists", code=code)
            entry: dict[str, Any] = {"code": code, "name": _text(op, "name", n), "theme": theme}
            if op.get("parent"):
                entry["parent"] = str(op["parent"])
            entry["keywords"] = _texts(op, "keywords", n)
            targets = _targets(op, n)
            if targets:
                entry["targets"] = targets
            cats.append(entry)
            notes.append(f"category {code} «{entry['name']}» added")
            continue
        code = _text(op, "code", n)
        found = next((c for c in cats if c["code"] == code), None)
        if found is None:
            raise refused(f"ops[{n}].code: no category {code!r}", code=code)
        _check_theme(user, str(found["theme"]))
        if kind == "rename_category":
            old, found["name"] = found["name"], _text(op, "name", n)
            notes.append(f"category {code} renamed «{old}» → «{found['name']}»")
        elif kind == "set_targets":
            targets = _targets(op, n)
            if targets:
                found["targets"] = targets
            else:
                found.pop("targets", None)
            notes.append(f"category {code} targets {targets or 'none'}")
        else:  # remove_category
            if any(c.get("parent") == code for c in cats):
                raise refused(f"ops[{n}].code: {code!r} has subcategories", code=code)
            cats.remove(found)
            touched.add(str(found["theme"]))
            notes.append(f"category {code} «{found['name']}» removed")
    for theme in sorted(touched):
        count = sum(1 for c in cats if c["theme"] == theme and not c.get("parent"))
        if count < MIN_CATEGORIES:
            raise refused(
                f"theme {theme!r} would keep {count} categories (at least {MIN_CATEGORIES})",
                theme=theme,
                minimum=MIN_CATEGORIES,
            )
    return doc, notes


def _template_op(
    templates: list[dict[str, Any]],
    op: Mapping[str, Any],
    n: int,
    kind: str,
    user: User,
    themes: set[str],
) -> str:
    code = _text(op, "code", n)
    found = next((t for t in templates if t["code"] == code), None)
    if found is not None:
        _check_template_themes(user, [str(t) for t in found.get("themes") or []])
    if kind == "remove_template":
        if found is None:
            raise refused(f"ops[{n}].code: no template {code!r}", code=code)
        templates.remove(found)
        return f"template {code} removed"
    text = _text(op, "text", n)
    problems = check_placeholders(text)
    if problems:
        raise refused(f"ops[{n}].text: {'; '.join(problems)}", code=code)
    wanted = _texts(op, "themes", n)
    unknown = [t for t in wanted if t not in themes]
    if unknown:
        raise refused(f"ops[{n}].themes: unknown theme {unknown[0]!r}", theme=unknown[0])
    _check_template_themes(user, wanted)
    entry = {
        "code": code,
        "title": _text(op, "title", n),
        "text": text,
        "themes": wanted,
        "keywords": _texts(op, "keywords", n),
        "interim": bool(op.get("interim", False)),
    }
    if found is None:
        templates.append(entry)
        return f"template {code} added"
    templates[templates.index(found)] = entry
    return f"template {code} edited"


def _text(op: Mapping[str, Any], key: str, n: int) -> str:
    value = op.get(key)
    if not isinstance(value, str) or not value.strip():
        raise refused(f"ops[{n}].{key}: required text", field=key)
    return value.strip()


def _texts(op: Mapping[str, Any], key: str, n: int) -> list[str]:
    """An optional list of non-empty strings."""
    value = op.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise refused(f"ops[{n}].{key}: expected a list of texts", field=key)
    return [v.strip() for v in value]


def _targets(op: Mapping[str, Any], n: int) -> dict[str, float]:
    raw = op.get("targets") or {}
    if not isinstance(raw, Mapping):
        raise refused(f"ops[{n}].targets: expected an object", field="targets")
    out: dict[str, float] = {}
    for figure, value in raw.items():
        if figure not in CATEGORY_TARGETS:
            raise refused(f"ops[{n}].targets.{figure}: unknown figure", figure=str(figure))
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise refused(f"ops[{n}].targets.{figure}: expected a number ≥ 0", figure=figure)
        out[figure] = float(value)
    return out


def _new_code(cats: list[dict[str, Any]], theme: str) -> str:
    """``<theme>.r<N>``: a region-made category's code, never one in use."""
    used = {str(c["code"]) for c in cats}
    n = 1
    while f"{theme}.r{n}" in used:
        n += 1
    return f"{theme}.r{n}"


def _check_theme(user: User, theme: str) -> None:
    """A block head edits the categories of their own themes only."""
    if user.role is Role.THEME_HEAD and user.scope.themes and theme not in user.scope.themes:
        raise forbidden_role()


def _check_template_themes(user: User, themes: list[str]) -> None:
    """A block head's templates are for their themes; one for every theme is the ЦУР head's."""
    if user.role is not Role.THEME_HEAD or not user.scope.themes:
        return
    if not themes or any(t not in user.scope.themes for t in themes):
        raise forbidden_role()


def edit(service: Any, user: User, base_version: int, ops: Sequence[Mapping[str, Any]]) -> Version:
    """Store an edit and put it in force in this process (the route's work)."""
    with _lock:
        region, version = store_edit(
            service.engine, service.region, user, base_version, ops, service.clock().timestamp()
        )
        if region.dictionaries_version > service.region.dictionaries_version:
            service.region = region
    return version


def refresh(service: Any) -> None:
    """Put the newest stored version in force in this process (another may have stored it)."""
    with _lock:
        service.region = with_newest(service.engine, service.region)
