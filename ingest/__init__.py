"""Ingest: any policy document file -> one normalized :class:`Document`.

``load(path)`` picks a loader by extension and raises :class:`IngestError` (one line: file and
cause) for anything it cannot read.
"""
from __future__ import annotations

from pathlib import Path

from .document import Block, Document
from .errors import IngestError
from .textfile import load_text

LOADERS = {".txt": load_text, ".text": load_text, ".md": load_text}


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
    return loader(path, data)


__all__ = ["load", "Document", "Block", "IngestError", "LOADERS"]
