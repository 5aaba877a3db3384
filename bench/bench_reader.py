"""Reader view: Enter on a link to another site → the page's first screen, vs a plain GET.

    python bench/bench_reader.py [--rounds 5]

A local site (tests/web_server.py) answers every request after 300 ms. The installed
``belga`` runs in a real pseudo-terminal (120×40) on a story whose links [1] and [2] lead
to that site's article under two URLs, with ``[net] reader = "always"`` (the one-key
consent is the reader's time, not belga's): the session's first page, then the second
(the plain case); then, in a session with ``reader = "ask"``, the first page timed from
the Enter that answers the question. Each page is the link's number and Enter in the
reading pane, timed from the key to the end of the first frame that shows the article's
text (the burst of output up to a 10 ms gap), then back (H). Each figure is the median
of ``--rounds`` such sessions.
The peer is a plain GET of the same page on a new connection (as curl does), body
read to its end. Goal: the reader view within 1.2× the plain GET; PASS/MISS printed,
exit status 1 on a miss. Run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from harness import Figure, Pty, Table, belga, isolated_env, median, scratch

from tests.web_pages import ARTICLE_SENTENCES
from tests.web_server import WebServer

DELAY = 0.3
GOAL = 1.2
NEEDLE = ARTICLE_SENTENCES[0][:30].encode()


def plain_get(url: str) -> float:
    """Seconds for one GET of ``url`` on a new connection, to the body's last byte."""
    parts = urlsplit(url)
    start = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if NEEDLE not in body:
        raise RuntimeError(f"{url} did not serve the article")
    return time.perf_counter() - start


def setup(
    folder: Path, web: WebServer, count: int, reader: str = "always"
) -> tuple[Path, dict[str, str]]:
    """The story linking to the site, and belga's config: ``reader``, 127.0.0.1 allowed."""
    links = "".join(
        f'<li><a href="{web.page_url(f"/bench/{n}")}">Outside page {n}</a></li>'
        for n in range(1, count + 1)
    )
    document = {
        "title": "Bench story with outside links",
        "url": "https://newsroom.example/bench-story",
        "published_at": "2026-11-20 09:00:00",
        "body": f"<p>Links to another site:</p><ul>{links}</ul>",
    }
    stories = folder / "stories"
    stories.mkdir(parents=True)
    (stories / "bench.json").write_text(json.dumps(document), encoding="utf-8")
    env = isolated_env(folder)
    config = Path(env["BELGA_CONFIG_DIR"])
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f'[net]\nreader = "{reader}"\nallow_private = true\n')
    return stories, env


def first_screen(term: Pty, keys: str) -> float:
    """From ``keys`` to the end of the first frame holding the article's text."""
    first_chunk = len(term.chunks)
    since = len(term.received)
    start = time.perf_counter()
    term.send(keys)
    term.wait_for_bytes(NEEDLE, since, timeout=30)
    term.quiesce(start)
    frame_end, seen, previous = start, False, since
    for arrival, end in term.chunks[first_chunk:]:
        if seen and arrival - frame_end > 0.010:
            break
        if not seen and NEEDLE in term.received[max(since, previous - len(NEEDLE)) : end]:
            seen = True
        frame_end, previous = arrival, end
    return frame_end - start


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="samples per figure (median)")
    rounds = parser.parse_args().rounds
    table = Table()
    with scratch() as folder, WebServer(delay=DELAY) as web:
        gets = [plain_get(web.page_url(f"/bench/get-{n}")) for n in range(rounds)]
        reads: list[float] = []
        firsts: list[float] = []
        asks: list[float] = []
        # The first page of a session and the first after the question are one sample per
        # session: each is the median of ``rounds`` sessions (one session each swung
        # 1.2-2.8x between runs on the loaded machine).
        for session in range(rounds):
            stories, env = setup(folder / f"always-{session}", web, 2)
            with Pty([belga(), str(stories)], env=env) as term:
                term.start_paint(b"Bench story")
                term.press("\r")  # open the story: the reading pane has the keys
                for n in (1, 2):
                    (firsts if n == 1 else reads).append(first_screen(term, f"{n}\r"))
                    term.press("H")  # back to the story
                term.quit()
            # With reader = "ask" (the default): the first page of a session, timed from
            # the Enter that answers the question; the extractor loads while it is asked.
            stories, env = setup(folder / f"ask-{session}", web, 1, reader="ask")
            with Pty([belga(), str(stories)], env=env) as term:
                term.start_paint(b"Bench story")
                term.press("\r")
                since = len(term.received)
                term.send("1\r")
                term.wait_for_bytes(b"read it here", since, timeout=30)
                term.quiesce(time.perf_counter(), quiet=1.0)  # the reader's moment to decide
                asks.append(first_screen(term, "\r"))
                term.quit()
    get = median(gets)
    read = median(reads)  # the first read of a session is shown on its own line
    table.add(Figure("plain GET of the page (server adds 300 ms)", get, "ms", None))
    table.add(Figure("Enter on a link → reader view's first screen", read, "ms", None))
    table.add(Figure("  … over the plain GET", read / get, "x", GOAL))
    table.add(Figure("  … the session's first page, over the GET", median(firsts) / get, "x", GOAL))
    table.add(Figure("  … first page after the question (ask)", median(asks) / get, "x", GOAL))
    misses = table.misses()
    print(f"\n{len(table.judged()) - len(misses)} PASS, {len(misses)} MISS")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
