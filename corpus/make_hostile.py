"""Hostile inputs for the reliability tests (issue 18), written into a folder at test time.

    python corpus/make_hostile.py OUT_DIR [--scale 1.0]

Nothing here is committed: some files inflate to gigabytes. ``make(out)`` writes every case and
returns ``{relative path: expected cause}``, where the cause is a fragment of the one-line error
the build must report, or None for a file that must be kept (a good document with an odd name
or odd bytes). ``--scale`` shrinks the long texts (never the bombs: they must exceed the budgets).
"""
from __future__ import annotations

import argparse
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
GOOD = ROOT / "text" / "national-2020-social-assistance-news.txt"
SENTENCE = "城市低保标准为每人每月{}元,农村低保标准为每人每月{}元。"


def _pdf(objects: list[bytes], *, xref: bool = True) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 the catalog), with a true xref table or none."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    else:
        out += b"startxref\n999999\n%%EOF\n"
    return bytes(out)


def _stream(data: bytes, flate: bool = True) -> bytes:
    body = zlib.compress(data, 9) if flate else data
    filt = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(body), filt) + body + b"\nendstream"


BOMB = 2**28  # 256 MB inflated: eight times any budget, about 250 KB on disk


def _deflated(data: bytes, n: int = BOMB, raw: bool = False, _made={}) -> bytes:
    """``data`` then zeros up to ``n`` bytes, deflated (``raw``: without zlib's header, as in zips)."""
    key = (data, n, raw)
    if key not in _made:
        c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
        chunk = b"\0" * 2**20
        _made[key] = c.compress(data) + b"".join(c.compress(chunk) for _ in range(n // 2**20)) + c.flush()
    return _made[key]


_PAGE = [b"<< /Type /Catalog /Pages 2 0 R >>",
         b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"]


def pdf_stream_bomb() -> bytes:
    """One page whose content stream inflates to 256 MB."""
    body = _deflated(b"")
    return _pdf(_PAGE + [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"])


def pdf_cyclic_pages() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def pdf_broken_xref() -> bytes:
    return b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\nstartxref\n123456\n%%EOF\n"


def pdf_blank_page() -> bytes:
    return _pdf(_PAGE + [_stream(b"")])


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
       b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = b'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


def _docx(document_xml: bytes) -> bytes:
    return _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": document_xml})


def docx_huge_document(mb: int = 80) -> bytes:
    """A document.xml of ``mb`` MB of varied paragraphs: it compresses about 10x, under the
    zip-bomb ratio, yet is far more text than any policy document."""
    paras = [b"<w:p><w:r><w:t>" + SENTENCE.format(400 + i % 997, 300 + i * 7 % 991).encode() + b"</w:t></w:r></w:p>"
             for i in range(12000)]  # about 1 MB, repeated beyond deflate's 32 KB window
    body = b"".join(paras) * mb
    return _docx(b'<?xml version="1.0"?><w:document xmlns:w="' + _W + b'"><w:body>' + body
                 + b"</w:body></w:document>")


def docx_entities() -> bytes:
    """Billion laughs: nested entities that expand exponentially if resolved."""
    ents = [b'<!ENTITY e0 "lol">'] + [b'<!ENTITY e%d "%s">' % (i, b"&e%d;" % (i - 1) * 10) for i in range(1, 10)]
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [' + b"".join(ents) + b']><w:document xmlns:w="' + _W
           + b'"><w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(xml)


def zip_lying_sizes() -> bytes:
    """A DOCX whose document.xml declares 100 bytes (with their CRC) but inflates to 256 MB."""
    head = b"<w:document>" + b"\0" * 88
    body = _deflated(head, raw=True)
    good = _docx(b"<w:document/>")
    z = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    central = []
    for info in z.infolist():
        if info.filename == "word/document.xml":
            data, crc, size = body, zlib.crc32(head), len(head)
        else:
            raw = z.read(info)
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            data, crc, size = c.compress(raw) + c.flush(), zlib.crc32(raw), len(raw)
        name = info.filename.encode()
        local = len(out.getvalue())
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0)
                  + name + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                   len(name), 0, 0, 0, 0, 0, local) + name)
    start = len(out.getvalue())
    cd = b"".join(central)
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd), start, 0))
    return out.getvalue()


