"""The database build: schema and constraints, Chinese search, safe and incremental builds,
curator overrides, bad input and export, on the bundled corpus."""
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

import pipeline.build as build_mod
from database.store import Writer
from pipeline import build_database, default_inputs, input_files
from database.export import records
from database.overrides import OverrideError
from database.search import index_text, match_query
from database.store import period_start
from schemas import Standard, Statistic, validate_standard
from schemas.records import CHECK_FIELDS, CONTRACT_FIELDS

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "text"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "doudi.db"
    report = build_database(None, path)
    return path, report


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def small_corpus(tmp_path, names=("qiannan-2015-social-assistance-report.txt",
                                  "hezhou-2020-13th-five-year-summary.txt",
                                  "national-2020-social-assistance-news.txt")):
    d = tmp_path / "in"
    d.mkdir()
    for n in names:
        shutil.copy(TEXT / n, d / n)
    return d


ROW_TABLES = ("documents", "standards", "statistics", "checks", "document_target_groups",
              "standard_target_groups", "regions", "target_groups", "overrides", "ingest_errors",
              "document_contents", "facts", "fact_standards", "region_names")
WORDS = ("低保", "特困供养", "孤儿", "临时救助", "标准", "元", "2015")


def dump(path) -> dict:
    """Every row of every table (in primary-key order: how a build got there is not compared,
    nor the build time) and what full-text search finds for a few words."""
    db = sqlite_utils.Database(path)
    out = {}
    for table in ROW_TABLES:
        rows = [{k: v for k, v in r.items() if k not in ("ingested_at", "at")}
                for r in db.query(f"select * from [{table}]")]
        out[table] = sorted(rows, key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True))
    for table in ("documents", "standards"):
        for w in WORDS:
            out[f"{table}_fts {w}"] = sorted(r[0] for r in db.execute(
                f"select t.id from {table}_fts f join {table} t on t.rowid = f.rowid "
                f"where {table}_fts match ?", [match_query(w)]))
    db.close()
    return out


def table_rows(path, table):
    db = sqlite_utils.Database(path)
    rows = list(db.query(f"select * from [{table}] order by rowid"))
    db.close()
    return rows


# --- schema -------------------------------------------------------------------------------

def test_schema_holds_every_record_field(corpus_db):
    db = sqlite_utils.Database(corpus_db[0])
    standard_fields = {f.name for f in fields(Standard)} - {"provenance"}
    assert set(Standard("s", None, None, "dibao", "all", None, "standard", 1, "ratio", "q").to_row()) \
        <= set(db["standards"].columns_dict)
    assert standard_fields | {"id", "document_id", "period_start", "override"} <= set(db["standards"].columns_dict)
    assert set(Statistic("s", "q", 1, "person").to_row()) | {"id"} <= set(db["statistics"].columns_dict)
    assert set(CHECK_FIELDS) | {"id", "document_id", "start", "end"} <= set(db["checks"].columns_dict)
    assert {"code", "name", "short_name", "level", "parent", "longitude", "latitude"} <= set(db["regions"].columns_dict)
    fks = {(fk.column, fk.other_table) for fk in db["standards"].foreign_keys}
    assert {("document_id", "documents"), ("adcode", "regions"), ("program", "programs")} <= fks
    assert list(db.execute("PRAGMA foreign_key_check")) == []


@pytest.mark.parametrize("change", [{"program": "welfare"}, {"value": -1.0}, {"area": "suburban"},
                                    {"unit": "yuan"}, {"status": "maybe"}, {"quote": None}])
def test_constraints_refuse_bad_rows(corpus_db, tmp_path, change):
    path = tmp_path / "copy.db"
    shutil.copy(corpus_db[0], path)
    db = sqlite_utils.Database(path)
    row = next(db.query("select * from standards limit 1"))
    row.update(change, id="new-row")
    with pytest.raises(sqlite3.IntegrityError):
        db["standards"].insert(row)


