"""The same documents give byte-identical records under any hash seed (issue 18): nothing that
decides a record may follow the iteration order of a set of strings."""
import os
import subprocess
import sys

from conftest import ROOT, SHARED, needs_shared

SEEDS = ("0", "1", "4242")


def _extract(seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    run = subprocess.run([sys.executable, "-m", "doudi.cli", "extract", str(SHARED / "dev" / "docs")],
                         cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    return run.stdout


@needs_shared("dev", "docs")
def test_dev_documents_extract_the_same_under_every_hash_seed():
    first, *others = [_extract(seed) for seed in SEEDS]
    assert first.count(b"\n") > 500  # the dev documents' records, not an empty run
    for seed, out in zip(SEEDS[1:], others):
        assert out == first, f"PYTHONHASHSEED={seed} changes the records"


def test_database_rows_are_the_same_under_every_hash_seed(tmp_path):
    exports = []
    for seed in SEEDS[:2]:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        db = tmp_path / f"seed{seed}.db"
        cli = [sys.executable, "-m", "doudi.cli"]
        subprocess.run([*cli, "build", str(ROOT / "corpus" / "text"), "--db", str(db), "--no-overrides"],
                       cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
        exports.append([subprocess.run([*cli, "export", what, "--db", str(db)], cwd=ROOT, env=env, check=True,
                                       capture_output=True, timeout=120).stdout
                        for what in ("standards", "statistics", "checks")])
    assert exports[0][0].count(b"\n") > 50  # the corpus's standards, not an empty build
    assert exports[0] == exports[1]
