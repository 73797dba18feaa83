"""``RegionIndex``: the gazetteer as one object, composing the division table (``table``), the
matcher over text (``matcher``), web addresses (``web``), 文号 prefixes (``numbers``) and home-region
evidence (``evidence``). Each method hands its question to the part that answers it.

    >>> idx = RegionIndex.default()
    >>> idx.lookup("黔南州").code
    '522700'
"""
from __future__ import annotations

from functools import lru_cache

from . import deixis, home
from .docnumber import DocNumberPlaces
from .evidence import Evidence, EvidenceReader
from .matcher import Matcher
from .model import Region, RegionMention
from .sources import default_aliases, read_rows
from .table import DivisionTable
from .web import WebNames


class RegionIndex:
    """One object for callers. From the table: ``get(code)``, ``lookup(name, within)``,
    ``candidates``, ``suggest``, ``ancestors``, ``parent_of``, ``children``, ``is_within``,
    ``province_of``, ``regions(level)``, ``anonymised``, ``bare_city``; ``find(text, within)``
    from the matcher; ``from_url(url)`` from the web names; and the methods below."""

    def __init__(self, rows: list[dict], aliases: dict):
        self.config = aliases
        self.table = DivisionTable(rows, aliases)
        self.matcher = Matcher(self.table, aliases)
        self.web = WebNames(self.table, rows, aliases)
        self.numbers = DocNumberPlaces(self.table, aliases)
        self.evidence = EvidenceReader(self.table, self.matcher, self.numbers, aliases)
        t = self.table  # the table's questions, asked often: its own bound methods
        self.get, self.parent_of, self.ancestors, self.children = t.get, t.parent_of, t.ancestors, t.children
        self.is_within, self.province_of, self.regions = t.is_within, t.province_of, t.regions
        self.candidates, self.lookup, self.suggest = t.candidates, t.lookup, t.suggest
        self.anonymised, self.bare_city = t.anonymised, t.bare_city
        self.find = self.matcher.find
        self.from_url = self.web.from_url

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "RegionIndex":
        """The project's table and aliases (gazetteer/data), built once."""
        return cls(read_rows(), default_aliases())

    def doc_number_region(self, number: str, provinces: set[str] | None = None) -> Region | None:
        """The region at the head of a 文号: 黔南府办函 -> 黔南州, 桂政办发 -> 广西."""
        return self.numbers.region(number, provinces)

    def resolve_deictic(self, word: str, home: Region | None) -> Region | None:
        """全省, 我市, 本县: the place of that level at or above ``home``."""
        return deixis.resolve_deictic(self.table, word, home)

    def home_evidence(self, doc) -> Evidence:
        """The weighted evidence home_region decides on (kept apart to explain a decision)."""
        return self.evidence.read(doc)

    def home_region(self, doc, evidence: Evidence | None = None) -> Region | None:
        """The region a document is about, from its title, issuers, 文号 and organisation names,
        then how often it names each region; failing those, from the web address it was copied
        from. Then the level the text calls itself at (我县, 本市) may narrow it to the one place
        of that level it names. None when the evidence is weak or split. ``evidence``: this
        document's ``home_evidence``, when already read."""
        return home.home_region(self, doc, evidence or self.home_evidence(doc))


def resolve_deictic(word: str, home: Region | None) -> Region | None:
    """``RegionIndex.default().resolve_deictic``."""
    return RegionIndex.default().resolve_deictic(word, home)


__all__ = ["RegionIndex", "Region", "RegionMention", "Evidence", "resolve_deictic"]
