"""The standards a database holds, read once, indexed by region.

This is the only module that reads the raw tables (``facts``, or ``standards`` in a database
without them, joined to ``documents``; see database/README.md); everything else in
``parameters`` works on :class:`Record` objects, and the calculators work only on resolved
parameters. Reading the facts, the parameters give the answers the web pages give.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from database import sqlite_utils

from .levels import zip_levels
from .regions import Regions

_TARGET_GROUPS = Path(__file__).resolve().parent.parent / "extractors" / "data" / "target_groups.yaml"


class DatabaseError(ValueError):
    """The database file is missing or does not have the tables this package reads."""


def to_date(value) -> date | None:
    """``2015`` / ``2019-11`` / ``2020-07-01`` (or a date) -> the first day it denotes."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)[:10]
    parts = text.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError) as e:
        raise ValueError(f"bad date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD") from e


def _json_list(value) -> list:
    if not value:
        return []
    if isinstance(value, list):
        return value
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return [value]
    return loaded if isinstance(loaded, list) else [loaded]


@dataclass(frozen=True)
class Record:
    """One standards row with what resolution needs from its document."""

    id: str
    adcode: str
    region: str | None
    program: str
    area: str
    variant: str | None
    metric: str
    value: float
    unit: str
    quote: str
    value_max: float | None = None
    period: str | None = None
    period_start: date | None = None
    status: str = "in_force"
    basis: str | None = None
    unit_inferred: bool = False
    target_groups: tuple = ()
    document_id: str | None = None
    file: str | None = None
    title: str | None = None
    doc_numbers: tuple = ()
    published: date | None = None
    derived: bool = False       # read off a dated previous value (由…提高至), not stated for its period
    bound: str | None = None    # min (不低于) / max (不高于)
    ambiguous: str | None = None    # why the value cannot be given a level (levels.py)
    home: str | None = None     # the document's home region code (the parent of an uncoded group)

    @property
    def since(self) -> date | None:
        """The first day the record can be in force: its period, else its document's date."""
        return self.period_start or self.published

    def in_force(self, at: date, include_targets: bool = False) -> bool:
        # A target is a plan: never in force unless asked for, and then only from the period it names.
        if self.status != "in_force":
            start = self.period_start if include_targets else None
        else:
            start = self.since
        return start is not None and start <= at


@dataclass
class Store:
    records: list[Record]
    regions: Regions
    path: str | None = None
    by_region: dict = field(default_factory=dict)
    target_groups: dict = field(default_factory=dict)   # code -> Chinese name (分类施保 groups)

    def __post_init__(self):
        index = defaultdict(list)
        for r in self.records:
            index[r.adcode].append(r)
        self.by_region = dict(index)

    def at(self, code: str) -> list[Record]:
        return self.by_region.get(code, [])


def load(db) -> Store:
    """A :class:`Store` from a database path, a ``sqlite_utils.Database`` or a Store."""
    if isinstance(db, Store):
        return db
    path = None
    if isinstance(db, (str, Path)):
        path = str(db)
        if not Path(path).is_file():
            raise DatabaseError(f"{path}: no such database file (build one with `doudi build`)")
        db = sqlite_utils.Database(path)
    tables = set(db.table_names())
    if "standards" not in tables or "documents" not in tables:
        raise DatabaseError(f"{path or 'database'}: no standards/documents tables (build it with `doudi build`)")
    if "facts" in tables:  # the facts the web shows too: copies counted once, dated previous values
        rows = db.query(
            "select f.*, f.valid_from as period_start, d.title as doc_title, d.doc_numbers as doc_doc_numbers, "
            "d.published as doc_published, d.name as doc_name, d.home_adcode as doc_home from facts f "
            "left join documents d on d.id = f.document_id where f.adcode is not null or d.home_adcode is not null"
        )
    else:  # a database of standards alone (older builds, hand-made test databases)
        rows = db.query(
            "select s.*, d.title as doc_title, d.doc_numbers as doc_doc_numbers, d.published as doc_published, "
            "d.name as doc_name, d.home_adcode as doc_home from standards s left join documents d "
            "on d.id = s.document_id where (s.adcode is not null or d.home_adcode is not null) and s.value is not null"
        )
    records = zip_levels([_record(row) for row in rows if row.get("adcode") or row.get("region")])
    region_rows = list(db["regions"].rows) if "regions" in tables else []
    doc_rows = list(db.query("select home_adcode, home_region from documents where home_adcode is not null"))
    regions = Regions.build(
        region_rows=region_rows,
        named=[(r.adcode, r.region) for r in records] + [(d["home_adcode"], d["home_region"]) for d in doc_rows],
    )
    regions.add_groups([(r.adcode, r.home) for r in records if r.adcode == r.region])
    return Store(records, regions, path, target_groups=_target_groups(db, tables))


def _target_groups(db, tables) -> dict[str, str]:
    if "target_groups" in tables:
        return {row["code"]: row.get("zh") or row["code"] for row in db["target_groups"].rows}
    # a database without the table (hand-made for tests): the lexicon the build would have stored
    lexicon = yaml.safe_load(_TARGET_GROUPS.read_text("utf-8"))
    return {code: entry.get("zh", code) for code, entry in lexicon.items()}


def _record(row: dict) -> Record:
    # An uncoded group (都匀经济开发区) is keyed by its written name; its document's home is its parent.
    code = row["adcode"] or row.get("region")
    return Record(
        id=str(row["id"]), adcode=str(code), region=row.get("region"), program=row["program"],
        area=row.get("area") or "all", variant=row.get("variant"), metric=row["metric"],
        value=float(row["value"]), unit=row["unit"], quote=row.get("quote") or "",
        value_max=row.get("value_max"), period=row.get("period"),
        period_start=to_date(row.get("period_start") or row.get("period")),
        status=row.get("status") or "in_force", basis=row.get("basis"),
        unit_inferred=bool(row.get("unit_inferred")), target_groups=tuple(_json_list(row.get("target_groups"))),
        document_id=row.get("document_id"), file=row.get("doc_name") or row.get("source"),
        title=row.get("doc_title"), doc_numbers=tuple(_json_list(row.get("doc_doc_numbers"))),
        published=_safe_date(row.get("doc_published")), derived=bool(row.get("derived")),
        bound=row.get("bound"), home=row.get("doc_home"),
    )


def _safe_date(value) -> date | None:
    try:
        return to_date(value)
    except ValueError:
        return None
