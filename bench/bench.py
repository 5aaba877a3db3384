"""belga's performance figures, measured on the real code paths.

    python bench/bench.py [--quick]

Prints medians over repeated runs. Targets (issue 2) are printed beside each figure;
nothing here fails a build: the machines are shared and noisy, so compare figures
within one run rather than across machines.

What is measured, and how:
- opening a story: in a real pseudo-terminal running the installed ``belga``, from
  the Enter key written to the terminal to the story's first words on the emulated
  screen (pyte), so it includes rendering, the terminal bytes and their parsing;
- the longest time a key waits while a 30,000-word story is prepared (keys are
  posted every 10 ms as the terminal driver posts them; wait = post → action);
- filling the list with 10,000 stories and one step down it, in-process (Pilot);
- first paint of ``belga --demo`` against a minimal Textual app, both in a pty.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stories import story  # noqa: E402
from tests.terminal import Terminal, installed_command  # noqa: E402

WORD = "Brussels harbour committee Prévot “quoted” plans rail budget"


def body(words: int) -> str:
    """A Prezly-like body of about ``words`` words: bold lead, links, headings, cards."""
    parts = [f"<p><strong>Lead paragraph opening {words} words.</strong></p>"]
    count = 0
    index = 0
    while count < words:
        index += 1
        if index % 12 == 0:
            parts.append(f'<h4 id="s{index}">Section {index}</h4>')
        sentence = " ".join([WORD] * 6)
        parts.append(
            f'<p>Paragraph {index}. {sentence} <a href="https://newsroom.example/s{index}">'
            f"<strong>linked {index}</strong></a> and &ldquo;more&rdquo; text {sentence}.</p>"
        )
        count += 8 * 12 + 6
    return "".join(parts)


def write_corpus(folder: Path) -> None:
    documents = {
        "short": story("short", "Short story", "2026-11-20 09:00:00", "<p>SHORTSTORY text.</p>"),
        "s2000": story("s2000", "Two thousand words", "2026-11-19 09:00:00", body(2000)),
        "s30000": story("s30000", "Thirty thousand words", "2026-11-18 09:00:00", body(30000)),
    }
    for name, document in documents.items():
        (folder / f"{name}.json").write_text(json.dumps(document))


def median_ms(samples: list[float]) -> str:
    median, worst = statistics.median(samples) * 1000, max(samples) * 1000
    return f"{median:7.1f} ms (n={len(samples)}, max {worst:.1f})"


def report(label: str, samples: list[float], target: str) -> None:
    print(f"{label:<52} {median_ms(samples)}   target {target}")


# --- in a real terminal -------------------------------------------------------------


def open_in_terminal(folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Enter → the story's first words written to the terminal, for 2,000 and 30,000 words."""
    small: list[float] = []
    large: list[float] = []
    stories = (
        (1, b"Lead paragraph opening 2000", small),
        (2, b"Lead paragraph opening 30000", large),
    )
    with Terminal([installed_command(), str(folder)], 120, 40) as term:
        term.wait_for("SHORTSTORY")
        term.settle(0.3)
        for _ in range(rounds):
            for position, needle, samples in stories:
                term.send("g" + "j" * position)
                term.settle(0.2)
                since = len(term.received)
                start = time.perf_counter()
                term.send("\r")
                samples.append(term.wait_for_bytes(needle, since) - start)
                term.settle(0.4)
                term.send("\x1b[Z")  # shift+tab back to the list
                term.settle(0.2)
        term.send("q")
        term.wait_exit()
    return small, large


MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("MINIMAL-READY")
Minimal().run()
"""


def first_paint(rounds: int) -> tuple[list[float], list[float]]:
    """Start → the first story's words (demo) or the one label (minimal) on the terminal."""
    demo: list[float] = []
    minimal: list[float] = []
    for _ in range(rounds):
        with Terminal([sys.executable, "-c", MINIMAL_APP]) as term:
            minimal.append(term.wait_for_bytes(b"MINIMAL-READY") - term.started)
            term.send("\x03")
        with Terminal([installed_command(), "--demo"]) as term:
            demo.append(term.wait_for_bytes(b"min read") - term.started)
            term.send("q")
            term.wait_exit()
    return demo, minimal


# --- in-process ---------------------------------------------------------------------


