"""DOCX (python-docx): paragraphs and tables in document order, tables kept as tables.

python-docx lists paragraphs and tables separately; walking the body XML keeps their order.
Content controls (``w:sdt``) are walked through, as Word wraps ordinary text in them.
"""
from __future__ import annotations

import io

from .archive import open_zip
from .build import Composer, build_document
from .document import file_id
from .errors import IngestError

HEADING_STYLES = ("heading", "title", "标题")


def _rows(table) -> list[list[str]]:
    # a merged cell stands in every grid column it covers, as an HTML colspan does: a header
    # over two columns heads both
    return [[cell.text for cell in row.cells] for row in table.rows]


def _walk(element, doc, out: Composer) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, doc)
            style = (p.style.name if p.style is not None else "") or ""
            kind = "heading" if style.lower().startswith(HEADING_STYLES) else "paragraph"
            out.add(p.text, kind)
        elif tag == "tbl":
            out.add_table(_rows(Table(child, doc)))
        elif tag in ("sdt", "sdtContent", "customXml"):
            _walk(child, doc, out)


def load_docx(path, data: bytes):
    import docx

    packed = open_zip(path, data, "DOCX")
    try:
        d = docx.Document(io.BytesIO(packed))
    except Exception as e:  # missing parts, bad XML, not a Word document
        raise IngestError(path, f"corrupt DOCX: {type(e).__name__}: {e}") from None
    out = Composer()
    _walk(d.element.body, d, out)
    if not out.blocks:
        raise IngestError(path, "no text found in DOCX")
    title = (d.core_properties.title or "").strip() or None
    return build_document(doc_id=file_id(data), source=str(path), format="docx", original=out.original,
                          blocks=out.blocks, title=title)
