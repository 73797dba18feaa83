"""Figures with their units, read from (normalized) sentences the way policy documents write them."""
import pytest

from language.figures import find_figures, prefix_unit
from ingest.normalize import normalize_text


def figures(text, kind=None):
    text = normalize_text(text)  # the extractor only ever sees normalized text
    out = [f for f in find_figures(text) if kind is None or f.kind == kind]
    for f in out:
        assert text[f.start:f.end] == f.text  # offsets are into the sentence
    return out


@pytest.mark.parametrize("text, value, unit", [
    ("全国农村低保平均标准为5336元/人·年", 5336, "yuan/person/year"),
    ("城市低保标准为495元/月/人", 495, "yuan/person/month"),
    ("城市低保标准提高到480元/人/月", 480, "yuan/person/month"),
    ("农村低保标准提高到3600元／人／年", 3600, "yuan/person/year"),  # full-width slash
    ("散居孤儿基本生活费补助标准为1200元每年", 1200, "yuan/person/year"),
    ("孤儿基本生活费为7200元/年", 7200, "yuan/person/year"),
    ("城市低保月人均补差为300元每月", 300, "yuan/person/month"),
    ("集中供养标准为600元/月、人", 600, "yuan/person/month"),
    ("农村扶贫标准为6200元(1000美元)/人/年", 6200, "yuan/person/year"),
    ("临时救助标准为1000元/人次", 1000, "yuan/case"),
    ("分类施保对象每月增发100元/户/月", 100, "yuan/household/month"),
    ("一次性发放生活补助500元/人", 500, "yuan/person"),
])
def test_written_unit_forms(text, value, unit):
    money = figures(text, "money")
    assert [(f.value, f.unit) for f in money] == [(value, unit)]


@pytest.mark.parametrize("before, unit", [
    ("农村五保对象每人每月", "yuan/person/month"),
    ("城市低保对象月人均补差", "yuan/person/month"),
    ("年人均", "yuan/person/year"),
    ("分散供养人员每人每年发放", "yuan/person/year"),
    ("每户每月", "yuan/household/month"),
    ("每年提高标准后每月", "yuan/person/month"),  # the time word nearest the figure speaks for it
    ("城市低保标准为", None),
])
def test_prefix_unit(before, unit):
    assert prefix_unit(before) == unit


def test_time_words_before_the_figure_leave_the_figure_unit_to_the_prefix():
    text = "农村五保对象每人每月发放三百元"
    (f,) = figures(text, "money")
    assert (f.value, f.unit) == (300, None)
    assert prefix_unit(text[:f.start]) == "yuan/person/month"


def test_a_bare_figure_has_no_unit():
    (f,) = figures("城市低保标准由450元提高到480元", "money")[1:]
    assert (f.value, f.unit) == (480, None)


def test_paired_figures_keep_their_own_units():
    money = figures("城乡低保标准分别为495元/月和2640元/年", "money")
    assert [(f.value, f.unit) for f in money] == [(495, "yuan/person/month"), (2640, "yuan/person/year")]


def test_a_list_of_figures_before_one_unit_gives_one_figure_each():
    money = figures("城乡低保标准分别提高到750元和433元", "money")
    assert [f.value for f in money] == [750, 433]


@pytest.mark.parametrize("text, value", [
    ("全年累计发放城乡低保金28377.84万元", 283_778_400),
    ("投入资金37.一亿元", 3_710_000_000),
    ("发放临时救助金5.2万元", 52_000),
])
def test_wan_and_yi_multiply(text, value):
    (f,) = figures(text, "money")
    assert f.value == pytest.approx(value)


@pytest.mark.parametrize("text, big", [("全年累计发放城乡低保金28377.84万元", "万"), ("发放临时救助金5.2万元", "万"),
                                       ("投入资金37.一亿元", "亿")])
def test_wan_and_yi_multipliers_are_marked(text, big):
    (f,) = figures(text, "money")
    assert f.big == big


@pytest.mark.parametrize("text, value, value_max", [
    ("按照低保标准的10%—30%增发", 10, 30),
    ("按低保标准的10%-30%增发", 10, 30),
    ("按低保标准的10%～30%增发", 10, 30),  # full-width tilde, normalized to ~
    ("增发10%至30%的补助", 10, 30),
])
def test_percent_ranges(text, value, value_max):
    (f,) = figures(text, "percent")
    assert (f.value, f.value_max, f.unit) == (value, value_max, "percent")


@pytest.mark.parametrize("text, unit", [
    ("临时救助标准为500至800元/人·月", "yuan/person/month"),
    ("临时救助标准为500-800元/人·月", "yuan/person/month"),
    ("临时救助标准为500元—800元", None),  # 元 on both ends is still one range
    ("每人每月500元至800元", None),
])
def test_money_ranges(text, unit):
    (f,) = figures(text, "money")
    assert (f.value, f.value_max, f.unit) == (500, 800, unit)


