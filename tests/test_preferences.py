"""The config file's theme and keys, applied to the app; the command line around it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.stories import linked_stories, write_stories
from tui.core.config.paths import config_file, store_file
from tui.core.model.story import parse_story
from tui.core.net.feed import FeedEntry
from tui.core.store.database import Store
from tui.ui.app import binding_ids, create_app
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.story_list import StoryList


async def test_keys_are_remapped_and_unknown_ids_reported(tmp_path: Path) -> None:
    folder = write_stories(tmp_path, linked_stories())
    keys = {"list.down": "ctrl+n", "list.up": "ctrl+p,k", "no.such.binding": "x"}
    app = create_app([folder], keys=keys, theme="no-such-theme")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.reader.query_one(StoryList)
        listing.focus()
        await pilot.press("ctrl+n")
        assert listing.cursor == 1
        await pilot.press("j")  # j is no longer "down": the user's keys replace it
        assert listing.cursor == 1
        await pilot.press("k")
        assert listing.cursor == 0
        shown = "\n".join(n for n in app.notices)
        assert "unknown key binding id(s) no.such.binding" in shown
        assert "unknown theme 'no-such-theme'" in shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+N" in app.screen.text and "list.down" in app.screen.text


async def test_a_known_theme_is_applied(tmp_path: Path) -> None:
    app = create_app([write_stories(tmp_path, linked_stories())], theme="textual-light")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-light"


def test_every_binding_has_an_id() -> None:
    ids = binding_ids()
    assert {"app.quit", "list.down", "app.back", "related.retry", "list.filter"} <= ids


def run_belga(*args: str) -> subprocess.CompletedProcess[str]:
    belga = Path(sys.executable).parent / "belga"
    return subprocess.run(
        [str(belga), *args], capture_output=True, text=True, env=os.environ.copy(), timeout=60
    )


def test_a_broken_config_is_reported_and_the_defaults_used(tmp_path: Path) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[fetch]\nread_timeout = "soon"\nnewsroom = \n')
    result = run_belga(
        "--dump", str(Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json")
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Belgian defence industry")
    assert "config.toml line 3" in result.stderr and "using the defaults" in result.stderr


def test_purge_trims_the_cache_to_the_config_bounds(tmp_path: Path) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[store]\nkeep_stories = 3\n")
    with Store.open(store_file()) as store:
        for index in range(10):
            document = {
                "title": f"Story {index}",
                "url": f"https://newsroom.example/story-{index}",
                "published_at": f"2026-11-{index + 1:02} 09:00:00",
                "body": "<p>Words.</p>",
            }
            store.put_story(parse_story(document))
        store.save("https://newsroom.example/story-0")
        # The front page lists them and 5 not fetched (tester report 3: "removed 58
        # stories …; 3 kept" counted every URL gone, stories and lines, against stories).
        store.put_feed(
            FeedEntry(f"https://newsroom.example/story-{index}", f"Story {index}")
            for index in range(15)
        )
    result = run_belga("--purge")
    assert result.returncode == 0, result.stderr
    said = re.fullmatch(
        r"belga: removed (\d+) of (\d+) stories and (\d+) of (\d+) front-page lines from \S+;"
        r" (\d+) stories and (\d+) lines kept\.\n",
        result.stdout,
    )
    assert said is not None, result.stdout
    removed, stories, gone, lines, kept, listed = map(int, said.groups())
    assert (stories, lines) == (10, 15)
    assert (removed + kept, gone + listed) == (stories, lines)
    with Store.open(store_file()) as store:
        assert (store.story_count(), store.feed_count()) == (kept, listed)
        assert store.has_story("https://newsroom.example/story-0")  # saved: never purged
    assert kept <= 4 and listed <= 4
