"""A document's standards against what independent documents in the database say.

- **same standard**: rows of other documents with the standard's key (adcode, program, area,
  variant, metric, unit) whose period overlaps the stated one (``2021`` covers ``2021-01-01``;
  two different effective dates are two periods). Consistent when one agrees, inconsistent when
  others exist and none agrees.
- **provincial floor**: a county's or city's standard against the floor (``metric = floor``) its
  province set for an overlapping period, a month or a year (× 12).
- **previous value**: a stated earlier value (由A提高到B: A) against the latest value an
  earlier document gives for the same key.
- **growth base**: a stated rate with no earlier value in the text (提高到B, 增幅r%) against
  the latest earlier value of B's key in the database.

Only independent sources count: a document in the checked document's content group (the same
normalized text, or one text inside the other: a repost, a mirror) is a copy, not a confirmation.
When only copies hold the key, the check says "no independent source".
"""
from __future__ import annotations

import re

from .arithmetic import Interval, fmt, growth_total, holds, stated_half
from .diagnosis import diagnose

KEY = ("adcode", "program", "area", "variant", "metric", "unit")
PER_YEAR = {"yuan/person/month": 12, "yuan/household/month": 12, "yuan/person/year": 1}


def open_db(db):
    from database import sqlite_utils

    return db if isinstance(db, sqlite_utils.Database) else sqlite_utils.Database(db)


_NOISE = re.compile(r"[\s\W_]+")


def content_groups(database) -> dict:
    """{document id: content group}: documents with the same normalized text, or whose text
    holds another's, share a group (the smallest id among them). The database side may store
    these (``documents.content_group``); then they are read, not computed."""
    docs = database["documents"]
    if "content_group" in docs.columns_dict:
        return {r["id"]: r["content_group"] for r in database.query("select id, content_group from documents")}
    texts = {r["id"]: _NOISE.sub("", r["text"] or "") for r in database.query("select id, text from documents")}
    group = {i: i for i in texts}

    def root(i):
        while group[i] != i:
            i = group[i]
        return i
    ids = sorted(texts, key=lambda i: len(texts[i]))
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            if texts[a] and texts[a] in texts[b]:
                ra, rb = root(a), root(b)
                group[max(ra, rb)] = min(ra, rb)
    return {i: root(i) for i in texts}


def overlaps(a: str | None, b: str | None) -> bool:
    """Two periods overlap when one names the other's year or month (2021 and 2021-07-01);
    two full dates only when equal."""
    if not a or not b:
        return False
    return a == b if len(a) == len(b) == 10 else a.startswith(b) or b.startswith(a)


def _independent(database, st, document_id, groups):
    where = " and ".join(f"s.{k} is ?" for k in KEY)
    rows = list(database.query(
        f"select s.* from standards s "
        f"where {where} and s.document_id is not ? order by s.source, s.id",
        [getattr(st, k) for k in KEY] + [document_id]))
    own = groups.get(document_id, document_id)
    copies = [r for r in rows if groups.get(r["document_id"], r["document_id"]) == own]
    return [r for r in rows if r not in copies], copies


def against_database(extraction, db, ctx):
    database = open_db(db)
    if "standards" not in database.table_names():
        return
    groups = content_groups(database) if "documents" in database.table_names() else {}
    doc = extraction.document
    for st in extraction.standards or []:
        if not st.adcode or not st.period or st.unit in ("ratio", "percent"):
            continue
        rows, copies = _independent(database, st, doc.id, groups)
        span = _span(ctx, st)
        same = [r for r in rows if overlaps(r["period"], st.period)]
        if same:
            yield _same_standard(ctx, st, span, same)
        elif copies and not rows:
            yield ctx.make("against_database", span, st.value, None, {"stated": _stated(ctx, st, span),
                           "copies": [_ref(r) for r in copies]}, "unverifiable",
                           f"{fmt(st.value, 2)} ({_key(st)}): no independent source; only copies of this "
                           f"document ({', '.join(sorted({r['source'] for r in copies}))}) state it")
        earlier = _earlier(rows, st.period)
        if st.previous is not None and earlier:
            yield _previous(ctx, st, span, earlier)
        floor = _province_floor(ctx, database, st, span, doc.id, groups)
        if floor is not None:
            yield floor


def _same_standard(ctx, st, span, rows):
    agree = [r for r in rows if holds(r["value"], st.value, 0.005)]
    disagree = [r for r in rows if r not in agree]
    parts = []
    if agree:
        parts.append("agrees with " + ", ".join(f"{r['source']} ({fmt(r['value'], 2)})" for r in _per_source(agree)))
    if disagree:
        parts.append("differs from " + ", ".join(f"{r['source']} ({fmt(r['value'], 2)})" for r in _per_source(disagree)))
    other = (agree or disagree)[0]["value"]
    inputs = {"stated": _stated(ctx, st, span), "key": {**{k: getattr(st, k) for k in KEY}, "period": st.period},
              "agreeing": [_ref(r) for r in agree], "disagreeing": [_ref(r) for r in disagree]}
    diagnosis = None if agree else diagnose(st.value, other, 0.5, [
        ("monthly/yearly mix-up", other * 12), ("monthly/yearly mix-up", other / 12)])
    return ctx.make("against_database", span, st.value, other, inputs, "consistent" if agree else "inconsistent",
                    f"{fmt(st.value, 2)} ({_key(st)}, {st.period}): " + "; ".join(parts), diagnosis)


