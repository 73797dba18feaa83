"""What a researcher types, as the records' codes: 低保 or dibao, 农村 or rural, 黔南州 or 522700.

Vocabulary labels come from ``schemas/data/vocabulary.yaml`` (``最低生活保障(低保)`` answers to
低保 and 最低生活保障); region names are the ``region_names`` table, written at build time from the
gazetteer (``pipeline/region_names.py``), so 黔南州, 黔南 and 黔南布依族苗族自治州 are one code.
Registered as SQL functions by the Datasette plugin, so canned queries take either form.
"""
from __future__ import annotations

import re
from functools import lru_cache

from schemas import VOCAB

_PARTS = re.compile(r"[/()（）、,，]")
_CODE = re.compile(r"^\d{6}$")


@lru_cache(maxsize=None)
def _aliases(section: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, entry in VOCAB.get(section, {}).items():
        out[code] = code
        zh = (entry or {}).get("zh") or ""
        for word in [zh] + [p for p in _PARTS.split(zh) if p]:
            out.setdefault(word, code)
        en = (entry or {}).get("en")
        if en:
            out.setdefault(en.lower(), code)
    return out


def code(section: str, text) -> str | None:
    """The vocabulary code ``text`` names (code, Chinese label or a part of it); None if none."""
    if text is None:
        return None
    text = str(text).strip()
    aliases = _aliases(section)
    found = aliases.get(text) or aliases.get(text.lower())
    if found or not text:
        return found
    near = {c for word, c in aliases.items() if text in word}
    return near.pop() if len(near) == 1 else None


def choices(section: str) -> list[tuple[str, str]]:
    """(code, Chinese label) of a vocabulary, for the inputs' lists."""
    return [(c, (e or {}).get("zh") or c) for c, e in VOCAB.get(section, {}).items()]
