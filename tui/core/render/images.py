"""Pictures for a text terminal: an image as rows of half-block cells.

Each cell is ``▀`` with the upper pixel as its colour and the lower one as its
background, so a row of text shows two rows of pixels. This works in any terminal with
colours, over SSH too (Kitty and Sixel graphics cannot live inside a scrolling text
pane). Pure: bytes in, colours out; Pillow decodes.
"""

from __future__ import annotations

import io
from typing import Any, Final

RGB = tuple[int, int, int]
Cells = list[list[tuple[RGB, RGB]]]
"""Rows of (upper, lower) pixel colours."""

MAX_PIXELS: Final = 40_000_000
"""Larger images are refused: a small file can decode into gigabytes (a pixel bomb)."""
CELL_ASPECT: Final = 0.5
"""A terminal cell is about twice as tall as it is wide."""
TINY: Final = 4
"""A picture narrower or shorter than this many pixels is a tracking pixel or a spacer:
not drawn (a 1×1 picture was drawn as a block of 28×14 cells)."""


class ImageError(ValueError):
    """Bytes that are not an image belga can show; ``str()`` says why."""


class TooSmall(ImageError):
    """A picture too small to be worth drawing (a tracking pixel, a spacer)."""


def halfblocks(data: bytes, columns: int, max_rows: int) -> Cells:
    """``data`` scaled to at most ``columns`` × ``max_rows`` cells, keeping its shape;
    never enlarged (a pixel a column, two a row: a small picture is drawn at its size)."""
    from PIL import Image, UnidentifiedImageError

    if columns < 1 or max_rows < 1:
        return []
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageError(f"too large to show ({width}×{height} pixels)")
            if width < TINY or height < TINY:
                raise TooSmall(f"{width}×{height} pixels, too small to draw")
            image.draft("RGB", (columns, max_rows * 2))  # JPEG: decode at a smaller scale
            rgb = image.convert("RGB")
    except UnidentifiedImageError:  # (its words name a BytesIO object and its address)
        raise ImageError("not an image belga can show (unknown format)") from None
    except (OSError, Image.DecompressionBombError) as error:
        raise ImageError(f"not an image belga can show ({error})") from None
    scale = min(1.0, columns / width, (max_rows * 2) / (height * CELL_ASPECT * 2))
    cols = max(1, min(columns, round(width * scale)))
    pixel_rows = max(2, min(max_rows * 2, round(height * scale * CELL_ASPECT * 2)))
    pixel_rows += pixel_rows % 2
    small = rgb.resize((cols, pixel_rows), Image.Resampling.BOX)
    pixels = small.load()
    assert pixels is not None
    return [
        [(_rgb(pixels[x, y]), _rgb(pixels[x, y + 1])) for x in range(cols)]
        for y in range(0, pixel_rows, 2)
    ]


def _rgb(value: Any) -> RGB:
    # An RGB image's pixel is a tuple of three ints.
    return int(value[0]), int(value[1]), int(value[2])
