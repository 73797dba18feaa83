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


_POINT_COLS = ("fid", "series", "adcode", "region", "program", "area", "variant", "metric", "unit", "period",
               "status", "value", "value_max", "bound", "basis", "standard_id", "document_id", "content_id",
               "published", "derived", "quote", "rank")
_FACTS = """
WITH g AS (SELECT fid, min(seq) AS first, count(DISTINCT content_id) AS sources,
                  count(DISTINCT standard_id) AS standards, min(derived) AS derived,
                  min(published) AS published, min(rank) AS best
           FROM temp.fact_points GROUP BY fid)
SELECT f.fid AS id, f.adcode, f.region, f.program, f.area, f.variant, f.metric, f.unit, f.period, f.status,
       f.value, f.value_max,
       (SELECT bound FROM temp.fact_points x WHERE x.fid = g.fid AND x.bound IS NOT NULL ORDER BY seq LIMIT 1) AS bound,
       (SELECT basis FROM temp.fact_points x WHERE x.fid = g.fid AND x.basis IS NOT NULL ORDER BY seq LIMIT 1) AS basis,
       f.series, g.sources, g.standards, g.derived, g.published, b.standard_id, b.document_id, b.quote
FROM g JOIN temp.fact_points f ON f.seq = g.first
JOIN temp.fact_points b ON b.fid = g.fid AND b.rank = g.best
ORDER BY f.series, g.first
"""


def build(db: sqlite_utils.Database, date_previous=None) -> int:
    """(Re)write ``facts`` and ``fact_standards`` from the standards; returns the number of facts.
    ``date_previous(text, standard_row)``: the date a standard's text gives its previous value (the
    pipeline's, which reads dates; storage reads none).

    The points go to a temporary table and SQLite groups them into facts; Python then holds one
    series at a time (valid_to, conflicts), so memory does not grow with the corpus."""
    db.executescript("DROP TABLE IF EXISTS fact_standards; DROP TABLE IF EXISTS facts;" + DDL)
    db.execute("DROP TABLE IF EXISTS temp.fact_points")
    db.execute(f"CREATE TEMP TABLE fact_points (seq INTEGER PRIMARY KEY, {', '.join(_POINT_COLS)})")

    def points():
        for p in _points(db, date_previous):
            key = (p["adcode"] or p["region"], p["program"], p["area"], p["variant"], p["metric"],
                   p["unit"], p["period"], p["status"])
            # quote the stated support first, from the primary copy of a content, then in a stable order
            rank = "\x01".join((str(p["derived"]), str(int(p["content_id"] != p["document_id"])),
                                p["published"] or "9999", p["standard_id"]))
            yield (stable_id("fact", *key, p["value"], p["value_max"]),
                   stable_id("series", key[0], *key[1:5], _family(p["unit"]), p["status"]),
                   *(p[c] for c in _POINT_COLS[2:-1]), rank)

    db.conn.executemany(f"INSERT INTO temp.fact_points ({', '.join(_POINT_COLS)}) "
                        f"VALUES ({', '.join('?' * len(_POINT_COLS))})", points())
    db.execute("CREATE INDEX temp.fact_points_fid ON fact_points (fid, seq)")
    n, cols = 0, None
    for members in _by_series(db.execute(_FACTS)):
        _in_force(members)
        cols = cols or list(members[0])
        db.conn.executemany(f"INSERT INTO facts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            [tuple(f[c] for c in cols) for f in members])
        n += len(members)
    db.execute("INSERT OR IGNORE INTO fact_standards (fact_id, standard_id, content_id, derived) "
               "SELECT fid, standard_id, content_id, derived FROM temp.fact_points ORDER BY seq")  # after the facts
    db.execute("DROP TABLE temp.fact_points")
    db.executescript(INDEXES)
    return n


def _by_series(cursor):
    """The facts of the query, as lists of one series each (the query orders them by series)."""
    names = [d[0] for d in cursor.description]
    members: list[dict] = []
    for row in cursor:
        f = dict(zip(names, row))
        if members and members[-1]["series"] != f["series"]:
            yield members
            members = []
        members.append(f)
    if members:
        yield members


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
