"""Evidence of a document's own region, each kind weighted (``home_weights`` in
region_aliases.yaml): places in its title and issuers, organisations named after a place
(黔南州民政局), a source line or dateline (信息来源:济南日报, 新华社北京3月1日电), its own 文号 at the head
or foot and the 文号 it cites, and every other mention. Page chrome (breadcrumbs, outlet names)
counts least. ``home.home_region`` decides on it; kept apart to explain a decision.
"""
from __future__ import annotations

import re
from collections import defaultdict

from language.docnumbers import doc_numbers
from language.titles import CITED as QUOTED

from .docnumber import DocNumberPlaces
from .matcher import Matcher
from .model import HAN, Region, RegionMention
from .sources import default_aliases
from .spans import Spans
from .table import DivisionTable

_ALIASES = default_aliases()
_W = _ALIASES["home_weights"]
W_TITLE, W_ISSUER, W_MASTHEAD, W_CHROME = _W["title"], _W["issuer"], _W["masthead"], _W["chrome"]
W_NUMBER_TOP, W_NUMBER_CITED = _W["number_top"], _W["number_cited"]
W_ORG, W_QUOTED, W_MENTION = _W["org"], _W["quoted"], _W["mention"]
TOP = _ALIASES["home_top_chars"]  # the head of a text, in characters, where its own marks stand
# region.masthead: a dateline or masthead (X日报讯, 新华社X电) names the story place
MASTHEAD = re.compile(_ALIASES["masthead"])
OUTLET_AFTER = re.compile(_ALIASES["outlet_after"])
# a source line at the head of a page (信息来源:济南日报): the outlet's place is the story's
SOURCE_LINE = re.compile(r"(?:信息来源|来源|稿源)\s*[::]\s*(?P<src>[^\s,;。]{2,20})")
BREADCRUMB = re.compile(r"(?m)^[^\n]*>[^\n]*$")  # 您当前的位置:湖北日报网>湖北>湖北新闻
_CLAUSE_MARK = re.compile(r"[,，。、;；:：()]")


class Evidence:
    """Weighted regions; a region's support counts the evidence for it and for places within it."""

    def __init__(self, table: DivisionTable):
        self.table = table
        self.items: list[tuple[Region, float, bool]] = []
        self.notes: list[str] = []  # what each item was read from
        self.mentions: list[RegionMention] = []  # every region the text names

    def add(self, region: Region | None, weight: float, strong: bool, note: str = "") -> None:
        if region is not None and region.level == "zone":
            region = self.table.get(region.parent)
        if region is None or region.level in ("country", "group"):
            return
        self.items.append((region, weight, strong))
        self.notes.append(note)

    def support(self, strong_only: bool = False) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for region, w, strong in self.items:
            if strong or not strong_only:
                for r in [region] + self.table.ancestors(region):
                    out[r.code] += w
        return out


class EvidenceReader:
    def __init__(self, table: DivisionTable, matcher: Matcher, numbers: DocNumberPlaces, aliases: dict):
        self.table, self.find, self.numbers = table, matcher.find, numbers
        org = sorted(aliases["organisation_suffixes"], key=len, reverse=True)
        self._org = re.compile(rf"[{HAN}]{{0,10}}?(?:{'|'.join(map(re.escape, org))})")

    def read(self, doc) -> Evidence:
        """The weighted evidence of ``doc`` (an ingest Document: text, title, blocks, issuers,
        doc_numbers)."""
        ev = Evidence(self.table)
        text = doc.text or ""
        self._title(ev, doc, text)
        for issuer in doc.issuers or []:
            for m in self.find(issuer):
                ev.add(m.region, W_ISSUER, True, "issuer")
        ev.mentions = self.find(text)
        self._mentions(ev, text)
        self._source_lines(ev, text)
        self._mastheads(ev, text)
        self._doc_numbers(ev, doc, text)
        return ev

    def _title(self, ev: Evidence, doc, text: str) -> None:
        """The title, and headings at the head of the text, which loaders may not have taken as
        title; a place inside a cited 《title》 is weak."""
        heads = [b for b in getattr(doc, "blocks", []) or [] if b.kind == "heading" and b.start < TOP]
        title = "\n".join([doc.title or ""] + [text[b.start:b.end] for b in heads])
        title = BREADCRUMB.sub("", title)  # 您当前的位置:湖北日报网>湖北>…: page chrome, not a title
        quoted = [m.span() for m in QUOTED.finditer(title)]
        for m in self.find(title) + self.table.bare_cities(title):
            inside = any(a <= m.start < b for a, b in quoted)
            ev.add(m.region, W_QUOTED if inside else W_TITLE, not inside, "title")

    def _mentions(self, ev: Evidence, text: str) -> None:
        """Each place the text names: page chrome, an organisation's name, or a mention."""
        quoted = Spans(m.span() for m in QUOTED.finditer(text))
        chrome = Spans(m.span() for m in BREADCRUMB.finditer(text))
        for m in ev.mentions:
            org = self._org.match(text, m.end, m.end + 24)
            inside = quoted.covers(m.start)
            if OUTLET_AFTER.match(text, m.end) or chrome.covers(m.start):
                ev.add(m.region, W_CHROME, False, m.text + " (page chrome)")
            elif org and not _CLAUSE_MARK.search(org.group()):
                ev.add(m.region, W_QUOTED if inside else W_ORG, True, m.text + org.group())
            else:
                ev.add(m.region, W_MENTION, False, m.text)

    def _source_lines(self, ev: Evidence, text: str) -> None:
        """信息来源:济南日报 at the head: a local paper's place."""
        for src in SOURCE_LINE.finditer(text, 0, TOP):
            named = [m for m in self.find(src.group("src")) + self.table.bare_cities(src.group("src"))
                     if OUTLET_AFTER.match(src.group("src"), m.end)]
            if named:
                ev.add(named[0].region, W_MASTHEAD, True, src.group())

    def _mastheads(self, ev: Evidence, text: str) -> None:
        """A dateline: the story's place is the last one it names."""
        for head in MASTHEAD.finditer(text):
            named = [m for m in ev.mentions if head.start() <= m.start < head.end()
                     and not OUTLET_AFTER.match(text, m.end)] or self.table.bare_cities(head.group())
            if named:
                ev.add(named[-1].region, W_MASTHEAD, True, head.group())

    def _doc_numbers(self, ev: Evidence, doc, text: str) -> None:
        """文号: the document's own stands at its head or foot; the others are cited. A
        one-character prefix (贺民规) leans on the province the rest of the evidence shows."""
        numbers = {}
        for start, number in ((n.start, n.written) for n in doc_numbers(text)):
            own = start < TOP or start > len(text) - TOP // 2
            numbers[number] = max(numbers.get(number, 0), W_NUMBER_TOP if own else W_NUMBER_CITED)
        for n in doc.doc_numbers or []:
            numbers.setdefault(n, W_NUMBER_CITED)
        pending = []
        for number, w in numbers.items():
            region = self.numbers.region(number)
            if region is None:
                pending.append((number, w))
            ev.add(region, w, w > W_NUMBER_CITED, number)
        support = {c: v for c, v in ev.support().items() if self.table.get(c).level == "province"}
        top = max(support.values(), default=0)
        provinces = {c for c, v in support.items() if v >= 0.5 * top}
        for number, w in pending:
            ev.add(self.numbers.region(number, provinces), w, w > W_NUMBER_CITED, number)
