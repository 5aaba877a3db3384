"""Table columns share the width fairly (tester report 3: a 4-column table at 80×24 broke
its short cells, ``Region`` / ``1`` and ``Area`` / ``km²``, while the long column had
room to give): the short columns keep their natural width, the long ones wrap."""

from __future__ import annotations

import pytest

from tests.test_render import story_of
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import render_story

TABLE = (
    "<table><caption>Figures</caption><tr><th>Region</th><th>Population</th>"
    "<th>Area km²</th><th>Notes about the region which are rather long</th></tr>"
    + "".join(
        f"<tr><td>Region {i}</td><td>{i * 12345}</td><td>{i * 321}</td>"
        f"<td>Some longer notes text for row {i} that should wrap or be cut</td></tr>"
        for i in range(1, 15)
    )
    + "</table>"
)


def table_lines(html: str, width: int) -> list[str]:
    text = to_plain_text(render_story(story_of(html)), width)
    lines = text.split("\n")
    start = lines.index("Figures") + 1
    return [line for line in lines[start:] if "│" in line or "┼" in line]


@pytest.mark.parametrize("width", [76, 70, 60])
def test_short_columns_keep_their_width_while_a_long_one_wraps(width: int) -> None:
    lines = table_lines(TABLE, width)
    assert lines[0].startswith("Region    │ Population │ Area km² │ Notes about")
    rows = [line for line in lines[1:] if line.startswith("Region ")]
    assert [row.split(" │ ")[0].strip() for row in rows] == [f"Region {i}" for i in range(1, 15)]
    for line in lines:
        assert len(line) <= width
        if "┼" in line:
            continue
        cells = line.split(" │ ")
        assert len(cells) == 4
        # No short cell is broken: a continuation line has only the notes.
        if not cells[0].strip():
            assert not cells[1].strip() and not cells[2].strip()


def test_long_columns_share_what_is_left_equally() -> None:
    words = " ".join(["word"] * 30)
    html = (
        "<table><caption>Figures</caption><tr><th>N</th><th>First</th><th>Second</th></tr>"
        f"<tr><td>1</td><td>{words}</td><td>{words}</td></tr></table>"
    )
    lines = table_lines(html, 60)
    first, second = (len(part) for part in lines[1].split("─┼─")[1:])
    assert abs(first - second) <= 1 and lines[1].startswith("──┼─")
