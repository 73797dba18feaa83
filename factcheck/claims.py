"""Claims a report makes about its own figures within a sentence or a paragraph: shares,
multiples, proportions (X:1), averages, sums, comparisons and yearly/monthly forms.

One function per shape, registered in ``registry.SHAPES``; rises and falls are in ``growth.py``,
rules and standards in ``standards.py``. Lexical patterns come from ``data/patterns.yaml``.
"""
from __future__ import annotations

import re

from language.figures import MAX_STANDARD

from .arithmetic import Interval, fmt, given, holds, stated_half
from .context import Context, patterns, scaled, show, trie
from .diagnosis import diagnose
from .growth import transitions
from .registry import shape, verdict


# multiple and share ----------------------------------------------------------------------

def find_reference(ctx: Context, noun: str, start: int, end: int, kind: str, unit=None):
    """The figure the text gives for ``noun`` between two offsets: the longest tail of the noun
    that occurs there, and the first figure of the wanted kind right after it (or, failing
    that, the nearest one in the same clause)."""
    text = ctx.text
    for n in range(len(noun), 1, -1):
        stem = noun[-n:]
        pos = text.rfind(stem, start, end)
        if pos < 0:
            continue
        ok = [f for f in ctx.figures_in(pos + n, min(end, pos + n + 12)) if f.kind == kind and f.unit == unit]
        if ok:
            return ok[0], stem
        near = [f for f in ctx.figures_in(*ctx.clause(pos)) if f.kind == kind and f.end <= end and f.unit == unit]
        if near:
            return min(near, key=lambda f: min(abs(f.start - pos), abs(f.end - pos))), stem
    return None, None


@shape("multiple")
def find_multiple(ctx: Context):
    p = patterns()["multiple"]
    rx = re.compile(p["pattern"] + r"(?=\d)")
    for s, e in ctx.spans:
        for m in rx.finditer(ctx.text, s, e):
            first = ctx.figure_at(m.end())
            if first is None or first.kind not in ("ratio", "percent"):
                continue
            stated = ctx.run_after(first, e, ("ratio", "percent"))
            subjects = ctx.figures_in(s, m.start(), ("money", "count"))[-len(stated):]
            if len(subjects) < len(stated):
                continue
            ref_noun = m.group("ref")
            prev_year = any(w in ref_noun for w in p["previous_year_refs"])
            earlier = {t.after.start: t.before for t in transitions(ctx, s, m.start())}
            for subj, st in zip(subjects, stated):
                ref, stem = (earlier.get(subj.start), "the earlier value") if prev_year else \
                    find_reference(ctx, ref_noun, ctx.before((s, e)), subj.start, subj.kind, subj.unit)
                yield _ratio_check(ctx, (s, e), st, subj, ref, stem, ref_noun)


def _ratio_check(ctx, span, st, subj, ref, stem, ref_noun):
    scale = 100 if st.kind == "percent" else 1
    word = "%" if st.kind == "percent" else " times"
    inputs = {"stated": ctx.cite(st), "figure": ctx.cite(subj)}
    if ref is None:
        return ctx.make("multiple", span, st.value, None, inputs, "unverifiable",
                        f"{show(subj)} is stated to be {fmt(st.value, 2)}{word} of {ref_noun}, "
                        f"which the text does not give")
    r = subj.value / ref.value * scale
    half = stated_half(st)
    ok = holds(given(subj) / given(ref) * scale, st.value, half)
    inputs["reference"] = ctx.cite(ref, **{"as": stem})
    return ctx.make("multiple", span, st.value, r, inputs, verdict(ok),
                    f"{show(subj)} / {show(ref)} = {fmt(r, 2)}{word} ({ref_noun}: {ref.text}); "
                    f"stated {fmt(st.value, 2)}{word}",
                    None if ok else diagnose(st.value, r, half, [("the ratio is inverted", ref.value / subj.value * scale)]))


