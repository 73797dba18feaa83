"""One document's extraction and checks as the plain rows the database stores.

Each record is converted once (``to_row()`` reads its fields, no deep copy) and validated once:
the extractor validates every standard it keeps (the ones it refuses come back in
``Extraction.rejected``), so only checks are validated here.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from database.store import Rows, stable_id, standard_row
from schemas import ValidationError, validate_check


def _name_code(region) -> tuple[str | None, str | None]:
    if region is None:
        return None, None
    if isinstance(region, str):
        return region, None
    if isinstance(region, dict):
        return region.get("name"), region.get("code") or region.get("adcode")
    return (getattr(region, "name", None) or str(region),
            getattr(region, "code", None) or getattr(region, "adcode", None))


def document_row(doc, extraction, source: str) -> dict:
    home_name, home_code = _name_code(getattr(extraction, "home_region", None))
    return {
        "id": doc.id, "source": source, "name": doc.name, "format": doc.format,
        "title": doc.title, "kind": doc.kind, "url": doc.url, "published": doc.published,
        "issuers": json.dumps(doc.issuers or [], ensure_ascii=False),
        "doc_numbers": json.dumps(doc.doc_numbers or [], ensure_ascii=False),
        "home_region": home_name, "home_adcode": home_code, "encoding": doc.encoding,
        "pages": doc.pages, "text": doc.text,
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rules_fired": json.dumps(dict(sorted((getattr(extraction, "fired", None) or {}).items()))),
    }


def rows_for(doc, extraction, checks=(), source: str | None = None) -> Rows:
    """The rows of one document; records that are invalid or repeat another are not kept."""
    out = Rows(document=document_row(doc, extraction, source or doc.source))
    out.invalid = [f"invalid standard ({why}): {rec.quote[:40]!r}"
                   for rec, why in getattr(extraction, "rejected", None) or ()]
    seen = set()

    def keep(table, row):
        if row["id"] not in seen:
            seen.add(row["id"])
            table.append(row)

    for s in extraction.standards:
        keep(out.standards, standard_row(s.to_row(), doc.id, doc.name))
    for st in extraction.statistics:
        row = st.to_row()
        row.update(document_id=doc.id, source=row.get("source") or doc.name, rules=json.dumps(row.get("rules") or []))
        row["id"] = stable_id(doc.id, row.get("start"), row.get("end"), row["value"], row["unit"],
                              row.get("what"), row.get("period"))
        keep(out.statistics, row)
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
        keep(out.checks, row)
    groups = {getattr(m, "group", None) for m in getattr(extraction, "target_groups", None) or []}
    groups |= {g for s in out.standards for g in json.loads(s["target_groups"])}
    out.groups = sorted(g for g in groups if g)
    return out
