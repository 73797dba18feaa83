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

from language import dates
from language.segment import SENTENCE_END

_PART = re.compile(r"[^;]+;?")
_PART_END = SENTENCE_END
# a sentence that may date itself (an effective or as-of date): read further only then
_DATES_ITSELF = re.compile(r"月份?\s*(?:\d{1,2}\s*[日号])?\s*(?:起|开始|正式|施行|执行|实施)|截[至止]|之日起")


def parts(text: str) -> list[tuple[int, int]]:
    """The ``;``-separated parts of a sentence, as (start, end)."""
    return [m.span() for m in _PART.finditer(text)] or [(0, len(text))]


def part_value(text: str, ref_year: int | None, issued: str | None) -> str | None:
    """The period a part of a sentence states for itself: its effective date, else its as-of date."""
    value = dates.effective_date(text, ref_year, issued=issued)
    return value or dates.as_of(text, ref_year)


def part_periods(sentence: str, ref_year: int | None, issued: str | None) -> list[tuple[int, int, str]]:
    """(start, end, period) for each part of ``sentence`` that dates itself."""
    if not _DATES_ITSELF.search(sentence):
        return []
    out = []
    for a, b in parts(sentence):
        v = part_value(sentence[a:b], ref_year, issued)
        if v:
            out.append((a, b, v))
    return out


def document_period(text: str, mentions, home, index, ref_year: int | None, issued: str | None,
                    outside=(), effective=None) -> str | None:
    """The effective date of the document as a whole: the most precise of those not scoped to a
    place of their own (``period.place_scope``). ``mentions``: every region mention of the text;
    ``outside``: (start, end) of text that is not the document's own (page chrome);
    ``effective``: the text's ``dates.effective_dates`` when already read."""
    own = {home.code} | {a.code for a in index.ancestors(home)} if home is not None else set()
    found = dates.effective_dates(text) if effective is None else effective
    spots = [(e.start, e.value(ref_year)) for e in found]
    if issued:
        spots += [(at, issued) for at in dates.from_issue_at(text)]
    values = []
    for at, value in sorted(spots, key=lambda s: s[0]):
        if any(a <= at < b for a, b in outside):
            continue
        a, b = _part_around(text, at)
        if {m.region.code for m in mentions if a <= m.start < b and m.region.code} - own:
            continue
        values.append(value)
    return dates.most_precise(values)


def _part_around(text: str, at: int) -> tuple[int, int]:
    """The sentence part (up to a ;, 。 or line end) that holds position ``at``."""
    ends = [m.end() for m in _PART_END.finditer(text, 0, at)]
    after = _PART_END.search(text, at)
    return (ends[-1] if ends else 0), (after.end() if after else len(text))
