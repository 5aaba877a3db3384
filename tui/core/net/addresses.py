"""Addresses an outside page may be fetched from: public internet ones only.

The rule of :mod:`tui.core.net.guard` without the connection machinery (no httpx), so
that a link can be refused before anything is imported or asked: a host written as a
private or loopback address is known to be refused at once.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from tui.core.net.fetch_errors import AddressRefused

__all__ = ["IPAddress", "checked_addresses", "is_public", "parse_address"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is on the public internet (an IPv4-mapped one judged as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def parse_address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.partition("%")[0])  # an IPv6 zone is no address
    except ValueError:
        return None


def checked_addresses(host: str, found: Iterable[str], *, allow_private: bool) -> list[str]:
    """The addresses of ``found`` that may be connected to, in order.

    Raises :class:`AddressRefused` when none may: every address was private (or not an
    address at all).
    """
    allowed: list[str] = []
    refused: list[str] = []
    for text in dict.fromkeys(found):
        address = parse_address(text)
        if address is not None and (allow_private or is_public(address)):
            allowed.append(str(address))
        else:
            refused.append(text)
    if not allowed:
        shown = ", ".join(refused[:3]) or "no address"
        where = "" if [host.strip("[]")] == refused else f" is at {shown}"
        raise AddressRefused(f"{host}{where}, on a private or local network")
    return allowed
