"""Placeholder until the standards pipeline lands."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extraction:
    document: object
    standards: list = field(default_factory=list)
    statistics: list = field(default_factory=list)
    home_region: object = None
    regions: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)


def extract(doc) -> Extraction:
    return Extraction(doc)
