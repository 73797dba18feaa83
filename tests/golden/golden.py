"""The extraction of every bundled and shared document, kept as JSONL so that a restructuring can
show it changes nothing and a behaviour change shows exactly what it changes.

    python tests/golden/golden.py          # rewrite the golden files from the current code

One file per set (seeds, corpus, dev); a line per thing extracted, in document order:
``home`` (the home region), ``standard``, ``statistic``, ``rejected``, ``date``, ``region`` and
``group`` (target-group mention). A commit that changes behaviour rewrites these in the same commit
and says why.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHARED = Path(os.environ.get("DOUDI_SHARED") or ROOT.parent / "shared")


def sets() -> dict[str, list[Path]]:
    """set name -> its documents, in a stable order; a set whose folder is absent is empty."""
    corpus = ROOT / "corpus"
    return {
        "seeds": sorted((SHARED / "seeds").glob("*")) if (SHARED / "seeds").is_dir() else [],
        "corpus": sorted(p for p in corpus.rglob("*")
                         if p.is_file() and len(p.relative_to(corpus).parts) > 1  # what a build reads: its folders
                         and not {"bad", "generated", "dev"} & set(p.relative_to(corpus).parts)
                         and p.suffix != ".py"),
        "dev": sorted((SHARED / "dev" / "docs").glob("*")) if (SHARED / "dev" / "docs").is_dir() else [],
    }


def _plain(obj):
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if hasattr(obj, "_asdict"):
        return {k: _plain(v) for k, v in obj._asdict().items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


def lines(path: Path, base: Path) -> list[str]:
    """The golden lines of one document."""
    import ingest
    from extractors import extract

    name = str(path.relative_to(base))
    ex = extract(ingest.load(path))
    items = [("home", ex.home_region)]
    items += [("standard", r) for r in ex.standards]
    items += [("statistic", r) for r in ex.statistics]
    items += [("rejected", {"record": _plain(r), "reason": why}) for r, why in ex.rejected]
    items += [("date", d) for d in ex.dates]
    items += [("region", m) for m in ex.regions]
    items += [("group", g) for g in ex.target_groups]
    return [json.dumps({"doc": name, "kind": kind, **({"value": _plain(v)})}, ensure_ascii=False, sort_keys=True)
            for kind, v in items]


def base_of(name: str) -> Path:
    return {"seeds": SHARED / "seeds", "corpus": ROOT / "corpus", "dev": SHARED / "dev" / "docs"}[name]


def compute(name: str, paths: list[Path]) -> dict[str, list[str]]:
    """document -> golden lines, for one set."""
    base = base_of(name)
    return {str(p.relative_to(base)): lines(p, base) for p in paths}


def read(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    path = HERE / f"{name}.jsonl"
    for line in path.read_text("utf-8").splitlines():
        out.setdefault(json.loads(line)["doc"], []).append(line)
    return out


def write(name: str, docs: dict[str, list[str]]) -> None:
    (HERE / f"{name}.jsonl").write_text("".join(l + "\n" for d in docs.values() for l in d), "utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for set_name, paths in sets().items():
        if not paths:
            print(f"{set_name}: no documents (is {SHARED} there?)", file=sys.stderr)
            continue
        docs = compute(set_name, paths)
        write(set_name, docs)
        print(f"{set_name}: {len(docs)} documents, {sum(map(len, docs.values()))} lines")
