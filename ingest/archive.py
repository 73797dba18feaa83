"""Zip containers (DOCX, XLSX): refuse bombs and broken archives before a parser inflates them.

The central directory is checked first (declared sizes and ratios), then every member is
inflated once, in small steps, counting the real bytes: a member that lies about its size is
caught by the count or its CRC, never inflated past the budget. Parsers get the verified bytes
re-packed uncompressed, so nothing they read can inflate further.
"""
from __future__ import annotations

import io
import zipfile
import zlib

from .errors import IngestError
from .limits import LIMITS, mb

MAX_TOTAL = 256 * 2**20  # declared uncompressed bytes for the whole archive
MAX_RATIO = 100  # real OOXML parts compress 3-20x; a bomb compresses ~1000x
RATIO_FLOOR = 2**20  # small parts may compress well without harm
_STEP = 2**20


def open_zip(path, data: bytes, what: str) -> bytes:
    """The archive's verified members, re-packed without compression (nothing is inflated
    beyond ``LIMITS.max_inflated_bytes``)."""
    if data.count(b"PK\x01\x02") > LIMITS.max_zip_members:  # before zipfile reads them all
        raise IngestError(path, f"refused {what}: more than {LIMITS.max_zip_members:,} members")
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
    out = io.BytesIO()
    inflated = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as packed:
        for i in infos:
            if i.is_dir():
                continue
            parts = []
            try:
                with z.open(i) as member:
                    while chunk := member.read(_STEP):
                        inflated += len(chunk)
                        if inflated > LIMITS.max_inflated_bytes:
                            raise IngestError(path, f"over budget: {what} inflates past "
                                                    f"{mb(LIMITS.max_inflated_bytes)} ({i.filename})")
                        parts.append(chunk)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError,
                    OSError, ValueError) as e:  # bad CRC, lying sizes, bad data, unknown compression
                raise IngestError(path, f"corrupt {what}: {i.filename}: {e}") from None
            packed.writestr(i, b"".join(parts), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()
