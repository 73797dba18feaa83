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

from bisect import bisect_left, bisect_right
from collections import defaultdict
from contextlib import nullcontext
from operator import itemgetter
from pathlib import Path

import yaml

from . import sqlite_utils
from .store import period_start, stable_id, unchecked

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
    if all(t[1] is None for t in items):  # single values (nearly all): those agreeing with one are
        for x, _, f in items:  # a run of the sorted values around it, found by its two ends
            lo = bisect_left(levels, x * (1 - tol) - 1e-9)
            hi = bisect_right(levels, x / (1 - tol) + 1e-9)
            while abs(x - levels[lo]) > tol * max(abs(x), abs(levels[lo]), 1e-9):
                lo += 1
            while abs(x - levels[hi - 1]) > tol * max(abs(x), abs(levels[hi - 1]), 1e-9):
                hi -= 1
            f["conflict"] = len(same) - (hi - lo)  # (hi - lo counts the value itself)
        return
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


def _fresh_points(db: sqlite_utils.Database, date_previous, where: str, params):
    """(standard_id, derived, fact id, series id, period of a derived point) of every standard
    ``where`` selects (SQL on ``standards s``), then of every previous value ``date_previous``
    dates; streamed (only the standards that give a previous value are held for the second part,
    and a document's text is read only when the date is not known already)."""
    rows = db.execute(f"""
        select s.id, s.adcode, s.region, s.program, s.area, s.variant, s.metric, s.unit, s.status,
               s.period, s.value, s.value_max, s.previous, s.start, s."end", s.document_id, d.published
        from standards s join documents d on d.id = s.document_id
        where coalesce(s.adcode, s.region) is not null and ({where})""", params)
    with_previous = []
    series: dict[tuple, str] = {}  # a series has many points: its id is hashed once

    def series_id(*key) -> str:
        if key not in series:
            series[key] = stable_id("series", *key)
        return series[key]

    for (sid, adcode, region, program, area, variant, metric, unit, status, period, value, value_max,
         previous, start, end, doc, published) in rows:
        key0 = adcode or region
        yield (sid, 0, stable_id("fact", key0, program, area, variant, metric, unit, period, status, value, value_max),
               series_id(key0, program, area, variant, metric, _family(unit), status), None)
        if date_previous is not None and previous is not None and start is not None:
            with_previous.append({"standard_id": sid, "key0": key0, "program": program, "area": area,
                                  "variant": variant, "metric": metric, "unit": unit, "period": period,
                                  "previous": previous, "start": start, "end": end, "document_id": doc,
                                  "published": published})
    texts: dict[str, str] = {}

    def text_of(doc):
        if doc not in texts:
            texts.clear()
            texts[doc] = db.execute("select text from documents where id = ?", [doc]).fetchone()[0]
        return texts[doc]

    for r in with_previous:
        when = date_previous(r, lambda: text_of(r["document_id"]))
        if not when or (r["period"] and period_start(when) >= period_start(r["period"])):
            continue  # undated, or not earlier than the value it was raised to
        key = (r["key0"], r["program"], r["area"], r["variant"], r["metric"])
        yield (r["standard_id"], 1, stable_id("fact", *key, r["unit"], when, "in_force", r["previous"], None),
               series_id(*key, _family(r["unit"]), "in_force"), when)


_TEMP = """
CREATE TEMP TABLE IF NOT EXISTS fact_dirty (series TEXT PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS fact_taken (series TEXT PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS fact_points (standard_id TEXT NOT NULL, derived INTEGER NOT NULL,
    fid TEXT NOT NULL, series TEXT NOT NULL, period TEXT, PRIMARY KEY (standard_id, derived));
"""
# what a point says: its standard's, or for a derived point the standard's previous value at the
# date the text gives; rank orders a fact's support: stated first, from the primary copy of a
# content, then by publication and standard (unique: the order does not depend on rowids)
_ROWS = """
CREATE TEMP TABLE fact_rows AS
SELECT p.fid, p.series, s.adcode, coalesce(r.name, s.region, s.adcode) AS region, s.program, s.area,
       s.variant, s.metric, s.unit,
       CASE p.derived WHEN 1 THEN p.period ELSE s.period END AS period,
       CASE p.derived WHEN 1 THEN 'in_force' ELSE s.status END AS status,
       CASE p.derived WHEN 1 THEN s.previous ELSE s.value END AS value,
       CASE p.derived WHEN 1 THEN NULL ELSE s.value_max END AS value_max,
       CASE p.derived WHEN 1 THEN NULL ELSE s.bound END AS bound,
       s.basis, p.standard_id, s.document_id, coalesce(c.content_id, s.document_id) AS content_id,
       d.published, p.derived, s.quote,
       p.derived || char(1) || (coalesce(c.content_id, s.document_id) <> s.document_id) || char(1)
           || coalesce(d.published, '9999') || char(1) || p.standard_id AS rank
FROM temp.fact_points p JOIN standards s ON s.id = p.standard_id JOIN documents d ON d.id = s.document_id
LEFT JOIN document_contents c ON c.document_id = s.document_id LEFT JOIN regions r ON r.code = s.adcode;
CREATE INDEX temp.fact_rows_fid ON fact_rows (fid, rank);
"""
# a fact's support in the order of rank, series by series (the facts are read off it in Python:
# one pass, where grouping in SQL took a correlated lookup per fact for its bound and basis)
_SUPPORT = """
SELECT fid, series, adcode, region, program, area, variant, metric, unit, period, status, value, value_max,
       bound, basis, standard_id, document_id, content_id, published, derived, quote, rank
FROM temp.fact_rows ORDER BY series, fid, rank
"""


