"""Fact-checking: recompute the figures a report rests on, and compare its standards with the database.

``check(extraction, db=None)`` returns one :class:`schemas.Check` per claim found in the document.
"""
from __future__ import annotations


def check(extraction, db=None) -> list:
    """Checks for one extracted document (``db``: path or sqlite_utils.Database for cross-document checks)."""
    return []


__all__ = ["check"]
