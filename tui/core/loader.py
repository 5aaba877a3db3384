"""Loading story files and folders from disk.

Loading is a generator of batches so that a caller (the UI's thread worker) can show the
first stories while thousands of others are still being read. A file that is not a story
becomes a :class:`Problem` naming the file and the reason; it never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tui.core.model.files import read_bounded
from tui.core.model.record import field, record
from tui.core.model.story import Story, StoryError, parse_story_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

MAX_STORY_BYTES: Final = 20 * 1024 * 1024
"""A story document larger than this is refused rather than read into memory."""
BATCH_SIZE: Final = 200


@record(frozen=True)
class Problem:
    """A file that could not be loaded, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@record
class Batch:
    stories: list[Story] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def story_files(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Every ``*.json`` file named or found (recursively) below the given paths.

    Paths that do not exist come out as problems. Files come in a stable, sorted order.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root, name) for name in files if name.endswith(".json"))
            yield from sorted(found)
        elif path.exists():
            yield path  # load_story_file says why it is not read, if it is no file
        else:
            yield Problem(str(path), "no such file or folder")


def file_size(path: Path) -> int:
    """The size of ``path`` in bytes; 0 if it cannot be known (reading it says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load_story_file(path: Path) -> Story | Problem:
    """Read and parse one story file (a regular one, within the size limit)."""
    try:
        raw = read_bounded(path, MAX_STORY_BYTES, "a story")
    except ValueError as error:
        return Problem(str(path), str(error))
    except OSError as error:
        return Problem(str(path), f"cannot read: {error.strerror or error}")
    try:
        return parse_story_bytes(raw, str(path))
    except StoryError as error:
        return Problem(str(path), str(error))


def load_batches(
    paths: Iterable[str | Path],
    batch_size: int = BATCH_SIZE,
    first_size: int | None = None,
    first_bytes: int | None = None,
) -> Iterator[Batch]:
    """Load every story under ``paths``, ``batch_size`` files at a time.

    ``first_size`` makes the first batch smaller, so that something can be shown sooner;
    ``first_bytes`` ends it before the file that would take it over that many bytes
    (the first batch is then empty when the first file is that big).
    """
    batch = Batch()
    count = 0
    size = first_size or batch_size
    budget = first_bytes
    for item in story_files(paths):
        if budget is not None and isinstance(item, Path):
            budget -= file_size(item)
            if budget < 0:  # the first batch ends before this file
                yield batch
                batch, count, size, budget = Batch(), 0, batch_size, None
        result = item if isinstance(item, Problem) else load_story_file(item)
        if isinstance(result, Problem):
            batch.problems.append(result)
        else:
            batch.stories.append(result)
        count += 1
        if count >= size:
            yield batch
            batch, count, size, budget = Batch(), 0, batch_size, None
    if count:
        yield batch


def load_all(paths: Iterable[str | Path]) -> Batch:
    """Every story and problem at once: for scripts and ``--dump``."""
    result = Batch()
    for batch in load_batches(paths):
        result.stories.extend(batch.stories)
        result.problems.extend(batch.problems)
    return result
