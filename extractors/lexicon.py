"""The keyword lexicon (data/lexicon.yaml), compiled once."""
from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

import yaml

from language.patterns import start_chars, starts_guard
from language.titles import CITED

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
            "comparison", "increment_before", "other_subjects", "category_before", "not_a_standard_after",
            "household_tiers", "tier_word", "group_places", "group_after", "group_not", "difference_before", "exclusion", "proposed", "income_before",
            "inclusion_aside")


class Lexicon:
    def __init__(self, raw: dict):
        self.raw = raw

        def alt(patterns):
            return re.compile("|".join(f"(?:{p})" for p in patterns))

        self.kinds = {}
        self.any = {}  # one pattern per kind: most clauses name no variant or area at all
        self.at = {}  # kind -> character -> the values whose keywords can start with it
        for kind in KINDS:
            entries = raw[kind + "s"]
            values = self.kinds[kind] = [(value, alt(pats)) for value, pats in entries.items()]
            firsts = [start_chars(pat.pattern) for _, pat in values]
            starts = None if None in firsts else frozenset().union(*firsts)
            # where any keyword of the kind starts (zero width, so overlapping starts are all seen),
            # behind a class of the characters one can start with, which the engine tests fast
            self.any[kind] = re.compile(
                f"{starts_guard(starts)}(?=(?:{alt([p for pats in entries.values() for p in pats]).pattern}))")
            # in lexicon order, which decides between keywords of one length at one place
            self.at[kind] = {ch: [v for v, f in zip(values, firsts) if f is None or ch in f]
                             for ch in starts or ()}
        for name in PATTERNS:
            setattr(self, name, re.compile(raw[name]))
        self.cited_title = CITED  # the language layer's: a rule may name it like the lexicon's own
        self.basis = {k: re.compile(p) for k, p in raw["basis"].items()}
        self.transition_from = re.compile(raw["transitions"]["from"])
        self.transition_to = re.compile(raw["transitions"]["to"])
        self.bounds = {k: re.compile(f"(?:{p}){raw['bound_gap']}$") for k, p in raw["bounds"].items()}
        self.program_variants = raw["program_variants"]
        self.metric_rank = {m: i for i, m in enumerate(raw["metric_rank"])}
        self.phrase_gap = raw["phrase_gap"]
        self.phrase_break = re.compile(raw["phrase_break"])

    def keywords(self, text: str, kind: str) -> list[Keyword]:
        """Non-overlapping mentions of one kind, longest first where they overlap."""
        found, ends = [], {}
        every, at = self.kinds[kind], self.at[kind]
        for start in self.any[kind].finditer(text):  # only where some keyword starts
            pos = start.start()
            for value, pat in at.get(text[pos], every):
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
