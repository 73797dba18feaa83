"""Regions: the national division table, names found in text, and a document's own region.

Data lives in ``extractors/data``: ``regions.csv`` (built by ``make_regions.py`` from jionlp and
cpca, see ``regions.md``) and ``region_aliases.yaml`` (abbreviations, zones, groups, and the word
lists the rules below use).

    >>> idx = RegionIndex.default()
    >>> idx.lookup("黔南州").code
    '522700'
    >>> [m.region.code for m in idx.find("都匀市、福泉市为一档")]
    ['522701', '522702']

Names are indexed by their first two characters, so ``find`` tries a handful of dictionary
lookups at each position where a name can start.
Full names (都匀市), short forms with their level word (黔南州, 三都县), former names (郧县),
aliases, zones and groups are found anywhere; a bare short name (都匀, 迁安) only inside a
``、`` list of regions, or when ``within`` names a region it belongs to.
"""
from __future__ import annotations

import csv
import difflib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import yaml

from language.docnumbers import doc_numbers
from language.selfref import DEICTIC, SELF_LEVEL, SELF_OR_WHOLE, speaks_as
from language.titles import CITED as QUOTED

DATA = Path(__file__).parent.parent / "gazetteer" / "data"
HAN = "\u4e00-\u9fff"
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}

# kinds of name, in order of preference when one surface has several meanings
FULL, ABBR, FORMER, ALIAS, SHORT = "full", "abbr", "former", "alias", "short"
_RANK = {FULL: 0, ALIAS: 1, ABBR: 2, FORMER: 3, SHORT: 4}


@dataclass(frozen=True)
class Region:
    code: str | None
    name: str
    level: str  # country, province, prefecture, county, zone, group
    parent: str | None
    short_name: str | None = None
    longitude: float | None = None
    latitude: float | None = None


class RegionMention(NamedTuple):  # a tuple: cheap to make and to shift into a clause
    start: int
    end: int
    text: str
    region: Region


COUNTRY = Region("100000", "全国", "country", None)


def _float(s: str) -> float | None:
    return float(s) if s else None


