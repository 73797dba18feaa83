"""全市, 我县, 本州: words pointing at the home region, resolved against it."""
from __future__ import annotations

from language.selfref import DEICTIC

from .model import COUNTRY, MUNICIPALITIES, Region
from .table import DivisionTable


def resolve_deictic(table: DivisionTable, word: str, home: Region | None) -> Region | None:
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
        home = table.get(home.parent)
        if home is None:
            return None
    chain = [home] + table.ancestors(home)
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
