"""Each claim shape of the fact-checker on short texts written the way reports write them."""
from types import SimpleNamespace

import pytest

import ingest
from factcheck import check
from factcheck.arithmetic import Interval, holds, stated_interval
from factcheck.figures import read_figures
from schemas import Provenance, Standard, validate_check


def run(tmp_path, text, standards=()):
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    doc = ingest.load(p)
    checks = check(SimpleNamespace(document=doc, standards=list(standards), statistics=[]))
    for c in checks:
        validate_check(c)
        assert c.source == "report.txt" and c.quote in doc.text
    return checks


def only(checks, kind):
    got = [c for c in checks if c.kind == kind]
    assert got, f"no {kind} check in {[c.kind for c in checks]}"
    return got


# tolerance -------------------------------------------------------------------------------

def test_tolerance_rule_both_sides():
    # stated 22% (half unit 0.5) admits [21.5, 22.5] plus the 0.5% margin: [21.39, 22.61]
    assert stated_interval(22, 0.5).lo == pytest.approx(21.39)
    assert holds(21.49, 22, 0.5)  # outside the rounding interval, inside the margin
    assert holds(21.40, 22, 0.5)
    assert not holds(21.38, 22, 0.5)
    assert holds(22.61, 22, 0.5)
    assert not holds(22.62, 22, 0.5)
    # one decimal written: 9.5% admits [9.45, 9.55] +- 0.0475
    assert holds(9.41, 9.5, 0.05) and not holds(9.40, 9.5, 0.05)


def test_input_rounding_is_carried():
    # 433 stands for [432.5, 433.5]; times 1.3 that is [562.25, 563.55]
    iv = Interval(432.5, 433.5) * 1.3
    assert holds(iv, 563, 0.5) and not holds(iv, 569, 0.5)


def test_growth_tolerance_edges(tmp_path):
    # inputs written to the cent are exact to the cent: 21.3% is outside [21.39, 22.61]
    bad = only(run(tmp_path, "标准由100.00元提高到121.30元,增长22%。"), "growth")[0]
    assert bad.verdict == "inconsistent" and bad.recomputed == pytest.approx(21.3)
    # 21.45% does not round to 22%, but lies within the margin
    ok = only(run(tmp_path, "标准由100.00元提高到121.45元,增长22%。"), "growth")[0]
    assert ok.verdict == "consistent"
    # the same 21.3% from inputs written to the yuan: 100元 may be 99.5, which gives 21.9%
    ok = only(run(tmp_path, "标准由100元提高到121.3元,增长22%。"), "growth")[0]
    assert ok.verdict == "consistent"


# figures ---------------------------------------------------------------------------------

def test_figures_read_multipliers_units_and_spun_forms():
    figs = {f.text: f for f in read_figures("救助917.8万人数,支出128亿人民币,已脱贫1693数万人,5200元每年,每人每月750元,2022年")}
    assert figs["917.8万人数"].value == 9178000 and figs["917.8万人数"].unit == "人次"
    assert figs["917.8万人数"].half == 500
    assert figs["128亿人民币"].value == 1.28e10 and figs["128亿人民币"].kind == "money"
    assert figs["1693数万人"].value == 16930000
    assert figs["5200元每年"].per == "year" and figs["750元"].per == "month"
    assert figs["2022"].kind == "year"


def test_bare_number_takes_the_unit_of_its_partner():
    figs = read_figures("由每人每月360和150元提高")
    assert [f.kind for f in figs] == ["money", "money"]


# growth ----------------------------------------------------------------------------------

def test_annual_growth_over_a_plan_period_simple_and_compound(tmp_path):
    text = "保障标准由“十二五”期末的每人每月360元和200元,提高至2020年的每人每月750元和433元,年均分别增长了22%和23%。"
    a, b = only(run(tmp_path, text), "growth")
    assert (a.stated, b.stated) == (22, 23)
    assert a.verdict == b.verdict == "consistent"
    assert a.recomputed == pytest.approx(21.667, abs=0.01)
    assert "(750-360)/360/5" in a.explanation and "simple average" in a.explanation
    assert "compound rate 15.8%" in a.explanation


