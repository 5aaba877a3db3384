"""The outside web on 127.0.0.1: article pages among boilerplate, and pages that fail.

:class:`WebServer` is a :class:`~tests.newsroom_server.NewsroomServer` (same threads,
request log, ``delay`` and faults) that also serves the pages of :mod:`tests.web_pages`
under ``/news/``, ``/files/`` and ``/web/``::

    with WebServer(delay=0.3) as server:
        url = server.page_url("hydrogen")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from tests import web_pages
from tests.newsroom_server import HTML_TYPE, NewsroomServer, _redirect, _Responder

PDF_TYPE: Final = "application/pdf"
BIG_PAGE_BYTES: Final = 300 * 1024
REDIRECT_HOPS: Final = 3
PNG_BYTES: Final = b"\x89PNG\r\n\x1a\n" + b"\0" * 4096

PAGES: Final = {
    "/news/hydrogen": "the main article, with boilerplate all around",
    "/news/dredging": "a second article, linked from the first",
    "/news/to-story": "the main article, its first link to the story /small-one at localhost",
    "/web/app": "a JavaScript app with nothing to read before its scripts run",
    "/web/search": "a page with no main content",
    "/web/latin1": "an article in windows-1252, named only in its <meta>",
    "/web/cookie": "the main article, setting a cookie",
    "/web/big": f"an article of {BIG_PAGE_BYTES // 1024} KB",
    "/web/no-type": "the main article without a Content-Type",
    "/files/report.pdf": "a PDF",
    "/files/picture.png": "a PNG picture, its size unannounced",
    "/web/hop-1": f"{REDIRECT_HOPS} redirects, then the main article",
    "/web/gone": "410 Gone",
    "/web/to-ftp": "a redirect to an ftp:// URL",
    "/web/to-private": "a redirect to 127.0.0.2 (where nothing listens)",
    "/bench/<anything>": "the main article",
}


class WebServer(NewsroomServer):
    """A test newsroom that is also an outside news site (see :data:`PAGES`)."""

    def __enter__(self) -> WebServer:  # typed as the subclass, for the fixtures
        self.start()
        return self

    def page_url(self, name: str) -> str:
        """``hydrogen`` → ``http://127.0.0.1:PORT/news/hydrogen``; a path is kept as given."""
        return f"{self.url}{name}" if name.startswith("/") else f"{self.url}/news/{name}"

    def _route(self, path: str, hits: int) -> Callable[[_Responder], None]:
        page = self._page(path)
        return page if page is not None else super()._route(path, hits)

    def _page(self, path: str) -> Callable[[_Responder], None] | None:
        article = web_pages.article_page().encode()
        if path.startswith("/bench/"):  # the main article under many URLs, for benchmarks
            return lambda r: r.send(200, article, HTML_TYPE)
        if path.startswith("/web/hop-"):
            number = int(path.removeprefix("/web/hop-") or 0)
            return _redirect(
                f"/web/hop-{number + 1}" if number < REDIRECT_HOPS else "/news/hydrogen"
            )
        pages: dict[str, Callable[[_Responder], None]] = {
            "/news/hydrogen": lambda r: r.send(200, article, HTML_TYPE),
            "/news/dredging": lambda r: r.send(200, web_pages.second_page().encode(), HTML_TYPE),
            "/news/to-story": lambda r: r.send(
                200,
                web_pages.article_page(f"http://localhost:{self.port}/small-one").encode(),
                HTML_TYPE,
            ),
            "/web/app": lambda r: r.send(200, web_pages.app_shell().encode(), HTML_TYPE),
            "/web/search": lambda r: r.send(200, web_pages.empty_page().encode(), HTML_TYPE),
            "/web/latin1": lambda r: r.send(200, web_pages.latin1_page(), "text/html"),
            "/web/cookie": lambda r: r.send(
                200, article, HTML_TYPE, {"Set-Cookie": "tracker=abc123; Path=/"}
            ),
            "/web/big": lambda r: r.send(
                200, article.replace(b"</body>", b"<p>x</p>" * (BIG_PAGE_BYTES // 8)), HTML_TYPE
            ),
            "/web/no-type": lambda r: r.send(200, article, ""),
            "/files/report.pdf": lambda r: r.send(200, web_pages.PDF_BYTES, PDF_TYPE),
            "/files/picture.png": lambda r: r.send_unsized(PNG_BYTES, "image/png"),
            "/web/gone": lambda r: r.send(410, b"<h1>Gone</h1>", HTML_TYPE),
            "/web/to-ftp": _redirect("ftp://127.0.0.1/file.txt"),
            "/web/to-private": _redirect(f"http://127.0.0.2:{self.port}/news/hydrogen"),
        }
        return pages.get(path)
