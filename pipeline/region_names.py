"""The names a researcher may type for each region of the database (黔南州, 黔南, 522700), written
at build time from the gazetteer, so the served database answers them in SQL without importing it."""
from __future__ import annotations

import sqlite_utils


def build(db: sqlite_utils.Database) -> int:
    """(Re)write ``region_names(name, code)`` for the regions the database holds; returns the rows."""
    from gazetteer import RegionIndex

    index = RegionIndex.default()
    codes = {r[0] for r in db.execute("select code from regions")}
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
    rows = {(n, c) for n, c in rows if n == c or getattr(index.lookup(n), "code", None) == c}
    db.execute("DROP TABLE IF EXISTS region_names")
    db.execute("CREATE TABLE region_names (name TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (name, code))")
    db["region_names"].insert_all([{"name": n, "code": c} for n, c in sorted(rows)])
    return len(rows)
