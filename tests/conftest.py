"""Shared fixtures: the bundled corpus (corpus/, made by corpus/make_corpus.py)."""
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
