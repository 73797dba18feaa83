"""Self-reference: how a text speaks of its own place (我市, 本县, 全省) rather than naming it.

    >>> speaks_as("我县低保标准提高,全县共保障2000人,我县将继续", SELF_LEVEL)
    '县'

The words are data (``data/self_reference.yaml``); which place the level word means is the
gazetteer's decision (``RegionIndex.resolve_deictic``).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

_DATA = yaml.safe_load((Path(__file__).with_name("data") / "self_reference.yaml").read_text("utf-8"))
_SPEAKER, _WHOLE, _THAT, _LEVELS = _DATA["speaker"], _DATA["whole"], _DATA["that"], _DATA["levels"]

# 我市, 本县: the text speaks as that place (the level is group 1)
SELF_LEVEL = re.compile(f"[{_SPEAKER}]([{_LEVELS['speaks_as']}])")
# 全省 too, where nothing else decides
SELF_OR_WHOLE = re.compile(f"[{_SPEAKER}{_WHOLE}]([{_LEVELS['speaks_as']}])")
# a sentence's 全省 / 我市 (groups self and level)
SENTENCE_SELF = re.compile(f"(?P<self>[{_WHOLE}{_SPEAKER}])(?P<level>[{_LEVELS['sentence']}])")
# 市政府, 县民政局 standing alone (not an addressee list such as 各市、州、县民政局)
OWN_ORGAN = re.compile(f"(?<![一-龥、])(?P<level>[{_LEVELS['organ']}])(?:委|政府|民政)")
# the level a document speaks of itself at: 我市, 全县, or its organs (市委, 县政府)
OWN_LEVEL = re.compile(f"[{_SPEAKER}{_WHOLE}]([{_LEVELS['sentence']}])|([{_LEVELS['organ']}])(?:委|政府)")
# 全镇, 本乡: the word as written, for a text that never names its place
WRITTEN_SELF = re.compile(f"[{_WHOLE}{_SPEAKER}](?:[{_LEVELS['written']}])")
# 全国, 本省: a whole region, not a place the sentence names
WHOLE_REGION = re.compile(f"[{_WHOLE}{_SPEAKER}](?:[{_LEVELS['whole_or_country']}])")
# a name that is only a level word with its deictic (全省, 本市, 该县) or bare (市)
DEICTIC = re.compile(f"^[{_WHOLE}{_SPEAKER}{_THAT}]?([{_LEVELS['deictic']}])$")


def speaks_as(text: str, pattern: re.Pattern) -> str | None:
    """The level word a text most often uses of itself (市 for 我市/本市), if any: the group of
    ``pattern`` that matched. A tie goes to the word the text uses with 我/本 (it speaks as that
    place; 全区 may be a higher level's), then to the one written first."""
    found = [(next(g for g in m.groups() if g), m.group()[0] in _SPEAKER) for m in pattern.finditer(text)]
    words = [w for w, _ in found]
    selfish = [w for w, own in found if own]
    return max(dict.fromkeys(words), key=lambda w: (words.count(w), selfish.count(w))) if words else None
