"""Dates as policy text writes them, and the period a figure applies to.

Absolute dates (``2021年7月1日``, ``2019-11``), dates relative to the document (``今年``, ``上年``,
``17年底``), named plan periods (``十三五期末`` = 2020, ``十二五期间`` = 2011–2015) and effective
dates (``新标准自2021年1月1日起执行``). A period is as precise as the text allows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .numbers import parse_number

DATA = Path(__file__).with_name("data") / "dates.yaml"


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """Every year and date pattern, by name (data/dates.yaml)."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {name: re.compile(p) for name, p in raw.items()}


def pattern(name: str) -> re.Pattern:
    return patterns()[name]


_YMD, _YEAR, _MD = pattern("ymd"), pattern("year"), pattern("month_day")
_EFFECTIVE, _FROM_ISSUE, _AS_OF = pattern("effective"), pattern("from_issue"), pattern("as_of")
_PLAN, _NOT_CURRENT, _ISO = pattern("plan"), pattern("not_current"), pattern("iso")
_SHORT_YEAR, _YEAR_START = pattern("short_year"), pattern("year_start")
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "本年度": 0, "上年": -1, "去年": -1, "上一年": -1, "明年": 1}
_NOT_CURRENT_BEFORE = ("到", "至", "比", "较", "同")  # 到2025年 is a target, 比2019年 a baseline


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


_PLAN_END = ("期末", "末")
_CN_DIGITS = "一二三四五六七八九"


def plan_end(text: str) -> tuple[str, int] | None:
    """The first plan the text names at its end (十二五期末, 十三五末): its name and last year."""
    for m in _PLAN.finditer(text):
        if m.group(2) in _PLAN_END and (years := plan_period(m.group(1))):
            return m.group(1) + "五", years[1]
    return None


def next_plan(name: str) -> str | None:
    """The plan after a plan: 十二五 -> 十三五."""
    n = parse_number(name[:-1]) if name.endswith("五") else None
    if not n or n >= 99:
        return None
    tens, ones = divmod(int(n) + 1, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN_DIGITS[tens - 1] + "十"
    return head + (_CN_DIGITS[ones - 1] if ones else "") + "五"


def is_iso(value: str) -> bool:
    """Whether ``value`` is a date as precise as a text gives it (2015, 2015-07, 2015-07-01), not a
    range or a relative word."""
    return _ISO.match(value) is not None


def opens_with_year(value: str) -> bool:
    return _YEAR_START.match(value) is not None


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
        for m in _SHORT_YEAR.finditer(text):
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
    if published and _YEAR_START.match(published):
        return int(published[:4])
    return None


@dataclass(frozen=True)
class Effective:
    """A date a text says something takes effect from; ``year`` None where only a month is written."""
    start: int
    year: int | None
    month: int
    day: int | None

    def value(self, ref_year: int | None) -> str | None:
        year = self.year or ref_year
        return iso(year, self.month, self.day) if year else None


def effective_dates(text: str, start: int = 0, end: int | None = None) -> list[Effective]:
    """Every date ``text[start:end]`` says it takes effect from (``自2021年1月1日起``), in order."""
    end = len(text) if end is None else end
    return [Effective(m.start(), int(re.sub(r"\D", "", m.group(1))) if m.group(1) else None, int(m.group(2)),
                      int(m.group(3)) if m.group(3) else None) for m in _EFFECTIVE.finditer(text, start, end)]


def most_precise(values) -> str | None:
    """The first date, made as precise as a later compatible one allows: 2022-07 and then
    2022-07-01 give 2022-07-01 (a lead restates the body's date shorter); 2021 and 2021-07 give 2021-07."""
    best = None
    for v in values:
        if not v:
            continue
        if best is None:
            best = v
        elif v.startswith(best) and len(v) > len(best):
            best = v
    return best


def effective_date(text: str, ref_year: int | None, found=None, issued: str | None = None) -> str | None:
    """``自2021年1月1日起执行`` -> 2021-01-01; a month and day alone take ``ref_year``; the most
    precise of compatible mentions wins. ``自印发之日起施行`` is the document's date ``issued``.
    ``found``: the text's ``effective_dates``, when already read."""
    values = [e.value(ref_year) for e in (effective_dates(text) if found is None else found)]
    if issued and _FROM_ISSUE.search(text):
        values.append(issued)
    return most_precise(values)


def from_issue_at(text: str) -> list[int]:
    """Where the text says it takes effect from the day it is issued (自印发之日起)."""
    return [m.start() for m in _FROM_ISSUE.finditer(text)]


def from_issue(text: str) -> bool:
    """Whether the text takes effect from the day it is issued (自印发之日起)."""
    return _FROM_ISSUE.search(text) is not None


# a story's own dateline: 记者11月16日从市民政局获悉, (记者陈娟)6月9日, 新华社北京5月21日电
_DATELINE = pattern("dateline")


def reposted(text: str, published: str | None) -> bool:
    """Whether the page's date cannot be the story's (period.repost_date): a story is not
    published before its own dateline, so a page dated earlier in its year than the dateline
    (2018-01-21 over 记者11月16日…) is a repost's, and the story's year is not the page's."""
    m = _DATELINE.search(text)
    if not m or not published or not re.match(r"\d{4}-\d{2}-\d{2}", published):
        return False
    month, day = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
    return (month, day) > (int(published[5:7]), int(published[8:10]))


def as_of(text: str, ref_year: int | None) -> str | None:
    """截至2024年6月底 -> 2024-06; 截至2月28日 -> ``ref_year``-02-28; None without a month."""
    m = _AS_OF.search(text)
    if not m or not m.group(2):
        return None
    year = int(m.group(1)) if m.group(1) else ref_year
    return iso(year, int(m.group(2)), int(m.group(3)) if m.group(3) else None) if year else None
