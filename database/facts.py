"""Facts: what the standards say once each, with their sources, history and time in force.

A fact is one value for one key (region or uncoded group of regions, program, area, variant,
metric, unit, period, status). The standards that state it are its support (``fact_standards``);
its ``sources`` is the number of distinct contents (database/content.py) among them, so a report
in five formats is one source. Two values for one key and date are both kept, each marked
``conflict`` with the number of values disagreeing with it.

History: a standard's ``previous`` value becomes a point of its own where the sentence dates it
(由“十二五”期末的360元提高到…, 由上年的…), marked ``derived``. Each fact is in force from
``valid_from`` (its period's first day; for a value without a period, its document's publication
date; a target only from its period) until ``valid_to``, the next date the same series (key
without period; monthly and yearly money as one) takes a new value, so "in force at a date" is
the range lookup ``valid_from <= :date and (valid_to is null or :date < valid_to)``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from pathlib import Path

import sqlite_utils
import yaml

from .store import period_start, stable_id

SETTINGS = yaml.safe_load((Path(__file__).parent / "data" / "facts.yaml").read_text("utf-8"))["facts"]

DDL = """
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    adcode TEXT REFERENCES regions(code),
    region TEXT NOT NULL,                      -- official name, or the group as documents name it
    program TEXT NOT NULL REFERENCES programs(code),
    area TEXT NOT NULL REFERENCES areas(code),
    variant TEXT REFERENCES variants(code),
    metric TEXT NOT NULL REFERENCES metrics(code),
    unit TEXT NOT NULL REFERENCES units(code),
    period TEXT,
    status TEXT NOT NULL REFERENCES statuses(code),
    value REAL NOT NULL,
    value_max REAL,
    bound TEXT,
    basis TEXT REFERENCES bases(code),
    sources INTEGER NOT NULL,                  -- distinct contents stating it
    standards INTEGER NOT NULL,                -- standards rows stating it (copies included)
    derived INTEGER NOT NULL,                  -- 1: only read off an earlier value (previous) the text dates
    conflict INTEGER NOT NULL,                 -- other values for the same key and date that disagree
    valid_from TEXT,                           -- first day in force (null: nobody can say since when)
    valid_to TEXT,                             -- first day of the next value of the series (exclusive)
    year INTEGER,
    series TEXT NOT NULL,                      -- id of the series (key without period and unit form)
    standard_id TEXT REFERENCES standards(id), -- the standard quoted for it
    document_id TEXT REFERENCES documents(id),
    quote TEXT NOT NULL
);
CREATE TABLE fact_standards (
    fact_id TEXT NOT NULL REFERENCES facts(id),
    standard_id TEXT NOT NULL REFERENCES standards(id),
    content_id TEXT REFERENCES documents(id),
    derived INTEGER NOT NULL,                  -- 1: the fact is this standard's previous value
    PRIMARY KEY (fact_id, standard_id, derived)
);
"""
# made once the rows are in: inserting into seven indexes row by row took a third of facts' time
INDEXES = """
CREATE INDEX facts_in_force ON facts (valid_from, valid_to);
CREATE INDEX facts_key ON facts (adcode, program, area, metric, valid_from);
CREATE INDEX facts_region ON facts (region, program, area);
CREATE INDEX facts_series ON facts (series, valid_from);
CREATE INDEX facts_program ON facts (program, metric, valid_from);
CREATE INDEX facts_conflict ON facts (conflict);
CREATE INDEX fact_standards_standard ON fact_standards (standard_id);
"""


def per_month(value: float, unit: str) -> float | None:
    divisor = SETTINGS["per_month"].get(unit)
    return None if divisor is None else value / divisor


def _points(db: sqlite_utils.Database, date_previous):
    """Every standard as a point, then every previous value ``date_previous`` dates as a derived
    one; streamed (only the standards that give a previous value are held for the second part)."""
    rows = db.query("""
        select s.id as standard_id, s.adcode, coalesce(r.name, s.region, s.adcode) as region,
               s.program, s.area, s.variant, s.metric, s.unit, s.value, s.value_max, s.bound,
               s.basis, s.status, s.period, s.previous, s.quote, s.start, s."end",
               s.document_id, coalesce(c.content_id, s.document_id) as content_id, d.published
        from standards s join documents d on d.id = s.document_id
        left join document_contents c on c.document_id = s.document_id
        left join regions r on r.code = s.adcode
        where coalesce(s.adcode, s.region) is not null""")
    with_previous = []
    for r in rows:
        r["derived"] = 0
        yield r
        if date_previous is not None and r["previous"] is not None and r["start"] is not None:
            with_previous.append(r)
    texts: dict[str, str] = {}
    for r in with_previous:
        doc = r["document_id"]
        if doc not in texts:
            texts = {doc: db.execute("select text from documents where id = ?", [doc]).fetchone()[0]}
        when = date_previous(texts[doc], r)
        if not when or (r["period"] and period_start(when) >= period_start(r["period"])):
            continue  # undated, or not earlier than the value it was raised to
        yield dict(r, value=r["previous"], value_max=None, bound=None, period=when,
                   status="in_force", derived=1)


def _family(unit: str) -> str:
    return "money" if unit in SETTINGS["per_month"] else unit


def _count_conflicts(same: list[dict]) -> None:
    """``conflict`` of each of ``same`` (one series, one date): how many others disagree with it
    (after converting monthly and yearly money; beyond the tolerance, or a range against a value). Values sorted, so each is compared only with those near enough to
    agree (within the tolerance), not with all: a key stated with many values costs n log n, not n²."""
    tol = SETTINGS["tolerance"]
    items = []
    for f in same:
        x = per_month(f["value"], f["unit"])
        items.append((f["value"] if x is None else x, f["value_max"], f))
    items.sort(key=lambda t: t[0])
    levels = [t[0] for t in items]
    for x, xm, f in items:
        lo = bisect_left(levels, x * (1 - tol) - 1e-9)
        hi = bisect_right(levels, x / (1 - tol) + 1e-9)
        agree = 0
        for y, ym, g in items[lo:hi]:
            if g is f or abs(x - y) > tol * max(abs(x), abs(y), 1e-9):
                continue
            if (xm is None) != (ym is None) or (xm is not None and abs(xm - ym) > tol * xm):
                continue
            agree += 1
        f["conflict"] = len(same) - 1 - agree


def build(db: sqlite_utils.Database, date_previous=None) -> int:
    """(Re)write ``facts`` and ``fact_standards`` from the standards; returns the number of facts.
    ``date_previous(text, standard_row)``: the date a standard's text gives its previous value (the
    pipeline's, which reads dates; storage reads none)."""
    db.executescript("DROP TABLE IF EXISTS fact_standards; DROP TABLE IF EXISTS facts;" + DDL)
    facts: dict[str, dict] = {}
    links = []
    for p in _points(db, date_previous):
        key = (p["adcode"] or p["region"], p["program"], p["area"], p["variant"], p["metric"],
               p["unit"], p["period"], p["status"])
        fid = stable_id("fact", *key, p["value"], p["value_max"])
        f = facts.get(fid)
        if f is None:
            series = stable_id("series", key[0], *key[1:5], _family(p["unit"]), p["status"])
            f = facts[fid] = {
                "id": fid, "adcode": p["adcode"], "region": p["region"], "program": p["program"],
                "area": p["area"], "variant": p["variant"], "metric": p["metric"], "unit": p["unit"],
                "period": p["period"], "status": p["status"], "value": p["value"],
                "value_max": p["value_max"], "bound": p["bound"], "basis": p["basis"],
                "series": series, "year": int(p["period"][:4]) if p["period"] else None,
                "_contents": set(), "_stated": False, "_standards": set(), "_published": None,
                "_best": None}
        f["bound"] = f["bound"] or p["bound"]
        f["basis"] = f["basis"] or p["basis"]
        f["_contents"].add(p["content_id"])
        f["_stated"] = f["_stated"] or not p["derived"]
        f["_standards"].add(p["standard_id"])
        if p["published"] and (f["_published"] is None or p["published"] < f["_published"]):
            f["_published"] = p["published"]
        # quote the stated support first, from the primary copy of a content, then in a stable order
        rank = (p["derived"], p["content_id"] != p["document_id"], p["published"] or "9999", p["standard_id"])
        if f["_best"] is None or rank < f["_best"][0]:
            f["_best"] = (rank, p["standard_id"], p["document_id"], p["quote"])
        links.append((fid, p["standard_id"], p["content_id"], p["derived"]))
    for f in facts.values():
        if f["period"]:
            f["valid_from"] = period_start(f["period"])
        elif f["status"] == "in_force" and f["_published"]:
            f["valid_from"] = period_start(f["_published"][:10])
        else:
            f["valid_from"] = None  # a target counts from the period it names, never from publication
        _, sid, doc, quote = f["_best"]
        f.update(standard_id=sid, document_id=doc, quote=quote, sources=len(f["_contents"]),
                 standards=len(f["_standards"]), derived=int(not f["_stated"]))
        del f["_contents"], f["_standards"], f["_best"]  # what a fact no longer needs, freed as we go
    by_series: dict[str, list[dict]] = defaultdict(list)
    for f in facts.values():
        by_series[f["series"]].append(f)
    for members in by_series.values():
        starts = sorted({f["valid_from"] for f in members if f["valid_from"]})
        following = dict(zip(starts, starts[1:]))
        at: dict[tuple, list[dict]] = defaultdict(list)
        for f in members:
            f["valid_to"] = following.get(f["valid_from"])
            at[(f["valid_from"], f["period"])].append(f)
        for same in at.values():
            _count_conflicts(same)
    cols = [c for c in next(iter(facts.values()), {}) if not c.startswith("_")]
    if cols:  # one executemany: sqlite-utils' insert_all spent more on its checks than SQLite on the rows
        db.conn.executemany(f"INSERT INTO facts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            [tuple(f[c] for c in cols) for f in facts.values()])
    db.conn.executemany("INSERT OR IGNORE INTO fact_standards (fact_id, standard_id, content_id, derived) "
                        "VALUES (?, ?, ?, ?)",
                        links)
    db.executescript(INDEXES)
    return len(facts)