def test_rows_written_unchecked_are_checked_once_at_the_end(corpus_db, tmp_path):
    from database.store import unchecked

    path = tmp_path / "copy.db"
    shutil.copy(corpus_db[0], path)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    row = next(db.query("select * from standards limit 1"))
    with unchecked(db, "standards"):
        db["standards"].insert(dict(row, id="still-fine"))
    with pytest.raises(sqlite3.IntegrityError, match="standards"):
        with unchecked(db, "standards"):
            db["standards"].insert(dict(row, id="orphan", document_id="no-such-document"))
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # checked one by one again
    doc = row["document_id"]
    with pytest.raises(sqlite3.IntegrityError, match="standards.document_id points at deleted documents"):
        with unchecked(db, deleted={"documents": f"SELECT '{doc}'"}):
            db.execute("DELETE FROM documents WHERE id = ?", [doc])  # its standards still point at it


def test_indexes_cover_what_queries_filter_by(corpus_db):
    db = sqlite_utils.Database(corpus_db[0])
    indexed = {tuple(i.columns)[0] for i in db["standards"].indexes}
    assert {"program", "adcode", "period_start", "document_id", "metric"} <= indexed


def test_period_start():
    assert period_start("2015") == "2015-01-01"
    assert period_start("2019-11") == "2019-11-01"
    assert period_start("2020-07-15") == "2020-07-15"
    assert period_start(None) is None


# --- the corpus build ---------------------------------------------------------------------

def test_corpus_builds_every_document(corpus_db):
    path, report = corpus_db
    assert report.ok, report.errors
    files = input_files(default_inputs())
    db = sqlite_utils.Database(path)
    assert db["documents"].count == report.documents == len(files)
    assert {r["name"] for r in db.query("select name from documents")} == {f.name for f in files}
    assert db["ingest_errors"].count == 0
    assert not any("bad" == f.parent.name for f in files)  # the broken fixtures are not published


def test_stored_standards_are_valid_and_dated(corpus_db):
    db = sqlite_utils.Database(corpus_db[0])
    rows = list(db.query("select * from standards"))
    for r in rows:
        validate_standard(r)
        assert r["period_start"] == period_start(r["period"])
        assert r["source"] == db["documents"].get(r["document_id"])["name"]


def test_same_input_gives_same_rows(tmp_path):
    src = small_corpus(tmp_path)
    build_database([src], tmp_path / "a.db")
    build_database([src], tmp_path / "b.db")
    for table in ("documents", "standards", "statistics", "checks", "document_target_groups"):
        a, b = table_rows(tmp_path / "a.db", table), table_rows(tmp_path / "b.db", table)
        for r in a + b:
            r.pop("ingested_at", None)
        assert a == b, table


# --- Chinese search -----------------------------------------------------------------------

def test_index_text_spells_han_runs_as_bigrams():
    assert index_text("城乡低保标准") == "城乡 乡低 低保 保标 标准 准"
    assert index_text("2640元/年") == "2640 元 / 年"


def test_match_query_rewrites_like_the_index():
    assert match_query("低保") == '"低保"'
    assert match_query("特困供养") == '"特困 困供 供养"'
    assert match_query("孤") == '"孤"*'
    assert match_query('dibao OR "x') == '"dibao" "OR" "x"'


def _fts_names(db, query):
    return {r["name"] for r in db.query(
        "select d.name from documents_fts f join documents d on d.rowid = f.rowid "
        "where documents_fts match ?", [match_query(query)])}


@pytest.mark.parametrize("query", ["低保", "孤儿", "特困供养", "临时救助", "五保"])
def test_document_search_finds_exactly_the_documents_holding_the_words(corpus_db, query):
    db = sqlite_utils.Database(corpus_db[0])
    expected = {r["name"] for r in db.query("select name from documents where instr(text, ?) > 0", [query])}
    assert expected  # the corpus has each of these words
    assert _fts_names(db, query) == expected


