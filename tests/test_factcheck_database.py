"""Stated standards against other documents' rows in the database."""
from types import SimpleNamespace

import sqlite_utils

import ingest
from factcheck import check
from schemas import Provenance, Standard, validate_check


def _row(id, doc, source, value, period="2016"):
    return {"id": id, "document_id": doc, "source": source, "adcode": "340100", "program": "dibao",
            "area": "urban", "variant": None, "metric": "standard", "unit": "yuan/person/month",
            "period": period, "value": value, "quote": "q"}


def test_against_database_names_agreeing_and_disagreeing_sources(tmp_path):
    db = sqlite_utils.Database(tmp_path / "t.db")
    db["standards"].insert_all([_row("a", "d1", "a.txt", 480), _row("b", "d2", "b.txt", 450),
                                _row("c", "d3", "c.txt", 520, period="2017")], pk="id")
    p = tmp_path / "report.txt"
    p.write_text("城市低保标准由450元提高到480元。", encoding="utf-8")
    doc = ingest.load(p)
    s = doc.text.index("480")
    st = Standard("report.txt", "合肥市", "340100", "dibao", "urban", None, "standard", 480,
                  "yuan/person/month", "提高到480元", period="2016", provenance=Provenance(start=s, end=s + 4))
    got = [c for c in check(SimpleNamespace(document=doc, standards=[st]), db=tmp_path / "t.db")
           if c.kind == "against_database"]
    assert len(got) == 1
    c = validate_check(got[0])
    assert c.verdict == "consistent"
    assert [r["record"] for r in c.inputs["agreeing"]] == ["a"]
    assert [r["source"] for r in c.inputs["disagreeing"]] == ["b.txt"]
    assert "a.txt (480)" in c.explanation and "b.txt (450)" in c.explanation

    st.value = 500  # no other source says 500 for 2016
    c = [c for c in check(SimpleNamespace(document=doc, standards=[st]), db=db) if c.kind == "against_database"][0]
    assert c.verdict == "inconsistent" and c.recomputed in (480, 450)
