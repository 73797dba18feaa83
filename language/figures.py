"""Figures with their units: money (元 with a rate unit), percents, multiples and fractions.

``find_figures(text)`` reads one sentence and returns :class:`Figure` objects with offsets into it.
The rate unit is read from every written form (``元/人·年``, ``元/月/人``, ``每人每月…元``,
``…元每年``, ``月人均…元``); where the text leaves it out, ``unit`` is None and the extractor infers
it from context. Equivalents in parentheses (``7200元/年(即600元/月)``) are marked ``aside`` so they
are not read as separate standards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUMBER_RE, NUMBER_START, parse_number

NUM = NUMBER_RE.pattern
_SEP = r"\s*(?:至|到|—|-|~|～)\s*"
_MONEY = re.compile(
    rf"{NUMBER_START}(?P<num>{NUM})(?:(?P<list>(?:\s*[、和及]\s*(?:{NUM}))+)(?=\s*[万亿]?元))?"
    rf"(?:{_SEP}(?P<num2>{NUM}))?\s*(?P<big>[万亿]?)元(?:{_SEP}(?P<num3>{NUM})\s*[万亿]?元)?"
    # unit words in any order and with any separator (元/人·月, 元/月/人, 元/人.次, 元/人次)
    r"(?P<suffix>\s*(?:/|每)\s*(?:人次|人数|人|户|月|年|学年)(?:\s*[·/、.]?\s*(?:人次|人|户|月|年|次))?|每(?:人)?(?:月|年))?"
)
_PERCENT = re.compile(rf"{NUMBER_START}(?:(?P<num>{NUM})%(?:{_SEP}(?P<num2>{NUM})%)?|百分之(?P<cn>[一二三四五六七八九十百点]+))")
_RATIO = re.compile(rf"{NUMBER_START}(?:(?P<low>{NUM})倍?{_SEP})?(?P<num>{NUM})倍")  # 1.3倍, 2至6倍, 2倍-6倍
_FRACTION = re.compile(r"(?P<den>[二三四五六七八九十]+)分之(?P<nume>[一二三四五六七八九])|(?<![\d/])(?P<n>\d)/(?P<d>\d{1,2})(?![\d/])")
# Time words before a figure that fix its period when the figure has no unit of its own.
_PREFIX_MONTH = re.compile(r"每人每月|人均每月|月人均|每月|户月人均|月标准|月补助|月平均|按月|月人均|人月均|/月")
_PREFIX_YEAR = re.compile(r"每人每年|人均每年|年人均|每年|年标准|年补助|每学年|按年|全年")
_PREFIX_HOUSEHOLD = re.compile(r"每户每月|户均每月")
_AFTER_ASIDE = re.compile(r"\s*\([^()]{0,30}\)\s*((?:/|每)\s*(?:人|户|月|年)(?:\s*[·/、]?\s*(?:人|户|月|年))?)")
_ASIDE = re.compile(r"\((?:即|约|折合|合|相当于)?[^()]{0,30}?\)")
# A text that may hold a figure find_figures reads (元, %, 倍, 分之, 1/3): one search tells, so
# that only such sentences are read further. Every branch opens with a character (the digit
# before 1/3 is checked after it): scanned fast.
MAY_HOLD_FIGURE = re.compile(r"\d\s*[万亿]?元|[零一二三四五六七八九十百千]元|%|倍|分之|\d(?<![\d/]\d)/\d{1,2}(?![\d/])")


@dataclass(slots=True)
class Figure:
    kind: str  # money | percent | ratio
    value: float
    start: int
    end: int
    text: str
    value_max: float | None = None
    unit: str | None = None  # contract unit when the text fixes it
    big: str = ""  # 万 / 亿 multiplier written before 元
    aside: bool = False  # an equivalent in parentheses, not a figure of its own
    fraction: bool = False
    approximate: bool = False  # 约, 近, 余, 多, 左右: the text does not claim the digits

    def shifted(self, by: int) -> "Figure":
        """The same figure with offsets ``by`` characters further on (into a clause: negative)."""
        return Figure(self.kind, self.value, self.start + by, self.end + by, self.text, self.value_max,
                      self.unit, self.big, self.aside, self.fraction, self.approximate)

    @property
    def precision(self) -> float:
        """Half the unit of the last digit written, in the figure's own unit: ``22%`` 0.5,
        ``9.5%`` 0.05, ``917.8万人`` 500, ``128亿元`` 0.5e8."""
        m = _WRITTEN.match(self.text)
        if self.fraction or not m:
            return 0.0
        frac = m.group("frac") or ""
        scale = 1.0
        for c in m.group("big") or self.big:
            scale *= {"万": 10_000, "亿": 100_000_000}[c]
        return 0.5 * 10 ** -len(frac) * scale


def suffix_unit(suffix: str) -> str | None:
    """The rate a unit written after 元 gives (``/人·月`` yuan/person/month, ``/人次`` yuan/case)."""
    s = suffix.replace(" ", "")
    if not s:
        return None
    if "人次" in s or "人数" in s or s.endswith("次"):
        return "yuan/case"
    if "户" in s and "月" in s:
        return "yuan/household/month"
    if "月" in s:
        return "yuan/person/month"
    if "年" in s:
        return "yuan/person/year"
    if s in ("/人", "每人"):
        return "yuan/person"
    return None


def prefix_unit(before: str) -> str | None:
    """The rate a time word nearest before a figure gives it (``每人每月``, ``年人均`` ...)."""
    best, unit = -1, None
    for pat, u in ((_PREFIX_MONTH, "yuan/person/month"), (_PREFIX_YEAR, "yuan/person/year"),
                   (_PREFIX_HOUSEHOLD, "yuan/household/month")):
        for m in pat.finditer(before):
            if m.end() >= best:
                best, unit = m.end(), u
    return unit


def _asides(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ASIDE.finditer(text)
            if re.search(r"\d|[一二三四五六七八九十]", m.group()) and re.search(r"元|%|即|美元", m.group())]


_WRITTEN = re.compile(r"[\d,]+(?:\.(?P<frac>[\d零〇○一二三四五六七八九]+))?(?P<big>[万亿]*)")
_BIG_TAIL = re.compile(r"[万亿]*$")
_PER_PERSON = re.compile(r"每人|人均|每名|每户")
MAX_STANDARD = 60_000  # yuan: above this a figure is a total, not a per-person standard


def is_total(text: str, f: "Figure") -> bool:
    """Money spent or raised (28377.84万元, 70万元), not a per-person amount (每人每学年1万元)."""
    return f.value > MAX_STANDARD or bool(f.big and not _PER_PERSON.search(text[:f.start]))



def find_figures(text: str) -> list[Figure]:
    asides = _asides(text)
    out: list[Figure] = []
    for m in (_MONEY.finditer(text) if "元" in text else ()):
        v = parse_number(m.group("num"))
        if v is None:
            continue
        big = m.group("big")
        mult = {"万": 10_000, "亿": 100_000_000}.get(big, 1)
        if not big:  # the number took its 万/亿 (28377.84万元): parse_number applied it already
            big = _BIG_TAIL.search(m.group("num")).group()
        unit = suffix_unit(m.group("suffix") or "")
        if unit is None:  # 6200元(1000美元)/人/年: the unit stands after an aside
            after = _AFTER_ASIDE.match(text, m.end())
            unit = suffix_unit(after.group(1)) if after else None
        upper = m.group("num2") or m.group("num3")  # 180至190元 or 150元—370元
        vmax = parse_number(upper) if upper else None
        values = [(v, m.start("num"), m.end("num"))]
        if m.group("list"):
            base = m.start("list")
            for n in re.finditer(NUM, m.group("list")):
                nv = parse_number(n.group())
                if nv is not None:
                    values.append((nv, base + n.start(), base + n.end()))
        for i, (val, s, e) in enumerate(values):
            end = m.end() if i == len(values) - 1 else e
            f = Figure("money", val * mult, s, end, text[s:end], unit=unit, big=big)
            if vmax is not None and i == len(values) - 1 and vmax > val:
                f.value_max = vmax * mult
            out.append(f)
    for m in (_PERCENT.finditer(text) if "%" in text or "百分之" in text else ()):
        if m.group("cn"):
            v = parse_number(m.group("cn").replace("点", "."))
            vmax = None
        else:
            v = parse_number(m.group("num"))
            vmax = parse_number(m.group("num2")) if m.group("num2") else None
        if v is not None:
            out.append(Figure("percent", v, m.start(), m.end(), m.group(), value_max=vmax, unit="percent"))
    for m in (_RATIO.finditer(text) if "倍" in text else ()):
        v = parse_number(m.group("num"))
        low = parse_number(m.group("low")) if m.group("low") else None
        if v is None:
            continue
        if low is not None and low < v:  # a range: the value is its lower end
            out.append(Figure("ratio", low, m.start(), m.end(), m.group(), unit="ratio", value_max=v))
        else:
            out.append(Figure("ratio", v, m.start("num"), m.end(), text[m.start("num"):m.end()], unit="ratio"))
    for m in (_FRACTION.finditer(text) if "分之" in text or "/" in text else ()):
        if m.group("den"):
            den, num = parse_number(m.group("den")), parse_number(m.group("nume"))
        else:
            num, den = float(m.group("n")), float(m.group("d"))
        if den and num and num < den:
            out.append(Figure("percent", round(100 * num / den, 2), m.start(), m.end(), m.group(),
                              unit="percent", fraction=True))
    for f in out:
        f.aside = any(s <= f.start and f.end <= e for s, e in asides)
    out.sort(key=lambda f: f.start)
    return out


# What a checker recomputes with and the standards reader never reads: counts (人, 户, 人次),
# money written without 元 (128亿人民币), proportions (1.38:1) and products (811×12). Spun text writes 数 for nothing
# (1693数万人) and 人数 for 人次.
_COUNT = re.compile(
    rf"{NUMBER_START}(?P<num>{NUM})(?P<fill>数|余|多)?(?P<big>[万亿]?)(?P<more>余|多)?"
    r"(?P<unit>个百分点|人民币|块钱|人次|人数|人\(次\)|人|户|名|个|所|家|床|张)(?!均)")
_COUNT_UNITS = {"人": "person", "名": "person", "人次": "person_time", "人数": "person_time",
                "人(次)": "person_time", "户": "household", "个百分点": "points"}
_PROPORTION = re.compile(r"(?<![\d.:])(?P<a>\d+(?:\.\d+)?)\s*[:∶]\s*1(?![\d.:])")
# 9732(811×12)元: an amount with the arithmetic that gives it
_FORMULA = re.compile(rf"(?P<v>{NUM})\((?P<a>{NUM})\s*[×xX*]\s*(?P<b>{NUM})\)\s*元")
_ABOUT_BEFORE = re.compile(r"(?:约|近|大约|将近|接近)$")
_ABOUT_AFTER = re.compile(r"(?:左右|以上|上下|余|多)")  # matched at a figure's end


def find_every_figure(text: str) -> list[Figure]:
    """``find_figures`` and the counts, money without 元, proportions and bracketed products a
    sentence states, each marked ``approximate`` where the text says so."""
    out = find_figures(text)
    taken = [(f.start, f.end) for f in out]
    for m in (_COUNT.finditer(text) if re.search(r"[人户名个所家床张币钱]", text) else ()):
        if any(s <= m.start() < e for s, e in taken):
            continue
        v = parse_number(m.group("num"))
        if v is None:
            continue
        unit = m.group("unit")
        money = unit in ("人民币", "块钱")
        mult = {"万": 10_000, "亿": 100_000_000}.get(m.group("big"), 1)
        big = m.group("big") or _BIG_TAIL.search(m.group("num")).group()
        kind = "money" if money else "points" if unit == "个百分点" else "count"
        f = Figure(kind, v * mult, m.start(), m.end(), m.group(), unit=None if money else _COUNT_UNITS.get(unit, unit),
                   big=big, approximate=bool(m.group("more") or m.group("fill") in ("余", "多")))
        out.append(f)
    for m in NUMBER_RE.finditer(text):  # 1857万低保对象: a count whose noun stands between
        if m.group().endswith(("万", "亿")) and not any(s <= m.start() < e for s, e in taken + [
                (f.start, f.end) for f in out]):
            v = parse_number(m.group())
            if v is not None:
                out.append(Figure("bare", v, m.start(), m.end(), m.group(), big=_BIG_TAIL.search(m.group()).group()))
    for m in (_FORMULA.finditer(text) if "元" in text and ")" in text else ()):
        v, a, b = (parse_number(m.group(g)) for g in ("v", "a", "b"))
        if None not in (v, a, b) and not any(s <= m.start() < e for s, e in taken):
            out.append(Figure("money", v, m.start(), m.end("v"), m.group("v")))
            out.append(Figure("product", a * b, m.end("v"), m.end(), m.group()[m.end("v") - m.start():]))
    for m in (_PROPORTION.finditer(text) if ":" in text or "∶" in text else ()):
        out.append(Figure("proportion", float(m.group("a")), m.start(), m.end(), m.group(), unit="ratio"))
    for f in out:
        if _ABOUT_BEFORE.search(text, 0, f.start) or _ABOUT_AFTER.match(text, f.end):
            f.approximate = True
    out.sort(key=lambda f: f.start)
    return out
