"""Tables written as plain text: pipe rows (``| 城关区 | 807 | 7764 |``) and whitespace-aligned
columns under a header (``县区 城市低保(元/月) 农村低保(元/年)``), as pages copied to text keep them.

A run of at least two lines with the same number of cells becomes one ``table`` block whose rows
are the cells; the short line just above it, when there is one, is its caption (the title that
says the year and the unit).
"""
from __future__ import annotations

import re

from .document import Block

_PIPE_RULE = re.compile(r"^[\s|:\-—=+]*$")  # |---|---| under a header
_NUMBER = re.compile(r"^[\d.,]+$")
_FIELDS = re.compile(r"\S+")
CAPTION_MAX = 50  # characters: a longer line above a table is prose, not its title


def _pipe_cells(line: str) -> list[str] | None:
    if line.count("|") < 2:
        return None
    if _PIPE_RULE.match(line):
        return []  # a rule under the header: inside the table, not a row
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


def _spaced_cells(line: str) -> list[str] | None:
    cells = _FIELDS.findall(line)
    return cells if len(cells) >= 3 else None


def _runs(lines: list[str], cells_of) -> list[tuple[int, int, list[list[str]]]]:
    """(first, last, rows) of each run of two or more lines with the same number of cells
    (``cells_of`` gives [] for a line that belongs to a table without being a row)."""
    out, i = [], 0
    while i < len(lines):
        row = cells_of(lines[i])
        if not row:
            i += 1
            continue
        rows, j = [row], i + 1
        while j < len(lines) and (nxt := cells_of(lines[j])) is not None and (
                not nxt or len(nxt) == len(row)):
            if nxt:
                rows.append(nxt)
            j += 1
        if len(rows) >= 2:
            out.append((i, j - 1, rows))
        i = max(j, i + 1)
    return out


def _is_data_table(rows: list[list[str]]) -> bool:
    """Aligned words are a table only with a header of words over rows that hold numbers."""
    header, body = rows[0], rows[1:]
    return (not any(_NUMBER.match(c) for c in header)
            and all(any(_NUMBER.match(c) for c in r) for r in body))


def group_tables(lines: list[str], blocks: list[Block], normalize) -> list[Block]:
    """``blocks`` (one per line; ``lines`` are their original text) with each table run replaced
    by one table block whose cells are normalized by ``normalize``."""
    runs = _runs(lines, _pipe_cells)
    taken = {k for first, last, _ in runs for k in range(first, last + 1)}
    for first, last, rows in _runs(lines, _spaced_cells):
        if _is_data_table(rows) and not any(k in taken for k in range(first, last + 1)):
            runs.append((first, last, rows))
    if not runs:
        return blocks
    out, skip = [], set()
    by_first = {first: (last, rows) for first, last, rows in runs}
    for k, b in enumerate(blocks):
        if k in skip:
            continue
        if k in by_first:
            last, rows = by_first[k]
            above = lines[k - 1] if k and (k - 1) not in skip else ""
            caption = normalize(above.strip()) if 0 < len(above.strip()) <= CAPTION_MAX else None
            rows = [[normalize(c) for c in r] for r in rows]
            out.append(Block("table", b.start, blocks[last].end, b.page, rows, caption))
            skip.update(range(k, last + 1))
        else:
            out.append(b)
    return out
