"""A pane's title changed: its top row repainted, not the whole pane.

Textual repaints the whole widget when its ``border_title`` is set: the list pane's
title changes at each letter typed in the filter ("Stories: “brus” (810 of 10000)"),
and every row of the list, the filter and the headline went through the compositor
again, 3-5 ms a letter (profiled). :func:`set_title` sets the same title and marks the
top row only. Textual internals (pinned <9), kept here: the title is kept in
``Widget._border_title`` as Textual's own ``border_title`` setter makes it, and a region
given to ``Widget.refresh`` is in content coordinates (tests/test_titles.py fails if
either changes).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

__all__ = ["set_title"]


def set_title(widget: Widget, title: Text | str) -> None:
    """``widget.border_title = title``, with only the widget's top row repainted."""
    content = Content.from_rich_text(title) if isinstance(title, Text) else title
    widget._border_title = widget.render_str(content).expand_tabs(4).split()[0]
    if not widget.is_mounted:
        widget.refresh()
        return
    x, y = widget.content_offset
    widget.refresh(Region(-x, -y, widget.outer_size.width, 1))