def build(db: sqlite_utils.Database, date_previous=None) -> int:
    """(Re)write ``facts`` and ``fact_standards`` from every standard; returns the number of facts.
    ``date_previous(row, text)``: the date a standard's sentence gives its previous value (the
    pipeline's, which reads dates; storage reads none); ``text()`` gives the document's text."""
    begin(db, fresh=True)
    return update(db, date_previous)


def begin(db: sqlite_utils.Database, fresh: bool = False) -> None:
    """Before a build changes rows: ``fresh``, the facts tables are made anew; else the facts
    stay, and only the series :func:`forget` takes out are written again by :func:`update`."""
    if fresh:
        db.executescript("DROP TABLE IF EXISTS fact_standards; DROP TABLE IF EXISTS facts;" + DDL)
    db.executescript(_TEMP)


def forget(db: sqlite_utils.Database, where: str, params=(), changed: bool = True) -> None:
    """Take out the facts of every series the standards ``where`` (SQL on ``standards s``) support:
    before they are deleted or changed (``changed``: their points are made again by
    :func:`update`, if they are still there), or when their content or region name changes. The
    series' other points are kept, so that :func:`update` makes each series whole; the facts
    stay until it writes those that differ, but for what points at a changed standard."""
    db.execute(f"INSERT OR IGNORE INTO temp.fact_dirty SELECT f.series FROM standards s "
               f"JOIN fact_standards fs ON fs.standard_id = s.id JOIN facts f ON f.id = fs.fact_id WHERE {where}",
               params)
    _take_out(db)
    if changed:  # deleted or rewritten next: nothing may point at them meanwhile
        standards = f"SELECT s.id FROM standards s WHERE {where}"
        quoting = f"SELECT id FROM facts WHERE series IN (SELECT series FROM temp.fact_dirty) AND standard_id IN ({standards})"
        db.execute(f"DELETE FROM temp.fact_points WHERE standard_id IN ({standards})", params)
        db.execute(f"DELETE FROM fact_standards WHERE standard_id IN ({standards}) OR fact_id IN ({quoting})",
                   [*params, *params])
        db.execute(f"DELETE FROM facts WHERE id IN ({quoting})", params)


def forget_contents(db: sqlite_utils.Database, ids: str) -> None:
    """Before the documents ``ids`` (SQL) are deleted: the support that names one as its content
    (the primary copy of others, whose series :func:`forget` has taken out) goes."""
    db.execute(f"DELETE FROM fact_standards WHERE content_id IN ({ids})")


def _take_out(db) -> None:
    """Copy the points of the facts of series newly dirty to temp.fact_points."""
    db.execute("INSERT OR IGNORE INTO temp.fact_points SELECT fs.standard_id, fs.derived, f.id, f.series, "
               "CASE fs.derived WHEN 1 THEN f.period END FROM facts f JOIN fact_standards fs ON fs.fact_id = f.id "
               "WHERE f.series IN (SELECT series FROM temp.fact_dirty EXCEPT SELECT series FROM temp.fact_taken)")
    db.execute("INSERT OR IGNORE INTO temp.fact_taken SELECT series FROM temp.fact_dirty")


def update(db: sqlite_utils.Database, date_previous=None, fresh: str = "1", params=()) -> int:
    """Write the facts of the series taken out and of every series the standards ``fresh`` (SQL
    on ``standards s``; all of them by default) support, where they differ from those stored;
    returns the number of facts written.

    The points go to a temporary table and SQLite groups them into facts; Python then holds one
    series at a time (valid_to, conflicts), so memory does not grow with the corpus."""
    db.execute("CREATE TEMP TABLE fact_new (standard_id, derived, fid, series, period)")
    db.conn.executemany("INSERT INTO temp.fact_new VALUES (?, ?, ?, ?, ?)",
                        _fresh_points(db, date_previous, fresh, params))
    db.execute("INSERT OR IGNORE INTO temp.fact_dirty SELECT DISTINCT series FROM temp.fact_new")
    _take_out(db)
    db.execute("INSERT OR REPLACE INTO temp.fact_points SELECT * FROM temp.fact_new")
    db.executescript(_ROWS)
    n, cols = 0, None
    # a build from nothing (no indexes yet): its every fact is new, checked once at the end
    scratch = not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'facts_in_force'").fetchone()
    with unchecked(db, "facts", "fact_standards") if scratch else nullcontext():
        if not scratch:
            db.execute(_STALE_SUPPORT)  # before the facts it supported may go
        for members in _by_series(db.execute(_SUPPORT)):
            _in_force(members)
            if cols is None:
                cols = list(members[0])
                row = itemgetter(*cols)
            n += _write(db, cols, [row(f) for f in members], old=not scratch)
        if not scratch:  # the series' facts no point states any longer
            db.execute("DELETE FROM facts WHERE series IN (SELECT series FROM temp.fact_dirty) "
                       "AND id NOT IN (SELECT fid FROM temp.fact_rows)")
        db.execute("INSERT OR IGNORE INTO fact_standards (fact_id, standard_id, content_id, derived) "
                   "SELECT fid, standard_id, content_id, derived FROM temp.fact_rows")  # after the facts
    db.executescript("DROP TABLE temp.fact_rows; DROP TABLE temp.fact_new; DROP TABLE temp.fact_points; "
                     "DROP TABLE temp.fact_dirty; DROP TABLE temp.fact_taken;")
    if scratch:
        db.executescript(INDEXES)  # made once the rows are in
    return n


