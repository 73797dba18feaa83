"""Ingest: any policy document file -> one normalized :class:`Document`.

``load(path)`` picks a loader from :data:`LOADERS` by extension and raises :class:`IngestError`
(one line: file and cause) for anything it cannot read. ``load_many(paths)`` walks files and
directories and yields ``(path, Document | IngestError)`` without ever stopping on a bad file.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from .document import Block, Document
from .errors import IngestError


def _lazy(module: str, name: str):
    """A loader imported on first use, so loading text never imports pdfplumber or pandas."""
    def loader(path, data):
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{module}"), name)(path, data)
    loader.__name__ = name
    return loader


LOADERS = {
    ".txt": _lazy("textfile", "load_text"),
    ".text": _lazy("textfile", "load_text"),
    ".md": _lazy("textfile", "load_text"),
    ".html": _lazy("htmlfile", "load_html"),
    ".htm": _lazy("htmlfile", "load_html"),
    ".docx": _lazy("docxfile", "load_docx"),
    ".pdf": _lazy("pdffile", "load_pdf"),
    ".xlsx": _lazy("sheetfile", "load_xlsx"),
    ".csv": _lazy("sheetfile", "load_csv"),
}


def load(path) -> Document:
    path = Path(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise IngestError(path, f"unsupported file type {path.suffix or '(no extension)'!r}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot read: {e.strerror or e}") from None
    if not data:
        raise IngestError(path, "empty file (0 bytes)")
    try:
        return loader(path, data)
    except IngestError:
        raise
    except Exception as e:  # a parser bug on odd input must not stop a run
        cause = " ".join(str(e).split())[:200]
        raise IngestError(path, f"cannot parse {path.suffix.lstrip('.').upper()}: {type(e).__name__}: {cause}") from None


def iter_files(paths: Iterable) -> Iterator[Path]:
    """Files under ``paths`` (files or directories), sorted, hidden files and folders skipped."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and not any(part.startswith(".") for part in rel):
                    yield f
        else:
            yield p


def load_many(paths, progress: bool | None = None) -> Iterator[tuple[Path, Document | IngestError]]:
    """``(path, Document or IngestError)`` for every file; a progress bar only on a terminal."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = list(iter_files(paths))
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task("ingest", total=len(files))
    try:
        for f in files:
            try:
                result: Document | IngestError = load(f)
            except IngestError as e:
                result = e
            if bar is not None:
                bar.advance(task)
            yield f, result
    finally:
        if bar is not None:
            bar.stop()


__all__ = ["load", "load_many", "iter_files", "Document", "Block", "IngestError", "LOADERS"]