class RegionIndex:
    def __init__(self, rows: list[dict], aliases: dict):
        self.config = aliases
        self._by_code: dict[str, Region] = {}
        self._names: dict[str, list[tuple[Region, str]]] = defaultdict(list)
        self._chains: dict[Region, tuple[Region, ...]] = {}  # ancestors, as asked for
        self._within: dict[tuple[str, str], list] = {}  # candidates under a region, as asked for
        self._regions: list[Region] = []
        # pinyin of provinces, prefectures and county-level cities: the places web hosts name
        self._pinyin: dict[str, list[Region]] = defaultdict(list)
        self._county_pinyin: dict[str, list[Region]] = defaultdict(list)
        initials: dict[str, list[Region]] = defaultdict(list)
        for r in rows:
            region = Region(r["code"] or None, r["name"], r["level"], r["parent"] or None,
                            r["short_name"] or None, _float(r["longitude"]), _float(r["latitude"]))
            self._add_region(region, [n for n in r["former_names"].split(";") if n])
            if r.get("pinyin") and (region.level != "county" or region.name.endswith("市")):
                self._pinyin[r["pinyin"]].append(region)
            elif r.get("pinyin") and len(r["pinyin"]) >= 5:  # a county's, used when alone (ilinqu.cn)
                self._county_pinyin[r["pinyin"]].append(region)
            if r.get("initials") and region.level in ("prefecture", "county"):
                initials[r["initials"]].append(region)
        tabled = {(r.name, r.parent): r for r in self._regions if r.level == "zone"}
        for z in aliases.get("zones", []):
            code = z.get("code")
            region = tabled.get((z["name"], z["parent"]))  # in the division table too: one zone
            if region is None:
                region = Region(code, z["name"], "zone", z["parent"], (z.get("short") or [None])[0])
                self._regions.append(region)
                self._add(z["name"], region, FULL)
            for s in z.get("short") or []:
                self._add(s, region, SHORT)
        for name in aliases.get("groups", []):
            self._add(name, Region(None, name, "group", None), FULL)
        for name, code in (aliases.get("aliases") or {}).items():
            if code in self._by_code:
                self._add(name, self._by_code[code], ALIAS)
        self._abbrev = {ch: self._by_code[c] for ch, c in aliases["province_abbreviations"].items()}
        self._common = set(aliases["common_words"])
        self._portals = {k: self._by_code[c] for k, c in aliases["province_portals"].items()}
        self._url_affixes = sorted(aliases["url_affixes"], key=len, reverse=True)
        self._anonymised = re.compile(aliases["anonymised"])
        self._counted = re.compile(aliases["counted_groups"])
        self._children: dict[str, list[Region]] = defaultdict(list)
        self._prefectures_by_initial: dict[str, list[Region]] = defaultdict(list)  # 贺 -> 贺州市
        for region in self._regions:
            if region.parent:
                self._children[region.parent].append(region)
            if region.level == "prefecture":
                self._prefectures_by_initial[(region.short_name or region.name)[0]].append(region)
        # region.url_initials: a prefecture's initials alone nationwide (bbnews.cn), or a county's or
        # prefecture's initials alone in the province whose initialism precedes them (ahhy.gov.cn)
        self._initials = {k: rs[0] for k, v in initials.items()
                          if len(rs := [r for r in v if r.level == "prefecture"]) == 1}
        by_province: dict[tuple[str, str], list[Region]] = defaultdict(list)
        for k, v in initials.items():
            for r in v:
                by_province[(self.ancestors(r)[-1].code if self.ancestors(r) else "", k)].append(r)
        self._initials_in = {key: v[0] for key, v in by_province.items() if len(v) == 1}
        self._initials_affixes = aliases["initials_affixes"]
        # the short names of prefectures that name one prefecture only (十堰), for titles
        self._city_shorts: dict[str, Region] = {}
        for name, entries in self._names.items():
            cities = {r for r, k in entries if k == SHORT and r.level == "prefecture"}
            if len(cities) == 1 and name not in self._common:
                self._city_shorts[name] = cities.pop()
        # names by their first two characters, longest first: find() tries only these lengths
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for n in self._names:
            if n not in self._common and len(n) >= 2 and len(n) not in self._lengths[n[:2]]:
                self._lengths[n[:2]].append(len(n))
        for lens in self._lengths.values():
            lens.sort(reverse=True)
        # where a name can start: a character that begins one followed by one that can come second
        # (checked in C; the scan's Python loop then visits about one character in eight). The
        # first is matched, not looked ahead at, so the engine skips to it; one character wide,
        # the matches still stand at every start.
        first, second = ("".join(sorted({re.escape(k[i]) for k in self._lengths})) for i in (0, 1))
        self._starts = re.compile(f"[{first}](?=[{second}])")
        suffixes = sorted(aliases["zone_suffixes"], key=len, reverse=True)
        self._zone_suffix = re.compile("|".join(map(re.escape, suffixes)))
        self._zone_last_chars = {s[-1] for s in suffixes}
        self._zone_stops = set(aliases["zone_stop_chars"])
        self._level_suffix = sorted(aliases["level_suffixes"], key=len, reverse=True)
        org = sorted(aliases["organisation_suffixes"], key=len, reverse=True)
        self._org = re.compile(rf"[{HAN}]{{0,10}}?(?:{'|'.join(map(re.escape, org))})")

    # ---- building -------------------------------------------------------------------------
    def _add(self, name: str, region: Region, kind: str) -> None:
        entry = (region, kind)
        if name and entry not in self._names[name]:
            self._names[name].append(entry)

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
            m = re.search(r"自治(州|县|旗)$", region.name)
            if m:
                self._add(short + m.group(1), region, ABBR)  # 黔南州, 三都县
            elif region.level == "county" and region.name.endswith("县") and len(short) >= 2:
                self._add(short + "县", region, ABBR)
        for name in former:
            self._add(name, region, FORMER)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "RegionIndex":
        with (DATA / "regions.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        aliases = yaml.safe_load((DATA / "region_aliases.yaml").read_text(encoding="utf-8"))
        return cls(rows, aliases)

    # ---- the table ------------------------------------------------------------------------
    def get(self, code) -> Region | None:
        if code is None:
            return None
        return self._by_code.get(str(code))

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
        entries = self._names.get(name, ())
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
            for suf in self._level_suffix:
                stem = name[: -len(suf)]
                if name.endswith(suf) and len(stem) >= 2:
                    cands = [(r, k) for r, k in self.candidates(stem, within) if k == SHORT]
                    break
        if not cands:
            return None
        if within is None:
            if name in self._common:
                return None
        return _pick(cands)

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Nearest known names (full names first), for "unknown region" messages."""
        full = [r.name for r in self._regions]
        out = difflib.get_close_matches(name, full, n=n, cutoff=0.5)
        if len(out) < n:
            others = [k for k in self._names if k not in out]
            out += [k for k in difflib.get_close_matches(name, others, n=n, cutoff=0.5) if k not in out]
        return out[:n]

    def anonymised(self, name: str) -> bool:
        """xx市, ***市, 某县: a region the text hides on purpose."""
        return bool(self._anonymised.match(name))

    # ---- finding names in text ------------------------------------------------------------
    def find(self, text: str, within: str | None = None) -> list[RegionMention]:
        """Non-overlapping longest region mentions, left to right."""
        raw = self._scan(text, within)
        raw = self._zones(text, raw, within)
        raw = self._counted_groups(text, raw)
        return self._resolve(text, raw, within) if raw else []

    def _scan(self, text: str, within: str | None):
        """(start, end, candidates, kind) for names accepted in their context, plus bare short
        names marked pending until their list neighbours confirm them."""
        out, pos, names, lengths = [], 0, self._names, self._lengths
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
        if hit and self._zone_suffix.match(text, hit[1]):
            return None  # the head of a zone name: the zone pass reads it (十堰市经济开发区)
        return hit

    def _accept_name(self, text, start, end, within):
        surface = text[start:end]
        cands = self.candidates(surface, within)
        if not cands:
            return None
        if all(k == SHORT for _, k in cands) and self._zone_suffix.match(text, start):
            return None  # 高新 of 高新区 is a zone suffix, not a name
        strong = [(r, k) for r, k in cands if k != SHORT]
        if strong and len(surface) == 2 and surface[0] in self.config["weak_heads"] \
                and start and re.match(f"[{HAN}]", text[start - 1]):
            return None  # 和县 in 市和县 is a conjunction
        if strong:
            return (start, end, strong, "name")
        # a bare short name: its level word follows, or `within` vouches for it, or a list
        for suf in self._level_suffix:
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

    def _zones(self, text: str, raw: list, within: str | None):
        """XX经济开发区, 成都高新区, 十堰市经济开发区: a zone with no code, named as written.

        The zone's name runs back from its suffix to the first region name in the run of Han
        characters before it (泉州台商投资区), or to the start of that run, which stops at
        function characters and leading verbs (全省高新区 and 推进贵安新区 are not zone names)."""
        if not any(ch in text for ch in self._zone_last_chars):
            return list(raw)  # no zone suffix can end here (they all end in 区)
        stops = self._zone_stops
        leading = self.config["zone_leading_words"]
        # kept in order of start: a zone replaces the names inside it as one slice (a filter of
        # every name per zone is quadratic on a long text)
        out = sorted(raw, key=lambda x: x[0])
        starts = [x[0] for x in out]
        ends = {x[1]: x for x in raw}
        taken = _Spans(raw)  # zones added or names dropped below all end before the next match
        for m in self._zone_suffix.finditer(text):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue  # a known name already covers it (浦东新区, 天府新区)
            prev = ends.get(s)
            if prev is not None and prev[3] == "pending":
                prev = None
            if prev is not None:
                begin = prev[0]
                parent = _pick(prev[2])
            else:
                begin = s
                while begin > 0 and s - begin < 8 and re.match(f"[{HAN}]", text[begin - 1]) \
                        and text[begin - 1] not in stops:
                    begin -= 1
                run = text[begin:s]
                for w in leading:
                    if run.startswith(w):
                        begin, run = begin + len(w), run[len(w):]
                parent = None
                for i in range(len(run) - 1):  # the first region name in the run heads the zone
                    for k in range(min(len(run) - i, 8), 1, -1):
                        cands = [c for c in self.candidates(run[i:i + k], within)
                                 if c[0].level not in ("zone", "group")]
                        if cands and run[i:i + k] not in self._common:
                            parent = _pick(cands)
                            begin += i
                            break
                    if parent is not None:
                        break
                if s - begin < 2:
                    # 高新区 alone, in a document about a city: that city's zone of that name
                    known = self.lookup(m.group(), within=within) if within and s == begin else None
                    if known is not None and known.level == "zone":
                        i = bisect_left(starts, s)
                        out.insert(i, (s, e, [(known, FULL)], "zone"))
                        starts.insert(i, s)
                    continue
            parent_code = parent.code if parent else within
            known = self.lookup(m.group(), within=parent_code) if parent_code else None
            if known is None or known.level != "zone":
                known = Region(None, text[begin:e], "zone", parent_code)
            # the names starting in [begin, s) all end by s: one reaching past s would overlap
            # the suffix, and was skipped above
            lo, hi = bisect_left(starts, begin), bisect_left(starts, s)
            out[lo:hi] = [(begin, e, [(known, FULL)], "zone")]
            starts[lo:hi] = [begin]
        # a region written right before a zone of its own is part of the zone's name (成都天府新区)
        merged = []
        for x in out:
            prev = merged[-1] if merged else None
            zone = x[2][0][0]
            if prev and prev[1] == x[0] and zone.level == "zone" and zone.parent \
                    and (up := self.get(zone.parent)) is not None \
                    and any(r.code and self.is_within(up, r.code) for r, _ in prev[2]):
                merged[-1] = (prev[0], x[1], x[2], "zone")
            else:
                merged.append(x)
        return merged

    def _counted_groups(self, text: str, raw: list) -> list:
        """27个省份, 22个省(区、市): a group of regions named by their number."""
        if "个" not in text:
            return raw
        out = list(raw)
        taken = _Spans(raw)  # the matches never overlap one another: the mentions are enough
        for m in self._counted.finditer(text):
            if not taken.overlaps(m.start(), m.end()):
                out.append((m.start(), m.end(), [(Region(None, m.group(), "group", None), FULL)], "name"))
        return sorted(out, key=lambda x: x[0])

    def _resolve(self, text: str, raw: list, within: str | None) -> list[RegionMention]:
        """Confirm pending list items and choose one region per ambiguous name from context."""
        items = list(raw)
        # pending short names stand when a neighbour in the same 、 list is a region
        changed = True
        while changed:
            changed = False
            for i, x in enumerate(items):
                if x[3] != "pending":
                    continue
                neighbours = [items[j] for j in (i - 1, i + 1) if 0 <= j < len(items)]
                if any(_adjacent(x, y) and y[3] != "pending" for y in neighbours):
                    items[i] = (x[0], x[1], x[2], "name")
                    changed = True
        # two pending items next to each other in one list stand together
        for i, x in enumerate(items):
            if x[3] == "pending" and any(
                    _adjacent(x, items[j]) for j in (i - 1, i + 1) if 0 <= j < len(items)):
                items[i] = (x[0], x[1], x[2], "list")
        items = [x for x in items if x[3] != "pending"]

        # context: codes of unambiguous mentions and their ancestors
        context: dict[str, int] = defaultdict(int)
        for x in items:
            regions = {r for r, _ in x[2]}
            if len(regions) == 1:
                r = next(iter(regions))
                for a in [r] + self.ancestors(r):
                    if a.code:
                        context[a.code] += 1
        if within:
            context[within] += 100
        parents = defaultdict(int)  # how many ambiguous names could sit under each parent
        for x in items:
            for p in {r.parent for r, _ in x[2] if r.parent}:
                parents[p] += 1

        out = []
        for start, end, cands, _ in items:
            region = _pick(cands)
            if region is None:
                region = self._disambiguate(cands, context, parents)
            if region is None:
                continue
            out.append(RegionMention(start, end, text[start:end], region))
        return out

    def _disambiguate(self, cands, context, parents) -> Region | None:
        regions = list({r: None for r, _ in cands})
        def score(r):
            return sum(context.get(a.code, 0) for a in self.ancestors(r)) + context.get(r.code, 0)
        scored = sorted(((score(r), r) for r in regions), key=lambda t: -t[0])
        if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        sib = sorted(((parents.get(r.parent, 0), r) for r in regions), key=lambda t: -t[0])
        if sib[0][0] > 1 and (len(sib) == 1 or sib[0][0] > sib[1][0]):
            return sib[0][1]
        return None

    # ---- the document's own region --------------------------------------------------------
    def home_region(self, doc, evidence: "_Evidence | None" = None) -> Region | None:
        """The region a document is about, from its title, issuers, 文号 and organisation names,
        then how often it names each region; failing those, from the web address it was copied
        from. Then the level the text calls itself at (我县, 本市) may narrow it to the one place
        of that level it names. None when the evidence is weak or split. ``evidence``: this
        document's ``home_evidence``, when already read."""
        ev = evidence or self.home_evidence(doc)
        text = doc.text or ""
        home = _choose(self, ev) or self._most_named(ev.mentions)
        if home is None and (site := self.from_url(getattr(doc, "url", None))) is not None:
            support = ev.support()
            total = sum(w for _, w, _ in ev.items)
            province = self.province_of(site)
            if total == 0 or support.get(province.code if province else "", 0) >= 0.5 * total:
                # a city's site republishing its province's notice (全省…): the province
                level = speaks_as(text, SELF_OR_WHOLE)
                home = (self.resolve_deictic(level, site) if level else None) or site
        home = self._narrow_to_self_level(text, home, ev)
        if home is not None and home.level == "province":
            # region.site_below_home: a province named only as a whole (its cited 皖政 documents)
            # over a city's or county's site, in a text that speaks as a 市 or 县: the site's place
            site = self.from_url(getattr(doc, "url", None))
            level = speaks_as(text, SELF_OR_WHOLE) if site is not None and self.is_within(site, home.code) else None
            if level and level not in ("省", "区"):
                home = self.resolve_deictic(level, site) or home
        return home

    def _most_named(self, mentions: list[RegionMention]) -> Region | None:
        """A region the text names again and again (twice, more than any other)."""
        counts: dict[str, int] = defaultdict(int)
        for m in mentions:
            if m.region.code and m.region.level in ("province", "prefecture", "county"):
                counts[m.region.code] += 1
        if not counts:
            return None
        code, n = max(counts.items(), key=lambda kv: kv[1])
        return self.get(code) if n >= 2 and list(counts.values()).count(n) == 1 else None

    def _narrow_to_self_level(self, text: str, home: Region | None, ev: "_Evidence") -> Region | None:
        """A text that says 我县/本市/我区 speaks as a place of that level: when home is above it
        (or unknown) and the evidence names exactly one place of that level inside home, that is
        the home (a 县 notice whose page header names its city: 宁波 -> 象山县)."""
        level = speaks_as(text, SELF_LEVEL)
        if level is None:
            return home
        if home is not None and self.resolve_deictic(level, home) is not None:
            return home  # home already has a place of that level
        places = {r for r, _, _ in ev.items if r.name.endswith(level)
                  and r.level in ("province", "prefecture", "county")
                  and (home is None or self.is_within(r, home.code))}
        if level == "市":  # a municipality speaks as 本市 too
            places = {r for r in places if r.level != "province" or r.code in MUNICIPALITIES}
        return places.pop() if len(places) == 1 else home

    def home_evidence(self, doc) -> "_Evidence":
        """The weighted evidence home_region decides on (kept apart to explain a decision)."""
        ev = _Evidence(self)
        text, title = doc.text or "", doc.title or ""
        # the title, and headings at the head of the text, which loaders may not have taken as title
        heads = [b for b in getattr(doc, "blocks", []) or [] if b.kind == "heading" and b.start < TOP]
        title = "\n".join([title] + [text[b.start:b.end] for b in heads])
        title = _BREADCRUMB.sub("", title)  # 您当前的位置:湖北日报网>湖北>…: page chrome, not a title
        quoted = [m.span() for m in QUOTED.finditer(title)]
        for m in self.find(title) + self._bare_cities(title):
            inside = any(a <= m.start < b for a, b in quoted)
            ev.add(m.region, W_QUOTED if inside else W_TITLE, not inside, "title")
        for issuer in doc.issuers or []:
            for m in self.find(issuer):
                ev.add(m.region, W_ISSUER, True, "issuer")
        quoted = _Spans(m.span() for m in QUOTED.finditer(text))
        ev.mentions = self.find(text)
        chrome = _Spans(m.span() for m in _BREADCRUMB.finditer(text))
        for m in ev.mentions:
            org = self._org.match(text, m.end, m.end + 24)
            inside = quoted.covers(m.start)
            if OUTLET_AFTER.match(text, m.end) or chrome.covers(m.start):
                ev.add(m.region, W_CHROME, False, m.text + " (page chrome)")
            elif org and not re.search(r"[,，。、;；:：()]", org.group()):
                ev.add(m.region, W_QUOTED if inside else W_ORG, True, m.text + org.group())
            else:
                ev.add(m.region, W_MENTION, False, m.text)
        for src in SOURCE_LINE.finditer(text, 0, TOP):  # 信息来源:济南日报: a local paper's place
            named = [m for m in self.find(src.group("src")) + self._bare_cities(src.group("src"))
                     if OUTLET_AFTER.match(src.group("src"), m.end)]
            if named:
                ev.add(named[0].region, W_MASTHEAD, True, src.group())
        for head in MASTHEAD.finditer(text):  # the story's place: the last one its dateline names
            named = [m for m in ev.mentions if head.start() <= m.start < head.end()
                     and not OUTLET_AFTER.match(text, m.end)] or self._bare_cities(head.group())
            if named:
                ev.add(named[-1].region, W_MASTHEAD, True, head.group())
        # 文号: the document's own stands at its head or foot; the others are cited
        numbers = {}
        for start, number in ((n.start, n.written) for n in doc_numbers(text)):
            own = start < TOP or start > len(text) - TOP // 2
            numbers[number] = max(numbers.get(number, 0), W_NUMBER_TOP if own else W_NUMBER_CITED)
        for n in doc.doc_numbers or []:
            numbers.setdefault(n, W_NUMBER_CITED)
        pending = []
        for number, w in numbers.items():
            region = self.doc_number_region(number)
            if region is None:
                pending.append((number, w))
            ev.add(region, w, w > W_NUMBER_CITED, number)
        # a one-character prefix (贺民规) leans on the province the rest of the evidence shows
        support = {c: v for c, v in ev.support().items() if self.get(c).level == "province"}
        top = max(support.values(), default=0)
        provinces = {c for c, v in support.items() if v >= 0.5 * top}
        for number, w in pending:
            ev.add(self.doc_number_region(number, provinces), w, w > W_NUMBER_CITED, number)
        return ev

    def bare_city(self, word: str) -> Region | None:
        """The prefecture a bare short name (十堰, 台州) means, if it means exactly one."""
        return self._city_shorts.get(word)

    def _bare_cities(self, title: str) -> list[RegionMention]:
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

    def doc_number_region(self, number: str, provinces: set[str] | None = None) -> Region | None:
        """The region at the head of a 文号: 黔南府办函 -> 黔南州, 桂政办发 -> 广西, 贺民规 -> 贺州市
        when the province (``provinces``) is known or the first character fits one city only."""
        m = re.match(rf"\s*([{HAN}]+)", number or "")
        prefix = m.group(1)[-7:] if m else ""
        org = self.config["doc_number_org_chars"]
        for i in range(len(prefix) - 1):  # a name (黔南, 成都) followed by an organisation character
            rest = prefix[i:]
            for k in range(len(rest) - 1, 1, -1):
                if rest[:k] in self._common or rest[k] not in org:
                    continue
                cands = self.candidates(rest[:k])
                region = _pick(cands)
                if region is None and cands and provinces:
                    inside = {r for r, _ in cands if (p := self.province_of(r)) and p.code in provinces}
                    region = next(iter(inside)) if len(inside) == 1 else None
                if region is not None:
                    return region
        for i in range(max(0, len(prefix) - 5), len(prefix) - 1):  # one character: 桂, 贺, 唐
            ch = prefix[i]
            if ch in self.config["national_doc_prefixes"] or prefix[i + 1] not in org:
                continue
            cities = list(self._prefectures_by_initial.get(ch, ()))
            if provinces:
                cities = [r for r in cities if r.parent in provinces]
            if ch in self._abbrev and (not provinces or self._abbrev[ch].code in provinces) \
                    and not (provinces and len(cities) == 1):
                return self._abbrev[ch]
            return cities[0] if len(cities) == 1 else None
        return None

    # ---- a web address ---------------------------------------------------------------------
    def from_url(self, url: str | None) -> Region | None:
        """The place a web address names: a provincial portal (fgw.sh.gov.cn), a host label that is
        a place's pinyin alone or with an affix (mzj.hebi.gov.cn, dongyingnews.cn, 52fuqing.com),
        or a first path segment that is one exactly (/haerbin/). None when no place or several
        (yulin is both 玉林 and 榆林)."""
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
            found = {self.get(self.config["province_path"][seg]) for seg in segments[:-1]
                     if seg in self.config["province_path"]}
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
                for prefix, code in self.config["province_path"].items():
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

    # ---- 全市, 我县, 本州: words pointing at the home region -------------------------------
    def resolve_deictic(self, word: str, home: Region | None) -> Region | None:
        """全省/本省 -> home's province; 全市/我市 -> its city (a county-level city is its own
        市; a municipality is the 市); 全州 -> the autonomous prefecture; 全县 -> the county;
        全区 -> the district, else the autonomous region. None when home lacks that level."""
        m = DEICTIC.match((word or "").strip())
        if not m:
            return None
        level = m.group(1)
        if level == "国":
            return COUNTRY
        if home is None or home.level in ("country", "group"):
            return None
        if home.level == "zone":
            home = self.get(home.parent)
            if home is None:
                return None
        chain = [home] + self.ancestors(home)
        province = chain[-1] if chain[-1].level == "province" else None
        if level == "省":
            return province if province and province.name.endswith("省") else None
        if level == "市":
            if province and province.code in MUNICIPALITIES:
                return province
            return next((r for r in chain if r.level != "province" and r.name.endswith("市")), None)
        if level == "区":
            district = next((r for r in chain if r.level == "county" and r.name.endswith("区")), None)
            if district:
                return district
            return province if province and province.name.endswith("自治区") else None
        return next((r for r in chain if r.level != "province" and r.name.endswith(level)), None)


class _Spans:
    """Fixed (start, end) spans, asked about by bisection: a scan of every span per question is
    quadratic on a long text."""

    def __init__(self, spans):
        spans = sorted((a, b) for a, b, *_ in spans)
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))  # furthest end of the first i+1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end)."""
        j = bisect_left(self._starts, end)
        return bool(j) and self._reach[j - 1] > start

    def covers(self, pos: int) -> bool:
        """Whether a span holds ``pos`` (start <= pos < end)."""
        return self.overlaps(pos, pos + 1)