def test_search_for_dibao_finds_the_seed_documents(corpus_db):
    db = sqlite_utils.Database(corpus_db[0])
    assert {p.name for p in TEXT.glob("*.txt")} <= _fts_names(db, "低保")


def test_quote_search(corpus_db):
    db = sqlite_utils.Database(corpus_db[0])
    found = {r["id"] for r in db.query(
        "select s.id from standards_fts f join standards s on s.rowid = f.rowid "
        "where standards_fts match ?", [match_query("低保标准")])}
    expected = {r["id"] for r in db.query("select id from standards where instr(quote, '低保标准') > 0")}
    assert found == expected and found


# --- safe builds --------------------------------------------------------------------------

def test_a_failing_build_leaves_the_previous_database(tmp_path, monkeypatch):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    before = sha(target)
    calls = []
    real_add = Writer.add

    def failing_add(self, rows):
        calls.append(rows)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        real_add(self, rows)

    monkeypatch.setattr(Writer, "add", failing_add)
    monkeypatch.setattr(build_mod, "_pipeline", "another-version")  # forces a full rebuild
    with pytest.raises(RuntimeError):
        build_database([src], target)
    assert sha(target) == before
    assert sqlite_utils.Database(target)["documents"].count == 3
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


KILLED_BUILD = """
import sys, time
import extractors, pipeline.build as b
real = extractors.extract
def slow(doc):
    time.sleep(1.0)
    return real(doc)
extractors.extract = slow
b._pipeline = "slow-version"
b.build_database([sys.argv[1]], sys.argv[2])
"""


def test_killing_a_build_midway_leaves_the_previous_database(tmp_path):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    before = sha(target)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(src), str(target)])
    deadline = time.time() + 60
    while not any(".tmp-" in p.name for p in tmp_path.iterdir()):  # the new file is being written
        assert proc.poll() is None and time.time() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert sha(target) == before
    db = sqlite3.connect(target)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from documents").fetchone()[0] == 3
    # the killed build's half-written file is swept by the next build, which leaves none of its own
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
    build_database([src], target)
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def test_incremental_build_extracts_only_changed_files(tmp_path, monkeypatch):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    first = build_database([src], target)
    assert first.extracted == 3
    old_ids = {r["id"] for r in table_rows(target, "documents")}

    import extractors
    seen = []
    real = extractors.extract
    monkeypatch.setattr(extractors, "extract", lambda doc: seen.append(doc.name) or real(doc))
    changed = src / "hezhou-2020-13th-five-year-summary.txt"
    changed.write_text(changed.read_text("utf-8") + "\n临时救助标准为每人每次500元。\n", "utf-8")
    second = build_database([src], target)
    assert seen == [changed.name]
    assert (second.extracted, second.reused, second.incremental) == (1, 2, True)
    new_ids = {r["id"] for r in table_rows(target, "documents")}
    assert len(new_ids) == 3 and len(new_ids - old_ids) == 1  # the old version is gone
    # an incremental build gives what a fresh one gives, search included
    build_database([src], tmp_path / "fresh.db")
    assert dump(target) == dump(tmp_path / "fresh.db")
    assert dump(target)["documents_fts 临时救助"]


def test_a_new_pipeline_version_extracts_everything_again(tmp_path, monkeypatch):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    monkeypatch.setattr(build_mod, "_pipeline", "next-version")
    assert build_database([src], target).extracted == 3


def test_the_pipeline_version_is_its_code_and_data_not_its_readmes(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "extractors").mkdir(parents=True)
    rules, readme = root / "extractors" / "rules.yaml", root / "extractors" / "README.md"
    rules.write_text("rules: []\n", "utf-8")
    readme.write_text("# the extractors\n", "utf-8")
    monkeypatch.setattr(build_mod, "ROOT", root)

    def version():
        monkeypatch.setattr(build_mod, "_pipeline", None)
        return build_mod.pipeline_version()

    first = version()
    readme.write_text("# the extractors, explained better\n", "utf-8")
    assert version() == first  # a documentation edit rebuilds nothing
    rules.write_text("rules: [{id: x}]\n", "utf-8")
    assert version() != first


