"""Drive a build: plan what changed, run the per-document step where needed, write, swap.

``build_database(paths, db_path)`` writes the rows of every input file, in input order, into a new
version of ``db_path`` (``database.swap``), applies curator overrides and swaps it in. The
per-document step runs here (``jobs=1``), in a process pool (``jobs=N``) or on a Dask cluster
(``scheduler=ADDRESS``); the database is the same either way.

Incremental: a file whose bytes (``Document.id``) and pipeline version are unchanged is not
extracted again; its rows come from the extraction cache beside the database
(``database.cache``). When the previous database is the one the cache describes, the build starts
from a copy of it and only deletes and inserts the rows of the documents that changed (plus those
curator overrides touched, which are restored from the cache and corrected afresh).
"""
from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from database.cache import Cache

from . import plan, run

# Storage (sqlite-utils, numpy) and the facts are imported where a build
# writes: one with nothing to do (a rebuild of an unchanged corpus) ends before and costs ~0.2 s.

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "corpus"
# corpus/bad holds deliberately broken files for the ingest tests, not documents to publish
_NOT_DOCUMENTS = ("bad", "generated")  # broken inputs; made-up tables (corpus/make_tables.py)
# Code and data whose change can change what a document yields or how it is stored: any edit
# rebuilds every document.
_PIPELINE_PARTS = ("ingest", "language", "extractors", "schemas", "factcheck", "pipeline/document.py", "pipeline/rows.py",
                   "database/store.py", "database/schema.py", "database/schema.sql", "database/views.sql",
                   "database/search.py", "database/cache.py", "database/content.py", "database/facts.py",
                   "database/data/facts.yaml", "pipeline/incremental.py")  # content groups and facts: an
                   # incremental build keeps most of them, and how it updates them is part of what it stores
_pipeline = None


def pipeline_version() -> str:
    global _pipeline
    if _pipeline is None:
        h = hashlib.sha256()
        for part in _PIPELINE_PARTS:
            p = ROOT / part
            files = sorted(p.rglob("*")) if p.is_dir() else [p]
            for f in files:
                # (a README is what a person reads: editing one changes no document's rows)
                if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".md"):
                    h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
        _pipeline = h.hexdigest()[:16]
    return _pipeline


@dataclass
class BuildReport:
    db_path: str
    documents: int = 0
    standards: int = 0
    statistics: int = 0
    checks: int = 0
    extracted: int = 0  # documents ingested and extracted in this build
    reused: int = 0  # documents whose rows come from the previous build
    invalid: int = 0  # records the validator refused
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, cause)
    warnings: list[str] = field(default_factory=list)
    refused: str | None = None  # why the database was left as it was
    incremental: bool = False  # started from a copy of the previous database

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refused

    def summary(self) -> str:
        if self.refused:
            return f"{self.refused}: {self.db_path} left as it was (--force to write it anyway)"
        return (f"{self.documents} documents ({self.extracted} extracted, {self.reused} unchanged), "
                f"{self.standards} standards, {self.statistics} statistics, {self.checks} checks, "
                f"{len(self.errors)} errors -> {self.db_path}")


def default_inputs() -> list[Path]:
    """The bundled corpus: its sub-directories of documents (one per format)."""
    return sorted(p for p in DEFAULT_INPUT.iterdir() if p.is_dir() and p.name not in _NOT_DOCUMENTS)


