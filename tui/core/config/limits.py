"""Named limits for talking to a newsroom.

One home for them (FetchLimits), so that the client, the tests and the TOML config's
``[fetch]`` section agree on the same names and defaults. The defaults are polite to a
small agency site: a few requests in flight, one retry, an honest User-Agent.
"""

from __future__ import annotations

from typing import Final

import tui
from tui.core.model.record import field_names, record
from tui.core.model.urls import SHORT_LINK_HOSTS, origin_of, trusted_origin

DEFAULT_NEWSROOM: Final = "https://www.belganewsagency.eu"
USER_AGENT: Final = f"belga/{tui.__version__} (+terminal newsreader)"
MEGABYTE: Final = 1024 * 1024
DEMO_OFFLINE: Final = "the demo works offline (belga without --demo reads the live newsroom)"
"""Why every request of the demo is refused (FetchSettings.refuse): a reason, as the
others are, which the place that says it begins ("Not read here: …", "Could not open …:
…"; it began "Not in the demo sample: …", and "Not read here: Not in the demo …" read
as two)."""


@record(frozen=True)
class FetchLimits:
    """The limits of every fetch, and their defaults: the config's ``[fetch]`` section
    (tui/core/config/load.py) reads exactly these, so a user may change each of them."""

    connect_timeout: float = 5.0
    """Seconds to open a connection."""
    read_timeout: float = 10.0
    """Seconds to wait for the next bytes of an answer (not for the whole answer)."""
    max_response_bytes: int = 5 * MEGABYTE
    max_in_flight: int = 6
    """Requests open at once across the whole client: what browsers allow one host, so
    that a story's handful of related links load in one round trip."""
    max_redirects: int = 5
    retries: int = 1
    """Extra attempts after a timeout, a 5xx or a connection error; never after a 4xx."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled for each further one."""
    answer_timeout: float = 60.0
    """Seconds one answer may take in all, from its request to its last byte: a server
    that sends a byte a second (each within ``read_timeout``) holds a request slot no
    longer than this, not for an hour."""
    story_timeout: float = 15.0
    """Seconds the whole fetch of a story may take from its first request: every try,
    redirect and the web-page fallback (not the waits for a free request slot). The most
    a reader waits for a story that does not come before hearing why
    (one try's ``read_timeout`` and a retry took ~21 s and said "after 10 s")."""


@record(frozen=True)
class FetchSettings(FetchLimits):
    """What a client is made with: the newsroom, the User-Agent, the short-link hosts,
    and the limits (a FetchSettings is its FetchLimits plus these)."""

    newsroom: str = DEFAULT_NEWSROOM
    user_agent: str = USER_AGENT
    short_link_hosts: frozenset[str] = SHORT_LINK_HOSTS
    """Hosts whose URLs are short links to stories. An entry may carry a port
    (``127.0.0.1:8001``), which lets tests tell two local servers apart."""
    refuse: str = ""
    """When set, every request is refused with this reason before any name lookup or
    connection (Transport.hop): the demo is offline by construction, on every path."""

    def is_newsroom(self, url: str) -> bool:
        """Whether ``url`` is on the newsroom's own origin (scheme, host and port, or its
        https form): trusted for every page of it, stories or not, at whatever address
        it is (an intranet newsroom, a test one on 127.0.0.1). The one rule for it: the
        client trusts this origin, the reader view reads its pages without asking and
        past the private-address guard."""
        origin = origin_of(self.newsroom)
        return origin is not None and trusted_origin(url, (origin,))

    @classmethod
    def of(cls, newsroom: str, limits: FetchLimits) -> FetchSettings:
        """The settings for ``newsroom`` within ``limits``; the rest keep their defaults."""
        chosen = {name: getattr(limits, name) for name in field_names(FetchLimits)}
        return cls(newsroom=newsroom, **chosen)
