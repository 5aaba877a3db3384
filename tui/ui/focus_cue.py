"""The focused pane's cue, drawn without restyling anything.

The pane with the focus shows its top edge and its title in the accent colour, the title
in reverse video (it stands out with NO_COLOR too); the others their stylesheet's look.
A pane switch repaints the two panes' top rows, not four borders.

As CSS (``StoryView:focus``, ``ListPane:focus-within``), every focus change restyled the
widget and all it holds: Textual's ``Widget.watch_has_focus`` applies the stylesheet to
the widget's subtree (the reading pane's ~25 component classes), and ``Screen.set_focus``
the subtree of any ancestor with a ``:focus-within`` rule (the list pane: its filter, its
list, its headline). That was 21 % of the instructions of Enter on a story (221 M →
175 M, callgrind, Enter to the frame written). Here the cue is the pane's own inline
styles (a repaint of that pane), its colours the screen's component class
``panes--focused`` (belga.tcss), and the focusable panes do not restyle on a focus change
(:class:`QuietFocus`). ``Widget.watch_has_focus`` is a Textual internal (pinned <9),
overridden here alone; tests/test_focus_cue.py fails if focus restyles again.
"""

from __future__ import annotations

from typing import Final

from textual.css.styles import RenderStyles
from textual.widget import Widget

CUED: Final = ("border_top", "border_title_color", "border_title_style")
"""The inline rules the cue sets (and clears again)."""


class QuietFocus:
    """For a focusable widget that no CSS rule styles by its focus: a focus change
    repaints it (Textual's ``_on_focus`` and ``_on_blur`` do), it does not restyle it."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Textual's applies the stylesheet to the widget and all it holds."""


def cue(pane: Widget, look: RenderStyles | None) -> None:
    """Show ``pane`` as focused, in ``look`` (its colour and text style); with None, as
    its stylesheet has it. Its edge stays the stylesheet's (none in zen): the top edge
    only takes the colour."""
    styles = pane.styles
    inline, edge = styles.inline, styles.border_top[0]
    if look is None:
        changed = [inline.clear_rule(name) for name in CUED]
    else:
        changed = [
            inline.set_rule("border_top", (styles.base.border_top[0], look.color)),
            inline.set_rule("border_title_color", look.color),
            inline.set_rule("border_title_style", look.text_style),
        ]
    if any(changed):  # laid out again only if the edge came or went (zen)
        pane.refresh(layout=bool(edge) != bool(styles.border_top[0]))
