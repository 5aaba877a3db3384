"""The SQLite store: stories, the feed, read and saved marks, history."""
