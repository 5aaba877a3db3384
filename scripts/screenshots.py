"""Make the README's screenshots from the real app, headlessly.

    python scripts/screenshots.py            # writes screenshots/*.svg

Each screenshot is the real app on the bundled demo, driven by keys through Textual's
Pilot, saved as SVG by Textual itself.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui.cli import demo_folder
from tui.ui.app import create_app

OUT = Path(__file__).resolve().parent.parent / "screenshots"

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def headlines(pilot: Pilot[None]) -> None:
    """The list first: every headline readable, the selected one in full below."""
    await pilot.press("j")


async def reader(pilot: Pilot[None]) -> None:
    """A story opened from the list, its related stories in the sidebar beside it."""
    await pilot.press("enter")


async def related_inline(pilot: Pilot[None]) -> None:
    """A related story opened inline from the sidebar."""
    await pilot.press("enter", "l", "enter")


async def help_screen(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def hints(pilot: Pilot[None]) -> None:
    """Link hints over the links on screen (f), where the story has several."""
    await pilot.press("j", "enter", "space", "f")


async def link_cursor(pilot: Pilot[None]) -> None:
    """The link cursor (Tab), its address in the pane's lower border."""
    await pilot.press("enter", "tab", "tab")


async def search(pilot: Pilot[None]) -> None:
    """Search inside the story: matches highlighted, n/N between them."""
    await pilot.press("enter", "slash", *"canal", "enter", "n")


async def nothing(pilot: Pilot[None]) -> None:
    """The layout as it starts."""


SHOTS: dict[str, tuple[tuple[int, int], Steps, dict[str, Any]]] = {
    "headlines": ((120, 40), headlines, {}),
    "reader": ((120, 40), reader, {}),
    "list-80x24": ((80, 24), headlines, {}),
    "reader-80x24": ((80, 24), reader, {}),
    "wide-200x50": ((200, 50), nothing, {}),
    "related-inline": ((120, 40), related_inline, {}),
    "hints": ((120, 40), hints, {}),
    "link-cursor": ((100, 30), link_cursor, {}),
    "search": ((120, 40), search, {}),
    "help": ((100, 32), help_screen, {}),
    "light": ((120, 40), reader, {"theme": "textual-light"}),
}


async def shoot(name: str, size: tuple[int, int], steps: Steps, options: dict[str, Any]) -> Path:
    app = create_app([demo_folder()], demo=True, **options)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        await steps(pilot)
        await _settle(pilot)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(OUT)))


async def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    for name, (size, steps, options) in SHOTS.items():
        if not names or name in names:
            print(await shoot(name, size, steps, options))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
