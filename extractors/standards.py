"""Standards from one sentence: who (program, area, variant, region), what (metric), how much.

A sentence is read clause by clause. Each clause's keywords make a *frame*; a clause that names
no program or area inherits them from the clause before (``城市低保标准由450元提高到480元,补助水平
由290元提高到320元``: the second clause is still urban 低保). Figures after ``由/从 … 提高到`` are
new values and those before are previous ones. When a clause lists several areas, variants,
programs or regions, its figures are distributed over the list (``城乡低保标准分别为495元/月和
2640元/年``) or broadcast to every item when it gives one figure (``都匀市、福泉市…为一档``).
"""
from __future__ import annotations

import itertools
from bisect import bisect_left
import re
from dataclasses import dataclass, field, replace

from schemas import Provenance, Standard

from language.dates import iso, most_precise, pattern as date_pattern
from language.figures import Figure, find_figures, is_total, prefix_unit
from language.segment import Span, clauses
from language.selfref import WHOLE_REGION as _WHOLE
from language.titles import CITED as CITED_TITLE, QUOTED_OR_CITED as _QUOTED

from .lexicon import KINDS, Keyword, Lexicon
from gazetteer import MUNICIPALITIES, OUTLET_AFTER, Region, RegionMention

# a standard whose only figure is its parenthesis: 国家扶贫标准(3100元/年)
_NAMED_BY_ASIDE = re.compile(r"(?:标准|扶贫线|贫困线)\s*\($")
# a year that heads its sentence as its topic (2024年,我市最低生活保障标准为…; 2023年全省…)
_TOPIC_YEAR = date_pattern("topic_year")
_YEAR_IN = date_pattern("year_in")
_PAREN_PREVIOUS = date_pattern("paren_previous")
_INCREASE = re.compile(r"提高[^,;。由从到至为]{0,30}标准\s*(?:每人)?每月$")
_RISE_BEFORE = re.compile(r"(?:增加|提高|调高|调增|上调|提升|增长|上涨)了?\s*$")  # not 多/少: 至少4000元 is a bound
_LEVEL_STATED = re.compile(r"(?:达到|为|至|到|是)\s*(?:每人每[月年]|每[人户]?每?[月年]|[月年]?人均)?\s*\d")

# patterns the reader's rules test again and again, compiled once
_MONEY_BEFORE = re.compile(r"\d\s*[万亿]?元")
_ORPHANS_TOGETHER = re.compile(r"(?<![散居机构集中])孤儿、事实无人抚养")
_TIMES_AFTER = re.compile(r"(?:标准|规范)?的?\s*[\d.一二三四五六七八九十]+\s*倍")
_OF_STANDARD = re.compile(r"(?:标准|规范)的")
_BASIS_NAME_END = re.compile(r"(?:最低生活保障|低保|最低工资)(?:[省市县]定|当地)?$")  # 低保省定最低标准的
_RAISED_FROM_BASE = re.compile(r"基础上[^,;。]{0,6}(?:上浮|上调|提高|增加)")
_CLAUSE_START = re.compile(r"(?:^|[,;。:])\s*")
# what follows a bare city name that opens a clause: a time, a verb or the standard's subject
_AFTER_BARE_CITY = re.compile(r"(?:自|从|于|将|已|今年|城市|城镇|农村|城乡|低保|特困|\d)")
_BOTH_SUPPORTS = {"centralized", "dispersed"}
_COUNT_ONLY = re.compile(r"\d+(?:\.\d+)?\s*万?\s*(?:人次|户|人|名)")
_SUBJECT_SEP = re.compile(r"、|,|以及|和|及|与")
_LIST_GAP = re.compile(r"\s*(?:各[区县市](?:\([^)]*\))?)?\s*(?:[、,]|和|及|与|以及)?\s*")
_LIST_GAP_WORD = re.compile(r"\s*[、,]\s*[^、,;。\d]{1,5}\s*[、,和及]\s*")
_BY_YEAR = date_pattern("by_year")
_INCOME_BEFORE = re.compile(r"收入\D{0,4}$")
_RATE_WORDS = re.compile(r"(?:每人)?每[月年]|[月年]人均|人均")
_JOINER = re.compile(r"[\s、,和及与或]*(?:每人)?(?:每[月年])?[\s、]*")
_GRANT_WORDS = re.compile(r"助学金|一次性|每人发放")
_INCLUSION_ASIDE = re.compile(r"\((?:含|包括|包含)[^()]*\)|\([^()]*统一标准[^()]*\)")


# a rate's unit run straight into the next list of places (正定县610元/月晋州市、新乐市…600元/月):
# tables pasted as text lose the separator between tiers
# A clause longer than this (an enumeration of hundreds of amounts) is read around each figure,
# within LOCAL characters either side: every figure reads the same bounded text, so the clause
# costs time in proportion to its length, not to its length times its figures.
LONG_CLAUSE = 2000
LOCAL = 400
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


@dataclass(slots=True)
class Frame:
    programs: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # urban / rural / both
    variants: list[str] = field(default_factory=list)
    metric: str | None = None
    regions: list = field(default_factory=list)  # regions.Region
    derived: bool = False  # the clause raises a base by a share (在…的基础上上浮3%): what follows is new
    topic: bool = False  # set by a heading or sentence without figures that names the program


