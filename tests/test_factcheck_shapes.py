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
    c = only(run(tmp_path, "共有低保对象20000人,其中老年人12000人、残疾人9000人。"), "sum")[0]
    assert c.verdict == "unverifiable"  # categories that may overlap


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


# shapes real reports use (made-up places and figures) --------------------------------------

def test_rate_stated_before_its_values_holds_for_each_pair(tmp_path):
    text = "今年青山市城乡低保标准均提高6%,城区由每人每月900元提高至954元,郊县由每人每月700元提高至742元。"
    checks = only(run(tmp_path, text), "growth")
    assert [(c.inputs["from"]["value"], c.verdict) for c in checks] == [(900, "consistent"), (700, "consistent")]
    bad = only(run(tmp_path, text.replace("742元", "760元")), "growth")
    assert [c.verdict for c in bad] == ["consistent", "inconsistent"]


def test_a_rate_before_its_values_stops_at_another_subject(tmp_path):
    text = "全县低保标准提高6%,由每人每月500元提高到530元,分类施保对象补助水平由每人每月200元提高到230元。"
    checks = only(run(tmp_path, text), "growth")
    assert [c.inputs["to"]["value"] for c in checks] == [530]


def test_amounts_stated_before_their_values_pair_in_order(tmp_path):
    text = ("其中城区低保提高35元,从每人每月905元提高至940元,山区低保提高300元,从每人每年8200元提高至8500元;"
            "全护理标准提高90元,从每人每月1210元提高至1301元。")
    got = [(c.stated, c.recomputed, c.verdict) for c in only(run(tmp_path, text), "growth")]
    assert got == [(35, 35, "consistent"), (300, 300, "consistent"), (90, 91, "inconsistent")]


def test_a_claim_spelled_out_in_the_sentences_after_it(tmp_path):
    text = "10月1日起,全市城镇低保标准调高25元。具体方案为:中心城区从455元调至480元;其他县从390元调至415元。"
    checks = [c for c in only(run(tmp_path, text), "growth") if c.verdict != "unverifiable"]
    assert [(c.inputs["from"]["value"], c.verdict) for c in checks] == [(455, "consistent"), (390, "consistent")]


def test_increase_across_clauses_without_you_dao(tmp_path):
    text = "2021年生活补贴标准是每人每月90元,2022年在2021年的基础上提高15元,现在生活补贴标准为105元/月/人。"
    c = only(run(tmp_path, text), "growth")[0]
    assert c.verdict == "consistent" and c.inputs["from"]["value"] == 90 and c.inputs["to"]["value"] == 105
    c = only(run(tmp_path, text.replace("105元", "110元")), "growth")[0]
    assert c.verdict == "inconsistent"
    # no earlier time said: 提高15元, 达到105元 is not checked against an unrelated figure
    c = only(run(tmp_path, "护理补贴每人每月90元。残疾人生活补贴每人每月提高15元,达到105元。"), "growth")[0]
    assert c.verdict == "unverifiable"


def test_growth_with_the_earlier_value_elsewhere_in_another_period(tmp_path):
    text = ("全省城乡低保标准由月人均不低于610元、415元提高到不低于650元、450元。"
            "今年全省农村低保标准达到每人每年5400元,增幅8.4%。")
    c = [c for c in only(run(tmp_path, text), "growth") if c.stated == 8.4][0]
    assert c.verdict == "consistent" and "(5400-4980)/4980" in c.explanation  # 415 a month, a year


def test_same_rate_rise(tmp_path):
    text = "全市低保标准由800元/月提高到840元/月,增幅5%;月人均救助水平由不低于500元同幅增加到不低于525元。"
    checks = only(run(tmp_path, text), "growth")
    assert [(c.inputs["to"]["value"], c.verdict) for c in checks] == [(840, "consistent"), (525, "consistent")]


