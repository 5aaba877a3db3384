"""belga's tests; a package so that helpers import as ``tests.newsroom_server``."""
