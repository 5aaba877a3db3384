"""Pictures drawn in the story when the user turns them on (half-block cells)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

import tui
from tests.newsroom_content import small_story
from tests.newsroom_server import NewsroomServer, _Responder
from tests.waiting import settle, until
from tui.core.config.limits import FetchSettings
from tui.core.render.images import ImageError, TooSmall, halfblocks
from tui.ui.app import BelgaApp, create_app
from tui.ui.widgets.pictures import UPPER_HALF
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.story_view import StoryView

RED, BLUE = (220, 20, 20), (20, 20, 220)


def two_colour_png(width: int = 64, height: int = 32) -> bytes:
    """Red above, blue below."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (0, height // 2, width, height))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_halfblocks_keep_the_colours_and_the_shape() -> None:
    cells = halfblocks(two_colour_png(64, 32), columns=32, max_rows=20)
    assert len(cells[0]) == 32
    assert len(cells) == 8  # 2:1 picture, cells twice as tall as wide: 32 × 8
    assert cells[0][0] == (RED, RED)
    assert cells[-1][0] == (BLUE, BLUE)


def test_what_is_not_an_image_is_refused() -> None:
    with pytest.raises(ImageError, match="not an image"):
        halfblocks(b"<html>no</html>", 40, 10)
    bomb = io.BytesIO()
    Image.new("1", (8000, 8000)).save(bomb, "PNG")  # tiny file, 64 million pixels
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(ImageError, match="too large"):
        halfblocks(bomb.getvalue(), 40, 10)


def test_a_tracking_pixel_is_not_drawn_and_a_small_picture_is_drawn_at_its_size() -> None:
    """Tester report 3: a 1×1 picture was drawn as a block of 28×14 cells."""
    with pytest.raises(TooSmall, match="1×1 pixels, too small to draw"):
        halfblocks(two_colour_png(1, 1), columns=28, max_rows=14)
    with pytest.raises(TooSmall):
        halfblocks(two_colour_png(600, 2), columns=28, max_rows=14)  # a spacer
    cells = halfblocks(two_colour_png(8, 6), columns=28, max_rows=14)
    assert (len(cells[0]), len(cells)) == (8, 3)  # a pixel a column, two a row
    assert cells[0][0] == (RED, RED) and cells[-1][0] == (BLUE, BLUE)


class PictureServer(NewsroomServer):
    """The test newsroom, plus a picture and something that only claims to be one."""

    def _route(self, path: str, hits: int) -> Callable[[_Responder], None]:
        if path == "/media/picture.png" or path.startswith("/media/gallery-"):
            return lambda r: r.send(200, two_colour_png(), "image/png")
        if path == "/media/not-a-picture.png":
            return lambda r: r.send(200, b"<h1>hello</h1>", "text/html")
        if path == "/media/pixel.png":
            return lambda r: r.send(200, two_colour_png(1, 1), "image/png")
        if path == "/media/hang.png":
            return self._hang
        if path == "/media/fake.png":
            return lambda r: r.send(200, b"<h1>hello</h1>", "image/png")
        return super()._route(path, hits)


def figure(url: str, caption: str) -> str:
    return (
        '<figure class="release-content-image"><img class="release-content-image__image" '
        f'src="{url}"><figcaption>{caption}</figcaption></figure>'
    )


@pytest.fixture
def server() -> Iterator[PictureServer]:
    newsroom = PictureServer()
    with newsroom:
        story = small_story(newsroom.url, "pictured", "A story with pictures", ())
        # The picture lives on another host (a CDN): allowed for that one request.
        other = newsroom.url.replace("127.0.0.1", "localhost")
        story["body"] += figure(f"{other}/media/picture.png", "The red and the blue")
        story["body"] += figure(f"{newsroom.url}/media/not-a-picture.png", "Not a picture")
        newsroom.stories["pictured"] = story
        yield newsroom


def app_for(server: NewsroomServer, **options: object) -> BelgaApp:
    settings = FetchSettings(newsroom=server.url, connect_timeout=1, read_timeout=1)
    return create_app(urls=[server.story_url("pictured")], settings=settings, **options)  # type: ignore[arg-type]


def drawn(view: StoryView) -> int:
    return sum(1 for line in view.text.splitlines() if line.strip().startswith(UPPER_HALF * 4))


async def test_pictures_are_off_until_asked_for(server: PictureServer) -> None:
    app = app_for(server)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: "The red and the blue" in view.text)
        await pilot.pause(0.2)
        assert server.count("/media/picture.png") == 0
        assert drawn(view) == 0
        view.focus()
        await pilot.press("i")
        await until(pilot, lambda: drawn(view) > 0)
        assert server.count("/media/picture.png") == 1
        lines = view.text.splitlines()
        caption = next(i for i, line in enumerate(lines) if "The red and the blue" in line)
        assert lines[caption - 1].strip().startswith(UPPER_HALF)  # drawn above its caption
        # The false picture is not drawn, and says nothing worse than its labelled line.
        await until(pilot, lambda: server.count("/media/not-a-picture.png") == 1)
        await pilot.pause(0.2)
        assert drawn(view) <= 14
        assert "▣ Image" in view.text and "Not a picture" in view.text
        above = view.render_line(caption - int(view.scroll_y) - 1)
        cells = [segment for segment in above if UPPER_HALF in segment.text]
        assert cells and cells[0].style is not None
        assert cells[0].style.color is not None and cells[0].style.bgcolor is not None
        await pilot.press("i")
        await until(pilot, lambda: drawn(view) == 0)


