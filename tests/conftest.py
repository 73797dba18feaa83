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
    """A mark for tests that read SHARED/parts: skip locally, fail loudly in CI."""
    path = SHARED.joinpath(*parts)
    if path.exists() or os.environ.get("CI"):
        return pytest.mark.usefixtures("shared")
    return pytest.mark.skip(reason=f"{path} not present (set DOUDI_SHARED)")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared folder {SHARED} is missing (set DOUDI_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