@shape("share")
def find_share(ctx: Context):
    p = patterns()["share"]
    text = ctx.text
    for s, e in ctx.spans:
        for m in re.finditer(p["rate_pattern"], text[s:e]):
            noun, at = m.group("noun"), s + m.end()
            st = ctx.figure_at(at)
            if st is None or st.kind != "percent" or any(noun.endswith(w) for w in p["not_shares"]):
                continue
            part, stem = None, None
            for n in range(len(noun), 1, -1):
                pos = text.rfind(noun[-n:], s, s + m.start())
                if pos >= 0:
                    near = [f for f in ctx.figures_in(*ctx.clause(pos), ("count", "money")) if f.end <= s + m.start()]
                    if near:
                        part = min(near, key=lambda f: min(abs(f.start - pos), abs(f.end - pos)))
                        stem = noun[-n:]
                        break
            whole = None
            if part:
                bigger = [f for f in ctx.figures_in(s, part.start) if f.unit == part.unit and f.kind == part.kind
                          and f.value > part.value]
                whole = bigger[-1] if bigger else None
            yield _share_check(ctx, (s, e), st, part, whole, f"{noun}率")
        for m in re.finditer(p["part_of_pattern"], text[s:e]):
            st = ctx.figure_at(s + m.end())
            if st is None or st.kind != "percent":
                continue
            before = ctx.figures_in(s, s + m.start(), ("count", "money"))
            part = before[-1] if before else None
            whole = find_reference(ctx, m.group("ref"), s, part.start, part.kind, part.unit)[0] if part else None
            yield _share_check(ctx, (s, e), st, part, whole, f"share of {m.group('ref')}")


def _share_check(ctx, span, st, part, whole, what):
    if part is None or whole is None:
        return ctx.make("share", span, st.value, None, {"stated": ctx.cite(st), **({"part": ctx.cite(part)} if part else {})},
                        "unverifiable", f"{what} stated as {fmt(st.value, 2)}%, but the text does not give both "
                        f"the part and the whole")
    r = part.value / whole.value * 100
    half = stated_half(st)
    ok = holds(given(part) / given(whole) * 100, st.value, half)
    return ctx.make("share", span, st.value, r, {"stated": ctx.cite(st), "part": ctx.cite(part), "whole": ctx.cite(whole)},
                    verdict(ok), f"{show(part)} / {show(whole)} = {fmt(r, 2)}%; stated {fmt(st.value, 2)}%",
                    None if ok else diagnose(st.value, r, half, [("the rest is taken for the part", 100 - r)]))


# average ---------------------------------------------------------------------------------

def months_covered(ctx: Context, start: int, end: int):
    """How many months a total covers, from the words between two offsets or the title."""
    for where in (ctx.text[start:end], getattr(ctx.doc, "title", "") or ""):
        for spec in patterns()["month_ranges"]:
            for m in re.finditer(spec["pattern"], where):
                if "months" in spec:
                    return spec["months"], m.group(0)
                a = int(m.group(spec["from_group"])) if "from_group" in spec else 1
                b = int(m.group(spec["to_group"]))
                if 1 <= a <= b <= 12:
                    return b - a + 1, m.group(0)
    return None, None


def _is_total(ctx: Context, f) -> bool:
    """Money spent (3347万, 2970.4万元, 128亿): a total, not an amount per person."""
    if f.kind == "bare":
        return bool(re.search(trie(patterns()["average"]["money_words"]),
                              ctx.text[ctx.clause(f.start)[0]:f.start]))
    # its own unit says no rate (全年发放…2.88亿元: 全年 is the period of the total, not a rate)
    return f.kind == "money" and f.unit is None and (bool(f.big) or f.value > MAX_STANDARD)


@shape("average")
def find_average(ctx: Context):
    p = patterns()["average"]
    rx = re.compile(rf"(?P<mk>{trie(p['markers'])})[^,;。\d]{{0,8}}?(?=\d)")
    for s, e in ctx.spans:
        for m in rx.finditer(ctx.text, s, e):
            st = ctx.figure_at(m.end())
            if st is None or st.kind != "money" or st.big or st.value > MAX_STANDARD:
                continue
            totals = [f for f in ctx.figures_in(s, m.start()) if _is_total(ctx, f) and f.value > st.value]
            # the counts of this sentence, else of the one before it: those only when one gives it
            counts = ctx.figures_in(s, m.start(), ("count",))
            borrowed = not counts
            counts = counts or ctx.figures_in(ctx.before((s, e)), s, ("count",))
            if not totals or not counts:
                continue
            yield _average_check(ctx, (s, e), m, st, totals[-1], counts, p, borrowed)


