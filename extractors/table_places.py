"""Where a table's rows apply: a row's place from its label or code column (garbled and short
names resolved under the table's common parent), and the row standing for the whole table."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from language.dates import pattern as date_pattern

from gazetteer import COUNTRY, Region

DATA = Path(__file__).parent / "data" / "tables.yaml"


@lru_cache(maxsize=1)
def vocab() -> dict:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out = {k: re.compile(v) if isinstance(v, str) else v for k, v in raw.items()}
    # the periods a table states are dates: their patterns are the language layer's
    out.update({k: date_pattern(f"table_{k}") for k in ("year_month", "quarter", "year")}, date_cell=date_pattern("date_cell"))
    return out


_SPLIT = re.compile(r"[、,;,;和及]")  # one character each: parts keep their offsets


def _code_region(cell: str, regions) -> Region | None:
    cell = cell.strip()
    if not vocab()["code_cell"].fullmatch(cell):
        return None
    return regions.get(cell[:6].ljust(6, "0"))


class Places:
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


def common_parent(cells: list[str], regions) -> str | None:
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


def places_of_row(row, code_col, label_cols, places: Places, regions):
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


def whole_table_region(found_rows, regions, ctx):
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