def _previous(ctx, st, span, rows):
    """The stated earlier value against what documents of the period before give (any agrees)."""
    row = next((r for r in rows if holds(r["value"], st.previous, 0.005)), rows[0])
    ok = holds(row["value"], st.previous, 0.005)
    return ctx.make("against_database", span, st.previous, row["value"],
                    {"stated": {**_stated(ctx, st, span), "previous": st.previous}, "earlier": [_ref(r) for r in rows]},
                    "consistent" if ok else "inconsistent",
                    f"stated earlier value {fmt(st.previous, 2)} ({_key(st)}); {row['source']} gives "
                    f"{fmt(row['value'], 2)} for {row['period']}",
                    None if ok else diagnose(st.previous, row["value"], 0.5))


def _province_floor(ctx, database, st, span, document_id, groups):
    if st.adcode.endswith("0000") or st.metric != "standard" or st.unit not in PER_YEAR:
        return None
    province = st.adcode[:2] + "0000"
    rows = [r for r in database.query(
        "select id, document_id, source, value, unit, period, quote from standards where adcode = ? and program = ? "
        "and area = ? and metric = 'floor' and document_id is not ?", [province, st.program, st.area, document_id])
        if r["unit"] in PER_YEAR and overlaps(r["period"], st.period)]
    if not rows:
        return None
    r = max(rows, key=lambda r: r["value"] * PER_YEAR[r["unit"]])
    mine, floor = st.value * PER_YEAR[st.unit], r["value"] * PER_YEAR[r["unit"]]
    ok = mine >= floor
    return ctx.make("against_database", span, st.value, r["value"] * PER_YEAR[r["unit"]] / PER_YEAR[st.unit],
                    {"stated": _stated(ctx, st, span), "floor": _ref(r)}, "consistent" if ok else "inconsistent",
                    f"{fmt(st.value, 2)} {st.unit} ({_key(st)}) against the province's floor {fmt(r['value'], 2)} "
                    f"{r['unit']} for {r['period']} ({r['source']}): {fmt(mine)} {'>=' if ok else '<'} {fmt(floor)} a year",
                    None if ok else ("high", "below the floor its province set"))


def growth_against_database(checks, extraction, db, ctx) -> list:
    """Rates the text states without an earlier value (提高到B, 增幅r%), against B's key's latest
    earlier value in an independent document."""
    database = open_db(db)
    if "standards" not in database.table_names():
        return checks
    groups = content_groups(database) if "documents" in database.table_names() else {}
    out = []
    for c in checks:
        st = _growth_subject(c, extraction) if c.kind == "growth" and c.verdict == "unverifiable" else None
        rows = _independent(database, st, extraction.document.id, groups)[0] if st and st.period else []
        earlier = _earlier(rows, st.period) if rows else []
        if not earlier:
            out.append(c)
            continue
        half = stated_half(ctx.figure_at(c.inputs["stated"]["start"]))

        def rate(r):
            return growth_total(Interval.exact(r["value"]), Interval.exact(st.value))
        base = next((r for r in earlier if holds(rate(r), c.stated, half)), earlier[0])
        iv = rate(base)
        ok = holds(iv, c.stated, half)
        r = iv.mid
        c.inputs.update({"from": _ref(base), "to": {"value": st.value, "text": st.quote}})
        out.append(ctx.make("growth", (c.provenance.start, c.provenance.end), c.stated, r, c.inputs,
                            "consistent" if ok else "inconsistent",
                            f"({fmt(st.value)}-{fmt(base['value'])})/{fmt(base['value'])} = {fmt(r)}% from "
                            f"{base['source']} ({base['period']}); stated {fmt(c.stated, 2)}%",
                            None if ok else diagnose(c.stated, r, half)))
    return out


def _growth_subject(c, extraction):
    """The standard whose figure the rate follows in its sentence."""
    at = c.inputs.get("stated", {}).get("start")
    if at is None or c.inputs["stated"].get("text", "").endswith("元"):
        return None
    before = [s for s in extraction.standards or [] if s.provenance and s.provenance.start is not None
              and c.provenance.start <= s.provenance.start < at and s.previous is None and s.adcode]
    return before[-1] if before else None


def _earlier(rows, period) -> list:
    """The rows of the latest period before ``period``, when that is the year before or earlier
    the same year: with a longer gap, raises between may be missing from the database."""
    before = [r for r in rows if r["period"] and r["period"] < period and not overlaps(r["period"], period)]
    if not before:
        return []
    latest = max(r["period"] for r in before)
    if int(period[:4]) - int(latest[:4]) > 1:
        return []
    return [r for r in before if r["period"] == latest]


def _key(st) -> str:
    return f"{st.program} {st.area}{' ' + st.variant if st.variant else ''} {st.metric} {st.unit}, {st.region or st.adcode}"


def _ref(r) -> dict:
    return {"record": r["id"], "source": r["source"], "value": r["value"], "period": r.get("period"),
            "text": fmt(r["value"], 2), "quote": r.get("quote")}


def _stated(ctx, st, span) -> dict:
    return {"value": st.value, "text": st.quote, "start": span[0], "end": span[1], "quote": st.quote}


def _per_source(rows):
    seen, out = set(), []
    for r in rows:
        if (r["source"], r["value"]) not in seen:
            seen.add((r["source"], r["value"]))
            out.append(r)
    return out


def _span(ctx, st) -> tuple[int, int]:
    p = st.provenance
    if p is not None and p.start is not None and p.end is not None:
        return p.start, p.end
    i = ctx.text.find(st.quote) if st.quote else -1
    return (i, i + len(st.quote)) if i >= 0 else ctx.around(0)
