"""Small formatting helpers shared by the widgets."""

from __future__ import annotations

from datetime import datetime
from typing import Final

# Written out, because strftime("%b") follows the locale.
_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def short_date(when: datetime | None, now: datetime | None = None) -> str:
    """``26 Nov`` within the current year, ``May 2025`` before: short, never ambiguous."""
    if when is None:
        return ""
    month = _MONTHS[when.month - 1]
    if when.year == (now or datetime.now()).year:
        return f"{when.day:>2} {month}"
    return f"{month} {when.year}"
