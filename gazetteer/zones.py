"""Development zones named in a text: XX经济开发区, 成都高新区, 十堰市经济开发区, 泉州台商投资区.

A zone with no code is kept as written, under the region that heads its name. The zone's name runs
back from its suffix to the first region name in the run of Han characters before it, or to the
start of that run, which stops at function characters and leading verbs (全省高新区 and
推进贵安新区 are not zone names).

Matches are the matcher's raw items: ``(start, end, [(region, kind)], how)``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .model import FULL, HAN, Region, pick
from .spans import Spans
from .table import DivisionTable

_HAN = re.compile(f"[{HAN}]")


class ZoneReader:
    def __init__(self, table: DivisionTable, aliases: dict):
        self.table = table
        suffixes = sorted(aliases["zone_suffixes"], key=len, reverse=True)
        self.suffix = re.compile("|".join(map(re.escape, suffixes)))
        self._last_chars = {s[-1] for s in suffixes}
        self._stops = set(aliases["zone_stop_chars"])
        self._leading = aliases["zone_leading_words"]

    def read(self, text: str, raw: list, within: str | None) -> list:
        """``raw`` with the zones in ``text`` in place of the names they hold."""
        if not any(ch in text for ch in self._last_chars):
            return list(raw)  # no zone suffix can end here (they all end in 区)
        # kept in order of start: a zone replaces the names inside it as one slice (a filter of
        # every name per zone is quadratic on a long text)
        out = sorted(raw, key=lambda x: x[0])
        starts = [x[0] for x in out]
        ends = {x[1]: x for x in raw}
        taken = Spans(raw)  # zones added or names dropped below all end before the next match
        for m in self.suffix.finditer(text):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue  # a known name already covers it (浦东新区, 天府新区)
            prev = ends.get(s)
            if prev is not None and prev[3] != "pending":
                begin, parent = prev[0], pick(prev[2])
            else:
                begin, parent = self._head(text, s, within)
                if s - begin < 2:
                    self._lone(m, s == begin, within, out, starts)
                    continue
            parent_code = parent.code if parent else within
            known = self.table.lookup(m.group(), within=parent_code) if parent_code else None
            if known is None or known.level != "zone":
                known = Region(None, text[begin:e], "zone", parent_code)
            # the names starting in [begin, s) all end by s: one reaching past s would overlap
            # the suffix, and was skipped above
            lo, hi = bisect_left(starts, begin), bisect_left(starts, s)
            out[lo:hi] = [(begin, e, [(known, FULL)], "zone")]
            starts[lo:hi] = [begin]
        return self._merge_prefixed(out)

    def _head(self, text: str, s: int, within: str | None) -> tuple[int, Region | None]:
        """Where the name of a zone whose suffix starts at ``s`` begins, and the region heading it."""
        begin = s
        while begin > 0 and s - begin < 8 and _HAN.match(text[begin - 1]) \
                and text[begin - 1] not in self._stops:
            begin -= 1
        run = text[begin:s]
        for w in self._leading:
            if run.startswith(w):
                begin, run = begin + len(w), run[len(w):]
        parent = None
        for i in range(len(run) - 1):  # the first region name in the run heads the zone
            for k in range(min(len(run) - i, 8), 1, -1):
                cands = [c for c in self.table.candidates(run[i:i + k], within)
                         if c[0].level not in ("zone", "group")]
                if cands and run[i:i + k] not in self.table.common:
                    parent = pick(cands)
                    begin += i  # an ambiguous name moves the start on and the search goes on
                    break
            if parent is not None:
                break
        return begin, parent

    def _lone(self, m: re.Match, bare: bool, within: str | None, out: list, starts: list) -> None:
        """高新区 alone, in a document about a city: that city's zone of that name."""
        known = self.table.lookup(m.group(), within=within) if within and bare else None
        if known is not None and known.level == "zone":
            s, e = m.span()
            i = bisect_left(starts, s)
            out.insert(i, (s, e, [(known, FULL)], "zone"))
            starts.insert(i, s)

    def _merge_prefixed(self, items: list) -> list:
        """A region written right before a zone of its own is part of the zone's name (成都天府新区)."""
        merged = []
        for x in items:
            prev = merged[-1] if merged else None
            zone = x[2][0][0]
            if prev and prev[1] == x[0] and zone.level == "zone" and zone.parent \
                    and (up := self.table.get(zone.parent)) is not None \
                    and any(r.code and self.table.is_within(up, r.code) for r, _ in prev[2]):
                merged[-1] = (prev[0], x[1], x[2], "zone")
            else:
                merged.append(x)
        return merged
