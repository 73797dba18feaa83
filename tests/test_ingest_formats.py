"""HTML, DOCX, PDF, XLSX and CSV from the bundled corpus: one Document shape for all."""
import pytest

import ingest
from ingest.normalize import normalize_text

QIANNAN_TEXT = "text/qiannan-2015-social-assistance-report.txt"
TIER = "都匀市、福泉市和都匀经济开发区为一档,城乡低保标准分别为495元/月和2640元/年"
TIER_ROWS = [["档次", "县(市、区)", "城市低保标准(元/月)", "农村低保标准(元/年)"],
             ["一档", "都匀市、福泉市、都匀经济开发区", "495", "2640"],
             ["二档", "荔波县、贵定县、瓮安县、独山县、平塘县、罗甸县、长顺县、龙里县、惠水县、三都县", "440", "2580"]]


def prose(doc):
    return [doc.text[b.start:b.end] for b in doc.blocks if b.kind in ("paragraph", "heading")]


def tables(doc):
    return [b for b in doc.blocks if b.kind == "table"]


def test_html_keeps_main_text_title_and_date_only(corpus):
    doc = ingest.load(corpus / "html/guangdong-2020-social-assistance-action-plan.html")
    assert doc.format == "html"
    assert doc.title == "广东省民政厅、广东省扶贫办联合印发《社会救助兜底脱贫行动实施方案》"
    assert doc.published == "2020-04-13"
    assert doc.kind == "notice"
    for chrome in ("中央扶贫政策", "当前位置", "分享到", "附件下载", "相关文章", "网友评论", "昵称",
                   "发表评论", "版权所有", "站点地图", "希望政策尽快落实到位"):
        assert chrome not in doc.text, chrome
    text = ingest.load(corpus / "text/guangdong-2020-social-assistance-action-plan.txt")
    body = [t for b, t in zip(text.blocks, [text.text[b.start:b.end] for b in text.blocks])
            if b.kind == "paragraph"]
    assert body and all(p in prose(doc) for p in body)


def test_html_tables_become_table_blocks(tmp_path):
    page = tmp_path / "t.html"
    page.write_text("<html><head><title>标准表_某网站</title></head><body><div class='content'>"
                    "<p>经研究,现将我市2021年城乡低保标准公布如下,请各县区认真贯彻执行。</p>"
                    "<table><tr><td colspan='3'>金额单位:元/月</td></tr>"
                    "<tr><th>地区</th><th>城市</th><th>农村</th></tr>"
                    "<tr><td>甲县</td><td>650</td><td>500</td></tr></table></div></body></html>",
                    encoding="utf-8")
    doc = ingest.load(page)
    (t,) = tables(doc)
    assert t.caption == "金额单位:元/月"
    assert t.rows == [["地区", "城市", "农村"], ["甲县", "650", "500"]]
    assert "甲县 | 650 | 500" in doc.text[t.start:t.end]
    assert doc.title == "标准表"


def test_docx_paragraphs_and_tables_in_document_order(corpus):
    doc = ingest.load(corpus / "docx/qiannan-2015-social-assistance-report.docx")
    assert doc.format == "docx" and doc.title == "社会救助"
    (t,) = tables(doc)
    assert t.caption == "黔南州2015年城乡低保分档标准"
    assert t.rows == TIER_ROWS
    before = doc.blocks[doc.blocks.index(t) - 1]
    assert TIER in doc.text[before.start:before.end]
    assert {b.kind for b in doc.blocks} >= {"heading", "paragraph", "table"}


def test_pdf_pages_paragraphs_and_tables(corpus):
    doc = ingest.load(corpus / "pdf/qiannan-2015-social-assistance-report.pdf")
    assert doc.format == "pdf" and doc.pages >= 2 and doc.title == "社会救助"
    assert all(b.page and 1 <= b.page <= doc.pages for b in doc.blocks)
    assert max(b.page for b in doc.blocks) == doc.pages
    (t,) = tables(doc)
    assert t.caption == "黔南州2015年城乡低保分档标准" and t.rows == TIER_ROWS
    # table figures are read once, from the table, not again as prose
    assert doc.text.count("三都县 | 440 | 2580") == 1
    assert not any("城市低保标准(元/月)" in p or "黔南州2015年城乡低保分档标准" in p for p in prose(doc))
    # paragraphs come out whole, even across line wraps and page breaks
    text = ingest.load(corpus / QIANNAN_TEXT)
    text_body = [text.text[b.start:b.end] for b in text.blocks if b.kind in ("paragraph", "heading")]
    assert prose(doc) == text_body


@pytest.mark.parametrize("name", ["tables/qiannan-2015-dibao-standards-by-county.xlsx",
                                  "tables/qiannan-2015-dibao-standards-by-county.csv"])
def test_standards_table_by_county(corpus, name):
    doc = ingest.load(corpus / name)
    assert doc.kind == "table"
    (t,) = doc.blocks
    assert t.kind == "table"
    assert "2015" in t.caption and "金额单位" in t.caption
    assert t.rows[0] == ["县(市、区)", "档次", "城市低保标准", "农村低保标准"]
    body = {r[0]: r[1:] for r in t.rows[1:]}
    assert len(body) == 13
    assert body["都匀市"] == ["一档", "495", "2640"] and body["三都县"] == ["二档", "440", "2580"]
    assert "龙里县 | 二档 | 440 | 2580" in doc.text


def test_table_cells_are_normalized_and_map_back(corpus):
    doc = ingest.load(corpus / "tables/qiannan-2015-dibao-standards-by-county.xlsx")
    (t,) = doc.blocks
    i = doc.text.index("都匀市 | 一档 | 495 | 2640")
    original = doc.original[slice(*doc.original_span(i, i + 20))]
    assert normalize_text(original) == doc.text[i:i + 20]


def test_every_loader_registers_by_extension():
    assert {".txt", ".html", ".htm", ".docx", ".pdf", ".xlsx", ".csv"} <= set(ingest.LOADERS)


def test_html_page_address_from_canonical_link_else_og_url(tmp_path):
    body = "<body><div class='content'><p>城市低保标准由每人每月600元提高到620元。</p></div></body></html>"
    page = tmp_path / "a.html"
    page.write_text("<html><head><link rel='canonical' href='http://news.dongyingnews.cn/system/2019/10/30/1.shtml'>"
                    "<meta property='og:url' content='https://other.example/x'></head>" + body, encoding="utf-8")
    assert ingest.load(page).url == "http://news.dongyingnews.cn/system/2019/10/30/1.shtml"
    page.write_text("<html><head><meta property='og:url' content='https://fgw.sh.gov.cn/rysf/a.html'></head>"
                    + body, encoding="utf-8")
    assert ingest.load(page).url == "https://fgw.sh.gov.cn/rysf/a.html"
    page.write_text("<html><head><link rel='canonical' href='/relative/only.html'></head>" + body,
                    encoding="utf-8")
    assert ingest.load(page).url is None
