"""Rows for one document, as the database stores them, and the writes and deletes of those rows.

A :class:`Rows` holds plain dicts (what the pipeline produced for one document, with stable ids);
:class:`Writer` inserts many documents' rows in batches, and :func:`delete_documents` takes one
document's rows out again, so an incremental build touches only what changed.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import search, sqlite_utils

# Tables that hold a document's rows, in the order they are written (foreign keys first)
TABLES = ("documents", "standards", "statistics", "checks", "document_target_groups",
          "standard_target_groups")


# json.dumps(parts, ensure_ascii=False, default=str), without making an encoder per call (the
# facts make two ids per standard)
_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode


def stable_id(*parts) -> str:
    return hashlib.sha256(_ENCODE(parts).encode()).hexdigest()[:16]


def period_start(period: str | None) -> str | None:
    """First day a period denotes: ``2015`` -> ``2015-01-01``, ``2019-11`` -> ``2019-11-01``."""
    if not period:
        return None
    parts = str(period).split("-")
    return "-".join([parts[0]] + [(parts[i] if len(parts) > i else "01") for i in (1, 2)])


def standard_row(row: dict, document_id: str, source: str) -> dict:
    """A standards table row from ``Standard.to_row()`` (or a contract dict)."""
    r = dict(row)
    r["document_id"] = document_id
    r["source"] = r.get("source") or source
    for k in ("value", "value_max", "previous"):
        if r.get(k) is not None:
            r[k] = float(r[k])
    r["unit_inferred"] = int(bool(r.get("unit_inferred")))
    r["region_inferred"] = int(bool(r.get("region_inferred")))
    r["target_groups"] = json.dumps(list(r.get("target_groups") or []), ensure_ascii=False)
    r["rules"] = json.dumps(list(r.get("rules") or []))
    r["period_start"] = period_start(r.get("period"))
    r["year"] = int(r["period"][:4]) if r.get("period") else None
    r.setdefault("override", None)
    r["id"] = stable_id(document_id, r.get("start"), r.get("end"), r["program"], r["area"],
                        r.get("variant"), r["metric"], r["value"], r.get("value_max"), r["unit"],
                        r.get("period"), r.get("adcode") or r.get("region"))
    return r


@dataclass
class Rows:
    """Everything one document contributes to the database."""

    document: dict
    standards: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # target groups the document mentions
    invalid: list[str] = field(default_factory=list)  # why records were not stored
    search: dict[str, str] = field(default_factory=dict)  # texts to index, spelled ahead (search.PRECOMPUTED)
    signature: object = None  # the text's k-grams for content groups (content.signature), made ahead
    dates: dict = field(default_factory=dict)  # {previous_key: date} of standards' previous values, made ahead

    def to_json(self) -> str:
        d = {k: getattr(self, k) for k in ("document", "standards", "statistics", "checks", "groups")}
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> "Rows":
        return cls(**json.loads(data))

    def moved(self, source: str, name: str) -> "Rows":
        """The same rows for the same bytes found under another path (a renamed or copied file)."""
        old = self.document["name"]
        self.document.update(source=source, name=name)
        for r in self.standards + self.statistics + self.checks:
            if r.get("source") == old:
                r["source"] = name
        return self


class Writer:
    """Inserts documents' rows in batches (one ``executemany`` per table), in the order given."""

    def __init__(self, db: sqlite_utils.Database, batch: int = 200):
        self.db, self.batch, self.pending = db, batch, []

    def add(self, rows: Rows) -> None:
        self.pending.append(rows)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        if not pending:
            return
        regions, groups = {}, {}
        for rows in pending:
            d = rows.document
            if d.get("home_adcode"):
                regions.setdefault(d["home_adcode"], {"name": d.get("home_region") or d["home_adcode"]})
            for r in rows.standards + rows.statistics:
                if r.get("adcode"):
                    regions.setdefault(r["adcode"], {"name": r.get("region") or r["adcode"]})
            groups.update((g, {}) for g in rows.groups)
        ensure_codes(self.db, "regions", regions)
        ensure_codes(self.db, "target_groups", groups)
        tables = {t: [] for t in TABLES}
        for rows in pending:
            doc_id = rows.document["id"]
            tables["documents"].append(rows.document)
            tables["standards"] += rows.standards
            tables["statistics"] += rows.statistics
            tables["checks"] += rows.checks
            tables["document_target_groups"] += ({"document_id": doc_id, "group": g} for g in rows.groups)
            tables["standard_target_groups"] += (
                {"standard_id": s["id"], "group": g}
                for s in rows.standards for g in dict.fromkeys(json.loads(s["target_groups"])))
        for rows in pending:
            search.PRECOMPUTED.update(rows.search)
        try:
            for table, dicts in tables.items():
                _insert(self.db, table, dicts)
        finally:
            search.PRECOMPUTED.clear()


