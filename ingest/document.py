"""The one normalized document every loader produces.

A document keeps the original text beside the normalized one, with a map from each normalized
character back to the original offset, so every extracted record can point at its source.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass
class Block:
    """A paragraph, heading or table, in document order.

    ``start``/``end`` are offsets in ``Document.text`` (normalized). Tables keep their cells in
    ``rows`` (normalized strings) and are also rendered into the text as ``a | b | c`` lines so
    that search and prose extractors see them.
    """

    kind: str  # "paragraph" | "heading" | "table"
    start: int
    end: int
    page: int | None = None
    rows: list[list[str]] | None = None
    caption: str | None = None


@dataclass
class Document:
    id: str  # sha256 of the file's bytes, 16 hex digits
    source: str  # path as given
    format: str  # txt, html, docx, pdf, xlsx, xls, csv
    original: str  # decoded text before normalization
    text: str  # normalized text
    offsets: list[int]  # offsets[i] = position in `original` of text[i]; len(text) + 1 entries
    blocks: list[Block] = field(default_factory=list)
    encoding: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD, or shorter when the page says less)
    issuers: list[str] = field(default_factory=list)
    doc_numbers: list[str] = field(default_factory=list)
    kind: str | None = None  # notice, report, news, table
    url: str | None = None  # the web address it was copied from, when the file says
    pages: int | None = None

    @cached_property
    def name(self) -> str:
        return Path(self.source).name

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) span back to the original text."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        ostart = self.offsets[start]
        oend = self.offsets[end - 1] + 1 if end > start else ostart
        return ostart, max(oend, ostart)

    def block_at(self, offset: int) -> tuple[int, Block] | None:
        for i, b in enumerate(self.blocks):
            if b.start <= offset < b.end:
                return i, b
        return None

    def paragraphs(self):
        """(start, end) of every block, the unit extractors read."""
        return [(b.start, b.end) for b in self.blocks]


def file_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
