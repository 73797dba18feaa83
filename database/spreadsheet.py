"""Spreadsheet exports Excel and WPS open as they are: XLSX, and CSV with a byte-order mark.

Excel on Chinese Windows reads a CSV without a BOM in the local code page (GBK), turning UTF-8
Chinese into mojibake; a UTF-8 BOM tells it otherwise.
"""
from __future__ import annotations

import io

BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(columns: list[str], rows, sheet: str = "doudi") -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31] or "doudi")
    ws.append(list(columns))
    for row in rows:
        ws.append([row[c] for c in columns] if isinstance(row, dict) else list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_xlsx(columns, rows, database, table, query_name):
    """Datasette output renderer: the rows of the page as an .xlsx download."""
    from datasette.utils.asgi import Response

    name = table or query_name or database
    body = xlsx_bytes(columns, [list(r) for r in rows], name)
    return Response(body, content_type=XLSX_TYPE,
                    headers={"content-disposition": f'attachment; filename="{name}.xlsx"'})


def bom_wrapper(app):
    """ASGI middleware: a ``.csv`` response asked for with ``_bom=1`` starts with a UTF-8 BOM."""

    async def wrapped(scope, receive, send):
        if scope.get("type") != "http" or b"_bom=1" not in scope.get("query_string", b""):
            return await app(scope, receive, send)
        state = {"csv": False, "first": True}

        async def patched(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                state["csv"] = any(k.lower() == b"content-type" and b"text/" in v and b"csv" in v or
                                   k.lower() == b"content-type" and v.startswith(b"text/plain")
                                   for k, v in headers) and scope["path"].endswith(".csv")
                if state["csv"]:
                    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                message = dict(message, headers=headers)
            elif message["type"] == "http.response.body" and state["csv"] and state["first"]:
                state["first"] = False
                message = dict(message, body=BOM.encode() + message.get("body", b""))
            await send(message)

        return await app(scope, receive, patched)

    return wrapped
