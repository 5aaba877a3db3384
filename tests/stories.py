"""Small Prezly-style story documents for tests, written to a folder on demand."""

from __future__ import annotations

import json
from pathlib import Path

HOST = "https://newsroom.example"


def card(slug: str, title: str) -> str:
    """A story card exactly as Prezly's legacy markup has it."""
    url = f"{HOST}/{slug}"
    return (
        '<div class="release-content-bookmark release-content-bookmark--horizontal">'
        f'<a class="release-content-bookmark__thumbnail" href="{url}" '
        'style="background-image: url(https://prezly.imgix.net/x.jpg)"></a>'
        '<div class="release-content-bookmark__details">'
        f'<a class="release-content-bookmark__title" href="{url}">{title}</a>'
        f'<div class="release-content-bookmark__description">About {title}...</div>'
        f'<a href="{HOST}/" class="release-content-bookmark__provider">'
        '<img class="release-content-bookmark__provider-icon" '
        'src="https://avatars.prezly.com/favicon?x=1" />newsroom.example</a></div></div>'
    )


def story(
    slug: str, title: str, when: str, body: str, links: tuple[str, ...] | list[str] = ()
) -> dict[str, object]:
    return {
        "title": title,
        "published_at": when,
        "url": f"{HOST}/{slug}",
        "slug": slug,
        "body": body,
        "author": {"first_name": "Test", "last_name": "Desk"},
        "links": [{"url": f"{HOST}/{target}", "description": target} for target in links],
    }


def paragraphs(count: int, words: int = 100) -> str:
    sentence = "The committee met in Brussels on Tuesday to discuss the harbour plan. "
    unit = " ".join([sentence] * max(1, words // 12))
    return "".join(f"<p>{index}: {unit}</p>" for index in range(count))


def linked_stories() -> dict[str, dict[str, object]]:
    """Three stories: alpha → beta, gamma; beta → alpha (a cycle); gamma → a remote one."""
    return {
        "alpha": story(
            "alpha",
            "Alpha story about the harbour",
            "2026-11-20 09:00:00",
            f'<p><strong>The lead of alpha.</strong></p><p>See <a href="{HOST}/beta">the beta '
            f'story</a> and <a href="https://www.example.org/report">an outside report</a>.</p>'
            + paragraphs(30)
            + card("gamma", "Gamma story about trains"),
            ["gamma"],
        ),
        "beta": story(
            "beta",
            "Beta story about bridges",
            "2026-11-19 09:00:00",
            f'<p>Back to <a href="{HOST}/alpha">alpha</a>.</p>' + paragraphs(3),
        ),
        "gamma": story(
            "gamma",
            "Gamma story about trains",
            "2026-11-18 09:00:00",
            "<p>Gamma links to a story we do not have: "
            f'<a href="{HOST}/not-here">not here</a>.</p>',
        ),
    }


def write_stories(folder: Path, stories: dict[str, dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in stories.items():
        (folder / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    return folder
