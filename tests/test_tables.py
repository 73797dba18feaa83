"""Tables of every layout: the grid ingest rebuilds and the records the table reader takes from it.

Places, numbers and wording are made up (PHENOMENA.md TABLE_FLAT, issue 13)."""
import ingest.build as build
from extractors import extract


def load_text(text: str):
    return build.build_document(doc_id="t", source="t.txt", format="txt", original=text, chrome=True)


def tables(doc):
    return [b for b in doc.blocks if b.kind == "table"]


def records(text: str):
    return extract(load_text(text)).standards


def got(recs, *fields):
    return sorted(tuple(getattr(r, f) for f in fields) for r in recs)


FLAT = """衢州市2021年低保标准一览

单位:元/月·人

档次

低保标准

执行地区

第一档

905

柯城区、衢江区

第二档

860

江山市、常山县、开化县、龙游县
"""


def test_one_cell_per_line_is_rebuilt_into_a_grid():
    (t,) = tables(load_text(FLAT))
    assert t.rows == [["档次", "低保标准", "执行地区"], ["第一档", "905", "柯城区、衢江区"],
                      ["第二档", "860", "江山市、常山县、开化县、龙游县"]]
    assert t.caption == "单位:元/月·人"


def test_one_cell_per_line_gives_a_record_per_place():
    recs = records(FLAT)
    assert got(recs, "region", "program", "area", "value", "unit", "period") == sorted(
        [(p, "dibao", "all", 905, "yuan/person/month", "2021") for p in ("柯城区", "衢江区")]
        + [(p, "dibao", "all", 860, "yuan/person/month", "2021") for p in ("江山市", "常山县", "开化县", "龙游县")])
    r = next(r for r in recs if r.region == "江山市")
    assert r.quote.startswith("第二档") and r.quote.endswith("龙游县")
    assert (r.provenance.table_row, r.provenance.table_column) == (2, 1)


MERGED = """2019年全省城乡低保最低标准

单位:元/人月

类别

城乡低保标准

城乡低保补差水平

适用地区

城镇

农村

城镇

农村

一类

980

700

520

南昌市、九江市

二类

820

610

560

300

赣州市(含瑞金市)、吉安市(不含井冈山市)、上饶市所辖县

备注:

1.补差水平是指当月低保资金支出除以当月低保对象人数得出的月人均补差。
"""


def test_a_merged_header_explains_a_short_row():
    (t,) = tables(load_text(MERGED))
    assert t.rows[:2] == [["类别", "城乡低保标准", "城乡低保标准", "城乡低保补差水平", "城乡低保补差水平", "适用地区"],
                          ["类别", "城镇", "农村", "城镇", "农村", "适用地区"]]
    assert t.rows[2][:5] == ["一类", "980", "980", "700", "520"]  # one standard for town and country
    assert len(t.rows) == 4  # the notes are not rows


def test_a_merged_header_gives_one_figure_for_the_group_and_the_title_gives_the_metric():
    recs = records(MERGED)
    nanchang = got([r for r in recs if r.region == "南昌市"], "area", "metric", "value")
    assert nanchang == [("all", "floor", 980), ("rural", "subsidy_level", 520), ("urban", "subsidy_level", 700)]
    assert {r.period for r in recs} == {"2019"}
    # (含…) adds no row of its own, (不含…) subtracts, 所辖县 is a group named after its city
    assert {r.region for r in recs if r.value == 820} == {"赣州市", "吉安市", "上饶市所辖县"}
    assert {r.adcode for r in recs if r.region == "上饶市所辖县"} == {None}


CODES = """2016年3季度各省农村低保平均标准
(元/人、年)
| 区划代码 | 地区 | 平均低保标准 | 区县合计数 | 区县数量 |
|---|---|---|---|---|
| | 全国 | 3900 | 15600 | 4 |
| 32 | 江\ufffd省 | 4200 | 8400 | 2 |
| 510000 | 四川 | 3600 | 7200 | 2 |
| 注:平均标准为算术平均 | | | | |
"""


def test_a_code_column_resolves_a_garbled_or_short_name_and_counts_are_not_standards():
    recs = records(CODES)
    assert got(recs, "region", "adcode", "metric", "value", "unit", "period") == [
        ("全国", "100000", "avg_standard", 3900, "yuan/person/year", "2016-09"),
        ("四川省", "510000", "avg_standard", 3600, "yuan/person/year", "2016-09"),
        ("江苏省", "320000", "avg_standard", 4200, "yuan/person/year", "2016-09")]
    assert {r.area for r in recs} == {"rural"}


