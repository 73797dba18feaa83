"""The period a statement applies to: effective dates scoped to where they are written.

Rules (each a fact of how notices and roundups date their figures):
- ``period.most_precise``: of compatible mentions the most precise wins (a lead's 7月起 and the
  body's 自2022年7月1日起 give 2022-07-01).
- ``period.part_scope``: an effective date or as-of date (截至…底) dates the part of its sentence
  up to a ``;`` (…为900元;金华市自7月1日起…: only 金华's part), wherever it stands in that part
  (…4140元,此标准自2020年1月1日起执行).
- ``period.place_scope``: an effective date in a part that names a place other than the home
  region (or the places above it) is that place's, not the whole document's (roundups).
- ``period.running``: the date the latest sentence that dated itself gave goes on for the
  sentences after it (a roundup's section per place: 根据…通知,自2022年1月1日起…; (1)…; (2)…).
- ``period.as_of_heading``: a block that opens with 截至<date> (a statistics release) dates what
  follows it.
"""
from __future__ import annotations

import re

from . import dates

_PART = re.compile(r"[^;]+;?")


def parts(text: str) -> list[tuple[int, int]]:
    """The ``;``-separated parts of a sentence, as (start, end)."""
    return [m.span() for m in _PART.finditer(text)] or [(0, len(text))]


def part_value(text: str, ref_year: int | None, issued: str | None) -> str | None:
    """The period a part of a sentence states for itself: its effective date, else its as-of date."""
    value = dates.effective_date(text, ref_year, issued=issued)
    return value or dates.as_of(text, ref_year)


def part_periods(sentence: str, ref_year: int | None, issued: str | None) -> list[tuple[int, int, str]]:
    """(start, end, period) for each part of ``sentence`` that dates itself."""
    out = []
    for a, b in parts(sentence):
        v = part_value(sentence[a:b], ref_year, issued)
        if v:
            out.append((a, b, v))
    return out


def document_period(text: str, sentences, mentions, home, index, ref_year: int | None,
                    issued: str | None) -> str | None:
    """The effective date of the document as a whole: the most precise of those not scoped to a
    place of their own (``period.place_scope``). ``sentences``: (start, end) of its sentences;
    ``mentions``: every region mention of the text."""
    own = {home.code} | {a.code for a in index.ancestors(home)} if home is not None else set()
    values = []
    for start, end in sentences:
        for a, b in parts(text[start:end]):
            a, b = start + a, start + b
            found = dates.effective_dates(text, a, b)
            if not found and not (issued and dates.from_issue(text[a:b])):
                continue
            places = {m.region.code for m in mentions if a <= m.start < b and m.region.code}
            if places - own:
                continue
            values += [e.value(ref_year) for e in found]
            if issued and dates.from_issue(text[a:b]):
                values.append(issued)
    return dates.most_precise(values)
