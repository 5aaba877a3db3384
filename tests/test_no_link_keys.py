"""A story without links offers no link keys (tester report 3, item 6), and the demo's
link box says why in one sentence.

The key bar showed "Enter Follow link  Tab Next link" on a story with no links (a wide
table, fetched from a newsroom, at 80×24): Enter was only dimmed (grey, which a screen
read as text does not show), Tab not even that, and Tab then said "This story has no
links.". The demo's box for another site's page said "Not read here: Not in the demo
sample: the demo works offline (…)": two prefixes, a capital after the colon.
"""

from __future__ import annotations

from pathlib import Path

from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer
from tests.stories import story, write_stories
from tests.test_demo_offline import CANAL, open_sample
from tests.waiting import settle, until
from tui.cli import demo_folder
from tui.core.config.limits import FetchSettings
from tui.ui.app import BelgaApp, create_app
from tui.ui.screens.external import ExternalLinkScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

SIZE = (80, 24)
LINK_WORDS = ("Follow link", "Next link", "Link hints")
TABLE = (
    "<table><caption>Figures</caption><tr><th>Region</th><th>Notes about the region, "
    "which are rather long</th></tr>"
    + "".join(f"<tr><td>Region {n}</td><td>Some longer notes for row {n}</td></tr>" for n in (1, 2))
    + "</table>"
)


def offered(app: BelgaApp) -> list[str]:
    return [description for _key, description, _on, _pin in app.reader.query_one(KeyBar).items]


async def test_a_story_without_links_offers_no_link_keys(tmp_path: Path) -> None:
    folder = write_stories(
        tmp_path,
        {
            "table": story("table", "A story with a wide table", "2026-11-20 09:00:00", TABLE),
            "linked": story(
                "linked",
                "A story with a link",
                "2026-11-19 09:00:00",
                '<p>See <a href="https://newsroom.example/table">the table</a>.</p>',
            ),
        },
    )
    app = create_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.reader.query_one(StoryList)
        listing.focus()
        await pilot.press("enter")  # the newest: the table
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: view.text.startswith("A story with a wide table"))
        await settle(pilot)
        assert app.focused is view
        assert "Next story" in offered(app)  # the reading pane's keys are there…
        assert not set(LINK_WORDS) & set(offered(app))  # …but none for links
        await pilot.press("tab")  # the key still says why
        await settle(pilot)
        assert app.notices[-1] == "This story has no links."
        # A digit says so too, rather than a "follow link [5_]" prompt that Enter never
        # answered and that stayed up (tester report 4, item 4).
        notices = len(app.notices)
        await pilot.press("5")
        await settle(pilot)
        assert "follow link" not in str(view.border_subtitle)
        assert app.notices[notices:] == ["This story has no links."]
        # Its empty sidebar offers no entry's keys (tester report 4, item 5).
        sidebar = app.reader.query_one(RelatedLinks)
        sidebar.focus()
        await settle(pilot)
        assert sidebar.has_focus and not sidebar.entries
        assert not {"Open inline", "Retry if failed", "Copy URL"} & set(offered(app))
        view.focus()
        await settle(pilot)
        await pilot.press("J")  # the next story has a link: offered
        await until(pilot, lambda: view.text.startswith("A story with a link"))
        await settle(pilot)
        assert {"Follow link", "Next link"} <= set(offered(app))
        sidebar.focus()
        await settle(pilot)
        assert {"Open inline", "Copy URL"} <= set(offered(app))


async def test_a_fetched_story_without_links_offers_no_link_keys(
    newsroom_server: NewsroomServer,
) -> None:
    """The tester's path: a story fetched from the newsroom."""
    base = newsroom_server.url
    newsroom_server.stories["no-links"] = small_story(base, "no-links", "Nothing to follow", ())
    settings = FetchSettings(newsroom=base, connect_timeout=0.5, read_timeout=0.5)
    app = create_app(urls=(newsroom_server.story_url("no-links"),), settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: view.text.startswith("Nothing to follow"))
        await settle(pilot)
        assert app.focused is view
        assert not set(LINK_WORDS) & set(offered(app))


async def test_the_demo_says_in_one_sentence_why_a_page_is_not_read() -> None:
    app = create_app([demo_folder()], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_sample(app, pilot, CANAL)
        await pilot.press("1", "enter")  # [1]: a page of Wikipedia
        await until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen))
        assert isinstance(app.screen, ExternalLinkScreen)
        assert app.screen.reason == (
            "Not read here: the demo works offline (belga without --demo reads the live newsroom)"
        )