FLAT_CODES = """2015年9月份全国县以上农村低保平均标准

金额单位:元/人·年

区划代码

地区

平均低保标准

区县合计数

区县数量

全国

3900

15600

4

130000

河北省

3300

6600

2

650000

新疆维吾尔自治区

4500

9000

2
"""


def test_one_cell_per_line_with_a_code_column_and_an_uncoded_total():
    (t,) = tables(load_text(FLAT_CODES))
    assert t.rows[1] == ["", "全国", "3900", "15600", "4"]
    recs = records(FLAT_CODES)
    assert got(recs, "adcode", "area", "metric", "value", "period") == [
        ("100000", "rural", "avg_standard", 3900, "2015-09"), ("130000", "rural", "avg_standard", 3300, "2015-09"),
        ("650000", "rural", "avg_standard", 4500, "2015-09")]


def test_a_month_inside_the_title_dates_the_table():
    text = "2012年农村低保9月份地级标准\n| 地区 | 月标准 |\n|---|---|\n| 襄阳市 | 210 |\n| 荆州市 | 190 |\n"
    assert got(records(text), "region", "area", "value", "unit", "period") == [
        ("荆州市", "rural", 190, "yuan/person/month", "2012-09"), ("襄阳市", "rural", 210, "yuan/person/month", "2012-09")]


def test_the_publication_date_alone_is_no_period_and_a_cell_suffix_gives_the_unit():
    text = ("宜昌市城乡低保标准\n发布时间:2019-05-06\n| 县市区 | 城市低保 | 农村低保 |\n|---|---|---|\n"
            "| 夷陵区 | 620元/月 | 5400元/年 |\n| 远安县 | 600元/月 | 5200元/年 |\n")
    assert got(records(text), "region", "area", "value", "unit", "period") == [
        ("夷陵区", "rural", 5400, "yuan/person/year", None), ("夷陵区", "urban", 620, "yuan/person/month", None),
        ("远安县", "rural", 5200, "yuan/person/year", None), ("远安县", "urban", 600, "yuan/person/month", None)]


def test_ten_thousands_of_yuan_and_variants_from_the_header():
    text = ("湖南省2018年各市孤儿基本生活费\n单位:万元/人·年\n| 市 | 集中供养孤儿 | 社会散居孤儿 |\n|---|---|---|\n"
            "| 长沙市 | 1.6 | 1.2 |\n| 株洲市 | 1.5 | 1.1 |\n")
    assert got(records(text), "region", "program", "variant", "value", "unit", "period") == [
        ("株洲市", "orphan", "institutional", 15000, "yuan/person/year", "2018"),
        ("株洲市", "orphan", "scattered", 11000, "yuan/person/year", "2018"),
        ("长沙市", "orphan", "institutional", 16000, "yuan/person/year", "2018"),
        ("长沙市", "orphan", "scattered", 12000, "yuan/person/year", "2018")]


def test_rows_that_name_the_program_stand_for_the_document_s_region():
    text = ("绵阳市2020年社会救助标准\n| 项目 | 城市 | 农村 |\n|---|---|---|\n"
            "| 低保标准(元/月) | 660 | 520 |\n| 特困人员基本生活标准(元/月) | 860 | 680 |\n")
    assert got(records(text), "adcode", "program", "area", "value", "region_inferred") == [
        ("510700", "dibao", "rural", 520, True), ("510700", "dibao", "urban", 660, True),
        ("510700", "tekun", "rural", 680, True), ("510700", "tekun", "urban", 860, True)]


def test_a_table_of_planned_standards_is_a_target():
    text = "2025年城乡低保目标标准\n| 地区 | 城市低保标准(元/月) |\n|---|---|\n| 襄阳市 | 900 |\n| 荆州市 | 880 |\n"
    assert {(r.status, r.period) for r in records(text)} == {("target", "2025")}


def test_an_html_cell_spanning_rows_and_columns_stands_in_every_place_it_covers():
    from bs4 import BeautifulSoup

    from ingest.htmlfile import _rows

    page = ("<table><tr><th rowspan=2>地区</th><th colspan=2>城市</th></tr><tr><th>标准</th><th>补差</th></tr>"
            "<tr><td>甲县</td><td rowspan=2>700</td><td>400</td></tr><tr><td>乙县</td><td>380</td></tr></table>")
    assert _rows(BeautifulSoup(page, "lxml").table) == [
        ["地区", "城市", "城市"], ["地区", "标准", "补差"], ["甲县", "700", "400"], ["乙县", "700", "380"]]


