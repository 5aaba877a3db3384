"""The markers of list items: bullets by depth, numbers in the list's own style.

``<ol start type reversed>`` and ``<li value>`` are honoured: ``type`` is one of ``1``,
``a``, ``A``, ``i``, ``I`` (others count as ``1``).
"""

from __future__ import annotations

from tui.core.model.record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

BULLETS: Final = ("•", "‣", "◦")
STYLES: Final = ("1", "a", "A", "i", "I")
_ROMAN: Final = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@record
class ListState:
    ordered: bool
    number: int
    step: int
    style: str  # "1", "a", "A", "i", "I"
    level: int
    group: int

    def marker(self) -> str:
        if not self.ordered:
            return BULLETS[self.level % len(BULLETS)]
        number, self.number = self.number, self.number + self.step
        return f"{numeral(number, self.style)}."


def numeral(number: int, style: str) -> str:
    if style in ("a", "A") and number > 0:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "A" else letters
    if style in ("i", "I") and 0 < number < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            while number >= value:
                roman += numeral
                number -= value
        return roman.upper() if style == "I" else roman
    return str(number)
