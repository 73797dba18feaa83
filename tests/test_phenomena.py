"""Every made-up example of PHENOMENA.md (../shared/dev/PHENOMENA.md) as a spec case: text in, the
records a careful reader takes out (tests/spec/phenomena.yaml)."""
from pathlib import Path

import pytest
import yaml

from extractors import extract
from ingest.build import build_document
from matching import matches

CASES = yaml.safe_load((Path(__file__).parent / "spec" / "phenomena.yaml").read_text("utf-8"))


def _records(text: str) -> list[dict]:
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text)
    return [r.to_contract() for r in extract(doc).standards]


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", _params())
def test_phenomenon(case):
    got = _records(case["text"])
    shown = "\n".join(f"  {r['region']} {r['adcode']} {r['program']}/{r['area']}/{r['variant']} {r['metric']}"
                      f"={r['value']} {r['unit']} prev={r['previous']} per={r['period']}" for r in got)
    left = list(got)
    for want in case["expect"]:
        hit = next((r for r in left if matches(r, want)), None)
        assert hit is not None, f"missing {want}; got:\n{shown}"
        left.remove(hit)
    if not case.get("extra"):
        assert not left, f"unexpected records; got:\n{shown}"
