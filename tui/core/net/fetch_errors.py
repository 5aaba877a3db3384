"""What can go wrong while fetching a story, in words a reader can act on.

Every failure of :class:`~tui.core.net.client.NewsroomClient` is a :class:`FetchError`:
transport exceptions never leave the client. ``reason`` is short enough for a sidebar
entry ("not found (404)"); ``str(error)`` adds the URL and any detail.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Final

from tui.core.model.failure import Unavailable
from tui.core.model.text import clean_line, human_size
from tui.core.model.urls import host_of, port_of, scheme_of


class FetchErrorKind(Enum):
    NOT_ALLOWED = "not allowed"
    UNTRUSTED_HOST = "untrusted host"
    NOT_FOUND = "not found"
    HTTP_STATUS = "HTTP status"
    SERVER_ERROR = "server error"
    TIMEOUT = "timed out"
    TOO_LARGE = "too large"
    NOT_A_STORY = "not a story"
    TOO_MANY_REDIRECTS = "too many redirects"
    REDIRECT_LOOP = "redirect loop"
    UNTRUSTED_REDIRECT = "redirect to untrusted host"
    CONNECTION_FAILED = "connection failed"
    TLS_FAILED = "secure connection failed"
    CONNECTION_CLOSED = "connection closed mid-answer"
    REFUSED_ADDRESS = "refused address"
    NOT_A_PAGE = "not a web page"
    NO_CONTENT = "no main content"
    NEEDS_JAVASCRIPT = "needs JavaScript"
    READER_UNAVAILABLE = "reader view unavailable"
    TOO_COMPLEX = "too complex for the reader view"

    @property
    def retryable(self) -> bool:
        """Whether asking again may help: the server or the network hiccuped."""
        return self in _RETRYABLE

    @property
    def unreachable(self) -> bool:
        """Whether the server could not be reached at all, rather than answering badly."""
        return self in _UNREACHABLE


_UNREACHABLE: Final = frozenset(
    {
        FetchErrorKind.TIMEOUT,
        FetchErrorKind.CONNECTION_FAILED,
        FetchErrorKind.TLS_FAILED,
        FetchErrorKind.CONNECTION_CLOSED,
    }
)
_RETRYABLE: Final = frozenset(
    {
        FetchErrorKind.TIMEOUT,
        FetchErrorKind.SERVER_ERROR,
        FetchErrorKind.CONNECTION_FAILED,
        FetchErrorKind.CONNECTION_CLOSED,
    }
)


class FetchError(Unavailable):
    """A story that could not be fetched; ``reason`` is the short human form."""

    def __init__(
        self,
        kind: FetchErrorKind,
        url: str,
        reason: str = "",
        detail: str = "",
        status: int | None = None,
    ) -> None:
        self.kind = kind
        self.url = clean_line(url)
        self.reason = clean_line(reason or kind.value)
        self.detail = clean_line(detail)
        self.status = status
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The longer form, for a status line or a log."""
        text = f"{self.url}: {self.reason}" if self.url else self.reason
        return f"{text} ({self.detail})" if self.detail else text

    @property
    def retryable(self) -> bool:
        return self.kind.retryable

    def after_tries(self, tries: int, seconds: float) -> FetchError:
        """The same failure once ``tries`` attempts took ``seconds`` in all: a timeout
        names the whole wait, which the reader had, not the last try's limit."""
        if tries <= 1:
            return self
        if self.kind is FetchErrorKind.TIMEOUT:
            last = f"the last {self.reason}" + (f", {self.detail}" if self.detail else "")
            reason = f"timed out after {seconds_text(seconds)} s"
            return FetchError(self.kind, self.url, reason, f"{tries} tries; {last}", self.status)
        return self.with_detail(f"{tries} tries")

    def with_detail(self, detail: str) -> FetchError:
        """The same failure with more context, e.g. what the fallback page said."""
        more = f"{self.detail}; {detail}" if self.detail else detail
        return FetchError(self.kind, self.url, self.reason, more, self.status)


def status_error(url: str, status: int) -> FetchError:
    if status in (404, 410):
        return FetchError(FetchErrorKind.NOT_FOUND, url, f"not found ({status})", status=status)
    if status >= 500:
        return FetchError(
            FetchErrorKind.SERVER_ERROR, url, f"server error ({status})", status=status
        )
    return FetchError(FetchErrorKind.HTTP_STATUS, url, f"HTTP {status}", status=status)


def seconds_text(seconds: float) -> str:
    """Seconds as a reader takes them: tenths under 10 s, whole seconds above."""
    return f"{round(seconds, 1) if seconds < 10 else round(seconds):g}"


def timeout_error(url: str, seconds: float, what: str) -> FetchError:
    return FetchError(
        FetchErrorKind.TIMEOUT, url, f"timed out after {seconds_text(seconds)} s", what
    )


def deadline_error(url: str, seconds: float, tries: int) -> FetchError:
    """A story not had within ``story_timeout`` of its first request going out: every
    try, redirect and fallback included (the waits for a slot are not)."""
    counted = f"{tries} {'try' if tries == 1 else 'tries'}"
    return FetchError(
        FetchErrorKind.TIMEOUT,
        url,
        f"timed out after {seconds_text(seconds)} s",
        f"{counted}, the last not answered in full",
    )


