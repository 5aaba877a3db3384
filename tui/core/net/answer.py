"""What a request brings back: a complete answer, and the validators for asking again.

Its own small module (no httpx), so that the client, the newsroom and the front page can
name an answer without importing the transport: the client makes its transport, and
imports httpx, at its first request, not when it is made to ask whom it trusts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.core.net.decoding import decode

__all__ = ["Answer", "Validators"]


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies the version it sent, for conditional requests."""

    etag: str = ""
    last_modified: str = ""

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> Validators:
        return cls(headers.get("etag", ""), headers.get("last-modified", ""))

    def request_headers(self) -> dict[str, str]:
        """``If-None-Match``/``If-Modified-Since``, for the disk cache to send."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class Answer:
    """A complete ``2xx`` answer, read within the size limit."""

    url: str
    body: bytes
    content_type: str
    charset: str | None
    validators: Validators

    def text(self) -> str:
        """The body as text: in the server's charset when it is a safe one, else UTF-8."""
        return decode(self.body, self.charset).text
