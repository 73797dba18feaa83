"""Make the bundled corpus's other formats from the seed texts in corpus/text/.

    python corpus/make_corpus.py

Deterministic: the same inputs give byte-identical outputs (fixed timestamps, ids and zip
dates), so the outputs are committed and tests read them. Every generated document carries the
same figures as the text it is made from, so an extractor scores the same on it.

- docx/  the qiannan report, its two-tier 低保 standards also as a Word table
- pdf/   the same report as a PDF (Noto Sans CJK), the tier table as a ruled table
- html/  the guangdong action plan inside a page with nav, share, related links, comments, footer
- text/  a GBK copy of the hezhou summary and a Big5 copy of the traditional city plan
- tables/ the qiannan standards by county as XLSX and CSV, with title and 金额单位 rows
- bad/   inputs ingest must refuse with one clear line each
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import random
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT = HERE / "text"
FIXED = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_SC = 2  # index of Noto Sans CJK SC in the collection
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)")

# The qiannan report's two tiers (from its own text), by county.
TIERS = [
    ("一档", ["都匀市", "福泉市", "都匀经济开发区"], "495", "2640"),
    ("二档", ["荔波县", "贵定县", "瓮安县", "独山县", "平塘县", "罗甸县", "长顺县", "龙里县", "惠水县", "三都县"],
     "440", "2580"),
]
TIER_CAPTION = "黔南州2015年城乡低保分档标准"
TIER_HEADER = ["档次", "县(市、区)", "城市低保标准(元/月)", "农村低保标准(元/年)"]


def read(name: str) -> list[str]:
    return (TEXT / name).read_text(encoding="utf-8").splitlines()


def qiannan() -> tuple[str, list[str]]:
    """Title and body paragraphs of the qiannan report, without the page's chrome."""
    lines = [l.strip() for l in read("qiannan-2015-social-assistance-report.txt")]
    title = lines[0]
    start = next(i for i, l in enumerate(lines) if l.startswith("2020-03-02")) + 1
    end = next(i for i in range(start, len(lines)) if lines[i] == title)
    return title, [l for l in lines[start:end] if l]


def tier_rows() -> list[list[str]]:
    return [[tier, "、".join(counties), urban, rural] for tier, counties, urban, rural in TIERS]


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member dates and order, so saving twice gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                part = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z", part)
            dst.writestr(z, part)
    return buf.getvalue()


def make_docx(path: Path) -> bytes:
    import docx

    title, paras = qiannan()
    d = docx.Document()
    cp = d.core_properties
    cp.title, cp.author, cp.created, cp.modified, cp.revision = title, "doudi corpus", FIXED, FIXED, 1
    cp.last_modified_by = "doudi corpus"
    d.add_heading(title, level=0)
    for p in paras:
        if HEADING.match(p) and len(p) <= 40:
            d.add_heading(p, level=2 if p.startswith("(") else 1)
        else:
            d.add_paragraph(p)
        if "城乡低保标准分为2个档次" in p:
            t = d.add_table(rows=0, cols=4)
            t.style = "Table Grid"
            top = t.add_row().cells
            top[0].merge(top[3]).text = TIER_CAPTION
            for row in [TIER_HEADER, *tier_rows()]:
                for cell, value in zip(t.add_row().cells, row):
                    cell.text = value
    buf = io.BytesIO()
    d.save(buf)
    return stable_zip(buf.getvalue())


