"""The extraction of every seed, corpus and dev document equals tests/golden/ (see golden.py there).

A failure lists the documents whose extraction changed and the first changed lines of each; if the
change is intended, rewrite the golden files (``python tests/golden/golden.py``) in the same commit
and say why in its message.
"""
import difflib

import pytest

from conftest import needs_shared
from golden import golden

SETS = golden.sets()


def _diff(expected: list[str], got: list[str], limit=6) -> str:
    lines = [l for l in difflib.unified_diff(expected, got, lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
    return "\n".join(l[:300] for l in lines[:limit])


@pytest.mark.parametrize("name", ["corpus", pytest.param("seeds", marks=needs_shared("seeds")),
                                  pytest.param("dev", marks=needs_shared("dev", "docs"))])
def test_extraction_matches_golden(name):
    expected = golden.read(name)
    got = golden.compute(name, SETS[name])
    assert sorted(got) == sorted(expected), "the set's documents changed: rewrite the golden files"
    changed = {doc: _diff(expected[doc], got[doc]) for doc in expected if expected[doc] != got[doc]}
    assert not changed, f"{len(changed)} documents changed:\n" + "\n\n".join(
        f"== {doc}\n{d}" for doc, d in list(changed.items())[:5])
