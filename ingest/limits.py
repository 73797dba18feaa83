"""Per-file budgets, from ``data/limits.yaml``: sizes in bytes (``*_bytes``), counts, a time.

A loader that finds its file over a budget raises :class:`OverBudget`; ``load`` reports it as the
file's one error and the build goes on.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import yaml

_RAW = yaml.safe_load((Path(__file__).parent / "data" / "limits.yaml").read_text("utf-8"))
LIMITS = SimpleNamespace(**{k.replace("_mb", "_bytes"): v * 2**20 if k.endswith("_mb") else v
                            for k, v in _RAW.items()})


class OverBudget(Exception):
    """A file needs more than its budget: ``str()`` says which and how much."""


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n / 1024:,.0f} KB"


@contextmanager
def time_budget(seconds: float):
    """OverBudget once ``seconds`` of wall time have passed (checked between Python steps, so a
    long call into C ends first). Only the main thread has signals: elsewhere, no limit."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise OverBudget(f"took more than {seconds:g} s to read")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
