"""The extraction cache: what the pipeline produced for each document, in a file of its own.

``doudi.db`` has its cache in ``doudi.db.cache`` (SQLite), never in the database Datasette serves.
It maps a document id (the hash of the file's bytes) to the document's rows before curator
overrides, compressed, under the pipeline version that made them; a file whose bytes and pipeline
are unchanged is never extracted again.

It also remembers which build of the database it describes (``tag``, the same number as the
database's ``PRAGMA user_version``) and which documents curator overrides touched in that build,
so the next build may start from a copy of the database and rewrite only what changed.
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path


def path_for(db_path) -> Path:
    return Path(f"{db_path}.cache")


class Cache:
    def __init__(self, db_path, pipeline: str):
        self.path, self.pipeline = path_for(db_path), pipeline
        try:
            self.conn = self._open()
        except sqlite3.DatabaseError:  # not a cache we wrote: start a new one
            self.path.unlink()
            self.conn = self._open()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path)
        try:
            conn.executescript(
                "CREATE TABLE IF NOT EXISTS rows (document_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL,"
                " result BLOB NOT NULL);"
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                # what the end of a build derives from each document's text, made by the worker that
                # read it: content.signature, and the dates of its standards' previous values
                "CREATE TABLE IF NOT EXISTS derived (document_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL,"
                " signature BLOB, dates TEXT);"
                # each input path's stat when it was last hashed, and its id (pipeline/plan.py)
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stat TEXT NOT NULL,"
                " document_id TEXT NOT NULL);")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self.conn.close()

    def ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT document_id FROM rows WHERE pipeline = ?",
                                                [self.pipeline])}

    def get(self, document_id: str):
        from .store import Rows

        r = self.conn.execute("SELECT result FROM rows WHERE document_id = ? AND pipeline = ?",
                              [document_id, self.pipeline]).fetchone()
        return Rows.from_json(zlib.decompress(r[0]).decode()) if r else None

    def put(self, rows: Rows) -> None:
        self.conn.execute("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)",
                          [rows.document["id"], self.pipeline, zlib.compress(rows.to_json().encode(), 1)])
        if rows.signature is not None:
            self.conn.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?)",
                              [rows.document["id"], self.pipeline, rows.signature.astype("<u4").tobytes(),
                               json.dumps(rows.dates, ensure_ascii=False)])

    def files(self) -> dict[str, tuple[str, str]]:
        """{path: (stat, document id)} of the last build's input files."""
        return {p: (st, i) for p, st, i in self.conn.execute("SELECT path, stat, document_id FROM files")}

    def remember_files(self, files: dict[str, tuple[str, str]]) -> None:
        """This build's input files, in place of the last one's (written with the next commit)."""
        self.conn.execute("DELETE FROM files")
        self.conn.executemany("INSERT INTO files VALUES (?, ?, ?)", [(p, *v) for p, v in files.items()])

    def derived(self) -> tuple[dict, dict]:
        """({document id: content.signature}, {standard key: date of its previous value}) of the
        documents this pipeline version made (pipeline.document.previous_key)."""
        import numpy as np

        signatures, dates = {}, {}
        for i, b, d in self.conn.execute("SELECT document_id, signature, dates FROM derived WHERE pipeline = ?",
                                         [self.pipeline]):
            signatures[i] = np.frombuffer(b, dtype="<u4").astype(np.uint32)
            dates.update(json.loads(d or "{}"))
        return signatures, dates

    def keep_only(self, ids) -> None:
        """Forget documents no longer in the database (and rows of other pipeline versions)."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep (id TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM keep")
        self.conn.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(i,) for i in ids])
        for table in ("rows", "derived"):
            self.conn.execute(f"DELETE FROM {table} WHERE pipeline <> ? OR document_id NOT IN (SELECT id FROM keep)",
                              [self.pipeline])

    def state(self) -> dict:
        """What the cache knows of the database it was last written with: tag, pipeline, overridden."""
        meta = dict(self.conn.execute("SELECT key, value FROM meta"))
        return {k: json.loads(v) for k, v in meta.items()}

    def remember_later(self, **values) -> None:
        """State to write with the next :meth:`set_state` (from any thread: SQLite's connection
        belongs to the thread that opened it)."""
        self.__dict__.setdefault("_later", {}).update(values)

    def set_state(self, **values) -> None:
        values = {**self.__dict__.pop("_later", {}), **values}
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                              [(k, json.dumps(v)) for k, v in values.items()])

    def commit(self) -> None:
        self.conn.commit()
