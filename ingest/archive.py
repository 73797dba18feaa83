"""Zip containers (DOCX, XLSX): refuse bombs and broken archives before anything inflates them."""
from __future__ import annotations

import io
import zipfile

from .errors import IngestError

MAX_TOTAL = 256 * 2**20  # declared uncompressed bytes for the whole archive
MAX_RATIO = 100  # real OOXML parts compress 3-20x; a bomb compresses ~1000x
RATIO_FLOOR = 2**20  # small parts may compress well without harm


def open_zip(path, data: bytes, what: str) -> zipfile.ZipFile:
    """The archive, checked from its central directory alone (nothing is inflated here)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise IngestError(path, f"corrupt {what}: not a valid zip archive") from None
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise IngestError(path, f"refused {what}: zip bomb ({total / 2**20:,.0f} MB declared "
                                f"uncompressed from {len(data) / 1024:,.0f} KB)")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise IngestError(path, f"refused {what}: zip bomb ({i.filename} inflates "
                                    f"{i.file_size // max(i.compress_size, 1)}x)")
    return z
