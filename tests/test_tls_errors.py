"""A secure connection that fails says why in words, and is not tried again (tester
report 3, item 8): "connection failed: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify
failed: self-signed certificate (_ssl.c:1006) (2 tries)" — OpenSSL's words, and a
certificate not trusted will not be trusted on a second try."""

from __future__ import annotations

import ssl

from tests.newsroom_server import NewsroomServer
from tests.test_client import fast_settings, fetch_error
from tui.core.net.client import NewsroomClient
from tui.core.net.fetch_errors import FetchErrorKind, connection_error


async def test_https_to_a_plain_http_port(newsroom_server: NewsroomServer) -> None:
    secure = newsroom_server.url.replace("http://", "https://")
    async with NewsroomClient(fast_settings(secure)) as client:
        error = await fetch_error(client, f"{secure}/story")
    assert error.kind is FetchErrorKind.TLS_FAILED
    assert error.reason == "no secure connection: the server does not speak TLS there"
    assert not error.retryable
    assert "_ssl.c" not in str(error) and "tries" not in str(error)


def chained(inner: BaseException) -> Exception:
    """``inner`` as httpx raises it: wrapped twice."""
    try:
        try:
            raise inner
        except BaseException as error:
            raise OSError("httpcore") from error
    except OSError as middle:
        try:
            raise ConnectionError(str(inner)) from middle
        except ConnectionError as outer:
            return outer


def test_a_certificate_not_trusted_is_named() -> None:
    refused = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] (_ssl.c:1006)")
    refused.verify_message = "self-signed certificate"
    error = connection_error("https://example.org/", chained(refused), closed=False)
    assert error.kind is FetchErrorKind.TLS_FAILED
    assert error.reason == "the site's certificate is not trusted (self-signed certificate)"
