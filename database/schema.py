"""Create the database schema (tables, indexes, full-text search, views).

``create(db)`` makes every table of a new database, ``keep_search_in_step(db)`` keeps the
full-text indexes current on a connection that writes rows (``create`` calls it), and
``finish(db)`` adds the indexes and statistics once rows are in.

Tables with CHECK constraints are DDL in ``schema.sql`` (sqlite-utils' ``create()`` cannot declare
them), with the allowed values filled in from ``schemas/data/vocabulary.yaml``; the vocabulary,
region and link tables are made with sqlite-utils; views live in ``views.sql``.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from string import Template

import yaml

from schemas import VOCAB
from schemas.records import CHECK_KINDS, VERDICTS

from . import sqlite_utils
from .search import indexed

HERE = Path(__file__).parent
ROOT = HERE.parent
REGIONS_CSV = ROOT / "gazetteer" / "data" / "regions.csv"
TARGET_GROUPS_YAML = ROOT / "extractors" / "data" / "target_groups.yaml"

# Full-text indexes: table -> columns indexed through search.index_text
FTS = {"documents": ("title", "text"), "standards": ("quote", "region")}

# What queries and facets filter by
INDEXES = {
    "standards": [("adcode", "program", "area", "period_start"), ("region", "program", "area"),
                  ("program", "area", "metric"), ("program", "year"), ("period_start",),
                  ("document_id",), ("metric",), ("override",)],
    "statistics": [("document_id",), ("program",), ("adcode",)],
    "checks": [("document_id",), ("verdict",)],
    "documents": [("name",), ("home_adcode",), ("published",)],
    "regions": [("name",), ("short_name",), ("parent",), ("level",)],
    "document_target_groups": [("group",)],
    "standard_target_groups": [("group",)],
}


def _sql_list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def table_ddl() -> str:
    values = {section: _sql_list(VOCAB[section]) for section in VOCAB}
    values.update(check_kinds=_sql_list(CHECK_KINDS), verdicts=_sql_list(VERDICTS))
    return Template((HERE / "schema.sql").read_text("utf-8")).substitute(values)


def target_groups() -> dict:
    """Target-group vocabulary {code: {zh, en}} from the extractors' lexicon, when present."""
    if not TARGET_GROUPS_YAML.exists():
        return {}
    data = yaml.safe_load(TARGET_GROUPS_YAML.read_text("utf-8")) or {}
    data = data.get("groups", data) if isinstance(data, dict) else data
    if isinstance(data, list):  # [{code|id: ..., zh: ..., en: ...}]
        data = {d.get("code") or d.get("id"): d for d in data if isinstance(d, dict)}
    out = {}
    for code, d in (data or {}).items():
        d = d if isinstance(d, dict) else {}
        zh = d.get("zh") or d.get("name") or (d.get("terms") or d.get("patterns") or [None])[0]
        out[str(code)] = {"zh": zh if isinstance(zh, str) else None, "en": d.get("en")}
    return out


def regions() -> list[dict]:
    if not REGIONS_CSV.exists():
        return []
    rows = {}
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            former = [n for n in (r.get("former_names") or "").split(";") if n]
            rows.setdefault(r["code"], {  # first row wins should the table repeat a code
                "code": r["code"], "name": r["name"], "short_name": r.get("short_name") or None,
                "level": r.get("level") or None, "parent": r.get("parent") or None,
                "longitude": float(r["longitude"]) if r.get("longitude") else None,
                "latitude": float(r["latitude"]) if r.get("latitude") else None,
                "former_names": json.dumps(former, ensure_ascii=False),
            })
    return list(rows.values())


def create(db: sqlite_utils.Database) -> None:
    """Create every table (empty but for the vocabularies and regions) in a new database."""
    for section, entries in VOCAB.items():
        db[section].create({"code": str, "zh": str, "en": str}, pk="code", not_null={"code"})
        db[section].insert_all([{"code": c, "zh": e.get("zh"), "en": e.get("en")}
                                for c, e in entries.items()])
    db["target_groups"].create({"code": str, "zh": str, "en": str}, pk="code")
    db["target_groups"].insert_all([{"code": c, **v} for c, v in target_groups().items()])
    db["regions"].create(
        {"code": str, "name": str, "short_name": str, "level": str, "parent": str,
         "longitude": float, "latitude": float, "former_names": str},
        pk="code", not_null={"name"}, foreign_keys=[("parent", "regions", "code")])
    db["regions"].insert_all(regions())
    db.executescript(table_ddl())
    db["document_target_groups"].create(
        {"document_id": str, "group": str}, pk=("document_id", "group"),
        foreign_keys=[("document_id", "documents", "id"), ("group", "target_groups", "code")])
    db["standard_target_groups"].create(
        {"standard_id": str, "group": str}, pk=("standard_id", "group"),
        foreign_keys=[("standard_id", "standards", "id"), ("group", "target_groups", "code")])
    db["ingest_errors"].create({"path": str, "error": str, "at": str}, not_null={"path", "error", "at"})
    for table, cols in FTS.items():
        db.execute(f"CREATE VIRTUAL TABLE [{table}_fts] USING fts5({', '.join(cols)}, content='')")
    db.executescript((HERE / "views.sql").read_text("utf-8"))
    keep_search_in_step(db)


def keep_search_in_step(db: sqlite_utils.Database) -> None:
    """Keep the full-text indexes in step with every insert, update and delete on this connection.

    The triggers are TEMP (they live in the connection, not in the published file, which needs no
    Python function to be read): whatever writes rows during a build, the pipeline, a curator
    override or an incremental build deleting a document, updates the index of exactly those rows.
    The index is contentless, so a deletion names the indexed text again (index_text is
    deterministic).
    """
    db.conn.create_function("doudi_index_text", 1, indexed, deterministic=True)
    for table, cols in FTS.items():
        fts, names = f"{table}_fts", ", ".join(cols)
        new = ", ".join(f"doudi_index_text(new.[{c}])" for c in cols)
        old = ", ".join(f"doudi_index_text(old.[{c}])" for c in cols)
        add = f"INSERT INTO [{fts}] (rowid, {names}) VALUES (new.rowid, {new});"
        drop = f"INSERT INTO [{fts}] ([{fts}], rowid, {names}) VALUES ('delete', old.rowid, {old});"
        db.executescript(
            f"CREATE TEMP TRIGGER IF NOT EXISTS [{fts}_ai] AFTER INSERT ON main.[{table}] BEGIN {add} END;"
            f"CREATE TEMP TRIGGER IF NOT EXISTS [{fts}_ad] AFTER DELETE ON main.[{table}] BEGIN {drop} END;"
            f"CREATE TEMP TRIGGER IF NOT EXISTS [{fts}_au] AFTER UPDATE OF {names} ON main.[{table}] "
            f"BEGIN {drop} {add} END;")


def finish(db: sqlite_utils.Database) -> None:
    """Indexes (made once the first rows are in: faster than indexing as we go) and statistics."""
    for table, indexes in INDEXES.items():
        for cols in indexes:
            db[table].create_index(cols, if_not_exists=True)
    db.execute("PRAGMA analysis_limit = 1000")  # approximate statistics: a rebuild costs what changed
    db.execute("ANALYZE")
