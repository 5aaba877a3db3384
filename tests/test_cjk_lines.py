"""Chinese and Japanese text breaks between characters, never before closing punctuation
(tester report 3: "CJK lines start with 。"; in the sidebar a Japanese title went whole to
the next line after ``[1]`` and was cut, its first-line summary was empty; the list's
footer at 60×20 cut the date with no mark)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from tests.stories import HOST, story, write_stories
from tests.waiting import opened, settle, until
from tui.core.model.text import NO_LINE_START, shorten
from tui.core.render.cells import wrap
from tui.ui.app import create_app
from tui.ui.widgets.headline import Headline
from tui.ui.widgets.related import RelatedLinks
from tui.ui.widgets.story_view import StoryView

TITLE = "東京で国際会議が開かれ、ベルギーの代表団が参加しました。長いタイトルのテスト用の文章です。"
SENTENCE = (
    "日本語の本文です。これは折り返しのテストです。全角文字が正しく表示されるかどうか確認します。"
)


def lines_of(text: str, width: int) -> list[str]:
    return [text[line[0][0] : line[-1][1]] for line in wrap(text, width) if line]


@pytest.mark.parametrize("width", range(10, 61))
def test_japanese_breaks_between_characters_and_never_before_closing_punctuation(
    width: int,
) -> None:
    text = "「引用」と" + SENTENCE * 3 + "Belgium、Brussels。"
    lines = lines_of(text, width)
    assert "".join(lines) == text  # no character lost, none added
    for index, line in enumerate(lines):
        assert sum(2 if ord(c) > 0x2E80 else 1 for c in line) <= width
        assert line[0] not in NO_LINE_START, (index, line)
        assert not line.endswith("「")
    # a line followed by Japanese is filled: it did not go to the next line whole
    for line, after in pairwise(lines):
        if after[0] >= "\u2e80":
            assert len(line) >= width // 2 - 2, (line, after)


def test_a_summary_of_japanese_is_cut_between_characters() -> None:
    assert shorten(SENTENCE * 5, 20) == (SENTENCE * 5)[:19] + "…"
    assert shorten("Belgian words and more words", 20) == "Belgian words and…"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_stories(
        tmp_path / "stories",
        {
            "cjk": story("cjk", TITLE, "2026-11-29 10:30:00", f"<p>{SENTENCE * 12}</p>"),
            "hub": story(
                "hub",
                "Hub story",
                "2026-11-28 09:00:00",
                f'<p>See <a href="{HOST}/cjk">the Japanese story</a>.</p>',
            ),
        },
    )


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
async def test_the_sidebar_fills_its_lines_with_a_japanese_title(
    folder: Path, size: tuple[int, int]
) -> None:
    app = create_app([folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        stories = app.reader.query_one(StoryView)
        app.reader.query_one("StoryList").go_to(f"{HOST}/hub")  # type: ignore[attr-defined]
        await opened(pilot)
        assert "Hub story" in stories.text
        sidebar = app.reader.query_one(RelatedLinks)
        await until(pilot, lambda: "29 Nov" in sidebar.entry_text(0))
        title, about = sidebar.entry_text(0).splitlines()[:2], sidebar.entry_text(0).splitlines()
        assert title[0].startswith("[1] 東京で国際会議")  # not "[1]" alone
        state = next(line for line in about if "29 Nov" in line)
        assert "29 Nov · 日本語の本文です" in state  # the summary starts on that line
        for line in about[1:]:
            assert line.strip()[:1] not in NO_LINE_START


async def test_the_story_and_the_list_footer_at_60_by_20(folder: Path) -> None:
    app = create_app([folder])
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        headline = app.reader.query_one(Headline)
        assert headline.text.split("\n")[0].startswith("東京で")
        assert headline.text.endswith("29 November 2026, 10:30")  # the date whole
        assert "…" in headline.text  # the title cut short, and said to be
        await opened(pilot)
        view = app.reader.query_one(StoryView)
        lines = [line.strip() for line in view.text.splitlines() if line.strip()]
        assert lines[0].startswith("東京で") and SENTENCE[:8] in view.text
        assert all(line[0] not in NO_LINE_START for line in lines), lines
