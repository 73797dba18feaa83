"""A document's standards against what other documents in the database say.

For each standard the document states for a known region (adcode) and period, the
``standards`` rows of *other* documents with the same key (adcode, program, area, variant,
metric, unit, period) are fetched. They agree when within the stated precision of the figure
plus the margin of ``arithmetic``. The check is consistent when at least one other source
agrees (another may be stale or wrong), inconsistent when others exist and none agrees.
"""
from __future__ import annotations

from .arithmetic import fmt

KEY = ("adcode", "program", "area", "variant", "metric", "unit", "period")


def open_db(db):
    import sqlite_utils

    return db if isinstance(db, sqlite_utils.Database) else sqlite_utils.Database(db)


def others_for(database, standard, document_id) -> list[dict]:
    """Rows of other documents with the standard's key (NULL variant matches NULL)."""
    where = " and ".join(f"s.{k} is ?" for k in KEY)
    sql = (f"select s.id, s.document_id, s.source, s.value, s.quote from standards s "
           f"where {where} and s.document_id is not ? order by s.source, s.id")
    params = [getattr(standard, k) for k in KEY] + [document_id]
    return list(database.query(sql, params))


def against_database(extraction, db, ctx):
    database = open_db(db)
    if "standards" not in database.table_names():
        return
    doc = extraction.document
    for st in extraction.standards or []:
        if not st.adcode or not st.period or st.unit in ("ratio", "percent"):
            continue
        rows = others_for(database, st, doc.id)
        if not rows:
            continue
        tol = 0.5
        agree = [r for r in rows if abs(r["value"] - st.value) <= tol]
        disagree = [r for r in rows if r not in agree]
        start, end = _span(ctx, st)
        key = f"{st.program} {st.area}{' ' + st.variant if st.variant else ''} {st.metric} {st.unit}, " \
              f"{st.region or st.adcode} {st.period}"
        parts = []
        if agree:
            parts.append("agrees with " + ", ".join(f"{r['source']} ({fmt(r['value'], 2)})" for r in _per_source(agree)))
        if disagree:
            parts.append("differs from " + ", ".join(f"{r['source']} ({fmt(r['value'], 2)})"
                                                     for r in _per_source(disagree)))
        other = agree[0]["value"] if agree else disagree[0]["value"]
        inputs = {"stated": {"value": st.value, "text": st.quote, "start": start, "end": end},
                  "key": {k: getattr(st, k) for k in KEY},
                  "agreeing": [{"record": r["id"], "source": r["source"], "value": r["value"]} for r in agree],
                  "disagreeing": [{"record": r["id"], "source": r["source"], "value": r["value"]} for r in disagree]}
        yield ctx.make("against_database", (start, end), st.value, other, inputs,
                       "consistent" if agree else "inconsistent",
                       f"{fmt(st.value, 2)} ({key}): " + "; ".join(parts))


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
    return (i, i + len(st.quote)) if i >= 0 else ctx.sentences.around(0)
