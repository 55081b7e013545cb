"""ПОС («Госуслуги. Решаем вместе») back-office export: XLSX, sheet ``Sheet0``.

The export always has «Номер», «Категория», «Подкатегория», «Организация, в
которой находится сообщение», «Стадия» and «Просрочено» (DOMAIN.md §3); real
exports add dates, text, address, municipality and more, in any order. We read
what is there:

* «Категория» / «Подкатегория» → theme, category, subcategory (a ПОС category is
  often a theme name such as «Дороги»; see :meth:`Vocabulary.category_path`);
* the organisation → a body code (an unknown organisation refuses the row: it
  is the routing of the message);
* «Статус» (a ПОС status code, e.g. ``TAKE_TO_WORK``) if present, else «Стадия»
  → our status; an answered message with a rating counts as closed;
* the municipality column, else the one municipality the body serves.

Without a creation-date column the import time stands in, marked
``created_at_known=False`` so that a re-import keeps the first one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from cur_desktop.central.importers.cells import (
    cell_text,
    parse_datetime,
    parse_float,
    parse_rating,
    parse_yes_no,
    plain_text,
    short_plain,
)
from cur_desktop.central.importers.collect import Collector, RowCheck, file_error
from cur_desktop.central.importers.mapping import Outcome, lookup_any
from cur_desktop.central.importers.records import ImportedAppeal, ParseResult
from cur_desktop.central.importers.sheets import Column, FileProblem, open_workbook, pick_sheet
from cur_desktop.central.importers.sheets import read_table as _read_table
from cur_desktop.central.importers.softpath import categorise, path_flags
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.clock import system_clock
from cur_desktop.domain.enums import Flag, Kind, Source, Status

SHEETS = ("Sheet0",)

COLUMNS = (
    Column(
        "external_id", ("Номер", "Номер сообщения", "ID сообщения", "Идентификатор"), required=True
    ),
    Column("category", ("Категория",), required=True),
    Column("subcategory", ("Подкатегория",), required=True),
    Column("fact", ("Факт",)),
    Column(
        "organisation",
        ("Организация, в которой находится сообщение", "Организация", "Ответственный орган"),
        required=True,
    ),
    Column("stage", ("Стадия", "Этап"), required=True),
    Column("overdue", ("Просрочено", "Просрочен"), required=True),
    Column("fast_track", ("Фаст-трек", "Фаст трек", "Фасттрек", "Fast track")),
    Column("status", ("Статус", "Код статуса")),
    Column("created_at", ("Дата создания", "Дата и время создания", "Создано", "Дата подачи")),
    Column("registered_at", ("Дата регистрации", "Дата поступления")),
    Column("epgu_id", ("Номер ЕПГУ",)),
    Column("text", ("Текст", "Текст сообщения", "Описание", "Содержание")),
    Column("title", ("Тема", "Заголовок", "Краткое описание")),
    Column("address", ("Адрес", "Место", "Адрес проблемы")),
    Column("municipality", ("Муниципальное образование", "Муниципалитет", "Район", "МО")),
    Column("lat", ("Широта",)),
    Column("lon", ("Долгота",)),
    Column(
        "due_at",
        (
            "Срок ответа",
            "Срок",
            "Крайний срок",
            "Плановая дата ответа",
            "Дата планируемого завершения работ",
        ),
    ),
    Column("answer", ("Текст ответа", "Ответ")),
    Column("answered_at", ("Дата ответа", "Дата фактического завершения работ")),
    Column("rating", ("Оценка", "Оценка заявителя", "Оценка ответа", "Оценка ответа заявителем")),
    Column("rejection_reason", ("Причина отклонения", "Причина отказа")),
    Column("executor", ("Исполнитель", "Ответственный исполнитель", "ФИО исполнителя")),
    Column("author_name", ("Автор", "Заявитель", "ФИО заявителя", "ФИО")),
    Column("author_phone", ("Телефон", "Телефон заявителя")),
    Column("author_email", ("Email", "E-mail", "Электронная почта")),
    Column("url", ("Ссылка", "Ссылка на сообщение")),
    Column("updated_at", ("Дата изменения", "Дата последнего изменения")),
)

_LABELS = {c.field: c.label for c in COLUMNS}


def parse_pos(
    path: Path, vocabulary: Vocabulary, *, tz: tzinfo, now: datetime | None = None
) -> ParseResult:
    """Read a ПОС export; region-local times are read in ``tz``."""
    try:
        with open_workbook(path) as workbook:
            table = _read_table(pick_sheet(workbook, SHEETS, COLUMNS), COLUMNS)
    except FileProblem as exc:
        return file_error(exc.code, exc.message, exc.field)
    collector = Collector("ПОС", path.name)
    import_time = now or system_clock()
    labels = table.labels(_LABELS)
    for number, cells in table.rows:
        _parse_row(collector, number, cells, vocabulary, tz, import_time, labels)
    return collector.result()


def _parse_row(
    collector: Collector,
    number: int,
    cells: Mapping[str, Any],
    vocabulary: Vocabulary,
    tz: tzinfo,
    import_time: datetime,
    labels: Mapping[str, str],
) -> None:
    check = RowCheck(number)

    def text(field: str) -> str:
        return check.read(labels[field], cell_text, cells.get(field)) or ""

    def when(field: str) -> datetime | None:
        return check.read(labels[field], parse_datetime, cells.get(field), tz)

    external_id = check.require(labels["external_id"], text("external_id"))
    levels = [(labels[f], text(f)) for f in ("category", "subcategory", "fact")]
    kinds = {labels["category"]: "category", labels["subcategory"]: "subcategory"}
    path = categorise(check, vocabulary, levels, kinds, fact=labels["fact"])
    theme, category, subcategory = path.as_tuple()
    organisation = text("organisation")
    body = check.soft("body", labels["organisation"], vocabulary.body, organisation)
    outcome = _outcome(check, text("status"), text("stage"), vocabulary, labels)
    overdue = check.read(labels["overdue"], parse_yes_no, cells.get("overdue"))
    fast_track = check.read(labels["fast_track"], parse_yes_no, cells.get("fast_track"))
    # the platform's own «Просрочено» and «Фаст-трек», kept as flags (issue 16)
    source_flags = (Flag.SOURCE_OVERDUE if overdue else Flag.NONE) | (
        Flag.FAST_TRACK if fast_track else Flag.NONE
    )
    municipality = check.soft(
        "municipality", labels["municipality"], vocabulary.municipality, text("municipality")
    )
    if municipality is None and "municipality" not in cells:
        municipality = vocabulary.body_municipality(body)
    created_at = (
        check.read_required(labels["created_at"], parse_datetime, cells["created_at"], tz)
        if "created_at" in cells
        else None
    )
    registered_at = when("registered_at")
    rating = check.read(labels["rating"], parse_rating, _no_dash(cells.get("rating")))
    reason = check.soft(
        "rejection_reason",
        labels["rejection_reason"],
        vocabulary.rejection_reason,
        text("rejection_reason"),
    )
    body_text, text_html = check.read(labels["text"], plain_text, cells.get("text")) or ("", "")
    answer, answer_html = check.read(labels["answer"], plain_text, cells.get("answer")) or ("", "")
    lat = check.read(labels["lat"], parse_float, cells.get("lat"), 90.0)
    lon = check.read(labels["lon"], parse_float, cells.get("lon"), 180.0)
    title = check.read(labels["title"], short_plain, cells.get("title")) or ""
    address = check.read(labels["address"], short_plain, cells.get("address")) or ""
    executor = text("executor")
    if body is None and organisation:
        executor = " / ".join(p for p in (organisation, executor) if p)
    if municipality is None and not text("municipality"):
        municipality = vocabulary.gazetteer.municipality_in(address) if address else None
    originals = tuple((f, v) for f, v in (("text", text_html), ("answer", answer_html)) if v)
    author = (text("author_name"), text("author_phone"), text("author_email"))
    url = text("url")
    due_at, answered_at, updated_at = when("due_at"), when("answered_at"), when("updated_at")
    if not check.ok or external_id is None:
        collector.refuse(check)
        return
    if outcome is None:
        outcome = Outcome(Status.ANSWERED if answer else Status.ROUTED if body else Status.NEW)
    status = outcome.status
    if status is Status.ANSWERED and rating is not None:
        status = Status.CLOSED  # the citizen has rated the answer: nothing left to do
    known = created_at is not None

    def build() -> ImportedAppeal:
        return ImportedAppeal(
            source=Source.POS,
            external_id=external_id,
            kind=Kind.MESSAGE,
            created_at=created_at or registered_at or import_time,
            created_at_known=known or registered_at is not None,
            row=number,
            text=body_text,
            theme=theme,
            category=category,
            subcategory=subcategory,
            municipality=municipality,
            body=body,
            status=status,
            registered_at=registered_at,
            overdue=overdue,
            satisfaction_rating=rating,
            rejection_reason=reason or vocabulary.known_reason(outcome.rejection_reason),
            answer=answer,
            lat=lat,
            lon=lon,
            title=title,
            address=address,
            executor=executor,
            author_name=author[0],
            author_phone=author[1],
            author_email=author[2],
            url=url,
            due_at=due_at,
            answered_at=answered_at,
            updated_at=updated_at,
            flags=path_flags(path) | source_flags,
            originals=originals,
        )

    collector.add(check, build)


def _no_dash(value: object) -> object:
    """«-» in «Оценка ответа заявителем» means "not rated"."""
    return None if isinstance(value, str) and value.strip() in ("-", "—") else value


def _outcome(
    check: RowCheck, status: str, stage: str, vocabulary: Vocabulary, labels: Mapping[str, str]
) -> Outcome | None:
    """«Статус» (a code or a status text), else «Стадия»; an unknown word is noted, not fatal."""
    aliases = vocabulary.aliases
    found = None
    if status:
        found = check.soft("status", labels["status"], lookup_any, status, _STATUS_TABLES, aliases)
    if found is None and stage:
        found = check.soft("status", labels["stage"], lookup_any, stage, _STAGE_TABLES, aliases)
    return found


_STATUS_TABLES = ("pos_statuses", "pos_stages")
_STAGE_TABLES = ("pos_stages", "pos_statuses")
