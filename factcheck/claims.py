"""Claims a report makes about its own figures, each recomputed from the figures it rests on.

One function per claim shape, registered by name in ``SHAPES``; each takes a :class:`Context`
(the document cut into sentences, with its figures and stated standards) and yields
:class:`schemas.Check`. Lexical patterns come from ``data/patterns.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.patterns import trie_pattern
from schemas import Check, Provenance

from .arithmetic import (Interval, fmt, growth_compound, growth_simple, holds)
from .figures import Figure, Sentences, patterns, scaled

SHAPES: dict = {}


def shape(name):
    def register(fn):
        SHAPES[name] = fn
        return fn
    return register


@dataclass
class Context:
    doc: object
    sentences: Sentences
    standards: list = field(default_factory=list)  # factcheck.standards.Stated

    @property
    def text(self) -> str:
        return self.sentences.text

    def make(self, kind, span, stated, recomputed, inputs, verdict, explanation) -> Check:
        s, e = span
        quote = self.text[s:e].strip()
        lead = len(self.text[s:e]) - len(self.text[s:e].lstrip())
        s += lead
        e = s + len(quote)
        prov = Provenance(document_id=getattr(self.doc, "id", None), start=s, end=e)
        if hasattr(self.doc, "original_span"):
            prov.original_start, prov.original_end = self.doc.original_span(s, e)
        if hasattr(self.doc, "block_at"):
            hit = self.doc.block_at(s)
            if hit:
                prov.block, prov.page = hit[0], hit[1].page
        rec = None if recomputed is None else round(float(recomputed), 4)
        return Check(getattr(self.doc, "name", ""), quote, kind, float(stated), rec, inputs, verdict,
                     explanation, prov)

    def run_after(self, fig: Figure, end: int, kinds) -> list[Figure]:
        """Figures listed one after another from ``fig`` on (`22%和23%`, `590元、377元`)."""
        joiner = re.compile(r"^\s*(?:和|、|及|与|,|，|以及)\s*$")
        out = [fig]
        for f in self.sentences.figures_in(fig.end, end):
            if f.kind not in kinds or not joiner.match(self.text[out[-1].end:f.start]):
                break
            out.append(f)
        return out


def _verdict(ok: bool) -> str:
    return "consistent" if ok else "inconsistent"


def _unit_word(f: Figure) -> str:
    return "%" if f.kind == "percent" else ("倍" if f.kind == "ratio" else "")


# growth ----------------------------------------------------------------------------------

@dataclass
class Transition:
    before: Figure
    after: Figure
    before_year: int | None = None
    after_year: int | None = None
    plan: str | None = None  # the plan period whose end is the starting point (十二五)


def _years_and_plan(text: str, figs: list[Figure]):
    years = [int(f.value) for f in figs if f.kind == "year"]
    p = patterns()
    plan_rx = re.compile(rf"({trie_pattern(p['plan_periods'])})[”\"’']?(?:{trie_pattern(p['plan_end_markers'])})")
    m = plan_rx.search(text)
    plan = m.group(1) if m else None
    year = years[-1] if years else (p["plan_periods"][plan] if plan else None)
    return year, plan


def transitions(ctx: Context, start: int, end: int) -> list[Transition]:
    """Every "由A提高到B" and "提高到B(2023年为A)" between two offsets, in text order."""
    g = patterns()["growth"]
    text = ctx.text
    rx = re.compile(rf"(?:{trie_pattern(g['transition_from'])})(?P<a>(?:(?!{trie_pattern(g['transition_from'])})[^。；;])*?)"
                    rf"(?:{trie_pattern(g['transition_verbs'])})(?:{trie_pattern(g['transition_to'])})(?P<b>[^,，;；。]*)")
    out: list[tuple[int, Transition]] = []
    for m in rx.finditer(text, start, end):
        a_figs = ctx.sentences.figures_in(m.start("a"), m.end("a"))
        b_figs = ctx.sentences.figures_in(m.start("b"), m.end("b"))
        b_vals = [f for f in b_figs if f.kind in ("money", "count", "percent")]
        if not b_vals:
            continue
        a_vals = [f for f in a_figs if f.kind == b_vals[0].kind]
        if len(a_vals) != len(b_vals):
            continue
        ay, plan = _years_and_plan(m.group("a"), a_figs)
        by, _ = _years_and_plan(m.group("b"), b_figs)
        for a, b in zip(a_vals, b_vals):
            out.append((a.start, Transition(a, b, ay, by, plan)))
    brx = re.compile(g["earlier_in_brackets"])
    for m in brx.finditer(text, start, end):
        inner = [f for f in ctx.sentences.figures_in(m.start("body"), m.end("body")) if f.kind != "year"]
        prev = [f for f in ctx.sentences.figures_in(start, m.start()) if f.kind != "year"]
        if len(inner) == 1 and prev and prev[-1].kind == inner[0].kind and \
                not text[prev[-1].end:m.start()].strip():
            out.append((prev[-1].start, Transition(inner[0], prev[-1], int(m.group("year")), None, None)))
    return [t for _, t in sorted(out, key=lambda x: x[0])]


def _growth_readings(t: Transition, annual: bool, fall: bool):
    """(label, point value, interval, formula) for each reasonable reading of the claim."""
    a, b = (t.after, t.before) if fall else (t.before, t.after)
    base = t.before
    A, B = a.interval, b.interval
    if not annual:
        pt = (b.value - a.value) / base.value * 100
        iv = (B - A) / base.interval * 100
        sign = "-" if fall else ""
        return [("total change", None, None, pt, iv, f"({fmt(b.value)}-{fmt(a.value)})/{fmt(base.value)}")], sign
    spans = []
    if t.plan:
        nxt = {v: k for k, v in patterns()["plan_periods"].items()}.get(
            patterns()["plan_periods"][t.plan] + patterns()["plan_years"])
        spans.append((patterns()["plan_years"], f"{t.plan}期末 to the end of {nxt or 'the next plan'}"))
    if t.before_year and t.after_year and t.after_year > t.before_year:
        n = t.after_year - t.before_year
        if not any(n == s for s, _ in spans):
            spans.append((n, f"{t.before_year}-{t.after_year}"))
    out = []
    for n, label in spans:
        out.append(("simple average", n, label, growth_simple(a.value, b.value, n).mid, growth_simple(A, B, n),
                    f"({fmt(b.value)}-{fmt(a.value)})/{fmt(a.value)}/{n}"))
        out.append(("compound rate", n, label, growth_compound(a.value, b.value, n).mid, growth_compound(A, B, n),
                    f"({fmt(b.value)}/{fmt(a.value)})^(1/{n})-1"))
    return out, ""


@shape("growth")
def find_growth(ctx: Context):
    g = patterns()["growth"]
    text = ctx.text
    verbs = g["rise_verbs"] + g["fall_verbs"]
    rx = re.compile(rf"(?P<verb>{trie_pattern(verbs)})(?:了|为|达到|达)?(?=\d)")
    for s, e in ctx.sentences:
        done = s
        for m in rx.finditer(text, s, e):
            if m.start() < done:
                continue
            first = ctx.sentences.figure_at(m.end())
            if first is None or first.kind not in ("percent", "money", "count"):
                continue
            stated = ctx.run_after(first, e, (first.kind,))
            before = text[max(s, m.start() - 10):m.start()]
            annual = any(w in before for w in g["annual_markers"])
            fall = m.group("verb") in g["fall_verbs"]
            pairs = transitions(ctx, done, m.start())
            if first.kind != "percent" and not pairs:
                done = stated[-1].end
                continue
            pairs = pairs[-len(stated):] if len(pairs) >= len(stated) else []
            for i, st in enumerate(stated):
                yield _growth_check(ctx, (s, e), st, pairs[i] if pairs else None, annual, fall)
            done = stated[-1].end


def _growth_check(ctx, span, st: Figure, t: Transition | None, annual: bool, fall: bool) -> Check:
    u = _unit_word(st)
    if t is None:
        return ctx.make("growth", span, st.value, None, {"stated": st.cite()}, "unverifiable",
                        f"stated {fmt(st.value, 2)}{u} change, but the text gives no earlier value to recompute it from")
    inputs = {"stated": st.cite(), "from": t.before.cite(), "to": t.after.cite()}
    if st.kind != "percent":  # an increase by an amount
        d = (t.before.value - t.after.value) if fall else (t.after.value - t.before.value)
        iv = (t.before.interval - t.after.interval) if fall else (t.after.interval - t.before.interval)
        ok = holds(iv, st.value, st.half)
        return ctx.make("growth", span, st.value, d, inputs, _verdict(ok),
                        f"{fmt(t.after.value)}-{fmt(t.before.value)} = {fmt(d)}; stated {fmt(st.value)}")
    readings, sign = _growth_readings(t, annual, fall)
    if not readings:
        total = (t.after.value - t.before.value) / t.before.value * 100
        return ctx.make("growth", span, st.value, None, inputs, "unverifiable",
                        f"a yearly rate needs the number of years, which the text does not fix "
                        f"(total change {fmt(total)}%); stated {fmt(st.value, 2)}% a year")
    if t.before_year:
        inputs["from"]["year"] = t.before_year
    if t.after_year:
        inputs["to"]["year"] = t.after_year
    matching = [r for r in readings if holds(r[4], st.value, st.half)]
    best = matching[0] if matching else min(readings, key=lambda r: abs(r[3] - st.value))

    def said(r):
        return r[0] if r[1] is None else f"{r[0]} a year, {r[1]} years ({r[2]})"

    others = ", ".join(f"{r[0]} {fmt(r[3])}%" + ("" if r[2] == best[2] else f" over {r[1]} years")
                       for r in readings if r is not best)
    verdict = f"matches the {best[0]}" if matching else "no reading gives it"
    expl = f"{best[5]} = {fmt(best[3])}% {said(best)}; stated {fmt(st.value, 2)}%, {verdict}" + \
        (f" (also: {others})" if others else "")
    return ctx.make("growth", span, st.value, best[3], inputs, _verdict(bool(matching)), expl)


# multiple and share ----------------------------------------------------------------------

def find_reference(ctx: Context, noun: str, start: int, end: int, kind: str, unit: str | None = None):
    """The figure the text gives for ``noun`` between two offsets: the longest tail of the noun
    that occurs there, and the first figure of the wanted kind right after it (or, failing
    that, the nearest one in the same clause)."""
    text = ctx.text
    for n in range(len(noun), 1, -1):
        stem = noun[-n:]
        pos = text.rfind(stem, start, end)
        if pos < 0:
            continue
        after = [f for f in ctx.sentences.figures_in(pos + n, min(end, pos + n + 12))
                 if f.kind == kind and (unit is None or f.unit == unit)]
        if after:
            return after[0], stem
        clause = _clause(ctx, pos)
        near = [f for f in ctx.sentences.figures_in(*clause) if f.kind == kind and f.end <= end
                and (unit is None or f.unit == unit)]
        if near:
            return min(near, key=lambda f: min(abs(f.start - pos), abs(f.end - pos))), stem
    return None, None


def _clause(ctx: Context, pos: int) -> tuple[int, int]:
    br = patterns()["clause_breaks"] + patterns()["sentence_breaks"]
    text = ctx.text
    s = pos
    while s > 0 and text[s - 1] not in br:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in br:
        e += 1
    return s, e


@shape("multiple")
def find_multiple(ctx: Context):
    p = patterns()["multiple"]
    text = ctx.text
    rx = re.compile(p["pattern"] + r"(?=\d)")
    for s, e in ctx.sentences:
        for m in rx.finditer(text, s, e):
            first = ctx.sentences.figure_at(m.end())
            if first is None or first.kind not in ("ratio", "percent"):
                continue
            stated = ctx.run_after(first, e, ("ratio", "percent"))
            subjects = [f for f in ctx.sentences.figures_in(s, m.start()) if f.kind in ("money", "count")]
            subjects = subjects[-len(stated):]
            if len(subjects) < len(stated):
                continue
            ref_noun = m.group("ref")
            prev_year = any(w in ref_noun for w in p["previous_year_refs"])
            earlier = {t.after.start: t.before for t in transitions(ctx, s, m.start())}
            for subj, st in zip(subjects, stated):
                ref, stem = (earlier.get(subj.start), "the earlier value") if prev_year else \
                    find_reference(ctx, ref_noun, ctx.sentences.around(s - 1)[0] if s else s,
                                   subj.start, subj.kind, subj.unit)
                scale = 100 if st.kind == "percent" else 1
                word = "%" if st.kind == "percent" else " times"
                if ref is None:
                    yield ctx.make("multiple", (s, e), st.value, None, {"stated": st.cite(), "figure": subj.cite()},
                                   "unverifiable", f"{subj.show} is stated to be {fmt(st.value, 2)}{word} of "
                                   f"{ref_noun}, which the text does not give")
                    continue
                r = subj.value / ref.value * scale
                ok = holds(subj.interval / ref.interval * scale, st.value, st.half)
                yield ctx.make("multiple", (s, e), st.value, r,
                               {"stated": st.cite(), "figure": subj.cite(), "reference": {**ref.cite(), "as": stem}},
                               _verdict(ok), f"{subj.show} / {ref.show} = {fmt(r, 2)}{word} "
                               f"({ref_noun}: {ref.text}); stated {fmt(st.value, 2)}{word}")


@shape("share")
def find_share(ctx: Context):
    p = patterns()["share"]
    text = ctx.text
    rate_rx = re.compile(p["rate_pattern"])
    part_rx = re.compile(p["part_of_pattern"])
    for s, e in ctx.sentences:
        for m in rate_rx.finditer(text, s, e):
            noun = m.group("noun")
            st = ctx.sentences.figure_at(m.end())
            if st is None or st.kind != "percent" or any(noun.endswith(w) for w in p["not_shares"]):
                continue
            part, stem = None, None
            for n in range(len(noun), 1, -1):
                pos = text.rfind(noun[-n:], s, m.start())
                if pos >= 0:
                    near = [f for f in ctx.sentences.figures_in(*_clause(ctx, pos))
                            if f.kind in ("count", "money") and f.end <= m.start()]
                    if near:
                        part = min(near, key=lambda f: min(abs(f.start - pos), abs(f.end - pos)))
                        stem = noun[-n:]
                        break
            whole = None
            if part:
                bigger = [f for f in ctx.sentences.figures_in(s, part.start)
                          if f.unit == part.unit and f.value > part.value]
                whole = bigger[-1] if bigger else None
            yield _share_check(ctx, (s, e), st, part, whole, f"{noun}率", stem)
        for m in part_rx.finditer(text, s, e):
            st = ctx.sentences.figure_at(m.end())
            if st is None or st.kind != "percent":
                continue
            before = [f for f in ctx.sentences.figures_in(s, m.start()) if f.kind in ("count", "money")]
            part = before[-1] if before else None
            whole = find_reference(ctx, m.group("ref"), s, part.start, part.kind, part.unit)[0] if part else None
            yield _share_check(ctx, (s, e), st, part, whole, f"share of {m.group('ref')}", None)


def _share_check(ctx, span, st, part, whole, what, stem) -> Check:
    if part is None or whole is None:
        return ctx.make("share", span, st.value, None, {"stated": st.cite(), **({"part": part.cite()} if part else {})},
                        "unverifiable", f"{what} stated as {fmt(st.value, 2)}%, but the text does not give both "
                        f"the part and the whole")
    r = part.value / whole.value * 100
    ok = holds(part.interval / whole.interval * 100, st.value, st.half)
    return ctx.make("share", span, st.value, r, {"stated": st.cite(), "part": part.cite(), "whole": whole.cite()},
                    _verdict(ok), f"{part.show} / {whole.show} = {fmt(r, 2)}%; stated {fmt(st.value, 2)}%")


# average ---------------------------------------------------------------------------------

def _months(ctx: Context, start: int, end: int) -> tuple[int | None, str | None]:
    for spec in patterns()["month_ranges"]:
        for m in re.finditer(spec["pattern"], ctx.text[start:end]):
            if "months" in spec:
                return spec["months"], m.group(0)
            a, b = int(m.group(spec["from_group"])), int(m.group(spec["to_group"]))
            if 1 <= a <= b <= 12:
                return b - a + 1, m.group(0)
    return None, None


@shape("average")
def find_average(ctx: Context):
    p = patterns()["average"]
    text = ctx.text
    rx = re.compile(rf"(?P<mk>{trie_pattern(p['markers'])})[^,，;；。\d]{{0,8}}?(?=\d)")
    for s, e in ctx.sentences:
        for m in rx.finditer(text, s, e):
            st = ctx.sentences.figure_at(m.end())
            if st is None or st.kind != "money":
                continue
            before = ctx.sentences.figures_in(s, m.start())
            totals = [f for f in before if f.kind == "money" and f.per is None and f.value > st.value]
            counts = [f for f in before if f.kind == "count"]
            if not totals or not counts:
                continue
            want = ("人次",) if st.per == "case" else ("户",) if m.group("mk") in p["per_household"] else ("人", "人次")
            preferred = [f for f in counts if f.unit in want]
            count = (preferred or counts)[-1]
            total = totals[-1]
            inputs = {"stated": st.cite(), "total": total.cite(), "count": count.cite()}
            per_month = st.per in ("month", "quarter", "year") or "月" in m.group("mk") or \
                "月" in text[max(s, m.start() - 2):m.start()]
            n, said = 1, None
            if per_month:
                # the months the total covers: this sentence or the two before it
                lo = ctx.sentences.around(ctx.sentences.around(s - 1)[0] - 1)[0] if s > 1 else s
                n, said = _months(ctx, lo, m.start())
                if n is None:
                    yield ctx.make("average", (s, e), st.value, None, inputs, "unverifiable",
                                   f"{total.show}/{count.show} = {fmt(total.value / count.value)} yuan "
                                   f"over the whole period; a monthly average needs the number of months, "
                                   f"which the text does not give")
                    continue
                inputs["months"] = {"value": n, "text": said}
            r = total.value / count.value / n
            ok = holds(total.interval / count.interval * (1 / n), st.value, st.half)
            div = f"/{n} months" if per_month else ""
            yield ctx.make("average", (s, e), st.value, r, inputs, _verdict(ok),
                           f"{total.show}/{count.show}{div} = {fmt(r)} yuan per "
                           f"{'month per ' if per_month else ''}{count.unit}; stated {fmt(st.value, 2)}")


# sum -------------------------------------------------------------------------------------

@shape("sum")
def find_sum(ctx: Context):
    text = ctx.text
    rx = re.compile(trie_pattern(patterns()["sum"]["markers"]))
    for s, e in ctx.sentences:
        for m in rx.finditer(text, s, e):
            after = [f for f in ctx.sentences.figures_in(m.end(), e) if f.kind not in ("year",)]
            if not after or after[0].kind not in ("count", "money"):
                continue
            parts = [after[0]]
            for f in after[1:]:
                gap = text[parts[-1].end:f.start]
                if f.kind != parts[0].kind or f.unit != parts[0].unit or any(c in gap for c in ")）;；。") \
                        or len(gap) > 16 or not any(c in gap for c in "、,，和及与"):
                    break
                parts.append(f)
            if len(parts) < 2:
                continue
            before = [f for f in ctx.sentences.figures_in(s, m.start()) if f.kind not in ("year",)]
            if not before:
                continue
            total = before[-1]
            same_kind = total.kind == parts[0].kind
            if not same_kind and total.kind != "bare":
                continue
            psum = sum(f.value for f in parts)
            iv = sum((f.interval for f in parts), Interval.exact(0))
            expr = " + ".join(f.show for f in parts)
            inputs = {"total": total.cite(), "parts": [f.cite() for f in parts]}
            if holds(iv, total.value, total.half):
                verdict, note = "consistent", ""
            elif psum < total.value or not same_kind:
                verdict, note = "unverifiable", ("; the parts listed need not be all of it" if psum < total.value
                                                 else "; the total is not stated in the parts' unit")
            else:
                verdict, note = "inconsistent", ""
            k = total.scale  # stated as written: 1857万 is stated 1857 (in 万)
            yield ctx.make("sum", (s, e), total.value / k, psum / k, inputs, verdict,
                           f"{expr} = {scaled(psum, parts[0].text)}; stated total {total.show}{note}")


# comparison ------------------------------------------------------------------------------

@shape("comparison")
def find_comparison(ctx: Context):
    c = patterns()["comparison"]
    text = ctx.text
    words = {w: op for op in ("greater", "less", "at_least", "at_most") for w in c[op]}
    rx = re.compile(rf"(?P<w>{trie_pattern(words)})(?P<ref>[^,，;；。\d]{{0,10}})(?=\d)")
    for s, e in ctx.sentences:
        for m in rx.finditer(text, s, e):
            b = ctx.sentences.figure_at(m.end())
            prev = [f for f in ctx.sentences.figures_in(s, m.start())]
            if b is None or not prev:
                continue
            a = prev[-1]
            if a.kind != b.kind or a.kind not in ("money", "count", "percent") or \
                    text[a.end:m.start()].strip(" ,，") != "" or (a.per and b.per and a.per != b.per):
                continue
            op = words[m.group("w")]
            test = {"greater": lambda x, y: x > y, "less": lambda x, y: x < y,
                    "at_least": lambda x, y: x >= y, "at_most": lambda x, y: x <= y}[op]
            sym = {"greater": ">", "less": "<", "at_least": ">=", "at_most": "<="}[op]
            ok = test(a.interval.hi if op in ("greater", "at_least") else a.interval.lo, b.value)
            ref = m.group("ref") or "the reference"
            yield ctx.make("comparison", (s, e), a.value / a.scale, b.value / a.scale, {"figure": a.cite(), "reference": b.cite()},
                           _verdict(ok), f"{fmt(a.value)} {sym} {fmt(b.value)} ({ref}): "
                           f"{'holds' if ok else 'does not hold'}")


# unit conversion -------------------------------------------------------------------------

def _convert(a_value: float, a_per: str, b_per: str) -> float:
    return a_value / 12 if (a_per, b_per) == ("year", "month") else a_value * 12


@shape("unit_conversion")
def find_conversion(ctx: Context):
    """One figure followed by the same amount per another period: ``7200元/年(即600元/月)``."""
    joiner = re.compile(patterns()["conversion_joiner"])
    figs = [f for f in ctx.sentences.figures if f.kind == "money"]
    for a, b in zip(figs, figs[1:]):
        if {a.per, b.per} != {"month", "year"} or not joiner.match(ctx.text[a.end:b.start]):
            continue
        yield conversion_check(ctx, ctx.sentences.around(a.start), a, b)


def conversion_check(ctx, span, a: Figure, b: Figure, a_cite=None, b_cite=None) -> Check:
    r = _convert(a.value, a.per, b.per)
    iv = a.interval * (1 / 12) if a.per == "year" else a.interval * 12
    ok = holds(iv, b.value, b.half)
    op = "/" if a.per == "year" else "*"
    return ctx.make("unit_conversion", span, b.value, r,
                    {"stated": b_cite or b.cite(), "other_form": a_cite or a.cite()}, _verdict(ok),
                    f"{fmt(a.value)} yuan a {a.per} {op} 12 = {fmt(r)} yuan a {b.per}; stated {fmt(b.value, 2)}")
