"""Figures as a report writes them: number, multiplier, unit, "per what", and precision.

``read_figures(text)`` turns every number ``extractors.numbers.find_numbers`` finds into a
:class:`Figure` (``1693数万人`` is 16930000 persons, ``5200元每年`` is 5200 yuan a year,
``2022年`` is a year). ``Sentences`` splits the text where claims end and answers "which
figures lie between these offsets". Lexical material is in ``data/patterns.yaml``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from extractors.numbers import BIG_UNITS, find_numbers
from extractors.patterns import trie_pattern

from .arithmetic import Interval, half_unit_of


@lru_cache(maxsize=1)
def patterns() -> dict:
    return yaml.safe_load((Path(__file__).parent / "data" / "patterns.yaml").read_text("utf-8"))


@dataclass(frozen=True)
class Figure:
    value: float  # in base units: yuan, persons, percent points
    half: float  # half the unit of the last written digit, in base units
    kind: str  # money, percent, points, ratio, count, time, year, bare
    unit: str  # the unit word as normalized (元, %, 人次, 户 ...), "" for bare numbers
    per: str | None  # money: month, year, quarter, case
    start: int
    end: int  # span of number + multiplier + unit in the text
    text: str
    approximate: bool = False

    @property
    def interval(self) -> Interval:
        h = max(self.half, 0.1 * abs(self.value)) if self.approximate else self.half
        return Interval(self.value - h, self.value + h)

    @property
    def show(self) -> str:
        """The figure in the scale the text writes it (``1693万``, ``128亿``, ``1395``)."""
        return scaled(self.value, self.text)

    @property
    def scale(self) -> float:
        """The 万/亿 multiplier the text writes the figure with (1 when none)."""
        return 1e8 if "亿" in self.text else 1e4 if "万" in self.text else 1.0

    def cite(self) -> dict:
        return {"value": self.value, "text": self.text, "start": self.start, "end": self.end}


def scaled(value: float, like: str) -> str:
    """``value`` written with the 万/亿 multiplier of the figure text ``like``."""
    from .arithmetic import fmt
    for mark, size in (("亿", 1e8), ("万", 1e4)):
        if mark in like and abs(value) >= size / 100:
            return fmt(value / size, 2) + mark
    return fmt(value)


@lru_cache(maxsize=1)
def _res():
    p = patterns()
    unit_kind = {u: kind for kind, us in p["units"].items() for u in us}
    big = "".join(BIG_UNITS)
    after = trie_pattern(p["approximate_after"] + p["spun_fillers"])
    return {
        "unit_kind": unit_kind,
        "mult": re.compile(rf"^(?P<pre>{after})?(?P<big>[{big}]+)?(?P<post>{trie_pattern(p['approximate_after'])})?"),
        "unit": re.compile(rf"^(?:{trie_pattern(unit_kind)})"),
        "per_suffix": re.compile(p["per_suffix"]),
        "per_prefix": re.compile(p["per_prefix"]),
        "before": re.compile(rf"(?:{trie_pattern(p['approximate_before'])})$"),
        "tail": re.compile(rf"^(?:{trie_pattern(p['approximate_tail'])})"),
        "joiner": re.compile(rf"^(?:{trie_pattern(p['shared_unit_joiners'])})$"),
        "clause": re.compile("[" + re.escape(p["clause_breaks"] + p["sentence_breaks"]) + "]"),
    }


def _per_from(words: str) -> str | None:
    per_words = patterns()["per_words"]
    for w in sorted(per_words, key=len, reverse=True):
        if w in words:
            return per_words[w]
    return None


def read_figures(text: str) -> list[Figure]:
    r, p = _res(), patterns()
    out: list[Figure] = []
    for n in find_numbers(text):
        end = n.end
        value = n.value
        approximate = bool(r["before"].search(text[max(0, n.start - 2):n.start]))
        m = r["mult"].match(text[end:end + 4])
        big = m.group("big") or ""
        if m.group("pre") in p["approximate_after"] or m.group("post"):
            approximate = True
        if big or m.group("pre") or m.group("post"):
            end += m.end()
        mult = 1.0
        for c in big:
            mult *= BIG_UNITS[c]
        value *= mult
        # the multiplier inside the token (917.8万) scales the precision too
        tok_mult = 1.0
        for c in n.text:
            if c in BIG_UNITS:
                tok_mult *= BIG_UNITS[c]
        half = half_unit_of(n.text) * tok_mult * mult
        kind, unit, per = "bare", "", None
        um = r["unit"].match(text[end:end + 6])
        if um:
            unit = p["unit_aliases"].get(um.group(0), um.group(0))
            kind = r["unit_kind"][um.group(0)]
            end += um.end()
            if kind == "money":
                pm = r["per_suffix"].match(text[end:end + 10])
                if pm:
                    per = _per_from(pm.group(0))
                    end += pm.end()
        elif (re.fullmatch(r"(1[89]|20)\d\d", n.text) and text[end:end + 1] == "年"):
            kind, unit = "year", "年"
        if kind == "percent":
            half = half_unit_of(n.text)
        tm = r["tail"].match(text[end:end + 3])
        if tm:
            approximate = True
        out.append(Figure(value, half, kind, unit, per, n.start, end, text[n.start:end], approximate))
    out = _share_units(text, out)
    return [_with_prefix_per(text, f) for f in out]


def _share_units(text: str, figs: list[Figure]) -> list[Figure]:
    """``360和150元``: a bare number joined to the next figure takes its unit."""
    r = _res()
    figs = list(figs)
    for i in range(len(figs) - 2, -1, -1):
        a, b = figs[i], figs[i + 1]
        if a.kind == "bare" and b.kind not in ("bare", "year") and r["joiner"].match(text[a.end:b.start]):
            half = half_unit_of(a.text) if b.kind == "percent" else a.half
            figs[i] = Figure(a.value, half, b.kind, b.unit, b.per, a.start, a.end, a.text, a.approximate)
    return figs


def _with_prefix_per(text: str, f: Figure) -> Figure:
    """``每人每月750元``: money per what, from the words before it in the same clause."""
    if f.kind != "money" or f.per:
        return f
    r = _res()
    lo = f.start
    while lo > 0 and not r["clause"].match(text[lo - 1]) and f.start - lo < 30:
        lo -= 1
    hits = list(r["per_prefix"].finditer(text, lo, f.start))
    if not hits:
        return f
    per = _per_from(hits[-1].group(0))
    return Figure(f.value, f.half, f.kind, f.unit, per, f.start, f.end, f.text, f.approximate)


class Sentences:
    """The document cut where claims end, with its figures."""

    def __init__(self, text: str):
        self.text = text
        br = re.escape(patterns()["sentence_breaks"])
        self.spans = [(m.start(), m.end()) for m in re.finditer(rf"[^{br}]+[{br}]?", text)]
        self._starts = [s for s, _ in self.spans]
        self.figures = read_figures(text)
        self._fig_starts = [f.start for f in self.figures]

    def __iter__(self):
        return iter(self.spans)

    def around(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_left(self._starts, pos + 1) - 1)
        return self.spans[i]

    def figures_in(self, start: int, end: int, kinds=None) -> list[Figure]:
        i = bisect_left(self._fig_starts, start)
        out = []
        while i < len(self.figures) and self.figures[i].start < end:
            f = self.figures[i]
            if f.end <= end and (kinds is None or f.kind in kinds):
                out.append(f)
            i += 1
        return out

    def figure_at(self, pos: int) -> Figure | None:
        i = bisect_left(self._fig_starts, pos)
        if i < len(self.figures) and self.figures[i].start == pos:
            return self.figures[i]
        return None
