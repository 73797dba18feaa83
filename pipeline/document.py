"""The per-document step: load -> extract -> check -> rows, the same in a worker as in the parent.

:func:`process` takes a path and returns an :class:`Outcome` that holds only plain data (the rows,
or the one-line cause of a failure), so it pickles cheaply from a worker process or a Dask worker.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from database.store import Rows


@dataclass
class Outcome:
    path: str
    rows: Rows | None = None
    error: str | None = None  # why the file gave no rows: one line


def cause(e: BaseException) -> str:
    from ingest import IngestError

    if isinstance(e, IngestError):
        return e.cause
    return f"{type(e).__name__}: {e}"


def rows_of(doc, source: str) -> Rows:
    """Extract, check and convert one loaded Document."""
    import extractors
    import factcheck

    from .rows import rows_for

    extraction = extractors.extract(doc)
    checks = factcheck.check(extraction, db=None)
    return spell_search(rows_for(doc, extraction, checks, source=source))


def previous_key(row: dict) -> str:
    """What the date of a standard's previous value depends on besides its document's text (a
    curator override may change the previous value or the period)."""
    return f'{row["document_id"]}|{row["start"]}|{row["end"]}|{row["previous"]!r}|{row["period"]}'


def previous_dates(rows: Rows) -> dict[str, str | None]:
    """{previous_key: date} for the standards that give a previous value (facts.build's points)."""
    from .history import date_previous

    text, published = rows.document["text"], rows.document["published"]
    return {previous_key(s): date_previous(text, dict(s, published=published))
            for s in rows.standards if s.get("previous") is not None and s.get("start") is not None}


def spell_search(rows: Rows) -> Rows:
    """The full-text index's spelling of the rows' texts and the text's content signature, done
    here so workers share the work."""
    from database.content import signature
    from database.schema import FTS
    from database.search import index_text

    rows.signature = signature(rows.document["text"])
    rows.dates = previous_dates(rows)
    for table, cols in FTS.items():
        for r in [rows.document] if table == "documents" else getattr(rows, table):
            rows.search.update((r[c], index_text(r[c])) for c in cols if r.get(c))
    return rows


def process(path) -> Outcome:
    """One file's rows; any failure (bad file, a bug on odd input) becomes the outcome's error."""
    import ingest

    from ingest.errors import printable
    from ingest.walk import InputPath

    path, name = InputPath(path), printable(path)  # read by its bytes, stored and shown printable
    try:
        doc = ingest.load(path)
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
        return Outcome(name, error=cause(e))
    try:
        return Outcome(name, rows=rows_of(doc, name))
    except Exception as e:  # noqa: BLE001
        return Outcome(name, error=f"extraction failed: {cause(e)}")


# a sentence with a region, a program, a standard and its previous value: what reads it loads
# every lexicon and rule a document needs
_WARM_UP = "某市城乡低保标准由每人每月500元提高到600元，自2020年1月1日起执行。"


def warm() -> None:
    """Load what a first document loads (imports, lexicons, the spaCy pipeline) by processing a
    made-up one."""
    from ingest.build import build_document

    rows_of(build_document(doc_id="warm-up", source="warm-up", format="txt", original=_WARM_UP), "warm-up")


def process_batch(paths) -> list[Outcome]:
    """Several files in one task, so a pool's or a cluster's overhead is paid per batch."""
    return [process(p) for p in paths]
