"""The demo is offline by construction: every request is refused before any name is looked
up or any socket opened (``FetchSettings.refuse``, in Transport.hop), on every path —
a sidebar entry, a numbered link, an outside page in reader view, ``r``, pictures — and
what it says is the demo's reason, never a DNS error. Pilot with the socket layer
guarded; the installed ``belga --demo`` in a real terminal."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.terminal import Terminal, installed_command
from tests.waiting import settle, until
from tui.cli import demo_folder
from tui.core.config.limits import DEMO_OFFLINE
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.related import LinkState, RelatedLinks
from tui.ui.widgets.story_list import StoryList

REAL_STORY = "belgian-defence-industry-looks-to-expand"
CANAL = "sample-brussels-canal-quarter-plan"
GHENT = "sample-ghent-winter-light-trail"


@pytest.fixture
def reached(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every name lookup or connection tried; each also fails, as with no network."""
    tried: list[str] = []

    def lookup(host: object, *rest: object, **named: object) -> object:
        tried.append(f"getaddrinfo {host}")
        raise socket.gaierror(socket.EAI_NONAME, "guarded: no lookup in the demo")

    def connect(self: socket.socket, address: object) -> None:
        tried.append(f"connect {address}")
        raise OSError("guarded: no connection in the demo")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    yield tried


def said(app: BelgaApp) -> str:
    return "\n".join(app.notices)


async def open_sample(app: BelgaApp, pilot: object, stem: str) -> None:
    """Open the demo story from the file ``stem`` through the list (j, then Enter)."""
    listing = app.reader.query_one(StoryList)
    index = next(i for i, e in enumerate(listing.stories) if stem in e.key)
    listing.focus()
    await pilot.press("g", *["j"] * index, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert stem in (app.reader.history.current or "")


async def test_no_path_of_the_demo_reaches_the_network(reached: list[str]) -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_sample(app, pilot, REAL_STORY)

        # The sidebar: a newsroom story not in the sample says so before it is asked for.
        sidebar = app.reader.query_one(RelatedLinks)
        outside = [e for e in sidebar.entries if e.state is LinkState.NOT_IN_DEMO]
        assert outside and len(outside) == len(sidebar.entries)
        assert "not in the demo sample" in sidebar.entry_text(0)
        await pilot.press("l", "enter")  # the related link followed
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert DEMO_OFFLINE in said(app)
        await pilot.press("escape")
        await settle(pilot)
        assert sidebar.entries[0].state is LinkState.NOT_IN_DEMO  # still says why
        await pilot.press("h")

        # A numbered link: [1] is a Belga story the sample does not have.
        await pilot.press("1", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert said(app).count(DEMO_OFFLINE) >= 2
        await pilot.press("escape")
        await settle(pilot)

        # An outside page: [1] of the canal story is Wikipedia. The demo says up front
        # that it reads no page (it offered "read it here" and then refused; "a" or "n"
        # would have kept an answer for the site: a new user's report).
        await open_sample(app, pilot, CANAL)
        await pilot.press("1", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert isinstance(app.screen, ExternalLinkScreen)
        assert app.screen.reason == f"Not read here: {DEMO_OFFLINE}"
        assert not app.screen.can_read
        await pilot.press("a")  # no answer to keep
        await pilot.pause()
        assert "Reading https://en.wikipedia.org/wiki/Brussels" not in said(app)
        await pilot.press("escape")
        await settle(pilot)

        # Pictures: the Ghent sample has four; i says why none is shown.
        await open_sample(app, pilot, GHENT)
        await pilot.press("i")
        await settle(pilot)
        assert "Pictures are not shown in the demo" in said(app)

        # r on the list reloads the sample.
        app.reader.query_one(StoryList).focus()
        await pilot.press("r")
        await settle(pilot)
        assert app.reader.query_one(StoryList).stories

        assert "Name or service" not in said(app) and "connection failed" not in said(app)
    assert reached == []


def test_the_installed_demo_says_it_works_offline(tmp_path: object) -> None:
    belga = installed_command()
    env = {"BELGA_CONFIG_DIR": f"{tmp_path}/config", "BELGA_CACHE_DIR": f"{tmp_path}/cache"}
    with Terminal([belga, "--demo"], 120, 40, env=env) as term:
        term.wait_for("Stories (6)")
        term.settle()
        term.send("G\r")  # the oldest: the real Belga story
        term.wait_for("Belgian defence industry")
        term.settle(0.3)
        term.send("1\r")  # its link [1]: a Belga story not in the sample
        term.wait_for("the demo works offline")
        screen = term.text()
        assert "Name or service" not in screen and "connection failed" not in screen
        term.send("q")
