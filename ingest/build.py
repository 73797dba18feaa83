"""Assemble a Document from what a loader read: the original text and its blocks."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Document
from .normalize import normalize, normalize_text, to_normalized_offset


@dataclass
class RawBlock:
    """A block in original-text coordinates, as a loader sees it."""

    kind: str
    start: int
    end: int
    page: int | None = None
    rows: list[list[str]] | None = None
    caption: str | None = None


_LINE = re.compile(r"[^\n]+")


def build_document(*, doc_id: str, source: str, format: str, original: str,
                   blocks: list[RawBlock] | None = None, encoding: str | None = None,
                   pages: int | None = None) -> Document:
    m = normalize(original)
    text = m.text
    out: list[Block] = []
    if blocks:
        for b in blocks:
            s = to_normalized_offset(m, b.start)
            e = to_normalized_offset(m, b.end)
            while s < e and text[s] in " \n":
                s += 1
            while e > s and text[e - 1] in " \n":
                e -= 1
            if e <= s:
                continue
            rows = [[normalize_text(c or "") for c in row] for row in b.rows] if b.rows else None
            caption = normalize_text(b.caption) if b.caption else None
            out.append(Block(b.kind, s, e, b.page, rows, caption))
    else:
        out = [Block("paragraph", x.start(), x.end()) for x in _LINE.finditer(text) if x.group().strip()]
    doc = Document(id=doc_id, source=source, format=format, original=original, text=text,
                   offsets=m.map, blocks=out, encoding=encoding, pages=pages)
    from .metadata import fill_metadata

    fill_metadata(doc)
    return doc
