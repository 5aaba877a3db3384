"""``belga URL`` and ``belga --dump URL`` read a page the same way (tester report 3: the
app opened another site's article as a newsroom page, its ``<meta name="author">`` as
the byline, the page's own "By Jane Doe, 29 November 2026" left in the text, where
``--dump`` gave the reader view): one rule, ``Newsroom.read``, for both. The installed
command, both ways, against a test site."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.newsroom_server import HTML_TYPE, _Responder
from tests.terminal import Terminal, installed_command
from tests.test_outside_dump import allow_private, dump
from tests.web_server import WebServer

pytestmark = pytest.mark.timeout(90)

PARAGRAPH = (
    "This is paragraph {} of an outside article about Belgian rail policy, with some more "
    "words to make it long enough to count as main content for the extractor."
)
RAIL = (
    "<!doctype html><html><head><title>Outside article</title>"
    '<meta name="author" content="Jane [bold]Doe[/]"></head><body>'
    '<nav><a href="/">Home</a></nav><article><h1>Rail policy in Belgium</h1>'
    '<p class="byline">By Jane Doe, 29 November 2026</p>'
    + "".join(f"<p>{PARAGRAPH.format(n)}</p>" for n in range(12))
    + "</article><footer>Cookie banner.</footer></body></html>"
)


class RailSite(WebServer):
    """The test site, with an article whose markup is no newsroom's."""

    def _page(self, path: str) -> Callable[[_Responder], None] | None:
        if path == "/news/rail":
            return lambda r: r.send(200, RAIL.encode(), HTML_TYPE)
        return super()._page(path)


@pytest.fixture
def site() -> Iterator[RailSite]:
    server = RailSite()
    with server:
        yield server


def test_belga_url_shows_the_page_as_dump_prints_it(site: RailSite, tmp_path: Path) -> None:
    allow_private()
    url = site.page_url("rail")
    result = dump(url)
    assert result.returncode == 0, result.stderr
    title, _, _, byline = result.stdout.splitlines()[:4]
    assert byline.startswith("29 November 2026 · Jane Doe · 127.0.0.1")
    assert f"Reader view of an outside page: {url}" in result.stdout
    # A cache of its own: --dump keeps what it read in the cache, where the app finds it.
    env = {"BELGA_CACHE_DIR": str(tmp_path / "app-cache")}
    with Terminal([installed_command(), url], columns=160, lines=40, env=env) as term:
        term.wait_for("Reader view of an outside page", timeout=30)
        term.settle()
        screen = term.text().replace("\xa0", " ")
    assert title in screen
    assert byline.replace("\xa0", " ") in screen  # date · author · site · reading time
    assert "[bold]" not in screen and "By Jane Doe, 29 November" not in screen
