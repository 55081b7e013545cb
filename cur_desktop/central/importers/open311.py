"""Open311 GeoReport v2: service requests pulled from a server (or read from a saved file).

``GET {endpoint}/requests.json`` (or ``.xml``) returns service requests. The
standard leaves paging to servers; we support the common extensions together:

* date windows: ``start_date``/``end_date`` (ISO 8601) in steps of
  ``window_days`` (servers commonly cap a query at 90 days);
* pages: ``page`` (from 1) and ``page_size``, stopping at a short page, an
  empty page, or a page bringing no new ids (a server ignoring ``page``);
* a ``next`` link, from an HTTP ``Link: <…>; rel="next"`` header or a ``next``
  / ``links.next`` member of a JSON object body, followed as given.

A failing request (network, HTTP status, unreadable body) refuses the whole
pull: nothing from a half-read feed is imported. XML is parsed with
defusedxml. One ``httpx.Client`` serves every page.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from cur_desktop.central.importers.sheets import FileProblem
from cur_desktop.clock import system_clock

if TYPE_CHECKING:
    import httpx

MAX_PAGES = 10_000
TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class PullOptions:
    """How to page through a server; see the module docstring."""

    fmt: str = "json"  # json | xml
    page_size: int | None = 100
    start: datetime | None = None
    end: datetime | None = None
    window: timedelta = timedelta(days=90)
    jurisdiction_id: str | None = None


def requests_url(endpoint: str, fmt: str) -> tuple[str, str]:
    """The ``requests.<fmt>`` URL and the format, for an endpoint or a full requests URL."""
    base = endpoint.split("?", 1)[0]
    for suffix in ("json", "xml"):
        if base.endswith(f"requests.{suffix}"):
            return endpoint, suffix
    return f"{endpoint.rstrip('/')}/requests.{fmt}", fmt


def pull(
    endpoint: str, options: PullOptions, client: httpx.Client | None = None
) -> list[dict[str, Any]]:
    """Every service request the server returns, de-duplicated by id (latest copy wins)."""
    import httpx

    url, fmt = requests_url(endpoint, options.fmt)
    own = client is None
    session = client or httpx.Client(timeout=TIMEOUT_S, follow_redirects=True)
    found: dict[str, dict[str, Any]] = {}
    try:
        for window in _windows(options):
            _pull_window(session, url, fmt, options, window, found)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FileProblem("fetch_failed", f"Open311 server request failed: {exc}") from exc
    finally:
        if own:
            session.close()
    return list(found.values())


def _windows(options: PullOptions) -> Iterator[dict[str, str]]:
    if options.start is None:
        yield {}
        return
    end = options.end or system_clock()
    start = options.start
    while start < end:
        stop = min(start + options.window, end)
        yield {"start_date": _iso(start), "end_date": _iso(stop)}
        start = stop


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pull_window(
    client: httpx.Client,
    url: str,
    fmt: str,
    options: PullOptions,
    window: Mapping[str, str],
    found: dict[str, dict[str, Any]],
) -> None:
    params: dict[str, str | int] = dict(window)
    if options.jurisdiction_id:
        params["jurisdiction_id"] = options.jurisdiction_id
    page = 1
    if options.page_size:
        params.update(page=page, page_size=options.page_size)
    query: dict[str, str | int] | None = params  # None once we follow next links
    for _ in range(MAX_PAGES):
        response = client.get(url, params=query)
        if response.status_code >= 400:
            raise FileProblem(
                "fetch_failed", f"Open311 server answered HTTP {response.status_code}"
            )
        items, next_link = decode_page(response.content, fmt)
        if next_link is None:
            next_link = response.links.get("next", {}).get("url")
        fresh = 0
        for item in items:
            key = str(item.get("service_request_id") or "")
            fresh += key not in found
            found[key or f"#{len(found)}"] = item
        if next_link:
            url, query = _next_url(str(response.url), next_link), None
            continue
        if not options.page_size or query is None or not fresh or len(items) < options.page_size:
            return
        page += 1
        params["page"] = page
    raise FileProblem("too_many_pages", f"the server kept paging past {MAX_PAGES} pages")


def _next_url(current: str, link: str) -> str:
    """The absolute URL of a ``next`` link; a malformed link is a broken answer."""
    try:
        return urljoin(current, link)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        raise FileProblem("bad_response", "the Open311 answer's next link is not a URL") from None


def decode_page(content: bytes, fmt: str) -> tuple[list[dict[str, Any]], str | None]:
    """Requests of one response body and its ``next`` link, if the body names one.

    A UTF-8 byte order mark before JSON is skipped (RFC 8259 allows a parser to
    ignore it; files saved by Windows tools start with one).
    """
    if fmt == "xml":
        return _decode_xml(content), None
    import orjson

    content = content.removeprefix(codecs.BOM_UTF8)
    try:
        doc = orjson.loads(content)
    except orjson.JSONDecodeError:
        # The GeoReport v2 specification's own examples write codes as numbers with
        # leading zeros ("service_code":006), which JSON forbids: read them as strings.
        try:
            doc = orjson.loads(_LEADING_ZERO.sub(rb'\1"\2"', content))
        except orjson.JSONDecodeError:
            raise FileProblem("bad_response", "the Open311 answer is not valid JSON") from None
    next_link = None
    if isinstance(doc, dict):
        links = doc.get("links")
        next_link = doc.get("next") or (links.get("next") if isinstance(links, dict) else None)
        doc = doc.get("requests", doc.get("service_requests", []))
    if not isinstance(doc, list) or not all(isinstance(i, dict) for i in doc):
        raise FileProblem("bad_response", "the Open311 answer is not a list of requests")
    return doc, next_link if isinstance(next_link, str) else None


_LEADING_ZERO = re.compile(rb"(:\s*)(0\d+)(?=\s*[,}\]])")


def decode_services(content: bytes, fmt: str) -> list[dict[str, Any]]:
    """A GeoReport v2 service list (``services.json`` / ``services.xml``)."""
    if fmt == "xml":
        return _decode_xml(content, root_tag="services", item_tag="service")
    items, _ = decode_page(content, "json")
    return items


def read_services(path: Path) -> list[dict[str, Any]]:
    """Services from a saved ``services.json`` / ``services.xml`` file."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise FileProblem("not_found", f"cannot read {path.name}") from exc
    return decode_services(content, "xml" if path.suffix.lower() == ".xml" else "json")


def _decode_xml(
    content: bytes, root_tag: str = "service_requests", item_tag: str = "request"
) -> list[dict[str, Any]]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    try:
        root = fromstring(content)
    except (ParseError, DefusedXmlException) as exc:
        raise FileProblem("bad_response", "the Open311 answer is not valid XML") from exc
    if root.tag != root_tag:
        raise FileProblem("bad_response", f"unexpected XML root <{root.tag}>")
    return [
        {child.tag: (child.text or "").strip() for child in request}
        for request in root
        if request.tag == item_tag
    ]


def read_saved(path: Path) -> list[dict[str, Any]]:
    """Requests from a saved ``requests.json`` / ``requests.xml`` file."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise FileProblem("not_found", f"cannot read {path.name}") from exc
    items, _ = decode_page(content, "xml" if path.suffix.lower() == ".xml" else "json")
    return items
