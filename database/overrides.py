"""Curator corrections, applied at the end of every build so they survive rebuilds.

``overrides.yaml`` is a list of corrections, each with an ``id``, ``who`` and ``why``::

    - id: duyun-2015-rural-value        # stable name; standards.override points at it
      action: fix                       # fix a value: records matching `match` get `set`
      who: 王芳
      why: the text says 2640元/年
      match: {source: report.txt, adcode: "522701", program: dibao, area: rural}
      set: {value: 2640}
    - id: drop-example
      action: drop                      # drop a false record
      who: ...
      why: ...
      match: {id: 0123456789abcdef}
    - id: add-example
      action: add                       # add a missed record (the record contract's fields)
      who: ...
      why: ...
      record: {source: report.txt, region: 都匀市, adcode: "522701", program: dibao, area: rural,
               metric: standard, value: 2640, unit: yuan/person/year, period: "2015",
               quote: 城乡低保标准分别为495元/月和2640元/年}

Every override is recorded in the ``overrides`` table with how many records it touched; one that
matches nothing is reported, since the text or the extractor may have changed under it.

A fix or drop also records what its records said (quote and value) before it changed them. When a
later build finds them saying something else (the document or the extractor changed), the
override is reported and not applied: its correction may no longer be right. Editing the override
accepts the records as they now are. An add whose quote is not in its document is refused.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from schemas import ValidationError, validate_standard
from schemas.records import CONTRACT_FIELDS

from . import sqlite_utils
from .store import period_start, standard_row

ACTIONS = ("fix", "drop", "add")
MATCHABLE = set(CONTRACT_FIELDS) | {"id", "document_id", "variant"}
SETTABLE = set(CONTRACT_FIELDS) - {"source"}


class OverrideError(ValueError):
    """A malformed override: the build stops and the previous database stays."""


def load(path) -> list[dict]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or []
    except (OSError, yaml.YAMLError) as e:
        raise OverrideError(f"{path}: cannot read overrides: {e}") from None
    if isinstance(data, dict):
        data = data.get("overrides") or []
    if not isinstance(data, list):
        raise OverrideError(f"{path}: expected a list of overrides")
    seen = set()
    for o in data:  # YAML reads 522701 and 2015 as numbers; codes and periods are text
        for part in (o.get("match"), o.get("set"), o.get("record")) if isinstance(o, dict) else ():
            if isinstance(part, dict):
                part.update({k: str(part[k]) for k in ("adcode", "period") if part.get(k) is not None})
    for n, o in enumerate(data, 1):
        where = f"{path}: override {o.get('id', n) if isinstance(o, dict) else n}"
        if not isinstance(o, dict):
            raise OverrideError(f"{where}: not a mapping")
        for key in ("id", "action", "who", "why"):
            if not o.get(key):
                raise OverrideError(f"{where}: missing {key!r}")
        if o["id"] in seen:
            raise OverrideError(f"{where}: duplicate id")
        seen.add(o["id"])
        if o["action"] not in ACTIONS:
            raise OverrideError(f"{where}: action must be one of {', '.join(ACTIONS)}")
        if o["action"] in ("fix", "drop"):
            match = o.get("match")
            if not isinstance(match, dict) or not match or set(match) - MATCHABLE:
                raise OverrideError(f"{where}: 'match' must map record fields ({', '.join(sorted(MATCHABLE))})")
        if o["action"] == "fix":
            if not isinstance(o.get("set"), dict) or not o["set"] or set(o["set"]) - SETTABLE:
                raise OverrideError(f"{where}: 'set' must map record fields to new values")
        if o["action"] == "add":
            if isinstance(o.get("record"), dict):
                o["record"].setdefault("status", "in_force")  # as schemas.Standard defaults it
            try:
                validate_standard(o.get("record") or {})
            except ValidationError as e:
                raise OverrideError(f"{where}: {e}") from None
    return data


def _where(match: dict) -> tuple[str, list]:
    clauses, params = [], []
    for k, v in match.items():
        if v is None:
            clauses.append(f"[{k}] IS NULL")
        else:
            clauses.append(f"[{k}] = ?")
            params.append(str(v) if k in ("adcode", "period") else v)
    return " AND ".join(clauses), params


def previous(db_path) -> dict[str, tuple[str, str]]:
    """{override id: (written, target)} as the last build at ``db_path`` recorded them."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT id, written, target FROM overrides WHERE written IS NOT NULL").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return {}  # no previous build, or one from before targets were recorded
    return {i: (w, t) for i, w, t in rows}


