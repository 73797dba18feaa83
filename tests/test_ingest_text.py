"""Plain text: encodings, the paragraph model, boilerplate lines and normalization."""
import re

import pytest

import ingest
from ingest.encoding import decode
from ingest.normalize import normalize_text

NEWS = "text/national-2020-social-assistance-news.txt"
CITY = "text/city-2016-civil-affairs-plan-traditional.txt"
GUANGDONG = "text/guangdong-2020-social-assistance-action-plan.txt"
HEZHOU = "text/hezhou-2020-13th-five-year-summary.txt"
QIANNAN = "text/qiannan-2015-social-assistance-report.txt"


def block_texts(doc, kinds=("paragraph", "heading")):
    return [doc.text[b.start:b.end] for b in doc.blocks if b.kind in kinds]


def test_gbk_copy_reads_as_the_utf8_original(corpus):
    gbk = ingest.load(corpus / "text/hezhou-2020-13th-five-year-summary.gbk.txt")
    utf8 = ingest.load(corpus / HEZHOU)
    assert gbk.encoding == "gb18030" and utf8.encoding == "utf-8"
    assert gbk.text == utf8.text
    assert "每人每月750元和433元" in gbk.text


def test_big5_copy_reads_as_simplified_text(corpus):
    big5 = ingest.load(corpus / "text/city-2016-civil-affairs-plan-traditional.big5.txt")
    utf8 = ingest.load(corpus / CITY)
    assert big5.encoding == "big5"
    assert "城市低保标准由450元提高到480元" in big5.text
    assert "创新、协调、绿色、开放、共享" in big5.text
    # the same document once normalized, apart from two mojibake characters Big5 cannot hold
    assert big5.text.count("\n") == utf8.text.count("\n")


def test_short_gbk_text_that_is_also_valid_big5_is_not_misread():
    data = "城乡低保标准提高到每人每月480元".encode("gbk")
    text, enc = decode("x.txt", data)
    assert enc == "gb18030" and text == "城乡低保标准提高到每人每月480元"


def test_big5_text_is_not_misread_as_gbk():
    data = "城市低保標準由450元提高到480元,農村低保標準由240元提高到270元。".encode("big5")
    text, enc = decode("x.txt", data)
    assert enc == "big5" and "農村低保標準" in text


def test_undecodable_bytes_are_an_error_not_a_guess():
    with pytest.raises(ingest.IngestError, match="undecodable bytes"):
        decode("x.txt", "低保".encode("utf-8") + b"\xff\x80 caf\xe9")
    with pytest.raises(ingest.IngestError, match="undecodable bytes"):
        decode("x.txt", bytes(range(256)) * 4)


def test_each_nonempty_line_is_one_block(corpus):
    doc = ingest.load(corpus / QIANNAN)
    lines = [l for l in doc.original.splitlines() if l.strip()]
    assert len(doc.blocks) == len(lines)
    assert [doc.original[slice(*doc.original_span(b.start, b.end))].strip() for b in doc.blocks][:5] == \
        [l.strip() for l in lines][:5]


@pytest.mark.parametrize("name, chrome, body", [
    (GUANGDONG, ["当前位置:首页->>政策法规->>广东省扶贫政策", "中央扶贫政策", "流量统计:"],
     "(二)强化最低生活保障兜底保障能力。"),
    (HEZHOU, ["下载文档", "网站客服:3074922707", "你可能关注的文档"],
     "城乡低保保障标准由“十二五”期末的每人每月360元和200元,提高至2022年的每人每月750元和433元"),
    (QIANNAN, ["点击下载文档", "《社会救助.doc》", "社会救助工作总结"],
     "都匀市、福泉市和都匀经济开发区为一档,城乡低保标准分别为495元/月和2640元/年"),
])
def test_web_chrome_is_marked_and_paragraphs_stay_whole(corpus, name, chrome, body):
    doc = ingest.load(corpus / name)
    marked = block_texts(doc, ("boilerplate",))
    for line in chrome:
        assert line in marked
    # the quote sits whole inside one body paragraph, which is not marked
    holders = [t for t in block_texts(doc) if body in t]
    assert len(holders) == 1
    assert not any(body in t for t in marked)


def test_no_body_figure_is_lost_to_boilerplate(corpus):
    doc = ingest.load(corpus / QIANNAN)
    for text in block_texts(doc, ("boilerplate",)):
        assert not re.search(r"\d+元", text), text


