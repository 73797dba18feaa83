"""Checks over the standards the extraction found: rules (``特困 ≥ 1.3 × 低保``), shares of the
minimum wage for care levels, the urban:rural proportion (``1.38:1``) and one standard stated
both a month and a year.

A standard is compared only with standards of its kind: the basis of a rule is a 低保 standard
(``metric == "standard"``), never a subsidy level, a floor for a tier or a per-category payment,
which the extractor tells apart. Amounts a month and a year are compared a year (× 12). A rule's
result may be rounded up to the yuan by policy (``5756.4`` paid as ``5757``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass


from .arithmetic import Interval, fmt, given, holds, stated_half
from .claims import conversion_check
from .context import PER_OF_UNIT, Context, patterns, trie
from .diagnosis import diagnose
from .registry import shape, verdict


@dataclass
class Stated:
    program: str
    area: str
    metric: str
    variant: str | None
    period: str | None
    per: str
    figure: object  # language.figures.Figure, where the text states it
    previous: object | None  # the earlier value, when the text states one
    region: str | None
    bound: str | None

    def key(self):
        return (self.program, self.area, self.metric, self.variant, self.period, self.region)

    def yearly(self, f=None) -> Interval:
        iv = given(f or self.figure)
        return iv * 12 if self.per == "month" else iv


def stated_standards(ctx: Context, standards) -> list[Stated]:
    """The extraction's standards a month or a year, each with the figure that states it."""
    out = []
    for st in standards or []:
        per = PER_OF_UNIT.get(getattr(st, "unit", None))
        prov = st.provenance
        if per not in ("month", "year") or prov is None or prov.start is None:
            continue
        end = prov.end if prov.end is not None else prov.start + 1
        figs = ctx.figures_in(prov.start, ctx.around(end)[1], ("money",))
        fig = next((f for f in figs if f.value == st.value and f.start < end), None)
        if fig is None:
            continue
        prev = next((f for f in ctx.figures_in(*ctx.around(fig.start), ("money",))
                     if st.previous is not None and f.value == st.previous and f.start < fig.start), None)
        out.append(Stated(st.program, st.area, st.metric, st.variant, st.period, per, fig, prev,
                          st.adcode or st.region, getattr(st, "bound", None)))
    return out


def _cite(ctx, x: Stated, f=None) -> dict:
    return ctx.cite(f or x.figure, program=x.program, area=x.area, period=x.period, per=x.per,
                    **({"previous": True} if f is not None else {}))


def _governed_program(ctx: Context, span, at: int) -> str | None:
    progs = {k: v for k, v in patterns()["programs"].items() if k != "dibao"}
    for lo in (span[0],) + tuple(ctx.before(span, n) for n in (1, 2, 3)):  # or the heading above
        text = ctx.text[lo:at]
        hits = [(text.rfind(w), k) for k, ws in progs.items() for w in ws if w in text]
        if hits:
            return max(hits)[1]
    return None


def _one_subject(ctx: Context, standards) -> list[Stated]:
    """Standards whose figure the extraction gives one program, not a tier or class of
    households: a figure read as two programs at once is not a basis for anything."""
    progs: dict = {}
    for x in standards:
        progs.setdefault(x.figure.start, set()).add(x.program)
    words = patterns()["per_category"]
    return [x for x in standards if len(progs[x.figure.start]) == 1 and not any(
        w in ctx.text[ctx.clause(x.figure.start)[0]:x.figure.start] for w in words)]


