"""Calculators: the worked examples from the seeds, itemized, on a fixture database."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from calculators import InputError, dibao, orphan, tekun
from doudi.cli import main
from parameters import MissingParameter, UnknownRegion
from test_parameters import HEZHOU, NATIONAL, QIANNAN, db, make_db, rec, seed_rows  # noqa: F401


def test_dibao_rural_household_of_three_in_duyun_2015(db):  # noqa: F811
    r = dibao(db, "都匀市", "2015-12-01", "rural", members=3, income=100)
    assert r.amount == 360 and r.unit == "yuan/household/month"
    assert r.lines == ["dibao rural standard: 2640 yuan/person/year ÷ 12 = 220 yuan/person/month",
                       "top-up: (220 − 100) × 3 = 360 yuan/household/month"]
    [item] = r.items
    assert item.parameter.value == 2640 and item.parameter.source.quote.endswith("2640元/年")
    assert item.to_dict()["source"]["title"] == "黔南州社会救助工作情况报告"
    assert (r.region_code, r.region_name, r.date) == ("522701", "都匀市", "2015-12-01")


def test_dibao_by_code_is_the_same(db):  # noqa: F811
    assert dibao(db, "522701", "2015-12-01", "rural", 3, 100).to_dict() | {"inputs": None} == \
        dibao(db, "都匀市", "2015-12-01", "rural", 3, 100).to_dict() | {"inputs": None}


def test_dibao_floored_at_zero(db):  # noqa: F811
    r = dibao(db, "都匀市", "2015-12-01", "urban", members=2, income=600)
    assert r.amount == 0 and "600 ≥ standard 495" in r.lines[-1]


def test_dibao_uplift_for_listed_group_inherited_from_prefecture(db):  # noqa: F811
    r = dibao(db, "都匀市", "2015-12-01", "rural", 3, 100, groups={"disabled": 1})
    assert r.amount == pytest.approx(360 + 0.2 * 120)
    up = r.items[1].parameter
    assert (up.metric, up.value, up.resolution, up.resolved_from) == ("uplift", 20, "inherited", "522700")
    assert "分类施保 disabled: 20% × top-up 120 × 1 = 24 yuan/household/month" in r.lines


def test_dibao_uplift_not_for_unlisted_group(db):  # noqa: F811
    r = dibao(db, "都匀市", "2015-12-01", "rural", 3, 100, groups={"single_parent": 1})
    assert r.amount == 360 and any("single_parent" in w and "not applied" in w for w in r.warnings)


def test_dibao_without_uplift_parameter_says_so(db):  # noqa: F811
    r = dibao(db, "贺州市", "2023-06-01", "urban", 2, 500, groups={"disabled": 1})
    assert r.amount == 500 and any("no 分类施保 uplift" in w for w in r.warnings)


def test_tekun_basic_standard_derived_from_dibao_by_ratio(db):  # noqa: F811
    r = tekun(db, "贺州市", "2023-06-01", "urban")
    assert r.amount == pytest.approx(975)
    p = r.items[0].parameter
    assert p.resolution == "derived" and p.inputs[0].value == 750
    assert r.lines == ["basic living standard: 1.3 × 750 yuan/person/month (dibao urban standard, 贺州市) "
                       "= 975 yuan/person/month"]


def test_tekun_yearly_basis_converted(db):  # noqa: F811
    r = tekun(db, "都匀市", "2020-07-01", "rural")  # national 1.3 rule × 都匀's 2640 元/年
    assert r.amount == pytest.approx(1.3 * 2640 / 12)
    assert "3432 yuan/person/year ÷ 12 = 286 yuan/person/month" in r.lines[0]


def test_tekun_care_standard_share_of_minimum_wage(db):  # noqa: F811
    r = tekun(db, "贺州市", "2023-06-01", "urban", care="full_care", min_wage=1810)
    assert r.amount == pytest.approx(975 + 0.3 * 1810)
    assert "care standard (full_care): 30% × minimum wage 1810 = 543 yuan/person/month" in r.lines
    with pytest.raises(InputError, match="30% of the minimum wage"):
        tekun(db, "贺州市", "2023-06-01", "urban", care="full_care")


def test_tekun_own_amount_by_setting(db):  # noqa: F811
    r = tekun(db, "都匀市", "2015-12-01", "rural", setting="centralized")
    assert r.amount == pytest.approx(3500 / 12, abs=0.01) and r.items[0].parameter.resolution == "inherited"


@pytest.mark.parametrize("care, amount", [("scattered", 900), ("institutional", 1300)])
def test_orphan_allowance(db, care, amount):  # noqa: F811
    r = orphan(db, "贺州市", "2023-06-01", care)
    assert r.amount == amount and r.items[0].parameter.source.title == HEZHOU["title"]


def test_conflicts_show_as_warnings(tmp_path):
    rows = seed_rows() + [rec(HEZHOU, region="贺州市", adcode="451100", program="orphan", variant="scattered",
                              value=950, quote="散居孤儿基本生活保障标准每人每月950元")]
    path = make_db(tmp_path / "c.db", [QIANNAN, HEZHOU, NATIONAL], rows)
    r = orphan(path, "贺州市", "2023-06-01")
    assert r.amount in (900, 950) and any("other sources for the same date" in w for w in r.warnings)


@pytest.mark.parametrize("call, error, message", [
    (lambda db: dibao(db, "都匀市", "2015-12-01", "rural", 0, 100), InputError, "members"),
    (lambda db: dibao(db, "都匀市", "2015-12-01", "rural", 3, -1), InputError, "negative"),
    (lambda db: dibao(db, "都匀市", "2015-12-01", "suburb", 3, 1), InputError, "area"),
    (lambda db: dibao(db, "都匀市", "2014-12-01", "rural", 3, 100), MissingParameter,
     r"no parameter in force for 都匀市 \(522701\) dibao rural standard at 2014-12-01"),
    (lambda db: orphan(db, "贺洲市", "2023-06-01"), UnknownRegion, "did you mean.*贺州市"),
])
def test_bad_input(db, call, error, message):  # noqa: F811
    with pytest.raises(error, match=message):
        call(db)


def test_cli_worked_example_json(db):  # noqa: F811
    result = CliRunner().invoke(main, ["calc", "dibao", "--db", str(db), "--region", "都匀市", "--date", "2015-12-01",
                                       "--area", "rural", "--members", "3", "--income", "100", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["amount"] == 360 and out["parameters"][0]["source"]["quote"].endswith("2640元/年")
    assert out["arithmetic"][-1] == "top-up: (220 − 100) × 3 = 360 yuan/household/month"


def test_cli_text(db):  # noqa: F811
    result = CliRunner().invoke(main, ["calc", "orphan", "--db", str(db), "--region", "451100", "--date", "2023-06-01",
                                       "--care", "institutional"])
    assert result.exit_code == 0, result.output
    assert "result: 1300 yuan/person/month" in result.stdout and "机构供养孤儿" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["dibao", "--region", "都云市", "--area", "rural", "--members", "3", "--income", "100"], "did you mean"),
    (["dibao", "--region", "都匀市", "--area", "rural", "--members", "0", "--income", "100"], "members"),
    (["dibao", "--region", "都匀市", "--area", "rural", "--members", "3", "--income", "-100"], "negative"),
    (["dibao", "--region", "都匀市", "--date", "2010-01-01", "--area", "rural", "--members", "3", "--income", "1"],
     "no parameter in force for 都匀市"),
    (["tekun", "--region", "贺州市", "--date", "2023-06-01", "--area", "urban", "--care", "half_care"], "--min-wage"),
])
def test_cli_bad_input_one_line_no_traceback(db, args, message):  # noqa: F811
    result = CliRunner().invoke(main, ["calc", args[0], "--db", str(db), *args[1:]])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
