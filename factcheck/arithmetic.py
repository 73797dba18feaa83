"""Recomputing with the precision the text states.

A written figure stands for an interval: ``22%`` for [21.5, 22.5], ``917.8万`` for
[9177500, 9178500]. Arithmetic runs on intervals, so the rounding of the inputs is carried
into the result; a claim is consistent when the recomputed interval meets the stated one,
widened by ``MARGIN`` (a share of the stated value) for rounding done at intermediate steps
(a monthly figure truncated instead of rounded, a rate taken from rounded amounts).

The rule, exactly: with stated value s written to a last digit of unit u, and inputs giving
the interval [lo, hi], the claim holds when [lo, hi] meets [s - u/2 - MARGIN*|s|,
s + u/2 + MARGIN*|s|] (both ends closed). For ``22%`` with exact inputs that is [21.39, 22.61].
"""
from __future__ import annotations

import math
from dataclasses import dataclass

MARGIN = 0.005  # half a percent of the stated figure


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @classmethod
    def exact(cls, v: float) -> "Interval":
        return cls(v, v)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def __add__(self, o):
        o = _iv(o)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, o):
        o = _iv(o)
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, o):
        return _iv(o) - self

    def __mul__(self, o):
        o = _iv(o)
        c = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(c), max(c))

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = _iv(o)
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("interval divisor contains zero")
        return self * Interval(1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, o):
        return _iv(o) / self

    def __pow__(self, p: float):
        c = (self.lo ** p, self.hi ** p)
        return Interval(min(c), max(c))

    def meets(self, o: "Interval") -> bool:
        return self.lo <= o.hi and o.lo <= self.hi


def _iv(x) -> Interval:
    return x if isinstance(x, Interval) else Interval.exact(float(x))


def stated_interval(value: float, half_unit: float, margin: float = MARGIN) -> Interval:
    """What a stated figure admits: its rounding interval plus the margin."""
    w = half_unit + margin * abs(value)
    return Interval(value - w, value + w)


def holds(recomputed: Interval | float, value: float, half_unit: float, margin: float = MARGIN) -> bool:
    return _iv(recomputed).meets(stated_interval(value, half_unit, margin))


def half_unit_of(token: str) -> float:
    """Half the unit of the last written digit of a numeral (before any 万/亿): ``22`` -> 0.5,
    ``9.5`` -> 0.05, ``37.一`` -> 0.05."""
    t = token.replace(",", "")
    if "." in t:
        frac = t.split(".", 1)[1]
        digits = len([c for c in frac if not c in "万亿"])
        return 0.5 * 10 ** -max(digits, 1)
    return 0.5


# Growth readings ------------------------------------------------------------------------

def growth_total(a, b):
    """(b - a) / a, in percent."""
    return (_iv(b) - a) / a * 100


def growth_simple(a, b, years: float):
    """Simple average a year: (b - a) / a / years, in percent."""
    return growth_total(a, b) * (1 / years)


def growth_compound(a, b, years: float):
    """Compound rate a year: (b / a) ** (1 / years) - 1, in percent."""
    r = _iv(b) / a
    return (r ** (1 / years) - 1) * 100


def fmt(v: float | None, digits: int = 1) -> str:
    """A figure for an explanation: no trailing zeros, at most ``digits`` decimals (more for small)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "?"
    if float(v).is_integer():
        return str(int(v))
    d = digits if abs(v) >= 1 else digits + 2
    s = f"{v:.{d}f}".rstrip("0").rstrip(".")
    return s