def test_compound_reading_is_accepted(tmp_path):
    # 100 -> 161.05 over 2015-2020 is exactly 10% compound a year (simple would be 12.2%)
    c = only(run(tmp_path, "标准由2015年的100元提高到2020年的161.05元,年均增长10%。"), "growth")[0]
    assert c.verdict == "consistent" and "compound" in c.explanation.split(";")[1]


def test_annual_growth_no_reading_holds(tmp_path):
    c = only(run(tmp_path, "标准由2015年的100元提高到2020年的200元,年均增长30%。"), "growth")[0]
    assert c.verdict == "inconsistent"


def test_year_on_year_growth_and_paired_rates(tmp_path):
    checks = run(tmp_path, "城乡低保标准由月人均不低于590元、377元提高到不低于630元、420元,分别增长6.8%、11.4%。")
    assert [(c.stated, c.verdict) for c in only(checks, "growth")] == [(6.8, "consistent"), (11.4, "consistent")]


def test_growth_with_earlier_value_in_brackets(tmp_path):
    c = only(run(tmp_path, "城市低保平均标准提高到778元/月(2023年为734元/月),增幅6%。"), "growth")[0]
    assert c.verdict == "consistent" and c.inputs["from"]["value"] == 734


def test_growth_without_base_is_unverifiable(tmp_path):
    c = only(run(tmp_path, "全州有城乡低保对象29.7万人,比上年减少29.2%。"), "growth")[0]
    assert c.verdict == "unverifiable" and c.recomputed is None


def test_increase_by_amount(tmp_path):
    c = only(run(tmp_path, "供养标准从每人每月1730元调整为1850元,月增加120元。"), "growth")[0]
    assert c.verdict == "consistent" and c.recomputed == 120
    c = only(run(tmp_path, "供养标准从每人每月1730元调整为1850元,月增加150元。"), "growth")[0]
    assert c.verdict == "inconsistent"


# share, average, sum, multiple -----------------------------------------------------------

def test_share_of_two_counts(tmp_path):
    c = only(run(tmp_path, "全州供养特困人员10072人,其中集中供养对象3935人,集中供养率达39%。"), "share")[0]
    assert c.verdict == "consistent" and c.recomputed == pytest.approx(39.07, abs=0.01)
    assert c.inputs["part"]["value"] == 3935 and c.inputs["whole"]["value"] == 10072
    c = only(run(tmp_path, "全州供养特困人员10072人,其中集中供养对象3935人,集中供养率达45%。"), "share")[0]
    assert c.verdict == "inconsistent"


def test_share_of_unstated_whole_is_unverifiable(tmp_path):
    c = only(run(tmp_path, "其中78.6万人享受城市低保待遇,占全疆非农业人口的9%。"), "share")[0]
    assert c.verdict == "unverifiable"


def test_average_with_yi_and_wan(tmp_path):
    c = only(run(tmp_path, "全国共实施临时救助917.8万人次,支出救助资金128亿元,平均救助水平1395元/人次。"), "average")[0]
    assert c.verdict == "consistent" and c.recomputed == pytest.approx(1394.64, abs=0.01)
    c = only(run(tmp_path, "全国共实施临时救助917.8万人次,支出救助资金128亿元,平均救助水平1500元/人次。"), "average")[0]
    assert c.verdict == "inconsistent"


def test_monthly_average_needs_the_months(tmp_path):
    text = "救助城市低保对象49920人,发放低保金2970.4万元,月人均补差达到201元。"
    assert only(run(tmp_path, text), "average")[0].verdict == "unverifiable"
    c = only(run(tmp_path, "1-6月," + text), "average")[0]
    assert c.inputs["months"]["value"] == 6 and c.recomputed == pytest.approx(99.17, abs=0.01)


def test_sum_of_parts(tmp_path):
    c = only(run(tmp_path, "全市共有城乡低保对象220266人(其中农村低保对象196774人、城市低保对象23492人)。"), "sum")[0]
    assert c.verdict == "consistent" and c.recomputed == 220266
    c = only(run(tmp_path, "共有低保对象20000人,其中农村15000人、城市8000人。"), "sum")[0]
    assert c.verdict == "inconsistent"
    c = only(run(tmp_path, "共有低保对象20000人,其中老年人5000人、儿童3000人。"), "sum")[0]
    assert c.verdict == "unverifiable"  # a list after 其中 need not be exhaustive


