"""Open311 service requests → :class:`~.records.ImportedAppeal`.

Field by field: ``service_request_id`` → external id; ``requested_datetime``
→ created; ``updated_datetime`` → updated (and answered, once closed);
``expected_datetime`` → deadline; ``status`` → our status
(:data:`~.mapping.OPEN311_STATUSES`); ``status_notes`` → the answer of a
closed request, the interim answer of an open one; ``agency_responsible`` →
a body when the region knows it, else the executor text; ``service_code`` /
``service_name`` → category through the mapping's ``services`` table, else
by category name; ``lat``/``long``, ``address``, ``description``,
``media_url`` (an attachment). Open311 has no municipality: the mapping may
name one for the whole server. Row numbers are positions in the pulled list.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cur_desktop.central.importers.cells import (
    CellError,
    cell_text,
    parse_datetime,
    parse_float,
    plain_text,
)
from cur_desktop.central.importers.collect import Collector, RowCheck, file_error
from cur_desktop.central.importers.mapping import Outcome, lookup_any
from cur_desktop.central.importers.open311 import (
    PullOptions,
    pull,
    read_saved,
    read_services,
    requests_url,
)
from cur_desktop.central.importers.records import ImportedAppeal, ParseResult
from cur_desktop.central.importers.sheets import FileProblem
from cur_desktop.central.importers.vocabulary import CategoryPath, Vocabulary
from cur_desktop.domain.appeal import Attachment
from cur_desktop.domain.enums import Flag, Kind, Source, Status

if TYPE_CHECKING:
    import httpx

OPTION_KEYS = frozenset(
    {"format", "page_size", "start_date", "end_date", "window_days", "jurisdiction_id"}
    | {"municipality", "services", "aliases", "service_list"}
)


def parse_open311(
    source: str | Path,
    vocabulary: Vocabulary,
    *,
    tz: tzinfo,
    options: Mapping[str, Any] | None = None,
    client: httpx.Client | None = None,
    now: datetime | None = None,
) -> ParseResult:
    """Pull (an http(s) URL) or read (a file path) Open311 requests and map them.

    A pull with a start date and no end date runs to ``now`` (the service's clock).
    """
    opts = dict(options or {})
    try:
        pull_options = _pull_options(opts, tz, now)
        services = _services(opts.get("services", {}), vocabulary)
        names = _service_names(opts.get("service_list"))
        municipality = vocabulary.municipality(str(opts.get("municipality") or ""))
        text = str(source)
        if text.startswith(("http://", "https://")):
            items = pull(text, pull_options, client)
            listing, fmt = requests_url(text, pull_options.fmt)
            base = listing.split("?", 1)[0].rsplit(".", 1)[0] + "/{id}." + fmt
        else:
            items, base = read_saved(Path(source)), ""
    except FileProblem as exc:
        return file_error(exc.code, exc.message, exc.field)
    except CellError as exc:
        return file_error("bad_mapping", f"mapping: {exc.message}", exc.field)
    collector = Collector("Open311", _name(source))
    for number, item in enumerate(items, start=1):
        named = item
        if names and not cell_text(item.get("service_name")):
            code = cell_text(item.get("service_code"))
            named = {**item, "service_name": names.get(code, "")}
        _map_item(collector, number, named, vocabulary, tz, services, municipality, base)
    return collector.result()


def _pull_options(opts: Mapping[str, Any], tz: tzinfo, now: datetime | None) -> PullOptions:
    unknown = set(opts) - OPTION_KEYS
    if unknown:
        raise FileProblem("bad_mapping", f"unknown Open311 mapping keys: {sorted(unknown)}")
    fmt = str(opts.get("format", "json"))
    if fmt not in ("json", "xml"):
        raise FileProblem("bad_mapping", "format must be json or xml")
    try:
        start = parse_datetime(opts.get("start_date"), tz)
        end = parse_datetime(opts.get("end_date"), tz) or now
        page_size = opts.get("page_size", 100)
        window = timedelta(days=float(opts.get("window_days", 90)))
    except (CellError, TypeError, ValueError, OverflowError) as exc:
        raise FileProblem("bad_mapping", f"bad Open311 option: {exc}") from exc
    if page_size is not None and (not isinstance(page_size, int) or page_size < 1):
        raise FileProblem("bad_mapping", "page_size must be a positive integer or null")
    if window <= timedelta(0):
        raise FileProblem("bad_mapping", "window_days must be positive")
    jurisdiction = opts.get("jurisdiction_id")
    return PullOptions(fmt, page_size, start, end, window, str(jurisdiction or "") or None)


def _services(table: object, vocabulary: Vocabulary) -> dict[str, CategoryPath]:
    """``services``: service_code or service_name → our category code, checked up front."""
    if not isinstance(table, Mapping):
        raise FileProblem("bad_mapping", "services must map a service code or name to a category")
    out: dict[str, CategoryPath] = {}
    for service, code in table.items():
        category = vocabulary.dictionaries.category(str(code))
        if category is None:
            raise FileProblem("bad_mapping", f"services[{service!r}]: unknown category {code!r}")
        if category.parent is None:
            out[str(service)] = (category.theme, category.code, None)
        else:
            out[str(service)] = (category.theme, category.parent, category.code)
    return out


def _map_item(
    collector: Collector,
    number: int,
    item: Mapping[str, Any],
    vocabulary: Vocabulary,
    tz: tzinfo,
    services: Mapping[str, CategoryPath],
    municipality: str | None,
    base: str,
) -> None:
    check = RowCheck(number)

    def text(field: str) -> str:
        return check.read(field, cell_text, item.get(field)) or ""

    def when(field: str) -> datetime | None:
        return check.read(field, parse_datetime, item.get(field), tz)

    external_id = check.require("service_request_id", text("service_request_id"))
    created_at = check.read_required(
        "requested_datetime", parse_datetime, item.get("requested_datetime"), tz
    )
    code, name = text("service_code"), text("service_name")
    path = services.get(code) or services.get(name)
    flags = Flag.NONE
    if path is None:
        path = _category_by_name(vocabulary, name)
    if path is None:  # kept without a category, the service counted for the admin
        check.unknown("category", "service_name" if name else "service_code", name or code)
        path, flags = (None, None, None), Flag.NEEDS_CATEGORY
    status = text("status")
    outcome = check.soft("status", "status", lookup_any, status, _STATUS_TABLES, vocabulary.aliases)
    notes = check.read("status_notes", plain_text, item.get("status_notes")) or ("", "")
    description, original = check.read("description", plain_text, item.get("description")) or (
        "",
        "",
    )
    lat = check.read("lat", parse_float, item.get("lat"), 90.0)
    lon = check.read("long", parse_float, item.get("long"), 180.0)
    agency, address, media = text("agency_responsible"), text("address"), text("media_url")
    updated_at, due_at = when("updated_datetime"), when("expected_datetime")
    if not check.ok or external_id is None or created_at is None:
        collector.refuse(check)
        return
    if outcome is None:
        outcome = Outcome(Status.ROUTED)  # a request the server lists is open unless it says so
    body = vocabulary.find_body(agency)
    final = not outcome.status.is_open
    theme, category, subcategory = path

    def build() -> ImportedAppeal:
        return ImportedAppeal(
            source=Source.OPEN311,
            external_id=external_id,
            kind=Kind.MESSAGE,
            created_at=created_at,
            row=number,
            text=description,
            title=name,
            theme=theme,
            category=category,
            subcategory=subcategory,
            municipality=municipality,
            address=address,
            lat=lat,
            lon=lon,
            body=body,
            executor="" if body else agency,
            url=base.format(id=external_id) if base else "",
            status=outcome.status,
            answer=notes[0] if final else "",
            answered_at=updated_at if final and outcome.status is not Status.REJECTED else None,
            interim_answer="" if final else notes[0],
            due_at=due_at,
            updated_at=updated_at,
            rejection_reason=vocabulary.known_reason(outcome.rejection_reason),
            attachments=(Attachment(media.rsplit("/", 1)[-1] or "media", media),) if media else (),
            flags=flags,
            originals=(("text", original),) if original else (),
        )

    collector.add(check, build)


_STATUS_TABLES = ("open311", "pos_stages")


def _service_names(source: object) -> dict[str, str]:
    """``service_list``: a saved GeoReport ``services.json``/``.xml`` naming the codes."""
    if source is None:
        return {}
    if not isinstance(source, str):
        raise FileProblem("bad_mapping", "service_list must be the path of a services file")
    return {
        cell_text(s.get("service_code")): cell_text(s.get("service_name"))
        for s in read_services(Path(source))
        if s.get("service_code") is not None
    }


def _name(source: str | Path) -> str:
    text = str(source)
    return text if text.startswith(("http://", "https://")) else Path(text).name


def _category_by_name(vocabulary: Vocabulary, name: str) -> CategoryPath | None:
    """A category named like the service («Streetlight» through an alias), else None."""
    if not name:
        return None
    path = vocabulary.soft_path([("service_name", name)])
    if path.unknown or path.category is None:
        return None
    return path.as_tuple()