# --- overrides ----------------------------------------------------------------------------

def _write_overrides(path, text):
    path.write_text(text, "utf-8")
    return path


OVERRIDES = """
- id: fix-duyun-value
  action: fix
  who: 测试员
  why: a test correction
  match: {source: qiannan-2015-social-assistance-report.txt, adcode: 522701, program: dibao, area: rural}
  set: {value: 2700}
- id: drop-national
  action: drop
  who: 测试员
  why: a test removal
  match: {source: national-2020-social-assistance-news.txt}
- id: add-missed
  action: add
  who: 测试员
  why: a test addition
  record: {source: qiannan-2015-social-assistance-report.txt, region: 黔南布依族苗族自治州, adcode: 522700,
           program: tekun, area: rural, variant: centralized, metric: standard, value: 3500,
           unit: yuan/person/year, period: 2015, status: in_force,
           quote: 全州集中供养对象提高到3500元/年}
- id: matches-nothing
  action: drop
  who: 测试员
  why: shows up as a warning
  match: {source: no-such-file.txt}
"""


def test_overrides_fix_drop_add_and_survive_rebuilds(tmp_path):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    ov = _write_overrides(tmp_path / "overrides.yaml", OVERRIDES)
    plain = tmp_path / "plain.db"
    build_database([src], plain)
    assert sqlite_utils.Database(plain)["standards"].count_where(
        "source = 'national-2020-social-assistance-news.txt'") > 0
    for _ in range(2):  # the second build is incremental: overrides must still hold
        report = build_database([src], target, overrides=ov)
        db = sqlite_utils.Database(target)
        duyun = list(db.query("select value, override from standards where adcode = '522701' "
                              "and program = 'dibao' and area = 'rural'"))
        assert duyun and all(r == {"value": 2700.0, "override": "fix-duyun-value"} for r in duyun)
        assert db["standards"].count_where("source = 'national-2020-social-assistance-news.txt'") == 0
        added = list(db.query("select * from standards where override = 'add-missed'"))
        assert len(added) == 1 and added[0]["value"] == 3500 and added[0]["start"] is not None
        doc_text = db["documents"].get(added[0]["document_id"])["text"]
        assert doc_text[added[0]["start"]:added[0]["end"]] == added[0]["quote"]
        matched = {r["id"]: r["matched"] for r in db.query("select id, matched from overrides")}
        assert matched["matches-nothing"] == 0 and matched["add-missed"] == 1 and matched["drop-national"] > 0
        assert report.warnings == ["override matches-nothing: matched no record"]
        db.close()
    # without the overrides file the extracted values come back
    build_database([src], target)
    db = sqlite_utils.Database(target)
    assert db["standards"].count_where("override is not null") == 0
    assert table_rows(target, "standards") == table_rows(plain, "standards")


@pytest.mark.parametrize("text,message", [
    ("- {id: x, action: fix, who: a, match: {program: dibao}, set: {value: 1}}", "missing 'why'"),
    ("- {id: x, action: rename, who: a, why: b}", "action must be"),
    ("- {id: x, action: fix, who: a, why: b, match: {program: dibao}, set: {value: -5}}", None),
    ("- {id: x, action: add, who: a, why: b, record: {source: a.txt, program: nope}}", "unknown program"),
])
def test_bad_overrides_stop_the_build_before_anything_changes(tmp_path, text, message):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    before = sha(target)
    with pytest.raises(OverrideError, match=message):
        build_database([src], target, overrides=_write_overrides(tmp_path / "o.yaml", text))
    assert sha(target) == before


# --- bad input ----------------------------------------------------------------------------

