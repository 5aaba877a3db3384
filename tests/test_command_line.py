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


@pytest.mark.parametrize(
    "args",
    [
        ["--dump", "story.json"],
        ["--dump", "story.json", "--width", "33"],
        ["--width", "0080", "--dump", "a story=1.json"],
        ["--dump", "story.json", "--width", "20"],
        ["--dump", "story.json", "--width", "19"],  # refused: the parser says why
        ["--dump", "story.json", "--width", "1e3"],
        ["--dump", "story.json", "--width", "+40"],
        ["--dump", "story.json", "--width", "9" * 5000],
        ["--dump", "story.json", "--width", "٤٠"],  # Arabic-Indic digits: int() takes them
        ["--dump", "-story.json"],
        ["--dump", ""],
        ["--dump", "https://newsroom.example/news/a"],
        ["--dump", "a.json", "--dump", "b.json"],
        ["--dump", "a.json", "b.json"],
        ["--dum", "story.json"],
        ["--dump=story.json"],
        ["--dump", "story.json", "--offline"],
        ["--width", "40"],
    ],
)
def test_a_plain_dump_is_read_as_the_parser_reads_it(args: list[str]) -> None:
    """``--dump FILE [--width N]`` is read without argparse: whatever it reads, the parser
    reads the same; anything else is left to the parser."""
    from tui.cli import _plain_dump, build_parser

    plain = _plain_dump(args)
    if plain is None:
        return
    parsed = build_parser().parse_args(args)
    assert (parsed.dump, parsed.width) == plain
    assert (parsed.paths, parsed.demo, parsed.newsroom, parsed.offline) == ([], False, None, False)
    assert (parsed.cache_dir, parsed.purge) == (None, False)


def test_a_plain_dump_is_read_without_the_parser() -> None:
    from tui.cli import _plain_dump

    assert _plain_dump(["--dump", "a.json"]) == ("a.json", None)
    assert _plain_dump(["--width", "33", "--dump", "a.json"]) == ("a.json", 33)
    for refused in (["--dump", "a.json", "--width", "19"], ["--dump", "-a"], ["--dump=a"]):
        assert _plain_dump(refused) is None


def test_a_dump_says_the_same_read_either_way(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--width", "33", "--dump", str(FIXTURE)]) == 0  # without the parser
    plain = capsys.readouterr()
    assert main([f"--dump={FIXTURE}", "--width=33"]) == 0  # the parser
    assert capsys.readouterr() == plain and plain.out.startswith("Belgian defence industry")


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


def test_an_offline_dump_reads_the_cache_and_never_the_network(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--offline --dump URL`` fetched the story and printed it (a new user's report):
    ``--offline`` says "never touch the network". Not cached: one line, status 1; cached
    (by a dump that could fetch): printed from the cache, and the server hears nothing."""
    from tests.feed_server import FeedServer

    with FeedServer() as server:
        url = server.story_url("small-one")
        args = ["--newsroom", server.url, "--dump", url, "--width", "60"]
        assert main(["--offline", *args]) == 1
        said = capsys.readouterr()
        assert said.out == ""
        assert said.err == f"belga: {url}: offline: not fetched before (started with --offline)\n"
        assert server.count() == 0
        assert main(args) == 0  # fetched, and kept
        fetched = capsys.readouterr().out
        asked = server.count()
        assert asked and "small" in fetched.casefold()
        assert main(["--offline", *args]) == 0
        assert capsys.readouterr().out == fetched
        assert server.count() == asked


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("/", "is a folder (--dump reads a story file)"),
        ("/dev/null", "not a regular file (a device, a FIFO or a socket)"),
        ("/no/such/story.json", "no such file"),
        ("ftp://example.org/story", "not allowed: not an http(s) URL"),
    ],
)
def test_a_dump_of_what_is_no_story_file_says_what_it_is(
    capsys: pytest.CaptureFixture[str], target: str, reason: str
) -> None:
    """Each was "no such file" (a new user's report)."""
    assert main(["--dump", target]) == 2
    assert capsys.readouterr().err == f"belga: {target}: {reason}\n"


@pytest.mark.parametrize(
    "other",
    [["--demo"], ["--dump", "story.json"], ["story.json"], ["--newsroom", "newsroom.example"]],
)
def test_purge_takes_no_other_command(capsys: pytest.CaptureFixture[str], other: list[str]) -> None:
    """``belga --purge --demo`` purged the real cache, silently (a new user's report)."""
    with pytest.raises(SystemExit) as exit:
        main(["--purge", *other])
    assert exit.value.code == 2
    assert "--purge trims the cache and takes no other command" in capsys.readouterr().err


@pytest.mark.parametrize("offline", [[], ["--offline"]])
def test_demo_takes_no_newsroom(capsys: pytest.CaptureFixture[str], offline: list[str]) -> None:
    """``belga --newsroom URL --demo`` ran the demo and said nothing of the newsroom
    (tester report 3, item 8): refused, as --purge with another command is."""
    with pytest.raises(SystemExit) as exit:
        main(["--newsroom", "https://newsroom.example", *offline, "--demo"])
    assert exit.value.code == 2
    assert "--demo reads the bundled sample, never a newsroom" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "dropped"),
    [
        (["--version", "extra"], "extra"),
        (["--demo", "--version"], "--demo"),
        (["--version", "--offline", "story.json"], "--offline story.json"),
    ],
)
def test_version_takes_nothing_else(
    capsys: pytest.CaptureFixture[str], args: list[str], dropped: str
) -> None:
    """``belga --version extra`` printed the version and ignored ``extra`` (tester
    report 3): argparse's version action says it as soon as it meets the option."""
    with pytest.raises(SystemExit) as exit:
        main(args)
    assert exit.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"--version says the version and takes nothing else: drop {dropped}" in err


def test_version_alone_says_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--version"], ["--version", "--version"]):
        assert main(args) == 0
        assert capsys.readouterr().out.startswith("belga ")


def test_an_unknown_option_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--demo", "--bogus"])
    assert exit.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_dump_takes_one_story(capsys: pytest.CaptureFixture[str]) -> None:
    """``belga --dump a.json b.json`` printed a.json and ignored b.json."""
    with pytest.raises(SystemExit) as exit:
        main(["--dump", str(FIXTURE), "b.json"])
    assert exit.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "--dump prints one story: drop b.json" in err