def input_files(paths: Iterable) -> list[Path]:
    """Files to build from: files as given, directories walked in sorted order (no dotfiles)."""
    import ingest

    return list(ingest.iter_files(paths))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def build_database(paths=None, db_path="doudi.db", overrides=None, *, jobs: int = 1,
                   scheduler: str | None = None, add: bool = False, force: bool = False,
                   log: Callable[[str], None] | None = None,
                   progress: Callable[[Path, int], None] | None = None) -> BuildReport:
    """Build ``db_path`` from ``paths`` (files or directories; default: the bundled corpus).

    ``overrides``: path of a curator overrides YAML file. ``jobs``: worker processes for the
    per-document step; ``scheduler``: address of a Dask scheduler to run it on instead. ``add``:
    keep the documents already in ``db_path`` and add ``paths`` to them. A build in which no input
    file gives a document leaves ``db_path`` as it was (``report.refused``) unless ``force``.
    ``log`` gets one line per bad file (``error: <file>: <cause>``) or warning; ``progress`` is
    called once per input file with the number of files.
    """
    log = log or (lambda line: None)
    db_path = Path(db_path)
    report = BuildReport(str(db_path))
    if overrides:
        from database import overrides as overrides_mod

        corrections = overrides_mod.load(overrides)  # a bad file stops us here
    else:
        corrections = []
    previous = plan.previous_documents(db_path)
    cache = Cache(db_path, pipeline_version())
    try:
        base = plan.base(db_path, cache, previous)
        if add and base is None and previous:  # cannot start from the old file: rebuild its sources too
            paths = list(previous.values()) + list(paths or [])
        files = input_files(paths if paths or add else default_inputs())
        # the pool loads while this process plans: at once for a build from nothing, which extracts
        # (nearly) every file, else from the first file to write (if few, it was loaded in vain)
        pool = run.start if run.pooled(len(files), jobs, scheduler) else None
        if base is None and pool:
            pool()
        items, remove = plan.plan(files, base, add, cache, on_write=pool)
        report.incremental = base is not None
        corrections_key = _corrections_key(overrides)
        if plan.unchanged(base, items, remove, cache, corrections_key):
            cache.commit()  # the files' stat, for the next build
            return _as_it_is(db_path, report, len(items), cache.state().get("warnings") or [], log)
        from database import overrides as overrides_mod
        from database.swap import NewVersion
        written = overrides_mod.previous(db_path)  # what each override saw when the last build wrote it
        with NewVersion(db_path, from_previous=report.incremental) as new:
            overridden = _write(new.db, items, remove, base, cache, corrections, report,
                                jobs=jobs, scheduler=scheduler, log=log, progress=progress, seen=written)
            if report.extracted + report.reused == 0 and not force:
                report.refused = ("no input files" if not files else
                                  f"none of the {len(files)} input files gave a document")
                return report
            cache.keep_only(r[0] for r in new.db.execute("SELECT id FROM documents"))
            new.swap()
        cache.set_state(tag=new.tag, pipeline=cache.pipeline, overridden=sorted(overridden),
                        overrides=corrections_key, warnings=report.warnings)
        cache.commit()
    finally:
        cache.close()
    return report


def _gazetteer_names(cache: Cache, kept: dict | None) -> dict[str, set]:
    """region_names.gazetteer_names, kept in the cache file: it changes with the pipeline only."""
    from . import region_names

    if kept and kept.get("pipeline") == cache.pipeline:
        return {c: {tuple(r) for r in rows} for c, rows in kept["names"].items()}
    known = region_names.gazetteer_names()
    cache.remember_later(gazetteer_names={"pipeline": cache.pipeline,
                                          "names": {c: sorted(rows) for c, rows in known.items()}})
    return known


def _corrections_key(overrides) -> str:
    """What the curator overrides of a build were: a hash of their file's bytes ('' for none)."""
    return hashlib.sha256(Path(overrides).read_bytes()).hexdigest()[:16] if overrides else ""