def test_a_table_by_year_dates_each_row_by_its_year():
    text = ("贵阳市历年城乡低保标准\n单位:元/人·月\n| 年份 | 城市低保标准 | 农村低保标准 |\n|---|---|---|\n"
            "| 2015 | 580 | 300 |\n| 2016年 | 620 | 340 |\n")
    assert got(records(text), "adcode", "area", "value", "period") == [
        ("520100", "rural", 300, "2015"), ("520100", "rural", 340, "2016"),
        ("520100", "urban", 580, "2015"), ("520100", "urban", 620, "2016")]


def flat(*cells):
    return "\n\n".join(cells) + "\n"


def test_one_cell_per_line_keeps_its_title_out_of_the_header_and_a_serial_column_out_of_the_figures():
    text = flat("兰州市2021年城乡低保标准", "序号", "县区", "城市低保标准", "农村低保标准",
                "1", "城关区", "807", "7764", "2", "七里河区", "807", "7764", "3", "榆中县", "751", "6432")
    (t,) = tables(load_text(text))
    assert t.rows[0] == ["序号", "县区", "城市低保标准", "农村低保标准"]
    assert got(records(text), "region", "area", "value", "period")[:2] == [
        ("七里河区", "rural", 7764, "2021"), ("七里河区", "urban", 807, "2021")]
    assert len(records(text)) == 6


def test_a_unit_a_header_cell_broke_onto_its_own_line_stays_with_it():
    text = flat("兰州市2021年城乡低保标准", "县区", "城市低保标准", "(元/人·月)", "农村低保标准", "(元/人·年)",
                "城关区", "807", "7764", "榆中县", "751", "6432")
    (t,) = tables(load_text(text))
    assert t.rows[0] == ["县区", "城市低保标准(元/人·月)", "农村低保标准(元/人·年)"]
    assert got(records(text), "region", "area", "value", "unit") == [
        ("城关区", "rural", 7764, "yuan/person/year"), ("城关区", "urban", 807, "yuan/person/month"),
        ("榆中县", "rural", 6432, "yuan/person/year"), ("榆中县", "urban", 751, "yuan/person/month")]


def test_a_place_written_after_the_place_it_lies_in_is_the_inner_one():
    text = ("2021年部分地区低保标准\n| 地区 | 城市低保标准(元/月) |\n|---|---|\n"
            "| 佛山市顺德区 | 1100 |\n| 江苏南京 | 1070 |\n| 新疆兵团 | 700 |\n")
    assert got(records(text), "region", "adcode", "value") == [
        ("南京市", "320100", 1070), ("新疆生产建设兵团", None, 700), ("顺德区", "440606", 1100)]


def test_a_unit_under_the_table_or_in_its_last_row_counts():
    rows = "| 地区 | 城市低保标准 |\n|---|---|\n| 襄阳市 | 7100 |\n| 荆州市 | 6900 |\n"
    for text in ("2021年低保标准\n" + rows + "单位:元/人·月\n", "2021年低保标准\n" + rows + "| 单位:元/人·月 | |\n"):
        assert {(r.unit, r.unit_inferred) for r in records(text)} == {("yuan/person/month", False)}


def test_an_xls_sheet_is_read_like_xlsx(tmp_path):
    """The older Excel format: a title row, a merged header over two columns, the period in the
    sheet's name; every county and figure column gives its record."""
    import xlwt

    import ingest
    from extractors import extract

    book = xlwt.Workbook()
    sheet = book.add_sheet("2017年3季度")
    sheet.write_merge(0, 0, 0, 2, "韶关市城乡低保标准(单位:元/人·月)")
    sheet.write(1, 0, "地区")
    sheet.write_merge(1, 1, 1, 2, "低保标准")
    for c, label in enumerate(["", "城市", "农村"]):
        sheet.write(2, c, label)
    for r, (place, urban, rural) in enumerate([("武江区", 610, 480), ("浈江区", 605, 470), ("乐昌市", 560, 430)], 3):
        sheet.write(r, 0, place)
        sheet.write(r, 1, urban)
        sheet.write(r, 2, rural)
    path = tmp_path / "shaoguan.xls"
    book.save(str(path))
    doc = ingest.load(path)
    assert doc.format == "xls" and doc.blocks[0].kind == "table"
    got = {(r.region, r.area, r.value, r.period) for r in extract(doc).standards}
    assert ("武江区", "urban", 610.0, "2017-09") in got and ("乐昌市", "rural", 430.0, "2017-09") in got
    assert len(got) == 6
