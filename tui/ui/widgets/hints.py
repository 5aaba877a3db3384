"""Link hints: a short label over each link on screen, typed to follow that link.

Labels are made of home-row letters and are prefix-free (no label begins another), so
a link is followed the moment its label is complete: up to nine links get one letter
each; beyond that the last letters become prefixes of two-letter labels (``a s d f g h j
k la ls …``), and so on. No Textual widgets here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.model.record import record
from tui.ui.typeset import Marker
from tui.ui.widgets.story_search import FOCUS_KEYS

ALPHABET: Final = "asdfghjkl"
HintOutcome = Literal["keep", "close", "pass"]


def hint_labels(count: int, alphabet: str = ALPHABET) -> list[str]:
    """``count`` prefix-free labels, shortest first, in alphabet order."""
    if count <= 0:
        return []
    if len(alphabet) < 2:
        raise ValueError("hint labels need at least two letters")
    order = {letter: index for index, letter in enumerate(alphabet)}

    def rank(label: str) -> tuple[int, list[int]]:
        return len(label), [order[letter] for letter in label]

    labels = list(alphabet)
    while len(labels) < count:
        # The last of the shortest labels becomes the prefix of longer ones.
        shortest = len(labels[0])
        last = max(i for i, label in enumerate(labels) if len(label) == shortest)
        prefix = labels.pop(last)
        labels.extend(prefix + letter for letter in alphabet)
        labels.sort(key=rank)
    return labels[:count]


@record(frozen=True)
class Anchor:
    """Where a link's ``[n]`` marker is on screen: a line and its cells."""

    line: int
    start: int
    end: int
    number: int


class Hints:
    """The hints shown over a screenful of links, and what has been typed so far."""

    @classmethod
    def over(cls, markers: Sequence[Sequence[Marker]], top: int, bottom: int, links: int) -> Hints:
        """Hints for the link markers of lines ``top`` to ``bottom`` (links 1 to ``links``)."""
        return cls(
            Anchor(line, start, end, number)
            for line in range(top, min(bottom, len(markers)))
            for number, start, end in markers[line]
            if 1 <= number <= links
        )

    def __init__(self, anchors: Iterable[Anchor], alphabet: str = ALPHABET) -> None:
        self._anchors: dict[int, list[Anchor]] = {}
        numbers: list[int] = []
        for anchor in anchors:
            self._anchors.setdefault(anchor.line, []).append(anchor)
            if anchor.number not in numbers:
                numbers.append(anchor.number)
        # One label per link: a link shown twice gets the same label twice.
        labels = hint_labels(len(numbers), alphabet)
        self._alphabet = alphabet
        self._numbers = dict(zip(labels, numbers, strict=True))
        self._labels = dict(zip(numbers, labels, strict=True))
        self.typed = ""

    def __len__(self) -> int:
        return len(self._numbers)

    def key(self, key: str, character: str | None) -> int | HintOutcome:
        """Take ``key``: the link number once a label is complete; "close" (Escape, or
        Backspace with nothing typed); "pass" (a key for the app, which closes the
        hints); else "keep": every other key is the hints', so none scrolls the pane."""
        if key in FOCUS_KEYS:
            return "pass"
        if key == "escape" or (key == "backspace" and not self.back()):
            return "close"
        letter = (character or "").lower()
        if len(letter) == 1 and letter in self._alphabet:
            number = self.press(letter)
            if number is not None:
                return number
        return "keep"

    def press(self, letter: str) -> int | None:
        """Type ``letter``: the link number once a label is complete, else None.

        A letter that continues no label is ignored.
        """
        typed = self.typed + letter.lower()
        if typed in self._numbers:
            self.typed = ""
            return self._numbers[typed]
        if any(label.startswith(typed) for label in self._numbers):
            self.typed = typed
        return None

    def back(self) -> bool:
        """Forget the last letter typed; False if there was none."""
        if not self.typed:
            return False
        self.typed = self.typed[:-1]
        return True

    def labels_on(self, line: int) -> list[tuple[int, int, str]]:
        """The labels still possible on ``line``: (start, end, label)."""
        shown: list[tuple[int, int, str]] = []
        for anchor in self._anchors.get(line, ()):
            label = self._labels[anchor.number]
            if label.startswith(self.typed):
                shown.append((anchor.start, anchor.end, label))
        return shown


def paint_labels(strip: Strip, labels: Sequence[tuple[int, int, str]], style: Style) -> Strip:
    """``strip`` with each label painted over its cells (centred; wider labels overflow)."""
    length = strip.cell_length
    for start, end, label in sorted(labels):
        text = label.center(end - start) if cell_len(label) <= end - start else label
        stop = min(length, start + cell_len(text))
        if start >= stop:
            continue
        text = text[: stop - start]
        strip = Strip.join(
            [strip.crop(0, start), Strip([Segment(text, style)]), strip.crop(stop, length)]
        )
    return strip
