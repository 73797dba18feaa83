"""Dated earlier values: 由十二五期末的360元提高到750元 gives a point for 2015, marked derived.

The database's facts (``database/facts.py``) take this as ``date_previous``: reading a date from a
quote is the extractor's language layer, which storage never imports.
"""
from __future__ import annotations

from language.segment import SENTENCE_END


def date_previous(text: str, row: dict) -> str | None:
    """The date a standard row's sentence gives its previous value; 上年 against the standard's own
    period, else the document's reference year."""
    from language.dates import reference_year

    ref = int(row["period"][:4]) if row["period"] else reference_year(text, row["published"])
    return previous_date(text, row["start"], row["end"], row["previous"], ref)


def _number_forms(v: float) -> list[str]:
    text = f"{v:g}" if v < 1e6 else f"{v:.0f}"
    forms = [text]
    if v >= 1000 and v == int(v):
        forms.append(f"{int(v):,}")
    return forms


def previous_date(text: str, start: int, end: int, previous: float, ref_year: int | None,
                  window: int | None = None) -> str | None:
    """The date the sentence gives the earlier value (由十二五期末的360元 → 2015), if any.

    Looks from the start of the sentence (at most ``window`` characters before the quote) for
    由/从 … <previous> and a date between them.
    """
    from language.dates import find_dates, is_iso

    from database.facts import SETTINGS

    window = window or SETTINGS["previous_window"]
    lo = max(0, start - window)
    ends = [m.end() for m in SENTENCE_END.finditer(text, lo, start)]
    lo = ends[-1] if ends else lo
    span = text[lo:end]
    for form in _number_forms(previous):
        at = span.find(form)
        while at >= 0:
            before = span[:at]
            opener = max(before.rfind("由"), before.rfind("从"))
            if opener >= 0:
                dates = [d for d in find_dates(before[opener:], ref_year)
                         if is_iso(d.value)]
                if dates:
                    return dates[-1].value
            at = span.find(form, at + 1)
    return None

