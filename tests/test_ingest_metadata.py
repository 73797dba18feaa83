"""Metadata: title, publication date, issuing bodies, document numbers, kind."""
import pytest

import ingest
from ingest.metadata import find_date, find_doc_numbers, find_issuers


@pytest.mark.parametrize("line, iso", [
    ("加入时间:2020-4-13 来源:广东省扶贫办", "2020-04-13"),
    ("2020-03-02 04:39:49 来源:范文大全", "2020-03-02"),
    ("时间:2023-04-20", "2023-04-20"),
    ("发布时间: 2020年03月20日", "2020-03-20"),
    ("发布日期:2017-11-29 00:00:00", "2017-11-29"),
    ("2017-11-29 00:00:00", "2017-11-29"),
    ("2015年3月20日", "2015-03-20"),
    ("2020年06月11日 星期四", "2020-06-11"),                # a newspaper's dateline
])
def test_dates_as_pages_state_them(line, iso):
    assert find_date(line) == iso


def test_dates_in_running_text_are_not_publication_dates():
    assert find_date("到2020年农村低保标准达到6200元,2015年12月31日前完成。") is None
    assert find_date("时间:") is None


@pytest.mark.parametrize("text, numbers", [
    ("《关于做好特困人员政府供养工作的通知》(黔南府办函〔2015〕59号)", ["黔南府办函〔2015〕59号"]),
    ("按照桂政办发(2022)120号文件要求", ["桂政办发(2022)120号"]),
    ("(***府发[201*]8号)", ["***府发[201*]8号"]),
    ("根据民发【2019】1号和成府函〔2017〕181号", ["民发【2019】1号", "成府函〔2017〕181号"]),
])
def test_document_numbers(text, numbers):
    assert find_doc_numbers(text) == numbers


def test_issuers_from_titles_and_source_lines():
    assert find_issuers("广东省民政厅、广东省扶贫办联合印发《社会救助兜底脱贫行动实施方案》") == \
        ["广东省民政厅", "广东省扶贫办"]
    assert find_issuers("XX市人民政府办公室关于提高城乡低保标准的通知") == ["XX市人民政府办公室"]
    assert find_issuers("省民政厅") == ["省民政厅"]
    assert find_issuers("转发《黔南州人民政府办公室关于做好特困人员政府供养工作的通知》") == []


@pytest.mark.parametrize("name, title, published, kind", [
    ("text/national-2020-social-assistance-news.txt", "全力推进社会救助兜底脱贫工作", None, "news"),
    ("text/city-2016-civil-affairs-plan-traditional.txt", None, None, "notice"),
    ("text/guangdong-2020-social-assistance-action-plan.txt",
     "广东省民政厅、广东省扶贫办联合印发《社会救助兜底脱贫行动实施方案》", "2020-04-13", "notice"),
    ("text/hezhou-2020-13th-five-year-summary.txt", "2023年市“十三五”时期民政兜底脱贫攻坚工作总结",
     "2023-04-20", "report"),
    ("text/qiannan-2015-social-assistance-report.txt", "社会救助", "2020-03-02", "report"),
    ("tables/qiannan-2015-dibao-standards-by-county.csv", None, None, "table"),
])
def test_corpus_metadata(corpus, name, title, published, kind):
    doc = ingest.load(corpus / name)
    assert (doc.title, doc.published, doc.kind) == (title, published, kind)


def test_corpus_issuers_and_numbers(corpus):
    gd = ingest.load(corpus / "text/guangdong-2020-social-assistance-action-plan.txt")
    assert gd.issuers == ["广东省民政厅", "广东省扶贫办"]
    city = ingest.load(corpus / "text/city-2016-civil-affairs-plan-traditional.txt")
    assert "***府发[201*]8号" in city.doc_numbers  # 府發/8號 in the Traditional original
    qn = ingest.load(corpus / "text/qiannan-2015-social-assistance-report.txt")
    assert qn.doc_numbers == ["黔南府办函〔2015〕59号"]


def test_document_id_is_the_hash_of_the_bytes(corpus):
    a = ingest.load(corpus / "text/hezhou-2020-13th-five-year-summary.txt")
    b = ingest.load(corpus / "text/hezhou-2020-13th-five-year-summary.gbk.txt")
    assert len(a.id) == 16 and a.id != b.id
    assert a.id == ingest.load(corpus / "text/hezhou-2020-13th-five-year-summary.txt").id


@pytest.mark.parametrize("head, url", [
    ("SOURCE: http://mzt.xizang.gov.cn/zxzx/gzdt/202003/t20200320_134870.html\n\n我区提高城乡最低生活保障标准",
     "http://mzt.xizang.gov.cn/zxzx/gzdt/202003/t20200320_134870.html"),
    ("我区提高城乡最低生活保障标准\n原文链接:https://m.52fuqing.com/newsshow-365035.html\n",
     "https://m.52fuqing.com/newsshow-365035.html"),
    # a link inside running text is not the page's own address
    ("我区提高城乡最低生活保障标准\n详见 http://www.gov.cn/zhengce/content/2021.htm 公告。\n", None),
])
def test_page_address_from_a_labelled_line_at_the_head(tmp_path, head, url):
    path = tmp_path / "page.txt"
    path.write_text(head + "\n保障标准从每人每月800元提高至每人每月847元。\n", encoding="utf-8")
    assert ingest.load(path).url == url
