"""The gazetteer's values: a region, a place named in a text, and the kinds of name a surface can be.

A surface (黔南, 吉林) may name several regions; ``pick`` chooses the one its best kind of name
points at, or none when that is still a tie.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

HAN = "\u4e00-\u9fff"  # the CJK unified ideographs, for character classes
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}  # 北京, 天津, 上海, 重庆: provinces that are 市

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


def pick(cands) -> Region | None:
    """The single region among (region, kind) candidates, preferring better kinds of name; None
    if still tied."""
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