def test_traditional_and_inline_pinyin_are_normalized(corpus):
    doc = ingest.load(corpus / CITY)
    assert "(chuàng)" not in doc.text and "創" not in doc.text
    quote = "牢固树立和贯彻落实创新、协调、绿色、开放、共享的发展理念"
    start = doc.text.index(quote)
    original = doc.original[slice(*doc.original_span(start, start + len(quote)))]
    assert original.startswith("牢固樹立和貫徹落實創(chuàng)新、協(xié)調")
    assert normalize_text(original) == quote


def test_spun_numbers_are_kept_for_the_extractor(corpus):
    doc = ingest.load(corpus / NEWS)
    for spun in ("1069.三万", "37.一亿"):
        assert spun in doc.text
    assert "5336元/人·年" in doc.text


@pytest.mark.parametrize("name", [NEWS, CITY, GUANGDONG, HEZHOU, QIANNAN])
def test_every_block_maps_back_to_its_original(corpus, name):
    doc = ingest.load(corpus / name)
    assert len(doc.offsets) == len(doc.text) + 1
    for b in doc.blocks:
        original = doc.original[slice(*doc.original_span(b.start, b.end))]
        assert normalize_text(original) == doc.text[b.start:b.end]


def test_quotes_dashes_and_fullwidth_are_unified():
    assert normalize_text("ＡＢＣ１２３，〝两不愁〞―三保障") == "ABC123,“两不愁”—三保障"
    assert normalize_text("增发10%－30%的补助金") == "增发10%-30%的补助金"  # NFKC: a minus sign


def test_dense_fullwidth_text_maps_char_by_char():
    # over 1,000 full-width characters take the translate path rather than per-match substitution
    text = "城市低保标准为每人每月４８０元，农村为２７０元。\n" * 200
    doc_text = normalize_text(text)
    assert doc_text.splitlines()[0] == "城市低保标准为每人每月480元,农村为270元。"
    from ingest.normalize import normalize

    m = normalize(text)
    i = m.text.index("480")
    assert text[m.map[i]:m.map[i + 2] + 1] == "４８０"


PIPE_TABLE = ("2023年第四季度各县(市、区)城乡低保标准\n"
              "| 地区 | 城市低保标准(元/人·月) | 农村低保标准(元/人·年) |\n"
              "|---|---|---|\n"
              "| 城关区 | 807 | 7764 |\n"
              "| 榆中县 | 751 | 6432 |\n"
              "以上标准自2023年10月1日起执行。\n")
SPACED_TABLE = ("南昌市2022年城乡低保标准表\n"
                "县区    城市低保(元/月)    农村低保(元/年)\n"
                "东湖区  850   7200\n"
                "西湖区  850   7200\n")


@pytest.mark.parametrize("text, rows, caption, kinds", [
    (PIPE_TABLE, [["地区", "城市低保标准(元/人·月)", "农村低保标准(元/人·年)"], ["城关区", "807", "7764"],
                  ["榆中县", "751", "6432"]], "2023年第四季度各县(市、区)城乡低保标准",
     ["heading", "table", "paragraph"]),
    # normalization closes the gaps between Han cells; the columns come from the original text
    (SPACED_TABLE, [["县区", "城市低保(元/月)", "农村低保(元/年)"], ["东湖区", "850", "7200"],
                    ["西湖区", "850", "7200"]], "南昌市2022年城乡低保标准表", ["heading", "table"]),
])
def test_tables_written_as_text_become_table_blocks(tmp_path, text, rows, caption, kinds):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    doc = ingest.load(path)
    (t,) = [b for b in doc.blocks if b.kind == "table"]
    assert (t.rows, t.caption) == (rows, caption)
    assert [b.kind for b in doc.blocks] == kinds  # the title stays a line of its own


@pytest.mark.parametrize("text", [
    "城市低保标准提高到每人每月 650 元,农村低保标准提高到每人每年 5200 元。\n我市 共有 低保对象 1.2 万人。\n",
    "2020年06月11日 星期四\n第01版 头版 4 下一版\n",  # aligned words without a header over numbers
])
def test_prose_with_spaces_is_not_a_table(tmp_path, text):
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    assert [b.kind for b in ingest.load(path).blocks if b.kind == "table"] == []


def test_identity_offset_maps_are_fresh_copies_of_any_length():
    from array import array

    from ingest.normalize import _IDENTITY_KEPT, _identity

    for n in (0, 1, 4097, 3, 70_000, _IDENTITY_KEPT + 5):
        assert _identity(n) == array("l", range(n))
    first = _identity(8)
    first[0] = 99  # a map is edited in place by no one, but must not be shared
    assert _identity(8)[0] == 0
