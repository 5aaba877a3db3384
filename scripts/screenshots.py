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


async def reader(pilot: Pilot[None]) -> None:
    """The three panes on the demo, a sample story open."""
    await pilot.press("j", "enter")


async def related_inline(pilot: Pilot[None]) -> None:
    """A related story opened inline from the sidebar."""
    await pilot.press("j", "enter", "tab", "enter")


async def help_screen(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def hints(pilot: Pilot[None]) -> None:
    """Link hints over the links on screen (f), in the story with the most links."""
    await pilot.press("tab", "f")


async def search(pilot: Pilot[None]) -> None:
    """Search inside the story: matches highlighted, n/N between them."""
    await pilot.press("tab", "slash", *"canal", "enter", "n")


async def sidebar_beside_story(pilot: Pilot[None]) -> None:
    """At 80 columns: the sidebar takes the list's place beside the story."""
    await pilot.press("j", "enter", "tab")


SHOTS: dict[str, tuple[tuple[int, int], Steps, dict[str, Any]]] = {
    "reader": ((120, 36), reader, {}),
    "related-inline": ((120, 36), related_inline, {}),
    "help": ((100, 32), help_screen, {}),
    "sidebar-80x24": ((80, 24), sidebar_beside_story, {}),
    "one-pane-60x24": ((60, 24), reader, {}),
    "hints": ((120, 36), hints, {}),
    "search": ((120, 36), search, {}),
    "light": ((120, 36), reader, {"theme": "textual-light"}),
}


async def shoot(name: str, size: tuple[int, int], steps: Steps, options: dict[str, Any]) -> Path:
    app = create_app([demo_folder()], **options)
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
