"""Plain text in UTF-8, GB18030/GBK or Big5: one paragraph block per non-empty line."""
from __future__ import annotations

from .build import build_document
from .document import file_id
from .encoding import decode
from .errors import IngestError


def load_text(path, data: bytes):
    text, enc = decode(path, data)
    if not text.strip():
        raise IngestError(path, f"no text: the file holds only whitespace ({len(data):,} bytes)")
    return build_document(doc_id=file_id(data), source=str(path), format="txt", original=text,
                          encoding=enc, chrome=True)