def _written(o: dict) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(o, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


def _target(db, o) -> str:
    where, params = _where(o["match"])
    rows = db.execute(f"SELECT quote, value FROM standards WHERE {where} ORDER BY quote, value", params)
    return json.dumps([list(r) for r in rows], ensure_ascii=False)


def _change(before: str, now: str) -> str:
    """What differs between two targets, in a few words."""
    old, new = json.loads(before), json.loads(now)
    values = sorted({v for _, v in old}), sorted({v for _, v in new})
    if values[0] != values[1]:
        return f"value {', '.join(map(_num, values[0])) or 'none'} -> {', '.join(map(_num, values[1])) or 'none'}"
    gone = next((q for q, _ in old if q not in {q for q, _ in new}), None)
    return f"quote {gone[:40]!r} no longer read" if gone else "its records differ"


def _num(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def apply(db: sqlite_utils.Database, overrides: list[dict], previous: dict | None = None) -> list[str]:
    """Apply overrides in order; return warnings (overrides that matched nothing, whose records
    changed since they were written, or whose quote is not in the document). ``previous``: what
    the last build recorded (:func:`previous`)."""
    warnings = []
    previous = previous or {}
    for o in overrides:
        written, target, stale = _written(o), None, None
        if o["action"] in ("fix", "drop"):
            target = _target(db, o)
            before = previous.get(o["id"])
            if before and before[0] == written and before[1] != target:
                if json.loads(target):
                    stale = f"its records changed since it was written ({_change(before[1], target)})"
                target = before[1]  # compared with what it was written for until it is edited
        db["overrides"].insert({
            "id": o["id"], "action": o["action"], "who": o["who"], "why": o["why"],
            "match": json.dumps(o.get("match"), ensure_ascii=False) if o.get("match") else None,
            "set": json.dumps(o.get("set"), ensure_ascii=False) if o.get("set") else None,
            "record": json.dumps(o.get("record"), ensure_ascii=False) if o.get("record") else None,
            "written": written, "target": target, "stale": stale})
        if stale:
            warnings.append(f"override {o['id']}: {stale}: not applied; check it and edit it to accept")
            continue
        n = {"fix": _fix, "drop": _drop, "add": _add}[o["action"]](db, o)
        db["overrides"].update(o["id"], {"matched": n or 0})
        if n is None:
            warnings.append(f"override {o['id']}: its quote is not in {o['record']['source']}: not added")
        elif not n:
            warnings.append(f"override {o['id']}: matched no record")
    return warnings


def reach(db: sqlite_utils.Database, overrides: list[dict]) -> set[str]:
    """The documents whose standards ``overrides`` may change: those a fix or drop matches, and
    those an add may add to (by name); what an incremental build derives from them is made again."""
    ids = set()
    for o in overrides:
        if o["action"] == "add":
            ids.update(r[0] for r in db.execute("SELECT id FROM documents WHERE name = ?", [o["record"]["source"]]))
        else:
            where, params = _where(o["match"])
            ids.update(r[0] for r in db.execute(f"SELECT DISTINCT document_id FROM standards WHERE {where}", params))
    return ids


def _fix(db, o) -> int:
    where, params = _where(o["match"])
    ids = [r[0] for r in db.execute(f"SELECT id FROM standards WHERE {where}", params)]
    for sid in ids:
        row = dict(db["standards"].get(sid))
        row.update(o["set"])
        try:
            validate_standard(row)
        except ValidationError as e:
            raise OverrideError(f"override {o['id']}: {e}") from None
        changes = dict(o["set"], override=o["id"])
        if "period" in o["set"]:
            changes.update(period_start=period_start(row["period"]),
                           year=int(str(row["period"])[:4]) if row["period"] else None)
        db["standards"].update(sid, changes)
    return len(ids)


def _drop(db, o) -> int:
    where, params = _where(o["match"])
    ids = [r[0] for r in db.execute(f"SELECT id FROM standards WHERE {where}", params)]
    for sid in ids:
        db.execute("DELETE FROM standard_target_groups WHERE standard_id = ?", [sid])
        db.execute("DELETE FROM standards WHERE id = ?", [sid])
    return len(ids)


def _add(db, o) -> int | None:
    rec = {k: o["record"].get(k) for k in CONTRACT_FIELDS}
    doc = next(db.query("SELECT id, text FROM documents WHERE name = ? ORDER BY id LIMIT 1",
                        [rec["source"]]), None)
    if doc is None:
        return 0
    start = doc["text"].find(rec["quote"])
    if start < 0:
        return None  # a record must stand on its quote
    rec.update(start=start, end=start + len(rec["quote"]), override=o["id"])
    row = standard_row(rec, doc["id"], rec["source"])
    if rec.get("adcode") and not db["regions"].count_where("code = ?", [rec["adcode"]]):
        db["regions"].insert({"code": rec["adcode"], "name": rec.get("region") or rec["adcode"]})
    db["standards"].insert(row, replace=True)
    return 1
