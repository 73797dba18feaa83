"""Rows for one document: what the pipeline produced, as the database stores it.

:func:`rows_for` turns a Document and its Extraction (plus checks) into plain dicts with stable ids;
:func:`write` inserts them. The build caches the same dicts (``extraction_cache``), so a document
copied from the previous database goes through exactly the code a fresh one does.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlite_utils

from schemas import ValidationError, validate_check, validate_standard


def stable_id(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


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
    r["period_start"] = period_start(r.get("period"))
    r["year"] = int(r["period"][:4]) if r.get("period") else None
    r.setdefault("override", None)
    r["id"] = stable_id(document_id, r.get("start"), r.get("end"), r["program"], r["area"],
                        r.get("variant"), r["metric"], r["value"], r.get("value_max"), r["unit"],
                        r.get("period"), r.get("adcode") or r.get("region"))
    return r


def _name_code(region) -> tuple[str | None, str | None]:
    if region is None:
        return None, None
    if isinstance(region, str):
        return region, None
    if isinstance(region, dict):
        return region.get("name"), region.get("code") or region.get("adcode")
    return (getattr(region, "name", None) or str(region),
            getattr(region, "code", None) or getattr(region, "adcode", None))


@dataclass
class Rows:
    """Everything one document contributes to the database."""

    document: dict
    standards: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # target groups the document mentions
    invalid: list[str] = field(default_factory=list)  # why records were not stored

    def to_json(self) -> str:
        d = {k: getattr(self, k) for k in ("standards", "statistics", "checks", "groups")}
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, document: dict, data: str) -> "Rows":
        return cls(document=document, **json.loads(data))


def rows_for(doc, extraction, checks=(), source: str | None = None) -> Rows:
    """Validate and convert one document's extraction; invalid records are listed, not kept."""
    home_name, home_code = _name_code(getattr(extraction, "home_region", None))
    document = {
        "id": doc.id, "source": source or doc.source, "name": doc.name, "format": doc.format,
        "title": doc.title, "kind": doc.kind, "url": doc.url, "published": doc.published,
        "issuers": json.dumps(doc.issuers or [], ensure_ascii=False),
        "doc_numbers": json.dumps(doc.doc_numbers or [], ensure_ascii=False),
        "home_region": home_name, "home_adcode": home_code, "encoding": doc.encoding,
        "pages": doc.pages, "text": doc.text,
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    out = Rows(document=document)
    seen = set()
    for s in extraction.standards:
        try:
            validate_standard(s)
        except ValidationError as e:
            out.invalid.append(f"invalid standard ({e}): {s.quote[:40]!r}")
            continue
        row = standard_row(s.to_row(), doc.id, doc.name)
        if row["id"] not in seen:
            seen.add(row["id"])
            out.standards.append(row)
    for st in extraction.statistics:
        row = st.to_row()
        row.update(document_id=doc.id, source=row.get("source") or doc.name)
        row["id"] = stable_id(doc.id, row.get("start"), row.get("end"), row["value"], row["unit"],
                              row.get("what"), row.get("period"))
        if row["id"] not in seen:
            seen.add(row["id"])
            out.statistics.append(row)
    for c in checks:
        try:
            validate_check(c)
        except ValidationError as e:
            out.invalid.append(f"invalid check ({e}): {c.quote[:40]!r}")
            continue
        row = c.to_contract()
        row.update(document_id=doc.id, source=row.get("source") or doc.name,
                   inputs=json.dumps(row["inputs"], ensure_ascii=False, default=str),
                   start=c.provenance.start, end=c.provenance.end)
        row["id"] = stable_id(doc.id, row["start"], row["end"], row["kind"], row["stated"], row["quote"])
        if row["id"] not in seen:
            seen.add(row["id"])
            out.checks.append(row)
    groups = {getattr(m, "group", None) for m in getattr(extraction, "target_groups", None) or []}
    groups |= {g for s in out.standards for g in json.loads(s["target_groups"])}
    out.groups = sorted(g for g in groups if g)
    return out


def ensure_codes(db: sqlite_utils.Database, table: str, codes: dict) -> None:
    """Add vocabulary/region rows for codes the records use but the lexicons lack.

    Keeps foreign keys valid: a region code a document uses stays in the database, named as the
    document names it (``level`` stays null: we only know what the document says).
    """
    pk = "code"
    have = {r[0] for r in db.execute(f"SELECT {pk} FROM [{table}] WHERE {pk} IN "
                                     f"({','.join('?' * len(codes))})", list(codes))} if codes else set()
    missing = [{"code": c, **extra} for c, extra in codes.items() if c not in have]
    if missing:
        db[table].insert_all(missing)


def write(db: sqlite_utils.Database, rows: Rows) -> None:
    regions = {}
    for r in [rows.document] + rows.standards + rows.statistics:
        code = r.get("home_adcode") if r is rows.document else r.get("adcode")
        name = r.get("home_region") if r is rows.document else r.get("region")
        if code:
            regions.setdefault(code, {"name": name or code})
    ensure_codes(db, "regions", regions)
    ensure_codes(db, "target_groups", {g: {} for g in rows.groups})
    db["documents"].insert(rows.document)
    db["standards"].insert_all(rows.standards)
    db["statistics"].insert_all(rows.statistics)
    db["checks"].insert_all(rows.checks)
    db["document_target_groups"].insert_all({"document_id": rows.document["id"], "group": g}
                                            for g in rows.groups)
    db["standard_target_groups"].insert_all({"standard_id": s["id"], "group": g}
                                            for s in rows.standards for g in dict.fromkeys(json.loads(s["target_groups"])))
