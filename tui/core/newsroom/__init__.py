"""The service over the network, the store and the files: :class:`Newsroom`
(:mod:`.service`) and its parts, a module each."""

from tui.core.newsroom.at_hand import RECENT_STORIES, SEARCH_CHARS
from tui.core.newsroom.front import Refresh
from tui.core.newsroom.pages import READER_SITE
from tui.core.newsroom.rules import form, offline_error
from tui.core.newsroom.service import Newsroom
from tui.core.newsroom.versions import REFRESH_AFTER_SECONDS, Fresh

__all__ = [
    "READER_SITE",
    "RECENT_STORIES",
    "REFRESH_AFTER_SECONDS",
    "SEARCH_CHARS",
    "Fresh",
    "Newsroom",
    "Refresh",
    "form",
    "offline_error",
]