def _average_check(ctx, span, m, st, total, counts, p, borrowed=False):
    s, e = span
    per = ctx.per(st)
    monthly = per == "month" or "月" in m.group("mk") or "月" in ctx.text[max(s, m.start() - 2):m.start()]
    want = ("person_time",) if per == "case" or m.group("mk") in p["per_case"] else ("household",) if m.group("mk") in p["per_household"] \
        else ("person", "person_time") if monthly else ("person",)
    preferred = [f for f in counts if f.unit in want]
    inputs = {"stated": ctx.cite(st), "total": ctx.cite(total)}
    if not preferred:
        return ctx.make("average", span, st.value, None, {**inputs, "count": ctx.cite(counts[-1])}, "unverifiable",
                        f"an average per {want[0]} needs a count in that unit; the text gives {counts[-1].text}")
    if len(counts) > 1 or borrowed:  # 城乡…49208人,城镇…23445人次: which count? one that gives it
        fits = [f for f in preferred if _average_holds(ctx, span, m, st, total, f, monthly, p)[0]]
        months_known = any(_average_holds(ctx, span, m, st, total, f, monthly, p)[2] for f in preferred)
        if not fits and months_known:
            return ctx.make("average", span, st.value, None, {**inputs, "counts": [ctx.cite(f) for f in counts]},
                            "unverifiable", f"{show(total)} over none of the counts the text gives "
                            f"({', '.join(f.text for f in counts)}) gives {fmt(st.value, 2)}, and which one the "
                            f"average is over the text does not say")
        preferred = fits or preferred
    count = preferred[-1]
    inputs["count"] = ctx.cite(count)
    ok, r, n, said, spread = _average_holds(ctx, span, m, st, total, count, monthly, p)
    if monthly and count.unit != "person_time":
        if n is None:
            return ctx.make("average", span, st.value, None, inputs, "unverifiable",
                            f"{show(total)}/{show(count)} = {fmt(total.value / count.value)} yuan over the "
                            f"whole period; a monthly average needs the number of months, which the text "
                            f"does not give")
        inputs["months"] = {"value": n, "text": said}
    half = stated_half(st)
    if not ok and not monthly and per is None and not _says_period(ctx, m):
        return ctx.make("average", span, st.value, r, inputs, "unverifiable",
                        f"{show(total)}/{show(count)} = {fmt(r, 2)}; stated {fmt(st.value, 2)}, an average the "
                        f"text does not say is per month, per year or over the period")
    div = f"/{n} months" if n > 1 else ""
    note = f" (±{spread:.0%}: the count is at one date, the total over {n} months)" if spread else ""
    return ctx.make("average", span, st.value, r, inputs, verdict(ok),
                    f"{show(total)}/{show(count)}{div} = {fmt(r, 2)} yuan per "
                    f"{'month per ' if monthly else ''}{count.unit}{note}; stated {fmt(st.value, 2)}",
                    None if ok else diagnose(st.value, r, half, [("monthly/yearly mix-up", r / 12), ("monthly/yearly mix-up", r * 12)]))


def _says_period(ctx, m) -> bool:
    """人均 said with its period (年人均, 全年人均) or per case (次均): the whole total's."""
    near = ctx.text[max(0, m.start() - 2):m.end()]
    return any(w in near for w in patterns()["average"]["whole_period"])


def _average_holds(ctx, span, m, st, total, count, monthly, p):
    """(holds, recomputed, months, months as written, spread) for one reading of an average."""
    n, said, spread = 1, None, 0.0
    if monthly and count.unit != "person_time":  # 人次 of a monthly payment are person-months
        n, said = months_covered(ctx, ctx.before(span, 2), m.start())
        if n is None:
            return False, None, None, None, 0.0
        if n > 1:  # the count is one day's, the total the months': their counts differ
            spread = p["stock_spread"]
    iv = given(total) / given(count) * (1 / n)
    iv = Interval(iv.lo * (1 - spread), iv.hi * (1 + spread))
    return holds(iv, st.value, stated_half(st)), total.value / count.value / n, n, said, spread


# sum -------------------------------------------------------------------------------------

@shape("sum")
def find_sum(ctx: Context):
    rx = re.compile(trie(patterns()["sum"]["markers"]))
    endpoints = set()
    for s, e in ctx.spans:
        endpoints |= {f.start for t in transitions(ctx, s, e) for f in (t.before, t.after)}
    done = set()
    for s, e in ctx.spans:
        for m in rx.finditer(ctx.text, s, e):
            for total in _sum_totals(ctx, s, m.start()):
                if total.start in endpoints:
                    continue
                parts, listed = _sum_parts(ctx, total, m.end(), endpoints)
                if len(parts) >= 2:
                    done.add(total.start)
                    yield _sum_check(ctx, (s, e), total, parts, listed)
    yield from _implicit_sums(ctx, endpoints, done)


