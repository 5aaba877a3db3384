"""Story bodies rendered: HTML to blocks, and blocks to lines."""
