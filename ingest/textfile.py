"""Plain text in UTF-8, GB18030/GBK or Big5."""
from __future__ import annotations

from .build import build_document
from .document import file_id
from .errors import IngestError


def decode(path, data: bytes) -> tuple[str, str]:
    for enc in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(enc), enc.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise IngestError(path, "undecodable bytes: not UTF-8, GB18030 or Big5")


def load_text(path, data: bytes):
    text, enc = decode(path, data)
    return build_document(doc_id=file_id(data), source=str(path), format="txt", original=text, encoding=enc)
