"""The claim shapes, registered by name: each takes a ``Context`` and yields ``schemas.Check``."""
from __future__ import annotations

SHAPES: dict = {}


def shape(name):
    def register(fn):
        SHAPES[name] = fn
        return fn
    return register


def verdict(ok: bool) -> str:
    return "consistent" if ok else "inconsistent"
