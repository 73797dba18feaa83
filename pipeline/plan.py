"""What a build has to do: for each input file, whether its rows are kept, written or refused.

A file is known by the hash of its bytes (``Document.id``). Hashing every file of a large corpus
is most of what a rebuild with little changed costs, so, as git's index does, the extraction cache
remembers each path's ``stat`` (device, inode, size, modification and change times, to the
nanosecond) with the id it hashed to; a file whose ``stat`` is the same is not read again. Any
write to a file changes its change time (``ctime``), which no tool can set back.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from database.cache import Cache


@dataclass
class Item:
    path: Path
    fid: str | None
    what: str  # missing, keep (its rows are in the base), there (the same with --add), write,
    # same (the bytes of an earlier file)
    cause: str | None = None  # why a missing item cannot be read (a FIFO, over budget, a link loop)


def stat_key(path: Path) -> str | None:
    """What changes whenever the file's bytes may have (None: no regular file to stat)."""
    if getattr(path, "refusal", None):
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}:{st.st_mode}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def file_id(path: Path) -> tuple[str | None, str | None]:
    """(the file's id, None), or (None, why it cannot be read)."""
    import ingest
    from ingest.document import file_id as of_bytes

    try:
        return of_bytes(ingest.read_file(path)), None  # never opens a FIFO nor reads past the budget
    except ingest.IngestError as e:
        return None, e.cause


def previous_documents(db_path: Path) -> dict[str, str] | None:
    """{document id: source} of an existing database, None when there is none we can read."""
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT id, source FROM documents ORDER BY rowid"))
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # not a database we built, or an older schema: build everything afresh


def base(db_path: Path, cache: Cache, previous: dict | None) -> tuple[dict, set] | None:
    """(documents, overridden ids) of the previous database when this build may start from a copy
    of it: the cache describes that very file, under the same pipeline version."""
    from database.swap import tag_of

    state = cache.state()
    if previous is None or state.get("pipeline") != cache.pipeline or state.get("tag") != tag_of(db_path):
        return None
    overridden = set(state.get("overridden", ()))
    if not overridden <= cache.ids():
        return None
    return previous, overridden


def plan(files: list[Path], base: tuple[dict, set] | None, add: bool, cache: Cache,
         on_write: Callable[[], None] | None = None) -> tuple[list[Item], set]:
    """One item per input file, and the base's documents to delete; the files' ``stat`` and ids
    are left in ``cache`` for the next build. ``on_write`` is called at the first file to write
    (a process pool may start loading then).

    A base document stays when its file is still given, at the same path, with the same bytes (or,
    with ``add``, always); one that curator overrides touched is restored from the cache instead.
    """
    docs, overridden = base or ({}, set())
    items = [Item(Path(docs[f]), f, "write") for f in docs if f in overridden] if add else []
    first = {it.fid for it in items}
    known, seen = cache.files(), {}
    for path in files:
        name, key = str(path), stat_key(path)
        stored = known.get(name)
        fid, cause = (stored[1], None) if key and stored and stored[0] == key else (None, None)
        if fid is None and (key or path.exists()):
            fid, cause = file_id(path)
        if fid is None:
            items.append(Item(path, None, "missing", cause))
            continue
        if key:
            seen[name] = (key, fid)
        if fid in first:
            items.append(Item(path, fid, "same"))
        else:
            first.add(fid)
            kept = fid in docs and fid not in overridden and (add or docs[fid] == name)
            items.append(Item(path, fid, ("there" if add else "keep") if kept else "write"))
            if not kept and on_write:
                on_write()
                on_write = None
    if seen != known:  # (a rebuild with nothing changed writes nothing)
        cache.remember_files(seen)
    stay = set(docs) - overridden if add else {it.fid for it in items if it.what == "keep"}
    return items, set(docs) - stay


def unchanged(base, items, remove, cache: Cache, corrections_key: str) -> bool:
    """Every input is a document of the database at the same path with the same bytes, none is
    gone, and the overrides are the last build's: that build's database is this one's."""
    return (base is not None and not remove and bool(items) and all(it.what == "keep" for it in items)
            and cache.state().get("overrides") == corrections_key)
