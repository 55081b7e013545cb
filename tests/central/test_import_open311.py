"""Open311 GeoReport v2 pulled from a real HTTP server on 127.0.0.1 (JSON and XML, paged)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.central.importers.aliases import default_aliases
from cur_desktop.central.importers.open311_map import parse_open311
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Flag, Kind, Source, Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack

MSK = ZoneInfo("Europe/Moscow")
SERVICES = {"pothole": "roads.potholes", "light": "improvement.lighting.not_working"}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    pack = load_pack(builtin_pack_dir())
    return Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))


def request(n: int, *, day: int = 1, month: int = 3, **extra: str) -> dict[str, str]:
    item = {
        "service_request_id": f"SR-{n}",
        "status": "open",
        "status_notes": "",
        "service_name": "Pothole",
        "service_code": "pothole",
        "description": f"Яма номер {n}",
        "agency_responsible": "Министерство транспорта и дорожного хозяйства Тульской области",
        "requested_datetime": f"2024-{month:02d}-{day:02d}T09:00:00+03:00",
        "updated_datetime": f"2024-{month:02d}-{day:02d}T12:00:00+03:00",
        "expected_datetime": f"2024-{month:02d}-{day + 2:02d}T18:00:00+03:00",
        "address": f"ул. Советская, {n}",
        "lat": "54.19",
        "long": "37.61",
        "media_url": "",
    }
    item.update(extra)
    return item


def to_xml(items: list[dict[str, str]]) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><service_requests>']
    for item in items:
        fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items())
        parts.append(f"<request>{fields}</request>")
    parts.append("</service_requests>")
    return "".join(parts).encode()


Responder = Callable[[str, dict[str, str]], tuple[int, dict[str, str], bytes]]


class Server:
    """A tiny GeoReport server; ``respond(path, query)`` decides each answer."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.respond: Responder = lambda path, query: (404, {}, b"[]")
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                outer.seen.append((parts.path, query))
                status, headers, body = outer.respond(parts.path, query)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/open311/v2"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def pages(self) -> list[str]:
        return [q.get("page", "-") for _, q in self.seen]


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(5)


