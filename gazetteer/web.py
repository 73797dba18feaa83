"""The place a web address names: a provincial portal (fgw.sh.gov.cn), a host label that is a
place's pinyin alone or with an affix (mzj.hebi.gov.cn, dongyingnews.cn, 52fuqing.com), a first
path segment that is one (/haerbin/), a province's initialism as a folder (/news/fj/), or, weakest,
a place's initials (bbnews.cn 蚌埠, ahhy.gov.cn 安徽怀远).

The ``pinyin`` and ``initials`` columns of regions.csv are made by ``data/make_regions.py``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .model import Region
from .table import DivisionTable

URL = re.compile(r"\s*(?:https?://)?(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::\d+)?(?P<path>/[^\s?#]*)?")


class WebNames:
    def __init__(self, table: DivisionTable, rows: list[dict], aliases: dict):
        self.table = table
        # pinyin of provinces, prefectures and county-level cities: the places web hosts name
        self._pinyin: dict[str, list[Region]] = defaultdict(list)
        self._county_pinyin: dict[str, list[Region]] = defaultdict(list)
        initials: dict[str, list[Region]] = defaultdict(list)
        for r, region in zip(rows, table.tabled):
            if r.get("pinyin") and (region.level != "county" or region.name.endswith("市")):
                self._pinyin[r["pinyin"]].append(region)
            elif r.get("pinyin") and len(r["pinyin"]) >= 5:  # a county's, used when alone (ilinqu.cn)
                self._county_pinyin[r["pinyin"]].append(region)
            if r.get("initials") and region.level in ("prefecture", "county"):
                initials[r["initials"]].append(region)
        self._portals = {k: table.region(c, "province_portals") for k, c in aliases["province_portals"].items()}
        self._url_affixes = sorted(aliases["url_affixes"], key=len, reverse=True)
        self._province_path = aliases["province_path"]
        self._initials_affixes = aliases["initials_affixes"]
        self._index_initials(initials)

    def _index_initials(self, initials: dict[str, list[Region]]) -> None:
        """region.url_initials: a prefecture's initials alone nationwide (bbnews.cn), or a county's
        or prefecture's initials alone in the province whose initialism precedes them (ahhy.gov.cn)."""
        self._initials = {k: rs[0] for k, v in initials.items()
                          if len(rs := [r for r in v if r.level == "prefecture"]) == 1}
        by_province: dict[tuple[str, str], list[Region]] = defaultdict(list)
        ancestors = self.table.ancestors
        for k, v in initials.items():
            for r in v:
                by_province[(ancestors(r)[-1].code if ancestors(r) else "", k)].append(r)
        self._initials_in = {key: v[0] for key, v in by_province.items() if len(v) == 1}

    def from_url(self, url: str | None) -> Region | None:
        """The place a web address names; None when no place or several (yulin is both 玉林 and 榆林)."""
        m = URL.match(url or "")
        if not m:
            return None
        labels = m.group("host").lower().split(".")
        if labels[-2:] == ["gov", "cn"] and len(labels) > 2 and labels[-3] in self._portals:
            return self._portals[labels[-3]]
        found = set()
        for label in labels:
            found |= self._places_in(label.lstrip("0123456789"), self._url_affixes)
        segments = (m.group("path") or "").strip("/").lower().split("/")
        found |= self._places_in(segments[0], ())
        if not found:  # /news/fj/3009370.html: a province's initialism as a folder
            found = {self.table.get(self._province_path[seg]) for seg in segments[:-1]
                     if seg in self._province_path}
        if not found:
            found = self._initials_in_host(labels)
        return found.pop() if len(found) == 1 else None

    def _initials_in_host(self, labels: list[str]) -> set[Region]:
        """region.url_initials, the weakest web evidence: bbnews.cn (蚌埠), ahhy.gov.cn (安徽 怀远)."""
        found = set()
        for i, label in enumerate(labels):
            for a in self._initials_affixes:
                if label.endswith(a) and (core := label[:-len(a)]) in self._initials and len(core) >= 2:
                    found.add(self._initials[core])
            if labels[i + 1:] == ["gov", "cn"]:
                for prefix, code in self._province_path.items():
                    if label.startswith(prefix) and (code, label[len(prefix):]) in self._initials_in:
                        found.add(self._initials_in[(code, label[len(prefix):])])
        return found

    def _places_in(self, label: str, affixes) -> set[Region]:
        cores = {label} | {label[len(a):] for a in affixes if label.startswith(a)} \
            | {label[:-len(a)] for a in affixes if label.endswith(a)}
        found = {r for core in cores if len(core) >= 4 for r in self._pinyin.get(core, ())}
        if not found:  # a county's pinyin, only where no city's and no other county's is the same
            found = {r for core in cores if core not in self._pinyin
                     and len(self._county_pinyin.get(core, ())) == 1 for r in self._county_pinyin[core]}
        return found
