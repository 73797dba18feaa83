"""PDF (pdfplumber): text per page in reading order, tables as tables, pages kept.

Tables are found first (``find_tables``); characters inside a table's box are left out of the
prose so table figures are read once, from the table block. On a page without ruled tables, lines
in aligned columns under a header are a table too (``texttables.aligned_runs``). The remaining
lines are grouped into paragraphs by layout: a paragraph ends at a short line, an indented line, a
wider gap or a change of font size (headings). Tables and paragraphs are merged by their top coordinate.
"""
from __future__ import annotations

import io
import re
import zlib
from statistics import median

from .build import Composer, build_document
from .document import file_id
from .errors import IngestError
from .limits import LIMITS, OverBudget, mb
from .texttables import aligned_runs

_ASCII_END = re.compile(r"[A-Za-z0-9,.;:]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")
_CLOSED = re.compile(r"[。!?;:…”’\")]$")


def _inside(boxes):
    def keep(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
    return keep


def _line_size(line) -> float:
    chars = line.get("chars") or []
    return median(c["size"] for c in chars) if chars else line["bottom"] - line["top"]


def _paragraphs(lines) -> list[dict]:
    """Group text lines (pdfplumber ``extract_text_lines``) into paragraphs.

    Each paragraph: top, kind, text, size, ``indented`` (its first line is) and ``open`` (its
    last line runs to the margin or lacks closing punctuation: it may go on on the next page).
    """
    if not lines:
        return []
    left = min(l["x0"] for l in lines)
    right = max(l["x1"] for l in lines)
    sizes = [_line_size(l) for l in lines]
    body = median(sizes)
    out, cur, prev = [], None, None
    for line, size in zip(lines, sizes):
        text = line["text"].strip()
        height = max(line["bottom"] - line["top"], 1.0)
        heading = size > body * 1.15
        indented = line["x0"] > left + 1.5 * height
        new = (cur is None or heading or cur["kind"] == "heading" or indented
               or line["top"] - prev["bottom"] > 0.9 * height  # paragraph gap
               or abs(size - cur["size"]) > 0.5
               # a short line ends a paragraph only if its sentence ends there: word-wrapping
               # at a space also leaves short lines
               or (prev["x1"] < right - 2 * height and _CLOSED.search(cur["text"])))
        if new:
            cur = {"top": line["top"], "kind": "heading" if heading else "paragraph", "size": size,
                   "text": text, "indented": indented}
            out.append(cur)
        else:
            sep = " " if _ASCII_END.search(cur["text"]) and _ASCII_START.search(text) else ""
            cur["text"] += sep + text
        cur["open"] = line["x1"] >= right - 2 * height or not _CLOSED.search(cur["text"])
        prev = line
    return out


class _BoundedZlib:
    """pdfminer's ``zlib``, inflating no stream past ``LIMITS.max_pdf_stream_bytes`` (a 1 GB
    content stream fits in a few MB of PDF)."""

    error = zlib.error

    class decompressobj:  # noqa: N801 - stands in for zlib.decompressobj
        def __init__(self, *args):
            self._d = zlib.decompressobj(*args)
            self._out = 0

        def decompress(self, data, max_length=0):
            limit = LIMITS.max_pdf_stream_bytes + 1 - self._out
            out = self._d.decompress(data, limit if not max_length else min(max_length, limit))
            self._out += len(out)
            if self._out > LIMITS.max_pdf_stream_bytes:
                raise OverBudget(f"a PDF stream inflates past {mb(LIMITS.max_pdf_stream_bytes)}")
            return out

        def flush(self, *args):
            return self._d.flush(*args)

        def __getattr__(self, name):  # eof, unconsumed_tail, unused_data
            return getattr(self._d, name)

    @classmethod
    def decompress(cls, data, *args):
        d = cls.decompressobj()
        out = d.decompress(data)
        if not d.eof:  # as zlib.decompress does: pdfminer then salvages what it can
            raise zlib.error("incomplete or truncated stream")
        return out


def _bound_streams() -> None:
    import pdfminer.pdftypes

    pdfminer.pdftypes.zlib = _BoundedZlib


def _cause(e: BaseException) -> BaseException:
    """The error under pdfplumber's wrapper (PdfminerException), which would hide a budget."""
    while type(e).__name__ == "PdfminerException" and (e.__cause__ or e.__context__ or e.args[:1]):
        inner = e.__cause__ or e.__context__ or e.args[0]
        if not isinstance(inner, BaseException):
            break
        e = inner
    if isinstance(e, OverBudget):
        raise e
    return e


def _corrupt(e: BaseException) -> str:
    return f"corrupt PDF: {e}" if type(e).__name__ == "PdfminerException" else f"corrupt PDF: {type(e).__name__}: {e}"


def _why_no_text(pages: int, images: int) -> str:
    """The true cause of a PDF without text: no readable page is damage, not a scan."""
    if pages == 0:
        return "corrupt PDF: no readable page (broken cross-reference table or page tree)"
    if images:
        return f"no text found in PDF ({pages} pages of images: scanned, needs OCR)"
    return f"no text found in PDF ({pages} pages, neither text nor images)"


def _table_rows(table) -> list[list[str]]:
    # A cell's line breaks are wrapping, not content: CJK text joins without a space.
    return [[(c or "").replace("\n", "") for c in row] for row in table.extract()]


def load_pdf(path, data: bytes):
    if b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF: no %PDF- header (binary file named .pdf?)")
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    _bound_streams()

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise IngestError(path, "encrypted PDF: a password is required") from None
    except OverBudget:
        raise
    except Exception as e:
        cause = _cause(e)
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(e).lower():
            raise IngestError(path, "encrypted PDF: a password is required") from None
        raise IngestError(path, _corrupt(cause)) from None
    items = []  # (page, kind, text or table, paragraph info)
    images = 0
    with pdf:
        try:
            n = len(pdf.pages)
            for number, page in enumerate(pdf.pages, 1):
                images += len(page.images)
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                prose = page.filter(_inside(boxes)) if boxes else page
                lines = prose.extract_text_lines()
                found = []
                if not tables:  # a table without rules: its lines in aligned columns
                    runs = aligned_runs([l["text"] for l in lines])
                    found = [(lines[first]["top"], "table", rows) for first, _, rows in runs]
                    inside = {k for first, last, _ in runs for k in range(first, last + 1)}
                    lines = [l for k, l in enumerate(lines) if k not in inside]
                found += [(p["top"], p["kind"], p) for p in _paragraphs(lines)]
                found += [(t.bbox[1], "table", _table_rows(t)) for t in tables]
                found.sort(key=lambda x: x[0])
                for i, (_, kind, item) in enumerate(found):
                    last = items[-1] if items else None
                    if (i == 0 and kind == "paragraph" and last and last[1] == "paragraph"
                            and last[3]["open"] and not item["indented"]
                            and abs(last[3]["size"] - item["size"]) <= 0.5):
                        last[3]["text"] += item["text"]  # the paragraph goes on from the last page
                        last[3]["open"] = item["open"]
                        continue
                    items.append((number, kind, item, item if kind != "table" else None))
                page.close()
        except PDFPasswordIncorrect:
            raise IngestError(path, "encrypted PDF: a password is required") from None
        except (IngestError, OverBudget):
            raise
        except Exception as e:
            raise IngestError(path, _corrupt(_cause(e))) from None
    out = Composer()
    for number, kind, item, _ in items:
        if kind == "table":
            out.add_table(item, page=number)
        else:
            out.add(item["text"], kind, page=number)
    if not out.blocks:
        raise IngestError(path, _why_no_text(n, images))
    return build_document(doc_id=file_id(data), source=str(path), format="pdf", original=out.original,
                          blocks=out.blocks, pages=n)