@dataclass
class Context:
    """What the sentences before this one established, and document-wide facts."""

    source: str
    document_id: str
    region: object = None  # the region the surrounding text is about
    region_text: str | None = None  # region as written when it has no code (***市)
    period: str | None = None  # the document's effective date or year
    ref_year: int | None = None
    frame: Frame | None = None  # last frame of the previous sentence in this paragraph
    within: str | None = None  # code that short region names resolve under
    # classes of area the paragraph's last sentence divided a standard among (较好、一般、困难地区),
    # for a sentence that names no place and gives one figure per class (农村…分别达到…)
    places: list = field(default_factory=list)
    defined: dict = field(default_factory=dict)  # 十堰城区 -> the places its (含…) lists
    sentence_period: str | None = None  # the year heading the sentence being read
    # (start, end, period) of the sentence's parts that date themselves (periods.part_periods)
    part_periods: list = field(default_factory=list)
    running_period: str | None = None  # the date the last sentence that dated itself gave (roundups)
    proposed: bool = False  # a sentence of this paragraph proposed (拟将…): its figures are targets
    named: list | None = None  # every place the document names (RegionIndex.find of its text)


def _part_of(region, words: str):
    """A place without a code named after the region it is part of: 贵州省 + 其余县."""
    return Region(None, region.name + words, "group", region.code)


def _as_written(m):
    """A zone without a code is named as the text writes it (成都高新区), unless the text gives only
    the kind of zone (高新区 in a list of 石家庄's districts): then by the table's name for it."""
    region = m.region
    if region.code or region.level == "group":
        return region
    short = (region.short_name or "").removesuffix("区")
    if short and m.text in (short, short + "区"):
        return region
    return replace(region, name=m.text)


def _previous_end(figs, f) -> int:
    ends = [g.end for g in figs if g.end <= f.start]
    return max(ends) if ends else 0


def _local(ctext: str, cstart: int, f, after: int = 0):
    """(clause, its start, figure, after) to read ``f`` in: the clause itself, or in a long one
    the LOCAL characters either side of the figure (offsets shifted to match)."""
    if len(ctext) <= LONG_CLAUSE:
        return ctext, cstart, f, after
    a = max(0, f.start - LOCAL)
    return ctext[a:f.end + LOCAL], cstart + a, f.shifted(-a), max(0, after - a)


def _outside(items, pattern: re.Pattern, text: str) -> list:
    """The keywords or mentions of ``text`` that start outside every match of ``pattern`` (a cited
    《title》, an inclusion or exclusion aside)."""
    spans = [m.span() for m in pattern.finditer(text)]
    return [k for k in items if not any(a <= k.start < b for a, b in spans)] if spans else list(items)


def _start(mention) -> int:
    return mention.start