def _adjacent(a, b) -> bool:
    """Two list items separated by exactly one 、."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    return second[0] - first[1] == 1


def _pick(cands) -> Region | None:
    """The single region among candidates, preferring better kinds of name; None if still tied."""
    if not cands:
        return None
    best = min(_RANK[k] for _, k in cands)
    regions = {r for r, k in cands if _RANK[k] == best}
    if len(regions) == 1:
        return next(iter(regions))
    # a province and a lower division sharing a short name (吉林, 海南): the province wins
    provinces = {r for r in regions if r.level == "province"}
    if best != 0 and len(provinces) == 1:
        return next(iter(provinces))
    return None


# ---- home region: evidence and choice ---------------------------------------------------------
_AREA_AFTER = re.compile(r"(?:城市|农村|城乡|城镇)(?:居民)?(?:低保|最低生活保障|特困)")
URL = re.compile(r"\s*(?:https?://)?(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::\d+)?(?P<path>/[^\s?#]*)?")
_BREADCRUMB = re.compile(r"(?m)^[^\n]*>[^\n]*$")  # 您当前的位置:湖北日报网>湖北>湖北新闻

# weights of each kind of evidence for home_region: data (region_aliases.yaml, home_weights)
_ALIASES = yaml.safe_load((DATA / "region_aliases.yaml").read_text("utf-8"))
_W = _ALIASES["home_weights"]
W_TITLE, W_ISSUER, W_MASTHEAD, W_CHROME = _W["title"], _W["issuer"], _W["masthead"], _W["chrome"]
W_NUMBER, W_NUMBER_TOP, W_NUMBER_CITED = _W["number"], _W["number_top"], _W["number_cited"]
W_ORG, W_QUOTED, W_MENTION = _W["org"], _W["quoted"], _W["mention"]
TOP = _ALIASES["home_top_chars"]
MASTHEAD = re.compile(_ALIASES["masthead"])
OUTLET_AFTER = re.compile(_ALIASES["outlet_after"])
# a source line at the head of a page (信息来源:济南日报): the outlet's place is the story's
SOURCE_LINE = re.compile(r"(?:信息来源|来源|稿源)\s*[::]\s*(?P<src>[^\s,;。]{2,20})")


class _Evidence:
    """Weighted regions; a region's support counts the evidence for it and for places within it."""

    def __init__(self, index: RegionIndex):
        self.index = index
        self.items: list[tuple[Region, float, bool]] = []
        self.notes: list[str] = []  # what each item was read from
        self.mentions: list[RegionMention] = []  # every region the text names

    def add(self, region: Region | None, weight: float, strong: bool, note: str = "") -> None:
        if region is not None and region.level == "zone":
            region = self.index.get(region.parent)
        if region is None or region.level in ("country", "group"):
            return
        self.items.append((region, weight, strong))
        self.notes.append(note)

    def support(self, strong_only: bool = False) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for region, w, strong in self.items:
            if strong or not strong_only:
                for r in [region] + self.index.ancestors(region):
                    out[r.code] += w
        return out


