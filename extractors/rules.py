"""The rule registry (rules.yaml): every rule of the extractor with the fact it states, where it
acts and its examples; and how often each fires in a built database.

Imports only yaml and sqlite3, so ``doudi rules`` starts at once.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY = Path(__file__).with_name("rules.yaml")
ACTS_ON = ("records", "statistics", "figures", "home")


@dataclass(frozen=True)
class Rule:
    id: str
    states: str
    where: str
    acts_on: str
    examples: tuple = field(default=())
    # a declarative rule (rules.yaml's vocabulary): its stage, condition, exception and decision;
    # a rule without `when` is code acting under its id
    stage: str | None = None
    when: object = None
    unless: object = None
    then: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """id -> Rule, in the registry's order."""
    out = {}
    for raw in yaml.safe_load(REGISTRY.read_text("utf-8")):
        rule = Rule(raw["id"], raw["states"], raw["in"], raw["acts_on"], tuple(raw.get("examples") or ()),
                    raw.get("stage"), raw.get("when"), raw.get("unless"), raw.get("then") or {})
        if rule.id in out or rule.acts_on not in ACTS_ON:
            raise ValueError(f"{REGISTRY.name}: rule {rule.id!r} is listed twice or acts on {rule.acts_on!r}")
        out[rule.id] = rule
    return out


@lru_cache(maxsize=None)
def chain(stage: str) -> tuple[Rule, ...]:
    """The declarative rules of one stage, in the registry's order (the order they are asked in)."""
    return tuple(r for r in rules().values() if r.stage == stage)


@dataclass
class Usage:
    documents: int = 0
    records: int = 0  # records made (standards, statistics), or figures and records kept out


def usage(db_path: str) -> dict[str, Usage]:
    """rule id -> the documents and records it fires on in the database at ``db_path``."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        out: dict[str, Usage] = {}
        for table in ("standards", "statistics"):
            for rid, n, docs in con.execute(
                    f"SELECT j.value, count(*), count(DISTINCT t.document_id) FROM [{table}] t, "
                    f"json_each(t.rules) j GROUP BY j.value"):
                u = out.setdefault(rid, Usage())
                u.records += n
                u.documents = max(u.documents, docs)
        for rid, n, docs in con.execute(
                "SELECT j.key, sum(j.value), count(*) FROM documents d, json_each(d.rules_fired) j GROUP BY j.key"):
            u = out.setdefault(rid, Usage())
            u.records += n
            u.documents = max(u.documents, docs)
        return out
    finally:
        con.close()


def report(db_path: str | None = None) -> list[dict]:
    """One row per rule: its id, what it acts on, the fact, and (with a database) where it fires,
    with a flag for the rules that fire in one document only or none."""
    counts = usage(db_path) if db_path else {}
    rows = []
    for r in rules().values():
        row = {"id": r.id, "acts_on": r.acts_on, "states": r.states, "in": r.where}
        if db_path:
            u = counts.get(r.id, Usage())
            counted = r.acts_on != "home"  # the home region is a document's, not a record's
            row.update(documents=u.documents if counted else None, records=u.records if counted else None,
                       flag=("" if not counted else "never fires" if not u.documents
                             else "one document only" if u.documents == 1 else ""))
        rows.append(row)
    return rows


def as_json(rows) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