def json_pages(items: list[dict[str, str]]) -> Responder:
    def respond(path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        size, page = int(query.get("page_size", 1000)), int(query.get("page", 1))
        chunk = items[(page - 1) * size : page * size]
        return 200, {"Content-Type": "application/json"}, json.dumps(chunk).encode()

    return respond


def test_json_pages_are_read_until_a_short_page(server: Server, vocabulary: Vocabulary) -> None:
    items = [request(n, day=n) for n in range(1, 6)]
    items[4] = request(5, day=5, status="closed", status_notes="Яма заделана")
    server.respond = json_pages(items)
    options = {"page_size": 2, "services": SERVICES, "municipality": "г. Тула"}
    result = parse_open311(server.url, vocabulary, tz=MSK, options=options)
    assert result.errors == ()
    assert server.pages() == ["1", "2", "3"]
    assert {p for p, _ in server.seen} == {"/open311/v2/requests.json"}
    assert [r.external_id for r in result.records] == [f"SR-{n}" for n in range(1, 6)]
    first, last = result.records[0], result.records[4]
    assert first.source is Source.OPEN311
    assert first.kind is Kind.MESSAGE
    assert first.status is Status.ROUTED
    assert first.created_at == datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
    assert first.due_at == datetime(2024, 3, 3, 15, 0, tzinfo=UTC)
    assert (first.theme, first.category) == ("roads", "roads.potholes")
    assert first.body == "min-transport"
    assert first.municipality == "70701000"
    assert (first.lat, first.lon) == (54.19, 37.61)
    assert first.text == "Яма номер 1"
    assert first.url == f"{server.url}/requests/SR-1.json"
    assert last.status is Status.ANSWERED
    assert last.answer == "Яма заделана"
    assert last.answered_at == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def test_xml_in_date_windows(server: Server, vocabulary: Vocabulary) -> None:
    items = [request(1, month=1), request(2, month=3), request(3, month=5), request(4, month=6)]

    def respond(path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        start = datetime.fromisoformat(query["start_date"])
        end = datetime.fromisoformat(query["end_date"])
        chosen = [
            i for i in items if start <= datetime.fromisoformat(i["requested_datetime"]) < end
        ]
        return 200, {"Content-Type": "text/xml"}, to_xml(chosen)

    server.respond = respond
    options = {
        "format": "xml",
        "start_date": "2024-01-01T00:00:00Z",
        "end_date": "2024-07-01T00:00:00Z",
        "window_days": 90,
        "page_size": None,
        "services": SERVICES,
    }
    result = parse_open311(server.url, vocabulary, tz=MSK, options=options)
    assert result.errors == ()
    assert sorted(r.external_id for r in result.records) == ["SR-1", "SR-2", "SR-3", "SR-4"]
    windows = [(q["start_date"], q["end_date"]) for _, q in server.seen]
    assert windows == [
        ("2024-01-01T00:00:00Z", "2024-03-31T00:00:00Z"),
        ("2024-03-31T00:00:00Z", "2024-06-29T00:00:00Z"),
        ("2024-06-29T00:00:00Z", "2024-07-01T00:00:00Z"),
    ]
    assert {p for p, _ in server.seen} == {"/open311/v2/requests.xml"}


def test_next_links_from_header_and_body(server: Server, vocabulary: Vocabulary) -> None:
    def respond(path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        cursor = query.get("cursor")
        if cursor is None:  # first page: a Link header
            link = {"Link": '<requests.json?cursor=b>; rel="next"'}
            return 200, link, json.dumps([request(1)]).encode()
        if cursor == "b":  # second page: a JSON object with "next"
            body = {"requests": [request(2)], "next": "requests.json?cursor=c"}
            return 200, {}, json.dumps(body).encode()
        return 200, {}, json.dumps({"requests": [request(3)], "links": {}}).encode()

    server.respond = respond
    result = parse_open311(server.url, vocabulary, tz=MSK, options={"services": SERVICES})
    assert result.errors == ()
    assert [r.external_id for r in result.records] == ["SR-1", "SR-2", "SR-3"]
    assert [q.get("cursor") for _, q in server.seen] == [None, "b", "c"]


def test_a_server_ignoring_page_does_not_loop(server: Server, vocabulary: Vocabulary) -> None:
    same = json.dumps([request(1), request(2)]).encode()
    server.respond = lambda path, query: (200, {}, same)
    options = {"page_size": 2, "services": SERVICES}
    result = parse_open311(server.url, vocabulary, tz=MSK, options=options)
    assert len(result.records) == 2
    assert server.pages() == ["1", "2"]


def test_a_failing_page_refuses_the_whole_pull(server: Server, vocabulary: Vocabulary) -> None:
    good = json_pages([request(n) for n in range(1, 5)])

    def respond(path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if query.get("page") == "2":
            return 500, {}, b'[{"code": 500, "description": "oops"}]'
        return good(path, query)

    server.respond = respond
    options = {"page_size": 2, "services": SERVICES}
    result = parse_open311(server.url, vocabulary, tz=MSK, options=options)
    assert result.records == ()
    assert [(e.row, e.reason_code) for e in result.errors] == [(0, "fetch_failed")]
    assert "HTTP 500" in result.errors[0].message


def test_an_unreachable_server_is_one_error(vocabulary: Vocabulary) -> None:
    srv = Server()  # bound but never serving, then closed: the port refuses
    url = srv.url
    srv.httpd.server_close()
    result = parse_open311(url, vocabulary, tz=MSK, options={"services": SERVICES})
    assert [e.reason_code for e in result.errors] == ["fetch_failed"]


def test_bad_items_are_row_errors(server: Server, vocabulary: Vocabulary) -> None:
    items = [
        request(1),
        request(2, requested_datetime=""),
        request(3, status="teleported"),
        request(4, service_code="ufo", service_name="UFO landing"),
        request(5, lat="north"),
        request(6, service_code="", service_name="Светофоры"),  # matched by category name
        request(1),  # the same id again in a later page: the later copy wins, no error
    ]
    server.respond = json_pages(items)
    result = parse_open311(server.url, vocabulary, tz=MSK, options={"services": SERVICES})
    found = {(e.row, e.field, e.reason_code) for e in result.errors}
    assert found == {
        (2, "requested_datetime", "missing_value"),
        (5, "lat", "bad_number"),
    }
    # an unknown status or service keeps the request (no category, flagged) and is counted
    assert [r.external_id for r in result.records] == ["SR-1", "SR-3", "SR-4", "SR-6"]
    assert result.records[3].category == "roads.traffic_lights"
    unknown = {(u.kind, u.column, u.value) for u in result.unknowns}
    assert unknown == {
        ("status", "status", "teleported"),
        ("category", "service_name", "UFO landing"),
    }
    assert result.records[2].category is None
    assert result.records[2].flags & Flag.NEEDS_CATEGORY


def test_hostile_xml_is_refused(server: Server, vocabulary: Vocabulary) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<service_requests><request><description>&lol2;</description></request>"
        b"</service_requests>"
    )
    server.respond = lambda path, query: (200, {}, bomb)
    result = parse_open311(server.url, vocabulary, tz=MSK, options={"format": "xml"})
    assert [e.reason_code for e in result.errors] == ["bad_response"]


def test_bad_mapping_is_refused_before_any_request(server: Server, vocabulary: Vocabulary) -> None:
    options = {"services": {"pothole": "roads.nonexistent"}}
    result = parse_open311(server.url, vocabulary, tz=MSK, options=options)
    assert [e.reason_code for e in result.errors] == ["bad_mapping"]
    assert server.seen == []


def test_saved_files(tmp_path: Path, vocabulary: Vocabulary) -> None:
    (tmp_path / "requests.json").write_text(json.dumps([request(1)]), encoding="utf-8")
    (tmp_path / "requests.xml").write_bytes(to_xml([request(2, media_url="http://x/a.jpg")]))
    options = {"services": SERVICES}
    from_json = parse_open311(tmp_path / "requests.json", vocabulary, tz=MSK, options=options)
    from_xml = parse_open311(tmp_path / "requests.xml", vocabulary, tz=MSK, options=options)
    assert [r.external_id for r in from_json.records] == ["SR-1"]
    (rec,) = from_xml.records
    assert rec.external_id == "SR-2"
    assert rec.attachments[0].url == "http://x/a.jpg"
    assert rec.url == ""
