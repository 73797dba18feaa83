"""Target groups: who a benefit is for (低保对象, 特困人员, 事实无人抚养儿童 ...).

The lexicon is ``data/target_groups.yaml``: a canonical id with Chinese and English labels and
every synonym seen in real documents, spun variants included (特困供奉工作人员, 中重度伤残人).

    >>> [(m.text, m.group) for m in find_groups("将特困人员和低保户纳入")]
    [('特困人员', 'tekun_person'), ('低保户', 'dibao_recipient')]
"""
from __future__ import annotations

import re
from typing import NamedTuple
from pathlib import Path

import yaml

from language.patterns import trie_pattern

DATA = Path(__file__).parent / "data" / "target_groups.yaml"


class GroupMention(NamedTuple):  # a tuple: one is made for every mention in every quote
    start: int
    end: int
    text: str
    group: str


def _load() -> tuple[dict[str, dict], dict[str, str]]:
    groups = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    synonyms: dict[str, str] = {}
    for gid, entry in groups.items():
        for word in [entry["zh"], *entry.get("synonyms", [])]:
            if synonyms.setdefault(word, gid) != gid:
                raise ValueError(f"{DATA.name}: {word!r} is listed under {synonyms[word]} and {gid}")
    labels = {gid: {"zh": e["zh"], "en": e["en"]} for gid, e in groups.items()}
    return labels, synonyms


GROUPS, _SYNONYMS = _load()  # GROUPS: id -> {"zh": ..., "en": ...}, for the vocabulary table
# the longest synonym at each position
_PATTERN = re.compile(trie_pattern(_SYNONYMS))


def find_groups(text: str) -> list[GroupMention]:
    """Non-overlapping target-group mentions, left to right, longest at each position."""
    return [GroupMention(m.start(), m.end(), m.group(), _SYNONYMS[m.group()])
            for m in _PATTERN.finditer(text)]