def test_average_per_person_time_is_a_monthly_average(tmp_path):
    text = "城镇低保累计保障15000人次,支出低保金210万元,月人均补助水平达到140元。"
    c = only(run(tmp_path, text), "average")[0]
    assert c.verdict == "consistent" and c.recomputed == 140 and "months" not in c.inputs


def test_average_over_part_of_a_year(tmp_path):
    text = "截至2023年6月底,全区共有城市低保对象2000人,累计发放低保金480万元,月平均补助水平为400元。"
    c = only(run(tmp_path, text), "average")[0]
    assert c.inputs["months"]["value"] == 6 and c.verdict == "consistent"
    assert "±3%" in c.explanation  # the count is at the end of June, the money over six months
    c = only(run(tmp_path, text.replace("400元", "480元")), "average")[0]
    assert c.verdict == "inconsistent"


def test_average_over_one_of_several_counts_is_not_guessed(tmp_path):
    text = "全县共救助8000人,其中城镇救助3100人次,支出救助金320万元,年人均救助水平达到517元。"
    assert only(run(tmp_path, text), "average")[0].verdict == "unverifiable"


def test_sum_of_parts_across_clauses_and_sentences(tmp_path):
    text = ("1.全县共有低保对象5420人,其中,城镇低保对象610人,保障标准为760元/人·月;"
            "农村低保对象4810人,保障标准为520元/人·月。")
    c = only(run(tmp_path, text), "sum")[0]
    assert c.verdict == "consistent" and [p["value"] for p in c.inputs["parts"]] == [610, 4810]


def test_one_qizhong_for_two_totals(tmp_path):
    text = "全区救助低保对象8000人,发放低保金960万元。其中城镇2000人,发放300万元;农村6000人,发放660万元。"
    got = {c.stated: c.verdict for c in only(run(tmp_path, text), "sum")}
    assert got == {8000: "consistent", 960: "consistent"}


def test_sums_without_qizhong_are_reported_when_they_add_up(tmp_path):
    c = only(run(tmp_path, "对丧失劳动能力的66.2万人(城镇21.5万人、农村44.7万人)实施分类施保。"), "sum")[0]
    assert c.verdict == "consistent"
    assert not [c for c in run(tmp_path, "对丧失劳动能力的66.2万人(城镇21.5万人、农村40.7万人)实施分类施保。")
                if c.kind == "sum"]


def test_rule_with_monthly_basis_and_yearly_figure(tmp_path):
    text = ("城镇低保标准由每人每月700元提高到750元。"
            "特困人员基本生活标准按照城镇低保标准的1.3倍同步提高,由每人每年10920元提高到11700元。")
    got = sorted((c.stated, c.verdict) for c in only(run(tmp_path, text), "ratio"))
    assert got == [(10920, "consistent"), (11700, "consistent")]  # 700 x 12 x 1.3, 750 x 12 x 1.3
    bad = only(run(tmp_path, text.replace("11700元", "11900元")), "ratio")
    assert "inconsistent" in [c.verdict for c in bad]


def test_rule_result_rounded_up_by_policy(tmp_path):
    text = "本县低保标准为每人每月1105元。特困人员供养标准按照低保标准的1.3倍,调整为每人每月1440元。"
    c = only(run(tmp_path, text), "ratio")[0]
    assert c.verdict == "consistent" and c.recomputed == pytest.approx(1436.5)  # rounded up to the ten
    c = only(run(tmp_path, text.replace("1440元", "1437元")), "ratio")[0]
    assert c.verdict == "consistent"  # rounded up to the yuan
    c = only(run(tmp_path, text.replace("1440元", "1452元")), "ratio")[0]
    assert c.verdict == "inconsistent"


def test_rule_basis_is_never_a_tier_or_class_payment(tmp_path):
    text = ("农村低保标准为每人每年6000元。一档特别困难家庭每人每月补助400元。"
            "特困人员基本生活标准按照当地低保标准的1.3倍确定,农村为每人每年7800元。")
    checks = only(run(tmp_path, text), "ratio")
    assert [(c.inputs["basis"]["value"], c.verdict) for c in checks] == [(6000, "consistent")]