@shape("rule")
def find_rules(ctx: Context):
    """``按照城乡最低生活保障标准的1.3倍``: the figures of the governed program against k times the
    低保 standard of the same area, region and period (an earlier value against the earlier). The
    governed figures are those the rule's sentence states after it, else the extraction's
    standards of the program in the rule's paragraph, else in the document."""
    p = patterns()["rule"]
    known = _one_subject(ctx, ctx.standards)
    for s, e in ctx.spans:
        for m in re.finditer(p["pattern"], ctx.text[s:e]):
            governed = _governed_program(ctx, (s, e), s + m.start())
            if not governed:
                continue
            factor = ctx.figure_at(s + m.start("k"))  # the extraction's 1.3倍
            if factor is None or factor.kind != "ratio":
                continue
            k = factor.value
            at_least = m.group("how") in p["at_least"]
            rule = {"text": m.group(0), "start": s + m.start(), "end": s + m.end(), "factor": k,
                    "quote": ctx.text[s:e].strip()}
            area = next((a for a in ("urban", "rural") if any(w in m.group(0) for w in p["basis_areas"][a])), None)
            bases = [b for b in known if b.program == "dibao" and b.metric in ("standard", "floor")]
            for g in _governed(ctx, (s, e), s + m.end(), governed, known):
                match = [b for b in bases if (b.area == (area or g.area) or g.area is None)
                         and b.region == (g.region or b.region) and _overlap(b.period, g.period)]
                if match:
                    yield _rule_check(ctx, (s, e), rule, g, match, k, at_least, governed, False)
                if match and g.previous is not None and any(b.previous is not None for b in match):
                    yield _rule_check(ctx, (s, e), rule, g, match, k, at_least, governed, True)


def _governed(ctx: Context, span, after: int, program: str, known) -> list[Stated]:
    s, e = span
    rise = re.compile(rf"(?:{trie(patterns()['growth']['rise_verbs'])})\D{{0,6}}$")
    other = re.compile(trie(patterns()["growth"]["other_subjects"] + patterns()["per_category"]))
    stop = other.search(ctx.text, after, e)  # 照料护理标准为…: the rule's sentence turns to another subject
    figs = [f for f in ctx.figures_in(after, stop.start() if stop else e, ("money",))
            if not rise.search(ctx.text, after, f.start)]
    if figs:
        from .growth import transitions
        earlier = {t.after.start: t.before for t in transitions(ctx, after, e)}
        news = [f for f in figs if f.start not in {b.start for b in earlier.values()}]
        areas = _areas_of(ctx, after, news)
        return [Stated(program, area, "standard", None, None, ctx.per(f), f, earlier.get(f.start), None, None)
                for f, area in zip(news, areas)]
    block = ctx.block(s)
    own = [g for g in known if g.program == program and g.metric == "standard"]
    return [g for g in own if ctx.block(g.figure.start) == block] or own


def _areas_of(ctx: Context, start: int, figs) -> list:
    """Each figure's area: the area word nearest before it (城市…A元, 农村…B元); a pair after
    城乡 or 城市和农村 (分别 A、B): urban and rural; else any."""
    words = patterns()["rule"]["basis_areas"]
    out, last = [], start
    for f in figs:
        text = ctx.text[last:f.start]
        hits = [(text.rfind(w), a) for a in ("urban", "rural") for w in words[a] if w in text]
        out.append(max(hits)[1] if hits else None)
        last = f.end
    head = ctx.text[start:figs[0].start] if figs else ""
    if len(figs) == 2 and out[1] is None and (any(w in head for w in words["both"]) or all(
            any(w in head for w in words[a]) for a in ("urban", "rural"))):
        return ["urban", "rural"]  # 城市和农村…分别 A、B
    return out


def _overlap(a, b) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _rule_readings(g: Stated, bases, previous: bool):
    for b in bases:
        if not previous:
            yield g.figure, b, b.figure
        elif b.previous is not None:
            yield g.previous, b, b.previous


def _yearly(f, per) -> Interval:
    return given(f) * 12 if per == "month" else given(f)


def _rule_holds(gf, gper, b: Stated, bf, k, at_least) -> bool:
    want = _yearly(bf, b.per) * k
    have = _yearly(gf, gper)
    unit = 12 if gper == "month" else 1
    if at_least:
        return have.hi >= want.lo - 0.5 * unit
    # the figure rounds k x basis, or is rounded up by policy to the yuan (or the ten yuan, when
    # it is a round ten)
    tens = (1, 10) if (have.lo / unit) % 10 == 0 else (1,)
    up = [math.ceil(want.hi / unit / r - 1e-9) * r * unit for r in tens]
    return holds(have, want.mid, 0.5 * unit + (want.hi - want.mid)) or any(
        want.lo <= have.lo <= u + 1e-9 for u in up)


