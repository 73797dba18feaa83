"""Dates as policy text writes them, and the period a figure applies to.

Absolute dates (``2021年7月1日``, ``2019-11``), dates relative to the document (``今年``, ``上年``,
``17年底``), named plan periods (``十三五期末`` = 2020, ``十二五期间`` = 2011–2015) and effective
dates (``新标准自2021年1月1日起执行``). A period is as precise as the text allows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .numbers import parse_number

_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_YEAR = re.compile(r"(?=[12])(?<![\d〔\[(])((?:19|20)\d{2})\s*年(?!\d)(度)?")  # (?=[12]): skipped fast
_MD = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# (自|从|于 before it adds nothing to its groups; starting at a digit lets the engine skip ahead)
_EFFECTIVE = re.compile(
    r"(?=\d)((?:19|20)\d{2}\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?\s*(?:起|开始|正式)")
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "本年度": 0, "上年": -1, "去年": -1, "上一年": -1, "明年": 1}
_PLAN = re.compile(r"([一二三四五六七八九十]{1,3}?)五[”\"’〞]?(?:规划)?(期末|末|期间|时期|期初|以来)?")
_NOT_CURRENT_BEFORE = ("到", "至", "比", "较", "同")  # 到2025年 is a target, 比2019年 a baseline
_NOT_CURRENT = re.compile(r"\s*(?:以来|至今|—|-|~|到|至)")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO, as precise as the text: 2015, 2015-07, 2015-07-01; or a range "2016/2020"
    relative: bool = False
    plan: bool = False


def plan_period(ordinal: str) -> tuple[int, int] | None:
    """五年规划 by ordinal: 十三五 -> (2016, 2020). The first plan began in 1953."""
    n = parse_number(ordinal)
    if not n:
        return None
    start = 1953 + 5 * (int(n) - 1)
    if int(n) >= 6:  # the 6th plan (1981-85) onward runs on the 5-year grid from 1981
        start = 1981 + 5 * (int(n) - 6)
    return start, start + 4


def iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not 1949 <= y <= 2100:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    days = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not 1 <= d <= days[m - 1]:
        return None  # an impossible date is no date
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str, ref_year: int | None = None) -> list[DateMention]:
    out: list[DateMention] = []
    taken = []
    for m in _YMD.finditer(text):
        v = iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if v:
            out.append(DateMention(m.start(), m.end(), m.group(), v))
            taken.append(m.span())
    for m in _YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        v = iso(int(m.group(1)))
        if v:
            out.append(DateMention(m.start(), m.end(), m.group(), v))
    for m in _PLAN.finditer(text):
        rng = plan_period(m.group(1))
        if rng:
            when = m.group(2) or ""
            v = str(rng[1]) if when in ("期末", "末") else str(rng[0] - 1) if when == "期初" else f"{rng[0]}/{rng[1]}"
            out.append(DateMention(m.start(), m.end(), m.group(), v, plan=True))
    if ref_year:
        for word, delta in _RELATIVE.items():
            for m in re.finditer(word, text):
                out.append(DateMention(m.start(), m.end(), word, str(ref_year + delta), relative=True))
        for m in re.finditer(r"(?<!\d)(\d{2})年(底|末|初)", text):
            y = 2000 + int(m.group(1))
            if y <= ref_year + 1:
                out.append(DateMention(m.start(), m.end(), m.group(), str(y), relative=True))
    out.sort(key=lambda d: d.start)
    return out


def reference_year(text: str, published: str | None = None, found=None) -> int | None:
    """The year a document speaks from: its effective date's year, else the year it names most
    often as a current year (twice, or the only one named; not ``2012年以来``, ``比2019年`` or a
    document number), else its publication year. ``found``: the text's ``effective_dates``."""
    eff = effective_date(text, None, found)
    if eff:
        return int(eff[:4])
    counts, since = Counter(), set()
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 1):m.start()]
        if _NOT_CURRENT.match(text, m.end()) or before in _NOT_CURRENT_BEFORE:
            continue
        counts[int(m.group(1))] += 1
        if before in ("自", "从"):
            since.add(int(m.group(1)))
    if counts:
        (year, n), = counts.most_common(1)
        # named twice, or the only year the text names (not 自2017年开始: when something began)
        if n >= 2 or (len(counts) == 1 and year not in since):
            return year
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None


def effective_dates(text: str) -> list[tuple[int | None, int, int | None]]:
    """Every date a text says it takes effect from (``自2021年1月1日起``), in order:
    (year, or None where only a month is written; month; day or None)."""
    return [(int(re.sub(r"\D", "", m.group(1))) if m.group(1) else None, int(m.group(2)),
             int(m.group(3)) if m.group(3) else None) for m in _EFFECTIVE.finditer(text)]


def effective_date(text: str, ref_year: int | None, found=None) -> str | None:
    """``自2021年1月1日起执行`` -> 2021-01-01; a month and day alone take ``ref_year``.
    ``found``: the text's ``effective_dates``, when already read."""
    for year, month, day in effective_dates(text) if found is None else found:
        year = year or ref_year
        if not year:
            continue
        v = iso(year, month, day)
        if v:
            return v
    return None
