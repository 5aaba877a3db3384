"""One identity rule for story URLs, and URL parsing that never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model.urls import (
    canonical,
    host_of,
    is_story_url,
    is_web_url,
    json_url,
    parse,
    path_of,
    port_of,
    resolve,
    same_story,
    scheme_of,
)

BAD = ("http://[oops/", "https://[::1/x", "http://a.org:99999/x", "http://a.org:port/x")
STORY = "https://newsroom.example/harbour-plan"


@pytest.mark.parametrize(
    "other",
    [
        STORY + "#comments",  # a fragment
        STORY + ".json",  # the JSON twin
        STORY + "/",  # a trailing slash
        "https://NewsRoom.Example/harbour-plan",  # the host's case
        "HTTPS://newsroom.example/harbour-plan",  # the scheme's case
        "https://newsroom.example:443/harbour-plan",  # the default port
        STORY + "?utm_source=x",  # tracking parameters
        "  " + STORY + "/#top ",
    ],
)
def test_one_story_under_every_form(other: str) -> None:
    assert canonical(other) == STORY
    assert same_story(other, STORY)


def test_what_stays_different() -> None:
    assert not same_story(STORY, "https://newsroom.example/harbour-plan-2")
    assert not same_story(STORY, "https://newsroom.example:8443/harbour-plan")
    assert canonical("http://newsroom.example:8080/a/") == "http://newsroom.example:8080/a"
    assert canonical("http://[::1]:80/a") == "http://[::1]/a"
    assert json_url(STORY + "/#x") == STORY + ".json"
    assert not same_story("http://[oops/", "http://[oops/")  # nothing is the same as junk


@pytest.mark.parametrize("url", BAD)
def test_malformed_urls_never_raise(url: str) -> None:
    assert parse(url) is None
    assert canonical(url) == ""
    assert not is_web_url(url)
    assert host_of(url) == "" and port_of(url) is None and path_of(url) == ""
    assert not is_story_url(url)
    assert resolve(STORY, url) == ""
    assert resolve(url, "/other") == ""  # a junk base resolves nothing
    assert scheme_of(url) == "http" or scheme_of(url) == "https"


def test_resolve() -> None:
    assert resolve(STORY, "/other") == "https://newsroom.example/other"
    assert resolve(STORY, "#top") == STORY + "#top"
    assert resolve(STORY, "mailto:desk@newsroom.example") == ""
    assert resolve(STORY, "javascript:alert(1)") == ""
    assert resolve("", "/relative") == ""
    assert resolve("", STORY) == STORY


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_fuzzed_urls_never_raise(base: str, href: str) -> None:
    for url in (href, "http://" + href, "https://[" + href):
        canonical(url)
        is_story_url(url, {"newsroom.example"})
        host_of(url)
        scheme_of(url)
        resolve(base, url)
        resolve("http://" + base, url)