def _rule_check(ctx, span, rule, g: Stated, bases, k, at_least, governed, previous):
    pers = [g.per] if g.per else ["month", "year"]  # a figure without its period: either reading
    readings = [(gf, per, b, bf) for gf, b, bf in _rule_readings(g, bases, previous) for per in pers]
    hit = next((r for r in readings if _rule_holds(r[0], r[1], r[2], r[3], k, at_least)), None)
    # no reading holds: show the one in the governed figure's own period, nearest first
    gf, gper, b, bf = hit or min(readings, key=lambda r: (r[2].per != r[1], abs(
        _yearly(r[3], r[2].per).mid * k - _yearly(r[0], r[1]).mid)))
    factor = (12 if b.per == "month" else 1) / (12 if gper == "month" else 1)
    want = bf.value * factor * k
    conv = f" ({fmt(bf.value)} a month x 12)" if factor == 12 else f" ({fmt(bf.value)} a year / 12)" if factor < 1 else ""
    rel = ">=" if at_least else "="
    when = " ".join(x for x in (g.area or b.area, g.period or b.period) if x)
    inputs = {"rule": rule, "governed": ctx.cite(gf, program=governed, area=g.area, per=gper),
              "basis": _cite(ctx, b, bf if bf is not b.figure else None)}
    diagnosis = None if hit else diagnose(gf.value, want, stated_half(gf), [
        ("monthly/yearly mix-up", want * 12), ("monthly/yearly mix-up", want / 12)])
    said = verdict(hit is not None)
    note = ""
    if previous and hit is None:  # an earlier value may predate the rule
        said, diagnosis, note = "unverifiable", None, "; the earlier value may predate the rule"
    return ctx.make("ratio", span, gf.value, want, inputs, said,
                    f"{when}: {fmt(bf.value * factor)}{conv} x {fmt(k)} = {fmt(want)}; stated {fmt(gf.value, 2)} "
                    f"(rule: {governed} {rel} {fmt(k)} x dibao){note}", diagnosis)


# shares of the minimum wage --------------------------------------------------------------

@shape("minimum_wage")
def find_minimum_wage_shares(ctx: Context):
    """``按照上年度最低工资标准为22920元计算, 自理、半自理…每人每年2292元、3820元、7640元``: each
    care level against its share of the wage (the shares the text states, paired smallest with
    smallest; else the simple fraction 1/n the amount is)."""
    p = patterns()["minimum_wage"]
    for s, e in ctx.spans:
        for m in re.finditer(p["wage_pattern"], ctx.text[s:e]):
            wage = ctx.figure_at(s + m.end())
            if wage is None or wage.kind != "money":
                continue
            amounts = ctx.figures_in(wage.end, e, ("money",))
            amounts = ctx.run_after(amounts[0], e, ("money",)) if amounts else []
            if len(amounts) < 2:
                continue
            shares = _stated_shares(ctx, p)
            for i, a in enumerate(sorted(amounts, key=lambda f: f.value)):
                share = sorted(shares)[i] if len(shares) == len(amounts) else None
                yield _wage_check(ctx, (s, e), wage, a, share)


def _stated_shares(ctx: Context, p) -> list[float]:
    for s, e in ctx.spans:
        for m in re.finditer(p["shares_pattern"], ctx.text[s:e]):
            first = ctx.figure_at(s + m.end())
            if first is not None and first.kind == "percent":
                return [f.value / 100 for f in ctx.run_after(first, e, ("percent",))]
    return []


def _wage_check(ctx, span, wage, a, share):
    inputs = {"stated": ctx.cite(a), "minimum_wage": ctx.cite(wage)}
    if share is not None:
        r = wage.value * share
        ok = holds(given(wage) * share, a.value, 0.5) or math.ceil(r) == a.value
        return ctx.make("ratio", span, a.value, r, {**inputs, "share": share}, verdict(ok),
                        f"{fmt(wage.value)} x {fmt(share * 100, 2)}% = {fmt(r, 2)}; stated {fmt(a.value)} "
                        f"(care level: a share of the minimum wage)", None if ok else diagnose(a.value, r, 0.5))
    n = next((n for n in range(2, 13) if holds(given(wage) / n, a.value, 0.5)), None)
    if n is None:
        return ctx.make("ratio", span, a.value, None, inputs, "unverifiable",
                        f"{fmt(a.value)} is {fmt(a.value / wage.value * 100, 2)}% of the minimum wage "
                        f"{fmt(wage.value)}, which the text gives no share for")
    return ctx.make("ratio", span, a.value, wage.value / n, {**inputs, "share": 1 / n}, "consistent",
                    f"{fmt(wage.value)} / {n} = {fmt(wage.value / n, 2)}; stated {fmt(a.value)} "
                    f"(care level: 1/{n} of the minimum wage)")


