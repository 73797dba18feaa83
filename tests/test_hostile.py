"""Hostile inputs (corpus/make_hostile.py, plus corpus/bad/) build in bounded time and memory:
every bad file is one line naming it and its cause and one ingest_errors row, every good file is
kept, nothing prints a traceback, and a failed build leaves the previous database as it was."""
from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT

sys.path.insert(0, str(CORPUS))
import make_hostile  # noqa: E402

MEMORY = 3 * 2**30  # address space for the whole build: bombs would need many times this
SECONDS = 240


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def doudi(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "doudi.cli", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, errors="replace", timeout=SECONDS,
                          preexec_fn=_limit_memory)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    inputs = base / "in"
    expected = make_hostile.make(inputs, scale=0.2)
    shutil.copytree(CORPUS / "bad", inputs / "bad")
    expected.update({f"bad/{p.name}": "" for p in (CORPUS / "bad").iterdir()})
    db = base / "hostile.db"
    run = doudi("build", inputs, "--db", db, "--no-overrides")
    return inputs, expected, db, run


def test_no_traceback_and_the_exit_code_says_files_failed(hostile):
    _, _, db, run = hostile
    assert "Traceback" not in run.stderr and run.returncode == 1, run.stderr[-3000:]
    assert db.exists()


def test_every_bad_file_is_one_line_with_its_cause(hostile):
    inputs, expected, _, run = hostile
    lines = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    for name, cause in expected.items():
        if cause is None:
            continue
        mine = [line for line in lines if line.startswith(f"error: {inputs / name}: ")]
        assert len(mine) == 1, (name, lines)
        assert cause in mine[0], (name, mine[0])
    assert len(lines) == sum(cause is not None for cause in expected.values())
    assert all(line.isprintable() for line in run.stderr.splitlines())  # no raw escape or newline in a name


def test_every_bad_file_is_an_ingest_errors_row(hostile):
    inputs, expected, db, _ = hostile
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, error FROM ingest_errors"))
    bad = {str(inputs / name): cause for name, cause in expected.items() if cause is not None}
    assert set(rows) == set(bad)
    assert all(cause in rows[path] for path, cause in bad.items())


def test_every_good_file_is_kept_under_a_printable_name(hostile):
    inputs, expected, db, _ = hostile
    with sqlite3.connect(db) as conn:
        docs = dict(conn.execute("SELECT name, text FROM documents"))
        nul = conn.execute("SELECT count(*) FROM documents WHERE instr(text, char(0)) > 0").fetchone()[0]
    assert set(docs) == {name for name, cause in expected.items() if cause is None}
    assert "bad-\\xff\\xfe.txt" in docs and "new\\nline\\x1b[31m.txt" in docs
    assert nul == 0 and "\0" not in docs["nul-bytes.txt"]  # SQLite's length() and substr() see it all
    assert "/etc/passwd" not in "".join(docs.values()) and "root:" not in "".join(docs.values())


def test_a_failed_build_leaves_the_previous_database(hostile, tmp_path):
    inputs, _, db, _ = hostile
    before = db.read_bytes()
    bad = tmp_path / "overrides.yaml"
    bad.write_text("- id: x\n  action: explode\n", "utf-8")
    run = doudi("build", inputs, "--db", db, "--overrides", bad)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert db.read_bytes() == before
    assert not list(db.parent.glob("*.tmp-*"))


def test_unreadable_folders_are_reported(tmp_path, monkeypatch):
    import ingest
    import ingest.walk

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("城市低保标准为每人每月600元。", "utf-8")
    scandir = os.scandir

    def refusing(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(ingest.walk.os, "scandir", refusing)
    files = list(ingest.iter_files([tmp_path]))
    assert [p.name for p in files] == ["b.txt", "locked"]
    with pytest.raises(ingest.IngestError, match=r"locked: cannot read folder: Permission denied$"):
        ingest.load(files[1])


def test_devices_given_by_name_are_refused_without_reading():
    import ingest

    for device, kind in (("/dev/zero", "character device"), ("/dev/null", "character device")):
        with pytest.raises(ingest.IngestError, match=f"not a regular file \\(a {kind}\\)"):
            ingest.load(device)


def test_a_file_over_its_time_budget_is_refused(tmp_path, monkeypatch):
    import ingest
    from ingest.limits import LIMITS

    slow = tmp_path / "slow.txt"
    slow.write_text(make_hostile.long_line(2), "utf-8")  # a fraction of a second to read
    monkeypatch.setattr(LIMITS, "max_seconds", 0.01)
    with pytest.raises(ingest.IngestError, match=r"slow.txt: over budget: took more than 0.01 s to read$"):
        ingest.load(slow)
    monkeypatch.setattr(LIMITS, "max_seconds", 300)
    assert ingest.load(slow).text  # and with its budget, it reads
