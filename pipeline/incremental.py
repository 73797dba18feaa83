"""What an incremental build derives again: the content groups and fact series that rest on the
documents it deletes, writes, or whose standards curator overrides may change (pipeline/build.py);
the rest of the previous database's stays, and the result is what a build from nothing gives."""
from __future__ import annotations

from database.store import temp_ids


def forget(db, gone: str) -> dict[str, str]:
    """Before the documents ``gone`` (SQL of their ids) leave an incremental build: take out the
    content groups and facts that rest on them (kept documents' facts stay); returns the other
    members of their content groups, {document id: content id}, to group again."""
    from database import content, facts

    regroup = content.forget(db, gone)
    facts.begin(db)
    facts.forget(db, f"s.document_id IN ({gone})")
    facts.forget(db, f"s.document_id IN ({temp_ids(db, 'regroup', regroup)})", changed=False)
    facts.forget_contents(db, gone)
    return regroup


def update(db, signatures, written: set, reach: set, regroup: dict, regions: dict, dated) -> None:
    """The content groups and facts of an incremental build: only those of the documents written,
    of the groups they join or leave, and of the series their standards (or those overrides may
    have changed, of the documents ``reach``) belong to; the result is what a build from nothing
    gives."""
    from database import content, facts

    moved = content.update(db, signatures, written, regroup)
    facts.forget(db, f"s.document_id IN ({temp_ids(db, 'moved', moved)})", changed=False)
    now = dict(db.execute("SELECT code, name FROM regions"))
    renamed = {c for c in regions.keys() | now.keys() if regions.get(c) != now.get(c)}
    facts.forget(db, f"s.adcode IN ({temp_ids(db, 'renamed', renamed)})", changed=False)
    facts.update(db, dated, f"s.document_id IN ({temp_ids(db, 'written', written | reach)})")


def clear(db, remove) -> tuple[dict, dict]:
    """Take the removed documents' rows out of a copy of the previous database; return its region
    names and the content groups to regroup (:func:`forget`)."""
    from database import schema
    from database.store import delete_documents, drop_unused_codes, unchecked

    schema.keep_search_in_step(db)
    regions = dict(db.execute("SELECT code, name FROM regions"))
    gone = temp_ids(db, "gone", remove)
    regroup = forget(db, gone)
    # what pointed at these rows is gone (forget): unchecked, deleting a standard would scan
    # facts and fact_standards (no index on their standard and content ids) once per row
    db.execute("DROP TABLE IF EXISTS temp.gone_standards")
    db.execute(f"CREATE TEMP TABLE gone_standards AS SELECT id FROM standards WHERE document_id IN ({gone})")
    with unchecked(db, deleted={"documents": gone, "standards": "SELECT id FROM temp.gone_standards"}):
        delete_documents(db, remove)
    db.execute("DELETE FROM overrides")  # applied afresh below, to pristine rows
    db.execute("DELETE FROM ingest_errors")
    drop_unused_codes(db)
    return regions, regroup
