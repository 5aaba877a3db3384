"""Back and forward, as a browser does it."""

from __future__ import annotations

from tui.core.model.history import History


def test_back_forward_and_cycles() -> None:
    history: History[str] = History()
    assert history.current is None and not history.can_go_back
    for place in ["A", "B", "A", "C"]:
        history.visit(place)
    assert history.current == "C"
    assert history.back() == "A"
    assert history.back() == "B"
    assert history.back() == "A"
    assert history.back() is None
    assert history.forward() == "B"
    history.visit("D")  # drops the forward part
    assert not history.can_go_forward
    assert [history.back(), history.back()] == ["B", "A"]


def test_revisiting_the_current_place_is_not_recorded() -> None:
    history: History[str] = History()
    history.visit("A")
    history.visit("A")
    assert len(history) == 1


def test_limit_drops_the_oldest() -> None:
    history: History[int] = History(limit=3)
    for place in range(5):
        history.visit(place)
    assert len(history) == 3
    assert [history.back(), history.back(), history.back()] == [3, 2, None]
