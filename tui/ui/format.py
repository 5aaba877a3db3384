"""Small formatting helpers shared by the widgets."""

from __future__ import annotations

from datetime import datetime


def short_date(when: datetime | None) -> str:
    """``13 May`` this year's style is ambiguous across years, so: ``2026-05-13``."""
    return when.strftime("%Y-%m-%d") if when else ""