def test_bad_files_are_reported_and_recorded_and_the_run_goes_on(tmp_path):
    bad = sorted((ROOT / "corpus" / "bad").iterdir())
    assert bad
    src = small_corpus(tmp_path)
    result = CliRunner().invoke(_cli("build"), [str(src), *map(str, bad), str(tmp_path / "missing.txt"),
                                                "--db", str(tmp_path / "doudi.db")])
    assert result.exit_code == 1
    lines = [l for l in result.stderr.splitlines() if l.startswith("error: ")]
    assert len(lines) == len(bad) + 1
    for f in bad:
        assert sum(line.startswith(f"error: {f}: ") and len(line) > len(f"error: {f}: ") for line in lines) == 1
    db = sqlite_utils.Database(tmp_path / "doudi.db")
    assert {r["path"] for r in db.query("select path from ingest_errors")} == \
        {str(f) for f in bad} | {str(tmp_path / "missing.txt")}
    assert db["documents"].count == 3
    assert "3 documents" in result.stderr.splitlines()[-1] and f"{len(bad) + 1} errors" in result.stderr


def test_a_thousand_files_with_a_few_broken_ones(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(997):
        (src / f"{i:04d}.txt").write_text(f"第{i}号通知\n城市低保标准提高到每人每月{400 + i}元。\n", "utf-8")
    (src / "0100-empty.txt").write_bytes(b"")
    (src / "0200-binary.pdf").write_bytes(bytes(range(256)) * 4)
    (src / "0300-notes.rtf").write_text("{\\rtf1 x}", "utf-8")
    result = CliRunner().invoke(_cli("build"), [str(src), "--db", str(tmp_path / "doudi.db")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [l for l in lines if l.startswith("error: ")] == [
        f"error: {src / '0100-empty.txt'}: empty file (0 bytes)",
        *[l for l in lines if l.startswith(f"error: {src / '0200-binary.pdf'}: ")],
        f"error: {src / '0300-notes.rtf'}: unsupported file type '.rtf'"]
    assert all(l.startswith(("error: ", "warning: ")) for l in lines[:-1])  # no progress bar in logs
    db = sqlite_utils.Database(tmp_path / "doudi.db")
    assert db["documents"].count == 997 and db["ingest_errors"].count == 3


def _cli(name):
    import database.cli
    import pipeline.cli

    return getattr(pipeline.cli if name == "build" else database.cli, name)


def test_build_without_paths_builds_the_bundled_corpus_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(_cli("build"), ["--db", "out.db"])
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(tmp_path / "out.db")["documents"].count == len(input_files(default_inputs()))


# --- export -------------------------------------------------------------------------------

def test_export_standards_follow_the_record_contract(corpus_db, tmp_path):
    out = tmp_path / "standards.jsonl"
    result = CliRunner().invoke(_cli("export"), ["standards", "--db", str(corpus_db[0]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text("utf-8").splitlines()
    recs = [json.loads(line) for line in lines]
    assert len(recs) == sqlite_utils.Database(corpus_db[0])["standards"].count
    assert all(tuple(r) == CONTRACT_FIELDS for r in recs)
    for r in recs:
        validate_standard(r)
    again = CliRunner().invoke(_cli("export"), ["standards", "--db", str(corpus_db[0])])
    assert again.output.splitlines() == lines  # stable order


def test_export_csv_and_checks(corpus_db):
    result = CliRunner().invoke(_cli("export"), ["checks", "--db", str(corpus_db[0]), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == ",".join(CHECK_FIELDS)
    for rec in records(corpus_db[0], "checks"):
        assert isinstance(rec["inputs"], dict)


def test_a_running_build_keeps_its_half_written_file(tmp_path):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    running = tmp_path / f"doudi.db.tmp-{os.getpid()}-abc"  # this process is alive
    running.write_bytes(b"")
    dead = tmp_path / "doudi.db.tmp-999999999-abc"            # no such process
    dead.write_bytes(b"")
    build_database([src], target)
    assert running.exists() and not dead.exists()
