"""The region at the head of a 文号: 黔南府办函 -> 黔南州, 桂政办发 -> 广西, 贺民规 -> 贺州市.

A name (黔南, 成都) followed by an organisation character names its region; a single character
(桂, 贺, 唐) is a province's abbreviation or the first character of a prefecture, settled by the
provinces the rest of a document's evidence shows when one is known.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .model import HAN, Region, pick
from .table import DivisionTable

_HEAD = re.compile(rf"\s*([{HAN}]+)")


class DocNumberPlaces:
    def __init__(self, table: DivisionTable, aliases: dict):
        self.table = table
        self._org = aliases["doc_number_org_chars"]
        self._national = aliases["national_doc_prefixes"]
        self._abbrev = {ch: table.region(c, "province_abbreviations")
                        for ch, c in aliases["province_abbreviations"].items()}
        self._by_initial: dict[str, list[Region]] = defaultdict(list)  # 贺 -> 贺州市
        for region in table.regions("prefecture"):
            self._by_initial[(region.short_name or region.name)[0]].append(region)

    def region(self, number: str, provinces: set[str] | None = None) -> Region | None:
        """The region heading ``number``; a one-character prefix when the province
        (``provinces``, codes) is known or the character fits one city only."""
        m = _HEAD.match(number or "")
        prefix = m.group(1)[-7:] if m else ""
        return self._named(prefix, provinces) or self._initial(prefix, provinces)

    def _named(self, prefix: str, provinces: set[str] | None) -> Region | None:
        """A name followed by an organisation character (黔南府, 成都市民)."""
        table, org = self.table, self._org
        for i in range(len(prefix) - 1):
            rest = prefix[i:]
            for k in range(len(rest) - 1, 1, -1):
                if rest[:k] in table.common or rest[k] not in org:
                    continue
                cands = table.candidates(rest[:k])
                region = pick(cands)
                if region is None and cands and provinces:
                    inside = {r for r, _ in cands if (p := table.province_of(r)) and p.code in provinces}
                    region = next(iter(inside)) if len(inside) == 1 else None
                if region is not None:
                    return region
        return None

    def _initial(self, prefix: str, provinces: set[str] | None) -> Region | None:
        """One character before an organisation character: 桂, 贺, 唐."""
        for i in range(max(0, len(prefix) - 5), len(prefix) - 1):
            ch = prefix[i]
            if ch in self._national or prefix[i + 1] not in self._org:
                continue
            cities = list(self._by_initial.get(ch, ()))
            if provinces:
                cities = [r for r in cities if r.parent in provinces]
            if ch in self._abbrev and (not provinces or self._abbrev[ch].code in provinces) \
                    and not (provinces and len(cities) == 1):
                return self._abbrev[ch]
            return cities[0] if len(cities) == 1 else None
        return None
