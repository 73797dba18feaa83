"""Line roles in text copies of web pages: site chrome, byline, heading or body paragraph.

Chrome lines are marked ``kind="boilerplate"``, never deleted, so provenance stays whole and the
paragraphs around them are untouched. The patterns live in ``data/boilerplate.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from language.segment import SENTENCE_MARK

from .document import Document

DATA = Path(__file__).with_name("data") / "boilerplate.yaml"
_SENTENCE = re.compile(r"[。!?;,:,、]")
_SENTENCE_END = SENTENCE_MARK  # a line with a full stop is prose, not a byline or heading
ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[、.]|第[一二三四五六七八九十\d]+[章节条部分])")


@lru_cache(maxsize=1)
def rules() -> dict:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {
        "whole": re.compile("|".join(f"(?:{p})" for p in raw["whole_line"])),
        "short": re.compile("|".join(f"(?:{p})" for p in raw["in_short_line"]), re.I),
        "short_max": raw["short_line"],
        "byline": re.compile(raw["byline_labels"]),
        "byline_max": raw["byline_max"],
        "run_min": raw["run_min"],
        "run_line_max": raw["run_line_max"],
        "kw_min": raw["keyword_tokens_min"],
        "kw_max": raw["keyword_token_max"],
    }


def is_chrome(line: str, original: str | None = None) -> bool:
    """``original`` is the line before normalization, which still has its spaces."""
    r = rules()
    line = line.strip()
    if r["whole"].fullmatch(line):
        return True
    if len(line) <= r["short_max"] and r["short"].search(line):
        return True
    tokens = (original if original is not None else line).split()
    return (len(tokens) >= r["kw_min"] and all(len(t) <= r["kw_max"] for t in tokens)
            and not _SENTENCE.search(line))


def is_byline(line: str) -> bool:
    r = rules()
    return len(line) <= r["byline_max"] and not _SENTENCE_END.search(line) and bool(r["byline"].search(line))


def is_heading(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 40 and not _SENTENCE_END.search(line) and line[-1] not in ",:、"


def _is_run_line(line: str) -> bool:
    return len(line) <= rules()["run_line_max"] and not _SENTENCE.search(line)


def mark_lines(doc: Document) -> None:
    """Set each paragraph block's kind to boilerplate, heading or paragraph."""
    r = rules()
    blocks = [b for b in doc.blocks if b.kind == "paragraph"]
    lines = [doc.text[b.start:b.end] for b in blocks]
    for b, line in zip(blocks, lines):
        # only a short line without punctuation can be a keyword list: fetch its spaced original
        original = (doc.original[slice(*doc.original_span(b.start, b.end))]
                    if len(line) <= 60 and not _SENTENCE.search(line) else None)
        if is_chrome(line, original) or is_byline(line):
            b.kind = "boilerplate"
        elif is_heading(line):
            b.kind = "heading"
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_run_line(lines[j]):
            j += 1
        if j - i >= r["run_min"]:
            for b in blocks[i:j]:
                b.kind = "boilerplate"
        i = max(j, i + 1)
