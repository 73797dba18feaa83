"""Every CLI failure is one line on stderr, never a traceback, with the documented exit code
(doudi/errors.py): bad --db for each command, non-finite numbers, empty dates, missing output
folders, a full disk, Ctrl-C while a build finishes."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from doudi.cli import main
from test_parameters import db  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "text" / "qiannan-2015-social-assistance-report.txt"
READERS = {  # each command that reads a database, with the rest of a valid command line
    "calc": ["calc", "dibao", "--region", "都匀市", "--area", "rural", "--members", "3", "--income", "100"],
    "check": ["check", str(TEXT)],
    "export": ["export", "standards"],
    "serve": ["serve"],
    "params": ["params"],
}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    out = result.output.strip()
    assert "Traceback" not in out and result.exc_info[0] is SystemExit, (result.exc_info, out)
    return result.exit_code, out


def one_line(out: str) -> str:
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 or lines[0].startswith("Usage:"), out
    return lines[-1]


def bad_databases(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "folder.db").mkdir()
    (tmp / "text.db").write_text("not a database\n")
    (tmp / "empty.db").write_bytes(b"")
    sqlite3.connect(tmp / "blank.db").execute("CREATE TABLE t (x)").connection.close()
    return {"directory": (tmp / "folder.db", "is a directory"),
            "non-SQLite": (tmp / "text.db", "not an SQLite database"),
            "empty file": (tmp / "empty.db", "empty file"),
            "empty database": (tmp / "blank.db", "not a doudi database"),
            "missing": (tmp / "none.db", "no such file")}


@pytest.mark.parametrize("command", sorted(READERS))
def test_a_bad_db_is_one_line_for_every_reader(command, tmp_path):
    for what, (path, cause) in bad_databases(tmp_path).items():
        args = READERS[command][:2] + ["--db", path] + READERS[command][2:]
        code, out = run(*args)
        assert code == 2 and f"{path.name}: {cause}" in one_line(out), (what, out)


def test_build_refuses_to_replace_what_is_not_a_database(tmp_path):
    keep = tmp_path / "notes.txt"
    keep.write_text("my notes\n")
    for target, cause in [(keep, "not an SQLite database; refusing to replace it"),
                          (tmp_path, "is a directory"),
                          (keep / "x.db", "is not a directory")]:
        code, out = run("build", TEXT, "--db", target)
        assert code == 2 and cause in one_line(out), out
    assert keep.read_text() == "my notes\n"


def test_unwritable_database_place_is_one_line(tmp_path):
    code, out = run("build", TEXT, "--db", "/proc/doudi-test.db", "--no-overrides")
    assert code == 1 and one_line(out).startswith("error: ") and "/proc" in out


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999"])
def test_non_finite_numbers_are_refused(db, value):  # noqa: F811
    code, out = run("calc", "dibao", "--db", db, "--region", "都匀市", "--area", "rural",
                    "--members", "3", "--income", value)
    assert code == 2 and "not a finite number" in one_line(out)


def test_empty_as_of_is_one_line(db):  # noqa: F811
    code, out = run("params", "--db", db, "--as-of", "")
    assert code == 2 and "empty date" in one_line(out)


def test_missing_output_folders(db, tmp_path):  # noqa: F811
    code, out = run("export", "standards", "--db", db, "-o", tmp_path / "no" / "such" / "x.jsonl")
    assert code == 1 and one_line(out).startswith("error: ") and "x.jsonl" in out and out.rstrip().endswith("No such file or directory")
    code, out = run("params", "--db", db, "--as-of", "2016-01-01", "-o", tmp_path / "no" / "x.csv")
    assert code == 1 and one_line(out).startswith("error: ") and "No such file or directory" in out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_disk_full_is_one_line(db):  # noqa: F811
    code, out = run("params", "--db", db, "--as-of", "2016-01-01", "-o", "/dev/full")
    assert code == 1 and one_line(out) == "error: disk full"


def test_ctrl_c_while_the_build_finishes_keeps_the_previous_database(tmp_path, monkeypatch):
    import database.schema

    target = tmp_path / "doudi.db"
    code, _ = run("build", TEXT, "--db", target, "--no-overrides")
    assert code == 0
    before = hashlib.sha256(target.read_bytes()).hexdigest()

    def interrupted(db):
        raise KeyboardInterrupt

    monkeypatch.setattr(database.schema, "finish", interrupted)
    code, out = run("build", ROOT / "corpus" / "text", "--db", target, "--no-overrides")
    assert code == 130 and one_line(out).startswith("interrupted")
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    # no half-written file left (the extraction cache beside the database is the last build's)
    assert sorted(p.name for p in tmp_path.iterdir()) in (["doudi.db"], ["doudi.db", "doudi.db.cache"])


def test_disk_full_during_a_build_keeps_the_previous_database(tmp_path, monkeypatch):
    import database.schema

    target = tmp_path / "doudi.db"
    assert run("build", TEXT, "--db", target, "--no-overrides")[0] == 0
    before = target.read_bytes()

    def full(db):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(database.schema, "finish", full)
    # other inputs, so the build writes (one with nothing changed leaves the file alone anyway)
    code, out = run("build", ROOT / "corpus" / "text", "--db", target, "--no-overrides")
    assert code == 1 and one_line(out) == "error: disk full"
    assert target.read_bytes() == before
