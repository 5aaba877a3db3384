"""Under NO_COLOR pictures are not drawn (tester report 2, item 8): half-block pictures
are colour or nothing, and with NO_COLOR they were 14 rows of grey ``▀`` where the
picture would be. As with TERM=dumb, each picture stays its labelled ``▣ Image`` line
with its caption (its number opens it), and ``i`` says why no picture comes; nothing is
fetched for it. Pilot, the test newsroom on 127.0.0.1 with a real PNG."""

from __future__ import annotations

import pytest

from tests.test_pictures import PictureServer, app_for, drawn, server  # noqa: F401
from tests.waiting import until
from tui.ui.widgets.story_view import StoryView

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("images", ["on", "always"])
async def test_no_colour_keeps_the_labelled_line_and_i_says_why(
    server: PictureServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    images: str,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(server, images=images)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        view = app.reader.query_one(StoryView)
        await until(pilot, lambda: "The red and the blue" in view.text)
        await pilot.pause(0.3)
        assert "▣ Image" in view.text
        view.focus()
        await pilot.press("i")
        await pilot.pause(0.3)
        assert drawn(view) == 0 and not view.images
        assert any("NO_COLOR" in notice for notice in app.notices), app.notices
        assert "Pictures on." not in app.notices
    assert server.count("/media/picture.png") == 0