def _as_it_is(db_path: Path, report: BuildReport, n: int, warnings: list, log) -> BuildReport:
    """The report of a build that found nothing to do: the database is left untouched (a killed
    build's half-written file beside it is swept all the same), and what the last build warned
    of (an override no longer applied ...) is said again, being still true."""
    from database.swap import sweep_dead_builds

    sweep_dead_builds(db_path)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        for table in ("documents", "standards", "statistics", "checks"):
            setattr(report, table, conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()
    report.reused = n
    for w in warnings:
        report.warnings.append(w)
        log(f"warning: {w}")
    return report


class _Say:
    """A build's one-line errors (also stored in ``ingest_errors``) and warnings."""

    def __init__(self, db, report: BuildReport, log):
        self.db, self.report, self.log = db, report, log

    def fail(self, path, cause: str) -> None:
        self.report.errors.append((str(path), cause))
        self.log(f"error: {path}: {cause}")
        self.db["ingest_errors"].insert({"path": str(path), "error": cause, "at": _now()})

    def warn(self, line: str) -> None:
        self.report.warnings.append(line)
        self.log(f"warning: {line}")


def _write(db, items, remove, base, cache, corrections, report, *, jobs, scheduler, log, progress,
           seen=None) -> set:
    """Write the plan into ``db``; return the documents whose standards curator overrides changed."""
    from database import schema

    from . import region_names
    from .incremental import clear

    say = _Say(db, report, log)
    kept = None if base is None else clear(db, remove)
    if base is None:
        schema.create(db)
    # what the end of the build needs from the language layer (the gazetteer's names, the date
    # reader), made on a thread while workers extract: else it is a serial tail after them
    ahead = ThreadPoolExecutor(1)
    names = ahead.submit(_gazetteer_names, cache, cache.state().get("gazetteer_names"))
    written = _rows(db, items, base, cache, report, say, jobs=jobs, scheduler=scheduler, progress=progress)
    overridden = _derive(db, kept, cache, corrections, seen, written, say)
    known = names.result()
    ahead.shutdown()
    before = len(known)
    region_names.build(db, known)  # what a researcher may type for a region, answered in SQL
    if len(known) > before:  # kept for the next build, which then needs no gazetteer
        cache.remember_later(gazetteer_names={"pipeline": cache.pipeline,
                                              "names": {c: sorted(rows) for c, rows in known.items()}})
    schema.finish(db)  # (foreign keys are enforced on every write: no check of the whole file)
    for table in ("documents", "standards", "statistics", "checks"):
        setattr(report, table, db[table].count)
    return overridden


def _rows(db, items, base, cache, report, say, *, jobs, scheduler, progress) -> set:
    """Every item's rows, in input order: extracted (by the workers), from the cache, or kept in
    the base; return the ids of the documents written."""
    from database.store import Writer

    from .run import ordered

    cached = cache.ids()
    todo = [it.path for it in items if it.what == "write" and it.fid not in cached]
    outcomes = (o for batch in ordered(todo, jobs=jobs, scheduler=scheduler) for o in batch)
    writer = Writer(db)
    written = set()
    done: dict[str, Path | str] = {}  # file id -> the path it was written from, or why it failed
    for it in items:
        if progress:
            progress(it.path, len(items))
        if it.what == "missing":
            say.fail(it.path, getattr(it.path, "refusal", None) or it.cause  # a link loop, a FIFO…
                     or ("no such file or directory" if not it.path.exists() else "cannot read"))
        elif it.what == "same":
            if isinstance(done.get(it.fid), Path):
                say.warn(f"{it.path}: same bytes as {done[it.fid]}, skipped")
            else:
                say.fail(it.path, done.get(it.fid) or "same bytes as a file that failed")
        elif it.what in ("keep", "there"):
            if it.what == "there":
                say.warn(f"{it.path}: already in the database as {base[0][it.fid]}, skipped")
            done[it.fid] = it.path
            report.reused += 1
        else:
            rows = cache.get(it.fid).moved(str(it.path), it.path.name) if it.fid in cached else None
            if rows is None:
                outcome = next(outcomes)
                if outcome.error:
                    say.fail(it.path, outcome.error)
                    done[it.fid] = outcome.error
                    continue
                rows = outcome.rows
                cache.put(rows)
                report.extracted += 1
                for why in rows.invalid:
                    report.invalid += 1
                    say.log(f"warning: {it.path}: {why}")
            else:
                report.reused += 1
            writer.add(rows)
            written.add(it.fid)
            done[it.fid] = it.path
    writer.flush()
    return written


def _derive(db, kept, cache, corrections, seen, written, say) -> set:
    """Curator overrides, then what derives from the rows: content groups and facts, made afresh
    or (``kept``: an incremental build) updated. Returns the documents overrides changed."""
    from database import content, facts
    from database import overrides as overrides_mod
    from database.store import standards_per_document, temp_ids

    from .document import previous_key
    from .history import date_previous
    from .incremental import update

    reach = set()
    if kept is not None:  # the facts of the standards overrides may change are taken out first
        reach = overrides_mod.reach(db, corrections)
        facts.forget(db, f"s.document_id IN ({temp_ids(db, 'overridable', reach)})")
    overridden = set()
    if corrections:  # (two scans of every standard, saved when there are none)
        before = standards_per_document(db)
        for w in overrides_mod.apply(db, corrections, seen):  # seen: as the last build recorded them
            say.warn(w)
        after = standards_per_document(db)
        overridden = {d for d in before.keys() | after.keys() if before.get(d) != after.get(d)}
    signatures, dates = cache.derived()

    def dated(row, text):  # as the worker dated it, unless an override changed what it rests on
        key = previous_key(row)
        return dates[key] if key in dates else date_previous(text(), row)

    if kept is None:  # copies of one content, then the facts they state (after overrides)
        content.build(db, signatures)
        facts.build(db, dated)
    else:
        regions, regroup = kept
        update(db, signatures, written, reach, regroup, regions, dated)
    return overridden