def _sum_totals(ctx, s, at):
    """The last figure of each unit before 其中 (共有…人,发放…万元,其中…): each may be the total."""
    before = [f for f in ctx.figures_in(s, at) if f.kind in ("count", "money", "bare")]
    if not before and not ctx.text[s:at].strip(" ,:"):  # 共有…人。其中…: the sentence before
        before = [f for f in ctx.figures_in(ctx.before((s, at)), s) if f.kind in ("count", "money", "bare")]
    last = {}
    for f in before:
        if not (f.kind == "money" and ctx.per(f)):
            last[(f.kind, f.unit)] = f
    if not last:
        return []
    final = before[-1]
    return [final] + [f for f in last.values() if f is not final and final.kind != "bare"]


def _implicit_sums(ctx, endpoints, done):
    """A total its parts follow without 其中: ``130.5万人(农村87.9万人、城市42.6万人)``,
    ``共救助49208人,城镇…23445人次,农村…25763人次``. Without the word that says the parts are
    all of it, only parts that add up are reported (a sum that does not may list something else)."""
    opener = re.compile(rf"(?:{trie(patterns()['sum']['new_totals'])})[^\d,;。]{{0,12}}$")
    for f in ctx.figures:
        if f.kind not in ("count", "money") or f.start in done or f.start in endpoints or ctx.per(f):
            continue
        s, e = ctx.around(f.start)
        bracket = ctx.text[f.end:f.end + 1] == "("
        if not bracket and not opener.search(ctx.text, s, f.start):
            continue
        hit = ctx.doc.block_at(f.start) if hasattr(ctx.doc, "block_at") else None
        parts = [x for x in ctx.figures_in(f.end, ctx.text.find(")", f.end) if bracket else hit[1].end if hit else e)
                 if x.kind == f.kind and (x.unit == f.unit or {x.unit, f.unit} <= {"person", "person_time"})
                 and x.start not in endpoints and not ctx.per(x) and x.value < f.value][:4]
        for n in range(2, len(parts) + 1):
            if holds(sum((given(x) for x in parts[:n]), Interval.exact(0)), f.value, stated_half(f)):
                yield _sum_check(ctx, (s, e), f, parts[:n], n)
                break


def _sum_parts(ctx, total, start: int, endpoints):
    """The figures after 其中 in the total's unit, through the paragraph, up to 6; and how many
    of them form one list (only 、,和 and words between them)."""
    g = patterns()["sum"]
    block = ctx.block(total.start)
    stop = re.compile(trie(g["markers"] + g["new_totals"]))
    parts, listed, pos = [], 0, start
    for f in ctx.figures_in(start, len(ctx.text)):
        if ctx.block(f.start) != block or len(parts) == 6 or stop.search(ctx.text, pos, f.start):
            break
        if f.start in endpoints or (total.kind == "bare" and f.kind not in ("count", "money")):
            continue
        if total.kind != "bare" and (f.kind, f.unit) != (total.kind, total.unit):
            continue
        if f.kind == "money" and ctx.per(f):
            continue
        gap = ctx.text[parts[-1].end if parts else start:f.start]
        if listed == len(parts) and not re.search(r"[\d。;)]", gap) and len(gap) <= 16:
            listed += 1
        parts.append(f)
        pos = f.end
    return parts, listed


def _partition(ctx, parts) -> bool:
    """Parts named as the halves of one whole (城市…农村…, 集中…分散…): they cannot overlap, so
    more than the total is a slip; 老年人…残疾人… may overlap."""
    said = [ctx.text[ctx.clause(f.start)[0]:f.start] for f in parts]
    return any(all(any(w in t for t in said) for w in pair) for pair in patterns()["sum"]["partitions"])


def _sum_check(ctx, span, total, parts, listed):
    k = {"万": 1e4, "亿": 1e8}.get(total.big[-1:], 1) if total.big else 1  # stated as written: 1857万
    half = stated_half(total)
    for n in range(2, len(parts) + 1):
        if holds(sum((given(f) for f in parts[:n]), Interval.exact(0)), total.value, half):
            parts = parts[:n]
            break
    else:
        n = None
    psum = sum(f.value for f in parts)
    expr = " + ".join(show(f) for f in parts)
    inputs = {"total": ctx.cite(total), "parts": [ctx.cite(f) for f in parts]}
    if n:
        v, note = "consistent", ""
    elif listed >= 2 and sum(f.value for f in parts[:listed]) > total.value and total.kind != "bare" \
            and _partition(ctx, parts[:listed]):
        parts = parts[:listed]
        psum = sum(f.value for f in parts)
        expr = " + ".join(show(f) for f in parts)
        inputs["parts"] = [ctx.cite(f) for f in parts]
        v, note = "inconsistent", ""
    else:
        v, note = "unverifiable", ("; the categories listed may overlap" if psum > total.value
                                   else "; the parts listed need not be all of it")
    return ctx.make("sum", span, total.value / k, psum / k, inputs, v,
                    f"{expr} = {scaled(psum, total.big or parts[0].big)}; stated total {show(total)}{note}",
                    diagnose(total.value, psum, half) if v == "inconsistent" else None)


