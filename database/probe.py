"""Is a file a database doudi built? One reason why not, in words, for a one-line error."""
from __future__ import annotations

import sqlite3
from pathlib import Path

_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLES = ("documents", "standards")


def database_problem(path: Path) -> str | None:
    """Why ``path`` is not a database doudi built, or None."""
    if not path.exists():
        return "no such file (build one with `doudi build`)"
    if path.is_dir():
        return "is a directory, not a database file"
    try:
        with open(path, "rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    if not head:
        return "empty file, not a database (build one with `doudi build`)"
    if head != _SQLITE_MAGIC:
        return "not an SQLite database"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as e:
        return f"unreadable SQLite database: {e}"
    missing = [t for t in _TABLES if t not in names]
    if missing:
        return f"not a doudi database: no {', '.join(missing)} table (build one with `doudi build`)"
    return None
