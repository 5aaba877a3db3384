"""Related links against a local newsroom where every request takes 300 ms.

    python bench/bench_related.py [--rounds N]

Prints (issue 3's figures, medians over rounds):
- a single request: fetching one story, as the client does (the yardstick);
- all of a story's 5 related links loaded, from the story on screen (target: < 2× one
  request, as they are fetched side by side);
- Enter on a loaded related link → its story's words written to a real pseudo-terminal
  (target: < 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.newsroom_content import small_story  # noqa: E402
from tests.newsroom_server import NewsroomServer  # noqa: E402
from tests.terminal import Terminal, installed_command  # noqa: E402

DELAY = 0.3
RELATED = tuple(f"related-{n}" for n in range(1, 6))


def serve(server: NewsroomServer, round_: int) -> str:
    """A story with 5 related stories, fresh for each round (nothing cached)."""
    slugs = tuple(f"{slug}-r{round_}" for slug in RELATED)
    for index, slug in enumerate(slugs):
        story = small_story(server.url, slug, f"Related story {index + 1} of round {round_}", ())
        story["body"] += f"<p>MARKER-{slug} words of the related story.</p>"
        server.stories[slug] = story
    top = f"top-r{round_}"
    server.stories[top] = small_story(server.url, top, f"Top story of round {round_}", slugs)
    return server.story_url(top)


async def single_and_all(rounds: int) -> tuple[list[float], list[float]]:
    from tui.core.config.limits import FetchSettings
    from tui.core.net.client import NewsroomClient
    from tui.ui.app import create_app
    from tui.ui.widgets.related import LinkState, RelatedLinks
    from tui.ui.widgets.story_view import StoryView

    singles: list[float] = []
    alls: list[float] = []
    with NewsroomServer() as server:
        settings = FetchSettings(newsroom=server.url)
        for round_ in range(rounds):
            url = serve(server, round_)
            server.delay = DELAY
            async with NewsroomClient(settings) as client:
                start = time.perf_counter()
                await client.fetch_story(server.story_url(f"related-1-r{round_}"))
                singles.append(time.perf_counter() - start)
            server.delay = 0
            app = create_app(urls=[url], settings=settings)
            async with app.run_test(size=(120, 40)) as pilot:
                view = app.reader.query_one(StoryView)
                sidebar = app.reader.query_one(RelatedLinks)
                while view.prepared is None:
                    await asyncio.sleep(0.002)
                server.delay = DELAY
                start = time.perf_counter()
                while not (
                    len(sidebar.entries) == 5
                    and all(e.state is LinkState.AVAILABLE for e in sidebar.entries)
                ):
                    await asyncio.sleep(0.002)
                alls.append(time.perf_counter() - start)
                server.delay = 0
                await pilot.pause()
    return singles, alls


def enter_to_story(rounds: int) -> list[float]:
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, NewsroomServer() as server:
        env = {"BELGA_CONFIG_DIR": f"{tmp}/config", "BELGA_CACHE_DIR": f"{tmp}/cache"}
        url = serve(server, 0)
        server.delay = DELAY
        argv = [installed_command(), "--newsroom", server.url, url]
        with Terminal(argv, 120, 40, env=env) as term:
            term.wait_for("Top story of round 0")
            deadline = time.perf_counter() + 10
            while term.text().count("✓") < 5 and time.perf_counter() < deadline:
                term.read(0.05)
            term.send("\t")
            term.settle(0.2)
            term.send("\t")  # the sidebar
            term.settle(0.2)
            for index in range(rounds):
                position = index % 5
                term.send("g" + "j" * position)
                term.settle(0.2)
                since = len(term.received)
                start = time.perf_counter()
                term.send("\r")
                marker = f"MARKER-related-{position + 1}-r0".encode()
                samples.append(term.wait_for_bytes(marker, since) - start)
                term.settle(0.3)
                term.send("H")  # back to the top story
                term.wait_for("Top story of round 0")
                term.settle(0.3)  # the sidebar keeps the focus: the top story's links again
            term.send("Q")
            term.wait_exit()
    return samples


def ms(samples: list[float]) -> str:
    median, worst = statistics.median(samples) * 1000, max(samples) * 1000
    return f"{median:7.1f} ms (n={len(samples)}, max {worst:.1f})"


def run(rounds: int) -> None:
    singles, alls = asyncio.run(single_and_all(rounds))
    ratio = statistics.median(alls) / statistics.median(singles)
    print(f"{'related links: one request (300 ms added)':<52} {ms(singles)}")
    print(f"{'related links: all 5 loaded':<52} {ms(alls)}   {ratio:.2f}× one, target < 2×")
    print(f"{'related links: Enter → related story painted (pty)':<52} {ms(enter_to_story(rounds))}"
          "   target < 50 ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    run(parser.parse_args().rounds)


if __name__ == "__main__":
    main()
