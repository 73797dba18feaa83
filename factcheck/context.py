"""The document as the checker reads it: the extraction's sentences, clauses and figures.

The checker has no figure reader of its own. Every figure is an ``language.figures.Figure``
from ``Extraction.sentences`` (value, unit with its rate, range, precision, approximate), with
offsets in the normalized text; years come from the extraction's dates. This module answers
"which figures lie between these offsets", "what clause holds this one", and writes checks.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from extractors import read_sentences
from language import dates
from language.figures import prefix_unit
from schemas import Check, Provenance

from .arithmetic import fmt

PER_OF_UNIT = {"yuan/person/month": "month", "yuan/household/month": "month", "yuan/person/year": "year",
               "yuan/case": "case"}


@lru_cache(maxsize=1)
def patterns() -> dict:
    """The checker's patterns (data/patterns.yaml); ``{year}`` in them is the language layer's year."""
    return _with_year(yaml.safe_load((Path(__file__).parent / "data" / "patterns.yaml").read_text("utf-8")),
                      dates.pattern("year_written").pattern)


def _with_year(node, year: str):
    if isinstance(node, str):
        return node.replace("{year}", year)
    if isinstance(node, dict):
        return {k: _with_year(v, year) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_year(v, year) for v in node]
    return node


def trie(words) -> str:
    """``language.patterns.trie_pattern`` of a word list, built once per list: the checks ask
    for the same few lists for every sentence (a quarter of a build's time when rebuilt each call)."""
    return _trie(tuple(words))


@lru_cache(maxsize=256)
def _trie(words: tuple) -> str:
    from language.patterns import trie_pattern

    return trie_pattern(words)


@dataclass(frozen=True)
class Year:
    start: int
    end: int
    year: int


@dataclass
class Context:
    extraction: object
    standards: list = field(default_factory=list)  # factcheck.standards.Stated

    def __post_init__(self):
        doc = self.extraction.document
        self.doc, self.text = doc, doc.text
        found = getattr(self.extraction, "sentences", None)
        self.sentences = found if found is not None else read_sentences(doc)
        self.spans = [(s.start, s.end) for s in self.sentences]
        self._starts = [s.start for s in self.sentences]
        self.figures = [f for s in self.sentences for f in s.figures]
        self._fig_starts = [f.start for f in self.figures]
        self.clauses = [c for s in self.sentences for c in s.clauses]
        self._clause_starts = [c.start for c in self.clauses]
        found = getattr(self.extraction, "dates", None)
        mentions = found if found is not None else dates.find_dates(self.text)
        self.years = [Year(d.start, d.end, int(d.value[:4])) for d in mentions
                      if not d.plan and dates.opens_with_year(d.value) and not d.relative]
        self._year_starts = [y.start for y in self.years]
        self._per = {}

    # where things are ---------------------------------------------------------------------

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (the one before it when ``pos`` falls between two)."""
        i = max(0, bisect_right(self._starts, pos) - 1)
        return self.spans[i] if self.spans else (0, len(self.text))

    def before(self, span, n: int = 1) -> int:
        """Where the sentence ``n`` sentences before ``span`` starts."""
        i = max(0, bisect_right(self._starts, span[0]) - 1 - n)
        return self.spans[i][0] if self.spans else 0

    def clause(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self._clause_starts, pos) - 1)
        c = self.clauses[i] if self.clauses else (0, len(self.text))
        return (c[0], c[1]) if c[0] <= pos < c[1] else self.around(pos)

    def block(self, pos: int):
        hit = self.doc.block_at(pos) if hasattr(self.doc, "block_at") else None
        return hit[0] if hit else None

    def figures_in(self, start: int, end: int, kinds=None) -> list:
        i = bisect_left(self._fig_starts, start)
        out = []
        while i < len(self.figures) and self.figures[i].start < end:
            f = self.figures[i]
            if f.end <= end and (kinds is None or f.kind in kinds):
                out.append(f)
            i += 1
        return out

    def figure_at(self, pos: int):
        i = bisect_left(self._fig_starts, pos)
        return self.figures[i] if i < len(self.figures) and self.figures[i].start == pos else None

    def years_in(self, start: int, end: int) -> list[Year]:
        i = bisect_left(self._year_starts, start)
        out = []
        while i < len(self.years) and self.years[i].start < end:
            out.append(self.years[i])
            i += 1
        return out

    def run_after(self, fig, end: int, kinds) -> list:
        """Figures listed one after another from ``fig`` on (``22%和23%``, ``590元、377元``)."""
        joiner = re.compile(patterns()["list_joiner"])
        out = [fig]
        for f in self.figures_in(fig.end, end):
            if f.kind not in kinds or not joiner.match(self.text[out[-1].end:f.start]):
                break
            out.append(f)
        return out

    # what a figure is ---------------------------------------------------------------------

    def per(self, f) -> str | None:
        """Money per month, year or case: from its unit, else from the time words before it in
        its clause (``每人每月750元``)."""
        if f.kind != "money":
            return None
        if f.start not in self._per:
            unit = f.unit or prefix_unit(self.text[self.clause(f.start)[0]:f.start])
            self._per[f.start] = PER_OF_UNIT.get(unit)
        return self._per[f.start]

    def cite(self, f, **more) -> dict:
        """A figure as an input: its value, text, offsets and the clause that says it."""
        lo, hi = self.clause(f.start)
        hi = max(hi, self.clause(max(f.start, f.end - 1))[1])  # 1.4:1 runs over a clause's colon
        return {"value": f.value, "text": f.text, "start": f.start, "end": f.end,
                "quote": self.text[lo:hi].strip(), **more}

    def make(self, kind, span, stated, recomputed, inputs, verdict, explanation, diagnosis=None) -> Check:
        s, e = span
        raw = self.text[s:e]
        quote = raw.strip()
        s += len(raw) - len(raw.lstrip())
        e = s + len(quote)
        prov = Provenance(document_id=getattr(self.doc, "id", None), start=s, end=e)
        if hasattr(self.doc, "original_span"):
            prov.original_start, prov.original_end = self.doc.original_span(s, e)
        if hasattr(self.doc, "block_at"):
            hit = self.doc.block_at(s)
            if hit:
                prov.block, prov.page = hit[0], hit[1].page
        severity = cause = None
        if verdict == "inconsistent" and diagnosis is not None:
            severity, cause = diagnosis
            explanation += f" [{severity}: {cause}]"
        rec = None if recomputed is None else round(float(recomputed), 4)
        return Check(getattr(self.doc, "name", ""), quote, kind, float(stated), rec, inputs, verdict,
                     explanation, prov, severity, cause)


def scale(f) -> float:
    """The 万/亿 multiplier the text writes the figure with (1 when none)."""
    return {"万": 1e4, "亿": 1e8}.get(f.big[-1:], 1.0) if f.big else 1.0


def show(f) -> str:
    """The figure in the scale the text writes it (``1693万``, ``128亿``, ``1395``)."""
    return scaled(f.value, f.big)


def scaled(value: float, big: str) -> str:
    size = {"万": 1e4, "亿": 1e8}.get(big[-1:] if big else "")
    return fmt(value / size, 2) + big[-1] if size and abs(value) >= size / 100 else fmt(value)


def unit_word(f) -> str:
    return "%" if f.kind == "percent" else "倍" if f.kind == "ratio" else ""
