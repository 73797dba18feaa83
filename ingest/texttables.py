"""Tables written as plain text: pipe rows (``| 城关区 | 807 | 7764 |``), whitespace-aligned
columns under a header (``县区 城市低保(元/月) 农村低保(元/年)``), and one cell per line, as pages
copied to text keep them.

A run of at least two lines with the same number of cells becomes one ``table`` block whose rows
are the cells; the short line just above it, when there is one, is its caption (the title that
says the year and the unit). Cells one per line are rebuilt into a grid (see ``flat_runs``); their
layout words live in ``data/tables.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .document import Block

DATA = Path(__file__).with_name("data") / "tables.yaml"

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


def aligned_runs(lines: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """(first, last, rows) of each table of pipe rows or aligned columns among ``lines``."""
    runs = _runs(lines, _pipe_cells)
    taken = {k for first, last, _ in runs for k in range(first, last + 1)}
    for first, last, rows in _runs(lines, _spaced_cells):
        if _is_data_table(rows) and not any(k in taken for k in range(first, last + 1)):
            runs.append((first, last, rows))
            taken.update(range(first, last + 1))
    return runs


def group_tables(lines: list[str], blocks: list[Block], normalize) -> list[Block]:
    """``blocks`` (one per line; ``lines`` are their original text) with each table run replaced
    by one table block whose cells are normalized by ``normalize``."""
    runs = aligned_runs(lines)
    taken = {k for first, last, _ in runs for k in range(first, last + 1)}
    for first, last, rows in flat_runs(lines):
        if not any(k in taken for k in range(first, last + 1)):
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


# -- one cell per line --------------------------------------------------------------------------
# A table copied from a web page often arrives with every cell on a line of its own: the header
# cells, then each row's label, figures and place list. The grid is rebuilt from the sequence of
# cell kinds (text or figure): rows are ``code? labels figures trailing-text`` of one shape, the
# header is the run of text cells just before the first row, and a lower header row under merged
# cells (城乡低保标准 over 城镇 / 农村) explains rows with fewer figures (a figure for both).

@lru_cache(maxsize=1)
def _vocab() -> dict:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {k: re.compile(v) if isinstance(v, str) else v for k, v in raw.items()}


FIGURE, TEXT = "N", "T"
SHAPES = [(0, 1, 1), (0, 1, 0), (0, 1, 2), (1, 1, 0), (1, 1, 1), (0, 2, 0), (0, 2, 1)]  # (codes, labels, trailing), likeliest first


def _cell_kind(line: str) -> str | None:
    """FIGURE, TEXT, or None for a line that cannot be a cell (prose, notes, blank)."""
    v = _vocab()
    line = line.strip()
    if not line or v["notes"].search(line):
        return None
    if v["figure_cell"].fullmatch(line):
        return FIGURE
    if len(line) <= v["text_cell_max"] and not v["sentence_end"].search(line):
        return TEXT
    return None


def _parse_rows(kinds: list[str], start: int, shape) -> tuple[list[tuple[int, int, int]], int]:
    """Rows ``(first, figures_at, end)`` of one shape from ``kinds[start:]``, and where they stop."""
    codes, labels, trailing = shape
    rows, i, n = [], start, len(kinds)
    while i < n:
        j = i
        # a row may lack its code (全国 or 合计 above coded rows): its blank cell was never written
        coded = codes if kinds[j:j + codes] == [FIGURE] * codes else 0
        if kinds[j + coded:j + coded + labels] != [TEXT] * labels:
            break
        j += coded + labels
        k = j
        while k < n and kinds[k] == FIGURE:
            k += 1
        if codes and not trailing and k < n and k - 1 > j:
            k -= 1  # the last figure before a label is the next row's code
        if k <= j or kinds[k:k + trailing] != [TEXT] * trailing or k + trailing > n:
            break
        rows.append((i, j, k + trailing, coded < codes))
        i = k + trailing
    return rows, i


def _fit(lines: list[str], kinds: list[str]):
    """The best reading of a run of cells as a table: (header_start, header rows, body rows, end)."""
    v = _vocab()
    first_figure = kinds.index(FIGURE)
    best = None
    for rank, shape in enumerate(SHAPES):
        codes, labels, trailing = shape
        starts = (first_figure, first_figure - labels) if codes else (first_figure - labels,)
        for body in starts:
            if body < 2 or kinds[body:first_figure] != [TEXT] * (first_figure - body):
                continue
            rows, end = _parse_rows(kinds, body, shape)
            if len(rows) >= 2 and (codes == 0 or not all(r[3] for r in rows)):
                break
        else:
            continue
        counts = [k - j - trailing for _, j, k, _ in rows]
        most = max(counts)
        width = codes + labels + most + trailing
        header = _header(lines, kinds, body, width, most, counts, shape)
        if header is None:
            continue
        hstart, top, span = header
        if any(len(c) > v["header_cell_max"] or v["not_header"].search(c)
               for c in (lines[i].strip() for i in range(hstart, body))):
            continue
        left = len(kinds) - end
        if best is None or (left, rank) < best[0]:
            best = ((left, rank), (hstart, top, span, rows, end, shape, most))
    return best[1] if best else None


def _header(lines, kinds, body, width, most, counts, shape):
    """(first header cell, number of top-row cells, span of a merged top cell) or None."""
    codes, labels, trailing = shape
    v = _vocab()
    for groups in range(1, most):  # two header rows: groups of `span` figure columns
        if most % groups:
            continue
        span = most // groups
        start = body - width - groups
        sub = [lines[i].strip() for i in range(body - most, body)]
        if start < 0 or TEXT != kinds[start] or any(k != TEXT for k in kinds[start:body]):
            continue
        chunks = [tuple(sub[g * span:(g + 1) * span]) for g in range(groups)]
        if not (all(v["sub_header"].match(s) for s in sub) or (groups > 1 and len(set(chunks)) == 1)):
            continue
        if all(c == most or (most - c) % (span - 1) == 0 and 0 < (most - c) // (span - 1) <= groups
               for c in counts):
            return start, width - most + groups, span
    if all(c == most for c in counts) and body - width >= 0 and all(
            k == TEXT for k in kinds[body - width:body]):
        return body - width, width, 1
    return None


def _grid(lines, hstart, top, span, rows, shape, most) -> list[list[str]]:
    codes, labels, trailing = shape
    cells = [l.strip() for l in lines]
    lead = codes + labels
    if span == 1:
        header = [cells[hstart:hstart + top]]
    else:
        tops = cells[hstart:hstart + top]
        subs = cells[hstart + top:hstart + top + most]
        groups = top - lead - trailing
        upper = tops[:lead] + [t for t in tops[lead:lead + groups] for _ in range(span)] + tops[lead + groups:]
        lower = tops[:lead] + subs + tops[lead + groups:]
        header = [upper, lower]
    out = header
    for first, figs, end, uncoded in rows:
        values = cells[figs:end - trailing]
        merged = (most - len(values)) // (span - 1) if span > 1 else 0
        # a short row: its first figures stand for a whole merged group (城乡统一的标准)
        values = [values[g] for g in range(merged) for _ in range(span)] + values[merged:]
        out.append([""] * uncoded + cells[first:figs] + values + cells[end - trailing:end])
    return out


def _join_brackets(lines: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Cells of a run, with a line that is only a bracket (a unit ``(元/人·月)`` or ``(含顺德区)``
    a cell broke onto its own line) joined to the text cell before it; and each cell's lines."""
    cells, spans = [], []
    for k, line in enumerate(lines):
        if cells and _vocab()["bracket_cell"].fullmatch(line.strip()) and _cell_kind(cells[-1]) == TEXT:
            cells[-1] = cells[-1].strip() + line.strip()
            spans[-1] = (spans[-1][0], k)
        else:
            cells.append(line)
            spans.append((k, k))
    return cells, spans


def flat_runs(lines: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """(first, last, rows) of each table written one cell per line."""
    out, i, n = [], 0, len(lines)
    while i < n:
        j = i
        while j < n and _cell_kind(lines[j]) is not None:
            j += 1
        cells, spans = _join_brackets(lines[i:j])
        kinds = [_cell_kind(c) for c in cells]
        if kinds.count(FIGURE) >= 2:
            fit = _fit(cells, kinds)
            if fit:
                hstart, top, span, rows, end, shape, most = fit
                grid = _grid(cells, hstart, top, span, rows, shape, most)
                out.append((i + spans[hstart][0], i + spans[end - 1][1], grid))
                j = i + spans[end - 1][1] + 1
        i = max(j, i + 1)
    return out
