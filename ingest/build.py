"""Assemble a Document from what a loader read: the original text and its blocks.

Loaders of structured formats (HTML, DOCX, PDF, sheets) use :class:`Composer` to lay their
paragraphs and tables out as one original text with blocks in original coordinates; plain text
is its own original. ``build_document`` normalizes, maps the blocks to normalized offsets and
reads the metadata.
"""
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
_CELL_SPACE = re.compile(r"\s+")


def render_row(row: list[str]) -> str:
    """A table row as one text line, ``a | b | c``, so prose extractors read tables too."""
    return " | ".join(_CELL_SPACE.sub(" ", c or "").strip() for c in row)


def split_caption(rows: list[list[str]]) -> tuple[str | None, list[list[str]]]:
    """Leading rows that hold a single distinct value (a merged title row, a ``金额单位:元/月``
    note) are the table's caption, not data."""
    caption = []
    while rows:
        values = {c.strip() for c in rows[0] if c and c.strip()}
        if len(values) == 1 and len(rows) > 1:
            caption.append(values.pop())
            rows = rows[1:]
        elif not values:
            rows = rows[1:]
        else:
            break
    return ("\n".join(caption) or None), rows


class Composer:
    """Lays out paragraphs and tables as one original text, one block per piece."""

    def __init__(self):
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[RawBlock] = []

    def add(self, text: str, kind: str = "paragraph", page: int | None = None) -> None:
        text = text.strip()
        if text:
            self._append(text, RawBlock(kind, 0, 0, page))

    def add_table(self, rows: list[list[str]], caption: str | None = None, page: int | None = None) -> None:
        rows = [[(c or "").strip() for c in r] for r in rows]
        rows = [r for r in rows if any(r)]
        found, rows = split_caption(rows)
        caption = "\n".join(x for x in (caption, found) if x) or None
        if not rows:
            if caption:
                self.add(caption, page=page)
            return
        lines = ([caption] if caption else []) + [render_row(r) for r in rows]
        self._append("\n".join(lines), RawBlock("table", 0, 0, page, rows, caption))

    def _append(self, text: str, block: RawBlock) -> None:
        block.start = self._pos
        block.end = self._pos + len(text)
        self._parts.append(text + "\n")
        self._pos = block.end + 1
        self.blocks.append(block)

    @property
    def original(self) -> str:
        return "".join(self._parts)


def build_document(*, doc_id: str, source: str, format: str, original: str,
                   blocks: list[RawBlock] | None = None, encoding: str | None = None,
                   pages: int | None = None, title: str | None = None,
                   published: str | None = None, url: str | None = None,
                   chrome: bool = False) -> Document:
    """``chrome=True`` (text copies of web pages) marks site-chrome lines as ``boilerplate``."""
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
        from .texttables import group_tables

        out = [Block("paragraph", x.start(), x.end()) for x in _LINE.finditer(text) if x.group().strip()]
        # normalization drops the spaces between Han cells, so columns are read from the original
        out = group_tables([original[m.map[b.start]:m.map[b.end - 1] + 1] for b in out], out,
                           normalize_text)
    doc = Document(id=doc_id, source=source, format=format, original=original, text=text,
                   offsets=m.map, blocks=out, encoding=encoding, pages=pages,
                   title=normalize_text(title) if title else None, published=published, url=url)
    if chrome:
        from .boilerplate import mark_lines

        mark_lines(doc)
    from .metadata import fill_metadata

    fill_metadata(doc)
    return doc
