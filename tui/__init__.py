"""belga: a keyboard-first terminal reader for Prezly newsrooms."""

__version__ = "0.1.0"
