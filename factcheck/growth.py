"""Rises and falls: ``由A提高到B, 增长r%``, ``提高8%, 由A提高到B``, ``提高45元, 从A提高至B``,
``提高到B(2023年为A), 增幅r%``, ``A…在此基础上提高X元, 现为B``.

A stated rate or amount is paired with the transitions (由A…到B) of its own sentence: the ones
before it when it follows its values, else the ones after it that it governs (up to a clause on
another subject, 补助水平 after 标准). A rate before several pairs (``均提高8%``, ``提高50%, 即…``)
holds for each, and ``同幅`` (by the same rate) takes the rate the paragraph stated last. Yearly rates are read both as a simple average and a compound rate, over the
stated years and, from a plan's end (十二五期末), over the next plan's five years.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from language import dates

from .arithmetic import fmt, given, growth_compound, growth_simple, holds, stated_half
from .context import Context, patterns, trie, unit_word
from .diagnosis import diagnose
from .registry import shape, verdict


@dataclass
class Transition:
    before: object  # language.figures.Figure
    after: object
    start: int  # where the transition's text starts (由)
    before_year: int | None = None
    after_year: int | None = None
    plan: str | None = None  # the plan whose end is the starting point (十二五)


def _year_and_plan(ctx: Context, start: int, end: int):
    years = [y.year for y in ctx.years_in(start, end)]
    found = dates.plan_end(ctx.text[start:end])  # 十二五期末: the plan's last year
    return (years[-1] if years else found[1] if found else None), found[0] if found else None


def transitions(ctx: Context, start: int, end: int) -> list[Transition]:
    """Every ``由A提高到B`` and ``提高到B(2023年为A)`` between two offsets, in text order; lists
    pair item by item (``由590元、377元提高到630元、420元``)."""
    g = patterns()["growth"]
    frm = trie(g["transition_from"])
    rx = re.compile(rf"(?:{frm})(?P<a>(?:(?!{frm})[^。;])*?)(?:{trie(g['transition_verbs'])})"
                    rf"(?:{trie(g['transition_to'])})(?P<b>[^,;。]*)")
    kinds = ("money", "count", "percent")
    out = []
    for m in rx.finditer(ctx.text, start, end):
        b_vals = ctx.figures_in(m.start("b"), m.end("b"), kinds)
        if not b_vals:
            continue
        a_vals = [f for f in ctx.figures_in(m.start("a"), m.end("a")) if f.kind == b_vals[0].kind]
        if len(a_vals) != len(b_vals):
            continue
        ay, plan = _year_and_plan(ctx, m.start("a"), m.end("a"))
        by, _ = _year_and_plan(ctx, m.start("b"), m.end("b"))
        out += [Transition(a, b, m.start(), ay, by, plan) for a, b in zip(a_vals, b_vals)]
    for m in re.finditer(g["compared_with"], ctx.text[start:end]):
        # 减少至4.2万人, 较2021年的4.6万人下降8.7%: the earlier value after 较, the new one before it
        earlier = ctx.figure_at(start + m.end())
        new = ctx.figures_in(max(start, ctx.around(start + m.start())[0]), start + m.start(), kinds)
        if earlier is None or earlier.kind not in kinds or not new or new[-1].kind != earlier.kind \
                or new[-1].unit != earlier.unit or ctx.text[new[-1].end:start + m.start()].strip(" ,"):
            continue
        years = [y.year for y in ctx.years_in(start + m.start(), earlier.start)]
        out.append(Transition(earlier, new[-1], new[-1].start, years[-1] if years else None, None, None))
    for m in re.finditer(g["earlier_in_brackets"], ctx.text[start:end]):
        s0 = start + m.start()
        inner = ctx.figures_in(start + m.start("body"), start + m.end("body"), kinds)
        prev = ctx.figures_in(start, s0, kinds)
        if len(inner) == 1 and prev and prev[-1].kind == inner[0].kind and not ctx.text[prev[-1].end:s0].strip():
            years = ctx.years_in(s0, start + m.start("body"))
            out.append(Transition(inner[0], prev[-1], prev[-1].start, years[0].year if years else None, None, None))
    return sorted(out, key=lambda t: t.after.start)


@dataclass
class Claim:
    verb: str
    stated: list  # the rates or amounts, in order
    start: int
    end: int
    annual: bool
    fall: bool


def claims(ctx: Context, s: int, e: int, endpoints: set) -> list[Claim]:
    g = patterns()["growth"]
    rx = re.compile(rf"(?P<verb>{trie(g['rise_verbs'] + g['fall_verbs'])})(?:{trie(g['verb_tails'])})?"
                    rf"(?:{trie(g['per_words'])})?(?=\d)")
    out, done = [], s
    for m in rx.finditer(ctx.text, s, e):
        first = ctx.figure_at(m.end())
        if m.start() < done or first is None or first.kind not in ("percent", "money", "count", "points") \
                or first.start in endpoints:
            continue
        stated = ctx.run_after(first, e, (first.kind,))
        lead = ctx.text[max(s, m.start() - 10):m.start()]
        out.append(Claim(m.group("verb"), stated, m.start(), stated[-1].end,
                         any(w in lead for w in g["annual_markers"]), m.group("verb") in g["fall_verbs"]))
        done = stated[-1].end
    return out


@shape("growth")
def find_growth(ctx: Context):
    g = patterns()["growth"]
    for s, e in ctx.spans:
        ts = transitions(ctx, s, e)
        endpoints = {f.start for t in ts for f in (t.before, t.after)}
        found = claims(ctx, s, e, endpoints)
        # a sentence states its rates after their values or before them: the first claim tells
        leads = bool(found) and not any(t.after.end <= found[0].start for t in ts)
        last = None  # (kind, pairs) of the claim before
        for i, c in enumerate(found):
            lo = found[i - 1].end if i else s
            hi = found[i + 1].start if i + 1 < len(found) else e
            before = [] if leads else [t for t in ts if lo <= t.start and t.after.end <= c.start]
            after = _governed(ctx, c, [t for t in ts if c.end <= t.start and t.after.end <= hi], g) if leads else []
            if before:
                pairs = before[-len(c.stated):] if len(before) >= len(c.stated) else []
                pairs = list(zip(c.stated, pairs))
            elif after:
                pairs = list(zip(c.stated, after)) if len(c.stated) > 1 else [(c.stated[0], t) for t in after]
            elif last and last[0] != c.stated[0].kind and len(last[1]) == len(c.stated):
                # 提高了40元, 由640元提高到680元, 增幅6.25%: the rate of the same pair
                pairs = list(zip(c.stated, last[1]))
            else:
                pairs = [(st, t) for t in _specifics(ctx, (s, e), c) for st in c.stated[:1]] \
                    if len(c.stated) == 1 else []
            last = (c.stated[0].kind, [t for _, t in pairs])
            if not pairs:
                yield from (_unpaired(ctx, (s, e), c, st) for st in c.stated)
                continue
            for st, t in pairs:
                yield check_growth(ctx, (s, e), st, t, c.annual, c.fall)
        yield from _same_rate(ctx, (s, e), ts)


def _specifics(ctx: Context, span, c: Claim) -> list[Transition]:
    """``全市标准调高15元。具体调整方案为:主城区从195元调至210元;…``: a claim that ends its
    sentence, spelled out by the pairs of the sentences that follow (具体…, 即…), each a pair and
    no claim of its own."""
    s, e = span
    if ctx.text[c.end:e].strip(" ,.。;") or c.stated[0].kind not in ("money", "percent"):
        return []
    words = patterns()["growth"]["specifics"]
    out, pos = [], e
    for i, (a, b) in enumerate(ctx.spans[ctx.spans.index(span) + 1:ctx.spans.index(span) + 8]):
        body = ctx.text[a:b].strip()
        if i == 0 and not body.startswith(tuple(words)):
            return []
        found = transitions(ctx, a, b)
        if not found or claims(ctx, a, b, {f.start for t in found for f in (t.before, t.after)}):
            break
        out += found
        pos = b
    return out if pos > e else []


def _same_rate(ctx: Context, span, ts):
    """``由不低于340元同幅增加到不低于374元``: the rate the paragraph stated last, for this pair."""
    words = patterns()["growth"]["same_rate"]
    for t in ts:
        if not any(w in ctx.text[t.before.end:t.after.start] for w in words):
            continue
        lo = ctx.doc.block_at(t.start)[1].start if hasattr(ctx.doc, "block_at") and ctx.doc.block_at(t.start) else span[0]
        rates = [f for f in ctx.figures_in(lo, t.start, ("percent",))]
        if rates:
            yield check_growth(ctx, span, rates[-1], t, False, False)


def _governed(ctx: Context, c: Claim, after: list[Transition], g) -> list[Transition]:
    """The transitions after a claim that it speaks of: up to one whose subject is another
    (its text names a metric the claim's clause does not)."""
    head = ctx.text[ctx.clause(c.start)[0]:c.start]
    programs = patterns()["programs"]

    def named(text):
        return {k for k, ws in programs.items() if any(w in text for w in ws)}
    out, last = [], c.end
    for t in after:
        subject = ctx.text[last:t.start + 1]
        if any(w in subject and w not in head for w in g["other_subjects"]) or named(subject) - named(head):
            break
        out.append(t)
        last = t.after.end
    return out


def _unpaired(ctx: Context, span, c: Claim, st):
    """No 由…到 for it: ``提高20元, 现为100元`` with the earlier value said before, else unverifiable."""
    s, e = span
    if st.kind == "money":
        new = ctx.figures_in(st.end, e, ("money",))
        per = new and ctx.per(new[0])
        old = [f for f in ctx.figures_in(s, c.start, ("money",)) if ctx.per(f) == per]
        if new and old and ctx.per(st) in (None, per) and _says_earlier(ctx, old[-1], c.start):
            return check_growth(ctx, span, st, Transition(old[-1], new[0], old[-1].start), False, c.fall)
    elif st.kind == "percent" and not c.annual:
        t = _earlier_elsewhere(ctx, s, c.start)
        if t is not None:
            return check_growth(ctx, span, st, t, False, c.fall)
    return ctx.make("growth", span, st.value, None, {"stated": ctx.cite(st)}, "unverifiable",
                    f"stated {fmt(st.value, 2)}{unit_word(st)} change, but the text gives no earlier value "
                    f"to recompute it from")


def _earlier_elsewhere(ctx: Context, s: int, at: int) -> Transition | None:
    """``农村低保标准达到每人每年5040元, 增幅11.4%``: the new value just before the rate is a
    standard the document gives with its earlier value, here or in another form (420元 a month
    raised from 377元)."""
    new = ctx.figures_in(s, at, ("money",))
    if not new or ctx.text[new[-1].end:at].strip(" ,"):
        return None
    f = new[-1]
    here = next((x for x in ctx.standards if x.figure.start == f.start), None)
    if here is None:
        return None
    if here.previous is not None:
        return Transition(here.previous, f, here.previous.start)
    for x in ctx.standards:
        if x.previous is None or (x.program, x.area, x.metric) != (here.program, here.area, here.metric):
            continue
        k = 12 if (x.per, here.per) == ("month", "year") else 1 / 12 if (x.per, here.per) == ("year", "month") else 1
        if holds(given(x.figure) * k, f.value, 0.5):
            return Transition(_times(x.previous, k), f, x.previous.start)
    return None


def _times(f, k):
    """The earlier value in the new value's period (377元 a month is 4524元 a year)."""
    from dataclasses import replace
    return f if k == 1 else replace(f, value=f.value * k, text=f"{f.text} x {fmt(k)}")


def _says_earlier(ctx: Context, f, claim_at: int) -> bool:
    """The clause of an earlier value names an earlier year or time (2019年标准是…, 原…)."""
    c = ctx.clause(f.start)
    before_years = [y.year for y in ctx.years_in(c[0], f.start)]
    claim_years = [y.year for y in ctx.years_in(ctx.clause(claim_at)[0], claim_at)]
    if before_years and claim_years and min(before_years) < max(claim_years):
        return True
    return any(w in ctx.text[c[0]:f.start] for w in patterns()["growth"]["earlier_words"])


def _readings(t: Transition, annual: bool, fall: bool):
    """(label, years, span label, point value, interval, formula) for each reasonable reading."""
    a, b = (t.after, t.before) if fall else (t.before, t.after)
    A, B = given(a), given(b)
    if not annual:
        pt = (b.value - a.value) / t.before.value * 100
        return [("total change", None, None, pt, (B - A) / given(t.before) * 100,
                 f"({fmt(b.value)}-{fmt(a.value)})/{fmt(t.before.value)}")]
    p = patterns()
    spans = []
    if t.plan:
        nxt = dates.next_plan(t.plan)
        spans.append((p["plan_years"], f"{t.plan}期末 to the end of {nxt or 'the next plan'}"))
    if t.before_year and t.after_year and t.after_year > t.before_year:
        n = t.after_year - t.before_year
        if all(n != s for s, _ in spans):
            spans.append((n, f"{t.before_year}-{t.after_year}"))
    out = []
    for n, label in spans:
        out.append(("simple average", n, label, growth_simple(a.value, b.value, n).mid, growth_simple(A, B, n),
                    f"({fmt(b.value)}-{fmt(a.value)})/{fmt(a.value)}/{n}"))
        out.append(("compound rate", n, label, growth_compound(a.value, b.value, n).mid, growth_compound(A, B, n),
                    f"({fmt(b.value)}/{fmt(a.value)})^(1/{n})-1"))
    return out


def check_growth(ctx: Context, span, st, t: Transition, annual: bool, fall: bool):
    inputs = {"stated": ctx.cite(st), "from": ctx.cite(t.before, year=t.before_year),
              "to": ctx.cite(t.after, year=t.after_year)}
    half = stated_half(st)
    if st.kind != "percent":  # a change by an amount
        sign = -1 if fall else 1
        d = sign * (t.after.value - t.before.value)
        iv = (given(t.after) - given(t.before)) * sign
        ok = holds(iv, st.value, half)
        swap = -d
        return ctx.make("growth", span, st.value, d, inputs, verdict(ok),
                        f"{fmt(t.after.value)}-{fmt(t.before.value)} = {fmt(d)}; stated {fmt(st.value)}",
                        None if ok else diagnose(st.value, d, half, [("the pair is transposed", swap)]))
    readings = _readings(t, annual, fall)
    if not readings:
        total = (t.after.value - t.before.value) / t.before.value * 100
        return ctx.make("growth", span, st.value, None, inputs, "unverifiable",
                        f"a yearly rate needs the number of years, which the text does not fix "
                        f"(total change {fmt(total)}%); stated {fmt(st.value, 2)}% a year")
    matching = [r for r in readings if holds(r[4], st.value, half)]
    best = matching[0] if matching else min(readings, key=lambda r: abs(r[3] - st.value))

    def said(r):
        return r[0] if r[1] is None else f"{r[0]} a year, {r[1]} years ({r[2]})"

    others = ", ".join(f"{r[0]} {fmt(r[3])}%" + ("" if r[2] == best[2] else f" over {r[1]} years")
                       for r in readings if r is not best)
    expl = f"{best[5]} = {fmt(best[3])}% {said(best)}; stated {fmt(st.value, 2)}%, " + \
        (f"matches the {best[0]}" if matching else "no reading gives it") + (f" (also: {others})" if others else "")
    diagnosis = None
    if not matching:
        a, b = t.before.value, t.after.value
        diagnosis = diagnose(st.value, best[3], half, [
            ("the rate is taken on the new value", (b - a) / b * 100),
            ("the pair is transposed", (a - b) / b * 100 if not fall else None)])
    return ctx.make("growth", span, st.value, best[3], inputs, verdict(bool(matching)), expl, diagnosis)
