"""Outside pages reach only the public internet: the address is checked, then used.

A story may link anywhere, including ``http://192.168.1.1/`` or a name that resolves to
the reader's own machine; following such a link would let a story probe the reader's
network. So the connection for an outside page is made by :class:`GuardedBackend`:
it resolves the host itself, refuses every address that is not public (private,
loopback, link-local, multicast, reserved, shared), and connects to an address it
checked, never to the name again. A DNS answer that changes between the check and the
connection (rebinding) therefore cannot slip through. Every redirect hop opens its own
connection and is checked the same way.

The backend sits under httpx (as httpcore's network backend); environment proxies are
not used for outside pages, because the guard must see the address connected to.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterable
from typing import Final

import httpcore
import httpx

from tui.core.net.addresses import checked_addresses, parse_address
from tui.core.net.fetch_errors import AddressRefused

_SOCKET_TYPES: Final = (socket.AF_INET, socket.AF_INET6)


Trusted = Callable[[str, int], bool]
"""Whether a host and port are the newsroom's own: reached at whatever address they are."""


def _nobody(_host: str, _port: int) -> bool:
    return False


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with the address check between resolving and connecting.

    ``trusted`` names the one host and port let through at a private address (the
    newsroom's own: an intranet newsroom's pages are read, not refused)."""

    def __init__(self, *, allow_private: bool = False, trusted: Trusted = _nobody) -> None:
        self.allow_private = allow_private
        self._trusted = trusted
        self._inner = httpcore.AnyIOBackend()

    async def resolve(self, host: str, port: int, timeout: float | None) -> list[str]:
        allow_private = self.allow_private or self._trusted(host.strip("[]"), port)
        if parse_address(host.strip("[]")) is not None:  # written as an address: no lookup
            return checked_addresses(host, [host.strip("[]")], allow_private=allow_private)
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"looking up {host} timed out") from None
        except OSError as error:  # socket.gaierror: no such host
            raise httpcore.ConnectError(f"cannot find {host}: {error.strerror or error}") from None
        found = [str(info[4][0]) for info in infos if info[0] in _SOCKET_TYPES]
        return checked_addresses(host, found, allow_private=allow_private)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.resolve(host, port, timeout)
        failure = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            try:
                # TLS still checks the certificate against the host name: httpcore passes
                # the request's host as server_hostname, not the address connected to.
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as error:
                failure = error
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("a Unix socket is no web address")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with its connection pool on a :class:`GuardedBackend`."""

    def __init__(
        self, limits: httpx.Limits, *, allow_private: bool = False, trusted: Trusted = _nobody
    ) -> None:
        tls = httpx.create_ssl_context(trust_env=False)  # made once: it costs ~20 ms
        super().__init__(verify=tls, limits=limits, trust_env=False)
        # httpx takes no network backend, so the pool it made is replaced by one like it
        # on the guarded backend (tests/test_outside.py checks the guard is in the way).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=tls,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(allow_private=allow_private, trusted=trusted),
        )
