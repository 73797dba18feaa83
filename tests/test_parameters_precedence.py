"""Precedence (stated over derived, rules that disagree, targets), paired levels and region names."""
from __future__ import annotations

from datetime import date

import pytest
import sqlite_utils
from click.testing import CliRunner

from calculators import InputError, dibao, tekun
from doudi.cli import main
from parameters import MissingParameter, history, load, parameter, parameter_table
from parameters.model import AmbiguousParameter
from test_parameters import HEZHOU, NATIONAL, QIANNAN, make_db, rec, seed_rows

CARE_Q = "照料护理标准按最低工资标准的30%、和60%发放"
TEKUN_Q = "城乡特困保障标准由“十二五〞期末的每人每月元360和150元,提高至2022年的每人每月975元和569元"


def _db(tmp_path, *extra, docs=(QIANNAN, HEZHOU, NATIONAL)):
    return make_db(tmp_path / "p.db", list(docs), seed_rows() + list(extra))


def hezhou_tekun(area, value):
    return rec(HEZHOU, region="贺州市", adcode="451100", program="tekun", area=area, value=value, period="2022",
               quote=TEKUN_Q)


def test_stated_value_beats_a_later_rule_and_the_rule_is_a_conflict(tmp_path):
    # 贺州 rural 特困 569 (2022) is stated; the 1.3 rule (published 2023-04-20) would give 1.3 × 433 = 562.9.
    path = _db(tmp_path, hezhou_tekun("rural", 569), hezhou_tekun("urban", 975))
    p = parameter(path, "贺州市", "tekun", "rural", "standard", "2023-06-01")
    assert (p.value, p.resolution, p.since) == (569, "own", "2022-01-01") and p.rule is None
    [c] = p.conflicts
    assert c.value == 562.9 and "1.3 × 433 = 562.9" in c.reason and c.source.quote.startswith("全市城乡特困人员")
    # an agreeing rule (1.3 × 750 = 975) is no conflict
    assert parameter(path, "贺州市", "tekun", "urban", "standard", "2023-06-01").conflicts == []
    # the history shows no cut that never happened: 569 from 2022, then still 569 (now with the conflict noted)
    store = load(path)
    values = [q.value for q in history(store, "451100", "tekun", "rural", "standard", date(2023, 12, 31))]
    assert set(values) == {569}


def test_rule_applies_where_nothing_is_stated(tmp_path):
    path = _db(tmp_path, hezhou_tekun("urban", 975))
    p = parameter(path, "贺州市", "tekun", "rural", "standard", "2023-06-01")
    assert p.resolution == "derived" and p.value == pytest.approx(562.9) and p.conflicts == []


def test_stated_value_beats_a_figure_read_off_a_previous_value(tmp_path):
    # the same key and start: a value stated for 2022 and one read off "由…提高至" (previous) for it
    stated = hezhou_tekun("rural", 569)
    earlier = rec(HEZHOU, region="贺州市", adcode="451100", program="tekun", area="rural", value=540, period="2022",
                  quote="由540元提高至600元")
    path = _db(tmp_path, earlier, stated)
    db = sqlite_utils.Database(path)
    db.execute("alter table standards add column derived integer")
    db.execute("update standards set derived = 1 where value = 540")
    db.conn.commit()
    p = parameter(path, "贺州市", "tekun", "rural", "standard", "2023-06-01")
    assert p.value == 569 and sorted(c.value for c in p.conflicts) == [540, 562.9]  # the figure, the rule


def test_targets_are_labelled_in_every_output(tmp_path):
    path = _db(tmp_path)
    runner = CliRunner()
    args = ["--db", str(path), "--region", "荔波县", "--date", "2020-06-01", "--area", "rural", "--members", "1",
            "--income", "0"]
    result = runner.invoke(main, ["calc", "dibao", *args])
    assert result.exit_code == 1 and "planned target(s) not counted" in result.output
    result = runner.invoke(main, ["calc", "dibao", *args, "--include-targets"])
    assert result.exit_code == 0, result.output
    assert "status TARGET (planned, not in force)" in result.output and "is a planned target (目标" in result.output
    result = runner.invoke(main, ["params", "--db", str(path), "--as-of", "2020-06-01", "--region", "荔波县",
                                  "--include-targets"])
    # the 6200 target, and the 特困 standard derived from it (a rule applied to a target is a target)
    assert result.stdout.count(",target,") == 2 and "2 planned targets" in result.stderr