def _insert(db: sqlite_utils.Database, table: str, dicts: list[dict]) -> None:
    if not dicts:
        return
    cols = list(dict.fromkeys(k for d in dicts for k in d))
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
           f"VALUES ({', '.join('?' * len(cols))})")
    db.conn.executemany(sql, [tuple(d.get(c) for c in cols) for d in dicts])


def ensure_codes(db: sqlite_utils.Database, table: str, codes: dict) -> None:
    """Add vocabulary/region rows for codes the records use but the lexicons lack.

    Keeps foreign keys valid: a region code a document uses stays in the database, named as the
    document names it (``level`` stays null: we only know what the document says).
    """
    if not codes:
        return
    have = {r[0] for r in db.execute(f"SELECT code FROM [{table}] WHERE code IN "
                                     f"({','.join('?' * len(codes))})", list(codes))}
    missing = [{"code": c, **extra} for c, extra in codes.items() if c not in have]
    if missing:
        db[table].insert_all(missing)


@contextmanager
def unchecked(db: sqlite_utils.Database, *tables: str, deleted: dict[str, str] | None = None):
    """Write many rows without checking each one's foreign keys, then check ``tables`` once
    (IntegrityError if a row points at nothing): a row-by-row check of the many keys of a fact
    costs more than the one scan. ``deleted`` ({table: SQL of the ids deleted from it}): what a
    deletion may leave dangling is only what points at those rows, looked up alone. The pragma
    holds outside a transaction only, hence the commits (a build's file is its transaction:
    swap.NewVersion)."""
    db.conn.commit()
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
        db.conn.commit()
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    for table in tables:
        if db.execute(f"PRAGMA foreign_key_check([{table}])").fetchone():
            raise sqlite3.IntegrityError(f"{table} points at rows that are not there")
    for parent, ids in (deleted or {}).items():
        for child, column in _pointing_at(db, parent):
            if db.execute(f"SELECT 1 FROM [{child}] WHERE [{column}] IN ({ids}) LIMIT 1").fetchone():
                raise sqlite3.IntegrityError(f"{child}.{column} points at deleted {parent}")


def _pointing_at(db: sqlite_utils.Database, parent: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to ``parent``, as the schema declares them."""
    out = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        out += [(table, fk[3]) for fk in db.execute(f"PRAGMA foreign_key_list([{table}])") if fk[2] == parent]
    return out


def temp_ids(db, name: str, ids) -> str:
    """A temporary table of ``ids``; returns the query of them."""
    db.execute(f"DROP TABLE IF EXISTS temp.[{name}]")
    db.execute(f"CREATE TEMP TABLE [{name}] (id TEXT PRIMARY KEY)")
    db.conn.executemany(f"INSERT OR IGNORE INTO temp.[{name}] VALUES (?)", [(i,) for i in ids])
    return f"SELECT id FROM temp.[{name}]"


def delete_documents(db: sqlite_utils.Database, ids) -> None:
    """Take documents and every row they contributed out of the database."""
    ids = list(ids)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        marks = ",".join("?" * len(part))
        db.execute(f"DELETE FROM standard_target_groups WHERE standard_id IN "
                   f"(SELECT id FROM standards WHERE document_id IN ({marks}))", part)
        for table in ("document_target_groups", "checks", "statistics", "standards"):
            db.execute(f"DELETE FROM [{table}] WHERE document_id IN ({marks})", part)
        db.execute(f"DELETE FROM documents WHERE id IN ({marks})", part)


def drop_unused_codes(db: sqlite_utils.Database) -> None:
    """Codes :func:`ensure_codes` added for documents since deleted, so a database holds the
    same rows however it was reached."""
    db.execute("DELETE FROM regions WHERE level IS NULL AND code NOT IN (SELECT home_adcode FROM "
               "documents WHERE home_adcode IS NOT NULL UNION SELECT adcode FROM standards WHERE "
               "adcode IS NOT NULL UNION SELECT adcode FROM statistics WHERE adcode IS NOT NULL "
               "UNION SELECT parent FROM regions WHERE parent IS NOT NULL)")
    db.execute("DELETE FROM target_groups WHERE zh IS NULL AND en IS NULL AND code NOT IN "
               "(SELECT [group] FROM document_target_groups UNION SELECT [group] FROM standard_target_groups)")


def standards_per_document(db: sqlite_utils.Database) -> dict[str, tuple]:
    """{document id: (standards, overridden standards)}: what curator overrides change shows here."""
    return {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT document_id, count(*), count(override) FROM standards GROUP BY document_id")}
