"""Shared fixtures: the bundled corpus (corpus/, made by corpus/make_corpus.py) and the shared
folder beside the repository (seeds, dev documents, gold, referee).

The shared folder is ``$DOUDI_SHARED`` or ``../shared`` next to the checkout. Tests that need it
skip on a developer's machine without it, but fail in CI (``CI`` set), where a missing folder means
the floors were never checked.
"""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = Path(os.environ.get("DOUDI_SHARED") or ROOT.parent / "shared")


def needs_shared(*parts: str):
    """A mark for tests that read SHARED/parts: skip locally without it; in CI never skip, so the
    test fails on the missing file."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists() and not os.environ.get("CI"),
                              reason=f"{path} not present (set DOUDI_SHARED)")


def pytest_sessionstart(session):
    if os.environ.get("CI") and not SHARED.is_dir():
        raise pytest.UsageError(f"CI: the shared folder {SHARED} is missing (set DOUDI_SHARED)")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