async def key_waits(folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Open the 30,000-word story: the open_story() call, and how long keys wait meanwhile.

    While the story is typeset, a ``j`` key event is posted to the app every 10 ms, the
    way the terminal driver posts them; the wait is the time from posting to the reading
    pane's scroll action running. The longest wait of each round is reported.
    """
    from textual import events

    from tui.ui.app import create_app
    from tui.ui.widgets.story_list import StoryList
    from tui.ui.widgets.story_view import StoryView

    waits: list[float] = []
    firsts: list[float] = []
    app = create_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        stories = app.reader.query_one(StoryList)
        view = app.reader.query_one(StoryView)
        target = app.newsroom.at_hand(
            next(s for s in stories.stories if s.title.startswith("Thirty")).key
        )
        assert target is not None
        posted: list[float] = []
        handled: list[float] = []
        original = view.action_scroll_down

        def scroll_down() -> None:
            handled.append(time.perf_counter())
            original()

        view.action_scroll_down = scroll_down  # type: ignore[method-assign]
        for _ in range(rounds):
            start = time.perf_counter()
            app.reader.open_story(target)
            firsts.append(time.perf_counter() - start)
            view.focus()
            posted.clear()
            handled.clear()
            while not view.complete:
                posted.append(time.perf_counter())
                app.post_message(events.Key("j", "j"))
                await asyncio.sleep(0.01)
            while len(handled) < len(posted):
                await asyncio.sleep(0.01)
            waits.append(max(h - p for p, h in zip(posted, handled, strict=True)))
    return firsts, waits


async def list_figures(count: int, rounds: int) -> tuple[list[float], list[float]]:
    from tui.core.model.listing import entry_of
    from tui.core.model.story import parse_story
    from tui.ui.app import create_app
    from tui.ui.widgets.story_list import StoryList

    stories = [
        entry_of(
            parse_story(
                story(
                    f"s{i}",
                    f"Story number {i} about the harbour and its plans",
                    f"2026-{1 + i % 12:02}-{1 + i % 28:02} 09:00:00",
                    "<p>x</p>",
                )
            )
        )
        for i in range(count)
    ]
    fills: list[float] = []
    steps: list[float] = []
    with tempfile.TemporaryDirectory() as empty:
        app = create_app([empty])
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            widget = app.reader.query_one(StoryList)
            widget.focus()
            for _ in range(rounds):
                start = time.perf_counter()
                widget.set_stories(stories)
                app.screen._refresh_layout()
                fills.append(time.perf_counter() - start)
                await pilot.pause()
                for _ in range(20):
                    start = time.perf_counter()
                    widget.action_cursor_down()
                    app.screen._refresh_layout()
                    steps.append(time.perf_counter() - start)
                    await asyncio.sleep(0)
    return fills, steps


def cached_start(cache: Path, rounds: int) -> list[float]:
    """``belga --offline`` on a cache of 10,000 stories: start → the list on the terminal."""
    samples: list[float] = []
    env = {"BELGA_CONFIG_DIR": str(cache / "config")}
    for _ in range(rounds):
        argv = [installed_command(), "--offline", "--cache-dir", str(cache)]
        with Terminal(argv, 120, 40, env=env) as term:
            samples.append(term.wait_for_bytes(b"Stories (10000)") - term.started)
            term.send("q")
            term.wait_exit()
    return samples


async def filter_keystrokes(cache: Path) -> list[float]:
    """Typing in the list filter over 10,000 cached stories: each keystroke's work, from
    the new text to the list re-filled (titles in memory, bodies through the store)."""
    from textual.widgets import Input

    from tui.ui.app import create_app
    from tui.ui.widgets.list_pane import FilterInput, ListPane

    samples: list[float] = []
    app = create_app(store=cache / "belga.sqlite3", offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.reader.query_one(ListPane)
        box = pane.query_one(FilterInput)
        for query in ("brussels harbour", "prevot", "défence industry", "zzz", "strike rail"):
            for end in range(1, len(query) + 1):
                with box.prevent(Input.Changed):
                    box.value = query[:end]
                start = time.perf_counter()
                pane._show()
                samples.append(time.perf_counter() - start)
                await pilot.pause()
    return samples


def wire_bytes(rounds: int) -> dict[str, list[float]]:
    """Bytes written to a real 120×40 terminal: start-up, a list step, a page down in a
    story, a second of idling, and a second while related links load."""
    from tests.newsroom_content import small_story
    from tests.newsroom_server import NewsroomServer

    figures: dict[str, list[float]] = {"start": [], "step": [], "page": [], "idle": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = {"BELGA_CONFIG_DIR": f"{tmp}/config", "BELGA_CACHE_DIR": f"{tmp}/cache"}
        with Terminal([installed_command(), "--demo"], 120, 40, env=env) as term:
            term.wait_for_bytes(b"min read")
            term.settle(0.5)
            figures["start"].append(len(term.received))
            for _ in range(rounds):
                for key, name in (("j", "step"), ("k", "step")):
                    before = len(term.received)
                    term.send(key)
                    term.settle(0.3)
                    figures[name].append(len(term.received) - before)
            term.send("\t")
            term.settle(0.3)
            for _ in range(rounds):
                before = len(term.received)
                term.send(" ")
                term.settle(0.3)
                figures["page"].append(len(term.received) - before)
            for _ in range(rounds):
                before = len(term.received)
                term.read(1.0)
                figures["idle"].append(len(term.received) - before)
            term.send("q")
            term.wait_exit()

        # Twenty related links, each answer 2 s away, fetched four at a time.
        links = tuple(f"defence-copy-{n}" for n in range(1, 11))
        links += tuple(f"missing-{n}" for n in range(10))
        with NewsroomServer(copies=10) as server:
            server.stories["twenty"] = small_story(server.url, "twenty", "Twenty links", links)
            argv = [installed_command(), "--newsroom", server.url, server.story_url("twenty")]
            with Terminal(argv, 120, 40, env=env) as term:
                term.wait_for_bytes(b"Twenty links")
                server.delay = 2.0
                term.settle(0.5)  # the story and its sidebar painted: now only loading
                start, before = time.perf_counter(), len(term.received)
                while time.perf_counter() - start < 12:
                    term.read(0.1)
                figures["loading"] = [(len(term.received) - before) / 12]
                term.send("q")
                term.wait_exit()
    return figures


def report_bytes(label: str, samples: list[float], target: str) -> None:
    median = statistics.median(samples)
    print(f"{label:<52} {median:9.0f} B (n={len(samples)}, max {max(samples):.0f})   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    # Measure programs as a user's machine runs them: with byte-code caching on. (This
    # workplace sets PYTHONDONTWRITEBYTECODE, which makes every start compile belga's
    # editable sources again.)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder)
        print(f"belga benchmark: {rounds} rounds\n")
        small, large = open_in_terminal(folder, rounds)
        report("open a ~2,000-word story (Enter → painted, pty)", small, "< 40 ms")
        report("open a 30,000-word story (first screen, pty)", large, "< 100 ms")
        firsts, waits = asyncio.run(key_waits(folder, rounds))
        report("30,000 words: open_story() call (in-process)", firsts, "")
        report("30,000 words: longest wait of a key meanwhile", waits, "< 50 ms")
    fills, steps = asyncio.run(list_figures(10_000, rounds))
    report("10,000 stories: fill the list and lay it out", fills, "< 1 s")
    report("10,000 stories: one step down the list", steps, "< 16 ms")
    demo, minimal = first_paint(rounds)
    report("belga --demo first paint (pty)", demo, "< minimal + 150 ms")
    report("minimal Textual app first paint (pty)", minimal, "")
    overhead = [d - m for d, m in zip(demo, minimal, strict=True)]
    report("  difference", overhead, "< 150 ms")

    wire = wire_bytes(rounds)
    print()
    report_bytes("bytes: start-up of belga --demo (120×40)", wire["start"], "")
    report_bytes("bytes: one step down the list", wire["step"], "target < 2 KB")
    report_bytes("bytes: one page down in a story", wire["page"], "target < 12 KB")
    report_bytes("bytes: each second of idling", wire["idle"], "target 0 B/s")
    report_bytes(
        "bytes: each second while 20 slow related links load", wire["loading"], "target < 200 B/s"
    )

    print()
    from bench_related import run as related_figures

    related_figures(rounds)

    from bench_store import build

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        print("\n(building a cache of 10,000 stories…)")
        build(cache / "belga.sqlite3", 10_000)
        report(
            "10,000 cached stories: start → list shown (pty)", cached_start(cache, rounds), "< 1 s"
        )
        report(
            "10,000 cached stories: filter, per keystroke",
            asyncio.run(filter_keystrokes(cache)),
            "< 50 ms",
        )


if __name__ == "__main__":
    main()
