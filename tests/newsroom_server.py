"""A real HTTP server that plays a Prezly newsroom on 127.0.0.1, faults included.

Start it as a context manager (or through the ``newsroom_server`` fixture)::

    with NewsroomServer(delay=0.3) as server:
        url = server.story_url("defence-turkey")
        ...
        assert server.count("/defence-turkey.json") == 1

It runs in a background thread with a thread per connection, on a port the OS picks.
Stories are served at ``/<slug>.json`` and ``/<slug>`` (see :mod:`tests.newsroom_content`);
the fault paths are listed in :data:`FAULTS`. Every request is logged (path, headers,
bytes sent) so that tests can count requests and see what the client sent.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final

from tests.newsroom_content import FIXTURE_SLUG, PAGE_ONLY_SLUG, newsroom_stories, story_page

CHUNK: Final = 64 * 1024
HUGE_BYTES: Final = 50 * 1024 * 1024
LAST_MODIFIED: Final = "Wed, 13 May 2026 15:23:44 GMT"
JSON_TYPE: Final = "application/json; charset=utf-8"
HTML_TYPE: Final = "text/html; charset=utf-8"
CHAIN_LENGTH: Final = 10
FAULT_SLUG_PREFIX: Final = "fault-"
"""``/fault-<name>.json`` answers as ``/fault/<name>.json`` does."""

FAULTS: Final = {
    "/fault/forbidden.json": "403 Forbidden",
    "/fault/500.json": "500, always",
    "/fault/flaky.json": "503 on the first request, then a story",
    "/fault/slow.json": "a story after `slow_seconds`",
    "/fault/hang.json": "headers never come (waits `hang_seconds` or until stop)",
    "/fault/slow-<n>.json": "as slow.json: as many slow stories as a test needs",
    "/fault/drip.json": "a 200 whose body comes a byte every `drip_seconds` (also drip-<n>)",
    "/fault/huge.json": "50 MB of JSON-ish bytes with a Content-Length",
    "/fault/huge-unsized.json": "50 MB without Content-Length (ends at close)",
    "/fault/loop-a.json": "redirects to loop-b, which redirects back",
    "/fault/chain-1.json": f"a chain of {CHAIN_LENGTH} redirects ending at a story",
    "/fault/offsite.json": "redirects to `other_host` (same port)",
    "/fault/ftp.json": "redirects to an ftp:// URL",
    "/fault/html.json": "an HTML page where JSON was expected",
    "/fault/binary.json": "binary junk",
    "/fault/invalid.json": "JSON cut in the middle",
    "/fault/latin1.json": "JSON in Latin-1: invalid UTF-8",
    "/fault/truncated.json": "Content-Length 10000, 100 bytes, then the connection closes",
    "/old-slug.json": "301 to /small-one.json (a slug that changed)",
    "/fault/moved.json": "301 to the page /small-one (so does /fault/moved): a story moved",
    "/fault/other-port.json": "302 to the same host on another port (another site)",
    "/r/ABC": f"a short link: 301 to <short_link_target>/{FIXTURE_SLUG}",
}


@dataclass
class LoggedRequest:
    path: str
    headers: dict[str, str]
    bytes_sent: int = 0
    finished: threading.Event = field(default_factory=threading.Event, repr=False)


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 keeps connections alive, as a real newsroom behind a CDN does.
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self.server.newsroom.handle(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a test run's output is no place for an access log


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    newsroom: NewsroomServer

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a cancelled fetch) is expected, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class NewsroomServer:
    """A fault-injecting Prezly-like newsroom on 127.0.0.1.

    ``delay`` is added to every request (for benchmarks: "every request takes 300 ms");
    ``short_link_target`` is the base URL ``/r/ABC`` redirects to (default: this
    server); ``other_host`` names this same server under another host name, as the
    target of ``/fault/offsite.json``.
    """

    def __init__(
        self,
        *,
        delay: float = 0.0,
        slow_seconds: float = 0.2,
        hang_seconds: float = 30.0,
        drip_seconds: float = 1.0,
        copies: int = 10,
        short_link_target: str | None = None,
        other_host: str = "localhost",
    ) -> None:
        self.delay = delay
        self.path_delays: dict[str, float] = {}
        """Seconds added to the requests for one path, instead of ``delay``."""
        self.slow_seconds = slow_seconds
        self.hang_seconds = hang_seconds
        self.drip_seconds = drip_seconds
        self.other_host = other_host
        self._copies = copies
        self._short_link_target = short_link_target
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._log: list[LoggedRequest] = []
        self._hits: Counter[str] = Counter()
        self._in_flight = 0
        self.max_in_flight_seen = 0
        self.stories: dict[str, dict[str, Any]] = {}

    # Life cycle --------------------------------------------------------------------

    def start(self) -> NewsroomServer:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.newsroom = self
        self.stories = newsroom_stories(self.url, self._copies)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes the slow and hanging handlers
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> NewsroomServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # Addresses ---------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the newsroom server is not started")
        return int(self._httpd.server_address[1])

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.netloc}"

    def story_url(self, slug: str) -> str:
        return f"{self.url}/{slug}"

    # The request log ---------------------------------------------------------------

    @property
    def requests(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._log)

    def paths(self) -> list[str]:
        return [entry.path for entry in self.requests]

    def count(self, path: str | None = None) -> int:
        """Requests for ``path`` so far, or for any path."""
        return sum(1 for p in self.paths() if path is None or p == path)

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()
            self.max_in_flight_seen = 0

    def wait_finished(self, path: str, timeout: float = 5.0) -> LoggedRequest:
        """The first request for ``path``, once its handler is done."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for entry in self.requests:
                if entry.path == path and entry.finished.wait(deadline - time.monotonic()):
                    return entry
            time.sleep(0.01)
        raise TimeoutError(f"no finished request for {path}")

    # Serving -----------------------------------------------------------------------

    def handle(self, request: _Handler) -> None:
        path = request.path.partition("?")[0]
        entry = LoggedRequest(path, dict(request.headers.items()))
        with self._lock:
            self._log.append(entry)
            self._hits[path] += 1
            hits = self._hits[path]
            self._in_flight += 1
            self.max_in_flight_seen = max(self.max_in_flight_seen, self._in_flight)
        try:
            respond = self._prepare(path, hits)
            respond(_Responder(request, entry))
        except (BrokenPipeError, ConnectionResetError):
            request.close_connection = True  # the client hung up: expected for huge
        finally:
            entry.finished.set()

    def _prepare(self, path: str, hits: int) -> Callable[[_Responder], None]:
        """Wait out the global delay and pick the answer, counted as in flight.

        The count ends before the answer is written: once the client can read it, it
        may send its next request before this thread runs again.
        """
        try:
            self._pause(self.path_delays.get(path, self.delay))
            return self._route(path, hits)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _route(self, path: str, hits: int) -> Callable[[_Responder], None]:
        fault = self._fault(path, hits)
        if fault is not None:
            return fault
        slug = path.strip("/").removesuffix(".json")
        if slug.startswith(FAULT_SLUG_PREFIX):
            # A story-shaped URL (``/fault-500``) whose JSON twin is a fault: what a
            # related link in a story's body looks like. Its web page does not exist.
            twin = self._fault(f"/fault/{slug.removeprefix(FAULT_SLUG_PREFIX)}.json", hits)
            if path.endswith(".json") and twin is not None:
                return twin
            return lambda r: r.send(404, b"<h1>Not found</h1>", HTML_TYPE)
        story = self.stories.get(slug)
        if story is None or (path.endswith(".json") and slug == PAGE_ONLY_SLUG):
            return lambda r: r.send(404, b"<h1>Not found</h1>", HTML_TYPE)
        if path.endswith(".json"):
            return lambda r: r.send_json(story)
        return lambda r: r.send(200, story_page(story).encode(), HTML_TYPE)

    def _fault(self, path: str, hits: int) -> Callable[[_Responder], None] | None:
        story = self.stories[FIXTURE_SLUG]
        if path.startswith("/fault/chain-"):
            number = int(path.removeprefix("/fault/chain-").removesuffix(".json") or 0)
            if number < CHAIN_LENGTH:
                return _redirect(f"/fault/chain-{number + 1}.json")
            return lambda r: r.send_json(story)
        numbered = path.rpartition("-")[0] if path[-6:-5].isdigit() else path
        if numbered == "/fault/slow":  # /fault/slow-3.json
            return lambda r: self._slow(r, story)
        if numbered in ("/fault/drip", "/fault/drip.json"):
            return self._drip
        faults: dict[str, Callable[[_Responder], None]] = {
            "/fault/forbidden.json": lambda r: r.send(403, b"forbidden", HTML_TYPE),
            "/fault/500.json": lambda r: r.send(500, b"oops", HTML_TYPE),
            "/fault/flaky.json": (
                (lambda r: r.send(503, b"busy", HTML_TYPE))
                if hits == 1
                else (lambda r: r.send_json(story))
            ),
            "/fault/slow.json": lambda r: self._slow(r, story),
            "/fault/hang.json": self._hang,
            "/fault/huge.json": lambda r: r.send_huge(sized=True),
            "/fault/huge-unsized.json": lambda r: r.send_huge(sized=False),
            "/fault/loop-a.json": _redirect("/fault/loop-b.json"),
            "/fault/loop-b.json": _redirect("/fault/loop-a.json"),
            "/fault/offsite.json": _redirect(
                f"http://{self.other_host}:{self.port}/{FIXTURE_SLUG}.json"
            ),
            "/fault/ftp.json": _redirect("ftp://127.0.0.1/story.json"),
            "/fault/html.json": lambda r: r.send(200, story_page(story).encode(), HTML_TYPE),
            "/fault/binary.json": lambda r: r.send(200, bytes(range(256)) * 8, JSON_TYPE),
            "/fault/invalid.json": lambda r: r.send(200, b'{"title": "cut', JSON_TYPE),
            "/fault/latin1.json": lambda r: r.send(
                200, '{"title": "Café", "body": "<p>é</p>"}'.encode("latin-1"), JSON_TYPE
            ),
            "/fault/truncated.json": lambda r: r.send_truncated(),
            "/old-slug.json": _redirect("/small-one.json"),
            "/fault/moved.json": _redirect("/small-one"),
            "/fault/moved": _redirect("/small-one"),
            "/fault/other-port.json": _redirect(
                f"http://127.0.0.1:{self.port + 1}/article.html", 302
            ),
            "/r/ABC": _redirect(f"{self._short_link_target or self.url}/{FIXTURE_SLUG}"),
        }
        return faults.get(path)

    def _slow(self, responder: _Responder, story: dict[str, Any]) -> None:
        self._pause(self.slow_seconds)
        responder.send_json(story)

    def _drip(self, responder: _Responder) -> None:
        """A "slow loris" answer: headers at once, then a byte every ``drip_seconds``
        (each well within any read timeout) until the client hangs up or the server
        stops; never a whole answer."""
        responder.close()
        responder.head(200, JSON_TYPE, {"Content-Length": "100000"})
        while not self._stopping.wait(self.drip_seconds):
            responder.write_now(b" ")

    def _hang(self, responder: _Responder) -> None:
        self._pause(self.hang_seconds)
        responder.close()  # nothing was said; the connection cannot be reused