def test_paired_care_levels_without_level_names_are_ambiguous(tmp_path):
    pair = [rec(HEZHOU, region="贺州市", adcode="451100", program="tekun", metric="care_standard", value=v,
                unit="percent", basis="min_wage", quote=CARE_Q) for v in (60,)]
    path = _db(tmp_path, *pair)  # the seed has the 30; with the 60 from the same quote they are a pair
    for variant in ("full_care", "half_care", "self_care", None):
        with pytest.raises(AmbiguousParameter, match="30、60 for 2 levels, but the quote names no level"):
            parameter(path, "贺州市", "tekun", "all", "care_standard", "2023-06-01", variant=variant)
    ambiguous = []
    table = parameter_table(path, "2023-06-01", "贺州市", ambiguous=ambiguous)
    assert not any(p.metric == "care_standard" for p in table) and len(ambiguous) == 1
    with pytest.raises(MissingParameter, match="ambiguous"):
        tekun(path, "贺州市", "2023-06-01", "urban", care="full_care", min_wage=1810)


@pytest.mark.parametrize("quote, expected", [
    ("全护理、半护理人员的照料护理标准分别按最低工资标准的60%、30%确定", {"full_care": 60, "half_care": 30}),
    ("半护理和全护理特困人员照料护理标准分别为最低工资标准的30%和60%", {"half_care": 30, "full_care": 60}),
])
def test_paired_care_levels_named_in_the_quote_are_zipped(tmp_path, quote, expected):
    rows = [r for r in seed_rows() if r["metric"] != "care_standard"] + [
        rec(HEZHOU, region="贺州市", adcode="451100", program="tekun", metric="care_standard", value=v,
            unit="percent", basis="min_wage", quote=quote) for v in (30, 60)]
    path = make_db(tmp_path / "z.db", [QIANNAN, HEZHOU, NATIONAL], rows)
    for level, value in expected.items():
        p = parameter(path, "贺州市", "tekun", "all", "care_standard", "2023-06-01", variant=level)
        assert (p.value, p.unit, p.basis) == (value, "percent", "min_wage")
    with pytest.raises(MissingParameter):  # the level the quote does not name has no value
        parameter(path, "贺州市", "tekun", "all", "care_standard", "2023-06-01", variant="self_care")
    r = tekun(path, "贺州市", "2023-06-01", "urban", care="full_care", min_wage=2000)
    assert r.amount == pytest.approx(975 + expected["full_care"] / 100 * 2000)


def test_regions_by_code_name_short_name_and_uncoded_group(tmp_path):
    zone = rec(QIANNAN, region="都匀经济开发区", adcode=None, area="urban", value=495, period="2015",
               quote="都匀市、福泉市和都匀经济开发区为一档,城乡低保标准分别为495元/月和2640元/年")
    path = make_db(tmp_path / "g.db", [dict(QIANNAN, home_adcode="522700"), HEZHOU, NATIONAL], seed_rows() + [zone])
    for asked in ("522701", "都匀市", "都匀"):
        assert parameter(path, asked, "dibao", "urban", "standard", "2015-12-01").region_code == "522701"
    p = parameter(path, "都匀经济开发区", "dibao", "urban", "standard", "2015-12-01")
    assert (p.value, p.resolution, p.region_name) == (495, "own", "都匀经济开发区")
    # the group hangs under its document's home region: it inherits 黔南州's uplift
    up = parameter(path, "都匀经济开发区", "dibao", "rural", "uplift", "2015-12-01")
    assert (up.value, up.resolution, up.resolved_from) == (20, "inherited", "522700")
    assert p.shown_since == "2015" and p.to_row()["since_shown"] == "2015"  # a year-only period is a year


def test_unknown_group_lists_the_valid_ones(tmp_path):
    path = _db(tmp_path)
    with pytest.raises(InputError, match=r"unknown group 'foo'; valid groups: .*disabled \(残疾人\)"):
        dibao(path, "都匀市", "2015-12-01", "rural", members=2, income=0, groups={"foo": 1})
    result = CliRunner().invoke(main, ["calc", "dibao", "--db", str(path), "--region", "都匀市", "--date", "2015-12-01",
                                       "--area", "rural", "--members", "2", "--income", "0", "--group", "foo=1"])
    assert result.exit_code == 1 and "valid groups:" in result.output and "elderly (老年人)" in result.output
    by_name = dibao(path, "都匀市", "2015-12-01", "rural", members=2, income=0, groups={"残疾人": 1})
    assert by_name.inputs["groups"] == {"disabled": 1} and by_name.amount == pytest.approx(440 + 0.2 * 220)


def test_text_output_shows_status_age_and_staleness(tmp_path):
    path = _db(tmp_path)
    text = dibao(path, "都匀市", "2018-01-01", "urban", members=1, income=0).to_text()
    assert "[own, since 2015, status in force, 1096 days old, STALE]" in text
    assert "in force since 2015)" in text  # the warning dates it as the document does
    fresh = dibao(path, "都匀市", "2018-01-01", "urban", members=1, income=0, stale_after=2000).to_text()
    assert "1096 days old, current]" in fresh and "warning" not in fresh
