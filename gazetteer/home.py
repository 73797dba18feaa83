"""A document's own region: chosen from its weighted evidence (``evidence``), else the place it
names again and again, else its web address; then narrowed to the level the text speaks as
(我县, 本市: language.selfref.speaks_as).
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from language.selfref import SELF_LEVEL, SELF_OR_WHOLE, speaks_as

from .evidence import Evidence
from .model import MUNICIPALITIES, Region, RegionMention

if TYPE_CHECKING:
    from .index import RegionIndex


def home_region(index: "RegionIndex", doc, ev: Evidence) -> Region | None:
    """The region ``doc`` is about, from ``ev`` (its ``home_evidence``); None when the evidence
    is weak or split and its web address names no place."""
    text = doc.text or ""
    url = getattr(doc, "url", None)
    home = choose(index, ev) or _most_named(index, ev.mentions)
    if home is None and (site := index.from_url(url)) is not None:
        support = ev.support()
        total = sum(w for _, w, _ in ev.items)
        province = index.province_of(site)
        if total == 0 or support.get(province.code if province else "", 0) >= 0.5 * total:
            # a city's site republishing its province's notice (全省…): the province
            level = speaks_as(text, SELF_OR_WHOLE)
            home = (index.resolve_deictic(level, site) if level else None) or site
    home = _narrow_to_self_level(index, text, home, ev)
    if home is not None and home.level == "province":
        # region.site_below_home: a province named only as a whole (its cited 皖政 documents)
        # over a city's or county's site, in a text that speaks as a 市 or 县: the site's place
        site = index.from_url(url)
        level = speaks_as(text, SELF_OR_WHOLE) if site is not None and index.is_within(site, home.code) else None
        if level and level not in ("省", "区"):
            home = index.resolve_deictic(level, site) or home
    return home


def choose(index: "RegionIndex", ev: Evidence) -> Region | None:
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


def _most_named(index: "RegionIndex", mentions: list[RegionMention]) -> Region | None:
    """A region the text names again and again (twice, more than any other)."""
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        if m.region.code and m.region.level in ("province", "prefecture", "county"):
            counts[m.region.code] += 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return index.get(code) if n >= 2 and list(counts.values()).count(n) == 1 else None


def _narrow_to_self_level(index: "RegionIndex", text: str, home: Region | None, ev: Evidence) -> Region | None:
    """A text that says 我县/本市/我区 speaks as a place of that level: when home is above it
    (or unknown) and the evidence names exactly one place of that level inside home, that is
    the home (a 县 notice whose page header names its city: 宁波 -> 象山县)."""
    level = speaks_as(text, SELF_LEVEL)
    if level is None:
        return home
    if home is not None and index.resolve_deictic(level, home) is not None:
        return home  # home already has a place of that level
    places = {r for r, _, _ in ev.items if r.name.endswith(level)
              and r.level in ("province", "prefecture", "county")
              and (home is None or index.is_within(r, home.code))}
    if level == "市":  # a municipality speaks as 本市 too
        places = {r for r in places if r.level != "province" or r.code in MUNICIPALITIES}
    return places.pop() if len(places) == 1 else home
