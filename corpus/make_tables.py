"""Make-believe standards tables in every carrier and layout, with their gold records.

    python corpus/make_tables.py      # writes corpus/generated/: the documents and gold.jsonl

Places are real (the project's division table), numbers and periods are drawn from a seeded
random generator, so the output is the same on every run; tests read every document and score it
against its gold (tests/test_tables_corpus.py). None of these figures is a real standard, so the
folder stays out of the bundled database (database/build.py).

| layout | carrier |
|---|---|
| 区划代码 / 地区 / 平均低保标准 / 区县合计数 / 区县数量, 全国 row, a garbled name, a footnote | HTML |
| two header rows as colspan / rowspan, the quarter in the heading above | HTML |
| two header rows (城市 / 农村 over 标准 / 补差), merged cells, title and unit rows, period in the sheet name | XLSX |
| county list with title and unit rows | CSV |
| two header rows with merged cells under a heading that gives the quarter | DOCX |
| county list as a ruled table, and in columns without rules (text lines only) | PDF |
| thousands of yuan (千元/人·年), a truncated last row | text, pipe-separated |
| county list in aligned columns | text, space-aligned |
| tiers with place lists; a merged header explaining short rows | text, one cell per line |
"""
from __future__ import annotations

import csv
import html
import io
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "generated"
sys.path.insert(0, str(HERE.parent))

from gazetteer import RegionIndex  # noqa: E402  (the places are the project's own table)

from make_corpus import FIXED, noto_truetype, stable_zip  # noqa: E402

CN_QUARTER = "一二三四"


@dataclass
class Table:
    name: str  # file name without extension
    title: str
    unit_line: str | None
    header: list[list[str]]
    body: list[list[str]]
    gold: list[dict] = field(default_factory=list)
    sheet: str | None = None  # XLSX: the sheet's name
    note: str | None = None  # a footnote row under the table


def record(source, region, program, area, metric, value, unit, period, variant=None) -> dict:
    return {"source": source, "region": region.name, "adcode": region.code, "program": program,
            "area": area, "variant": variant, "metric": metric, "value": value, "value_max": None,
            "unit": unit, "previous": None, "period": period, "status": "in_force", "basis": None,
            "bound": None, "quote": ""}


def counties(idx, code: str, n: int, rng) -> list:
    kids = [r for r in idx.children(idx.get(code)) if r.code and r.level == "county"]
    return sorted(rng.sample(kids, min(n, len(kids))), key=lambda r: r.code)


def provinces(idx) -> list:
    return sorted((r for r in idx.regions("province") if r.code), key=lambda r: r.code)


def garble(name: str) -> str:
    """A name as a bad copy gives it: its first character lost to a wrong decoding."""
    return "\ufffd" + name[1:]


# -- the layouts --------------------------------------------------------------------------------

def provincial_average(idx, rng, name, year, month) -> Table:
    title = f"{year}年{month}月全国农村低保平均标准"
    t = Table(name, title, "金额单位:元/人·年", [["区划代码", "地区", "平均低保标准", "区县合计数", "区县数量"]], [])
    src = name + ".html"
    chosen = rng.sample(provinces(idx), 6)
    rows, total, count = [], 0, 0
    for i, p in enumerate(sorted(chosen, key=lambda r: r.code)):
        avg, n = rng.randint(30, 90) * 100 + rng.choice([0, 12, 48]), rng.randint(10, 120)
        shown = garble(p.name) if i == 1 else (p.short_name or p.name) if i == 2 else p.name
        rows.append([p.code[:2] if i % 2 else p.code, shown, str(avg), str(avg * n), str(n)])
        t.gold.append(record(src, p, "dibao", "rural", "avg_standard", avg, "yuan/person/year", f"{year}-{month:02d}"))
        total, count = total + avg * n, count + n
    mean = round(total / count)
    t.body = [["", "全国", str(mean), str(total), str(count)], *rows]
    t.gold.append(record(src, idx.get("100000"), "dibao", "rural", "avg_standard", mean, "yuan/person/year",
                         f"{year}-{month:02d}"))
    t.note = "注:平均标准为各区县标准的算术平均。"
    return t


def county_list(idx, rng, name, ext, city_code, year, n=6) -> Table:
    city = idx.get(city_code)
    t = Table(name, f"{city.name}{year}年城乡低保标准一览表", None,
              [["县(市、区)", "城市低保标准(元/月)", "农村低保标准(元/年)"]], [])
    for c in counties(idx, city_code, n, rng):
        urban, rural = rng.randint(50, 110) * 10, rng.randint(40, 90) * 100
        t.body.append([c.name, str(urban), str(rural)])
        t.gold += [record(name + ext, c, "dibao", "urban", "standard", urban, "yuan/person/month", str(year)),
                   record(name + ext, c, "dibao", "rural", "standard", rural, "yuan/person/year", str(year))]
    return t


