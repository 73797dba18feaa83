"""Cited titles (《…》) and quoted words (“…”): what stands inside them belongs to the document or
term cited, not to the text citing it (全省 in 《…完善全省社会救助体系的意见》 is that document's).

    >>> [m.group() for m in CITED.finditer("根据《贵州省社会救助实施办法》规定")]
    ['《贵州省社会救助实施办法》']
"""
from __future__ import annotations

import re

CITED = re.compile(r"《[^》]*》")  # a cited title
QUOTED_OR_CITED = re.compile(r"“[^”]*”|《[^》]*》")  # a quoted word or a cited title


def without_cited(text: str) -> str:
    """``text`` with its cited titles taken out."""
    return CITED.sub("", text)


def blank_cited(text: str, fill: str = "〇") -> str:
    """``text`` with each cited title overwritten by ``fill`` (offsets stay the same)."""
    return CITED.sub(lambda m: fill * len(m.group()), text) if "《" in text else text
