"""Paired values over levels: 30%、60% for two care levels go to the levels the quote names.

The extractor gives one record per figure; when a quote holds several figures for one metric set
per level (``care_standard``) and names no level for them, this module reads the levels the quote
names, in the order written, and gives each figure its level. When the quote does not name as many
levels as there are figures, the records are marked ambiguous: resolution then reports the
parameter as ambiguous rather than giving the first figure to every level (data/levels.yaml).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import yaml

_DATA = yaml.safe_load((Path(__file__).parent / "data" / "levels.yaml").read_text("utf-8"))
_WORDS = {w: (family, level) for family, levels in _DATA["families"].items()
          for level, words in levels.items() for w in words}
_LEVEL_RE = re.compile("|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)))


def levels_named(quote: str, family: str) -> list[str]:
    """The levels of ``family`` the quote names, in order, each once (全护理、半护理 -> full, half)."""
    named = []
    for m in _LEVEL_RE.finditer(quote):
        fam, level = _WORDS[m.group()]
        if fam == family and level not in named:
            named.append(level)
    return named


def _position(quote: str, value: float) -> int | None:
    m = re.search(rf"(?<![\d.]){re.escape(f'{value:g}')}(?![\d.])", quote)
    return m.start() if m else None


def zip_levels(records: list) -> list:
    """The records with paired figures given their levels, or marked ambiguous; others unchanged."""
    groups = defaultdict(list)
    for i, r in enumerate(records):
        if r.variant is None and r.metric in _DATA["metrics"]:
            groups[(r.document_id, r.adcode, r.program, r.area, r.metric, r.quote, r.period, r.status)].append(i)
    out = list(records)
    for (_, _, _, _, metric, quote, _, _), idx in groups.items():
        values = sorted({records[i].value for i in idx})
        if len(values) < 2:
            continue
        named = levels_named(quote, _DATA["metrics"][metric])
        where = {v: _position(quote, v) for v in values}
        if len(named) == len(values) and None not in where.values():
            level_of = dict(zip(sorted(values, key=where.get), named))
            for i in idx:
                out[i] = replace(records[i], variant=level_of[records[i].value])
            continue
        shown = "、".join(f"{v:g}" for v in sorted(values, key=lambda v: where.get(v) or 0))
        why = (f"{shown} for {len(values)} levels, but the quote names "
               + (", ".join(named) if named else "no level") + f": {quote}")
        for i in idx:
            out[i] = replace(records[i], ambiguous=why)
    return out