def noto_truetype(text: str, path: Path) -> Path:
    """Noto Sans CJK SC, cut to the characters of ``text``, with TrueType outlines.

    fpdf2 embeds CFF fonts (all of Noto CJK) with a code-to-CID CMap stream that pdfminer, and
    so pdfplumber, cannot read: the text would come out empty. TrueType outlines are embedded
    as Identity-H, which every reader handles.
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(FONT), fontNumber=FONT_SC, recalcTimestamp=False)
    opts = Options()
    opts.layout_features, opts.hinting, opts.desubroutinize, opts.name_IDs = [], False, True, ["*"]
    sub = Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(path))
    return path


def make_pdf(path: Path) -> bytes:
    import tempfile

    from fpdf import FPDF

    title, paras = qiannan()
    chars = "".join([title, *paras, TIER_CAPTION, *TIER_HEADER, *(c for r in tier_rows() for c in r), "\u3000"])
    tmp = tempfile.TemporaryDirectory()
    ttf = noto_truetype(chars, Path(tmp.name) / "noto-sans-sc.ttf")
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title(title)
    pdf.set_producer("doudi corpus")
    pdf.add_font("noto", fname=str(ttf))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    pdf.set_font("noto", size=18)
    pdf.multi_cell(0, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for p in paras:
        if HEADING.match(p) and len(p) <= 40:
            pdf.set_font("noto", size=13)
            pdf.multi_cell(0, 8, p, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("noto", size=11)
            pdf.multi_cell(0, 7, "\u3000\u3000" + p, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        if "城乡低保标准分为2个档次" in p:
            pdf.set_font("noto", size=10)
            with pdf.table(col_widths=(12, 48, 20, 20), line_height=6, first_row_as_headings=False) as t:
                row = t.row()
                row.cell(TIER_CAPTION, colspan=4, align="C")
                for values in [TIER_HEADER, *tier_rows()]:
                    row = t.row()
                    for v in values:
                        row.cell(v)
            pdf.ln(4)
    pdf.file_id = lambda: "<3C6F6B0E8F5A5C2A9D1E4B7F0A1C2D3E><3C6F6B0E8F5A5C2A9D1E4B7F0A1C2D3E>"
    data = bytes(pdf.output())
    tmp.cleanup()
    return data


def make_html(path: Path) -> bytes:
    lines = [l.strip() for l in read("guangdong-2020-social-assistance-action-plan.txt")]
    byline = next(i for i, l in enumerate(lines) if l.startswith("加入时间"))
    title = lines[byline - 1]
    end = next(i for i in range(byline, len(lines)) if lines[i].startswith("欢迎访问"))
    paras = [l for l in lines[byline + 1:end] if l]
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paras)
    related = "\n".join(f'        <li><a href="/news/{i}.html">{html.escape(t)}</a></li>' for i, t in enumerate(
        ["省民政厅召开社会救助工作推进会", "关于进一步做好困难群众基本生活保障工作的通知解读",
         "全省农村低保标准提高至每人每年5280元以上", "社会救助兜底保障典型案例选编"], 1))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)}_广东扶贫网</title>
  <link rel="stylesheet" href="/static/site.css">
  <script>var _hmt = _hmt || []; window.siteConfig = {{"share": true}};</script>
</head>
<body>
  <div class="top-bar">广东省扶贫开发协会欢迎您! <a href="/">设为首页</a> <a href="/fav">加入收藏</a></div>
  <nav class="main-nav">
    <ul>
      <li><a href="/c/1">中央扶贫政策</a></li><li><a href="/c/2">广东省扶贫政策</a></li>
      <li><a href="/c/3">地市扶贫政策</a></li><li><a href="/c/4">协会扶贫措施</a></li>
      <li><a href="/c/5">其他省区政策</a></li><li><a href="/c/6">慈善捐赠法规</a></li>
    </ul>
  </nav>
  <div class="breadcrumb">当前位置:<a href="/">首页</a> &gt; <a href="/c/2">政策法规</a> &gt; 广东省扶贫政策</div>
  <div class="container">
    <div class="article">
      <h1>{html.escape(title)}</h1>
      <div class="info">发布时间: 2020年04月13日 &nbsp; 来源:广东省扶贫办 &nbsp; 浏览次数:1024</div>
      <div class="article-content">
{body}
      </div>
      <div class="article-share">分享到: <a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
      <div class="download-box"><a href="/files/plan.doc">附件下载: 实施方案.doc</a> <a href="javascript:print()">打印本页</a></div>
    </div>
    <div class="related-articles">
      <h3>相关文章</h3>
      <ul>
{related}
      </ul>
    </div>
    <div id="comments">
      <h3>网友评论</h3>
      <div class="comment-item"><span>2020-04-15 09:12</span> 网友:希望政策尽快落实到位!</div>
      <form class="comment-form" action="/comment" method="post">
        <label>昵称(必填)<input name="nick"></label><label>邮箱<input name="mail"></label>
        <textarea name="body">请输入评论内容</textarea><button>发表评论</button>
      </form>
    </div>
  </div>
  <footer class="site-footer">
    <p><a href="/about">关于我们</a> | <a href="/map">站点地图</a> | <a href="/jobs">招聘启事</a></p>
    <p>版权所有:广东省扶贫开发协会 Copyright © 2009 ICP号:粤ICP备10213720号</p>
    <p>地址:广东省广州市先烈东路135号 电话:020-37286668</p>
  </footer>
</body>
</html>
"""
    return page.encode("utf-8")


