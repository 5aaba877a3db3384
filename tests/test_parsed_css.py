"""The first screen's CSS, shipped parsed (tui/ui/css_rules.py, tui/ui/parsed_css.py):
the same rules Textual's parser makes, taken only where they apply, and kept up to date."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.css import parse as css_parse
from textual.css.stylesheet import Stylesheet

from tests.terminal import Terminal
from tests.waiting import settle
from tui.cli import demo_folder
from tui.ui import css_rules
from tui.ui.app import create_app
from tui.ui.parsed_css import first_screen_css, generate, prebuilt, use_parsed_css


def test_the_generated_rules_are_those_of_belga_tcss_and_textual_now() -> None:
    # Fails when belga.tcss, a widget's DEFAULT_CSS, Textual or the default theme changed
    # without the rules being made again: python -m tui.ui.parsed_css
    generated = Path(css_rules.__file__).read_text(encoding="utf-8")
    assert generated == generate(*first_screen_css()), "run: python -m tui.ui.parsed_css"


def shape(rules: list[Any]) -> list[tuple[object, ...]]:
    """What a rule set is made of; a layout by its class (Textual's layouts compare by
    identity: each parse makes its own)."""
    return [
        (
            rule.selector_set,
            rule.is_default_rules,
            rule.tie_breaker,
            rule.selector_names,
            rule.pseudo_classes,
            rule.errors,
            rule.styles.important,
            {k: type(v) if k == "layout" else v for k, v in rule.styles._rules.items()},
        )
        for rule in rules
    ]


def test_each_source_is_built_as_textual_parses_it() -> None:
    use_parsed_css()
    assert len(css_rules.BUILDERS) >= 10  # belga.tcss, App, Screen, Input, containers…
    for (css, is_default, tie_breaker, scope), build in css_rules.BUILDERS.items():
        parser = Stylesheet(variables=css_rules.VARIABLES)
        parsed = Stylesheet._parse_rules.__wrapped__(  # type: ignore[attr-defined]
            parser, css, ("", "test"), is_default, tie_breaker, scope
        )
        built = build()
        assert shape(built) == shape(parsed), css[:60]
        assert built is not build() and built[0].styles is not build()[0].styles  # anew


def test_other_css_and_other_themes_are_parsed_by_textual() -> None:
    css, is_default, tie_breaker, scope = next(iter(css_rules.BUILDERS))
    variables = dict(css_rules.VARIABLES)
    assert prebuilt(variables, css, is_default, tie_breaker, scope) is not None
    assert prebuilt(variables, css + "\n", is_default, tie_breaker, scope) is None
    assert prebuilt(variables, css, not is_default, tie_breaker, scope) is None
    variables["accent"] = "#ff0000"  # another theme's colours
    assert prebuilt(variables, css, is_default, tie_breaker, scope) is None


async def test_the_first_screen_parses_no_css_and_looks_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: list[str] = []
    parse = css_parse.parse

    def counted(scope: str, css: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(css)
        return parse(scope, css, *args, **kwargs)

    monkeypatch.setattr(css_parse, "parse", counted)
    monkeypatch.setattr("textual.css.stylesheet.parse", counted)  # as the stylesheet calls it
    use_parsed_css()
    screens = []
    for builders in (css_rules.BUILDERS, {}):  # the generated rules, then Textual's parser
        monkeypatch.setattr(css_rules, "BUILDERS", builders)
        app = create_app([demo_folder()], demo=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screens.append(app.export_screenshot())
        if builders:
            assert parsed == [], [css[:40] for css in parsed]  # Textual's parser never ran
    assert parsed, "the parser ran without the generated rules"
    assert screens[0] == screens[1]


PARSES_LOGGED = """
import os, sys
import textual.css.stylesheet as stylesheet
from textual.drivers.linux_driver import LinuxDriver
log = open(os.environ["PARSES_LOG"], "w")
parse, write = stylesheet.parse, LinuxDriver.write
def logged_parse(scope, css, *args, **kwargs):
    log.write(repr(css[:60]) + "\\n")
    log.flush()
    return parse(scope, css, *args, **kwargs)
def logged_write(self, data):
    if "Stories" in data:
        log.write("painted\\n")
        log.flush()
    write(self, data)
stylesheet.parse, LinuxDriver.write = logged_parse, logged_write
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_start_in_a_terminal_parses_no_css_before_its_first_paint(tmp_path: Path) -> None:
    # In a terminal (not headless as Pilot) Textual adds its toast rack and tooltip to each
    # screen, unless the app turns them off: their CSS would be parsed, and they styled.
    log = tmp_path / "parses.log"
    env = {"PARSES_LOG": str(log), "BELGA_CONFIG_DIR": str(tmp_path / "config")}
    with Terminal([sys.executable, "-c", PARSES_LOGGED, "--demo"], 120, 40, env=env) as term:
        term.wait_for("? Help")
        term.send("q")
        term.wait_exit()
    logged = log.read_text().splitlines()
    assert "painted" in logged
    assert logged[: logged.index("painted")] == [], logged
