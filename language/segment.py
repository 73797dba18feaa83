"""Paragraphs, sentences and clauses with offsets into the document text."""
from __future__ import annotations

import re
from typing import NamedTuple

_ENDS = "。;;!?！？"
# A "sentence" longer than this (a line of amounts with no full stop) is read in pieces: no
# sentence in a policy document comes near it, and spaCy refuses a Doc of a million characters.
MAX_SENTENCE = 20_000
# where a sentence ends: a closing mark (SENTENCE_MARK), or a line break too (SENTENCE_END)
SENTENCE_MARK = re.compile(f"[{_ENDS}]")
SENTENCE_END = re.compile(f"[{_ENDS}\n]")
_SENTENCE = re.compile(f"[^{_ENDS}\n]{{1,{MAX_SENTENCE}}}[{_ENDS}]*")
# what opens or closes a quote, and what ends a clause outside one
_CLAUSE_MARK = re.compile(r"[(《“)》”,,:]")


class Span(NamedTuple):
    start: int
    end: int


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences with their closing marks (a line break ends one too, and is left out); runs of
    marks alone and blank stretches are not sentences."""
    return [Span(*m.span()) for m in _SENTENCE.finditer(text, start, end) if not m.group().isspace()]


def clauses(text: str, start: int, end: int) -> list[Span]:
    """Clauses split at commas and colons, except inside parentheses or book-title marks."""
    out, pos, depth = [], start, 0
    for m in _CLAUSE_MARK.finditer(text, start, end):
        i, c = m.start(), m.group()
        if c in "(《“":
            depth += 1
        elif c in ")》”" and depth:
            depth -= 1
        elif depth == 0 and c in ",,:":
            if i > pos:
                out.append(Span(pos, i + 1))
            pos = i + 1
    if pos < end:
        out.append(Span(pos, end))
    return out
