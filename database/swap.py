"""A new version of a database, written beside it and swapped in whole.

``with NewVersion(db_path, from_previous=True) as new:`` gives ``new.db``, a temporary file beside
``db_path`` (a copy of the current database, or empty); ``new.swap()`` commits it and moves it over
``db_path`` (``os.replace``). Leaving the block without ``swap()`` (an error, Ctrl-C, a refused
build) throws the file away, so readers only ever see the last complete database: the file is
the build's transaction (hence no journal, no syncing until the end).
"""
from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path



class NewVersion:
    def __init__(self, db_path, from_previous: bool = False):
        self.path = Path(db_path)
        self.from_previous = from_previous
        self.swapped = False
        self.tag = random.getrandbits(31)  # which build this is; the cache keeps the same number

    def __enter__(self) -> "NewVersion":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        sweep_dead_builds(self.path)
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f"{self.path.name}.tmp-{os.getpid()}-")
        os.close(fd)
        try:
            if self.from_previous:
                shutil.copyfile(self.path, self.tmp)
            from . import sqlite_utils  # here: a build with nothing to do never loads it

            self.db = sqlite_utils.Database(self.tmp)
        except BaseException:
            Path(self.tmp).unlink(missing_ok=True)
            raise
        self.db.execute("PRAGMA journal_mode = OFF")  # the file is thrown away on any failure
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA recursive_triggers = ON")  # REPLACE's deletes keep the search index
        return self

    def swap(self) -> None:
        self.db.execute(f"PRAGMA user_version = {self.tag}")
        self.db.conn.commit()
        self.db.close()
        with open(self.tmp, "rb+") as f:
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp made it private; a database is for reading
        os.replace(self.tmp, self.path)
        self.swapped = True

    def __exit__(self, *exc) -> None:
        if not self.swapped:
            self.db.close()
            Path(self.tmp).unlink(missing_ok=True)


def tag_of(db_path) -> int | None:
    """The build tag of a database file (None when there is none or it cannot be read)."""
    import sqlite3

    if not Path(db_path).exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0] or None
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def sweep_dead_builds(db_path: Path) -> None:
    """Remove the half-written files of builds that were killed (their pid no longer runs); a
    build still running keeps its own."""
    for leftover in db_path.parent.glob(f"{db_path.name}.tmp-*"):
        pid = leftover.name[len(db_path.name) + len(".tmp-"):].split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        pass
    return True
