"""Content groups, facts, their history and time in force, on the bundled corpus; the web's
in-force answer against `doudi params`; spreadsheet exports."""
import io
import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline.history import previous_date
from database.labels import code
from test_datasette import site  # noqa: F401 - the same built corpus served in-process


def test_copies_of_one_content_are_one_group(site):
    path, _ = site
    db = sqlite_utils.Database(path)
    group = {r["name"]: r["content_id"] for r in db.query(
        "select d.name, c.content_id from document_contents c join documents d on d.id = c.document_id")}
    report = {group[f"qiannan-2015-social-assistance-report.{x}"] for x in ("txt", "pdf", "docx")}
    table = {group[f"qiannan-2015-dibao-standards-by-county.{x}"] for x in ("csv", "xlsx")}
    assert len(report) == 1 and len(table) == 1 and report != table
    assert group["hezhou-2020-13th-five-year-summary.txt"] == group["hezhou-2020-13th-five-year-summary.gbk.txt"]
    assert group["national-2020-social-assistance-news.txt"] not in report | table


def test_each_fact_once_with_its_sources(site):
    path, _ = site
    db = sqlite_utils.Database(path)
    keys = [(f["adcode"] or f["region"], f["program"], f["area"], f["variant"], f["metric"], f["unit"],
             f["period"], f["status"], f["value"], f["value_max"]) for f in db["facts"].rows]
    assert len(keys) == len(set(keys))
    for f in db["facts"].rows:  # sources = distinct contents among the supporting standards
        contents = {r["content_id"] for r in db.query(
            "select content_id from fact_standards where fact_id = ?", [f["id"]])}
        assert f["sources"] == len(contents) >= 1
    duyun = list(db.query("select * from facts where adcode = '522701' and program = 'dibao' and area = 'rural'"))
    assert [(f["value"], f["sources"], f["standards"]) for f in duyun] == [(2640.0, 2, 5)]


def test_previous_values_become_dated_points():
    text = "城乡低保保障标准由“十二五”期末的每人每月360元和200元,提高至2022年的每人每月750元和433元。"
    start = text.index("提高至")
    assert previous_date(text, start, len(text), 360, 2022) == "2015"
    assert previous_date(text, start, len(text), 200, 2022) == "2015"
    text = "农村低保标准由上年的每人每年3000元提高到3300元"
    assert previous_date(text, text.index("提高到"), len(text), 3000, 2019) == "2018"
    text = "城市低保标准由450元提高到480元"
    assert previous_date(text, 0, len(text), 450, 2019) is None  # the text does not date it


def test_history_ends_each_value_at_the_next(site):
    path, _ = site
    db = sqlite_utils.Database(path)
    rows = list(db.query("select * from facts where adcode = '451100' and program = 'dibao' and area = 'urban' "
                         "and metric = 'standard' order by valid_from"))
    assert [(r["value"], r["valid_from"], r["valid_to"], r["derived"]) for r in rows] == [
        (360.0, "2015-01-01", "2022-01-01", 1), (750.0, "2022-01-01", None, 0)]


def test_researchers_words_are_codes(site):
    db = sqlite_utils.Database(site[0])
    assert code("programs", "低保") == code("programs", "dibao") == "dibao"
    assert code("areas", "农村") == "rural" and code("areas", "城乡") == "all"
    assert code("programs", "火星") is None

    def codes(name):
        return [r["code"] for r in db.query("select code from region_names where name = ?", [name])]
    assert codes("黔南州") == codes("522700") == codes("黔南布依族苗族自治州") == ["522700"]
    assert codes("都匀") == codes("都匀市") == ["522701"]


def _params_json(db, as_of):
    from doudi.cli import main

    result = CliRunner().invoke(main, ["params", "--db", str(db), "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout if hasattr(result, "stdout") else result.output)


@pytest.mark.parametrize("as_of", ["2015-12-01", "2020-12-31", "2023-06-30"])
def test_web_and_params_agree_at_a_date(site, as_of):
    path, get = site
    cli = _params_json(path, as_of)
    web = get(f"/doudi/-/in-force?date={as_of}&_format=json").json()
    assert web["error"] is None and web["rows"]
    fields = ("region_code", "program", "area", "variant", "metric", "value", "value_max", "unit", "since",
              "resolution", "stale")
    want = sorted((tuple(p[f] for f in fields) for p in cli), key=repr)
    got = sorted((tuple(r[f] for f in fields) for r in web["rows"]), key=repr)
    assert got == want
    # the page a person reads shows the same table
    html = get(f"/doudi/-/in-force?date={as_of}").text
    assert html.count("<tr>") == len(want) + 1


@pytest.mark.parametrize("as_of", ["2015-12-01", "2023-06-30"])
def test_in_force_range_lookup_agrees_with_params_on_own_values(site, as_of):
    """The fact a region's own parameter rests on is one the range lookup finds in force."""
    path, get = site
    own = [p for p in _params_json(path, as_of) if p["resolution"] == "own"]
    rows = get(f"/doudi/standards_in_force.json?date={as_of}&_shape=array&_size=max").json()
    assert own and len(rows) < 1000  # not cut by the query's limit
    in_force = {r["fact_id"] for r in rows}
    assert all(p["source"]["record_id"] in in_force for p in own if p["source"]["status"] == "in_force")


def test_exports_for_spreadsheets(site, tmp_path):
    from doudi.cli import main
    from openpyxl import load_workbook

    path, get = site
    csv_bom = CliRunner().invoke(main, ["export", "standards", "--db", str(path), "--format", "csv", "--bom",
                                        "-o", str(tmp_path / "s.csv")])
    assert csv_bom.exit_code == 0, csv_bom.output
    raw = (tmp_path / "s.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "都匀市" in raw.decode("utf-8-sig")
    plain = CliRunner().invoke(main, ["export", "standards", "--db", str(path), "--format", "csv"])
    assert not plain.output.startswith("\ufeff")
    out = CliRunner().invoke(main, ["export", "standards", "--db", str(path), "--format", "xlsx", "-o", str(tmp_path / "s.xlsx")])
    assert out.exit_code == 0, out.output
    sheet = load_workbook(tmp_path / "s.xlsx").active
    assert sheet.max_row == sqlite_utils.Database(path)["standards"].count + 1
    # the web: ?_bom=1 on any CSV, .xlsx beside .json
    with_bom = get("/doudi/facts.csv?_bom=1").content
    without = get("/doudi/facts.csv").content
    assert with_bom.startswith(b"\xef\xbb\xbf") and with_bom[3:] == without and not without.startswith(b"\xef\xbb\xbf")
    xlsx = get("/doudi/facts.xlsx?_size=max")
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "id" and len(rows) - 1 == sqlite_utils.Database(path)["facts"].count
    assert "CSV (Excel / WPS)" in get("/doudi/facts").text


def test_pages_answer(site):
    path, get = site
    db = sqlite_utils.Database(path)
    doc = next(db.query("select document_id from standards limit 1"))["document_id"]
    assert get(f"/doudi/-/document/{doc}").status_code == 200
    assert get("/doudi/-/document/nosuch").status_code == 404
    nothing = get("/doudi/-/history?region=%E7%81%AB%E6%98%9F&program=dibao&area=rural").text
    assert "Nothing matches" in nothing
    assert "svg" in get("/doudi/-/map?program=dibao&area=rural&date=2016-01-01").text
