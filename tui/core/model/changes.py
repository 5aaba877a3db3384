"""What ``r`` found changed in a list (new stories, changed ones, gone ones), in words."""

from __future__ import annotations

from tui.core.model.record import record


@record(frozen=True)
class Changes:
    new: int = 0
    changed: int = 0
    """Stories listed before whose line (title, date) or text is another now."""
    gone: int = 0

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.gone)

    def said(self) -> str:
        """ "2 new stories, 1 changed, 1 gone.", "1 story changed.", "Nothing new."."""
        parts: list[str] = []
        for count, what in ((self.new, "new"), (self.changed, "changed"), (self.gone, "gone")):
            if not count:
                continue
            if parts:
                parts.append(f"{count} {what}")
            elif what == "new":
                parts.append(f"{count} new {_stories(count)}")
            else:
                parts.append(f"{count} {_stories(count)} {what}")
        return ", ".join(parts) + "." if parts else "Nothing new."


def _stories(count: int) -> str:
    return "story" if count == 1 else "stories"
