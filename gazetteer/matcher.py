"""Places named in a text: non-overlapping longest mentions, left to right.

    >>> [m.region.code for m in RegionIndex.default().find("都匀市、福泉市为一档")]
    ['522701', '522702']

Names are indexed by their first two characters, so ``find`` tries a handful of dictionary
lookups at each position where a name can start. Full names (都匀市), short forms with their level
word (黔南州, 三都县), former names (郧县), aliases, zones and groups are found anywhere; a bare
short name (都匀, 迁安) only inside a ``、`` list of regions, or when ``within`` names a region it
belongs to. A name that could be several regions is settled by the unambiguous ones around it.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .model import FULL, HAN, SHORT, Region, RegionMention, pick
from .spans import Spans, adjacent
from .table import DivisionTable
from .zones import ZoneReader

_HAN = re.compile(f"[{HAN}]")
# region.short_before_area: the area of a benefit right after a city's short name
_AREA_AFTER = re.compile(r"(?:城市|农村|城乡|城镇)(?:居民)?(?:低保|最低生活保障|特困)")


class Matcher:
    def __init__(self, table: DivisionTable, aliases: dict):
        self.table = table
        self.zones = ZoneReader(table, aliases)
        self._weak_heads = aliases["weak_heads"]
        self._counted = re.compile(aliases["counted_groups"])
        # names by their first two characters, longest first: find() tries only these lengths
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for n in table.names:
            if n not in table.common and len(n) >= 2 and len(n) not in self._lengths[n[:2]]:
                self._lengths[n[:2]].append(len(n))
        for lens in self._lengths.values():
            lens.sort(reverse=True)
        # where a name can start: a character that begins one followed by one that can come second
        # (checked in C; the scan's Python loop then visits about one character in eight). The
        # first is matched, not looked ahead at, so the engine skips to it; one character wide,
        # the matches still stand at every start.
        first, second = ("".join(sorted({re.escape(k[i]) for k in self._lengths})) for i in (0, 1))
        self._starts = re.compile(f"[{first}](?=[{second}])")

    def find(self, text: str, within: str | None = None) -> list[RegionMention]:
        """Non-overlapping longest region mentions, left to right."""
        raw = self._scan(text, within)
        raw = self.zones.read(text, raw, within)
        raw = self._counted_groups(text, raw)
        return self._resolve(text, raw, within) if raw else []

    def _scan(self, text: str, within: str | None):
        """(start, end, candidates, kind) for names accepted in their context, plus bare short
        names marked pending until their list neighbours confirm them."""
        out, pos, names, lengths = [], 0, self.table.names, self._lengths
        for m in self._starts.finditer(text):
            start = m.start()
            if start < pos:
                continue
            lens = lengths.get(text[start:start + 2])
            if not lens:
                continue
            hit = None
            for n in lens:
                if text[start:start + n] in names:
                    hit = self._accept(text, start, start + n, within)
                    if hit:
                        break
            if hit:
                out.append(hit)
                pos = hit[1]
        return out

    def _accept(self, text, start, end, within):
        hit = self._accept_name(text, start, end, within)
        if hit and self.zones.suffix.match(text, hit[1]):
            return None  # the head of a zone name: the zone pass reads it (十堰市经济开发区)
        return hit

    def _accept_name(self, text, start, end, within):
        surface = text[start:end]
        cands = self.table.candidates(surface, within)
        if not cands:
            return None
        if all(k == SHORT for _, k in cands) and self.zones.suffix.match(text, start):
            return None  # 高新 of 高新区 is a zone suffix, not a name
        strong = [(r, k) for r, k in cands if k != SHORT]
        if strong and len(surface) == 2 and surface[0] in self._weak_heads \
                and start and _HAN.match(text[start - 1]):
            return None  # 和县 in 市和县 is a conjunction
        if strong:
            return (start, end, strong, "name")
        return self._accept_short(text, start, end, within, cands)

    def _accept_short(self, text, start, end, within, cands):
        """A bare short name: its level word follows, or ``within`` vouches for it, or a list."""
        for suf in self.table.level_suffixes:
            if text.startswith(suf, end):
                # only the region's own level word: 大城 + 市 is not 大城县
                fits = [(r, k) for r, k in cands if r.name.endswith(suf)]
                return (start, end + len(suf), fits, "name") if fits else None
        if within is not None:
            return (start, end, cands, "name")
        # region.short_before_area: a city's short name before the area of its benefit (合肥城市低保,
        # 贵阳农村低保) is the city, not the start of another name (合 + 肥城市)
        cities = [(r, k) for r, k in cands if r.level in ("province", "prefecture")]
        if cities and _AREA_AFTER.match(text, end):
            return (start, end, cities, "name")
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if "、" in (before, after):
            return (start, end, cands, "pending")
        return None

    def _counted_groups(self, text: str, raw: list) -> list:
        """27个省份, 22个省(区、市): a group of regions named by their number."""
        if "个" not in text:
            return raw
        out = list(raw)
        taken = Spans(raw)  # the matches never overlap one another: the mentions are enough
        for m in self._counted.finditer(text):
            if not taken.overlaps(m.start(), m.end()):
                out.append((m.start(), m.end(), [(Region(None, m.group(), "group", None), FULL)], "name"))
        return sorted(out, key=lambda x: x[0])

    def _resolve(self, text: str, raw: list, within: str | None) -> list[RegionMention]:
        """Confirm pending list items and choose one region per ambiguous name from context."""
        items = _confirm_lists(list(raw))
        context, parents = self._context(items, within)
        out = []
        for start, end, cands, _ in items:
            region = pick(cands)
            if region is None:
                region = self._disambiguate(cands, context, parents)
            if region is None:
                continue
            out.append(RegionMention(start, end, text[start:end], region))
        return out

    def _context(self, items: list, within: str | None) -> tuple[dict, dict]:
        """Codes of unambiguous mentions and their ancestors, counted; and how many ambiguous
        names could sit under each parent."""
        context: dict[str, int] = defaultdict(int)
        for x in items:
            regions = {r for r, _ in x[2]}
            if len(regions) == 1:
                r = next(iter(regions))
                for a in [r] + self.table.ancestors(r):
                    if a.code:
                        context[a.code] += 1
        if within:
            context[within] += 100
        parents = defaultdict(int)
        for x in items:
            for p in {r.parent for r, _ in x[2] if r.parent}:
                parents[p] += 1
        return context, parents

    def _disambiguate(self, cands, context, parents) -> Region | None:
        regions = list({r: None for r, _ in cands})
        def score(r):
            return sum(context.get(a.code, 0) for a in self.table.ancestors(r)) + context.get(r.code, 0)
        scored = sorted(((score(r), r) for r in regions), key=lambda t: -t[0])
        if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        sib = sorted(((parents.get(r.parent, 0), r) for r in regions), key=lambda t: -t[0])
        if sib[0][0] > 1 and (len(sib) == 1 or sib[0][0] > sib[1][0]):
            return sib[0][1]
        return None


def _confirm_lists(items: list) -> list:
    """Pending short names stand when a neighbour in the same 、 list is a region, or when two
    pending items stand next to each other in one list; the others go."""
    changed = True
    while changed:
        changed = False
        for i, x in enumerate(items):
            if x[3] != "pending":
                continue
            neighbours = [items[j] for j in (i - 1, i + 1) if 0 <= j < len(items)]
            if any(adjacent(x, y) and y[3] != "pending" for y in neighbours):
                items[i] = (x[0], x[1], x[2], "name")
                changed = True
    for i, x in enumerate(items):
        if x[3] == "pending" and any(
                adjacent(x, items[j]) for j in (i - 1, i + 1) if 0 <= j < len(items)):
            items[i] = (x[0], x[1], x[2], "list")
    return [x for x in items if x[3] != "pending"]
