"""The names a researcher may type for each region of the database (黔南州, 黔南, 522700), written
at build time from the gazetteer, so the served database answers them in SQL without importing it."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def names(codes) -> set[tuple[str, str]]:
    """(name, code) for each code: its full and short names and the forms texts write."""
    from gazetteer import RegionIndex

    index = RegionIndex.default()
    rows = {(code, code) for code in codes}
    for code in codes:
        region = index.get(code)
        if region is None:
            continue
        for name in {region.name, region.short_name} - {None}:
            rows.add((name, code))
            for suffix in ("州", "市", "县", "区", "地区"):  # 黔南州, 都匀市: forms the text writes
                if (found := index.lookup(name + suffix)) is not None and found.code == code:
                    rows.add((name + suffix, code))
    return {(n, c) for n, c in rows if n == c or getattr(index.lookup(n), "code", None) == c}


def gazetteer_names() -> dict[str, set]:
    """{code: its (name, code) rows} for every region of the gazetteer the schema loads: made
    while the documents are read (build.py), so the end of a build only adds the codes the
    documents brought."""
    from database.schema import REGIONS_CSV
    import csv

    with open(REGIONS_CSV, encoding="utf-8") as f:
        codes = [r["code"] for r in csv.DictReader(f)]
    out: dict[str, set] = {c: set() for c in codes}
    for n, c in names(codes):
        out[c].add((n, c))
    return out


def build(db: sqlite_utils.Database, known: dict[str, set] | None = None) -> int:
    """(Re)write ``region_names(name, code)`` for the regions the database holds; returns the rows.
    ``known``: :func:`gazetteer_names`, when made ahead."""
    known = {} if known is None else known
    codes = {r[0] for r in db.execute("select code from regions")}
    missing = codes - known.keys()
    if missing:  # codes only documents name: added to ``known``, which the build keeps
        found = names(missing)
        for c in missing:
            known[c] = {r for r in found if r[1] == c}
    rows = set()
    for c in codes:
        rows |= known[c]
    db.execute("DROP TABLE IF EXISTS region_names")
    db.execute("CREATE TABLE region_names (name TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (name, code))")
    db.conn.executemany("INSERT INTO region_names (name, code) VALUES (?, ?)", sorted(rows))
    return len(rows)
