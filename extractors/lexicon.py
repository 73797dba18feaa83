"""The keyword lexicon (data/lexicon.yaml), compiled once."""
from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


KINDS = ("program", "area", "variant", "metric")  # of keyword, each a section of lexicon.yaml


class Keyword(NamedTuple):  # a tuple: the reader makes many of them
    kind: str  # program | area | variant | metric
    value: str
    start: int
    end: int


# single patterns of lexicon.yaml, each compiled to the attribute of its name
PATTERNS = ("not_program_after", "basis_before", "statistic_cues", "applies_to", "remaining_places",
            "area_classes", "area_class", "defined_area", "city_part", "part_after_city", "cited_rule",
            "comparison", "increment_before", "other_subjects", "category_before", "not_a_standard_after")


def first_chars(pattern: str) -> str:
    """A lookahead for the characters a match of ``pattern`` can start with (``(?=[低城农])``);
    empty when they cannot be listed (a pattern that may start with any character or match empty).
    Reads the pattern with ``re``'s own parser, and assumes nothing when that fails."""
    try:
        from re import _parser as parser  # Python 3.11+
        chars: set[str] = set()

        def walk(items) -> bool:  # False once every path has met its first character
            for op, av in items:
                name = str(op)
                if name == "LITERAL":
                    chars.add(chr(av))
                    return False
                if name == "IN" and all(str(o) == "LITERAL" for o, _ in av):
                    chars.update(chr(a) for _, a in av)
                    return False
                if name == "BRANCH":
                    if not any([walk(list(alt)) for alt in av[1]]):
                        return False
                elif name == "SUBPATTERN":
                    if not walk(list(av[-1])):
                        return False
                elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                    if not walk(list(av[2])) and av[0] > 0:
                        return False
                elif name not in ("ASSERT", "ASSERT_NOT", "AT"):
                    raise ValueError(name)
            return True  # may be empty, or may start with what follows

        if walk(list(parser.parse(pattern))) or not chars:
            return ""
        return f"(?=[{''.join(sorted(map(re.escape, chars)))}])"
    except Exception:  # noqa: BLE001 - an unknown construct or another Python: no prefilter
        return ""


class Lexicon:
    def __init__(self, raw: dict):
        self.raw = raw

        def alt(patterns):
            return re.compile("|".join(f"(?:{p})" for p in patterns))

        self.kinds = {}
        self.any = {}  # one pattern per kind: most clauses name no variant or area at all
        for kind in KINDS:
            entries = raw[kind + "s"]
            self.kinds[kind] = [(value, alt(pats)) for value, pats in entries.items()]
            # where any keyword of the kind starts (zero width, so overlapping starts are all seen),
            # behind a class of the characters one can start with, which the engine tests fast
            starts = alt([p for pats in entries.values() for p in pats]).pattern
            self.any[kind] = re.compile(f"{first_chars(starts)}(?=(?:{starts}))")
        for name in PATTERNS:
            setattr(self, name, re.compile(raw[name]))
        self.basis = {k: re.compile(p) for k, p in raw["basis"].items()}
        self.transition_from = re.compile(raw["transitions"]["from"])
        self.transition_to = re.compile(raw["transitions"]["to"])
        self.bounds = {k: re.compile(f"(?:{p}){raw['bound_gap']}$") for k, p in raw["bounds"].items()}
        self.program_variants = raw["program_variants"]

    def keywords(self, text: str, kind: str) -> list[Keyword]:
        """Non-overlapping mentions of one kind, longest first where they overlap."""
        found, ends = [], {}
        values = self.kinds[kind]
        for start in self.any[kind].finditer(text):  # only where some keyword starts
            pos = start.start()
            for value, pat in values:
                # each value's matches do not overlap one another, as finditer would give them
                if ends.get(value, -1) > pos:
                    continue
                m = pat.match(text, pos)
                if m and m.end() > pos:
                    found.append(Keyword(kind, value, pos, m.end()))
                    ends[value] = m.end()
        found.sort(key=lambda k: (k.start, -(k.end - k.start)))
        out, last_end = [], -1
        for k in found:
            if k.start >= last_end:
                out.append(k)
                last_end = k.end
        if kind == "program":
            out = [k for k in out if not self.not_program_after.match(text, k.end)]
        return out


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon(yaml.safe_load((DATA / "lexicon.yaml").read_text("utf-8")))
