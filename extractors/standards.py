"""Standards from one sentence: who (program, area, variant, region), what (metric), how much.

A sentence is read clause by clause. Each clause's keywords make a *frame*; a clause that names
no program or area inherits them from the clause before (``城市低保标准由450元提高到480元,补助水平
由290元提高到320元``: the second clause is still urban 低保). Figures after ``由/从 … 提高到`` are
new values and those before are previous ones. When a clause lists several areas, variants,
programs or regions, its figures are distributed over the list (``城乡低保标准分别为495元/月和
2640元/年``) or broadcast to every item when it gives one figure (``都匀市、福泉市…为一档``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from schemas import Standard

from language.dates import pattern as date_pattern
from language.figures import find_figures
from language.segment import Span, clauses
from language.selfref import WHOLE_REGION as _WHOLE

from .lexicon import Keyword, Lexicon
from .emit import RecordMaker
from .frames import Context, Frame, FrameReader
from .places import PlaceReader
from .roles import FigureRoles

# a year that heads its sentence as its topic (2024年,我市最低生活保障标准为…; 2023年全省…)
_TOPIC_YEAR = date_pattern("topic_year")
_YEARS_LIST = date_pattern("years_list")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")

_RAISED_FROM_BASE = re.compile(r"基础上[^,;。]{0,6}(?:上浮|上调|提高|增加)")
_COUNT_ONLY = re.compile(r"\d+(?:\.\d+)?\s*万?\s*(?:人次|户|人|名)")


# a standard whose only figure is its parenthesis: 国家扶贫标准(3100元/年)
_NAMED_BY_ASIDE = re.compile(r"(?:标准|扶贫线|贫困线)\s*\($")
_MONEY_BEFORE = re.compile(r"\d\s*[万亿]?元")
# a rate's unit run straight into the next list of places (正定县610元/月晋州市、新乐市…600元/月):
# tables pasted as text lose the separator between tiers
_LIST_AFTER_UNIT = re.compile(r"元/[月年](?=[\u4e00-\u9fff]{2,6}、)")  # cut at its end
_NEXT_TRANSITION = re.compile(r"、(?=[^、,;]{0,24}?(?:由|从)[^、,;]{0,16}?\d)")


def _split_transitions(text: str, c):
    """``…由210元调至230元、完全丧失…由320元调至350元``: one clause per 由…调至 pair; and one
    per tier where a unit runs into the next list of places."""
    if text.find("、", c.start, c.end) < 0:  # both cuts stand at a list's 、
        return [c]
    cuts = [m.end() for m in _NEXT_TRANSITION.finditer(text, c.start, c.end)
            if _MONEY_BEFORE.search(text, c.start, m.start())]
    cuts = sorted(set(cuts) | {m.end() for m in _LIST_AFTER_UNIT.finditer(text, c.start, c.end)})
    bounds = [c.start] + cuts + [c.end]
    return [Span(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]




@dataclass
class _Reading:
    """What reading one sentence carries from clause to clause (one per sentence, never shared)."""
    text: str
    offset: int
    ctx: Context
    figures: list
    spans: list
    clause_regions: list
    prev: Frame
    status: str = "in_force"
    target_year: str | None = None
    out: list = field(default_factory=list)
    pending: list = field(default_factory=list)  # 由…360元和200元, | 提高至…750元和433元: previous values wait
    pending_regions: list = field(default_factory=list)
    said_regions: list = field(default_factory=list)  # the places the last clause with figures named
    tiers: int = 0  # clauses with figures that named places of their own
    count_areas: list = field(default_factory=list)  # the areas of the count clause just read
    areas_read: set = field(default_factory=set)


class SentenceReader(FrameReader, PlaceReader, FigureRoles, RecordMaker):
    """The reading of one sentence (or one table, or one heading): made for it and dropped after,
    so nothing it remembers reaches another sentence."""

    def __init__(self, lexicon: Lexicon, regions=None, sentence: str = ""):
        self.lex = lexicon
        self.regions = regions
        self._sentence = sentence  # whose keywords its clauses share
        # its clauses ask for the same keywords and frames again and again
        self._frames: dict[str, Frame] = {}
        self._keywords: dict[str, dict[str, list[Keyword]]] = {}  # text -> kind -> keywords
        self.fired: Counter = Counter()  # rules that kept a figure from becoming a record, by id


    # -- a sentence -----------------------------------------------------------------------
    def read(self, text: str, offset: int, ctx: Context, figures=None, places=None) -> list[Standard]:
        """Standards in one sentence; ``figures`` are its ``find_figures`` and ``places`` its
        ``RegionIndex.find(text, within=ctx.within)`` when already known."""
        figures = [f for f in (find_figures(text) if figures is None else figures)
                   if not f.aside or _NAMED_BY_ASIDE.search(text, 0, text.rfind("(", 0, f.start) + 1)]
        if not figures:
            return []
        self._sentence = text
        topic = _TOPIC_YEAR.match(text)
        # period.topic_year: …the year heading a sentence goes on into its ;-parts read after it
        goes_on = ctx.frame is not None and "frame.semicolon" in ctx.frame.rules
        ctx.sentence_period = topic.group(1) if topic else (ctx.sentence_period if goes_on else None)
        # period.years_respectively: 2022年、2023年,…分别为X、Y gives each figure its own year, in
        # the ;-parts that follow too
        heading = _YEARS_LIST.match(text)
        ctx.sentence_years = _YEAR_DIGITS.findall(heading.group()) if heading else (
            ctx.sentence_years if goes_on else [])
        if heading:
            ctx.sentence_period = None
        spans = [p for c in clauses(text, 0, len(text)) for p in _split_transitions(text, c)]
        mentions = self._sentence_mentions(text, offset, ctx, places)
        clause_regions = [self._regions(text[c.start:c.end], ctx, [
            m._replace(start=m.start - c.start, end=m.end - c.start)
            for m in mentions if c.start <= m.start and m.end <= c.end]) for c in spans]
        st = _Reading(text, offset, ctx, figures, spans, clause_regions, prev=self._opening_frame(text, ctx))
        st.status, st.target_year = self._status(text, ctx)
        if ctx.proposed:  # the paragraph proposed it before (拟将…调至…;三县…调至…。市区…调至…)
            st.status = "target"
        ctx.proposed = st.status == "target" and st.target_year is None
        for ci in range(len(spans)):
            self._read_clause(st, ci)
        self._close_sentence(st)
        return st.out

    def _opening_frame(self, text: str, ctx: Context) -> Frame:
        """The subject a sentence starts from: the last sentence's. 重残无业人员…按低保标准的1.3倍: the
        subject is not the last sentence's; but a section's topic (三、特困人员供养标准) holds until
        the next heading (frame.topic_stack)."""
        prev = ctx.frame or Frame()
        if not self.frame(text).programs and (self.lex.other_subjects.search(text) or (not prev.topic and any(
                self._is_basis(text, k) for k in self.keywords(text, "program")))):
            return Frame()
        return prev

    def _read_clause(self, st: "_Reading", ci: int) -> None:
        c = st.spans[ci]
        ctext = st.text[c.start:c.end]
        cfigs = [f.shifted(-c.start) for f in st.figures if c.start <= f.start < c.end]
        frame = self._clause_frame(st, ci, ctext, cfigs)
        if cfigs and frame.programs:
            self._clause_places(st, ci, ctext, cfigs, frame)
            money = [f for f in cfigs if f.kind == "money"]
            if (money and self.lex.transition_from.search(ctext[:money[0].start])
                    and not self.lex.transition_to.search(ctext)):
                st.pending, st.pending_regions = money, frame.regions
                cfigs = [f for f in cfigs if f.kind != "money"]
            st.out += self._records(st.text, ctext, c.start + st.offset, st.offset, cfigs, frame, st.ctx,
                                    st.status, st.target_year, st.pending if not money or cfigs else [])
            if cfigs and any(f.kind == "money" for f in cfigs):
                st.pending = []
        # 其中城市特困人员60人,农村特困人员440人,…标准为: counts of several areas in a row set none
        # (城市低保对象829人,保障标准为…: one count names the area of what follows)
        counted = not cfigs and _COUNT_ONLY.search(ctext) is not None
        if counted and st.count_areas and frame.areas and frame.areas != st.count_areas:
            frame = Frame(frame.programs, [], list(frame.variants), frame.metric)
        st.count_areas = frame.areas if counted else []
        st.prev = frame

    def _clause_frame(self, st: "_Reading", ci: int, ctext: str, cfigs: list) -> Frame:
        """The clause's own subject, filled in from the clause after it (a figure-free one) and
        inherited from the clause before."""
        first = cfigs[0].start if cfigs else None
        own = self.frame(ctext, first)
        if cfigs and not own.variants:
            own.variants = self.frame(ctext).variants  # 每人每学年给予1万元孤儿助学金
        if not own.programs and cfigs:
            own.programs = self.frame(ctext).programs
        # (a clause opening with 分别 speaks of the subjects listed before it, not after)
        if cfigs and not own.programs and not own.metric and ci + 1 < len(st.spans) and not (
                st.prev.programs and ctext.lstrip().startswith("分别")):
            nxt = st.spans[ci + 1]
            if not any(nxt.start <= f.start < nxt.end for f in st.figures):
                ahead = self.frame(st.text[nxt.start:nxt.end])
                own = Frame(ahead.programs, own.areas or ahead.areas, own.variants or ahead.variants,
                            ahead.metric)
        frame = self._inherit(own, st.prev)
        if self.lex.comparison.match(ctext) and not frame.areas:
            frame.areas = list(st.prev.areas)  # …农村低保标准5200元,高于扶贫线4000元
        if cfigs and all(f.aside for f in cfigs):  # …超过国家扶贫标准(3100元/年): that standard's
            before = [k.value for k in self.keywords(ctext[:ctext.rfind("(", 0, cfigs[0].start)], "program")]
            frame.programs = before[-1:] or frame.programs
        if cfigs:
            st.areas_read.update(frame.areas)
        frame.derived = bool(_RAISED_FROM_BASE.search(ctext))
        return frame

    def _clause_places(self, st: "_Reading", ci: int, ctext: str, cfigs: list, frame: Frame) -> None:
        """Where the clause's figures apply: the places it names, else a pending change's, a tier's
        neighbour's, the area classes the sentence before listed, or the sentence's place — which
        goes on (市辖区城市…784元,农村…755元) unless the clause speaks of the whole (全省…) or
        follows tiers (五区…,三县…;农村…: the places were the tiers')."""
        own = st.clause_regions[ci]
        regions = (own or (st.pending_regions if st.pending else [])
                   or self._neighbour_regions(st.clause_regions, st.spans, st.figures, ci)
                   or (list(st.ctx.places) if len(st.ctx.places) == len(cfigs) > 1
                       and not any(st.clause_regions) else [])
                   or (st.said_regions if not _WHOLE.search(ctext) and st.tiers < 2 else []))
        if own:
            st.said_regions = own
            st.tiers += 1
        frame.regions = regions
        if regions:
            frame.rules = frame.rules + ["region.clause_places" if own else "region.carried"]

    def _close_sentence(self, st: "_Reading") -> None:
        """What the sentence leaves for the next: its programs, and its area only if it spoke of
        one (城市…,农村…; then 照料护理标准… is for both); the area classes it listed."""
        prev, ctx = st.prev, st.ctx
        one_area = len(st.areas_read - {"both"}) <= 1
        ctx.frame = Frame(prev.programs, prev.areas if prev.programs and one_area else [], [], None)
        if st.text.rstrip().endswith(";"):  # frame.semicolon: a ;-part goes on with its whole subject
            ctx.frame = Frame(prev.programs, prev.areas, prev.variants, prev.metric, rules=["frame.semicolon"])
        named = [r for rs in st.clause_regions for r in rs]
        if named:
            classes = len(named) > 1 and all(r.level == "group" and not r.code and r.parent
                                             and self.lex.area_class.search(r.name) for r in named)
            ctx.places = named if classes else []