def test_urban_rural_proportion(tmp_path):
    text = "城市低保标准提高到每人每月700元,农村低保标准提高到每人每年6000元。调整后,城乡低保标准之比为1.4:1。"
    c = only(run(tmp_path, text), "multiple")[0]
    assert c.verdict == "consistent" and c.recomputed == pytest.approx(1.4)
    c = only(run(tmp_path, text.replace("1.4:1", "1.2:1")), "multiple")[0]
    assert c.verdict == "inconsistent"


def test_care_levels_as_shares_of_the_minimum_wage(tmp_path):
    text = "按照本市上年度最低工资标准为21600元计算,全自理、半护理、全护理人员每人每年2160元、3600元、7200元。"
    got = [(c.stated, c.verdict) for c in only(run(tmp_path, text), "ratio")]
    assert got == [(2160, "consistent"), (3600, "consistent"), (7200, "consistent")]
    stated = ("照料护理标准分别按最低工资标准的10%、20%、40%确定。"
              + text.replace("3600元", "4320元").replace("7200元", "8000元"))
    got = {c.stated: c.verdict for c in only(run(tmp_path, stated), "ratio")}
    assert got == {2160: "consistent", 4320: "consistent", 8000: "inconsistent"}  # 21600 x 40% = 8640


def test_tier_payments_are_not_the_monthly_form_of_a_yearly_standard(tmp_path):
    text = ("农村低保标准从每人每年5200元提高到每人每年6000元。"
            "农村低保分档补助标准调整为:一档特别困难家庭户每人每月补助360元,二档比较困难家庭户每人每月补助250元。")
    assert not [c for c in run(tmp_path, text) if c.kind == "unit_conversion"]


def test_bracketed_arithmetic(tmp_path):
    c = only(run(tmp_path, "财政补助标准由年人均不低于8400元调至8760(730×12)元。"), "multiple")[0]
    assert c.verdict == "consistent" and c.recomputed == 8760
    c = only(run(tmp_path, "财政补助标准由年人均不低于8400元调至8800(730×12)元。"), "multiple")[0]
    assert c.verdict == "inconsistent"


def test_monthly_yearly_mix_up_is_diagnosed(tmp_path):
    text = "农村低保标准为每人每月500元。特困人员基本生活标准按照低保标准的1.3倍,确定为每人每月7800元。"
    c = only(run(tmp_path, text), "ratio")[0]
    assert c.verdict == "inconsistent" and (c.severity, c.diagnosis) == ("high", "monthly/yearly mix-up")


# CLI -------------------------------------------------------------------------------------

def test_cli_many_files_fail_on_and_a_summary_each(tmp_path):
    from click.testing import CliRunner
    from factcheck.cli import check as cmd
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("某县低保标准由每人每月1380元提高到1505元,提高124元。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某县低保标准由每人每月1380元提高到1505元,提高125元。", encoding="utf-8")
    r = CliRunner().invoke(cmd, [str(tmp_path / "d"), str(tmp_path / "b.txt"), "--fail-on", "inconsistent"])
    assert r.exit_code == 1
    assert "a.txt: 1 checks, 0 consistent, 1 inconsistent" in r.output and "b.txt: 1 checks, 1 consistent" in r.output
    assert "INCONSISTENT" in r.output and "from: 1380元  « 某县低保标准由每人每月1380元提高到1505元, »" in r.output
    r = CliRunner().invoke(cmd, [str(tmp_path / "b.txt"), "--fail-on", "inconsistent"])
    assert r.exit_code == 0
    r = CliRunner().invoke(cmd, [str(tmp_path / "d"), "--json"])
    assert r.exit_code == 0 and '"severity": "low"' in r.output


def test_floors_and_averages_are_not_the_other_form_of_a_standard(tmp_path):
    text = ("全省农村低保最低指导标准为每人每月600元,全省农村低保平均标准为每人每月640元。"
            "本县农村低保标准为每人每年6900元。")
    assert [c for c in run(tmp_path, text) if c.verdict == "inconsistent"] == []


