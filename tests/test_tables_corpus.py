"""Every generated table document (corpus/make_tables.py: each carrier and layout) read and scored
against its gold by the referee."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from extractors import extract

from conftest import CORPUS, SHARED, needs_shared

GENERATED = CORPUS / "generated"
GOLD = GENERATED / "gold.jsonl"
DOCS = sorted(p.name for p in GENERATED.iterdir() if p.name != "gold.jsonl") if GENERATED.is_dir() else []


def gold_of(name):
    return [g for g in map(json.loads, GOLD.read_text("utf-8").splitlines()) if g["source"] == name]


def test_every_carrier_has_a_generated_table():
    assert {Path(n).suffix for n in DOCS} >= {".html", ".xlsx", ".csv", ".docx", ".pdf", ".txt"}
    assert all(gold_of(n) for n in DOCS)


@needs_shared("tools", "score.py")
@pytest.mark.parametrize("name", DOCS)
def test_a_generated_table_scores_like_its_gold(name, tmp_path):
    doc = ingest.load(GENERATED / name)
    recs = extract(doc).standards
    assert all(doc.blocks[r.provenance.block].kind == "table" for r in recs)
    assert all(r.provenance.table_row is not None and r.provenance.table_column is not None for r in recs)
    if doc.format == "pdf":
        assert all(r.provenance.page == 1 for r in recs)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r.to_contract(), ensure_ascii=False) + "\n" for r in recs), "utf-8")
    done = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(GOLD),
                           "--pred", str(pred), "--sources", name, "--json"],
                          capture_output=True, text=True, check=True)
    s = json.loads(done.stdout)
    assert s["strict_f1"] == 1.0 and s["exact_f1"] == 1.0, (s, [r.to_contract() for r in recs][:4])
