"""Figures of reading: opening a story, scrolling, switching panes, keys while typesetting."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from corpus import body_of, write_html, write_story
from harness import BACK, Figure, Paint, Pty, Table, belga, installed, isolated_env, median, peer

SHORT, MEDIUM, LONG = "a-short", "b-2000", "c-30000"


def corpus(folder: Path) -> Path:
    """A short story (opened at start), a 2,000-word one and a 30,000-word one."""
    stories = folder / "stories"
    if stories.exists():
        return stories
    stories.mkdir(parents=True)
    write_story(stories, SHORT, "Short story", 20, 50)
    # Scrolled: its text does not repeat (see corpus.body).
    write_story(stories, MEDIUM, "Two thousand words", 19, 2000, varied=True)
    write_story(stories, LONG, "Thirty thousand words", 18, 30_000)
    return stories


LEAD = b"Lead paragraph"


def _lead(name: str) -> str:
    return f"Lead paragraph opening {name}"


def _open(term: Pty, position: int, name: str) -> tuple[Paint, float]:
    """From the list: Enter on the story at ``position``; the paint and its first frame.

    The first frame is the burst of output after which the story's opening words are on
    screen, up to the first 10 ms gap: the first screen of the story.
    """
    term.press("g" + "j" * position)
    first_chunk = len(term.chunks)
    start = time.perf_counter()
    since = len(term.received)
    term.send("\r")
    # Quiet while a long story is parsed is not the end: first its words, then quiet.
    term.wait_for_bytes(LEAD, since)
    paint = term.quiesce(start, since)
    index, frame_end = term.shown(_lead(name), first_chunk)
    for arrival, _ in term.chunks[index + 1 :]:
        if arrival - frame_end > 0.010:
            break
        frame_end = arrival
    return paint, frame_end - start


def dumped(stories: Path, path: Path, width: int) -> Path:
    """The 2,000-word story as ``belga --dump`` writes it, for the pagers."""
    path.write_text(
        subprocess.run(
            [belga(), "--dump", str(stories / f"{MEDIUM}.json"), "--width", str(width)],
            capture_output=True,
            text=True,
            env=None,
            check=True,
        ).stdout
    )
    return path


def opening(table: Table, folder: Path, rounds: int) -> None:
    stories = corpus(folder)
    medium_text = dumped(stories, folder / "medium.txt", 120)
    medium_html = write_html(
        folder / "medium.html", "Two thousand words", body_of(stories / f"{MEDIUM}.json")
    )
    opens: list[Paint] = []
    long_firsts: list[float] = []
    long_opens: list[Paint] = []
    lines: list[Paint] = []
    pages: list[Paint] = []
    switches: list[Paint] = []
    with Pty([belga(), str(stories)], env=isolated_env(folder)) as term:
        term.start_paint(b"Stories")
        for _ in range(rounds):
            paint, _ = _open(term, 1, MEDIUM)
            opens.append(paint)
            lines.append(term.press("j"))
            pages.append(term.press(" "))
            term.press("g")  # the story is kept at its top for the next round
            switches.append(term.press("l"))  # the story → the sidebar
            switches.append(term.press("h"))  # and back
            term.press(BACK)
            paint, first = _open(term, 2, LONG)
            long_opens.append(paint)
            long_firsts.append(first)
            term.press(BACK)
        term.quit()
    table.add(
        Figure("Enter → 2k-word story painted", median([p.seconds for p in opens]), "ms", 0.020)
    )
    table.add(Figure("  bytes written", median([p.size for p in opens]), "B", 15 * 1024))
    table.add(Figure("Enter → 30k-word first screen", median(long_firsts), "ms", 0.040))
    table.add(
        Figure("  … and to the last byte", median([p.seconds for p in long_opens]), "ms", None)
    )
    less = _peer_keys(["less", str(medium_text)]) if installed("less") else (None, None)
    w3m = _peer_keys(["w3m", str(medium_html)]) if installed("w3m") else (None, None)
    table.add(
        Figure(
            "one-line scroll (j) in the story",
            median([p.size for p in lines]),
            "B",
            1024,
            peers=[peer("less", less[0], "B"), peer("w3m", w3m[0], "B")],
        )
    )
    table.add(Figure("  key → last byte", median([p.seconds for p in lines]), "ms", None))
    table.add(
        Figure(
            "page down (space) in the story",
            median([p.size for p in pages]),
            "B",
            3 * 1024,
            peers=[peer("less", less[1], "B"), peer("w3m", w3m[1], "B")],
        )
    )
    table.add(Figure("switching pane (l, h)", median([p.size for p in switches]), "B", 2048))


def _peer_keys(argv: list[str]) -> tuple[float | None, float | None]:
    """A peer pager on the same story: the bytes of ``j`` (one line) and space (a page)."""
    with Pty(argv) as term:
        term.start_paint(b"Paragraph")
        return term.press("j").size, term.press(" ").size


def _signature(screen: object, column: int) -> tuple[str, ...]:
    display: list[str] = screen.display  # type: ignore[attr-defined]
    return tuple(row[column : column + 40] for row in display)


def key_waits(table: Table, folder: Path, rounds: int, keys: int = 40) -> None:
    """The longest a key waits while the 30,000-word story is typeset, seen in the pty.

    References first: with the story open and settled, the reading pane's text after
    0, 1, 2… presses of ``j``. Then, in a fresh belga each round (a story opened before
    would open where it was left), the story is opened and, from its first screen on,
    ``j`` is written every 15 ms while it is typeset; replaying the recording, key *k* is
    answered when the pane first shows *k* lines scrolled (or more: frames may merge
    keys). Its wait is that moment minus the moment it was written.
    """
    stories = corpus(folder)
    longest: list[float] = []
    references: dict[tuple[str, ...], int] = {}
    lead = LEAD.decode()
    with Pty([belga(), str(stories)], env=isolated_env(folder / "references")) as term:
        term.start_paint(b"Stories")
        _open(term, 2, LONG)
        term.catch_up()
        column = next(row.find(lead) for row in term.screen.display if lead in row)
        for k in range(keys + 1):
            term.catch_up()
            references.setdefault(_signature(term.screen, column), k)
            term.press("j", quiet=0.1)
        term.quit()
    for round_ in range(rounds):
        with Pty([belga(), str(stories)], env=isolated_env(folder / f"round-{round_}")) as term:
            term.start_paint(b"Stories")
            term.press("gjj")
            first_chunk = len(term.chunks)
            sent: list[float] = []
            start = time.perf_counter()
            term.send("\r")
            term.wait_for_bytes(LEAD, len(term.received))  # keys from the first screen on
            for _ in range(keys):
                sent.append(time.perf_counter())
                term.send("j")
                deadline = time.perf_counter() + 0.015
                while time.perf_counter() < deadline:
                    term.read_raw(max(0.0, deadline - time.perf_counter()))
            term.quiesce(start)
            term.quit()
        answered: list[float | None] = [None] * (keys + 1)
        reached = -1
        for _, arrival, screen in term.screens(first_chunk):
            scrolled = references.get(_signature(screen, column), -1)
            while reached < scrolled:
                reached += 1
                answered[reached] = arrival
        waits = [
            (answer or float("inf")) - at for at, answer in zip(sent, answered[1:], strict=True)
        ]
        longest.append(max(waits))
    table.add(Figure("longest key wait while a 30k story typesets", median(longest), "ms", 0.030))