def answer_timeout_error(url: str, seconds: float) -> FetchError:
    """One answer not had in full within ``answer_timeout`` of its request, though bytes
    came often enough for ``read_timeout`` (a server sending a byte a second)."""
    return timeout_error(url, seconds, "the whole answer: it came too slowly")


def too_large_error(url: str, limit: int, detail: str = "") -> FetchError:
    return FetchError(
        FetchErrorKind.TOO_LARGE, url, f"too large (over {human_size(limit)})", detail
    )


def too_complex_error(url: str, detail: str) -> FetchError:
    """A page the reader view will not take apart: too many elements, or it took too long."""
    return FetchError(FetchErrorKind.TOO_COMPLEX, url, detail=detail)


def not_allowed_error(url: str) -> FetchError:
    return FetchError(FetchErrorKind.NOT_ALLOWED, url, "not allowed: not an http(s) URL")


def untrusted_error(url: str, host: str) -> FetchError:
    return FetchError(FetchErrorKind.UNTRUSTED_HOST, url, f"not allowed: untrusted host {host}")


def offsite_redirect_error(url: str, target: str, beside: str) -> FetchError:
    """``url`` redirected (from ``beside``, the hop before) to ``target`` on another
    site: named by its host, or by its origin when only the port or scheme is another
    ("redirect to untrusted host 127.0.0.1" was said of the newsroom's own host)."""
    host = host_of(target)
    site = host
    if host == host_of(beside):
        port = port_of(target)
        site = f"{host}:{port}" if port is not None else f"{scheme_of(target)}://{host}"
    return FetchError(FetchErrorKind.UNTRUSTED_REDIRECT, url, f"redirect to another site ({site})")


def not_a_story_error(url: str, detail: str) -> FetchError:
    return FetchError(FetchErrorKind.NOT_A_STORY, url, detail=detail)


def connection_error(url: str, error: Exception, *, closed: bool) -> FetchError:
    """A transport failure; httpx's text (``[Errno 111] Connection refused``) as detail.
    A secure connection that failed is said in words, not OpenSSL's, and is not tried
    again (a certificate not trusted is not trusted on a second try)."""
    tls = _tls_failure(error)
    if tls:
        return FetchError(FetchErrorKind.TLS_FAILED, url, tls)
    text = clean_line(str(error)) or type(error).__name__
    if text.startswith("[Errno "):  # the OS error number helps nobody reading a sidebar
        text = text.partition("] ")[2] or text
    if not closed and _refused(error):  # "All connection attempts failed", in httpx's words
        port = port_of(url)
        where = f"{host_of(url)}:{port}" if port is not None else host_of(url)
        text = f"refused: nothing answers at {where} (is the server running?)"
    if closed:
        return FetchError(FetchErrorKind.CONNECTION_CLOSED, url, detail=text)
    return FetchError(FetchErrorKind.CONNECTION_FAILED, url, f"connection failed: {text}")


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what caused it, down httpx's chain (eight at most: a chain of
    exceptions can loop)."""
    cause: BaseException | None = error
    for _ in range(8):
        if cause is None:
            return
        yield cause
        cause = cause.__cause__ or cause.__context__


def _refused(error: BaseException) -> bool:
    """Whether a ConnectionRefusedError is under ``error``, down httpx's chain."""
    return any(isinstance(cause, ConnectionRefusedError) for cause in _chain(error))


def _tls_failure(error: BaseException) -> str:
    """Why the TLS handshake under ``error`` failed, in words; ``""`` if it was not TLS.
    By the names of ssl's exceptions, down httpx's chain: ssl is not imported for it."""
    for cause in _chain(error):
        name = type(cause).__name__
        if name == "SSLCertVerificationError":
            why = clean_line(str(getattr(cause, "verify_message", "") or ""))
            return "the site's certificate is not trusted" + (f" ({why})" if why else "")
        if name.startswith("SSL") and name.endswith("Error"):
            reason = str(getattr(cause, "reason", "") or "")
            if reason in ("WRONG_VERSION_NUMBER", "HTTP_REQUEST", "RECORD_LAYER_FAILURE"):
                return "no secure connection: the server does not speak TLS there"
            said = clean_line(reason.replace("_", " ").lower()) or "the handshake failed"
            return f"secure connection failed: {said}"
    return ""


def refused_address_error(url: str, detail: str) -> FetchError:
    """An outside page whose host is on the reader's own network (or no network at all)."""
    return FetchError(
        FetchErrorKind.REFUSED_ADDRESS, url, "refused: not a public internet address", detail
    )


def not_a_page_error(url: str, content_type: str, size: int | None) -> FetchError:
    """An outside link to a PDF, a picture, a file: belga reads only web pages."""
    kind = clean_line(content_type) or "of no stated type"
    sized = f", {human_size(size)}" if size is not None else ""
    return FetchError(FetchErrorKind.NOT_A_PAGE, url, f"not a web page but {kind}{sized}")


class AddressRefused(Exception):
    """Raised under the HTTP client when a host resolves only to addresses belga refuses;
    the transport turns it into :func:`refused_address_error` with the URL."""