def _dedupe(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


class _Kinds(dict):
    """The keywords of a text that is not part of the sentence being read, kind by kind as asked
    (a sentence without figures is asked for its programs, and most name none)."""

    def __init__(self, lexicon: Lexicon, text: str):
        super().__init__()
        self.lex, self.text = lexicon, text

    def __missing__(self, kind: str) -> list[Keyword]:
        found = self[kind] = self.lex.keywords(self.text, kind)
        return found


class SentenceReader:
    def __init__(self, lexicon: Lexicon, regions=None):
        self.lex = lexicon
        self.regions = regions
        # one reader per document: its clauses (and the keywords component) ask for the same
        # keywords and frames again and again
        self._frames: dict[str, Frame] = {}
        self._keywords: dict[str, dict[str, list[Keyword]]] = {}  # text -> kind -> keywords
        self._sentence = ""  # the sentence being read, whose keywords its clauses share

    def keywords(self, text: str, kind: str) -> list[Keyword]:
        """``Lexicon.keywords``, remembered for this reader's document. A clause or the part of one
        before a figure takes its keywords from its sentence's, read once: no keyword spans a
        clause's comma or runs into a figure, so they are the same."""
        return self._kinds(text)[kind]

    def _kinds(self, text: str) -> "_Kinds":
        found = self._keywords.get(text)
        if found is None:
            if len(self._keywords) > 4096:
                self._keywords.clear()
            sentence = self._sentence
            at = sentence.find(text) if text and text != sentence else -1
            if at < 0:
                found = _Kinds(self.lex, text)
            elif at == 0:  # a head of the sentence (its first clause, the words before a figure)
                whole, end = self._kinds(sentence), len(text)
                found = {kind: [k for k in whole[kind] if k.end <= end] for kind in KINDS}
            else:  # every kind at once: a frame asks for them all
                whole, end = self._kinds(sentence), at + len(text)
                found = {kind: [Keyword(k.kind, k.value, k.start - at, k.end - at)
                                for k in whole[kind] if at <= k.start and k.end <= end] for kind in KINDS}
            self._keywords[text] = found
        return found  # shared: callers only read it

    # -- keywords -------------------------------------------------------------------------
    def frame(self, text: str, upto: int | None = None) -> Frame:
        """Programs, areas, variants and metric named in ``text[:upto]`` (a fresh frame; its
        lists are shared and never changed in place)."""
        part = text if upto is None else text[:upto]
        fr = self._frames.get(part)
        if fr is None:
            if len(self._frames) > 4096:
                self._frames.clear()
            fr = self._frames[part] = self._read_frame(part)
        return Frame(fr.programs, fr.areas, fr.variants, fr.metric)

    def topic(self, text: str) -> Frame | None:
        """The programs and areas a sentence without figures sets for the next ones, if it names
        a program (most such sentences do not, so areas are read only then)."""
        programs = self._programs(text)
        if not programs:
            return None
        return Frame(programs, _dedupe(k.value for k in self.keywords(text, "area")), topic=True)

    def _programs(self, part: str) -> list[str]:
        progs = [k for k in self.keywords(part, "program") if not self._is_basis(part, k)]
        if "《" in part:  # frame.cited_title (a title alone may name the subject: keep it then)
            progs = _outside(progs, CITED_TITLE, part) or progs
        programs = _dedupe(k.value for k in progs)
        if any(p.startswith("disability") for p in programs):
            programs = [p for p in programs if p != "dibao"]
        if "orphan" in programs:  # 孤儿救助供养标准 is the orphans' standard, not 特困供养
            programs = [p for p in programs if p != "tekun"]
        return programs

    def _read_frame(self, part: str) -> Frame:
        kinds = self._kinds(part)
        if "《" in part:  # frame.cited_title: 《城镇…办法》《农村…办法》 name no area of the clause
            kinds = {kind: _outside(found, CITED_TITLE, part) for kind, found in kinds.items()}
        programs = self._programs(part)
        areas = kinds["area"]
        if areas:
            cited = [m.span() for m in self.lex.cited_rule.finditer(part)]
            # frame.basis_area: 城市 in 按城市低保标准的1.3倍 is the basis's area, not the subject's
            cited += [(k.start - 6, k.start) for k in kinds["program"] if self._is_basis(part, k)]
            kept = [k for k in areas if not any(a <= k.start < b for a, b in cited)]
            # area.implied_yields: 五保 is rural only where no area word says otherwise (城镇五保户)
            implied = self.lex.raw["implied_areas"]
            written = [k for k in kept if part[k.start:k.end] not in implied]
            areas = _dedupe(k.value for k in (written or kept))
        variants = kinds["variant"]
        if variants and "(" in part:  # frame.inclusion_aside: (含事实无人抚养儿童) widens, it adds no subject
            variants = _outside(variants, _INCLUSION_ASIDE, part)
        variants = _dedupe(k.value for k in variants)
        if variants == ["de_facto"] and _ORPHANS_TOGETHER.search(part):
            variants = []  # 孤儿、事实无人抚养儿童 together: every kind of orphan
        metric = None
        mk = [k for k in kinds["metric"] if not self._in_basis(part, k)]
        if mk:
            metric = self._phrase_metric(part, mk)
        return Frame(programs, areas, variants, metric)

    def _phrase_metric(self, part: str, mk: list[Keyword]) -> str:
        """metric.specific_modifier: the metric of the noun phrase the last metric word ends; a
        specific modifier in it (平均农村低保标准, 补差标准) outranks the generic 标准."""
        lex = self.lex
        phrase = [mk[-1]]
        for k in reversed(mk[:-1]):
            gap = part[k.end:phrase[0].start]
            if len(gap) > lex.phrase_gap or lex.phrase_break.search(gap):
                break
            phrase.append(k)
        return min(phrase, key=lambda k: lex.metric_rank[k.value]).value

    def _is_basis(self, text: str, k: Keyword) -> bool:
        """低保 in 按低保标准的1.3倍 is the basis of a ratio, not the subject."""
        after = text[k.end:k.end + 8]
        return bool(_TIMES_AFTER.match(after)) or bool(
            _OF_STANDARD.match(after) and self.lex.basis_before.search(text[:k.start]))

    def _in_basis(self, text: str, k: Keyword) -> bool:
        before = text[max(0, k.start - 8):k.start]
        return text.startswith("的", k.end) and bool(_BASIS_NAME_END.search(before))

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
        ctx.sentence_period = topic.group(1) if topic else None
        out: list[Standard] = []
        spans = [p for c in clauses(text, 0, len(text)) for p in _split_transitions(text, c)]
        mentions = self._sentence_mentions(text, offset, ctx, places)
        clause_regions = [self._regions(text[c.start:c.end], ctx, [
            m._replace(start=m.start - c.start, end=m.end - c.start)
            for m in mentions if c.start <= m.start and m.end <= c.end]) for c in spans]
        prev = ctx.frame or Frame()
        own_programs = self.frame(text).programs
        # 重残无业人员…按低保标准的1.3倍: the subject is not the last sentence's; but a section's
        # topic (三、特困人员供养标准) holds until the next heading (frame.topic_stack)
        if not own_programs and (self.lex.other_subjects.search(text) or (not prev.topic and any(
                self._is_basis(text, k) for k in self.keywords(text, "program")))):
            prev = Frame()
        sentence_status, target_year = self._status(text, ctx)
        if ctx.proposed:  # the paragraph proposed it before (拟将…调至…;三县…调至…。市区…调至…)
            sentence_status = "target"
        ctx.proposed = sentence_status == "target" and target_year is None
        pending_regions: list = []
        said_regions: list = []  # the places the last clause with figures named
        tiers = 0  # clauses with figures that named places of their own
        count_areas: list = []  # the areas of the count clause just read
        areas_read: set[str] = set()
        pending: list[Figure] = []  # 由…360元和200元, | 提高至…750元和433元: previous values wait
        for ci, c in enumerate(spans):
            ctext = text[c.start:c.end]
            cfigs = [f.shifted(-c.start) for f in figures if c.start <= f.start < c.end]
            first = cfigs[0].start if cfigs else None
            own = self.frame(ctext, first)
            if cfigs and not own.variants:
                own.variants = self.frame(ctext).variants  # 每人每学年给予1万元孤儿助学金
            if not own.programs and cfigs:
                own.programs = self.frame(ctext).programs
            if cfigs and not own.programs and not own.metric and ci + 1 < len(spans):
                nxt = spans[ci + 1]
                if not any(nxt.start <= f.start < nxt.end for f in figures):
                    ahead = self.frame(text[nxt.start:nxt.end])
                    own = Frame(ahead.programs, own.areas or ahead.areas, own.variants or ahead.variants,
                                ahead.metric)
            frame = self._inherit(own, prev)
            if self.lex.comparison.match(ctext) and not frame.areas:
                frame.areas = list(prev.areas)  # …农村低保标准5200元,高于扶贫线4000元
            if cfigs and all(f.aside for f in cfigs):  # …超过国家扶贫标准(3100元/年): that standard's
                before = [k.value for k in self.keywords(ctext[:ctext.rfind("(", 0, cfigs[0].start)], "program")]
                frame.programs = before[-1:] or frame.programs
            if cfigs:
                areas_read.update(frame.areas)
            frame.derived = bool(_RAISED_FROM_BASE.search(ctext))
            if cfigs and frame.programs:
                regions = (clause_regions[ci] or (pending_regions if pending else [])
                           or self._neighbour_regions(clause_regions, spans, figures, ci)
                           or (list(ctx.places) if len(ctx.places) == len(cfigs) > 1
                               and not any(clause_regions) else [])
                           # 市辖区城市…784元,农村…755元: the sentence's place goes on, unless the
                           # clause speaks of the whole (全省…)
                           # …but not after tiers (五区…,三县…;农村…): the places were the tiers'
                           or (said_regions if not _WHOLE.search(ctext) and tiers < 2 else []))
                if clause_regions[ci]:
                    said_regions = clause_regions[ci]
                    tiers += 1
                frame.regions = regions
                money = [f for f in cfigs if f.kind == "money"]
                if (money and self.lex.transition_from.search(ctext[:money[0].start])
                        and not self.lex.transition_to.search(ctext)):
                    pending, pending_regions = money, regions
                    cfigs = [f for f in cfigs if f.kind != "money"]
                out += self._records(text, ctext, c.start + offset, offset, cfigs, frame, ctx,
                                     sentence_status, target_year, pending if not money or cfigs else [])
                if cfigs and any(f.kind == "money" for f in cfigs):
                    pending = []
            # 其中城市特困人员60人,农村特困人员440人,…标准为: counts of several areas in a row set none
            # (城市低保对象829人,保障标准为…: one count names the area of what follows)
            counted = not cfigs and _COUNT_ONLY.search(ctext) is not None
            if counted and count_areas and frame.areas and frame.areas != count_areas:
                frame = Frame(frame.programs, [], list(frame.variants), frame.metric)
            count_areas = frame.areas if counted else []
            prev = frame
        # the next sentence takes this one's programs, and its area only if it spoke of one
        # (城市…,农村…; then 照料护理标准… is for both)
        one_area = len(areas_read - {"both"}) <= 1
        ctx.frame = Frame(prev.programs, prev.areas if prev.programs and one_area else [], [], None)
        if text.rstrip().endswith(";"):  # frame.semicolon: a ;-part goes on with its whole subject
            ctx.frame = Frame(prev.programs, prev.areas, prev.variants, prev.metric)
        named = [r for rs in clause_regions for r in rs]
        if named:
            classes = len(named) > 1 and all(r.level == "group" and not r.code and r.parent
                                             and self.lex.area_class.search(r.name) for r in named)
            ctx.places = named if classes else []
        return out

    def _inherit(self, own: Frame, prev: Frame) -> Frame:
        f = Frame(list(own.programs), list(own.areas), list(own.variants), own.metric)
        if not f.programs:
            f.programs = list(prev.programs)
            if not f.areas and not any(v.endswith("_care") for v in f.variants):  # care is for both areas
                f.areas = list(prev.areas)
            if not f.variants and (not f.metric or f.metric == "care_standard"):
                f.variants = [v for v in prev.variants if f.metric != "care_standard" or v.endswith("_care")]
            if f.metric is None and not prev.derived:
                f.metric = prev.metric
        elif set(f.programs) <= set(prev.programs):
            if not f.areas and not any(v.endswith("_care") for v in f.variants):
                f.areas = list(prev.areas)
            # …最低养育标准…1800元,散居孤儿…1300元; not a figure to skip (最低工资标准为…计算)
            if f.metric is None and not prev.derived and prev.metric not in ("skip", "uplift"):
                f.metric = prev.metric
        return f

    def _sentence_mentions(self, text: str, offset: int, ctx: Context, within_found=None) -> list:
        """The places a sentence names, read once for all its clauses: full names anywhere (from
        ``ctx.named`` when the document's are known), and short names (路南, 迁安) under the
        region the text is about (``within_found`` when the regions component has read them)."""
        if self.regions is None:
            return []
        if ctx.named is not None:  # the document's, read once: those in this sentence
            end = offset + len(text)
            lo = bisect_left(ctx.named, offset, key=_start)
            hi = bisect_left(ctx.named, end, key=_start)
            mentions = [m._replace(start=m.start - offset, end=m.end - offset)
                        for m in ctx.named[lo:hi] if m.end <= end]
        else:
            mentions = self.regions.find(text)
        if ctx.within:
            if within_found is None:
                within_found = self.regions.find(text, within=ctx.within)
            taken = [(m.start, m.end) for m in mentions]
            mentions += [m for m in within_found if not any(a < m.end and m.start < b for a, b in taken)]
            mentions.sort(key=lambda m: m.start)
        # region.outlet: 湖北日报, 新甘肃客户端 name the medium, not a place the sentence is about
        mentions = [m for m in mentions if not OUTLET_AFTER.match(text, m.end)]
        if "(" in text:  # region.exclusion: places in (不含…)/(…除外) are taken out, not in
            mentions = _outside(mentions, self.lex.exclusion, text)
        mentions = sorted(mentions + self._bare_city_starts(text, mentions, ctx), key=_start)
        groups = self._groups(text, mentions, ctx.region)
        if groups:
            mentions = sorted(mentions + groups, key=_start)
        if "《" in text:  # region.cited_title: a place inside 《…》 is the cited document's
            mentions = _outside(mentions, CITED_TITLE, text)
        return mentions

    def _groups(self, text: str, mentions: list, home) -> list:
        """region.uncoded_group: 五区, 两县一市, 渝东南片区 … as mentions of places without a code,
        named after ``home`` (the place the text is about) where it is a province or a city."""
        lex, out = self.lex, []
        city = home is not None and home.code and (home.level == "prefecture" or home.code in MUNICIPALITIES)
        region_of = home.name if home is not None and home.code and home.level == "province" else ""
        for m in lex.group_places.finditer(text):
            a, b = m.span()
            # counted groups of counties (三县, 五区) are a city's; named parts (渝东南片区) a province's too
            prefix = home.name if city else (region_of if not m.group()[0] in "一二两三四五六七八九十" else "")
            before = text[max(0, a - 4):a]
            if any(x.start < b and a < x.end for x in mentions) or lex.group_not.match(m.group()):
                continue
            if before and "\u4e00" <= before[-1] <= "\u9fff" and not lex.group_after.search(before):
                continue
            if prefix and m.group().startswith(prefix[:2]):
                continue  # the city's own name (兰州新区) is no group of it
            if (ex := lex.exclusion.match(text, b)) is not None:
                b = ex.end()
            out.append(RegionMention(a, b, text[a:b], Region(None, prefix + text[a:b], "group",
                                                             home.code if prefix else None)))
        return out

    def _bare_city_starts(self, text: str, mentions: list, ctx: Context) -> list:
        """region.bare_city: a prefecture's bare short name opening a clause (台州自7月1日起将…)."""
        out = []
        for m in _CLAUSE_START.finditer(text):
            at = m.end()
            if any(x.start <= at < x.end for x in mentions):
                continue
            for n in (3, 2):
                city = self.regions.bare_city(text[at:at + n])
                if city is not None and _AFTER_BARE_CITY.match(text, at + n):
                    if ctx.within is None or self.regions.is_within(city, ctx.within[:2] + "0000"):
                        out.append(RegionMention(at, at + n, text[at:at + n], city))
                    break
        return out

    def _regions(self, ctext: str, ctx: Context, mentions: list) -> list:
        """The places a clause is about, from the ``mentions`` in it."""
        if self.regions is None:
            return []
        rest = self.lex.remaining_places.match(ctext)
        if rest and ctx.region is not None and ctx.region.code:
            return [_part_of(ctx.region, rest.group(1))]
        part = self.lex.city_part.match(ctext)
        if part and ctx.region is not None and ctx.region.level == "prefecture":
            return [_part_of(ctx.region, part.group("part"))]
        for term, places in ctx.defined.items():
            if term in ctext:
                return list(places)
        if mentions:
            quoted = [m.span() for m in _QUOTED.finditer(ctext)]
            mentions = [m for m in mentions if not any(a < m.start < b for a, b in quoted)]
        if not mentions:
            return self._area_classes(ctext, ctx.region)
        # the longest run of mentions joined only by list separators is the clause's subject
        runs, run = [], [mentions[0]]
        for a, b in zip(mentions, mentions[1:]):
            gap = ctext[a.end:b.start]
            if _LIST_GAP.fullmatch(gap) or _LIST_GAP_WORD.fullmatch(gap):
                run.append(b)
            else:
                runs.append(run)
                run = [b]
        runs.append(run)
        # the longest run; of equal ones, a named place over the whole country (全国已有27个省份…)
        best = max(runs, key=lambda r: (len(r), not any(m.region.level == "country" for m in r)))
        if len(best) == 1 and best[0].region.level == "prefecture":
            part = self._part_after(ctext, best[0])
            if part:
                return [part]
        classes = self._area_classes(ctext, best[0].region if len(best) == 1 else ctx.region)
        if classes:
            return classes
        return _dedupe(_as_written(m) for m in best)

    def defined_areas(self, text: str, within: str | None) -> dict:
        """Parts of a city a document defines by the places they include: 十堰城区 -> [张湾区, …]."""
        out = {}
        if "(含" not in text and "(包" not in text:  # every definition opens its list so
            return out
        for m in self.lex.defined_area.finditer(text):
            places = [p.region if p.region.code else replace(p.region, name=p.text)
                      for p in self.regions.find(m.group("list"), within=within)]
            term = m.group("term")
            named = self.regions.find(term, within=within)  # 标准为十堰城区 -> 十堰城区
            if named:
                term = term[named[0].start:]
            if len(places) > 1:
                out[term] = _dedupe(places)
        return out

    def _part_after(self, ctext: str, m) -> "Region | None":
        """郑州市区, 郑州所辖县(市): the part of the city its name is followed by."""
        rest = ctext[m.end:]
        if m.text.endswith("市") and rest.startswith("区"):  # 郑州市区: 郑州 + 市区
            rest = "市" + rest
        p = self.lex.part_after_city.match(rest)
        return _part_of(m.region, p.group("part")) if p else None

    def _area_classes(self, ctext: str, divided) -> list:
        """较好、一般、困难地区 of 沧州市: one place without a code per class."""
        m = self.lex.area_classes.search(ctext)
        if not m or divided is None or not divided.code:
            return []
        return [_part_of(divided, f"{c}地区")
                for c in _dedupe(self.lex.area_class.findall(m.group("list")))]

    def _neighbour_regions(self, clause_regions, spans, figures, ci):
        """A tier's regions may stand in a clause of their own before or after its figures."""
        def has_figs(j):
            return any(spans[j].start <= f.start < spans[j].end for f in figures)

        for j in list(range(ci - 1, -1, -1)) + list(range(ci + 1, len(spans))):
            if clause_regions[j] and not has_figs(j):
                if j > ci and any(has_figs(k) for k in range(ci + 1, j)):
                    continue
                regions = list(clause_regions[j])
                # region.tier_list_before: …back over figure-free clauses to the tier's marker
                # (第二档,贵阳市开阳县…麻江县,其余各市(州)的县级市…,保障标准为705元)
                k = j - 1
                while j < ci and k >= 0 and clause_regions[k] and not has_figs(k):
                    regions = list(clause_regions[k]) + regions
                    k -= 1
                k = j + 1  # the list may go on in the clauses after (…麻江县,其余各市(州)的县级市)
                while j > ci and k < len(spans) and clause_regions[k] and not has_figs(k):
                    regions += clause_regions[k]
                    k += 1
                return _dedupe(regions)
            if j < ci and clause_regions[j] and has_figs(j):
                break
        return []

    def _status(self, text: str, ctx: Context):
        for m in _BY_YEAR.finditer(text):
            y = int(m.group(1))
            if ctx.ref_year and y > ctx.ref_year:
                return "target", str(y)
        if self.lex.proposed.search(text):  # status.proposed: 拟将…调至 is a draft's plan, not in force
            return "target", None
        return "in_force", None

    # -- records --------------------------------------------------------------------------
    def _records(self, text, ctext, cstart, soffset, figs, frame, ctx, status, target_year, pending=()):
        lex = self.lex
        money = [f for f in figs if f.kind == "money"]
        rates = [f for f in figs if f.kind in ("percent", "ratio")]
        out = []
        # previous vs new
        to = lex.transition_to.search(ctext)
        frm = lex.transition_from.search(ctext)
        previous, new = [], money
        if to and frm and frm.start() < to.start():
            previous = [f for f in money if frm.start() < f.start < to.start()]
            new = [f for f in money if f.start >= to.end()]
        elif to:
            new = [f for f in money if f.start >= to.end()] or money
            if pending and to.start() <= 2 + (len(ctext) - len(ctext.lstrip())):
                previous = list(pending)
        new = [f for f in new if not self._is_statistic(*_local(ctext, cstart, f)[::2])]
        if new and len(new) == 1 and not previous:
            m = _PAREN_PREVIOUS.search(ctext, new[0].end)
            if m:
                pf = [f for f in find_figures(ctext[m.end():m.end() + 20])]
                if pf and pf[0].kind == "money":
                    previous = [pf[0].shifted(m.end())]
        out += self._emit(ctext, cstart, soffset, text, new, previous, frame, ctx, status, target_year)
        for f in rates:
            out += self._emit_rate(ctext, cstart, soffset, text, f, rates, frame, ctx, status, target_year)
        return out

    def _is_statistic(self, ctext: str, f: Figure) -> bool:
        if is_total(ctext, f):
            return True
        if self.lex.not_a_standard_after.match(ctext[f.end:]):
            return True
        before = ctext[:f.start]
        if self.lex.category_before.search(before):
            return True
        if self.lex.tier_word.search(before) and self.lex.household_tiers.search(self._sentence):
            return True  # figure.per_category
        if _INCOME_BEFORE.search(before) and not self.frame(ctext, f.start).programs:
            return True  # an income line that is not a program's threshold
        if self.lex.difference_before.search(_RATE_WORDS.sub("", before[-12:])):
            return True  # figure.difference
        if self.lex.increment_before.search(_RATE_WORDS.sub("", before[-12:])):
            return not (_INCREASE.search(before.rstrip(" 不低于")) or self._rise_alone(ctext, f))
        fr = self.frame(ctext, f.start)
        if fr.metric == "grant":
            return False
        return bool(self.lex.statistic_cues.search(before))

    def _rise_alone(self, ctext: str, f: Figure) -> bool:
        """figure.rise_alone: a rise (每月调高20元, 分别提高补助水平14元和12元) is a record of its own
        only where its sentence states no level it reaches (提高10元,达到110元 says it as the level)."""
        return bool(_RISE_BEFORE.search(_RATE_WORDS.sub("", ctext[max(0, f.start - 12):f.start]))) \
            and not _LEVEL_STATED.search(self._sentence)

    def _metric(self, ctext: str, f: Figure, frame: Frame, after: int = 0) -> str | None:
        fr = self.frame(ctext, f.start)
        metric = fr.metric or frame.metric
        if after:  # a second figure: only the words since the first speak for it (上浮3%,为…)
            between = ctext[after:f.start]
            if not _JOINER.fullmatch(between):
                own = self.frame(between).metric
                metric = own or "standard"
        before = ctext[:f.start]
        if metric in (None, "standard") and any(v.endswith("_care") for v in frame.variants):
            return "care_standard"
        if metric == "grant" or "助学金" in ctext:
            return "grant" if _GRANT_WORDS.search(ctext) else metric
        if _INCREASE.search(before.rstrip(" 不低于")) or (
                self.lex.increment_before.search(_RATE_WORDS.sub("", before[-12:])) and self._rise_alone(ctext, f)):
            return "increase"
        return metric or "standard"

    def _unit(self, ctext: str, f: Figure, program: str, ctx: Context) -> tuple[str | None, bool]:
        if f.unit and f.unit != "yuan/person":
            return f.unit, False
        u = prefix_unit(ctext[:f.start])
        if u:
            return u, False
        if f.unit == "yuan/person":
            return ("yuan/person/year" if f.value >= 1500 else "yuan/person/month"), True
        # A bare 元 figure: a per-person monthly amount unless it is too large to be one.
        if program in ("dibao", "tekun", "orphan", "jingjian", "poverty_line", "disability_living",
                       "disability_care"):
            return ("yuan/person/year" if f.value >= 2000 or program == "poverty_line" and f.value > 1000
                    else "yuan/person/month"), True
        if program == "linshi":
            return "yuan/case", True
        return None, True

    def _period(self, ctext: str, f: Figure, ctx: Context, status: str, target_year,
                before: str = "", at: int = 0) -> str | None:
        """The year (or date) before the figure in its clause; a comparison takes the year of the
        clause it compares (2022年农村低保标准为5200元,高于扶贫线4000元); else the date the part
        of the sentence at ``at`` states for itself, the sentence's year or the document's. A bare
        year gives way to a more precise date of that year in scope (2022年…800元 under 自2022年1月1日起)."""
        if status == "target" and target_year:
            return target_year
        scoped = next((v for a, b, v in ctx.part_periods if a <= at < b), None)
        year = self._clause_year(ctext, f, before) or (None if scoped else ctx.sentence_period)
        # the nearest date in scope, made as precise as a compatible wider one (2023-01 under 2023-01-01)
        wider = most_precise([scoped or ctx.running_period or ctx.period, ctx.period])
        if year and not (len(year) == 4 and wider and wider.startswith(year)):
            return year
        return wider

    def _clause_year(self, ctext: str, f: Figure, before: str) -> str | None:
        """The last year (or date) written before the figure in its clause, not an old value's."""
        window = ctext[:f.start]
        if self.lex.comparison.match(ctext):
            window = before + window
        to = self.lex.transition_to.search(window)
        if to and self.lex.transition_from.search(window[:to.start()]):
            window = window[to.end():]  # 由2019年的600元提高到…: that year is the old value's
        years = list(_YEAR_IN.finditer(window))
        if years:
            m = years[-1]
            y, mo, d = m.group(1), m.group(2), m.group(3)
            return iso(int(y), int(mo) if mo else None, int(d) if d else None)
        return None

    def _emit(self, ctext, cstart, soffset, text, new, previous, frame, ctx, status, target_year):
        if not new:
            return []
        figs_all = new
        n = len(new)
        programs = frame.programs
        variants = [v for v in frame.variants
                    if any(v in self.lex.program_variants.get(p, []) for p in programs)]
        care = [v for v in variants if v.endswith("_care")]
        if care:
            variants = care
        elif n == 1 and set(variants) == _BOTH_SUPPORTS:  # 集中和分散供养标准为X: one for both
            variants = []
        areas = self._areas(frame.areas, n)
        regions = frame.regions or [None]
        lists = {"variant": variants or [None], "area": areas, "program": programs, "region": regions}
        zipped = None
        for name in ("variant", "area", "program", "region"):
            if n > 1 and len(lists[name]) == n:
                zipped = name
                break
        if zipped is None and n > 1 and "分别" in ctext:
            for name in ("variant", "area"):
                if len(lists[name]) > n:
                    lists[name] = lists[name][:n]
                    zipped = name
                    break
        # words between two figures speak for the second (集中供养…3500元/年、分散供养…2200元/人)
        local = []
        last = 0
        for f in new:
            local.append(self.frame(ctext[last:f.start]) if last else None)
            last = f.end
        subjects = self._zip_subjects(ctext, new, frame)
        out = []
        for i, f in enumerate(new):
            said = None  # read when the figure makes its first record
            lf = subjects[i] if subjects else local[i]
            if lf is not None and (lf.variants or lf.areas or lf.programs):
                own_lists = dict(lists)
                if lf.programs:
                    own_lists["program"] = lf.programs
                if lf.variants:
                    own_lists["variant"] = lf.variants
                if lf.areas:
                    own_lists["area"] = self._areas(lf.areas, 1)
                choice_override = own_lists
            else:
                choice_override = None
            prev = previous[i].value if len(previous) == n else (previous[0].value if len(previous) == 1 and n == 1 else None)
            choice = {k: ([v[i]] if k == zipped else v) for k, v in lists.items()}
            if choice_override is not None:
                choice = {k: (v if k not in ("program", "variant", "area") or v is not lists[k]
                              else choice[k]) for k, v in choice_override.items()}
            after = figs_all[i - 1].end if i and len(ctext) > LONG_CLAUSE else _previous_end(figs_all, f)
            wtext, wstart, wf, wafter = _local(ctext, cstart, f, after)
            figure_metric = (subjects[i].metric or "standard") if subjects else \
                self._metric(wtext, wf, frame, after=wafter)
            if figure_metric in ("skip", "uplift"):  # an uplift is a share, not an amount
                continue
            units = {p: self._unit(wtext, wf, p, ctx) for p in choice["program"]}
            for program, area, variant, region in itertools.product(
                    choice["program"], choice["area"], choice["variant"], choice["region"]):
                if variant and variant not in self.lex.program_variants.get(program, []):
                    variant = None
                metric = figure_metric
                if metric == "care_standard" and program == "disability_care":
                    metric = "standard"  # care is that program's benefit itself
                unit, inferred = units[program]
                if metric == "grant" and inferred and "学年" not in ctext:
                    unit = "yuan/person"
                if unit is None:
                    continue
                if metric == "increase" and prev is not None:
                    continue
                said = said or self._said(wtext, wstart, soffset, text, wf, ctx, status, target_year)
                out.append(self._standard(ctx, region, program, area, variant, metric, f.value,
                                          f.value_max, unit, prev, said, status, inferred, None))
        return out

    def _zip_subjects(self, ctext: str, new: list, frame: Frame) -> list[Frame] | None:
        """frame.zip_subjects: A、B和C分别为x、y、z where A, B, C are different programs or metrics
        (农村低保指导标准、月人均补差和特困人员供养标准): subject i takes figure i, each with its own
        program, area and metric; a subject naming no program takes the one before it."""
        at = ctext.find("分别")
        if len(new) < 2 or at < 0 or at > new[0].start:
            return None
        parts = [p for p in _SUBJECT_SEP.split(ctext[:at]) if p.strip()]
        if len(parts) != len(new):
            return None
        # each subject a noun phrase of its own, ending in its metric (not 集中和分散 + a shared head)
        if not all((k := self.keywords(p.rstrip(), "metric")) and k[-1].end == len(p.rstrip()) for p in parts):
            return None
        frames = [self.frame(p) for p in parts]
        if not all(f.metric or f.programs for f in frames) or \
                len({(tuple(f.programs), f.metric) for f in frames}) < 2:
            return None
        last = frame
        for f in frames:
            f.programs = f.programs or list(last.programs)
            f.areas = f.areas or list(last.areas)
            last = f
        return frames

    def _areas(self, areas: list[str], n: int) -> list[str]:
        if "both" in areas:
            rest = [a for a in areas if a != "both"]
            if n == 2 and not rest:
                return ["urban", "rural"]
            return rest or ["all"]
        return areas or ["all"]

    def _emit_rate(self, ctext, cstart, soffset, text, f, rates, frame, ctx, status, target_year):
        before = ctext[:f.start]
        basis = None
        for name, pat in self.lex.basis.items():
            if pat.search(before.rstrip()) or (f.fraction or len(rates) > 1) and re.search(
                    pat.pattern.rstrip("$").rstrip("的?") + r"(?:标准)?的", before):
                basis = name
                break
        metric = self._metric(ctext, f, frame)
        uplift = dict(self.lex.kinds["metric"])["uplift"]
        if uplift.match(ctext, f.end):  # 按照低保标准的30%增发低保金
            metric = "uplift"
        if basis is None and metric != "uplift":
            return []
        programs = frame.programs
        if basis == "dibao.standard":
            # 1.3 × the 低保 standard is another program's; 按低保标准的30%增发低保金 raises 低保 itself
            programs = [p for p in programs if p != "dibao"] or (["dibao"] if metric == "uplift" else [])
            if not programs:
                return []
        if basis == "min_wage":  # care standards tied to the minimum wage are 特困供养's
            metric = "care_standard"
            programs = ["tekun"]
        elif basis == "dibao.standard":
            metric = metric if metric in ("floor", "uplift") else "standard"
        if not programs:
            return []
        variants = []
        if basis == "min_wage":
            sent_before = text[:cstart - soffset + f.start]
            variants = [k.value for k in self.keywords(sent_before, "variant") if k.value.endswith("_care")]
            variants = _dedupe(variants) or [v for v in frame.variants if v.endswith("_care")]
        else:  # 集中供养特困人员…按低保标准的1.3倍: the clause's own kind of recipient
            variants = [v for v in frame.variants if not v.endswith("_care")
                        and any(v in self.lex.program_variants.get(p, []) for p in programs)]
        variant = None
        if variants and len(rates) > 1 and "分别" in ctext:
            i = rates.index(f)
            variant = variants[i] if i < len(variants) else None
            if variant is None:
                return []
        elif len(variants) == 1:
            variant = variants[0]
        areas = [a for a in frame.areas if a != "both"]
        area = areas[0] if len(areas) == 1 and basis is None else "all"
        if basis is None and len(areas) > 1:
            area = "all"
        out = []
        said = self._said(ctext, cstart, soffset, text, f, ctx, status, target_year)
        for program in programs:
            out.append(self._standard(ctx, (frame.regions or [None])[0], program, area, variant, metric,
                                      f.value, f.value_max, f.unit, None, said, status, False, basis))
            if basis is None:  # an uplift applies to each area it names
                for a in areas[1:]:
                    out.append(self._standard(ctx, (frame.regions or [None])[0], program, a, variant,
                                              metric, f.value, f.value_max, f.unit, None, said, status,
                                              False, basis))
        return out

    def _said(self, ctext, cstart, soffset, text, f, ctx, status, target_year) -> tuple:
        """What a figure's clause says for every record read from the figure: its bound
        (不低于), period, and the quote with where it starts."""
        bound = None
        before = ctext[:f.start].rstrip()
        for name, pat in self.lex.bounds.items():
            if pat.search(before[-6:]) or pat.search(before):
                bound = name
                break
        quote = ctext.strip(" ,,;;:")
        qstart = cstart + ctext.find(quote) if quote else cstart
        period = self._period(ctext, f, ctx, status, target_year, text[:cstart - soffset], cstart - soffset + f.start)
        return bound, period, quote, qstart

    def _standard(self, ctx, region, program, area, variant, metric, value, value_max, unit, prev,
                  said, status, inferred, basis) -> Standard:
        bound, period, quote, qstart = said
        region_obj = region or ctx.region
        return Standard(
            source=ctx.source,
            region=(region_obj.name if region_obj else ctx.region_text),
            adcode=(region_obj.code if region_obj else None),
            program=program, area=area, variant=variant, metric=metric,
            value=round(value, 4), value_max=value_max, unit=unit, quote=quote,
            previous=prev, period=period,
            status=status, basis=basis, bound=bound, unit_inferred=inferred,
            region_inferred=region is None,
            provenance=Provenance(document_id=ctx.document_id, start=qstart, end=qstart + len(quote)),
        )
