"""A test newsroom that also answers any path with what a test tells it to.

:class:`HostileServer` is a :class:`~tests.feed_server.FeedServer` (stories, faults,
feed and sitemap unchanged) whose answers for chosen paths are set by the test, for the
hostile cases of the hardening suite: odd charsets and Content-Types, entity bombs
behind a junk first line, redirects to other ports and to ``data:`` URLs::

    with HostileServer() as server:
        server.serve("/feed", body, "application/rss+xml; charset=punycode")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.feed_server import FeedServer
from tests.newsroom_server import _Responder


class HostileServer(FeedServer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.routes: dict[str, Callable[[_Responder], None]] = {}

    def __enter__(self) -> HostileServer:
        self.start()
        return self

    def serve(
        self,
        path: str,
        body: bytes,
        content_type: str,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer ``path`` with ``body`` from now on."""
        self.routes[path] = lambda r: r.send(status, body, content_type, headers)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.serve(path, b"", "text/html", status, {"Location": location})

    def _route(self, path: str, hits: int) -> Callable[[_Responder], None]:
        route = self.routes.get(path)
        return route if route is not None else super()._route(path, hits)
