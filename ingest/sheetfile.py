"""Spreadsheets (XLSX via openpyxl, read-only and cell by cell; CSV): each sheet one table block.

Leading rows holding a single value (a title, a ``金额单位:元/月`` note) become the caption;
see :func:`ingest.build.split_caption`.
"""
from __future__ import annotations

import csv
import io

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


def _sheet_rows(path, sheet) -> list[list[str]]:
    """A sheet's rows from its cells as stored, not from its declared range (``<dimension>`` may
    claim A1:XFD1048576); refused when the cells really span more than the budget."""
    sheet.reset_dimensions()
    found: list[tuple[int, list[str]]] = []
    width = 0
    for n, row in enumerate(sheet.iter_rows(), 1):  # rows are padded to their own last cell only
        cells = ["" if c.data_type == "e" else _cell(c.value) for c in row]  # "#N/A" is no value
        last = max((i + 1 for i, c in enumerate(cells) if c), default=0)
        if not last:
            continue
        width = max(width, last)
        if n * width > LIMITS.max_sheet_cells:
            raise OverBudget(f"sheet {sheet.title!r} spans {n:,} rows x {width:,} columns in its cells "
                             f"(limit {LIMITS.max_sheet_cells:,} cells)")
        found.append((n, cells[:last]))
    rows = [[] for _ in range(found[-1][0])] if found else []
    for n, cells in found:
        rows[n - 1] = cells + [""] * (width - len(cells))
    return [r or [""] * width for r in rows]


def load_xlsx(path, data: bytes):
    import openpyxl

    packed = open_zip(path, data, "XLSX")
    try:
        book = openpyxl.load_workbook(io.BytesIO(packed), read_only=True, data_only=True)
    except Exception as e:
        raise IngestError(path, f"corrupt XLSX: {type(e).__name__}: {e}") from None
    out = Composer()
    try:
        for sheet in book.worksheets:
            out.add_table(_sheet_rows(path, sheet))
    finally:
        book.close()
    if not out.blocks:
        raise IngestError(path, "no cells found in XLSX")
    return build_document(doc_id=file_id(data), source=str(path), format="xlsx", original=out.original,
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
