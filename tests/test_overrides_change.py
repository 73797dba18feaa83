"""Overrides that notice change (issue 18): a fix whose records now say something else is
reported and not applied, editing it accepts the change, and an add must quote its document."""
from __future__ import annotations

import sqlite_utils

from conftest import CORPUS
from pipeline import build_database

NAME = "qiannan-2015-social-assistance-report.txt"
FIX = """
- id: fix-duyun-rural
  action: fix
  who: 测试员
  why: {why}
  match: {{source: {name}, adcode: "522701", program: dibao, area: rural}}
  set: {{value: 2700}}
"""
ADD = """
- id: add-invented
  action: add
  who: 测试员
  why: a record the text does not hold
  record: {{source: {name}, region: 都匀市, adcode: "522701", program: tekun, area: rural,
           variant: centralized, metric: standard, value: 9999, unit: yuan/person/year, period: "2015",
           quote: 都匀市集中供养标准为9999元/年}}
"""


def _rural(db_path):
    db = sqlite_utils.Database(db_path)
    try:
        return sorted((r["value"], r["override"]) for r in db.query(
            "select value, override from standards where adcode = '522701' and program = 'dibao' and area = 'rural'"))
    finally:
        db.close()


def test_a_fix_whose_record_changed_is_reported_not_applied(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    doc = src / NAME
    text = (CORPUS / "text" / NAME).read_text("utf-8")
    assert "2640元/年" in text
    doc.write_text(text, "utf-8")
    ov = tmp_path / "overrides.yaml"
    ov.write_text(FIX.format(why="the text says 2700", name=NAME), "utf-8")
    db = tmp_path / "doudi.db"

    report = build_database([src], db, overrides=ov)
    assert report.warnings == [] and _rural(db) and all(v == (2700, "fix-duyun-rural") for v in _rural(db))

    doc.write_text(text.replace("2640元/年", "2800元/年"), "utf-8")  # the document was revised
    for _ in range(2):  # and stays reported on every build until the override is edited
        report = build_database([src], db, overrides=ov)
        assert report.warnings == ["override fix-duyun-rural: its records changed since it was written "
                                   "(value 2640 -> 2800): not applied; check it and edit it to accept"]
        assert all(v == (2800, None) for v in _rural(db))
        row = sqlite_utils.Database(db)["overrides"].get("fix-duyun-rural")
        assert row["matched"] == 0 and "2640 -> 2800" in row["stale"]

    ov.write_text(FIX.format(why="checked again, 2700 still right", name=NAME), "utf-8")  # the curator's answer
    report = build_database([src], db, overrides=ov)
    assert report.warnings == [] and all(v == (2700, "fix-duyun-rural") for v in _rural(db))


def test_an_add_whose_quote_is_not_in_the_document_is_refused(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / NAME).write_bytes((CORPUS / "text" / NAME).read_bytes())
    ov = tmp_path / "overrides.yaml"
    ov.write_text(ADD.format(name=NAME), "utf-8")
    db = tmp_path / "doudi.db"
    report = build_database([src], db, overrides=ov)
    assert report.warnings == [f"override add-invented: its quote is not in {NAME}: not added"]
    conn = sqlite_utils.Database(db)
    assert conn["standards"].count_where("value = 9999") == 0
    assert conn["overrides"].get("add-invented")["matched"] == 0
