"""Spreadsheets (XLSX via pandas/openpyxl, CSV): each sheet one table block.

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


def _cell(v) -> str:
    if v is None or v != v:  # None or NaN
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def load_xlsx(path, data: bytes):
    import pandas as pd

    open_zip(path, data, "XLSX")
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine="openpyxl")
    except Exception as e:
        raise IngestError(path, f"corrupt XLSX: {type(e).__name__}: {e}") from None
    out = Composer()
    for name, frame in sheets.items():
        rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
        width = max((i + 1 for r in rows for i, c in enumerate(r) if c), default=0)
        out.add_table([r[:width] for r in rows])
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
