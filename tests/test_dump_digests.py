"""``belga --dump`` prints the very bytes it printed: every demo story and a 31,000-word
story, at 80, 33 and 20 columns, checked against the SHA-256 of the text kept in
tests/data/dump_digests.json (issue 13: the dump path is made faster piece by piece, and
none of it may change a byte).

A change that is meant to change the text (a new rule of the layout) updates the file:
``BELGA_UPDATE_DIGESTS=1 python -m pytest tests/test_dump_digests.py``, and says why.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.stories import HOST, story
from tui.core.loader import Problem, load_story_file
from tui.core.render.plaintext import to_plain_text
from tui.core.render.render import render_story

DIGESTS = Path(__file__).parent / "data" / "dump_digests.json"
DEMO = Path(__file__).parent.parent / "tui" / "demo"
WIDTHS = (80, 33, 20)
WORD = "Brussels harbour committee Prévot “quoted” plans rail budget"


def long_body(words: int) -> str:
    """About ``words`` words, as the benchmark's long story (bench/corpus.py), with the
    text that takes the layout's slower paths now and then: a soft hyphen, wide and
    joined characters, a word longer than a narrow line, a list, a quote, code."""
    parts = [f"<p><strong>Lead paragraph opening {words} words.</strong></p>"]
    count = index = 0
    while count < words:
        index += 1
        if index % 12 == 0:
            parts.append(f'<h4 id="s{index}">Section {index}</h4>')
        sentence = " ".join([WORD] * 6)
        extra = ""
        if index % 7 == 0:
            extra = " in&shy;ter&shy;na&shy;tio&shy;nal 東京 👩‍👩‍👧"
            extra += " Donaudampfschifffahrtsgesellschaft"
        if index % 11 == 0:
            parts.append(f"<ul><li>item {index} <em>one</em></li><li>two<ul><li>three</li></ul>")
            parts.append(f"</li></ul><blockquote>a quote {index}</blockquote><pre>a  b\n c</pre>")
        parts.append(
            f'<p>Paragraph {index}. {sentence}{extra} <a href="{HOST}/s{index}">'
            f"<strong>linked {index}</strong></a> and &ldquo;more&rdquo; text {sentence}.</p>"
        )
        count += 8 * 12 + 6
    return "".join(parts)


def stories(folder: Path) -> dict[str, Path]:
    found = {path.stem: path for path in sorted(DEMO.glob("*.json"))}
    long = folder / "long.json"
    when = "2026-11-01 09:00:00"
    long.write_text(json.dumps(story("long", "Thirty-one thousand words", when, long_body(31_000))))
    found["long"] = long
    return found


def digests(folder: Path) -> dict[str, str]:
    found = {}
    for name, path in stories(folder).items():
        loaded = load_story_file(path)
        assert not isinstance(loaded, Problem), loaded
        document = render_story(loaded)  # as tui/cli.py's --dump does
        for width in WIDTHS:
            text = to_plain_text(document, width)
            found[f"{name}@{width}"] = hashlib.sha256(text.encode()).hexdigest()
    return found


def test_dump_prints_the_same_bytes(tmp_path: Path) -> None:
    found = digests(tmp_path)
    if os.environ.get("BELGA_UPDATE_DIGESTS"):
        DIGESTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        pytest.skip("digests written")
    kept = json.loads(DIGESTS.read_text())
    changed = sorted(key for key in kept.keys() | found.keys() if kept.get(key) != found.get(key))
    assert not changed, f"--dump prints other text for {changed}"