def test_an_average_without_its_period_is_not_called_wrong(tmp_path):
    text = "全市共有低保对象50000人,发放低保金30000万元,人均补助水平达到500元。"  # 6000 is a year's
    assert only(run(tmp_path, text), "average")[0].verdict == "unverifiable"
    text = "全市共有低保对象50000人,发放低保金30000万元,年人均补助水平达到5000元。"
    assert only(run(tmp_path, text), "average")[0].verdict == "inconsistent"


def test_a_rule_does_not_govern_the_care_standard_after_it(tmp_path):
    text = ("城市低保标准为每人每月800元。"
            "特困人员基本生活标准按照不低于低保标准的1.3倍确定,为每人每月1040元,照料护理标准为每人每月300元。")
    assert [(c.stated, c.verdict) for c in only(run(tmp_path, text), "ratio")] == [(1040, "consistent")]


def test_rule_figures_take_the_area_named_before_each(tmp_path):
    text = ("城市低保标准为每人每月820元,农村低保标准为每人每年7300元。特困人员基本生活标准按照不低于当地低保标准的"
            "1.3倍确定,即城市不低于每人每月1066元,农村不低于每人每年9490元。")
    got = sorted((c.inputs["governed"]["area"], c.verdict) for c in only(run(tmp_path, text), "ratio"))
    assert got == [("rural", "consistent"), ("urban", "consistent")]


def test_an_average_per_case(tmp_path):
    c = only(run(tmp_path, "上半年实施临时救助1.6万人次,支出救助资金2240万元,次均救助1400元。"), "average")[0]
    assert c.verdict == "consistent" and c.inputs["count"]["text"] == "1.6万人次"


def test_proportions_of_two_years(tmp_path):
    text = ("城市低保标准由2016年的每人每月450元提高到2021年的每人每月690元,"
            "农村低保标准由2016年的每人每年3000元提高到2021年的每人每年6000元。城乡低保标准之比由2016年的1.8:1缩小到1.38:1。")
    got = [(c.stated, c.verdict) for c in only(run(tmp_path, text), "multiple")]
    assert got == [(1.8, "consistent"), (1.38, "consistent")]  # 5400/3000, 8280/6000


def test_a_fall_against_the_value_after_jiao(tmp_path):
    c = only(run(tmp_path, "2023年全县特困人员减少至2520人,较2022年的2800人下降10%。"), "growth")[0]
    assert c.verdict == "consistent" and c.inputs["from"]["value"] == 2800 and c.inputs["from"]["year"] == 2022
    c = only(run(tmp_path, "2023年全县特困人员减少至2520人,较2022年的2800人下降12%。"), "growth")[0]
    assert c.verdict == "inconsistent"


def test_an_amount_and_a_rate_of_one_pair(tmp_path):
    text = "今年城镇低保标准提高了36元,由每人每月720元提高到756元,增幅5%。"
    got = [(c.stated, c.verdict) for c in only(run(tmp_path, text), "growth")]
    assert got == [(36, "consistent"), (5, "consistent")]


def test_an_average_over_the_counts_of_the_sentence_before(tmp_path):
    text = "全县低保对象共计1.2万户2.1万人。全年发放低保资金1.44亿元,户均发放12000元。"
    c = only(run(tmp_path, text), "average")[0]
    assert c.verdict == "consistent" and c.inputs["count"]["text"] == "1.2万户"
    # borrowed counts are only used when one gives the average
    c = only(run(tmp_path, text.replace("12000元", "15000元")), "average")[0]
    assert c.verdict == "unverifiable"


def test_a_rate_does_not_govern_another_programs_pair(tmp_path):
    text = "全市低保标准提高5%,由每人每月700元提高到735元,特困人员供养标准由每人每月1000元提高到1100元。"
    assert [c.inputs["to"]["value"] for c in only(run(tmp_path, text), "growth")] == [735]
