"""«Инцидент Менеджмент» (ИМ) export: XLSX with sheets «Детализация» and «Инциденты».

«Детализация» has one row per incident: «Муниципалитет», «Дата создания»,
«Группа тем», «Тема», «Причина закрытия», «Урл блога» (DOMAIN.md §3), often
with the post's text and link. «Инциденты» adds «Отдел», «Исполнитель», «Время
до ответа, ч:м:с» and «Важность».

**Join (an assumption, not a published format):** the two sheets are joined on
the first identity column both carry, in this order: the incident id («ID
инцидента», «ID», «Номер»…), the incident link («Ссылка на инцидент»), the
post link («Урл поста», «Ссылка»…). The same column is the incident's
``external_id`` (so a re-import matches it). Without an «Инциденты» sheet the
details alone are imported; with one but no shared column the file is refused.
A row of «Инциденты» matching no detail row is reported (field «Инциденты»,
its own row number), not imported.

«Время до ответа» is read as the time from creation to the first answer, and
used only for incidents the export shows as answered or closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Any

from cur_desktop.central.importers.cells import (
    cell_text,
    parse_datetime,
    parse_duration,
    plain_text,
    short_plain,
)
from cur_desktop.central.importers.collect import Collector, RowCheck, file_error
from cur_desktop.central.importers.mapping import Outcome, lookup_any, lookup_importance
from cur_desktop.central.importers.records import ImportedAppeal, ParseResult, RowError
from cur_desktop.central.importers.sheets import (
    Column,
    FileProblem,
    Table,
    find_sheet,
    open_workbook,
    pick_sheet,
    read_table,
)
from cur_desktop.central.importers.softpath import categorise, path_flags
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Importance, Kind, Source, Status

DETAIL_SHEETS = ("Детализация",)
INCIDENT_SHEETS = ("Инциденты",)
#: Identity columns, in the order the join prefers them.
KEYS = (
    Column("incident_id", ("ID инцидента", "ID", "Номер инцидента", "Номер", "Идентификатор")),
    Column("incident_url", ("Ссылка на инцидент", "Урл инцидента")),
    Column("post_url", ("Урл поста", "Ссылка на пост", "Урл сообщения", "Урл", "Ссылка")),
)
DETAIL = (
    *KEYS,
    Column("municipality", ("Муниципалитет", "Муниципальное образование"), required=True),
    Column("created_at", ("Дата создания", "Дата и время создания"), required=True),
    Column("theme", ("Группа тем",), required=True),
    Column("topic", ("Тема",), required=True),
    Column("closing_reason", ("Причина закрытия",)),
    Column("blog_url", ("Урл блога", "Ссылка на блог")),
    Column("text", ("Текст", "Текст поста", "Текст инцидента", "Текст сообщения")),
    Column("title", ("Заголовок",)),
    Column("author_name", ("Автор", "Имя автора")),
    Column("address", ("Адрес",)),
    Column("answer", ("Текст ответа", "Ответ")),
    Column("answered_at", ("Дата ответа", "Дата первого ответа")),
    Column("closed_at", ("Дата закрытия",)),
    Column("status", ("Статус",)),
)
INCIDENTS = (
    *KEYS,
    Column("department", ("Отдел",)),
    Column("executor", ("Исполнитель",)),
    Column("time_to_answer", ("Время до ответа, ч:м:с", "Время до ответа")),
    Column("importance", ("Важность",)),
    Column("status", ("Статус",)),
)
_LABELS = {c.field: c.label for c in (*DETAIL, *INCIDENTS)}
_ANSWERED = frozenset({Status.ANSWERED, Status.CLOSED})


def parse_im(path: Path, vocabulary: Vocabulary, *, tz: tzinfo) -> ParseResult:
    """Read an ИМ export; region-local times are read in ``tz``."""
    try:
        with open_workbook(path) as workbook:
            details = read_table(pick_sheet(workbook, DETAIL_SHEETS, DETAIL), DETAIL)
            sheet = find_sheet(workbook, INCIDENT_SHEETS)
            incidents = read_table(sheet, INCIDENTS) if sheet is not None else None
    except FileProblem as exc:
        return file_error(exc.code, exc.message, exc.field)
    key = next((k.field for k in KEYS if details.has(k.field)), None)
    if key is None:
        names = ", ".join(f"«{k.label}»" for k in KEYS)
        return file_error("missing_columns", f"«Детализация» has no identity column ({names})")
    collector = Collector("ИМ", path.name)
    extra: dict[str, Mapping[str, Any]] = {}
    if incidents is not None:
        join = next(
            (k.field for k in KEYS if details.has(k.field) and incidents.has(k.field)), None
        )
        if join is None:
            return file_error("no_join_key", "«Детализация» and «Инциденты» share no id column")
        key = join
        extra = _index_incidents(incidents, join, details, collector)
    labels = {**(incidents.labels(_LABELS) if incidents else _LABELS), **details.headers}
    for number, cells in details.rows:
        identity = _key(cells.get(key))
        more = extra.get(identity, {})
        _parse_row(collector, number, cells, more, key, vocabulary, tz, labels)
    return collector.result()


def _key(value: object) -> str:
    try:
        return cell_text(value).rstrip("/")
    except ValueError:
        return ""


def _index_incidents(
    incidents: Table, key: str, details: Table, collector: Collector
) -> dict[str, Mapping[str, Any]]:
    known = {_key(cells.get(key)) for _, cells in details.rows}
    out: dict[str, Mapping[str, Any]] = {}
    rows: dict[str, int] = {}
    for number, cells in incidents.rows:
        identity = _key(cells.get(key))
        problem = None
        if not identity:
            problem = ("missing_value", f"sheet «Инциденты» row {number} has no «{_LABELS[key]}»")
        elif identity in rows:
            problem = ("duplicate_in_file", f"sheet «Инциденты» rows {rows[identity]}, {number}")
        elif identity not in known:
            problem = ("orphan_incident", f"sheet «Инциденты» row {number} matches no detail row")
        if problem:
            collector.errors.append(RowError(number, "Инциденты", *problem))
            continue
        rows[identity] = number
        out[identity] = cells
    return out


def _parse_row(
    collector: Collector,
    number: int,
    cells: Mapping[str, Any],
    more: Mapping[str, Any],
    key: str,
    vocabulary: Vocabulary,
    tz: tzinfo,
    labels: Mapping[str, str],
) -> None:
    check = RowCheck(number)

    def text(field: str, source: Mapping[str, Any] = cells) -> str:
        return check.read(labels[field], cell_text, source.get(field)) or ""

    external_id = check.require(labels[key], text(key))
    created_at = check.read_required(labels["created_at"], parse_datetime, cells["created_at"], tz)
    levels = [(labels["theme"], text("theme")), (labels["topic"], text("topic"))]
    kinds = {labels["theme"]: "theme", labels["topic"]: "category"}
    path = categorise(check, vocabulary, levels, kinds)
    theme, category, subcategory = path.as_tuple()
    municipality = check.soft(
        "municipality", labels["municipality"], vocabulary.municipality, text("municipality")
    )
    department, executor = text("department", more), text("executor", more)
    body = vocabulary.find_body(department)
    if body is None and department:
        executor = " / ".join(p for p in (department, executor) if p)
    importance = check.soft(
        "importance", labels["importance"], lookup_importance, text("importance", more)
    )
    status_text = text("status") or text("status", more)
    outcome = _outcome(check, text("closing_reason"), status_text, vocabulary, labels)
    answer, answer_html = check.read(labels["answer"], plain_text, cells.get("answer")) or ("", "")
    answered_at = check.read(labels["answered_at"], parse_datetime, cells.get("answered_at"), tz)
    closed_at = check.read(labels["closed_at"], parse_datetime, cells.get("closed_at"), tz)
    wait = check.read(labels["time_to_answer"], parse_duration, more.get("time_to_answer"))
    body_text, text_html = check.read(labels["text"], plain_text, cells.get("text")) or ("", "")
    title = check.read(labels["title"], short_plain, cells.get("title")) or ""
    address = check.read(labels["address"], short_plain, cells.get("address")) or ""
    author = text("author_name")
    if municipality is None and not text("municipality") and address:
        municipality = vocabulary.gazetteer.municipality_in(address)
    originals = tuple((f, v) for f, v in (("text", text_html), ("answer", answer_html)) if v)
    blog, url = text("blog_url"), text("post_url") or text("incident_url")
    if not check.ok or external_id is None or created_at is None:
        collector.refuse(check)
        return
    if outcome is None:
        outcome = Outcome(Status.ANSWERED if answer else Status.ROUTED if executor else Status.NEW)
    if answered_at is None and wait is not None and outcome.status in _ANSWERED:
        if wait < timedelta(0):
            check.fail(labels["time_to_answer"], "bad_duration", "negative time to answer")
            collector.refuse(check)
            return
        answered_at = created_at + wait
    reason = vocabulary.known_reason(outcome.rejection_reason)

    def build() -> ImportedAppeal:
        return ImportedAppeal(
            source=Source.IM,
            external_id=external_id,
            kind=Kind.INCIDENT,
            created_at=created_at,
            row=number,
            text=body_text,
            title=title,
            theme=theme,
            category=category,
            subcategory=subcategory,
            municipality=municipality,
            address=address,
            body=body,
            executor=executor,
            author_name=author,
            author_profile=blog,
            url=url,
            status=outcome.status,
            importance=importance or Importance.NORMAL,
            answer=answer,
            answered_at=answered_at,
            closed_at=closed_at,
            satisfaction_reaction=outcome.reaction,
            rejection_reason=reason,
            flags=path_flags(path),
            originals=originals,
        )

    collector.add(check, build)


def _outcome(
    check: RowCheck, closing: str, status: str, vocabulary: Vocabulary, labels: Mapping[str, str]
) -> Outcome | None:
    aliases = vocabulary.aliases
    found = None
    if closing:
        label = labels["closing_reason"]
        found = check.soft("status", label, lookup_any, closing, ("im_closing_reasons",), aliases)
    if found is None and status:
        tables = ("im_statuses", "im_closing_reasons")
        found = check.soft("status", labels["status"], lookup_any, status, tables, aliases)
    return found
