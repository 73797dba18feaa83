"""Time and size of the parameter table and the OpenFisca export on a built database.

Builds the bundled corpus (corpus/, or PATHS) into a database unless --db names one, then times
the parameter table of every region, the OpenFisca export of every region (inherited values for
every region below one with a value) and openfisca-core loading it, and prints the figures.

    python benchmarks/bench_params.py [--db doudi.db] [--as-of 2023-12-31] [PATHS ...]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def _timed(label, func):
    start = time.perf_counter()
    out = func()
    print(f"{label}: {time.perf_counter() - start:.1f} s")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files or folders to build (default: corpus/)")
    parser.add_argument("--db", help="an existing database (skips the build)")
    parser.add_argument("--as-of", default="2023-12-31")
    args = parser.parse_args()
    from openfisca_core.parameters import ParameterNode

    from parameters import load, parameter_table
    from parameters.openfisca import export

    work = Path(tempfile.mkdtemp(prefix="bench_params_"))
    db = args.db
    if db is None:
        from pipeline import build_database
        db = work / "doudi.db"
        root = Path(__file__).resolve().parent.parent / "corpus"
        _timed("build", lambda: build_database([Path(p) for p in args.paths] or [root], db))
    store = _timed("load", lambda: load(db))
    table = _timed("parameter table, every region", lambda: parameter_table(store, args.as_of))
    print(f"  {len(table)} parameters for {len({p.region_code for p in table})} regions")
    files = _timed("OpenFisca export, every region", lambda: export(store, work / "of", args.as_of))
    size = sum(f.stat().st_size for f in (work / "of").rglob("*.yaml"))
    print(f"  {len(files)} leaf files, {size / 1e6:.1f} MB")
    node = _timed("openfisca-core load", lambda: ParameterNode("", directory_path=str(work / "of")))
    leaf = node.dibao.standard.rural
    print(f"  dibao.standard.rural: {len(leaf.children)} regions; output in {work}")


if __name__ == "__main__":
    main()
