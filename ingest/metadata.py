"""Document metadata read from the normalized text: title, date, issuers, numbers, kind."""
from __future__ import annotations

from .document import Document


def fill_metadata(doc: Document) -> None:
    if doc.blocks and doc.title is None:
        first = doc.blocks[0]
        doc.title = doc.text[first.start:first.end][:200]