# the support of the dirty series' facts that the points made again do not repeat
_STALE_SUPPORT = """
DELETE FROM fact_standards WHERE fact_id IN (SELECT id FROM facts WHERE series IN (SELECT series FROM temp.fact_dirty))
AND NOT EXISTS (SELECT 1 FROM temp.fact_rows r WHERE r.fid = fact_standards.fact_id
                AND r.standard_id = fact_standards.standard_id AND r.derived = fact_standards.derived
                AND r.content_id IS fact_standards.content_id)
"""


def _write(db: sqlite_utils.Database, cols: list[str], rows: list[tuple], old: bool) -> int:
    """Write one series' facts (``rows``, id first), leaving those already there as they are
    (``old``: the series may have facts stored); returns how many were written."""
    have = {}
    if old:
        have = {r[0]: r for r in db.execute(f"SELECT {', '.join(cols)} FROM facts WHERE series = ?",
                                            [rows[0][cols.index("series")]])}
    new = [r for r in rows if r[0] not in have]
    changed = [r for r in rows if r[0] in have and have[r[0]] != r]
    db.conn.executemany(f"INSERT INTO facts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", new)
    db.conn.executemany(f"UPDATE facts SET {', '.join(f'{c} = ?' for c in cols[1:])} WHERE id = ?",
                        [(*r[1:], r[0]) for r in changed])
    return len(new) + len(changed)


def _by_series(cursor):
    """The facts of the support query (``_SUPPORT``), as lists of one series each, each fact as
    its best-ranked support says it with the counts of the rest: the distinct contents (sources)
    and standards, whether it is only derived, its earliest publication, and the first bound
    and basis any of its support gives; a series' facts in the order of their best rank."""
    members: list[dict] = []
    series = fid = None
    for (f_id, f_series, adcode, region, program, area, variant, metric, unit, period, status, value,
         value_max, bound, basis, standard_id, document_id, content_id, published, derived, quote, rank) in cursor:
        if f_id != fid:
            if f_series != series:
                if members:
                    yield _counted(members)
                members, series = [], f_series
            fid = f_id
            fact = {"id": f_id, "adcode": adcode, "region": region, "program": program, "area": area,
                    "variant": variant, "metric": metric, "unit": unit, "period": period, "status": status,
                    "value": value, "value_max": value_max, "bound": bound, "basis": basis,
                    "series": f_series, "sources": {content_id}, "standards": {standard_id},
                    "derived": derived, "published": published, "standard_id": standard_id,
                    "document_id": document_id, "quote": quote, "best": rank}
            members.append(fact)
            continue
        fact["sources"].add(content_id)
        fact["standards"].add(standard_id)
        fact["derived"] = min(fact["derived"], derived)
        if published is not None and (fact["published"] is None or published < fact["published"]):
            fact["published"] = published
        fact["bound"] = fact["bound"] if fact["bound"] is not None else bound
        fact["basis"] = fact["basis"] if fact["basis"] is not None else basis
    if members:
        yield _counted(members)


def _counted(members: list[dict]) -> list[dict]:
    for f in members:
        f["sources"], f["standards"] = len(f["sources"]), len(f["standards"])
    members.sort(key=lambda f: f["best"])
    for f in members:
        del f["best"]
    return members


def _in_force(members: list[dict]) -> None:
    """valid_from, valid_to and conflict of one series' facts."""
    for f in members:
        published = f.pop("published")
        if f["period"]:
            f["valid_from"] = period_start(f["period"])
        elif f["status"] == "in_force" and published:
            f["valid_from"] = period_start(published[:10])
        else:
            f["valid_from"] = None  # a target counts from the period it names, never from publication
        f["year"] = int(f["period"][:4]) if f["period"] else None
    starts = sorted({f["valid_from"] for f in members if f["valid_from"]})
    following = dict(zip(starts, starts[1:]))
    at: dict[tuple, list[dict]] = defaultdict(list)
    for f in members:
        f["valid_to"] = following.get(f["valid_from"])
        at[(f["valid_from"], f["period"])].append(f)
    for same in at.values():
        _count_conflicts(same)
