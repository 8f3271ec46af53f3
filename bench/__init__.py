"""Side-by-side benchmark of searchapp against SQLite FTS5 and tantivy (see bench/run.py)."""