@pytest.mark.parametrize("text, kind, value", [
    ("按照城乡最低生活保障标准的1.3倍确定", "ratio", 1.3),
    ("特困人员基本生活标准不低于当地低保标准的1.3倍", "ratio", 1.3),
    ("全年支出是上年的159.1%", "percent", 159.1),
    ("按照当地最低工资标准的百分之三十确定", "percent", 30),
])
def test_multiples_and_percents(text, kind, value):
    (f,) = figures(text, kind)
    assert f.value == pytest.approx(value)
    assert f.unit == ("ratio" if kind == "ratio" else "percent")


def test_chinese_fractions_are_percents():
    fr = figures("全护理、半护理、全自理人员分别按照当地最低工资标准的四分之一、六分之一、十分之一确定")
    assert [(f.kind, f.value, f.fraction) for f in fr] == [
        ("percent", 25, True), ("percent", pytest.approx(16.67, abs=0.01), True), ("percent", 10, True)]


def test_digit_fractions_are_percents():
    (f,) = figures("护理标准按低保标准的1/3确定")
    assert (f.kind, f.value, f.fraction) == ("percent", pytest.approx(33.33, abs=0.01), True)


@pytest.mark.parametrize("text", ["自2021/1/1起执行", "标准为600元/人", "2020/2021学年"])
def test_slashes_that_are_not_fractions(text):
    assert [f for f in figures(text) if f.fraction] == []


def test_parenthetical_equivalents_are_asides():
    money = figures("孤儿基本生活费标准为7200元/年(即600元/月)", "money")
    assert [(f.value, f.unit, f.aside) for f in money] == [
        (7200, "yuan/person/year", False), (600, "yuan/person/month", True)]


def test_full_width_parentheses_are_asides_too():
    money = figures("农村低保标准为4800元/人·年（约合每月400元）", "money")
    assert [(f.value, f.aside) for f in money] == [(4800, False), (400, True)]


def test_a_foreign_currency_equivalent_is_not_a_figure():
    money = figures("扶贫标准为6200元(1000美元)/人/年")
    assert [f.value for f in money] == [6200]


def test_figures_come_in_text_order():
    fr = figures("城市低保标准为每人每月600元,特困人员供养标准按低保标准的1.3倍确定,增发10%")
    assert [f.kind for f in fr] == ["money", "ratio", "percent"]
    assert [f.start for f in fr] == sorted(f.start for f in fr)


@pytest.mark.parametrize("text, total", [
    ("全年累计发放城乡低保金28377.84万元", True),
    ("发放临时救助金5.2万元", True),
    ("中央财政下拨补助资金25亿元", True),
    ("对考入全日制本科的孤儿,每人每学年给予1万元孤儿助学金", False),   # 万 per person: a standard
    ("城市低保标准提高到每人每月710元", False),
    ("全年发放资金78000元", True),                                     # above any per-person standard
])
def test_totals_are_told_from_per_person_amounts(text, total):
    from language.figures import is_total
    (f,) = figures(text, "money")
    assert is_total(text, f) is total


@pytest.mark.parametrize("text, value, value_max", [
    ("临时救助标准按照当地月低保标准的2至6倍确定", 2, 6),
    ("按低保标准的2-6倍确定", 2, 6),
    ("一般为2倍至3倍", 2, 3),
    ("按照低保标准的1.3倍确定", 1.3, None),
])
def test_multiples_and_their_ranges(text, value, value_max):
    (f,) = figures(text, "ratio")
    assert (f.value, f.value_max, f.unit) == (value, value_max, "ratio")


# what a checker recomputes with -----------------------------------------------------------

def test_every_figure_adds_counts_money_without_yuan_proportions_and_products():
    from language.figures import find_every_figure
    text = "救助36.4万人次,支出53亿人民币,已脱贫2210数万人,共8813户,标准之比为1.52:1,补助7824(652×12)元,标准为每人每月652元"
    figs = {f.text: f for f in find_every_figure(text)}
    assert (figs["36.4万人次"].kind, figs["36.4万人次"].unit, figs["36.4万人次"].value) == ("count", "person_time", 364000)
    assert figs["53亿人民币"].kind == "money" and figs["53亿人民币"].value == 5.3e9
    assert figs["2210数万人"].value == 22100000 and figs["8813户"].unit == "household"
    assert figs["1.52:1"].kind == "proportion" and figs["1.52:1"].value == 1.52
    assert figs["7824"].kind == "money" and figs["(652×12)元"].value == 7824
    # the standards reader's figures are among them, unchanged
    every = find_every_figure(text)
    assert find_figures(text) and all(f in every for f in find_figures(text))


@pytest.mark.parametrize("text, precision", [("22%", 0.5), ("9.5%", 0.05), ("917.8万人", 500), ("128亿元", 0.5e8),
                                             ("1380元", 0.5), ("1.3倍", 0.05), ("2210数万人", 5000)])
def test_precision_is_half_the_last_written_digit(text, precision):
    from language.figures import find_every_figure
    assert find_every_figure(text)[0].precision == pytest.approx(precision)


def test_approximate_figures_are_marked():
    from language.figures import find_every_figure
    assert [f.approximate for f in find_every_figure("约3000人,4000余人,5000人左右,6000人")] == [True, True, True, False]
