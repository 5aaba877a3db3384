"""Back and forward through what the reading pane showed, like a browser's history."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class History(Generic[T]):
    """A list of visited places and a cursor into it.

    Visiting a new place while not at the end drops the forward part, as browsers do.
    Visiting the place that is already current changes nothing, so a repeated Enter does
    not fill the history; cycles (A → B → A) are kept as they were walked.
    """

    def __init__(self, limit: int = 500) -> None:
        self._places: list[T] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> T | None:
        return self._places[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._places) - 1

    def visit(self, place: T) -> None:
        if self.current == place:
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def withdraw(self) -> T | None:
        """Forget the last place visited (an open cancelled before it was shown): the place
        before it is current again, and is returned."""
        if self._places and self._index == len(self._places) - 1:
            del self._places[-1]
            self._index -= 1
        return self.current

    def back(self) -> T | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> T | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def __len__(self) -> int:
        return len(self._places)
