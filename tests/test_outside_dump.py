"""``belga --dump URL`` for any web page: the installed command against the test site."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import web_pages
from tests.terminal import installed_command
from tests.test_layers import _BLOCK_TEXTUAL
from tests.web_server import WebServer
from tui.core.config.paths import config_file

pytestmark = pytest.mark.timeout(60)


def allow_private(allowed: bool = True) -> None:
    """The config switch that lets outside pages come from 127.0.0.1."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[net]\nallow_private = {'true' if allowed else 'false'}\n")


def dump(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_command(), "--dump", url, "--width", "100"],
        capture_output=True,
        text=True,
        timeout=50,
    )


def test_dump_of_an_article_page_prints_its_main_content(web: WebServer) -> None:
    allow_private()
    result = dump(web.page_url("hydrogen"))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(web_pages.ARTICLE_TITLE)
    assert f"Reader view of an outside page: {web.page_url('hydrogen')}" in text
    assert web_pages.SITE_NAME in text and web_pages.AUTHOR in text
    for sentence in web_pages.ARTICLE_SENTENCES:
        assert sentence in text
    for junk in web_pages.BOILERPLATE:
        assert junk not in text
    assert f"] {web.page_url('dredging')}" in text  # in the numbered links


def test_dump_refuses_a_local_address_unless_allowed(web: WebServer) -> None:
    allow_private(False)
    result = dump(web.page_url("hydrogen"))
    assert result.returncode == 1 and result.stdout == ""
    assert "refused: not a public internet address" in result.stderr
    assert web.count() == 0


def test_dump_of_a_pdf_says_what_it_is(web: WebServer) -> None:
    allow_private()
    result = dump(web.page_url("/files/report.pdf"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"belga: {web.page_url('/files/report.pdf')}: ")
    assert "not a web page but application/pdf, 20 KB" in result.stderr
    assert "copies" not in result.stderr  # no key hint on the command line


def test_dump_of_a_page_never_loads_textual(web: WebServer) -> None:
    allow_private()
    code = (
        _BLOCK_TEXTUAL
        + "from tui.cli import main\n"
        + f"assert main(['--dump', {web.page_url('hydrogen')!r}, '--width', '200']) == 0\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert web_pages.ARTICLE_SENTENCES[0] in result.stdout


def test_dump_without_the_extractor_says_why_in_one_line(web: WebServer) -> None:
    allow_private()
    unimportable = "import sys; sys.modules['trafilatura'] = None; from tui.cli import main; "
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            unimportable + "sys.exit(main())",
            "--dump",
            web.page_url("hydrogen"),
        ],
        capture_output=True,
        text=True,
        timeout=50,
    )
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"belga: {web.page_url('hydrogen')}: the reader view is unavailable")
    assert "could not be loaded" in lines[0] and "trafilatura" in lines[0]
