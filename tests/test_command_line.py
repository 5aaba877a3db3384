"""What the command line accepts, refuses and opens (tester report, item 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.waiting import settle
from tui.cli import main
from tui.ui.app import create_app
from tui.ui.screens.layout import LIST, STORY

FIXTURE = Path(__file__).parent / "data" / "belgian-defence-industry-turkey.json"


@pytest.mark.parametrize("width", ["0", "-5", "19"])
def test_a_width_under_the_minimum_is_refused(
    width: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--width 0`` was taken silently (and drawn as 20 columns)."""
    with pytest.raises(SystemExit) as exit_:
        main(["--dump", str(FIXTURE), "--width", width])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "--width" in error and "at least 20" in error
    assert capsys.readouterr().out == ""


def test_the_smallest_width_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dump", str(FIXTURE), "--width", "20"]) == 0
    assert capsys.readouterr().out.startswith("Belgian defence\nindustry looks to\n")


def test_a_width_without_dump_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """``--width 60`` without ``--dump`` was ignored without a word: the app draws at
    the terminal's width; refused before anything starts, so nothing is lost."""
    with pytest.raises(SystemExit) as exit_:
        main([str(FIXTURE), "--width", "60"])
    assert exit_.value.code == 2
    assert "--width is for --dump" in capsys.readouterr().err


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_one_story_file_opens_that_story(size: tuple[int, int]) -> None:
    """``belga FILE.json`` showed a one-line list; like ``belga URL`` it opens the story
    (the reading pane has the focus, the whole width where the list comes first)."""
    app = create_app([FIXTURE])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        reader = app.reader
        assert reader.current is not None
        assert reader.current.title.startswith("Belgian defence industry")
        assert STORY in reader.shown_panes()
        assert app.focused is not None and app.focused.id == STORY
        if size == (80, 24):
            assert LIST not in reader.shown_panes()
        assert reader.newsroom.is_read(reader.current.key)  # opened, as by URL


async def test_a_folder_still_opens_on_the_list(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "story.json").write_bytes(FIXTURE.read_bytes())
    app = create_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert LIST in app.reader.shown_panes()
        assert app.reader.current is None
