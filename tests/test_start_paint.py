"""belga's start-up screen is written in ONE paint (issue 13): not a blank background,
then the panes, then the key bar, each a frame of its own.

belga runs in a real pseudo-terminal with Textual's driver watched from outside (the
test's own wrapper records each write the driver makes: belga has no hook for it);
the writes are replayed with a terminal emulator (pyte)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

import pyte
import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from tests.terminal import Terminal
from tests.waiting import settle
from tui.cli import demo_folder
from tui.core.model.story import Story
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import create_app

WATCHED = """
import json, os, sys
from textual.drivers.linux_driver import LinuxDriver
log = open(os.environ["WRITES_LOG"], "w")
modules = os.environ.get("MODULES_LOG")
write = LinuxDriver.write
def logged(self, data):
    log.write(json.dumps(data) + "\\n")
    log.flush()
    if modules and "Stories" in data and not os.path.exists(modules):
        with open(modules, "w") as file:  # what was imported by the first paint
            json.dump(sorted(sys.modules), file)
    write(self, data)
LinuxDriver.write = logged
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""

CONTROL = re.compile(r"\x1b\[[0-9;?<>=$]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")
THUMBS = str.maketrans(dict.fromkeys("▁▂▃▄▅▆▇█", " "))


def start_up_writes(
    tmp_path: Path, size: tuple[int, int], *args: str, modules: Path | None = None
) -> list[str]:
    """Each write the driver made from the start until the screen showed the key bar
    and a moment of quiet (not those of ``q``, sent then); ``modules``: where to list
    the modules imported when the first paint was written."""
    log = tmp_path / "writes.log"
    env = {"WRITES_LOG": str(log), **({"MODULES_LOG": str(modules)} if modules else {})}
    with Terminal([sys.executable, "-c", WATCHED, *args], *size, env=env) as term:
        term.wait_for("? Help")
        term.settle(quiet=0.5)
        writes = [json.loads(line) for line in log.read_text().splitlines()]
        term.send("q")
        term.wait_exit()
    return writes


def screen_of(writes: list[str], size: tuple[int, int]) -> list[str]:
    screen = pyte.Screen(*size)
    stream = pyte.Stream(screen)
    for data in writes:
        stream.feed(data.replace("\n", "\r\n"))  # as the pty (ONLCR) sends what belga writes
    return list(screen.display)


def painted(writes: list[str]) -> list[int]:
    """The writes that put text on the screen (not only modes and cursor moves)."""
    return [i for i, data in enumerate(writes) if CONTROL.sub("", data).strip()]


def test_the_demo_starts_in_one_paint(tmp_path: Path) -> None:
    size = (120, 40)  # the benchmark's terminal: the list alone
    writes = start_up_writes(tmp_path, size, "--demo")
    paints = painted(writes)
    final = screen_of(writes[: paints[-1] + 1], size)
    assert "Stories (6)" in final[0] and "? Help" in final[-1], "\n".join(final)
    assert len(paints) == 1, [CONTROL.sub("", writes[i])[:80] for i in paints]


def test_a_wide_start_shows_the_story_and_sidebar_in_its_first_paint(tmp_path: Path) -> None:
    # List, story and sidebar: the story beside the list is typeset for the pane's width
    # before the first frame (it was typeset for no room, then again at the first Resize).
    size = (200, 50)
    writes = start_up_writes(tmp_path, size, "--demo")
    paints = painted(writes)
    first = screen_of(writes[: paints[0] + 1], size)
    final = screen_of(writes[: paints[-1] + 1], size)
    assert "Brussels unveils plan for 4,000 homes along the canal  " in final[1]
    assert "Related" in final[0] and "? Help" in final[-1]
    # Only the reading pane's scrollbar may move after it: its length is known once the
    # whole story is typeset (in slices, after the first screen).
    assert [row.translate(THUMBS) for row in first] == [row.translate(THUMBS) for row in final]


