"""Standards from tables: one record per row and figure column.

A standards table has a column of regions and columns whose headers name a program (``城市低保标准
(元/月)``); the unit stands in a header or in the caption (``金额单位:城市元/人·月,农村元/人·年``),
the period in the caption (``黔南州2015年城乡低保标准``). A row whose region cell lists several
regions (``都匀市、福泉市、都匀经济开发区``) gives a record for each.
"""
from __future__ import annotations

import re

from schemas import Provenance, Standard

from .amounts import _suffix_unit
from .dates import iso
from .numbers import parse_number

_UNIT = re.compile(r"元\s*((?:/|每)\s*(?:人|户)?\s*[·/、]?\s*(?:月|年)(?:\s*[·/、]?\s*(?:人|户))?)")
_AREA_UNIT = re.compile(r"(城市|城镇|农村)[^,;,;]{0,4}?元\s*((?:/|每)\s*(?:人|户)?\s*[·/、]?\s*(?:月|年)(?:\s*[·/、]?\s*(?:人|户))?)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_AREA_WORD = {"城市": "urban", "城镇": "urban", "农村": "rural"}


def _unit_of(text: str) -> str | None:
    m = _UNIT.search(text)
    return _suffix_unit(m.group(1)) if m else None


def _common_parent(body, fig_cols, regions) -> str | None:
    """The region most of a table's rows lie in (七里河区, 榆中县 -> 兰州市), so an ambiguous row
    (城关区) resolves there."""
    parents: dict[str, int] = {}
    for row in body:
        for j, cell in enumerate(row):
            if j not in fig_cols:
                for m in regions.find(cell):
                    if m.region.parent:
                        parents[m.region.parent] = parents.get(m.region.parent, 0) + 1
    if not parents:
        return None
    best = max(parents, key=parents.get)
    return best if parents[best] >= 2 else None


def read_table(block, doc_text: str, reader, regions, ctx) -> list[Standard]:
    rows = block.rows or []
    if len(rows) < 2:
        return []
    caption = block.caption or ""
    header_i = next((i for i, r in enumerate(rows[:3])
                     if any(reader.frame(c).programs or "标准" in c for c in r)), None)
    if header_i is None:
        return []
    header = rows[header_i]
    caption_frame = reader.frame(caption)
    area_units = {_AREA_WORD[a]: _suffix_unit(u) for a, u in _AREA_UNIT.findall(caption)}
    year = _YEAR.search(caption)
    period = iso(int(year.group(1))) if year else ctx.period
    figure_cols = []
    for j, cell in enumerate(header):
        fr = reader.frame(cell)
        programs = fr.programs or (caption_frame.programs if "标准" in cell else [])
        if programs:
            areas = reader._areas(fr.areas or caption_frame.areas, 1)
            figure_cols.append((j, programs, areas, fr.metric or "standard", _unit_of(cell)))
    if not figure_cols:
        return []
    out = []
    body = rows[header_i + 1:]
    fig_cols = {c[0] for c in figure_cols}
    within = ctx.within or _common_parent(body, fig_cols, regions)
    for row in body:
        mentions = []
        for j, cell in enumerate(row):
            if j in fig_cols:
                continue
            mentions = regions.find(cell, within=within) or regions.find(cell)
            if mentions:
                break
        if not mentions:
            continue
        quote = " | ".join(row)
        pos = doc_text.find(row[0], block.start, block.end) if row[0] else -1
        start = pos if pos >= 0 else block.start
        for j, programs, areas, metric, unit in figure_cols:
            if j >= len(row):
                continue
            value = parse_number(re.sub(r"[^\d.,万亿零一二三四五六七八九十百千]", "", row[j]))
            if value is None:
                continue
            for area in areas:
                u = unit or area_units.get(area) or _unit_of(caption)
                if u is None:
                    continue
                for program in programs:
                    for m in mentions:
                        r = m.region
                        out.append(Standard(
                            source=ctx.source, region=r.name if r.code else m.text, adcode=r.code,
                            program=program, area=area, variant=None, metric=metric, value=value,
                            unit=u, quote=quote, period=period, status="in_force",
                            provenance=Provenance(document_id=ctx.document_id, start=start,
                                                  end=start + len(row[0]))))
    return out