async def test_the_config_can_turn_pictures_on(server: PictureServer) -> None:
    app = app_for(server, images="always")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: drawn(view) > 0)
    await asyncio.sleep(0)


async def test_not_over_ssh_unless_always(
    server: PictureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22")
    app = app_for(server, images="on")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: "The red and the blue" in view.text)
        await pilot.pause(0.3)
        assert not view.images and server.count("/media/picture.png") == 0


async def test_i_draws_every_image_of_a_gallery() -> None:
    newsroom = PictureServer()
    with newsroom:
        story = small_story(newsroom.url, "pictured", "A story with a gallery", ())
        tiles = "".join(
            f'<a class="prezly-slate-gallery-image" href="{newsroom.url}/media/gallery-{n}.png" '
            f'title="Photo {n}"><img src="{newsroom.url}/media/gallery-{n}-small.png" '
            f'alt="Alt {n}"></a>'
            for n in range(1, 4)
        )
        story["body"] += f'<figure class="prezly-slate-gallery">{tiles}</figure>'
        newsroom.stories["pictured"] = story
        app = app_for(newsroom)
        async with app.run_test(size=(120, 60)) as pilot:
            view = app.reader.query_one(StoryView)
            await until(pilot, lambda: "Gallery: 3 images" in view.text)
            assert all(f"Photo {n}" in view.text for n in range(1, 4))
            view.focus()
            await pilot.press("i")
            await until(pilot, lambda: all(
                newsroom.count(f"/media/gallery-{n}.png") == 1 for n in range(1, 4)
            ))  # fmt: skip

            def drawn_above(n: int) -> bool:
                lines = view.text.splitlines()
                caption = next(i for i, line in enumerate(lines) if f"Photo {n}" in line)
                return lines[caption - 1].strip().startswith(UPPER_HALF)

            await until(pilot, lambda: all(drawn_above(n) for n in range(1, 4)))


DEMO_STORIES = Path(tui.__file__).parent / "demo"


@pytest.mark.parametrize(
    ("demo", "slug", "said"),
    [  # the demo never uses the network; a story without pictures says so (tester item 7)
        (True, "sample-ghent-winter-light-trail",
         "Pictures are not shown in the demo: it never uses the network."),
        (False, "belgian-defence-industry", "This story has no pictures to draw."),
    ],
)  # fmt: skip
async def test_i_says_why_no_picture_comes(
    tmp_path: Path, demo: bool, slug: str, said: str
) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    for path in DEMO_STORIES.glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    app = create_app([folder], demo=demo)
    asked: list[str] = []

    async def image(url: str) -> bytes:
        asked.append(url)
        raise AssertionError("no picture may be fetched here")

    app.newsroom.image = image  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        story_list = app.reader.query_one(StoryList)
        key = next(entry.key for entry in story_list.stories if slug in entry.key)
        assert story_list.go_to(key)
        await pilot.press("enter")
        await settle(pilot)
        view = app.reader.query_one(StoryView)
        view.focus()
        await pilot.press("i")
        await pilot.pause(0.2)
        assert not view.images
        assert said in app.notices and "Pictures on." not in app.notices
    assert asked == []


async def test_a_picture_not_drawn_says_why_on_its_line() -> None:
    """Tester report 3: pictures that failed (404, not an image, a server that hangs) kept
    their ``▣ Image [n]`` line with no word that they failed; a tracking pixel was drawn as
    a block of 28×14 cells."""
    with PictureServer(hang_seconds=5) as newsroom:
        story = small_story(newsroom.url, "pictured", "A story with pictures", ())
        for name in ("pixel", "missing", "not-a-picture", "hang", "fake"):
            story["body"] += figure(f"{newsroom.url}/media/{name}.png", f"Caption {name}")
        newsroom.stories["pictured"] = story
        settings = FetchSettings(
            newsroom=newsroom.url, connect_timeout=1, read_timeout=1, retries=0
        )
        app = create_app(urls=[newsroom.story_url("pictured")], settings=settings)
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.reader.query_one(StoryView)
            await until(pilot, lambda: "Caption hang" in view.text)
            view.focus()
            await pilot.press("i")

            def flat() -> str:
                return " ".join(view.text.split())

            await until(pilot, lambda: "▣ Image [4] (fetching…): Caption hang" in flat())
            await until(pilot, lambda: "fetching" not in view.text, timeout=15)
            said = {
                "pixel": "1×1 pixels, too small to draw",
                "missing": "not found (404)",
                "not-a-picture": "not an image (text/html)",
                "hang": "timed out after 1 s",
                "fake": "not an image belga can show (unknown format)",
            }
            for number, (name, why) in enumerate(said.items(), start=1):
                assert f"▣ Image [{number}] (not shown: {why}): Caption {name}" in flat()
            assert drawn(view) == 0  # nothing drawn: not the pixel either
