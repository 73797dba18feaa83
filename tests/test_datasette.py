"""The published database: Datasette in-process over a database built from corpus/, with the
metadata and plugins `doudi serve` uses."""
import asyncio
import re
from urllib.parse import quote

import pytest
import sqlite_utils

from pipeline import build_database
from pipeline import default_inputs, input_files
from database.publish import datasette, metadata

SAMPLE_PARAMS = {
    "standard_history": {"region": "都匀市", "program": "dibao", "area": "rural"},
    "standards_in_force": {"date": "2020-12-31"},
    "fact_conflicts": {"program": "低保"},
    "regions_compared": {"program": "dibao", "year": "2015"},
    "documents_for_target_group": {"group": "orphan"},
    "search": {"q": "低保"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "doudi.db"
    assert build_database(None, path).ok
    ds = datasette(path)

    def get(url):
        async def go():
            await ds.invoke_startup()
            return await ds.client.get(url)
        return asyncio.run(go())

    return path, get


def q(params):
    return "&".join(f"{k}={quote(str(v))}" for k, v in params.items())


def test_every_table_and_view_answers(site):
    path, get = site
    db = sqlite_utils.Database(path)
    names = db.table_names() + db.view_names()
    assert {"documents", "standards", "statistics", "checks", "regions", "programs", "metrics", "units",
            "target_groups", "document_target_groups", "standard_target_groups", "ingest_errors",
            "overrides", "standards_by_region", "inconsistent_checks"} <= set(names)
    for name in names:
        for url in (f"/doudi/{name}", f"/doudi/{name}.json?_size=5"):
            assert get(url).status_code == 200, url


def test_every_canned_query_answers(site):
    _, get = site
    queries = metadata("doudi.db")["databases"]["doudi"]["queries"]
    assert set(queries) == set(SAMPLE_PARAMS)
    for name, params in SAMPLE_PARAMS.items():
        for url in (f"/doudi/{name}?{q(params)}", f"/doudi/{name}.json?{q(params)}"):
            assert get(url).status_code == 200, url


def test_canned_queries_hide_their_sql_even_in_the_title(site):
    _, get = site
    queries = metadata("doudi.db")["databases"]["doudi"]["queries"]
    for name, params in SAMPLE_PARAMS.items():
        html = get(f"/doudi/{name}?{q(params)}").text
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert title.strip() == f"doudi: {queries[name]['title']}", (name, title)
        assert queries[name]["hide_sql"] and 'id="sql-editor"' not in html
    # a query of one's own is still titled by its SQL
    assert "select 1" in re.search(r"<title>(.*?)</title>", get("/doudi?sql=select+1").text, re.S).group(1)


def test_record_row_pages_link_to_their_document_and_quote(site):
    path, get = site
    db = sqlite_utils.Database(path)
    fact = next(db.query("select f.id, f.standard_id, f.document_id, d.title, d.name from facts f "
                         "join documents d on d.id = f.document_id where d.title is not null limit 1"))
    html = get(f"/doudi/facts/{fact['id']}").text
    links = re.search(r'<p class="doudi-record-links">(.*?)</p>', html, re.S).group(1)
    assert f'class="doudi-document" href="/doudi/-/document/{fact["document_id"]}">{fact["title"]}</a>' in links
    assert f'class="doudi-quote" href="/doudi/-/document/{fact["document_id"]}#r-{fact["standard_id"]}"' in links
    assert f'href="/doudi/standards/{fact["standard_id"]}"' in links
    # the anchor it points at sits in the document page, on the standard's highlight
    page = get(f"/doudi/-/document/{fact['document_id']}").text
    assert re.search(rf'<span id="r-{fact["standard_id"]}"></span>(?:<span id="r-[0-9a-f]+"></span>)*'
                     rf'<a class="record[^"]*" data-records="[^"]*{fact["standard_id"]}', page)
    for table in ("standards", "statistics", "checks"):
        r = next(db.query(f"select id, document_id from {table} limit 1"))
        links = re.search(r'<p class="doudi-record-links">(.*?)</p>', get(f"/doudi/{table}/{r['id']}").text, re.S)
        assert links and f'href="/doudi/-/document/{r["document_id"]}#r-{r["id"]}"' in links.group(1), table
    assert "doudi-record-links" not in get("/doudi/regions/522701").text


def test_search_box_finds_the_seed_documents(site):
    _, get = site
    rows = get("/doudi/documents.json?_search=" + quote("低保") + "&_shape=array&_col=name&_size=max").json()
    seeds = {p.name for p in input_files(default_inputs()) if p.parent.name == "text"}
    assert seeds <= {r["name"] for r in rows}


@pytest.mark.parametrize("word", ["孤儿", "特困供养"])
def test_search_box_matches_exactly_the_documents_with_the_word(site, word):
    path, get = site
    rows = get(f"/doudi/documents.json?_search={quote(word)}&_shape=array&_col=name&_size=max").json()
    expected = {r["name"] for r in sqlite_utils.Database(path).query(
        "select name from documents where instr(text, ?) > 0", [word])}
    assert expected and {r["name"] for r in rows} == expected


def test_search_canned_query_finds_documents_and_quotes(site):
    _, get = site
    rows = get("/doudi/search.json?q=" + quote("低保标准") + "&_shape=array").json()
    kinds = {r["found_in"] for r in rows}
    assert kinds == {"document", "standard"}
    assert all("低保标准" in r["quote"] for r in rows if r["found_in"] == "standard")


def test_latin_and_digit_search_still_works(site):
    path, get = site
    rows = get("/doudi/standards.json?_search=2640&_shape=array&_col=quote&_size=max").json()
    expected = sqlite_utils.Database(path)["standards"].count_where("quote like '%2640%'")
    assert rows and len(rows) == expected


def test_history_of_duyun_rural_dibao(site):
    _, get = site
    rows = get("/doudi/standard_history.json?" + q(SAMPLE_PARAMS["standard_history"]) + "&_shape=array").json()
    hits = [r for r in rows if r["value"] == 2640]
    # the report (txt, pdf, docx: one content) and the county table (csv, xlsx: another) say it:
    # one fact, two independent sources, five standards behind it
    assert len(hits) == 1 and hits[0]["region"] == "都匀市" and hits[0]["sources"] == 2
    assert hits[0]["单位"] == "元/人·年" and "2640" in hits[0]["quote"]
    assert len({(r["valid_from"], r["指标"], r["单位"]) for r in rows}) == len(rows)  # one point per period
    # the same history by code, by short name and with Chinese labels
    for region, program, area in (("522701", "dibao", "rural"), ("都匀", "低保", "农村"), ("都匀市", "最低生活保障", "rural")):
        again = get(f"/doudi/standard_history.json?region={quote(region)}&program={quote(program)}"
                    f"&area={quote(area)}&_shape=array").json()
        assert [r["fact_id"] for r in again] == [r["fact_id"] for r in rows]


def test_query_results_link_to_their_documents(site):
    path, get = site
    html = get("/doudi/search?q=" + quote("低保")).text
    # views count a content once: they show its primary copy's rows
    doc_id = next(sqlite_utils.Database(path).query(
        "select content_id from document_contents join standards s on s.document_id = content_id"))["content_id"]
    assert re.search(r'<a href="/doudi/documents/[0-9a-f]{16}">', html)
    assert f'href="/doudi/documents/{doc_id}"' in get("/doudi/standards_by_region?_size=max").text


def test_foreign_keys_show_labels(site):
    path, get = site
    doc = next(sqlite_utils.Database(path).query(
        "select d.id, d.title from documents d join standards s on s.document_id = d.id "
        "where d.title is not null limit 1"))
    row = get(f"/doudi/standards.json?_labels=on&_shape=array&_size=1&document_id={doc['id']}").json()[0]
    assert row["document_id"] == {"value": doc["id"], "label": doc["title"]}
    assert row["program"]["label"]  # the program's Chinese name
    html = get("/doudi/regions?parent=522700").text
    assert "黔南布依族苗族自治州" in html


def test_metadata_describes_every_column_and_table(site):
    path, get = site
    meta = metadata(path)
    assert meta["license"] and meta["source"] and "CC BY 4.0" in meta["license"]
    tables = meta["databases"]["doudi"]["tables"]
    db = sqlite_utils.Database(path)
    for name in db.table_names() + db.view_names():
        if name.endswith("_fts") or "_fts_" in name or name.startswith("sqlite_"):
            continue  # full-text and SQLite internals, hidden by Datasette
        assert name in tables, name
        assert tables[name].get("description") and tables[name].get("source"), name
        columns = [c.name for c in db[name].columns]
        assert set(columns) <= set(tables[name].get("columns", {})), name
    assert tables["regions"]["label_column"] == "name" and tables["documents"]["label_column"] == "title"


def test_facets(site):
    _, get = site
    data = get("/doudi/standards_by_region.json?_size=0").json()
    assert {"项目", "城乡", "指标", "region_level", "year"} <= {f for f in data["facet_results"]}
    labels = {r["value"] for r in data["facet_results"]["项目"]["results"]}
    assert "最低生活保障(低保)" in labels  # Chinese labels, not codes
    facts = get("/doudi/facts.json?_size=0&_labels=on").json()
    assert {"program", "area", "metric", "status"} <= set(facts["facet_results"])
    assert any(r["label"] == "最低生活保障(低保)" for r in facts["facet_results"]["program"]["results"])


def test_standards_facet_by_the_rules_that_made_them(site):
    _, get = site
    data = get("/doudi/standards.json?_size=0").json()
    rules = {r["value"]: r["count"] for r in data["facet_results"]["rules"]["results"]}
    assert rules.get("standard.money", 0) > 100 and "region.context" in rules
    one = get("/doudi/standards.json?_size=5&_shape=objects&rules__arraycontains=metric.national_average").json()
    assert one["rows"] and all("metric.national_average" in r["rules"] for r in one["rows"])


def test_chart_and_map_plugins_are_on_the_pages(site):
    _, get = site
    history = get("/doudi/standard_history?" + q(SAMPLE_PARAMS["standard_history"])).text
    assert "datasette_vega" in history
    assert "datasette-cluster-map" in get("/doudi/standards_by_region").text
    assert "datasette-cluster-map" in get("/doudi/regions_compared?" + q(SAMPLE_PARAMS["regions_compared"])).text


def test_served_read_only(site):
    _, get = site
    data = get("/-/databases.json").json()
    assert [(d["name"], d["is_mutable"]) for d in data] == [("doudi", False)]


def test_metadata_follows_the_database_name(tmp_path):
    meta = metadata(tmp_path / "other.db")
    assert list(meta["databases"]) == ["other"]
    assert "/other/-/history" in meta["description_html"] and "/other/standards_in_force" in meta["description_html"]


@pytest.mark.parametrize("date", ["2015-06-30", "2020-12-31", "2024-01-01"])
def test_standards_in_force_picks_the_latest_value_by_the_date(site, date):
    path, get = site
    series = {}
    for f in sqlite_utils.Database(path).query(
            "select * from facts where status = 'in_force' and valid_from <= ?", [date]):
        series.setdefault(f["series"], []).append(f)
    expected = set()
    for members in series.values():  # the latest start on or before the date; all values given for it
        latest = max(f["valid_from"] for f in members)
        expected |= {f["id"] for f in members if f["valid_from"] == latest}
    rows = get(f"/doudi/standards_in_force.json?date={date}&_shape=array&_size=max").json()
    assert rows and {r["fact_id"] for r in rows} == expected
    assert all(r["stale"] == (r["age_days"] > 730) for r in rows)


def test_in_force_keeps_ranges_conflicts_and_takes_labels(site):
    path, get = site
    db = sqlite_utils.Database(path)
    ranged = next(db.query("select * from facts where value_max is not null and valid_from is not null"), None)
    if ranged:
        rows = get(f"/doudi/standards_in_force.json?date={ranged['valid_from']}&_shape=array&_size=max").json()
        assert any(r["fact_id"] == ranged["id"] and r["value_max"] == ranged["value_max"] for r in rows)
    by_code = get("/doudi/standards_in_force.json?date=2016-01-01&region=522700&program=dibao&_shape=array").json()
    by_name = get("/doudi/standards_in_force.json?date=2016-01-01&region=" + quote("黔南州")
                  + "&program=" + quote("低保") + "&_shape=array").json()
    assert by_code and by_name == by_code
    html = get("/doudi/standards_in_force?date=2016-01-01&region=" + quote("火星") + "&program=dibao").text
    # no rows: the page says so in words (its script, run by the browser test), the SQL is hidden
    assert 'class="zero-results"' in html and "Nothing matches" in html
    assert "<textarea" not in html and "show-hide-sql" in html


def test_documents_for_a_target_group_by_code_or_chinese_name(site):
    path, get = site
    db = sqlite_utils.Database(path)
    expected = {r["document_id"] for r in db.query(
        "select document_id from document_target_groups where [group] = 'orphan' union "
        "select s.document_id from standards s join standard_target_groups g on g.standard_id = s.id "
        "where g.[group] = 'orphan'")}
    by_code = get("/doudi/documents_for_target_group.json?group=orphan&_shape=array").json()
    by_name = get("/doudi/documents_for_target_group.json?group=" + quote("孤儿") + "&_shape=array").json()
    assert expected and {r["document_id"] for r in by_code} == expected
    assert by_name == by_code


def test_regions_compared_lists_one_programs_year(site):
    path, get = site
    rows = get("/doudi/regions_compared.json?program=dibao&year=2015&_shape=array&_size=max").json()
    db = sqlite_utils.Database(path)
    expected = db["facts"].count_where("program = 'dibao' and year = 2015")
    assert rows and len(rows) == expected  # each fact once, however many copies state it
    assert expected < db["standards"].count_where("program = 'dibao' and year = 2015")
    assert all(r["period"].startswith("2015") for r in rows)