def urban_rural_levels(idx, rng, name, ext, city_code, year, quarter, period_in_title=True) -> Table:
    city = idx.get(city_code)
    when = f"{year}年{CN_QUARTER[quarter - 1]}季度"
    title = f"{city.name}{when if period_in_title else ''}城乡低保标准和补差水平"
    t = Table(name, title, "单位:元/人·月", [["地区", "城市", "城市", "农村", "农村"],
                                          ["地区", "标准", "补差", "标准", "补差"]], [], sheet=when)
    period = f"{year}-{3 * quarter:02d}"
    for c in counties(idx, city_code, 5, rng):
        us, rs = rng.randint(60, 110) * 10, rng.randint(40, 80) * 10
        ub, rb = us - rng.randint(10, 30) * 10, rs - rng.randint(10, 30) * 10
        t.body.append([c.name, str(us), str(ub), str(rs), str(rb)])
        for area, metric, v in (("urban", "standard", us), ("urban", "subsidy_level", ub),
                                ("rural", "standard", rs), ("rural", "subsidy_level", rb)):
            t.gold.append(record(name + ext, c, "dibao", area, metric, v, "yuan/person/month", period))
    return t


def thousands(idx, rng, name, province_code, year) -> Table:
    prov = idx.get(province_code)
    t = Table(name, f"{prov.name}{year}年各市特困人员基本生活标准", "单位:千元/人·年",
              [["市州", "城市特困人员供养标准", "农村特困人员供养标准"]], [])
    cities = sorted(rng.sample(idx.children(prov), 5), key=lambda r: r.code)
    for c in cities:
        u, r = rng.randint(120, 200) / 10, rng.randint(80, 140) / 10
        t.body.append([c.name, f"{u:.1f}", f"{r:.1f}"])
        t.gold += [record(name + ".txt", c, "tekun", "urban", "standard", round(u * 1000), "yuan/person/year", str(year)),
                   record(name + ".txt", c, "tekun", "rural", "standard", round(r * 1000), "yuan/person/year", str(year))]
    return t


def tiers(idx, rng, name, city_code, year) -> Table:
    city = idx.get(city_code)
    t = Table(name, f"{city.name}{year}年低保标准一览", "单位:元/月·人", [["档次", "低保标准", "执行地区"]], [])
    places = counties(idx, city_code, 6, rng)
    for i, chunk in enumerate((places[:2], places[2:])):
        v = 900 - 40 * i - rng.randint(0, 5) * 5
        t.body.append([f"第{CN_QUARTER[i]}档", str(v), "、".join(p.name for p in chunk)])
        t.gold += [record(name + ".txt", p, "dibao", "all", "standard", v, "yuan/person/month", str(year)) for p in chunk]
    return t


def merged_floors(idx, rng, name, ext, province_code, year) -> Table:
    """城乡低保标准 over 城镇 / 农村: a tier whose town and country standard are one has one cell."""
    prov = idx.get(province_code)
    t = Table(name, f"{year}年全省城乡低保最低标准", "单位:元/人月",
              [["类别", "城乡低保标准", "城乡低保标准", "城乡低保补差水平", "城乡低保补差水平", "适用地区"],
               ["类别", "城镇", "农村", "城镇", "农村", "适用地区"]], [])
    cities = sorted(rng.sample(idx.children(prov), 4), key=lambda r: r.code)
    for i, chunk in enumerate((cities[:2], cities[2:])):
        s = 1000 - 120 * i
        ub, rb = s - 300, s - 450
        if i == 0:  # one standard for town and country
            t.body.append([f"{CN_QUARTER[i]}类", str(s), str(s), str(ub), str(rb), "、".join(c.name for c in chunk)])
            figs = [("all", "floor", s)]
        else:
            rs = s - 200
            t.body.append([f"{CN_QUARTER[i]}类", str(s), str(rs), str(ub), str(rb), "、".join(c.name for c in chunk)])
            figs = [("urban", "floor", s), ("rural", "floor", rs)]
        figs += [("urban", "subsidy_level", ub), ("rural", "subsidy_level", rb)]
        t.gold += [record(name + ext, c, "dibao", a, m, v, "yuan/person/month", str(year))
                   for a, m, v in figs for c in chunk]
    return t


# -- the carriers -------------------------------------------------------------------------------