def test_rise_inside_qizhong_is_not_a_list(tmp_path):
    checks = run(tmp_path, "基本生活标准由年人均不低于9660元调至10470元,其中财政补助标准由年人均不低于8100元调至8910元。")
    assert not [c for c in checks if c.kind == "sum"]


def test_multiple_against_a_named_reference(tmp_path):
    text = "省级下达的减量建议数是1.4万人,但全州减了11.3万人,是省建议数的10倍。"
    c = only(run(tmp_path, text), "multiple")[0]
    assert c.verdict == "inconsistent" and c.recomputed == pytest.approx(8.07, abs=0.01)
    c = only(run(tmp_path, text.replace("10倍", "8倍")), "multiple")[0]
    assert c.verdict == "consistent"


def test_multiple_of_last_year(tmp_path):
    checks = only(run(tmp_path, "集中供养标准由2200元/年提高到3500元/年,是上年的159.1%。"), "multiple")
    assert checks[0].verdict == "consistent"
    c = only(run(tmp_path, "集中供养对象提高到3500元/年,是上年的159.1%。"), "multiple")[0]
    assert c.verdict == "unverifiable"


# comparison, conversions, rules ----------------------------------------------------------

def test_comparison(tmp_path):
    c = only(run(tmp_path, "农村低保标准为5200元每年,高于扶贫线4000元每年标准。"), "comparison")[0]
    assert c.verdict == "consistent"
    c = only(run(tmp_path, "农村低保标准为3800元每年,高于扶贫线4000元每年标准。"), "comparison")[0]
    assert c.verdict == "inconsistent"


def test_comparison_needs_the_same_subject(tmp_path):
    checks = run(tmp_path, "城市低保标准由每人每月380元提高到440元,财政月人均补差水平不得低于308元。")
    assert not [c for c in checks if c.kind == "comparison"]


def test_yearly_and_monthly_forms_side_by_side(tmp_path):
    c = only(run(tmp_path, "一类标准为每人每年10536元(每人每月878元)。"), "unit_conversion")[0]
    assert c.verdict == "consistent" and c.stated == 878
    c = only(run(tmp_path, "保障标准7200元/年(即650元/月)。"), "unit_conversion")[0]
    assert c.verdict == "inconsistent" and c.recomputed == 600


def test_yearly_and_monthly_forms_in_two_sentences(tmp_path):
    text = ("2020年农村低保标准为5200元每年。城乡低保保障标准提高至2020年的每人每月750元和433元。")
    c = only(run(tmp_path, text), "unit_conversion")[0]
    assert c.verdict == "consistent" and c.stated == 433


def test_rule_against_the_figures_it_governs(tmp_path):
    text = ("城乡低保保障标准提高至2020年的每人每月750元和433元。"
            "特困人员基本生活救助供养金按照城乡最低生活保障标准的1.3倍发放。"
            "城乡特困保障标准提高至2020年的每人每月975元和569元。")
    rules = only(run(tmp_path, text), "ratio")
    got = {c.inputs["governed"]["area"]: (c.verdict, c.recomputed) for c in rules}
    assert got["urban"] == ("consistent", 975)
    assert got["rural"][0] == "inconsistent" and got["rural"][1] == pytest.approx(562.9)
    assert all("1.3倍" in c.quote for c in rules)


def test_rule_uses_extracted_standards(tmp_path):
    def std(program, value, start):
        return Standard("report.txt", "上海市", "310000", program, "all", None, "standard", value,
                        "yuan/person/month", "q", period="2022-07-01", provenance=Provenance(start=start, end=start + 4))
    text = "低保标准为1420元。特困人员供养标准按照最低生活保障标准的1.3倍,调整为1850元。"
    checks = run(tmp_path, text, [std("dibao", 1420, text.index("1420")), std("tekun", 1850, text.index("1850"))])
    c = only(checks, "ratio")[0]
    assert c.verdict == "consistent" and c.inputs["basis"]["from"] == "extractor"


def test_bad_file_is_one_line_error(tmp_path):
    from click.testing import CliRunner
    from factcheck.cli import check as cmd
    r = CliRunner().invoke(cmd, [str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "missing.txt" in r.output and r.output.count("\n") == 1
