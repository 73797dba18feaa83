"""Each claim shape of the fact-checker on short made-up texts written the way reports write them
(places, numbers and wording are invented)."""
from types import SimpleNamespace

import pytest

import extractors
import ingest
from factcheck import check
from factcheck.arithmetic import Interval, holds, stated_interval
from factcheck.diagnosis import diagnose
from schemas import Provenance, Standard, validate_check


def run(tmp_path, text, standards=None):
    """The checks of ``text``: its real extraction, or hand-made standards when given."""
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    doc = ingest.load(p)
    ex = extractors.extract(doc) if standards is None else SimpleNamespace(document=doc, standards=list(standards))
    checks = check(ex)
    for c in checks:
        validate_check(c)
        assert c.source == "report.txt" and c.quote in doc.text
        for fig in c.inputs.values():  # every input shows its text and the clause that says it
            for f in fig if isinstance(fig, list) else [fig]:
                if isinstance(f, dict) and f.get("start") is not None and "text" in f:
                    assert doc.text[f["start"]:f["end"]] == f["text"] or " x " in f["text"]
                    assert f["quote"] and f["text"].split(" x ")[0] in f["quote"]
    return checks


def only(checks, kind):
    got = [c for c in checks if c.kind == kind]
    assert got, f"no {kind} check in {[c.kind for c in checks]}"
    return got


# tolerance -------------------------------------------------------------------------------

def test_a_written_figure_admits_what_rounds_to_it_and_no_more():
    assert stated_interval(22, 0.5) == Interval(21.5, 22.5)
    assert holds(21.5, 22, 0.5) and holds(22.5, 22, 0.5)
    assert not holds(21.49, 22, 0.5) and not holds(22.51, 22, 0.5)
    assert holds(9.45, 9.5, 0.05) and not holds(9.44, 9.5, 0.05)


def test_rounded_inputs_are_carried():
    # 86.4万 stands for [863500, 864500]; over 12 months of 4.8万 persons that is 1.499 to 1.501
    iv = Interval(863500, 864500) / 48000 * (1 / 12)
    assert holds(iv, 1.5, 0.05) and not holds(iv, 1.6, 0.05)


def test_whole_yuan_amounts_are_exact(tmp_path):
    c = only(run(tmp_path, "某县低保标准由每人每月1380元提高到1505元,提高124元。"), "growth")[0]
    assert c.verdict == "inconsistent" and c.recomputed == 125
    assert c.severity == "low" and "one unit" in c.diagnosis
    c = only(run(tmp_path, "某县低保标准由每人每月1380元提高到1505元,提高125元。"), "growth")[0]
    assert c.verdict == "consistent"


def test_a_rate_from_exact_amounts_must_round_to_the_stated_rate(tmp_path):
    # 200 -> 243.1 is 21.55%: a written 22% holds; 243.0 is 21.5% exactly: holds; 242.9 does not
    assert only(run(tmp_path, "乙市保障标准由每人每月200元提高到243.1元,增长22%。"), "growth")[0].verdict == "consistent"
    assert only(run(tmp_path, "乙市保障标准由每人每月200元提高到243元,增长22%。"), "growth")[0].verdict == "consistent"
    bad = only(run(tmp_path, "乙市保障标准由每人每月200元提高到242.9元,增长22%。"), "growth")[0]
    assert bad.verdict == "inconsistent" and bad.severity == "low"


def test_approximate_figures_admit_ten_percent(tmp_path):
    c = only(run(tmp_path, "全县共有低保对象约5000人,其中城镇2100人、农村3200人。"), "sum")[0]
    assert c.verdict == "consistent"


def test_diagnoses():
    assert diagnose(560, 46.7, 0.5, [("monthly/yearly mix-up", 46.7 * 12)]) == ("high", "monthly/yearly mix-up")
    assert diagnose(120, 121, 0.5)[0] == "low"
    assert diagnose(6.8, 6.86, 0.05)[1].startswith("rounding: the figure is truncated")
    assert diagnose(19.2, 12.9, 0.05) == ("high", "transposed digits")
    sev, cause = diagnose(30, 20, 0.5)
    assert sev == "high" and "50.0% off" in cause


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
    assert c.verdict == "consistent" and c.inputs["basis"]["program"] == "dibao"
    assert "1420 x 1.3 = 1846" in c.explanation  # 1850: rounded up to the ten yuan by policy


def test_bad_file_is_one_line_error(tmp_path):
    from click.testing import CliRunner
    from factcheck.cli import check as cmd
    r = CliRunner().invoke(cmd, [str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "missing.txt" in r.output and r.output.count("\n") == 1
