"""Recomputing with the precision the figures themselves state.

A written figure stands for what it says and no more. Amounts of money and counts written in
full are exact: ``1380元`` is 1380, so a rise from 1380元 to 1505元 is 125元 and ``提高124元`` does
not hold. A figure written with 万/亿, a percent, a ratio or a result of division stands for the
interval of values that round to it: ``22%`` for [21.5, 22.5], ``917.8万`` for [9177500, 9178500].
Approximate figures (``约``, ``余``, ``左右``) stand for ±10%. Arithmetic runs on these intervals,
so the rounding of the inputs is carried into the result, and a claim holds when the recomputed
interval meets the stated one. There is no margin on top.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

APPROXIMATE = 0.1  # what 约/余/左右 admit, as a share of the figure


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


def given(f) -> Interval:
    """What an input figure stands for (see the module's rule)."""
    if f.approximate:
        return Interval(f.value * (1 - APPROXIMATE), f.value * (1 + APPROXIMATE))
    if f.kind in ("money", "count") and not f.big:
        return Interval.exact(f.value)
    return Interval(f.value - f.precision, f.value + f.precision)


def stated_interval(value: float, half_unit: float) -> Interval:
    """What a stated figure admits: the values that round to it."""
    return Interval(value - half_unit, value + half_unit)


def stated_half(f) -> float:
    """Half the unit of a stated figure's last digit (±10% when approximate)."""
    return max(f.precision, APPROXIMATE * abs(f.value)) if f.approximate else f.precision


def holds(recomputed: Interval | float, value: float, half_unit: float) -> bool:
    return _iv(recomputed).meets(stated_interval(value, half_unit))


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