def xlsx_far_cell() -> bytes:
    """Two cells, A1 and XFD1048576: 17 billion cells if the range is filled in."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "城市低保标准"
    sheet.cell(row=1048576, column=16384, value="x")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def html_deep(depth: int = 100_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>" + SENTENCE.format(600, 400) + "</p>"
            + "</div>" * depth + "</body></html>").encode()


def enumeration(n: int) -> str:
    """One sentence listing ``n`` amounts: 分别为495元/月和495元/月和…"""
    return "城乡低保标准分别为" + "和".join(f"{495 + i % 7}元/月" for i in range(n)) + "。\n"


def long_line(mb: float) -> str:
    """``mb`` MB of policy sentences on one line (no line break anywhere)."""
    base = GOOD.read_text("utf-8").replace("\n", "")
    return (base * (int(mb * 1e6 / len(base.encode())) + 1))[:int(mb * 1e6 / 3)]


def make(out, scale: float = 1.0) -> dict[str, str | None]:
    """Write every hostile case under ``out``; ``{relative path: expected cause or None}``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[bytes, str | None]] = {
        "good.txt": (GOOD.read_bytes(), None),
        "nul-bytes.txt": (GOOD.read_bytes().replace("。".encode(), "。\0".encode(), 3), None),
        "enumeration.txt": (enumeration(max(100, int(5000 * scale))).encode(), None),
        "one-line.txt": (long_line(2 * scale).encode(), None),
        "whitespace.txt": (b" \n\t\n  \r\n" * 100, "only whitespace"),
        "far-cell.xlsx": (xlsx_far_cell(), "spans 1,048,576 rows x 16,384 columns"),
        "deep.html": (html_deep(), "nested more than"),
        "huge-document.docx": (docx_huge_document(), "inflates past"),
        "lying-sizes.docx": (zip_lying_sizes(), "DOCX"),
        "entities.docx": (docx_entities(), "DOCX"),
        "stream-bomb.pdf": (pdf_stream_bomb(), "a PDF stream inflates past"),
        "cyclic-pages.pdf": (pdf_cyclic_pages(), "no readable page"),
        "broken-xref.pdf": (pdf_broken_xref(), "corrupt PDF: PDFSyntaxError: No /Root object"),
        "blank-page.pdf": (pdf_blank_page(), "neither text nor images"),
    }
    for name, (data, _) in cases.items():
        (out / name).write_bytes(data)
    expected = {name: cause for name, (_, cause) in cases.items()}
    # names: undecodable bytes and a newline with an escape code; both good documents
    for i, (raw, shown) in enumerate(((b"bad-\xff\xfe.txt", "bad-\\xff\\xfe.txt"),
                                      (b"new\nline\x1b[31m.txt", "new\\nline\\x1b[31m.txt"))):
        with open(os.path.join(os.fsencode(out), raw), "wb") as f:
            f.write(GOOD.read_bytes() + f"\n副本{i + 1}\n".encode())  # bytes of its own
        expected[shown] = None
    # the file system: a FIFO, links out of the tree, a loop, a dangling link
    os.mkfifo(out / "fifo.txt")
    expected["fifo.txt"] = "not a regular file (a FIFO)"
    for name, target, cause in (("passwd.txt", "/etc/passwd", "leaves the input folder"),
                                ("zero.txt", "/dev/zero", "leaves the input folder"),
                                ("dangling.txt", "nowhere.txt", "dangling link"),
                                ("self.txt", "self.txt", "symlink loop"),
                                ("loop", ".", "symlink loop")):
        os.symlink(target, out / name)
        expected[name] = cause
    return expected


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    for name, cause in make(args.out, args.scale).items():
        print(f"{name:32} {cause or 'kept'}")


if __name__ == "__main__":
    main()
