"""Dates as policy text writes them: absolute, relative to the document, plan periods, effective dates."""
import pytest

from language.dates import effective_date, find_dates, iso, plan_period, reference_year


def dates(text, ref_year=None):
    found = find_dates(text, ref_year)
    for d in found:
        assert text[d.start:d.end] == d.text
    return [(d.text, d.value) for d in found]


@pytest.mark.parametrize("ordinal, years", [
    ("十三", (2016, 2020)), ("十二", (2011, 2015)), ("十四", (2021, 2025)), ("十一", (2006, 2010)),
    ("六", (1981, 1985)), ("一", (1953, 1957)),
])
def test_plan_period(ordinal, years):
    assert plan_period(ordinal) == years


@pytest.mark.parametrize("ordinal", ["", "零", "x"])
def test_plan_period_of_no_plan(ordinal):
    assert plan_period(ordinal) is None


@pytest.mark.parametrize("text, value", [
    ("十二五期末,全州城市低保标准达到每人每月300元", "2015"),
    ("“十二五”末,农村低保标准提高到2400元", "2015"),
    ("十三五期间,累计发放低保金", "2016/2020"),
    ("“十三五”时期民政事业发展规划", "2016/2020"),
    ("十四五期末", "2025"),
])
def test_named_plan_periods(text, value):
    found = [d for d in find_dates(text) if d.plan]
    assert [d.value for d in found] == [value]


@pytest.mark.parametrize("text, ref_year, value", [
    ("今年城乡低保标准继续提高", 2016, "2016"),
    ("当年发放低保金", 2016, "2016"),
    ("上年农村低保标准为3000元", 2016, "2015"),
    ("去年底全市低保对象", 2020, "2019"),
    ("明年起执行新标准", 2020, "2021"),
    ("截至17年底,全县低保对象", 2018, "2017"),
    ("到18年末", 2018, "2018"),
])
def test_relative_dates_take_the_reference_year(text, ref_year, value):
    found = [d for d in find_dates(text, ref_year) if d.relative]
    assert [d.value for d in found] == [value]


def test_relative_dates_need_a_reference_year():
    assert dates("今年城乡低保标准继续提高,截至17年底") == []


def test_a_two_digit_year_after_the_reference_year_is_not_a_date():
    assert [d for d in find_dates("19年末完成", 2016) if d.relative] == []


@pytest.mark.parametrize("text, value", [
    ("2021年7月1日起执行", "2021-07-01"),
    ("2019年11月", "2019-11"),
    ("2015年全州城市低保", "2015"),
    ("2020年度", "2020"),
    ("2016年2月29日", "2016-02-29"),
])
def test_absolute_dates(text, value):
    assert [v for _, v in dates(text)] == [value]


@pytest.mark.parametrize("text", ["2021年2月30日起执行", "2019年2月29日", "2020年13月", "2020年4月31日"])
def test_impossible_dates_give_no_date(text):
    assert dates(text) == []


def test_document_numbers_are_not_dates():
    assert dates("黔南府办函〔2015〕3号") == []


@pytest.mark.parametrize("y, m, d, value", [
    (2020, 2, 29, "2020-02-29"), (2000, 2, 29, "2000-02-29"), (2019, 2, 29, None), (2100, 2, 29, None),
    (2020, 13, None, None), (2020, 6, None, "2020-06"), (1900, None, None, None), (2015, None, None, "2015"),
])
def test_iso(y, m, d, value):
    assert iso(y, m, d) == value


@pytest.mark.parametrize("text, ref_year, value", [
    ("新标准自2021年1月1日起执行", None, "2021-01-01"),
    ("城乡低保标准从2019年7月起提高", None, "2019-07"),
    ("调整后的标准自7月1日起执行", 2019, "2019-07-01"),
    ("调整后的标准自7月1日起执行", None, None),  # a month and day with no year to attach to
    ("新标准自2021年2月30日起执行", None, None),
    ("城乡低保标准继续提高", 2019, None),
])
def test_effective_date(text, ref_year, value):
    assert effective_date(text, ref_year) == value


def test_reference_year_prefers_the_effective_date():
    text = "2015年全州城乡低保工作总结。2015年全州……新标准自2016年1月1日起执行"
    assert reference_year(text) == 2016


def test_reference_year_is_the_year_named_most_as_current():
    text = "2012年以来,全州低保工作稳步推进。2015年全州城市低保标准提高。2015年全州农村低保标准提高。"
    assert reference_year(text) == 2015


def test_reference_year_falls_back_to_publication():
    assert reference_year("城乡低保标准继续提高", "2019-05-01") == 2019
    assert reference_year("城乡低保标准继续提高") is None


@pytest.mark.parametrize("text, published, year", [
    # the only year a news item names is the year it speaks of (then 6月14日起 takes it)
    ("近期(6月14日起),我市调整了2023年城乡低保标准及其他困难对象救济标准。", None, 2023),
    # …but not when that year is when something began, a target, or a baseline
    ("陕西宁陕县自2017年刚开始推行贫困失能人员集中供养。今年全县低保标准提高。", None, None),
    ("到2025年,城乡低保标准稳步提高。", None, None),
    ("城市低保标准比2019年增长8%。", None, None),
    ("城市低保标准比2019年增长8%。", "2020-06-11", 2020),
    # two different years named once each: neither is the document's
    ("2019年城市低保标准为600元,2020年提高到650元。", None, None),
])
def test_reference_year_from_a_lone_year(text, published, year):
    assert reference_year(text, published) == year


def test_a_lone_year_dates_a_day_given_without_one():
    text = "近期(6月14日起),我市调整了2023年城乡低保标准及其他困难对象救济标准。"
    assert effective_date(text, reference_year(text)) == "2023-06-14"