# comparison ------------------------------------------------------------------------------

OPS = {"greater": (">", lambda a, b: a.hi > b), "less": ("<", lambda a, b: a.lo < b),
       "at_least": (">=", lambda a, b: a.hi >= b), "at_most": ("<=", lambda a, b: a.lo <= b)}


@shape("comparison")
def find_comparison(ctx: Context):
    c = patterns()["comparison"]
    words = {w: op for op in OPS for w in c[op]}
    rx = re.compile(rf"(?P<w>{trie(words)})(?P<ref>[^,;。\d]{{0,10}})(?=\d)")
    for s, e in ctx.spans:
        for m in rx.finditer(ctx.text, s, e):
            b = ctx.figure_at(m.end())
            prev = ctx.figures_in(s, m.start())
            if b is None or not prev:
                continue
            a = prev[-1]
            if a.kind != b.kind or a.kind not in ("money", "count", "percent") or \
                    ctx.text[a.end:m.start()].strip(" ,") != "" or (ctx.per(a) and ctx.per(b) and ctx.per(a) != ctx.per(b)):
                continue
            sym, test = OPS[words[m.group("w")]]
            ok = test(given(a), b.value)
            k = {"万": 1e4, "亿": 1e8}.get(a.big[-1:], 1) if a.big else 1
            yield ctx.make("comparison", (s, e), a.value / k, b.value / k, {"figure": ctx.cite(a), "reference": ctx.cite(b)},
                           verdict(ok), f"{fmt(a.value)} {sym} {fmt(b.value)} ({m.group('ref') or 'the reference'}): "
                           f"{'holds' if ok else 'does not hold'}",
                           None if ok else ("high", "the comparison goes the other way"))


# unit conversion -------------------------------------------------------------------------

@shape("unit_conversion")
def find_conversion(ctx: Context):
    """One figure followed by the same amount per another period: ``7200元/年(即600元/月)``."""
    joiner = re.compile(patterns()["conversion_joiner"])
    figs = [f for f in ctx.figures if f.kind == "money"]
    for a, b in zip(figs, figs[1:]):
        if {ctx.per(a), ctx.per(b)} != {"month", "year"} or not joiner.match(ctx.text[a.end:b.start]):
            continue
        yield conversion_check(ctx, ctx.around(a.start), a, ctx.per(a), b, ctx.per(b))


def conversion_check(ctx, span, a, a_per, b, b_per, a_cite=None, b_cite=None):
    r = a.value / 12 if a_per == "year" else a.value * 12
    iv = given(a) * (1 / 12) if a_per == "year" else given(a) * 12
    half = stated_half(b)
    ok = holds(iv, b.value, half)
    op = "/" if a_per == "year" else "*"
    return ctx.make("unit_conversion", span, b.value, r,
                    {"stated": b_cite or ctx.cite(b), "other_form": a_cite or ctx.cite(a)}, verdict(ok),
                    f"{fmt(a.value)} yuan a {a_per} {op} 12 = {fmt(r)} yuan a {b_per}; stated {fmt(b.value, 2)}",
                    None if ok else diagnose(b.value, r, half, [("not the same standard: another figure", None)]))


# stated arithmetic -----------------------------------------------------------------------

@shape("formula")
def find_formulas(ctx: Context):
    """``9732(811×12)元``: an amount with the product that gives it."""
    for f in ctx.figures:
        if f.kind != "product":
            continue
        before = [x for x in ctx.figures_in(ctx.around(f.start)[0], f.start, ("money",)) if x.end == f.start]
        if not before:
            continue
        v = before[-1]
        ok = holds(f.value, v.value, stated_half(v))
        yield ctx.make("multiple", ctx.around(f.start), v.value, f.value, {"stated": ctx.cite(v), "product": ctx.cite(f)},
                       verdict(ok), f"{f.text.strip('()元 ')} = {fmt(f.value, 2)}; stated {fmt(v.value, 2)}",
                       None if ok else diagnose(v.value, f.value, stated_half(v)))