def _choose(index: RegionIndex, ev: _Evidence) -> Region | None:
    """Descend from the best-supported province while one child holds at least half of the strong
    evidence (title, issuer, own 文号, organisations), or with mentions only, a clear majority of
    them: the lowest region the evidence supports consistently."""
    support, strong = ev.support(), ev.support(True)
    total = sum(w for _, w, _ in ev.items)
    provinces = [c for c in support if index.get(c).level == "province"]
    if not provinces:
        return None
    best = max(provinces, key=lambda c: (support[c], strong.get(c, 0)))
    if support[best] < 2 or support[best] < 0.6 * total or (not strong.get(best) and support[best] < 3):
        return None
    current = index.get(best)
    while True:
        kids = [c for c in support if index.get(c).parent == current.code]
        if not kids:
            return current
        child = max(kids, key=lambda c: (strong.get(c, 0), support[c]))
        if strong.get(current.code):
            if not strong.get(child) or strong[child] < 0.5 * strong[current.code]:
                return current
        elif support[child] < 0.6 * support[current.code]:  # mentions only: a clear majority
            return current
        current = index.get(child)


def resolve_deictic(word: str, home: Region | None) -> Region | None:
    """``RegionIndex.default().resolve_deictic``."""
    return RegionIndex.default().resolve_deictic(word, home)
