"""The language layer's self-reference, 文号 and cited titles, on sentences from the seeds and dev
documents and made-up variants with other places and numbers."""
import pytest

from language.dates import is_iso, pattern
from language.docnumbers import doc_numbers
from language.selfref import OWN_LEVEL, SELF_LEVEL, SELF_OR_WHOLE, WHOLE_REGION, speaks_as
from language.titles import CITED, QUOTED_OR_CITED, blank_cited, without_cited


@pytest.mark.parametrize("text, pattern_, level", [
    ("我县城乡低保标准提高到每人每月500元,全县共保障困难群众2000人,我县将继续做好", SELF_LEVEL, "县"),
    ("全省农村低保标准达到每人每年5000元,全省共有低保对象", SELF_LEVEL, None),  # 全省 is not the speaker
    ("全省农村低保标准达到每人每年5000元,全省共有低保对象", SELF_OR_WHOLE, "省"),
    ("全区低保标准统一,我市城区", SELF_OR_WHOLE, "市"),  # a tie goes to the word used with 我/本
    ("市委、市政府高度重视,全市低保", OWN_LEVEL, "市"),
    ("本旗牧区低保标准", SELF_LEVEL, "旗"),
])
def test_the_level_a_text_speaks_as(text, pattern_, level):
    assert speaks_as(text, pattern_) == level


def test_a_whole_region_is_not_a_place_named():
    assert [m.group() for m in WHOLE_REGION.finditer("全国平均水平,本省标准高于全县")] == ["全国", "本省", "全县"]


@pytest.mark.parametrize("text, numbers", [
    ("黔南州人民政府办公室关于印发黔南府办函〔2015〕59号文件的通知", ["黔南府办函〔2015〕59号"]),
    ("根据桂政办发(2022)120号和贺民规[2019]3号精神", ["桂政办发(2022)120号", "贺民规[2019]3号"]),
    ("***府发[201*]8号", ["***府发[201*]8号"]),  # anonymised digits and issuer
    ("东湖县民发〔2031〕 第 7 号", ["东湖县民发〔2031〕7号"]),  # made up: spaces and 第
])
def test_doc_numbers_are_read_whole_with_their_issuer(text, numbers):
    assert [n.number for n in doc_numbers(text) if n.complete] == numbers


def test_a_loosely_cited_number_is_read_with_its_place_but_not_complete():
    (n,) = doc_numbers("按照唐民字〔2023〕56执行")
    assert (n.issuer, n.year, n.serial, n.complete) == ("唐民字", "2023", "56", False)
    assert n.written == "按照唐民字〔2023〕56"  # as written, from the run before it


def test_cited_titles_are_taken_out_or_blanked_with_offsets_kept():
    text = "根据《关于进一步完善全省社会救助体系的意见》,全市低保标准“应保尽保”"
    assert without_cited(text) == "根据,全市低保标准“应保尽保”"
    blanked = blank_cited(text)
    assert len(blanked) == len(text) and "全省" not in blanked and "全市" in blanked
    assert [m.group() for m in CITED.finditer(text)] == ["《关于进一步完善全省社会救助体系的意见》"]
    assert [m.group() for m in QUOTED_OR_CITED.finditer(text)][1] == "“应保尽保”"


@pytest.mark.parametrize("name, text, found", [
    ("table_quarter", "2015年4季度城市低保标准", ("2015", "4")),
    ("table_year_month", "2012年农村低保9月份地级标准", ("2012", "9")),
    ("page_date", "发布时间:2020-4-13", ("2020", "4", "13")),
    ("url_date", "http://www.gov.cn/2006-08/08/content_1.htm", ("2006", "08", "08")),
    ("by_year", "到2025年农村低保标准", ("2025",)),
])
def test_every_date_pattern_is_read_by_name(name, text, found):
    m = pattern(name).search(text)
    assert m and tuple(g for g in m.groups() if g) == found


def test_iso_values_are_told_from_ranges():
    assert [is_iso(v) for v in ("2015", "2015-07", "2015-07-01", "2016/2020", "上年")] == [
        True, True, True, False, False]