def make_gbk() -> bytes:
    return (TEXT / "hezhou-2020-13th-five-year-summary.txt").read_text(encoding="utf-8").encode("gbk")


def make_big5() -> bytes:
    # Big5 has no toned pinyin letters, so a Big5 page cannot carry the 創(chuàng) annotations;
    # two mojibake characters of the seed (no figures) have no Big5 code either and become "?".
    text = (TEXT / "city-2016-civil-affairs-plan-traditional.txt").read_text(encoding="utf-8")
    return PINYIN.sub("", text).encode("big5", errors="replace")


def county_rows() -> list[list[str]]:
    rows = [["黔南州2015年城乡低保标准(按县市区)"], ["金额单位:城市元/人·月,农村元/人·年"],
            ["县(市、区)", "档次", "城市低保标准", "农村低保标准"]]
    for tier, counties, urban, rural in TIERS:
        rows += [[c, tier, urban, rural] for c in counties]
    return rows


def make_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "低保标准"
    for row in county_rows():
        ws.append([int(v) if v.isdigit() else v for v in row])
    ws.merge_cells("A1:D1")
    ws.merge_cells("A2:D2")
    wb.properties.created = wb.properties.modified = FIXED.replace(tzinfo=None)
    wb.properties.creator = "doudi corpus"
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue())


def make_csv() -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(county_rows())
    return buf.getvalue().encode("utf-8")


def make_bad(pdf: bytes) -> dict[str, bytes]:
    import pikepdf

    rng = random.Random(20200413)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (1980, 1, 1, 0, 0, 0)), b"<Types/>")
        info = zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, b"\0" * (64 * 2**20))  # 64 MB of zeros: ~64 KB on disk
    encrypted = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as p:
        p.save(encrypted, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret", R=4,
                                                            aes=False, metadata=False),
               static_id=True)
    docx = (HERE / "docx" / "qiannan-2015-social-assistance-report.docx").read_bytes()
    return {
        "empty.txt": b"",
        "binary-named.pdf": bytes(rng.getrandbits(8) for _ in range(4096)),
        "encrypted.pdf": encrypted.getvalue(),
        "corrupt.docx": docx[: len(docx) // 2],
        "zip-bomb.docx": bomb.getvalue(),
        "zip-bomb.xlsx": bomb.getvalue(),
        "undecodable.txt": "社会救助标准".encode("utf-8") + b"\xff\xfe\x80 caf\xe9 \x81\x20\n",
        "unsupported.rtf": "{\\rtf1\\ansi 低保标准}".encode("utf-8"),
    }


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{len(data):>9,}  {path.relative_to(HERE)}")


def main() -> None:
    write(HERE / "docx" / "qiannan-2015-social-assistance-report.docx", make_docx(HERE))
    pdf = make_pdf(HERE)
    write(HERE / "pdf" / "qiannan-2015-social-assistance-report.pdf", pdf)
    write(HERE / "html" / "guangdong-2020-social-assistance-action-plan.html", make_html(HERE))
    write(HERE / "text" / "hezhou-2020-13th-five-year-summary.gbk.txt", make_gbk())
    write(HERE / "text" / "city-2016-civil-affairs-plan-traditional.big5.txt", make_big5())
    write(HERE / "tables" / "qiannan-2015-dibao-standards-by-county.xlsx", make_xlsx())
    write(HERE / "tables" / "qiannan-2015-dibao-standards-by-county.csv", make_csv())
    for name, data in make_bad(pdf).items():
        write(HERE / "bad" / name, data)


if __name__ == "__main__":
    main()
