"""The worked examples through the real pipeline: corpus -> database -> parameters -> calculators."""
from __future__ import annotations

from pathlib import Path

import pytest

from calculators import dibao, orphan, tekun
from parameters import MissingParameter, parameter_table
from parameters.openfisca import export

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "text"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    from pipeline import build_database
    path = tmp_path_factory.mktemp("e2e") / "doudi.db"
    report = build_database([CORPUS], path)
    assert report.standards > 0, report.summary()
    return path


def test_worked_examples_on_the_real_database(real_db, tmp_path):
    assert dibao(real_db, "都匀市", "2015-12-01", "rural", members=3, income=100).amount == 360
    assert orphan(real_db, "贺州市", "2023-12-31", "scattered").amount == 900
    urban = tekun(real_db, "贺州市", "2023-12-31", "urban").items[0].parameter
    assert urban.value == pytest.approx(975) and urban.resolution in ("own", "derived")
    with pytest.raises(MissingParameter):
        dibao(real_db, "都匀市", "2010-01-01", "rural", members=3, income=100)
    table = parameter_table(real_db, "2015-12-01", "都匀市")
    assert any(p.program == "dibao" and p.area == "rural" and p.value == 2640 for p in table)
    assert export(real_db, tmp_path / "of", "2015-12-01", "都匀市")
