"""Standards the document states, for checks that span sentences (rules, monthly vs yearly).

They come from the extractor (``extraction.standards``); when it gives none (an extraction
built by hand, or an extractor that does not run), a small lexical reading stands in: money figures with a
"per month/year", the program, area and metric named before them in the sentence
(``城乡低保保障标准 ... 提高至2022年的每人每月750元和433元`` is dibao, urban 750 and rural
433 a month, 2022). Starting values of a rise (``由360元``) are not standards in force.

Checks here: ``rule`` (``按低保标准的1.3倍`` against the governed figures) and
``standard_forms`` (one standard stated both a month and a year).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .arithmetic import fmt, holds
from .claims import Context, Figure, _verdict, conversion_check, shape, transitions
from .figures import patterns

PER_OF_UNIT = {"yuan/person/month": "month", "yuan/person/year": "year", "yuan/household/month": "household-month"}


@dataclass
class Stated:
    program: str
    area: str
    metric: str
    variant: str | None
    period: str | None
    figure: Figure  # value, per, span, precision
    origin: str  # "extractor" or "text"
    region: str | None = None  # adcode, or the region as written

    def key(self):
        return (self.program, self.area, self.metric, self.variant, self.period, self.region)


def _first_keyword(text: str, table: dict) -> str | None:
    best = None
    for key, words in table.items():
        for w in words:
            i = text.find(w)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, key)
    return best[1] if best else None


def from_extraction(standards, sentences) -> list[Stated]:
    out = []
    for st in standards or []:
        per = PER_OF_UNIT.get(getattr(st, "unit", None))
        if per not in ("month", "year"):
            continue
        prov = st.provenance
        start = prov.start if prov and prov.start is not None else 0
        end = prov.end if prov and prov.end is not None else start
        # the figure itself inside the quote, for precision and offsets
        fig = next((f for f in sentences.figures_in(start, end) if f.kind == "money" and abs(f.value - st.value) < 1e-6),
                   None)
        if fig is None:
            half = 0.5 if float(st.value).is_integer() else 0.005
            fig = Figure(st.value, half, "money", "元", per, start, end, fmt(st.value) + "元")
        elif fig.per != per:
            fig = Figure(fig.value, fig.half, fig.kind, fig.unit, per, fig.start, fig.end, fig.text, fig.approximate)
        out.append(Stated(st.program, st.area, st.metric, st.variant, st.period, fig, "extractor",
                          st.adcode or st.region))
    return out


def from_text(ctx: Context) -> list[Stated]:
    p = patterns()
    text = ctx.text
    out = []
    starting = set()
    for s, e in ctx.sentences:
        for t in transitions(ctx, s, e):
            starting.add(t.before.start)
        figs = [f for f in ctx.sentences.figures_in(s, e) if f.kind in ("money", "year")]
        groups: list[list[Figure]] = []
        for f in figs:
            if f.kind == "year":
                continue
            if groups and re.fullmatch(r"\s*(?:和|、|及|与)\s*", text[groups[-1][-1].end:f.start]):
                groups[-1].append(f)
            else:
                groups.append([f])
        program = area_word = metric = None
        last = s
        for g in groups:
            subject = text[last:g[0].start]
            prog = _first_keyword(subject, p["programs"])
            if prog:
                program = prog
                area_word = _first_keyword(subject, p["areas"])
                metric = _first_keyword(subject, p["metrics"])
            years = [f for f in ctx.sentences.figures_in(last, g[0].start) if f.kind == "year"]
            period = str(int(years[-1].value)) if years else None
            last = g[-1].end
            if not program or not metric:
                continue
            if area_word == "both" and len(g) == 2:
                areas = ["urban", "rural"]
            elif area_word in ("urban", "rural") and len(g) == 1:
                areas = [area_word]
            elif area_word is None and len(g) == 1:
                areas = ["all"]
            else:
                continue
            for f, area in zip(g, areas):
                if f.per in ("month", "year") and f.start not in starting:
                    out.append(Stated(program, area, metric, None, period, f, "text"))
    return out


def stated_standards(ctx: Context, extracted) -> list[Stated]:
    """The extractor's standards; the lexical reading only when the extractor gave none."""
    if extracted:
        return from_extraction(extracted, ctx.sentences)
    return from_text(ctx)


