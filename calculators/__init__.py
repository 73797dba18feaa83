"""Benefit calculators over the parameter API (never the raw tables); see README.md.

Each returns an itemized :class:`Result`: the parameters used with their sources and quotes, and
the arithmetic as lines a reader can follow.
"""
from .dibao import dibao
from .orphan import orphan
from .result import InputError, Item, Result
from .tekun import tekun

__all__ = ["dibao", "tekun", "orphan", "Result", "Item", "InputError"]
