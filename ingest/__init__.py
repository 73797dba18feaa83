"""Ingest: any policy document file -> one normalized :class:`Document`.

``load(path)`` picks a loader from :data:`LOADERS` by extension and raises :class:`IngestError`
(one line: file and cause) for anything it cannot read. ``load_many(paths)`` walks files and
directories and yields ``(path, Document | IngestError)`` without ever stopping on a bad file.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Iterator

from .document import Block, Document
from .errors import IngestError
from .limits import LIMITS, OverBudget, mb, time_budget
from .walk import iter_files


def _lazy(module: str, name: str):
    """A loader imported on first use, so loading text never imports pdfplumber or pandas."""
    def loader(path, data):
        return getattr(_import(module), name)(path, data)
    loader.__name__ = name
    loader.module = module
    return loader


def _import(module: str):
    """The loader's module and what every loader converts with (OpenCC), imported before a time
    budget starts: an import interrupted half-way would break that module for the whole process."""
    import importlib

    from .normalize import to_simplified

    to_simplified("")
    return importlib.import_module(f"{__name__}.{module}")


LOADERS = {
    ".txt": _lazy("textfile", "load_text"),
    ".text": _lazy("textfile", "load_text"),
    ".md": _lazy("textfile", "load_text"),
    ".html": _lazy("htmlfile", "load_html"),
    ".htm": _lazy("htmlfile", "load_html"),
    ".docx": _lazy("docxfile", "load_docx"),
    ".pdf": _lazy("pdffile", "load_pdf"),
    ".xlsx": _lazy("sheetfile", "load_xlsx"),
    ".xls": _lazy("sheetfile", "load_xls"),
    ".csv": _lazy("sheetfile", "load_csv"),
}


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_file(path: Path) -> bytes:
    """The file's bytes, refused (never opened) when it is not a regular file or over budget."""
    refusal = getattr(path, "refusal", None)
    if refusal:
        raise IngestError(path, refusal)
    try:
        st = os.stat(path)
    except OSError as e:
        raise IngestError(path, "symlink loop" if e.errno == errno.ELOOP else f"cannot read: {e.strerror or e}") from None
    kind = next((what for test, what in _KINDS if test(st.st_mode)), None)
    if kind:
        raise IngestError(path, f"not a regular file ({kind}): refused")
    if st.st_size > LIMITS.max_file_bytes:
        raise IngestError(path, f"over budget: {mb(st.st_size)} (limit {mb(LIMITS.max_file_bytes)})")
    try:
        with open(path, "rb") as f:
            data = f.read(LIMITS.max_file_bytes + 1)
    except OSError as e:
        raise IngestError(path, f"cannot read: {e.strerror or e}") from None
    if len(data) > LIMITS.max_file_bytes:  # it grew while we read
        raise IngestError(path, f"over budget: more than {mb(LIMITS.max_file_bytes)}")
    return data


def load(path) -> Document:
    path = path if isinstance(path, Path) else Path(path)
    data = read_file(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise IngestError(path, f"unsupported file type {path.suffix or '(no extension)'!r}")
    if not data:
        raise IngestError(path, "empty file (0 bytes)")
    if hasattr(loader, "module"):
        _import(loader.module)  # outside the budget (see _import)
    try:
        with time_budget(LIMITS.max_seconds):
            return loader(path, data)
    except IngestError:
        raise
    except OverBudget as e:
        raise IngestError(path, f"over budget: {e}") from None
    except Exception as e:  # a parser bug on odd input must not stop a run
        cause = " ".join(str(e).split())[:200]
        raise IngestError(path, f"cannot parse {path.suffix.lstrip('.').upper()}: {type(e).__name__}: {cause}") from None


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


__all__ = ["load", "load_many", "iter_files", "read_file", "Document", "Block", "IngestError", "LOADERS"]
