"""The division table: every region by code and by each name it goes by, its ancestors and
children, and the one region a name means (``lookup``) or the nearest names (``suggest``).

Names come from the table's rows (full names, short names, former names, 黔南州 and 三都县 made
from a short name and a level word) and from the aliases file (zones and groups without a code,
aliases). Each name keeps its kind (``model.FULL`` … ``SHORT``), which ``model.pick`` ranks.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict

from .model import ABBR, ALIAS, FORMER, FULL, SHORT, Region, RegionMention, pick

_AUTONOMOUS = re.compile(r"自治(州|县|旗)$")


def _float(s: str) -> float | None:
    return float(s) if s else None


def region_of(row: dict) -> Region:
    """A row of regions.csv as a Region."""
    return Region(row["code"] or None, row["name"], row["level"], row["parent"] or None,
                  row["short_name"] or None, _float(row["longitude"]), _float(row["latitude"]))


class DivisionTable:
    def __init__(self, rows: list[dict], aliases: dict):
        self._by_code: dict[str, Region] = {}
        self.names: dict[str, list[tuple[Region, str]]] = defaultdict(list)  # name -> (region, kind)
        self._chains: dict[Region, tuple[Region, ...]] = {}  # ancestors, as asked for
        self._within: dict[tuple[str, str], list] = {}  # candidates under a region, as asked for
        self._regions: list[Region] = []
        self.tabled: list[Region] = []  # one per row, in the table's order
        for r in rows:
            region = region_of(r)
            self.tabled.append(region)
            self._add_region(region, [n for n in r["former_names"].split(";") if n])
        self._add_untabled(aliases)
        self.common = set(aliases["common_words"])  # words that are never a region (和平, 东方)
        self._anonymised = re.compile(aliases["anonymised"])
        self.level_suffixes = sorted(aliases["level_suffixes"], key=len, reverse=True)
        self._children: dict[str, list[Region]] = defaultdict(list)
        for region in self._regions:
            if region.parent:
                self._children[region.parent].append(region)
        # the short names of prefectures that name one prefecture only (十堰), for titles
        self._city_shorts: dict[str, Region] = {}
        for name, entries in self.names.items():
            cities = {r for r, k in entries if k == SHORT and r.level == "prefecture"}
            if len(cities) == 1 and name not in self.common:
                self._city_shorts[name] = cities.pop()

    # ---- building -------------------------------------------------------------------------
    def _add(self, name: str, region: Region, kind: str) -> None:
        entry = (region, kind)
        if name and entry not in self.names[name]:
            self.names[name].append(entry)

    def _add_region(self, region: Region, former: list[str]) -> None:
        self._regions.append(region)
        if region.code:
            self._by_code[region.code] = region
        self._add(region.name, region, FULL)
        short = region.short_name
        if region.level == "zone":
            # jionlp zone short names are generic (高新区, 经开区); 高新 is how lists write them
            for s in {short, short.removesuffix("区") if short else None} - {None, ""}:
                if len(s) >= 2:
                    self._add(s, region, SHORT)
            return
        if short and short != region.name:
            kind = ALIAS if region.level == "province" else SHORT
            self._add(short, region, kind)
            m = _AUTONOMOUS.search(region.name)
            if m:
                self._add(short + m.group(1), region, ABBR)  # 黔南州, 三都县
            elif region.level == "county" and region.name.endswith("县") and len(short) >= 2:
                self._add(short + "县", region, ABBR)
        for name in former:
            self._add(name, region, FORMER)

    def _add_untabled(self, aliases: dict) -> None:
        """Zones, groups and aliases from the aliases file."""
        tabled = {(r.name, r.parent): r for r in self._regions if r.level == "zone"}
        for z in aliases.get("zones", []):
            region = tabled.get((z["name"], z["parent"]))  # in the division table too: one zone
            if region is None:
                region = Region(z.get("code"), z["name"], "zone", z["parent"], (z.get("short") or [None])[0])
                self._regions.append(region)
                self._add(z["name"], region, FULL)
            for s in z.get("short") or []:
                self._add(s, region, SHORT)
        for name in aliases.get("groups", []):
            self._add(name, Region(None, name, "group", None), FULL)
        for name, code in (aliases.get("aliases") or {}).items():
            if code in self._by_code:
                self._add(name, self._by_code[code], ALIAS)

    # ---- the table ------------------------------------------------------------------------
    def get(self, code) -> Region | None:
        if code is None:
            return None
        return self._by_code.get(str(code))

    def region(self, code: str, where: str) -> Region:
        """The region of a code the aliases file names under ``where``; a ValueError if none."""
        found = self._by_code.get(str(code))
        if found is None:
            raise ValueError(f"region_aliases.yaml: {where} names code {code!r}, which regions.csv lacks")
        return found

    def regions(self, level: str | None = None) -> list[Region]:
        """Every region (of ``level`` when given), in the table's order, then zones the aliases add."""
        return [r for r in self._regions if level is None or r.level == level]

    def parent_of(self, region: Region) -> Region | None:
        return self._by_code.get(region.parent) if region and region.parent else None

    def ancestors(self, region: Region) -> list[Region]:
        """Nearest first, up to the province (the country is not included)."""
        return list(self._lineage(region))

    def _lineage(self, region: Region) -> tuple[Region, ...]:
        # asked for at every name found: remembered per region (the table does not change)
        chain = self._chains.get(region)
        if chain is None:
            out, cur = [], self.parent_of(region)
            while cur is not None and cur.level != "country":
                out.append(cur)
                cur = self.parent_of(cur)
            chain = self._chains[region] = tuple(out)
        return chain

    def children(self, region: Region) -> list[Region]:
        return list(self._children.get(region.code, [])) if region and region.code else []

    def is_within(self, region: Region, code: str | None) -> bool:
        """True when ``code`` is the region itself or one of its ancestors."""
        if code is None:
            return True
        if region.code == code:
            return True
        return region.parent == code or any(a.code == code for a in self._lineage(region))

    def province_of(self, region: Region | None) -> Region | None:
        if region is None or region.level in ("country", "group"):
            return None
        if region.level == "province":
            return region
        chain = self.ancestors(region)
        return chain[-1] if chain and chain[-1].level == "province" else None

    # ---- names ----------------------------------------------------------------------------
    def candidates(self, name: str, within: str | None = None) -> list[tuple[Region, str]]:
        """Every (region, kind) a name may mean, restricted to ``within`` when given."""
        entries = self.names.get(name, ())
        if within is None or not entries:
            return list(entries)
        key = (name, within)
        found = self._within.get(key)
        if found is None:
            if len(self._within) > 65536:
                self._within.clear()
            found = self._within[key] = [(r, k) for r, k in entries if self.is_within(r, within)]
        return list(found)

    def lookup(self, name: str, within: str | None = None) -> Region | None:
        """The one region a name means, or None when unknown or ambiguous."""
        name = (name or "").strip()
        if not name or self._anonymised.match(name):
            return None
        cands = self.candidates(name, within)
        if not cands:
            # a written form the table lacks: 三都县 for a 市, 黔南地区; retry on the bare stem
            for suf in self.level_suffixes:
                stem = name[: -len(suf)]
                if name.endswith(suf) and len(stem) >= 2:
                    cands = [(r, k) for r, k in self.candidates(stem, within) if k == SHORT]
                    break
        if not cands:
            return None
        if within is None:
            if name in self.common:
                return None
        return pick(cands)

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Nearest known names (full names first), for "unknown region" messages."""
        full = [r.name for r in self._regions]
        out = difflib.get_close_matches(name, full, n=n, cutoff=0.5)
        if len(out) < n:
            others = [k for k in self.names if k not in out]
            out += [k for k in difflib.get_close_matches(name, others, n=n, cutoff=0.5) if k not in out]
        return out[:n]

    def anonymised(self, name: str) -> bool:
        """xx市, ***市, 某县: a region the text hides on purpose."""
        return bool(self._anonymised.match(name))

    def bare_city(self, word: str) -> Region | None:
        """The prefecture a bare short name (十堰, 台州) means, if it means exactly one."""
        return self._city_shorts.get(word)

    def bare_cities(self, title: str) -> list[RegionMention]:
        """Prefecture short names standing alone (十堰再次提高…): safe in a title, not in prose."""
        out = []
        for i in range(len(title) - 1):
            for n in (4, 3, 2):
                word = title[i:i + n]
                city = self._city_shorts.get(word) if len(word) == n else None
                if city is not None:
                    out.append(RegionMention(i, i + n, word, city))
                    break
        return out