def _redirect(location: str, status: int = 301) -> Callable[[_Responder], None]:
    return lambda r: r.send(status, b"", HTML_TYPE, {"Location": location})


class _Responder:
    """Writes one answer and counts the body bytes the client accepted."""

    def __init__(self, request: _Handler, entry: LoggedRequest) -> None:
        self._request = request
        self._entry = entry

    def _head(self, status: int, content_type: str, headers: dict[str, str]) -> None:
        self._request.send_response(status)
        if content_type:  # "" sends none, as some servers do
            self._request.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self._request.send_header(name, value)
        self._request.end_headers()

    def _write(self, data: bytes) -> None:
        self._request.wfile.write(data)
        self._entry.bytes_sent += len(data)

    def head(self, status: int, content_type: str, headers: dict[str, str]) -> None:
        self._head(status, content_type, headers)
        self._request.wfile.flush()

    def write_now(self, data: bytes) -> None:
        """Write ``data`` and flush it: the client has it at once."""
        self._write(data)
        self._request.wfile.flush()

    def send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self._head(status, content_type, {"Content-Length": str(len(body)), **(headers or {})})
        self._write(body)

    def send_unsized(self, body: bytes, content_type: str) -> None:
        """An answer without Content-Length: its end is the connection's."""
        self.close()
        self._head(200, content_type, {"Connection": "close"})
        self._write(body)

    def send_json(self, document: dict[str, Any]) -> None:
        """A story document with validators; a matching ``If-None-Match`` gets a 304."""
        body = json.dumps(document).encode()
        etag = f'"{hashlib.sha1(body).hexdigest()}"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if self._request.headers.get("If-None-Match") == etag:
            self.send(304, b"", JSON_TYPE, validators)
        else:
            self.send(200, body, JSON_TYPE, validators)

    def send_huge(self, *, sized: bool) -> None:
        """50 MB, one reused chunk at a time: the body is never built in memory."""
        headers = {"Content-Length": str(HUGE_BYTES)} if sized else {"Connection": "close"}
        self._request.close_connection = not sized
        self._head(200, JSON_TYPE, headers)
        chunk = b" " * CHUNK
        for _ in range(HUGE_BYTES // CHUNK):
            self._write(chunk)

    def close(self) -> None:
        self._request.close_connection = True

    def send_truncated(self) -> None:
        self.close()
        self._head(200, JSON_TYPE, {"Content-Length": "10000"})
        self._write(b'{"title": "' + b"x" * 89)
