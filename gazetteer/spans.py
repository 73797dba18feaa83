"""Fixed (start, end) spans asked about by bisection, and the 、 list adjacency the matcher uses."""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate


class Spans:
    """Fixed (start, end) spans, asked about by bisection: a scan of every span per question is
    quadratic on a long text."""

    def __init__(self, spans):
        spans = sorted((a, b) for a, b, *_ in spans)
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))  # furthest end of the first i+1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end)."""
        j = bisect_left(self._starts, end)
        return bool(j) and self._reach[j - 1] > start

    def covers(self, pos: int) -> bool:
        """Whether a span holds ``pos`` (start <= pos < end)."""
        return self.overlaps(pos, pos + 1)


def adjacent(a, b) -> bool:
    """Two list items separated by exactly one 、."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    return second[0] - first[1] == 1
