"""Building the database: workers and a Dask cluster give the database one process gives; safe,
additive and incremental builds; the cache beside the database; storage imports no analysis."""
import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from database.cache import path_for
from pipeline import build_database, run
from pipeline.cli import build as build_cmd
from test_database import dump, sha
from test_database import small_corpus as _small

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def small_corpus(where, **kw):
    where.mkdir(parents=True, exist_ok=True)
    return _small(where, **kw)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Eight documents of every format, and a database built from them by one process."""
    d = tmp_path_factory.mktemp("mixed")
    src = d / "in"
    src.mkdir()
    for f in sorted(p for sub in ("text", "docx", "pdf", "html", "tables") for p in (CORPUS / sub).iterdir()):
        shutil.copy(f, src / f.name)
    (src / "broken.pdf").write_bytes(b"not a pdf")
    one = d / "one.db"
    report = build_database([src], one, jobs=1)
    assert report.documents >= 8 and len(report.errors) == 1
    return src, one


def test_a_process_pool_writes_the_database_one_process_writes(mixed, tmp_path, monkeypatch):
    src, one = mixed
    monkeypatch.setattr(run, "IN_PROCESS_BELOW", 0)  # a pool even for these few files
    report = build_database([src], tmp_path / "two.db", jobs=2)
    assert report.extracted >= 8 and len(report.errors) == 1
    assert dump(tmp_path / "two.db") == dump(one)


def test_a_dask_cluster_writes_the_same_database(mixed, tmp_path):
    distributed = pytest.importorskip("distributed")  # a test extra: CI has it
    src, one = mixed
    # in-process workers on an in-process scheduler: no port is opened
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("inproc://")
        report = build_database([src], tmp_path / "dask.db", scheduler=cluster.scheduler_address)
    assert report.extracted >= 8 and len(report.errors) == 1
    assert dump(tmp_path / "dask.db") == dump(one)


def test_the_cache_lives_beside_the_database_not_in_it(mixed):
    src, one = mixed
    db = sqlite_utils.Database(one)
    assert not [t for t in db.table_names() if "cache" in t]
    cache = sqlite_utils.Database(path_for(one))
    assert cache["rows"].count == db["documents"].count


def test_a_rebuild_with_nothing_changed_extracts_nothing_and_keeps_every_row(mixed, tmp_path, monkeypatch):
    src, one = mixed
    target = tmp_path / "doudi.db"
    build_database([src], target)
    import extractors

    monkeypatch.setattr(extractors, "extract", lambda doc: pytest.fail(f"{doc.name} extracted again"))
    report = build_database([src], target)
    assert report.incremental and report.extracted == 0 and report.reused == report.documents
    assert dump(target) == dump(one)


def test_a_rebuild_with_nothing_to_do_leaves_the_file_as_it_is(tmp_path):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    first = build_database([src], target)
    before = sha(target)
    report = build_database([src], target)
    assert sha(target) == before  # not rewritten: no copy, no facts rebuilt
    assert (report.reused, report.extracted, report.standards) == (first.documents, 0, first.standards)



def test_a_rebuild_reads_no_file_whose_stat_is_unchanged(tmp_path, monkeypatch):
    from pipeline import plan

    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    read = []
    monkeypatch.setattr(plan, "file_id", lambda p, f=plan.file_id: read.append(p.name) or f(p))
    build_database([src], target)
    assert read == []
    touched = src / "hezhou-2020-13th-five-year-summary.txt"
    os.utime(touched)  # new times, same bytes: read again, and still the same document
    report = build_database([src], target)
    assert read == [touched.name] and report.extracted == 0


def test_a_file_rewritten_to_the_same_size_and_time_is_read_again(tmp_path):
    src = small_corpus(tmp_path, names=("qiannan-2015-social-assistance-report.txt",))
    target = tmp_path / "doudi.db"
    build_database([src], target)
    f = next(src.iterdir())
    st, data = f.stat(), f.read_bytes()
    f.write_bytes(data.replace("低保".encode(), "特困".encode(), 1))
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before: only ctime tells
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    report = build_database([src], target)
    assert report.extracted == 1
    build_database([src], tmp_path / "fresh.db")
    assert dump(target) == dump(tmp_path / "fresh.db")

def test_a_rebuild_with_other_overrides_applies_them(tmp_path):
    from test_database import OVERRIDES, _write_overrides

    src = small_corpus(tmp_path, names=("qiannan-2015-social-assistance-report.txt",))
    target = tmp_path / "doudi.db"
    build_database([src], target)
    ov = _write_overrides(tmp_path / "o.yaml", OVERRIDES)
    build_database([src], target, overrides=ov)  # same documents, but overrides now: not "nothing changed"
    fresh = tmp_path / "fresh.db"
    build_database([src], fresh, overrides=ov)
    assert dump(target) == dump(fresh) and sqlite_utils.Database(target)["overrides"].count


def test_a_database_the_cache_does_not_describe_is_rebuilt_from_the_cache(mixed, tmp_path):
    src, one = mixed
    target = tmp_path / "doudi.db"
    build_database([src], target)
    shutil.copy(one, target)  # another build's database under this cache
    report = build_database([src], target)
    assert not report.incremental and report.extracted == 0
    assert dump(target) == dump(one)


def test_removed_and_renamed_files_leave_the_database(tmp_path):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    (src / "national-2020-social-assistance-news.txt").unlink()
    (src / "hezhou-2020-13th-five-year-summary.txt").rename(src / "hezhou-renamed.txt")
    report = build_database([src], target)
    assert report.incremental and report.extracted == 0
    build_database([src], tmp_path / "fresh.db")
    assert dump(target) == dump(tmp_path / "fresh.db")
    assert {r["name"] for r in sqlite_utils.Database(target)["documents"].rows} == {
        "qiannan-2015-social-assistance-report.txt", "hezhou-renamed.txt"}


@pytest.mark.parametrize("inputs", [["missing.txt"], ["empty-dir"], ["bad"]])
def test_a_build_from_nothing_usable_leaves_the_database_as_it_was(tmp_path, inputs):
    src = small_corpus(tmp_path)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    before = sha(target)
    (tmp_path / "empty-dir").mkdir()
    paths = [str(CORPUS / "bad") if p == "bad" else str(tmp_path / p) for p in inputs]
    result = CliRunner().invoke(build_cmd, [*paths, "--db", str(target), "--no-overrides", "-j", "1"])
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert "left as it was" in last and ("no input files" in last or "input files gave a document" in last)
    assert sha(target) == before
    forced = CliRunner().invoke(build_cmd, [*paths, "--db", str(target), "--no-overrides", "-j", "1", "--force"])
    assert forced.exit_code == (0 if inputs == ["empty-dir"] else 1)
    assert sqlite_utils.Database(target)["documents"].count == 0


def test_add_puts_documents_beside_those_already_there(tmp_path, monkeypatch):
    src = small_corpus(tmp_path, names=("qiannan-2015-social-assistance-report.txt",))
    more = small_corpus(tmp_path / "more", names=("hezhou-2020-13th-five-year-summary.txt",
                                                  "national-2020-social-assistance-news.txt"))
    target = tmp_path / "doudi.db"
    build_database([src], target)
    shutil.rmtree(src)  # the documents already in the database need not be at hand
    seen = []
    import extractors

    real = extractors.extract
    monkeypatch.setattr(extractors, "extract", lambda doc: seen.append(doc.name) or real(doc))
    result = CliRunner().invoke(build_cmd, ["--add", *map(str, sorted(more.iterdir())), "--db", str(target),
                                            "--no-overrides", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(seen) == sorted(p.name for p in more.iterdir())
    again = CliRunner().invoke(build_cmd, ["--add", str(more / "national-2020-social-assistance-news.txt"),
                                           "--db", str(target), "--no-overrides", "-j", "1"])
    assert again.exit_code == 0 and "already in the database as" in again.stderr
    all_three = small_corpus(tmp_path / "all")
    build_database([all_three], tmp_path / "fresh.db")
    names = lambda p: sorted(r["name"] for r in sqlite_utils.Database(p)["documents"].rows)  # noqa: E731
    assert names(target) == names(tmp_path / "fresh.db")
    fresh, added = dump(tmp_path / "fresh.db"), dump(target)
    for d in (fresh, added):  # the same documents from other folders
        d["documents"] = [{k: v for k, v in r.items() if k != "source"} for r in d["documents"]]
    assert added == fresh


def test_overrides_survive_incremental_and_additive_builds(tmp_path):
    from test_database import OVERRIDES, _write_overrides

    src = small_corpus(tmp_path, names=("qiannan-2015-social-assistance-report.txt",
                                        "national-2020-social-assistance-news.txt"))
    more = small_corpus(tmp_path / "more", names=("hezhou-2020-13th-five-year-summary.txt",))
    ov = _write_overrides(tmp_path / "o.yaml", OVERRIDES)
    target = tmp_path / "doudi.db"
    build_database([src], target, overrides=ov)
    assert build_database([src], target, overrides=ov).incremental
    build_database(list(more.iterdir()), target, overrides=ov, add=True)
    fresh = tmp_path / "fresh.db"
    build_database([src, more], fresh, overrides=ov)
    a, b = dump(target), dump(fresh)
    for d in (a, b):
        d["documents"] = [{k: v for k, v in r.items() if k != "source"} for r in d["documents"]]
    assert a == b and any(r["override"] for r in a["standards"])


def test_an_incremental_build_changes_only_what_it_must_and_gives_what_a_fresh_build_gives(mixed, tmp_path):
    """Content groups and facts are made again only for the documents changed, deleted or added
    (and the groups and series they touch); the database is the one a build from nothing makes."""
    src = tmp_path / "in"
    shutil.copytree(mixed[0], src)
    target = tmp_path / "doudi.db"
    build_database([src], target)
    db = sqlite_utils.Database(target)
    report_group = {r[0] for r in db.execute(
        "select count(*) from document_contents group by content_id having count(*) > 1")}
    assert report_group  # the corpus holds copies of one content: a group to leave and join
    db.close()
    changed = src / "hezhou-2020-13th-five-year-summary.txt"
    changed.write_text(changed.read_text("utf-8") + "\n临时救助标准为每人每次500元。\n", "utf-8")
    (src / "qiannan-2015-social-assistance-report.pdf").unlink()  # a copy leaves its group
    copy = (CORPUS / "text" / "city-2016-civil-affairs-plan-traditional.txt").read_text("utf-8")
    (src / "city-copy.txt").write_text("转发：\n" + copy, "utf-8")  # a copy joins a group of two
    (src / "national-2020-social-assistance-news.txt").unlink()
    report = build_database([src], target)
    assert report.incremental and report.extracted == 2
    build_database([src], tmp_path / "fresh.db")
    assert dump(target) == dump(tmp_path / "fresh.db")
    db = sqlite_utils.Database(target)
    group = {r["name"]: r["content_id"] for r in db.query(
        "select d.name, c.content_id from document_contents c join documents d on d.id = c.document_id")}
    assert group["city-copy.txt"] == group["city-2016-civil-affairs-plan-traditional.big5.txt"]
    assert db.execute("select count(*) from fact_standards fs left join standards s on s.id = fs.standard_id "
                      "where s.id is null").fetchone()[0] == 0


def test_an_incremental_build_leaves_the_facts_that_did_not_change_as_they_were(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for year, value in ((2015, 300), (2018, 400), (2020, 500)):  # one series, three documents
        (src / f"{year}.txt").write_text(f"贺州市民政局\n{year}年，贺州市城乡低保标准为每人每月{value}元。\n", "utf-8")
    (src / "others.txt").write_text("".join(  # other series, so that rows written again cannot reuse their rowids
        f"{city}城市低保标准为每人每月{value}元，农村低保标准为每年{value * 8}元。\n"
        for city, value in (("都匀市", 600), ("南宁市", 650), ("柳州市", 620))), "utf-8")
    target = tmp_path / "doudi.db"
    build_database([src], target)
    facts = "select id, rowid, * from facts"
    before = {r[0]: r for r in sqlite_utils.Database(target).execute(facts)}
    assert len(before) == 9
    with (src / "2020.txt").open("a", encoding="utf-8") as f:  # its series is made again
        f.write("特困人员基本生活标准为每人每月700元。\n")
    build_database([src], target)
    after = {r[0]: r for r in sqlite_utils.Database(target).execute(facts)}
    same = {i for i in before.keys() & after.keys() if before[i][2:] == after[i][2:]}
    assert len(same) == 8 and len(after) == 10  # all but 2020, which quotes the new copy, as they were
    assert all(before[i][1] == after[i][1] for i in same)  # not written again (that gives a new rowid)
    build_database([src], tmp_path / "fresh.db")
    assert dump(target) == dump(tmp_path / "fresh.db")


STORAGE = ("language", "gazetteer", "extractors", "factcheck", "pipeline", "ingest")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.add((node.module or "").split(".")[0])
    return names


def test_database_stores_and_publishes_and_never_imports_the_analysis():
    files = sorted((ROOT / "database").rglob("*.py"))
    assert len(files) > 5
    for f in files:
        assert not _imports(f) & set(STORAGE), f"{f.relative_to(ROOT)} imports {_imports(f) & set(STORAGE)}"


@pytest.mark.parametrize("command", ["", "build", "extract", "check", "params", "calc", "serve", "export"])
def test_help_starts_without_spacy_or_pandas(command):
    code = ("import sys\nfrom doudi.cli import main\ntry:\n    main([%r, '--help'] if %r else ['--help'])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in ('spacy', 'pandas') if m in sys.modules))"
            % (command, command))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Usage:" in out and out.splitlines()[-1] == "[]"


def test_a_rebuild_loads_no_pandas(tmp_path):
    """sqlite-utils would import pandas (a third of a second) at every build: database hides it."""
    src = small_corpus(tmp_path)
    build_database([src], tmp_path / "doudi.db")
    (src / "national-2020-social-assistance-news.txt").unlink()
    (src / "added.txt").write_text("某市城乡低保标准提高到每人每月700元。", "utf-8")
    code = ("import sys\nfrom pipeline import build_database\n"
            f"r = build_database([{str(src)!r}], {str(tmp_path / 'doudi.db')!r})\n"
            "print(r.incremental, r.extracted, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.split() == ["True", "1", "False"]
