"""The rule registry (extractors/rules.yaml): every rule's examples run, and every record names
rules the registry states."""
import re
from pathlib import Path

import pytest

from extractors import extract
from extractors.rules import rules
from ingest.build import build_document
from matching import matches

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = rules()


def _read(example):
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=example["text"],
                         url=example.get("url"), published=example.get("published"))
    return extract(doc)


def _cases() -> list:
    return [pytest.param(rule, example, id=f"{rule.id}[{i}]")
            for rule in REGISTRY.values() for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize("rule, example", _cases())
def test_a_rules_example(rule, example):
    ex = _read(example)
    if rule.acts_on == "figures":
        assert not [r for r in ex.standards if matches(r, example["absent"])], example["text"]
        assert ex.fired[rule.id] >= 1, f"{rule.id} did not fire: {dict(ex.fired)}"
        return
    found = ex.statistics if rule.acts_on == "statistics" else ex.standards
    hits = [r for r in found if matches(r, example["expect"])]
    shown = [(r.region, getattr(r, "program", None), getattr(r, "area", None), r.value, r.period, r.rules) for r in found]
    assert hits, f"no record matches {example['expect']}: {shown}"
    if rule.acts_on != "home":  # the record names the rule that made it
        assert any(rule.id in r.rules for r in hits), f"{rule.id} not among {[r.rules for r in hits]}"


def test_every_rule_states_a_fact_and_has_two_examples():
    for rule in REGISTRY.values():
        assert rule.states and rule.where, rule.id
        assert len(rule.examples) >= 2, rule.id


def test_every_rule_is_named_where_it_acts():
    code = "\n".join(p.read_text("utf-8") for d in ("extractors", "language", "gazetteer")
                     if (ROOT / d).is_dir() for p in (ROOT / d).rglob("*.py"))
    missing = [rid for rid, r in REGISTRY.items() if rid not in code and r.when is None]
    assert not missing, f"rules named in rules.yaml but nowhere in the code: {missing}"


def _without(monkeypatch, module, rule_id: str) -> None:
    """Take one rule out of the registry's chains as ``module`` reads them."""
    from extractors.rules import chain

    monkeypatch.setattr(module, "chain", lambda stage: tuple(r for r in chain(stage) if r.id != rule_id))


def test_a_declarative_figure_role_rule_decides_by_its_data(monkeypatch):
    """The figure-role chain is read from rules.yaml: a rule taken out of it no longer acts."""
    from extractors import roles
    text = "九江市民政局消息。农村低保标准为每月650元,比城市低保标准低170元,两者差距多达170元。"
    assert [r.value for r in _read({"text": text}).standards] == [650.0]
    _without(monkeypatch, roles, "figure.difference")
    assert 170.0 in [r.value for r in _read({"text": text}).standards]


def test_a_declarative_frame_rule_decides_by_its_data(monkeypatch):
    """The frame stage is read from rules.yaml: without frame.inclusion_aside, the kind of orphan
    inside (含…) becomes part of the subject."""
    from extractors import frames
    text = "邵阳市社会散居孤儿(含事实无人抚养儿童)基本生活费每人每月提高到1450元。"
    assert {(r.variant, r.value) for r in _read({"text": text}).standards} == {("scattered", 1450.0)}
    _without(monkeypatch, frames, "frame.inclusion_aside")
    assert {r.variant for r in _read({"text": text}).standards} != {"scattered"}


def test_a_declarative_status_rule_decides_by_its_data(monkeypatch):
    """The status stage is read from rules.yaml: without status.proposed, a draft's 拟将…调至 figure
    is read as in force."""
    from extractors import roles
    text = "征求意见稿。拟将全市城市居民最低生活保障标准由每人每月690元调至739元。"
    assert {(r.value, r.status) for r in _read({"text": text}).standards} == {(739.0, "target")}
    _without(monkeypatch, roles, "status.proposed")
    assert {(r.value, r.status) for r in _read({"text": text}).standards} == {(739.0, "in_force")}


def test_every_rule_a_record_names_is_in_the_registry():
    texts = [ROOT / "corpus" / "text", ROOT / "corpus" / "dev"]
    import ingest
    seen = set()
    for f in sorted(p for d in texts if d.is_dir() for p in d.glob("*.txt")):
        ex = extract(ingest.load(f))
        seen |= {rid for r in ex.standards + ex.statistics for rid in r.rules} | set(ex.fired)
    assert seen - set(REGISTRY) == set()
    assert len(seen) > 30  # the corpus exercises most rules


def test_doudi_rules_counts_where_each_rule_fires(tmp_path):
    from click.testing import CliRunner
    from doudi.cli import main

    db = tmp_path / "d.db"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(ROOT / "corpus" / "text"), "--db", str(db), "--jobs", "1"])
    assert built.exit_code == 0, built.output
    out = runner.invoke(main, ["rules", "--db", str(db)])
    assert out.exit_code == 0, out.output
    line = next(l for l in out.output.splitlines() if l.startswith("standard.money"))
    docs, records = map(int, re.search(r"(\d+) docs\s+(\d+) records", line).groups())
    assert docs >= 5 and records > docs
    assert "[never fires]" in out.output  # the seeds do not exercise every rule, and it says so
