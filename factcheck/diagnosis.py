"""Why a stated figure may not hold, and how much it matters (as statcheck does for p-values).

``diagnose`` takes the stated figure, the recomputed one and other readings of the same inputs
that a slip would give (``("monthly/yearly mix-up", x * 12)``, ``("transposed pair", ...)``); the
first reading the stated figure matches names the cause. Otherwise the difference itself tells:
a figure one digit off is a rounding or a truncation, a figure with the recomputed digits in
another order a transposition. Severity: ``low`` for rounding, ``medium`` under 5% off, ``high``.
"""
from __future__ import annotations

import math

from .arithmetic import holds

MEDIUM = 0.05  # relative difference above which a slip is severe


def diagnose(stated: float, recomputed: float, half: float, readings=()) -> tuple[str, str]:
    for cause, value in readings:
        if value is not None and holds(value, stated, half):
            return "high", cause
    unit = 2 * half or 1.0
    off = abs(stated - recomputed)
    if half and _truncated(recomputed, unit) == stated:
        return "low", "rounding: the figure is truncated, not rounded"
    for coarse in (10, 100):  # 121 stated as 120: the result rounded, written as if exact
        if unit < coarse <= abs(recomputed) / 5 and stated % coarse == 0 and round(recomputed / coarse) * coarse == stated:
            return "low", f"rounding: the result is rounded to {coarse} and written as exact"
    if off <= unit * 1.0001:
        return "low", "rounding: one unit of the last digit off"
    if _digits(stated) == sorted(_digits(round(recomputed / unit) * unit)) and off:
        return "high", "transposed digits"
    rel = off / abs(recomputed) if recomputed else math.inf
    return ("medium" if rel < MEDIUM else "high"), f"{rel * 100:.1f}% off; no usual slip explains it"


def _truncated(v: float, unit: float) -> float:
    return round(math.floor(v / unit + 1e-9) * unit, 10)


def _digits(v: float) -> list[str]:
    return sorted(c for c in f"{v:g}" if c.isdigit())
