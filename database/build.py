"""Run the whole pipeline into a new database and swap it in atomically.

``build_database(paths, db_path)`` ingests every file, extracts and validates its records and
writes them to a temporary file beside ``db_path``; only a complete build replaces the old
database (``os.replace``), so a crash or Ctrl-C leaves the last good one intact.

Incremental: a file whose bytes (``Document.id``) and pipeline version are unchanged since the
previous build is not ingested nor extracted again; its rows come from the previous database's
``extraction_cache``, i.e. from before curator overrides, which are applied afresh every build.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils

from . import overrides as overrides_mod
from . import content, facts, schema, store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "corpus"
# corpus/bad holds deliberately broken files for the ingest tests, not documents to publish
_NOT_DOCUMENTS = ("bad",)
# Code and data whose change can change what a document yields: any edit rebuilds every document.
_PIPELINE_PARTS = ("ingest", "extractors", "schemas", "factcheck", "database/store.py", "database/schema.sql")
_pipeline = None


def pipeline_version() -> str:
    global _pipeline
    if _pipeline is None:
        h = hashlib.sha256()
        for part in _PIPELINE_PARTS:
            p = ROOT / part
            files = sorted(p.rglob("*")) if p.is_dir() else [p]
            for f in files:
                if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
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
    reused: int = 0  # documents copied unchanged from the previous build
    invalid: int = 0  # records the validator refused
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, cause)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
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


def _previous(db_path: Path, version: str) -> dict[str, tuple[dict, str]]:
    """{document id: (documents row, cached rows JSON)} from the previous build, same pipeline."""
    if not db_path.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        with conn:
            rows = conn.execute(
                "SELECT d.*, c.result AS _result FROM documents d JOIN extraction_cache c "
                "ON c.document_id = d.id WHERE c.pipeline = ?", [version]).fetchall()
        conn.close()
    except sqlite3.Error:
        return {}  # not a database we built, or an older schema: build everything afresh
    out = {}
    for r in rows:
        d = dict(r)
        out[d["id"]] = (d, d.pop("_result"))
    return out


def _cached(previous: tuple[dict, str], path: Path) -> store.Rows:
    """The rows an unchanged file gave last time, under its current path and name."""
    doc_row, cached = previous
    old_name = doc_row["name"]
    rows = store.Rows.from_json(dict(doc_row, source=str(path), name=path.name), cached)
    for r in rows.standards + rows.statistics + rows.checks:
        if r.get("source") == old_name:
            r["source"] = path.name
    return rows


def _file_id(path: Path) -> str | None:
    from ingest.document import file_id

    try:
        return file_id(path.read_bytes())
    except OSError:
        return None


def _load(paths: list[Path]):
    """Yield (path, Document or exception) for each path, in order; the build shows progress."""
    import ingest

    done = 0
    try:
        for path, result in ingest.load_many(paths, progress=False):
            done += 1
            yield path, result
        return
    except Exception as e:  # noqa: BLE001 - a loader bug on one file: report it, go on one by one
        yield paths[done], e
        done += 1
    for p in paths[done:]:
        try:
            yield p, ingest.load(p)
        except Exception as e:  # noqa: BLE001
            yield p, e


def _extract(doc, path: Path) -> store.Rows:
    import extractors
    import factcheck

    extraction = extractors.extract(doc)
    checks = factcheck.check(extraction, db=None)
    return store.rows_for(doc, extraction, checks, source=str(path))


def _cause(e: BaseException) -> str:
    from ingest import IngestError

    if isinstance(e, IngestError):
        return e.cause
    return f"{type(e).__name__}: {e}"


def _sweep_dead_builds(db_path: Path) -> None:
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


def build_database(paths=None, db_path="doudi.db", overrides=None, *,
                   log: Callable[[str], None] | None = None,
                   progress: Callable[[Path], None] | None = None) -> BuildReport:
    """Build ``db_path`` from ``paths`` (files or directories; default: the bundled corpus).

    ``overrides``: path of a curator overrides YAML file. ``log`` gets one line per bad file
    (``error: <file>: <cause>``) or warning; ``progress`` is called once per input file.
    """
    log = log or (lambda line: None)
    db_path = Path(db_path)
    report = BuildReport(str(db_path))
    corrections = overrides_mod.load(overrides) if overrides else []  # a bad file stops us here
    files = input_files(paths or default_inputs())
    version = pipeline_version()
    previous = _previous(db_path, version)

    def fail(path, cause):
        report.errors.append((str(path), cause))
        log(f"error: {path}: {cause}")
        db["ingest_errors"].insert({"path": str(path), "error": cause, "at": _now()})

    db_path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_dead_builds(db_path)
    fd, tmp = tempfile.mkstemp(dir=db_path.parent, prefix=f"{db_path.name}.tmp-{os.getpid()}-")
    os.close(fd)
    db = sqlite_utils.Database(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # the temp file is thrown away on any failure
        db.execute("PRAGMA synchronous = OFF")
        schema.create(db)
        db.execute("PRAGMA foreign_keys = ON")

        def add(path: Path, rows: store.Rows):
            store.write(db, rows)
            db["extraction_cache"].insert({"document_id": rows.document["id"], "pipeline": version,
                                           "result": rows.to_json()})
            for why in rows.invalid:
                report.invalid += 1
                log(f"warning: {path}: {why}")

        # Plan first (which files are unchanged), then write in input order whatever the rows'
        # origin, so an incremental build gives the very rows a fresh one does.
        plan = []
        for path in files:
            fid = _file_id(path) if path.exists() else None
            plan.append((path, fid, "cached" if fid in previous else "load" if path.exists() else "missing"))
        loaded = _load([path for path, _, what in plan if what == "load"])
        written: dict[str, Path] = {}
        for path, fid, what in plan:
            if progress:
                progress(path)
            if what == "missing":
                fail(path, "no such file or directory")
                continue
            if what == "cached":
                rows = _cached(previous[fid], path)
            else:
                _, doc = next(loaded)
                if isinstance(doc, BaseException):
                    if not isinstance(doc, Exception):
                        raise doc  # KeyboardInterrupt and friends stop the build
                    fail(path, _cause(doc))
                    continue
                fid = doc.id
                if fid in written:
                    rows = None
                else:
                    try:
                        rows = _extract(doc, path)
                    except Exception as e:  # noqa: BLE001 - a bug on one document must not stop the run
                        fail(path, f"extraction failed: {_cause(e)}")
                        continue
            if fid in written:
                report.warnings.append(f"{path}: same bytes as {written[fid]}, skipped")
                log(f"warning: {report.warnings[-1]}")
                continue
            written[fid] = path
            add(path, rows)
            if what == "cached":
                report.reused += 1
            else:
                report.extracted += 1
        for w in overrides_mod.apply(db, corrections):
            report.warnings.append(w)
            log(f"warning: {w}")
        content.build(db)  # copies of one content, then the facts they state (after overrides)
        facts.build(db)
        schema.finish(db)
        problems = list(db.execute("PRAGMA foreign_key_check"))
        if problems:
            report.warnings.append(f"{len(problems)} foreign key problems, e.g. {problems[0]}")
            log(f"warning: {report.warnings[-1]}")
        report.documents = db["documents"].count
        report.standards = db["standards"].count
        report.statistics = db["statistics"].count
        report.checks = db["checks"].count
        db.conn.commit()
        db.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp made it private; a database is for reading
        os.replace(tmp, db_path)
    except BaseException:
        db.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    return report