def _html_header(header) -> list[str]:
    """Header rows with colspan over equal neighbours and rowspan over equal cells below."""
    down = {j for j, (a, b) in enumerate(zip(*header)) if a == b} if len(header) == 2 else set()
    out = []
    for i, r in enumerate(header):
        cells, j = [], 0
        while j < len(r):
            if i == 1 and j in down:
                j += 1
                continue
            k = j
            while k + 1 < len(r) and r[k + 1] == r[j] and k + 1 not in down:
                k += 1
            attrs = (f' colspan="{k - j + 1}"' if k > j else "") + (' rowspan="2"' if i == 0 and j in down else "")
            cells.append(f"<th{attrs}>{html.escape(r[j])}</th>")
            j = k + 1
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out


def as_html(t: Table) -> bytes:
    def row(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"
    rows = _html_header(t.header) + [row(r) for r in t.body]
    if t.note:
        rows.append(f'<tr><td colspan="{len(t.header[0])}">{html.escape(t.note)}</td></tr>')
    body = "\n".join(rows)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(t.title)}_民政统计</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/tj">统计数据</a></div>
<div class="article">
<h2>{html.escape(t.title)}</h2>
<p>发布时间:{FIXED.year + 5}-03-01</p>
<p>{html.escape(t.unit_line or '')}</p>
<table border="1">
{body}
</table>
</div>
<div class="footer">版权所有 民政统计网</div>
</body></html>
""".encode("utf-8")


def as_xlsx(t: Table) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = t.sheet or "Sheet1"
    width = len(t.header[0])
    ws.append([t.title] + [None] * (width - 1))
    ws.append([t.unit_line] + [None] * (width - 1))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for r in t.header:
        ws.append(r)
    _merge_header(ws, t.header, first_row=3)
    for r in t.body:
        ws.append([float(c) if c.replace(".", "").isdigit() else c for c in r])
    wb.properties.created = wb.properties.modified = FIXED.replace(tzinfo=None)
    wb.properties.creator = "doudi corpus"
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue())


def _merge_header(ws, header, first_row):
    """Merge equal neighbours across a header row and down a column, as the sheet would show them
    (openpyxl keeps the value of the top-left cell only)."""
    down = {j for j, (a, b) in enumerate(zip(*header)) if a == b} if len(header) == 2 else set()
    for j in down:
        ws.merge_cells(start_row=first_row, start_column=j + 1, end_row=first_row + 1, end_column=j + 1)
    for i, r in enumerate(header):
        j = 0
        while j < len(r):
            k = j
            while k + 1 < len(r) and r[k + 1] == r[j] and k + 1 not in down:
                k += 1
            if k > j and j not in down:
                ws.merge_cells(start_row=first_row + i, start_column=j + 1, end_row=first_row + i, end_column=k + 1)
            j = k + 1


def as_csv(t: Table) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([t.title])
    if t.unit_line:
        w.writerow([t.unit_line])
    w.writerows(t.header + t.body)
    return buf.getvalue().encode("utf-8")


def as_docx(t: Table) -> bytes:
    import docx

    d = docx.Document()
    cp = d.core_properties
    cp.title, cp.author, cp.created, cp.modified, cp.revision = t.title, "doudi corpus", FIXED, FIXED, 1
    cp.last_modified_by = "doudi corpus"
    d.add_heading(t.title, level=1)
    d.add_paragraph(t.unit_line or "")
    width = len(t.header[0])
    table = d.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for r in t.header + t.body:
        cells = table.add_row().cells
        for cell, v in zip(cells, r):
            cell.text = v
    for i, r in enumerate(t.header):  # merge equal neighbours of the header rows
        j = 0
        while j < width:
            k = j
            while k + 1 < width and r[k + 1] == r[j]:
                k += 1
            if k > j:
                table.cell(i, j).merge(table.cell(i, k)).text = r[j]
            j = k + 1
    buf = io.BytesIO()
    d.save(buf)
    return stable_zip(buf.getvalue())


def as_pdf(t: Table, ruled: bool = True) -> bytes:
    import tempfile

    from fpdf import FPDF

    chars = "".join([t.title, t.unit_line or "", *(c for r in t.header + t.body for c in r)])
    tmp = tempfile.TemporaryDirectory()
    ttf = noto_truetype(chars + "0123456789.", Path(tmp.name) / "noto.ttf")
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title(t.title)
    pdf.set_producer("doudi corpus")
    pdf.add_font("noto", fname=str(ttf))
    pdf.add_page()
    pdf.set_font("noto", size=16)
    pdf.multi_cell(0, 10, t.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("noto", size=10)
    if t.unit_line:
        pdf.multi_cell(0, 8, t.unit_line, align="L", new_x="LMARGIN", new_y="NEXT")
    if ruled:
        with pdf.table(line_height=7, first_row_as_headings=False) as table:
            for r in t.header + t.body:
                row = table.row()
                for c in r:
                    row.cell(c)
    else:  # columns set by position only, no rules: the reader has text lines alone
        widths = [60, 55, 55][:len(t.header[0])]
        for r in t.header + t.body:
            for c, w in zip(r, widths):
                pdf.cell(w, 7, c)
            pdf.ln(7)
    pdf.file_id = lambda: "<4A6F6B0E8F5A5C2A9D1E4B7F0A1C2D3E><4A6F6B0E8F5A5C2A9D1E4B7F0A1C2D3E>"
    data = bytes(pdf.output())
    tmp.cleanup()
    return data


def as_pipe(t: Table, truncate: bool = False) -> bytes:
    lines = [t.title, t.unit_line or ""] + ["| " + " | ".join(r) + " |" for r in t.header]
    lines.append("|" + "---|" * len(t.header[0]))
    body = t.body[:-1] if truncate else t.body
    lines += ["| " + " | ".join(r) + " |" for r in body]
    if truncate:  # the copy stops inside a row: the complete rows stand
        lines.append("| " + t.body[-1][0] + " | " + t.body[-1][1][:2])
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_spaced(t: Table) -> bytes:
    widths = [max(len(r[j]) for r in t.header + t.body) + 2 for j in range(len(t.header[0]))]
    lines = [t.title, ""] + ["".join(c.ljust(w, "\u3000" if not c.isascii() else " ") for c, w in zip(r, widths)).rstrip()
                             for r in t.header + t.body]
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_flat(t: Table) -> bytes:
    """One cell per line, blank lines between, as a web table copied to text comes out; a merged
    cell of a row is written once."""
    cells = [t.title, t.unit_line or ""]
    for i, r in enumerate(t.header):
        if i == 0:
            cells += [c for j, c in enumerate(r) if j == 0 or c != r[j - 1]]
        else:
            cells += [c for j, c in enumerate(r) if c != t.header[0][j]]
    for r in t.body:
        out = [r[0]]
        for j in range(1, len(r)):
            if not (r[j] == r[j - 1] and t.header[0][j] == t.header[0][j - 1] and len(t.header) > 1):
                out.append(r[j])
        cells += out
    cells.append("备注:")
    cells.append("1.本表标准自公布之月起执行。")
    return ("\n\n".join(cells) + "\n").encode("utf-8")


def tables():
    idx = RegionIndex.default()
    rng = random.Random(20151001)
    yield "html", provincial_average(idx, rng, "mca-2015-09-rural-dibao-average-by-province", 2015, 9), as_html
    t = urban_rural_levels(idx, rng, "wuhan-2016-q4-dibao-levels", ".xlsx", "420100", 2016, 4, period_in_title=False)
    yield "xlsx", t, as_xlsx
    yield "csv", county_list(idx, rng, "chengdu-2018-dibao-by-county", ".csv", "510100", 2018), as_csv
    t = urban_rural_levels(idx, rng, "nanning-2017-q2-dibao-levels", ".docx", "450100", 2017, 2)
    yield "docx", t, as_docx
    yield "pdf", county_list(idx, rng, "shijiazhuang-2019-dibao-by-county", ".pdf", "130100", 2019), as_pdf
    yield "pdf", county_list(idx, rng, "lanzhou-2020-dibao-unruled", ".pdf", "620100", 2020, n=5), \
        lambda t: as_pdf(t, ruled=False)
    yield "txt", thousands(idx, rng, "hubei-2020-tekun-thousands-truncated", "420000", 2020), \
        lambda t: as_pipe(t, truncate=True)
    yield "txt", county_list(idx, rng, "suzhou-2021-dibao-spaced", ".txt", "320500", 2021, n=5), as_spaced
    yield "txt", tiers(idx, rng, "quzhou-2022-dibao-tiers-flat", "330800", 2022), as_flat
    yield "txt", merged_floors(idx, rng, "jiangxi-2023-dibao-floors-flat", ".txt", "360000", 2023), as_flat
    yield "html", urban_rural_levels(idx, rng, "guilin-2018-q3-dibao-levels-rowspan", ".html", "450300", 2018, 3), \
        as_html


def main() -> None:
    OUT.mkdir(exist_ok=True)
    gold = []
    for ext, t, carrier in tables():
        if t.name.endswith("truncated"):  # the copy stops inside the last row: it has no records
            t.gold = [g for g in t.gold if g["region"] != t.body[-1][0]]
        path = OUT / f"{t.name}.{ext}"
        path.write_bytes(carrier(t))
        print(f"{path.stat().st_size:>9,}  {path.relative_to(HERE)}")
        gold += t.gold
    (OUT / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), "utf-8")
    print(f"{len(gold):>9,}  gold records")


if __name__ == "__main__":
    main()
