"""Decode the bytes of a Chinese text file: UTF-8, GB18030/GBK or Big5, never silently wrong.

UTF-8 validates itself, so it is tried first (after any BOM). GB18030 and Big5 overlap: most
Big5 byte pairs are also valid GB18030, and the reverse often holds for short texts. Each
candidate that decodes strictly is scored by the share of its Han characters that are common
characters (GB2312 level 1 or the Big5 frequently-used block); a wrong decoding scatters into
rare characters, kana, Greek and box-drawing glyphs. A clear winner is returned; anything else is
an :class:`IngestError` rather than a guess.
"""
from __future__ import annotations

import codecs
from functools import lru_cache

from .errors import IngestError

CANDIDATES = ("gb18030", "big5")
MIN_SCORE = 0.8  # real text scores > 0.99 on the seeds; mis-decodings score 0.25-0.6
MIN_MARGIN = 0.2
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Controls that never occur in text: their presence means binary data, whatever decodes.
_BINARY = set(range(0, 9)) | {11, 14, 15} | set(range(16, 27)) | set(range(28, 32)) | {127}


@lru_cache(maxsize=65536)
def _kind(ch: str) -> int:
    """1 common Han, 0 other Han or a glyph typical of mis-decoding, -1 irrelevant."""
    o = ord(ch)
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        try:
            b = ch.encode("gb2312")
            if 0xB0 <= b[0] <= 0xD7:
                return 1
        except UnicodeEncodeError:
            pass
        try:
            b = ch.encode("big5")
            if len(b) == 2 and 0xA4 <= b[0] <= 0xC6:
                return 1
        except UnicodeEncodeError:
            pass
        return 0
    if 0x3040 <= o <= 0x30FF or 0x0370 <= o <= 0x04FF or 0x2500 <= o <= 0x257F or 0xE000 <= o <= 0xF8FF:
        return 0
    return -1


def common_share(text: str) -> tuple[float, int]:
    """(share of common characters, number of characters that counted)."""
    good = total = 0
    for ch in text:
        k = _kind(ch)
        if k >= 0:
            total += 1
            good += k
    return (good / total if total else 0.0), total


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ord(ch) in _BINARY)
    return bad > max(2, len(sample) // 1000)


def decode(path, data: bytes) -> tuple[str, str]:
    """(text, encoding) or IngestError("undecodable bytes ...")."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise IngestError(path, f"undecodable bytes: BOM says {enc} but byte {e.start} is invalid") from None
            if enc == "utf-16":  # any even run of bytes is UTF-16: check it reads as text
                share, n = common_share(text)
                if n and share < MIN_SCORE:
                    raise IngestError(path, f"undecodable bytes: BOM says UTF-16 but the text is "
                                            f"mostly rare characters ({share:.0%} common)")
            return _checked(path, text), enc.replace("-sig", "")
    try:
        return _checked(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    scored = []
    for enc in CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share, n = common_share(text)
        scored.append((share, n, enc, text))
    if not scored:
        raise IngestError(path, "undecodable bytes: not valid UTF-8, GB18030 or Big5")
    scored.sort(key=lambda s: s[0], reverse=True)
    share, n, enc, text = scored[0]
    if share < MIN_SCORE or n == 0:
        raise IngestError(path, f"undecodable bytes: best guess {enc} gives mostly rare characters ({share:.0%} common)")
    if len(scored) > 1 and share - scored[1][0] < MIN_MARGIN:
        raise IngestError(path, f"undecodable bytes: ambiguous between {enc} and {scored[1][2]}")
    return _checked(path, text), enc


def _checked(path, text: str) -> str:
    if _looks_binary(text):
        raise IngestError(path, "undecodable bytes: binary content (control characters), not text")
    return text
