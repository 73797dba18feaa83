"""Fact-checking: recompute the figures a report rests on, and compare its standards with the database.

``check(extraction, db=None)`` returns one :class:`schemas.Check` per claim found in the document:
claim shapes in ``growth``, ``claims`` and ``standards`` (registered by name in ``SHAPES``), plus
``against_database`` checks when ``db`` (a path or sqlite_utils.Database) is given. The figures
are the extraction's (``Extraction.sentences``); the checker reads none of its own.
"""
from __future__ import annotations

from . import claims, growth, standards  # noqa: F401  (they register their shapes)
from .context import Context
from .registry import SHAPES


def check(extraction, db=None, shapes=None) -> list:
    """Checks for one extracted document, in text order."""
    ctx = Context(extraction)
    ctx.standards = standards.stated_standards(ctx, getattr(extraction, "standards", None))
    out = []
    for name in shapes or SHAPES:
        out.extend(SHAPES[name](ctx))
    if db is not None:
        from .database import against_database, growth_against_database
        out = growth_against_database(out, extraction, db, ctx)
        out.extend(against_database(extraction, db, ctx))
    out.sort(key=lambda c: (c.provenance.start or 0, c.kind))
    return out


__all__ = ["check", "SHAPES"]
