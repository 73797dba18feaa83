"""Stated standards against independent documents in the database (made-up places and figures)."""
from types import SimpleNamespace

import pytest
import sqlite_utils

import ingest
from factcheck import check
from factcheck.database import content_groups, overlaps
from schemas import Provenance, Standard, validate_check

TEXT = "东湖县城市低保标准由每人每月610元提高到650元,增长6.6%。"


def _row(id, doc, value, period="2021", adcode="340121", metric="standard", previous=None, unit="yuan/person/month"):
    return {"id": id, "document_id": doc, "source": f"{doc}.txt", "adcode": adcode, "program": "dibao",
            "area": "urban", "variant": None, "metric": metric, "unit": unit, "period": period,
            "value": value, "previous": previous, "quote": f"{doc} 说 {value}元"}


def _db(tmp_path, rows, texts):
    db = sqlite_utils.Database(tmp_path / "t.db")
    db["documents"].insert_all([{"id": i, "name": f"{i}.txt", "text": t} for i, t in texts.items()], pk="id")
    db["standards"].insert_all(rows, pk="id")
    return db


def _checks(tmp_path, db, value=650, period="2021-01-01", previous=610, text=TEXT):
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    doc = ingest.load(p)
    s = doc.text.index(str(value))
    st = Standard("report.txt", "东湖县", "340121", "dibao", "urban", None, "standard", value, "yuan/person/month",
                  doc.text[:s + 4], period=period, previous=previous, provenance=Provenance(start=0, end=s + 4))
    out = [c for c in check(SimpleNamespace(document=doc, standards=[st]), db=db) if c.kind == "against_database"]
    for c in out:
        validate_check(c)
    return doc, out


def test_periods_overlap_rather_than_equal():
    assert overlaps("2021", "2021-01-01") and overlaps("2021-07", "2021-07-01")
    assert not overlaps("2021-01-01", "2021-07-01") and not overlaps("2020", "2021-01-01") and not overlaps(None, "2021")


def test_a_year_covers_an_effective_date_and_agreement_names_its_sources(tmp_path):
    db = _db(tmp_path, [_row("a", "d1", 650), _row("b", "d2", 640), _row("c", "d3", 700, period="2022")],
             {"d1": "甲文本", "d2": "乙文本", "d3": "丙文本"})
    _, got = _checks(tmp_path, db)
    same = [c for c in got if "agrees" in c.explanation or "differs" in c.explanation]
    assert len(same) == 1 and same[0].verdict == "consistent"
    assert [r["record"] for r in same[0].inputs["agreeing"]] == ["a"]
    assert [r["source"] for r in same[0].inputs["disagreeing"]] == ["d2.txt"]  # 2022 is another period
    _, got = _checks(tmp_path, db, value=660, text=TEXT.replace("650", "660"))
    c = next(c for c in got if "differs" in c.explanation)
    assert c.verdict == "inconsistent" and c.severity


def test_copies_are_not_independent_sources(tmp_path):
    doc_text = ingest.load(_write(tmp_path, TEXT)).text
    db = _db(tmp_path, [_row("a", "copy", 650)], {"copy": "转载:" + doc_text + "(来源:县政府网)"})
    p = tmp_path / "report.txt"
    doc = ingest.load(p)
    db["documents"].insert({"id": doc.id, "name": "report.txt", "text": doc.text})
    assert content_groups(db)["copy"] == content_groups(db)[doc.id]
    _, got = _checks(tmp_path, db)
    assert [c.verdict for c in got] == ["unverifiable"] and "no independent source" in got[0].explanation


def test_stated_previous_value_against_the_earlier_document(tmp_path):
    db = _db(tmp_path, [_row("old", "d1", 600, period="2020-01-01")], {"d1": "旧文本"})
    _, got = _checks(tmp_path, db)
    c = next(c for c in got if "earlier value" in c.explanation)
    assert c.verdict == "inconsistent" and c.stated == 610 and c.recomputed == 600
    db["standards"].update("old", {"value": 610})
    _, got = _checks(tmp_path, db)
    assert next(c for c in got if "earlier value" in c.explanation).verdict == "consistent"


def test_local_standard_against_the_provinces_floor(tmp_path):
    db = _db(tmp_path, [_row("f", "prov", 7920, period="2021", adcode="340000", metric="floor",
                             unit="yuan/person/year")], {"prov": "省文本"})
    _, got = _checks(tmp_path, db)  # 650 a month = 7800 a year < 7920
    c = next(c for c in got if "floor" in c.explanation)
    assert c.verdict == "inconsistent" and c.recomputed == pytest.approx(660)
    db["standards"].update("f", {"value": 7800})
    _, got = _checks(tmp_path, db)
    assert next(c for c in got if "floor" in c.explanation).verdict == "consistent"


def test_growth_against_a_base_in_another_document(tmp_path):
    text = "东湖县城市低保标准提高到每人每月650元,增幅6.6%。"
    db = _db(tmp_path, [_row("old", "d1", 610, period="2020")], {"d1": "旧文本"})
    doc, _ = _checks(tmp_path, db, previous=None, text=text)
    st = Standard("report.txt", "东湖县", "340121", "dibao", "urban", None, "standard", 650, "yuan/person/month",
                  text, period="2021-01-01", provenance=Provenance(start=0, end=doc.text.index("650") + 4))
    g = [c for c in check(SimpleNamespace(document=doc, standards=[st]), db=db) if c.kind == "growth"][0]
    assert g.verdict == "consistent" and g.inputs["from"]["source"] == "d1.txt"  # 40/610 = 6.56%
    db["standards"].update("old", {"value": 600})
    g = [c for c in check(SimpleNamespace(document=doc, standards=[st]), db=db) if c.kind == "growth"][0]
    assert g.verdict == "inconsistent" and g.recomputed == pytest.approx(8.33, abs=0.01)


def _write(tmp_path, text):
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    return p
