"""Spreadsheets (XLSX via openpyxl, bounded by the cells really stored; CSV): each sheet one table block.

Leading rows holding a single value (a title, a ``金额单位:元/月`` note) become the caption;
see :func:`ingest.build.split_caption`. A merged cell stands in every cell it covers (a header
over two columns heads both), and a sheet's own name (``2016年4季度``) joins the caption: tables
often say their period there only.
"""
from __future__ import annotations

import csv
import io
import re

from .archive import open_zip
from .build import Composer, build_document
from .document import file_id
from .encoding import decode
from .errors import IngestError
from .limits import LIMITS, OverBudget


def _cell(v) -> str:
    if v is None or v != v:  # None or NaN
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


_DEFAULT_SHEET = re.compile(r"^(?:Sheet|工作表|表)\s*\d*$", re.I)


def _sheet_rows(ws) -> list[list[str]]:
    """A sheet's rows, a merged cell's value in every cell it covers. The extent is the cells really
    stored (openpyxl's max_row/max_column), not the declared ``<dimension>`` (which may claim
    A1:XFD1048576); refused when those cells span more than the budget."""
    if ws.max_row * ws.max_column > LIMITS.max_sheet_cells:
        raise OverBudget(f"sheet {ws.title!r} spans {ws.max_row:,} rows x {ws.max_column:,} columns in "
                         f"its cells (limit {LIMITS.max_sheet_cells:,} cells)")
    rows = [["" if v is None else _cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        value = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else ""
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                rows[r][c] = value
    return rows


def load_xlsx(path, data: bytes):
    import openpyxl

    packed = open_zip(path, data, "XLSX")
    try:
        book = openpyxl.load_workbook(io.BytesIO(packed), data_only=True)
        sheets = {ws.title: _sheet_rows(ws) for ws in book.worksheets}
    except OverBudget:
        raise
    except Exception as e:
        raise IngestError(path, f"corrupt XLSX: {type(e).__name__}: {e}") from None
    out = Composer()
    for name, rows in sheets.items():
        width = max((i + 1 for r in rows for i, c in enumerate(r) if c), default=0)
        out.add_table([r[:width] for r in rows], None if _DEFAULT_SHEET.match(name) else name)
    if not out.blocks:
        raise IngestError(path, "no cells found in XLSX")
    return build_document(doc_id=file_id(data), source=str(path), format="xlsx", original=out.original,
                          blocks=out.blocks)


def load_xls(path, data: bytes):
    """The older Excel format (BIFF, what statistical offices still post): the same table blocks as
    XLSX, merged cells filled, the sheet's name in the caption."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as e:
        raise IngestError(path, f"corrupt XLS: {type(e).__name__}: {e}") from None
    out = Composer()
    try:
        for sheet in book.sheets():
            if sheet.nrows * sheet.ncols > LIMITS.max_sheet_cells:
                raise OverBudget(f"sheet {sheet.name!r} spans {sheet.nrows:,} rows x {sheet.ncols:,} columns "
                                 f"(limit {LIMITS.max_sheet_cells:,} cells)")
            rows = [[_cell(v) for v in sheet.row_values(r)] for r in range(sheet.nrows)]
            for r0, r1, c0, c1 in sheet.merged_cells:
                for r in range(r0, min(r1, len(rows))):
                    for c in range(c0, min(c1, len(rows[r]))):
                        rows[r][c] = rows[r0][c0]
            width = max((i + 1 for r in rows for i, c in enumerate(r) if c), default=0)
            out.add_table([r[:width] for r in rows], None if _DEFAULT_SHEET.match(sheet.name) else sheet.name)
    finally:
        book.release_resources()
    if not out.blocks:
        raise IngestError(path, "no cells found in XLS")
    return build_document(doc_id=file_id(data), source=str(path), format="xls", original=out.original,
                          blocks=out.blocks)


def load_csv(path, data: bytes):
    text, enc = decode(path, data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    # csv, not pandas: title and unit rows above the header have fewer fields than the data.
    rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect)]
    out = Composer()
    out.add_table(rows)
    if not out.blocks:
        raise IngestError(path, "no cells found in CSV")
    return build_document(doc_id=file_id(data), source=str(path), format="csv", original=out.original,
                          blocks=out.blocks, encoding=enc)