# proportion ------------------------------------------------------------------------------

@shape("proportion")
def find_proportions(ctx: Context):
    """``城乡低保标准之比由2015年的1.8:1缩小到1.44:1``: the urban standard over the rural one, both a
    year, of the year named before the proportion (else the latest the text gives)."""
    p = patterns()["proportion"]
    for f in ctx.figures:
        if f.kind != "proportion":
            continue
        span = ctx.around(f.start)
        head = ctx.text[span[0]:f.start]
        if not re.search(p["urban_rural"], head):
            continue
        prog = next((k for k, ws in patterns()["programs"].items() if re.search(trie(ws), head)), "dibao")
        named = ctx.years_in(ctx.clause(f.start)[0], f.start)
        values = _dated_values(ctx, prog)
        year = named[-1].year if named else max((v[2] for v in values if v[2]), default=None)
        urban = list({v[0].start: v[:2] for v in values if v[3] == "urban" and v[2] == year}.values())
        rural = list({v[0].start: v[:2] for v in values if v[3] == "rural" and v[2] == year}.values())
        st = {"stated": ctx.cite(f)}
        if len(urban) != 1 or len(rural) != 1:
            yield ctx.make("multiple", span, f.value, None, st, "unverifiable",
                           f"urban:rural stated {fmt(f.value, 2)}:1, but the text does not give one urban and one "
                           f"rural {prog} standard for {year or 'one year'}")
            continue
        (uf, uper), (rf, rper) = urban.pop(), rural.pop()
        u, r = _yearly(uf, uper), _yearly(rf, rper)
        v = u.mid / r.mid
        half = stated_half(f)
        ok = holds(u / r, f.value, half)
        yield ctx.make("multiple", span, f.value, v, {**st, "urban": ctx.cite(uf, per=uper, year=year),
                                                     "rural": ctx.cite(rf, per=rper, year=year)},
                       verdict(ok), f"{fmt(u.mid)} / {fmt(r.mid)} a year ({year}) = {fmt(v, 2)}; stated {fmt(f.value, 2)}:1",
                       None if ok else diagnose(f.value, v, half, [("monthly/yearly mix-up", uf.value / rf.value)]))


def _dated_values(ctx: Context, program: str) -> list:
    """(figure, per, year, area) of each standard of the program and of its earlier value: the year
    named in its clause, else the standard's period."""
    out = []
    for x in _one_subject(ctx, ctx.standards):
        if x.program != program or x.metric != "standard" or x.bound is not None:
            continue
        for f in (x.figure, x.previous):
            if f is None:
                continue
            years = ctx.years_in(ctx.clause(f.start)[0], f.start)
            year = years[-1].year if years else (int(x.period[:4]) if x.period and f is x.figure else None)
            out.append((f, x.per, year, x.area))
    return out


# one standard a month and a year ---------------------------------------------------------

@shape("standard_forms")
def find_standard_forms(ctx: Context):
    """One standard stated a year in one place and a month in another (same program, area,
    metric, variant, period, region, paragraph): the year figure / 12 against the month figure."""
    seen = set()
    known = _one_subject(ctx, ctx.standards)
    for y in known:
        if y.per != "year" or y.period is None:
            continue
        for mth in known:
            if mth.per != "month" or mth.key() != y.key() or ctx.block(y.figure.start) != ctx.block(mth.figure.start):
                continue
            key = (y.figure.start, mth.figure.start)
            near = abs(y.figure.start - mth.figure.end) < 20 or abs(mth.figure.start - y.figure.end) < 20
            if key in seen or near:  # adjacent forms are the unit_conversion check's
                continue
            seen.add(key)
            yield conversion_check(ctx, ctx.around(y.figure.start), y.figure, "year", mth.figure, "month",
                                   _cite(ctx, y), _cite(ctx, mth))
