"""Standards from tables: one record per row and figure column.

A standards table has one or more header rows (``城乡低保标准`` over ``城镇 | 农村``), a column of
regions (names, a list of them per tier row, or official codes) and columns of figures. What a
column holds is read from its header joined top to bottom, with the table's context (its caption,
the lines just above it, the document title) filling in what the header leaves out: the program
(``2015年9月全国县以上农村低保平均标准``), the metric (``最低标准`` is a floor), the unit
(``金额单位:元/人·年``, ``(元/人、年)``, a cell suffix ``860元/月``) and the multiplier (千元, 万元).
Counts and sums (``区县合计数``, ``区县数量``, ``人数``) are not standards. The period and status come
from the same context (``2015年9月``, ``4季度``, ``2012年农村低保9月份地级标准``), never from the page's
publication date alone.

Rows: a row whose label is a date (年份 | 城市低保标准) takes that date as its period. A region-code
column (2, 4 or 6 digits) names the row's region even when its name is garbled
or short; 全国/合计/平均 stand for the table's region; notes under the table are skipped; a row
whose region cell lists several regions gives a record for each, with what a parenthesis adds
(含…) or subtracts (不含…) kept apart. A figure repeated across the columns of a merged header
(one 城乡低保标准 under 城镇 and 农村) is one figure for the whole group. Each record quotes its row and
keeps its position: block (the table), ``table_row``, ``table_column``, and page.

The words are data: ``data/tables.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from schemas import Provenance, Standard

from language.dates import effective_date, iso, pattern as date_pattern
from language.figures import suffix_unit
from language.numbers import parse_number

from gazetteer import COUNTRY, Region

DATA = Path(__file__).parent / "data" / "tables.yaml"
_NUMBER = re.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?")
_YEAR_CELL = date_pattern("year_cell")
_SPLIT = re.compile(r"[、,;,;和及]")  # one character each: parts keep their offsets
_AREA_UNIT = re.compile(r"(城市|城镇|农村)[^,;,;]{0,4}?(?=[万千百]?元)")
_AREA_WORD = {"城市": "urban", "城镇": "urban", "农村": "rural"}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}
CONTEXT_LINE_MAX = 60  # characters: a longer block above a table is prose, not its title


@lru_cache(maxsize=1)
def vocab() -> dict:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out = {k: re.compile(v) if isinstance(v, str) else v for k, v in raw.items()}
    # the periods a table states are dates: their patterns are the language layer's
    out.update({k: date_pattern(f"table_{k}") for k in ("year_month", "quarter", "year")}, date_cell=date_pattern("date_cell"))
    return out


@dataclass
class Column:
    index: int
    header: str  # its header cells, top to bottom, joined
    group: str  # the header cells above the lowest row: columns sharing it form a merged group
    programs: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    group_areas: list = field(default_factory=list)
    variants: list = field(default_factory=list)
    metric: str | None = None
    unit: str | None = None
    mult: float = 1.0


# -- the table's context --------------------------------------------------------------------------

def context_lines(doc, bi: int) -> list[str]:
    """The caption, then the short lines just above the table (nearest first), then the title:
    where a table states what it holds, for when and where."""
    block = doc.blocks[bi]
    out = [block.caption] if block.caption else []
    # a unit stated in a row of its own at the foot of the table, or in the line under it
    below = [r[0] for r in block.rows or [] if r and len({c for c in r if c}) == 1]
    if bi + 1 < len(doc.blocks) and doc.blocks[bi + 1].kind != "table":
        below.append(doc.text[doc.blocks[bi + 1].start:doc.blocks[bi + 1].end].strip())
    out += [t for t in below if len(t) <= CONTEXT_LINE_MAX and vocab()["unit_line"].search(t)]
    for b in reversed(doc.blocks[max(0, bi - 4):bi]):
        if b.kind == "boilerplate":  # a byline's date is the page's, not the table's
            continue
        t = doc.text[b.start:b.end].strip()
        if b.kind == "table" or len(t) > CONTEXT_LINE_MAX:
            break
        out.append(t)
    if doc.title:
        out.append(doc.title)
    return out


def table_period(lines: list[str]) -> str | None:
    """The most precise period the context states, the nearest line first; a quarter is its last
    month (quarterly tables state the standards at its end); a month or quarter without a year
    takes the year another line gives."""
    v = vocab()
    year, precise = None, None
    for line in lines:
        for m in v["year_month"].finditer(line):
            return iso(int(m.group("y")), int(m.group("m")))
        for m in v["quarter"].finditer(line):
            q = m.group("q")
            month = 3 * (_QUARTER.get(q) or int(q))
            if m.group("y"):
                return iso(int(m.group("y")), month)
            precise = precise or month
        if year is None and (m := v["year"].search(line)):
            year = int(m.group("y"))
    if year is None:
        return None
    return iso(year, precise) if precise else iso(year)


def _unit(text: str) -> tuple[str | None, float]:
    """The unit and multiplier a header or unit line states (元/人·月, 千元/人.年, (元/人、年))."""
    v = vocab()
    m = v["unit"].search(text)
    if not m:
        return None, 1.0
    mult = float(v["multipliers"].get(m.group("mult"), 1)) if m.group("mult") else 1.0
    if m.group("rate"):
        return suffix_unit(m.group("rate")), mult
    rest = text[m.end():m.end() + 8] + text[:m.start()]
    if v["per_month"].search(rest):
        return "yuan/person/month", mult
    if v["per_year"].search(rest):
        return "yuan/person/year", mult
    return None, mult


def _inferred_unit(value: float) -> str:
    # as the sentence reader infers a bare 元 figure: a monthly amount unless too large for one
    return "yuan/person/year" if value >= 2000 else "yuan/person/month"


# -- cells ---------------------------------------------------------------------------------------

def _is_figure(cell: str) -> bool:
    return bool(_NUMBER.match(cell)) and not _YEAR_CELL.match(cell)


def _value(cell: str) -> float | None:
    m = _NUMBER.match(cell)
    return parse_number(m.group().replace(",", "").strip()) if m else None


def _code_region(cell: str, regions) -> Region | None:
    cell = cell.strip()
    if not vocab()["code_cell"].fullmatch(cell):
        return None
    return regions.get(cell[:6].ljust(6, "0"))


class _Places:
    """Region cells of one table: a list per tier row, with what parentheses add or subtract and
    the places a row left out of a region for a later row to name (江门…以外的市)."""

    def __init__(self, regions, within):
        self.regions, self.within = regions, within
        self.left_out: dict[str, list[Region]] = {}

    def find(self, cell: str) -> list[tuple[Region, str]]:
        v, out = vocab(), []
        for m in v["exclusion"].finditer(cell):
            head = self._mentions(cell[:m.start()])
            if head:
                parent = head[-1].region
                self.left_out[parent.code] = [x.region for x in self._mentions(m.group("places"), parent.code)]
        cell = v["exclusion"].sub("", v["inclusion"].sub("", cell))
        mentions = self._mentions(cell)  # read as one list: bare short names count inside it
        pos = 0
        for part in _SPLIT.split(cell):
            start, pos = pos, pos + len(part) + 1
            if not part.strip():
                continue
            found = [m for m in mentions if start <= m.start < start + len(part)]
            if not found:
                r = self.regions.lookup(part.strip(), self.within) or self.regions.lookup(part.strip())
                if r is not None:
                    out.append((r, part.strip()))
                continue
            found = self._innermost(found, cell[found[-1].end:start + len(part)])
            last = found[-1]
            rest = cell[last.end:start + len(part)]
            if v["complement"].search(rest) and last.region.code:
                out += [(r, r.name) for r in self.left_out.get(last.region.code, [])] or [(Region(
                    None, part.strip(), "group", last.region.code), part.strip())]
            elif (g := v["group_suffix"].match(rest)) and last.region.code:
                name = last.region.name + g.group()
                out.append((Region(None, name, "group", last.region.code), name))
            else:
                out += [(m.region, m.text) for m in found]
        return out

    def _innermost(self, found, rest: str):
        """A place written after the place it lies in names the inner one only (佛山市顺德区 is
        顺德区; 新疆兵团 the 兵团)."""
        end = found[-1].end
        if rest and (inner := self.regions.find(rest)) and inner[0].start == 0:
            found = found + [inner[0]._replace(start=end, end=end + inner[0].end)]
        elif rest.strip() and (r := self.regions.lookup(rest.strip())) is not None:
            found = found + [found[-1]._replace(start=end, end=end + len(rest), text=r.name, region=r)]
        out = []
        for m in found:
            if out and out[-1].end == m.start and out[-1].region.code and (
                    m.region.code is None or self.regions.is_within(m.region, out[-1].region.code)):
                out[-1] = m
            else:
                out.append(m)
        return out

    def _mentions(self, text: str, within: str | None = None):
        return self.regions.find(text, within=within or self.within) or self.regions.find(text)


def _common_parent(cells: list[str], regions) -> str | None:
    """The region most of a table's rows lie in (七里河区, 榆中县 -> 兰州市), so an ambiguous row
    (城关区) resolves there."""
    parents: dict[str, int] = {}
    for cell in cells:
        for m in regions.find(cell):
            if m.region.parent:
                parents[m.region.parent] = parents.get(m.region.parent, 0) + 1
    if not parents:
        return None
    best = max(parents, key=parents.get)
    return best if parents[best] >= 2 else None


# -- the table -----------------------------------------------------------------------------------

def _header_rows(rows: list[list[str]]) -> int:
    n = 0
    while n < min(len(rows) - 1, 3) and not any(_is_figure(c) for c in rows[n]):
        n += 1
    return n


def _columns(rows, nh, reader, context_frame, context_unit, area_units) -> tuple[list[Column], int | None]:
    """The figure columns and the code column (or None)."""
    v = vocab()
    width = max(len(r) for r in rows)
    body = rows[nh:]
    cols, code_col = [], None
    for j in range(width):
        cells = [r[j] if j < len(r) else "" for r in rows[:nh]]
        cells = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
        header = "".join(cells)
        group = "".join(cells[:-1])
        filled = [r[j].strip() for r in body if j < len(r) and r[j].strip()]
        if code_col is None and (v["code_header"].search(header) or not header) and filled and sum(
                bool(v["code_cell"].fullmatch(c)) for c in filled) > len(filled) / 2:
            code_col = j
            continue
        if not header or v["not_a_standard"].search(header):
            continue
        if not any(_is_figure(r[j]) for r in body if j < len(r)):
            continue
        fr, low, top = reader.frame(header), reader.frame(cells[-1]), reader.frame(group) if group else None
        if not (fr.programs or fr.metric or fr.areas or fr.variants):
            continue
        unit, mult = _unit(header)
        areas = low.areas or (top.areas if top else []) or context_frame.areas
        col = Column(j, header, group, fr.programs or context_frame.programs,
                     reader._areas([a for a in areas if a != "both"] or areas, 1),
                     reader._areas(top.areas if top else [], 1), fr.variants, fr.metric, unit, mult)
        # the context names what kind of standard the table holds (最低标准, 平均标准); a metric of
        # its own (补差水平) stays with the columns that name it
        if col.metric is None and context_frame.metric or (
                col.metric == "standard" and context_frame.metric in v["refines_standard"]):
            col.metric = context_frame.metric
        if col.unit is None:
            col.unit = next((area_units[a] for a in col.areas if a in area_units), None) or context_unit[0]
        if mult == 1.0:
            col.mult = context_unit[1]
        cols.append(col)
    return cols, code_col


def read_table(block, doc, bi: int, reader, regions, ctx) -> list[Standard]:
    v = vocab()
    rows = [r for r in (block.rows or []) if any(c.strip() for c in r)]
    nh = _header_rows(rows)
    if nh == 0 or len(rows) <= nh:
        return []
    lines = context_lines(doc, bi)
    context = "\n".join(lines)
    context_frame = reader.frame(block.caption or "")
    if not context_frame.programs:
        context_frame = reader.frame(context)
    area_units = {}  # 金额单位:城市元/人·月,农村元/人·年
    for m in _AREA_UNIT.finditer(context):
        if (u := _unit(context[m.end():])[0]) is not None:
            area_units.setdefault(_AREA_WORD[m.group(1)], u)
    context_unit = next(((u, m) for line in lines for u, m in [_unit(line)] if u or m != 1.0), (None, 1.0))
    cols, code_col = _columns(rows, nh, reader, context_frame, context_unit, area_units)
    if not cols:
        return []
    period = table_period(lines) or effective_date(doc.text, ctx.ref_year)
    # a plan's title (…规划) does not make every table in it a plan: the table's own lines say
    own = [line for line in lines if line != doc.title] or lines
    status = "target" if any(v["target"].search(line) for line in own) else "in_force"
    fig_cols = {c.index for c in cols}
    label_cols = [j for j in range(max(len(r) for r in rows)) if j not in fig_cols and j != code_col]
    body = rows[nh:]
    within = _common_parent([r[j] for r in body for j in label_cols if j < len(r)], regions) or ctx.within
    places = _Places(regions, within)
    header_set = {tuple(r) for r in rows[:nh]}
    found_rows, cursor = [], block.start
    for ri, row in enumerate(body, nh):
        label = next((c for c in row if c.strip()), "")
        if v["note_row"].search(label) or tuple(row) in header_set:
            continue
        span = _row_span(doc.text, cursor, block.end, row)
        cursor = max(cursor, span[1])
        found_rows.append((ri, row, _row_places(row, code_col, label_cols, places, regions), span))
    table_region = _table_region(found_rows, regions, ctx)
    has_places = any(p for _, _, p, _ in found_rows)
    out = []
    for ri, row, row_places, (start, end) in found_rows:
        labels = "".join(row[j] for j in label_cols if j < len(row))
        if row_places == "total":
            row_places, inferred = [table_region] if table_region else [], False
        elif not row_places:
            if has_places or ctx.region is None:
                continue
            row_places, inferred = [(ctx.region, ctx.region.name)], True
        else:
            inferred = False
        row_frame = reader.frame(labels) if not has_places else None
        row_period = _row_date(row, label_cols) or period
        quote = doc.text[start:end] if end > start else " | ".join(row)
        done = set()
        for col in cols:
            if col.index >= len(row) or col.index in done:
                continue
            cell = row[col.index]
            value = _value(cell)
            if value is None:
                continue
            group = [c for c in cols if c.group and c.group == col.group]
            merged = (len(group) > 1 and len({tuple(c.areas) for c in group}) > 1
                      and all(c.index < len(row) and row[c.index] == cell for c in group))
            areas = col.group_areas if merged else col.areas
            if merged:
                done.update(c.index for c in group)
            programs = col.programs or (row_frame.programs if row_frame else []) or context_frame.programs
            if row_frame and row_frame.areas and areas == ["all"]:
                areas = reader._areas(row_frame.areas, 1)
            metric = col.metric
            if row_frame and metric in (None, "standard") and row_frame.metric:
                metric = row_frame.metric
            variants = col.variants or (row_frame.variants if row_frame else []) or [None]
            if metric in (None, "standard") and any(x and x.endswith("_care") for x in variants):
                metric = "care_standard"
            cell_unit, cell_mult = _unit(cell)
            unit = cell_unit or col.unit
            mult = cell_mult if cell_mult != 1.0 else col.mult
            for program in programs:
                u, unit_inferred = unit, False
                if u is None:
                    u, unit_inferred = _inferred_unit(value * mult), True
                for area in areas:
                    for variant in variants:
                        for region, written in row_places:
                            out.append(Standard(
                                source=ctx.source, region=region.name if region.code else written,
                                adcode=region.code, program=program, area=area, variant=variant,
                                metric=metric or "standard", value=round(value * mult, 6), unit=u,
                                quote=quote, period=row_period, status=status,
                                unit_inferred=unit_inferred, region_inferred=inferred,
                                provenance=Provenance(document_id=ctx.document_id, start=start, end=end,
                                                      table_row=ri, table_column=col.index)))
    return out


def _row_places(row, code_col, label_cols, places: _Places, regions):
    """(region, as written) of a row, or "total" for a row standing for the whole table."""
    v = vocab()
    if code_col is not None and code_col < len(row):
        r = _code_region(row[code_col], regions)
        if r is not None:
            return [(r, r.name)]
    for j in label_cols:
        if j >= len(row) or not row[j].strip():
            continue
        cell = row[j].strip()
        if v["total_row"].fullmatch(cell):
            return "total" if cell != "全国" else [(COUNTRY, "全国")]
        found = places.find(cell)
        if found:
            return found
    return []


def _row_date(row, label_cols) -> str | None:
    """The date a row's label is (2015, 2016年, 2019年12月), for tables of standards by year."""
    for j in label_cols:
        if j < len(row) and (m := vocab()["date_cell"].fullmatch(row[j].strip())):
            return iso(int(m.group("y")), int(m.group("m")) if m.group("m") else None)
    return None


def _table_region(found_rows, regions, ctx):
    """What a total row stands for: the region the rows lie in (the country for a table of
    provinces), else the document's."""
    named = [p[0] for _, _, ps, _ in found_rows if isinstance(ps, list) for p in ps if p[0].code]
    if named:
        parents = {r.parent for r in named}
        if parents == {None} or all(r.level == "province" for r in named):
            return (COUNTRY, COUNTRY.name)
        if len(parents) == 1 and (p := regions.get(parents.pop())) is not None:
            return (p, p.name)
    if ctx.region is not None:
        return (ctx.region, ctx.region.name)
    return None


def _row_span(text: str, pos: int, limit: int, row: list[str]) -> tuple[int, int]:
    """Where the row stands in the text after ``pos``: its cells found in order (a merged cell
    repeated in the grid is written once)."""
    first, start, end = pos, None, None
    prev = None
    for cell in row:
        cell = cell.strip()
        if not cell or cell == prev:
            continue
        prev = cell
        at = text.find(cell, pos, limit)
        if at < 0:
            continue
        if start is None:
            start = at
        pos = end = at + len(cell)
    return (start, end) if start is not None else (first, first)