def _block(ctx: Context, x: Stated):
    hit = ctx.doc.block_at(x.figure.start) if hasattr(ctx.doc, "block_at") else None
    return hit[0] if hit else None


def _cite(x: Stated) -> dict:
    return {**x.figure.cite(), "program": x.program, "area": x.area, "period": x.period, "from": x.origin}


@shape("rule")
def find_rules(ctx: Context):
    """``按照城乡最低生活保障标准的1.3倍``: every stated figure of the governed program against k
    times the basis figure of the same area, period and per."""
    p = patterns()
    rx = re.compile(p["rule"]["pattern"])
    basis_program = "dibao"
    for s, e in ctx.sentences:
        for m in rx.finditer(ctx.text, s, e):
            governed = _first_keyword(ctx.text[s:m.start()], {k: v for k, v in p["programs"].items()
                                                             if k != basis_program})
            if not governed:
                continue
            k = float(m.group("k"))
            at_least = m.group("how") in p["rule"]["at_least"]
            seen = set()
            for g in ctx.standards:
                if g.program != governed or g.metric != "standard" or g.figure.start in seen:
                    continue
                seen.add(g.figure.start)
                bases = [b for b in ctx.standards if b.program == basis_program and b.metric == "standard"
                         and (b.area, b.figure.per, b.period, b.region) == (g.area, g.figure.per, g.period, g.region)]
                if not bases:
                    continue
                # several basis figures for one key (tiers, before and after): any that makes the
                # rule hold is a reasonable reading
                results = [(_rule_holds(g, b, k, at_least), b) for b in bases]
                ok, b = next((r for r in results if r[0]), min(
                    results, key=lambda r: abs(r[1].figure.value * k - g.figure.value)))
                want = b.figure.value * k
                rel = ">=" if at_least else "="
                when = " ".join(x for x in (g.area, g.period) if x)
                yield ctx.make("ratio", (s, e), g.figure.value, want,
                               {"rule": {"text": m.group(0), "start": m.start(), "end": m.end(), "factor": k},
                                "governed": _cite(g), "basis": _cite(b)}, _verdict(ok),
                               f"{when}: {fmt(b.figure.value)} x {fmt(k)} = {fmt(want)}; stated "
                               f"{fmt(g.figure.value, 2)} (rule: {governed} {rel} {fmt(k)} x {basis_program})")


def _rule_holds(g: Stated, b: Stated, k: float, at_least: bool) -> bool:
    iv = b.figure.interval * k
    if at_least:
        return g.figure.interval.hi >= iv.lo - 0.005 * iv.lo
    return holds(iv, g.figure.value, g.figure.half)


@shape("standard_forms")
def find_standard_forms(ctx: Context):
    """One standard stated a year in one place and a month in another (same program, area,
    metric, variant, period, region, paragraph): the year figure / 12 against the month figure."""
    seen = set()
    for y in ctx.standards:
        if y.figure.per != "year" or y.period is None:
            continue
        for mth in ctx.standards:
            if mth.figure.per != "month" or mth.key() != y.key():
                continue
            if _block(ctx, y) != _block(ctx, mth):  # another paragraph may be another place or time
                continue
            key = (y.figure.start, mth.figure.start)
            near = abs(y.figure.start - mth.figure.end) < 20 or abs(mth.figure.start - y.figure.end) < 20
            if key in seen or near:  # adjacent forms are the lexical unit_conversion check's
                continue
            seen.add(key)
            yield conversion_check(ctx, ctx.sentences.around(y.figure.start), y.figure, mth.figure,
                                   _cite(y), _cite(mth))
