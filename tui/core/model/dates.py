"""Dates as belga writes them: in English whatever the locale, one set of month names."""

from __future__ import annotations

import time as _time
from datetime import UTC, datetime, time, timedelta, tzinfo
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Final

_MIDNIGHT: Final = time()
NEWSROOM_ZONE: Final = "Europe/Brussels"
"""The time zone of the newsroom's own times: Prezly's JSON gives naive Brussels times."""

# Written out, because strftime("%B") and ("%b") follow the locale.
MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@cache
def _newsroom_zone() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: --dump rarely needs it

    try:
        return ZoneInfo(NEWSROOM_ZONE)
    except (ZoneInfoNotFoundError, ValueError):  # no time-zone database: UTC, honestly
        return UTC


clock: Callable[[], float] = _time.time
"""Seconds since the epoch now: the one clock "today" is told by (tests set another)."""


def newsroom_now() -> datetime:
    """Now, as naive newsroom local time: in the zone of every time belga shows, so that
    "today" is the newsroom's day. The machine's own date against Brussels times listed
    Brussels' stories of 00:30 as yesterday's on a UTC server (and a reader in Auckland
    saw Brussels' times of "today" dated)."""
    return datetime.fromtimestamp(clock(), _newsroom_zone()).replace(tzinfo=None)


def seconds_to_tomorrow() -> float:
    """Seconds from now to the newsroom's next midnight (a day of 23 or 25 hours, when
    the clocks change, counted as it is)."""
    zone = _newsroom_zone()
    today = datetime.fromtimestamp(clock(), zone).date()
    midnight = datetime.combine(today + timedelta(days=1), _MIDNIGHT, tzinfo=zone)
    return max(0.0, midnight.timestamp() - clock())


def local_time(moment: datetime) -> datetime:
    """An aware time as naive newsroom local time; a naive one is taken as local already.

    Stories' JSON, feeds and pages give times both ways; mixed, aware and naive times
    could not be sorted, and an offset kept as given showed 10:00 for what was 11:00 in
    Brussels (one rule for all three; Prezly newsrooms in other zones are a known
    approximation)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(_newsroom_zone()).replace(tzinfo=None)


def long_date(moment: datetime | None) -> str:
    """``13 May 2026, 17:23``: a story's header; ``29 November 2026`` for a time of
    exactly midnight, which is how a date given without a time comes (a page's byline
    "29 November 2026" read "29 November 2026, 00:00")."""
    if moment is None:
        return ""
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if moment.time() == _MIDNIGHT:
        return day
    return f"{day}, {moment:%H:%M}"


def short_date(when: datetime | None, now: datetime | None = None) -> str:
    """``26 Nov`` within the current year, ``May 2025`` before: short, never ambiguous."""
    if when is None:
        return ""
    month = MONTHS[when.month - 1][:3]
    if when.year == (now or newsroom_now()).year:
        return f"{when.day:>2} {month}"
    return f"{month} {when.year}"


def list_date(when: datetime | None, now: datetime | None = None) -> str:
    """A story list's date column: ``08:30`` today, ``26 Nov`` this year, ``May 2025``
    before; "today" and "this year" are the newsroom's (``now``: newsroom time, as
    :func:`newsroom_now` gives; a list asks once for all its lines)."""
    if when is None:
        return ""
    now = now or newsroom_now()
    if when.date() == now.date():
        return f"{when:%H:%M}"
    return short_date(when, now)
