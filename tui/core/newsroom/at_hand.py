"""The stories at hand in memory: those the user asked for (files, URLs: listed, their
only copy) and a bounded few read from the store or fetched; the list lines of the
listed ones and their folded text for the filter."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Final

from tui.core.model.changes import Changes
from tui.core.model.listing import Entry, entry_of, newest_first
from tui.core.model.outside import is_outside_page
from tui.core.model.story import Story
from tui.core.model.text import fold
from tui.core.model.urls import is_web_url, page_key
from tui.core.newsroom.rules import form
from tui.core.store.rows import body_text

RECENT_STORIES: Final = 64
"""Stories read from the store or fetched that stay in memory besides the listed ones
(files and URLs given, which have no other copy): the store has the rest. Kept all, a
session grew by each story opened (14 KB for 1,500 words, far more for long ones)."""
SEARCH_CHARS: Final = 100_000
"""Of each story at hand (files, URLs), this much of its text is searched by the filter:
a bounded cost (and memory) per story, however long the story."""


class AtHand:
    """Stories in memory by each form they are known by; the one owner of that state."""

    def __init__(self, *, keep_all: bool) -> None:
        self._keep_all = keep_all
        """No store: memory is the only copy of what was read, so all of it is kept."""
        self._stories: dict[str, Story] = {}
        """Every story at hand, by each form it is known by (its key, URL, short link…)."""
        self._recent: OrderedDict[str, tuple[Story, frozenset[str]]] = OrderedDict()
        """Of those, the ones not listed, with their forms, in the order they were read:
        with a store, the oldest are forgotten past :data:`RECENT_STORIES` (the store
        has them)."""
        self._listed: dict[str, Entry] = {}
        """The list lines of the stories :meth:`add` was given (files, URLs), by key, made
        once each: the list is re-sorted while thousands of files load, from these."""
        self._forms: dict[str, str] = {}
        """Each listed key's :func:`form`, made once when the story is added: the marks
        of a whole list are asked at each re-sort (50,000 files: 143,000 canonical URLs
        made again, 7 s, when the URL cache held 8,192)."""
        self._texts: dict[str, str] = {}
        """The listed stories' folded text (title and body, cut at :data:`SEARCH_CHARS`),
        made at the first search that needs it, for the filter."""
        self._relisting: dict[str, Story | None] | None = None
        """While the files are read again (r): the stories files gave before, by key,
        that have not come again yet (:meth:`begin_relist`)."""
        self._new = self._changed = 0

    def add(self, stories: Iterable[Story]) -> None:
        """Stories the user asked for (files read, URLs fetched): at hand, and listed."""
        for story in stories:
            entry = entry_of(story)
            if self._relisting is not None:
                self._compare(entry.key, story)
            self.know(story)
            self._listed[entry.key] = entry
            self._forms[entry.key] = entry.key if is_outside_page(story) else form(entry.key)
            self._texts.pop(entry.key, None)  # a new version: searched anew

    def begin_relist(self) -> None:
        """r: the files are read again. What :meth:`add` is given until
        :meth:`end_relist` is compared with what the files gave before."""
        stories = self._stories
        before = {key: stories.get(self._forms.get(key) or key) for key in self._listed}
        self._relisting = {
            key: story
            for key, story in before.items()
            if story is None or not is_web_url(story.source)  # a URL given is no file
        }
        self._new = self._changed = 0

    def _compare(self, key: str, story: Story) -> None:
        relisting = self._relisting
        assert relisting is not None
        if key in relisting:
            if relisting.pop(key) != story:
                self._changed += 1
        elif key not in self._listed:
            self._new += 1

    def end_relist(self) -> Changes:
        """The files are read again: the stories of files that did not come again are
        no longer listed (deleted, or no longer stories); what changed."""
        gone, self._relisting = self._relisting or {}, None
        for key, story in gone.items():
            del self._listed[key]
            self._forms.pop(key, None)
            self._texts.pop(key, None)
            if story is not None:
                self._forget(story, self._forms_of(story))
        return Changes(self._new, self._changed, len(gone))

    def listed(self) -> list[Entry]:
        """The lines of the list of the stories :meth:`add` was given, newest first."""
        return newest_first(self._listed.values())

    @property
    def listed_count(self) -> int:
        return len(self._listed)

    def listed_form(self, key: str) -> str | None:
        """The form a listed story's marks are known by (made when it was added)."""
        return self._forms.get(key)

    def get(self, known: str) -> Story | None:
        """The story at hand under ``known``, a form it is known by."""
        return self._stories.get(known)

    def __contains__(self, known: object) -> bool:
        return known in self._stories

    def know(self, story: Story, *aliases: str) -> frozenset[str]:
        """``story`` at hand by each form it is known by; those forms."""
        forms = self._forms_of(story, *aliases)
        for known in forms:
            self._stories[known] = story
        return forms

    @staticmethod
    def _forms_of(story: Story, *aliases: str) -> frozenset[str]:
        urls = (story.key, story.url, story.short_url, *aliases)
        rule = page_key if is_outside_page(story) else form
        return frozenset(rule(url) for url in urls if url)

    def remember(self, story: Story, *aliases: str) -> None:
        """A story read from the store or fetched: at hand, among the recent ones."""
        forms = self.know(story, *aliases)
        if self._keep_all or story.key in self._listed:
            return  # memory is the only copy: kept
        recent = self._recent
        before = recent.pop(story.key, None)
        if before is not None:
            if before[0] is story:
                forms |= before[1]
            else:  # a newer version: the older one is forgotten by every form
                self._forget(*before)
        recent[story.key] = (story, forms)
        while len(recent) > RECENT_STORIES:
            _, (old, known) = recent.popitem(last=False)
            if old.key not in self._listed:  # listed since: kept
                self._forget(old, known)

    def _forget(self, story: Story, forms: frozenset[str]) -> None:
        for name in forms:
            if self._stories.get(name) is story:
                del self._stories[name]

    def find(self, url_or_key: str) -> Story | None:
        """The story at ``url_or_key`` in memory: an outside page by its page key (its
        query counts), a story by its canonical URL."""
        page = self._stories.get(page_key(url_or_key))
        if page is not None and is_outside_page(page):
            return page
        story = self._stories.get(form(url_or_key))
        if story is not None and not is_outside_page(story):
            return story
        return None

    def search(self, words: str) -> set[str]:
        """Keys of the listed stories whose text holds every word of ``words``: called
        from the list's filter thread while the event loop may add stories, so the dicts
        are copied (in C, at once) before going through them; the texts of stories added
        since are made here, off the loop."""
        terms = fold(words).split()
        if not terms:
            return set()
        texts = self._texts
        for key in list(self._listed.keys() - texts.keys()):
            story = self._stories.get(self._forms.get(key) or form(key))
            text = f"{story.title} {body_text(story.body_html)}" if story is not None else ""
            texts[key] = fold(text[:SEARCH_CHARS])
        return {key for key, text in list(texts.items()) if all(term in text for term in terms)}