def test_a_cached_front_page_starts_in_one_paint(tmp_path: Path) -> None:
    # More stories than the first screenful read before the first paint (front_page.TOP):
    # the rest is read in a thread after it, and shown without a paint of its own.
    cache = tmp_path / "cache"
    start = datetime(2026, 11, 20, 9, 0)
    with Store.open(cache / "belga.sqlite3") as store, store.transaction():
        entries = []
        for index in range(300):
            url = f"https://newsroom.example/story-{index}"
            story = Story(
                title=f"Story number {index}",
                body_html="<p>Words.</p>",
                url=url,
                published_at=start - timedelta(hours=index),
            )
            store.put_story(story, None, None, None)
            entries.append(FeedEntry(url, story.title, story.published_at, ""))
        store.put_feed(entries)
    size = (120, 40)
    writes = start_up_writes(tmp_path, size, "--offline", "--cache-dir", str(cache))
    paints = painted(writes)
    first = screen_of(writes[: paints[0] + 1], size)
    final = screen_of(writes[: paints[-1] + 1], size)
    assert "Stories (300)" in final[0] and "Story number 0" in final[1], "\n".join(final)
    assert "? Help" in first[-1]
    # The list's scrollbar is in the first paint, its thumb sized for the whole list:
    # nothing is painted after it (the scrollbar came in a paint of its own, 8-16 ms
    # later, once the list had been laid out: the last byte of a cached start).
    assert len(paints) == 1, [CONTROL.sub("", writes[i])[:80] for i in paints]
    assert cells_of(writes[: paints[0] + 1], size) == cells_of(writes, size)


def cells_of(writes: list[str], size: tuple[int, int]) -> list[list[tuple[str, str, bool]]]:
    """Each cell's character, background and reverse video after ``writes``."""
    screen = pyte.Screen(*size)
    stream = pyte.Stream(screen)
    for data in writes:
        stream.feed(data.replace("\n", "\r\n"))
    rows = (screen.buffer[y] for y in range(size[1]))
    return [[(row[x].data, row[x].bg, row[x].reverse) for x in range(size[0])] for row in rows]


DEFERRED = {
    "tui.core.render.build": "the walk that builds a story's document",
    "tui.core.render.body_walk": "a body's blocks built a few at a time",
    "html2text": "the prose converter (a story's body)",
    "selectolax": "the HTML parser (a body, a preview, a stored story's words)",
    "html": "html.escape for belga's notes (html.entities)",
    "webbrowser": "asked only when a link is followed",
    "tui.ui.screens.help": "the help screen (?)",
}


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["list alone", "story beside"])
def test_the_first_screen_imports_only_what_it_shows(tmp_path: Path, size: tuple[int, int]) -> None:
    # At 120 columns the list is alone: no story is rendered before the first paint, so
    # nothing of the renderer is imported by then. Beside the list (200 columns) the
    # first story is shown at once: the renderer is imported, as it must be.
    modules = tmp_path / "modules.json"
    start_up_writes(tmp_path, size, "--demo", modules=modules)
    loaded = set(json.loads(modules.read_text()))
    if size == (120, 40):
        early = {name: why for name, why in DEFERRED.items() if name in loaded}
        assert not early, early
    else:
        assert {"tui.core.render.build", "html2text", "selectolax"} <= loaded


async def test_the_first_frame_is_styled_once_and_as_a_full_restyle_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual restyles a whole screen when it is resumed; the reader screen skips that
    # the first time, its widgets having just been styled as they were mounted.
    restyled: list[int] = []
    update_nodes = Stylesheet.update_nodes

    def counted(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.append(len(nodes))
        update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        everything = len(app.screen.query("*")) + 1  # with the screen
        assert restyled and max(restyled) < everything, (restyled, everything)  # no whole screen
        before = app.export_screenshot()
        app.screen.update_node_styles(animate=False)  # what the skipped restyle did
        await settle(pilot)
        assert app.export_screenshot() == before
