"""Frames: the subject a clause names (programs, areas, variants, metric), read from its keywords,
and inherited from the clause or section before it. A mixin of ``SentenceReader``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


from .lexicon import KINDS, Keyword, Lexicon
from .rules import chain

_ORPHANS_TOGETHER = re.compile(r"(?<![散居机构集中])孤儿、事实无人抚养")


_TIMES_AFTER = re.compile(r"(?:标准|规范)?的?\s*[\d.一二三四五六七八九十]+\s*倍")


_OF_STANDARD = re.compile(r"(?:[省市县]定|当地)?(?:最低)?(?:标准|规范)的")  # who sets it may stand between (省定最低标准的)


_BASIS_NAME_END = re.compile(r"(?:最低生活保障|低保|最低工资)(?:[省市县]定|当地)?$")  # 低保省定最低标准的


@dataclass(slots=True)
class Frame:
    programs: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # urban / rural / both
    variants: list[str] = field(default_factory=list)
    metric: str | None = None
    regions: list = field(default_factory=list)  # regions.Region
    derived: bool = False  # the clause raises a base by a share (在…的基础上上浮3%): what follows is new
    topic: bool = False  # set by a heading or sentence without figures that names the program
    rules: list = field(default_factory=list)  # ids of the rules that shaped it (never changed in place)


def _outside(items, spans: list) -> list:
    """The keywords or mentions that start outside every span of ``spans``."""
    return [k for k in items if not any(a <= k.start < b for a, b in spans)]


def outside_matches(items, pattern: re.Pattern, text: str) -> list:
    """The keywords or mentions of ``text`` that start outside every match of ``pattern`` (a cited
    《title》, an exclusion aside)."""
    return _outside(items, [m.span() for m in pattern.finditer(text)])


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
    sentence_years: list = field(default_factory=list)  # the years a sentence heads with, one per figure
    # (start, end, period) of the sentence's parts that date themselves (periods.part_periods)
    part_periods: list = field(default_factory=list)
    running_period: str | None = None  # the date the last sentence that dated itself gave (roundups)
    proposed: bool = False  # a sentence of this paragraph proposed (拟将…): its figures are targets
    named: list | None = None  # every place the document names (RegionIndex.find of its text)


# what a frame inherited from the one before carries of how that one was read
_CARRIED_RULES = ("frame.semicolon", "frame.topic_stack", "frame.cited_title")


class FrameReader:
    def keywords(self, text: str, kind: str) -> list[Keyword]:
        """``Lexicon.keywords``, remembered for this reader's sentence. A clause or the part of one
        before a figure takes its keywords from its sentence's, read once: no keyword spans a
        clause's comma or runs into a figure, so they are the same."""
        return self._kinds(text)[kind]

    def _kinds(self, text: str) -> "_Kinds":
        found = self._keywords.get(text)
        if found is None:
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
            fr = self._frames[part] = self._read_frame(part)
        return Frame(fr.programs, fr.areas, fr.variants, fr.metric, rules=fr.rules)

    def topic(self, text: str) -> Frame | None:
        """The programs and areas a sentence without figures sets for the next ones, if it names
        a program (most such sentences do not, so areas are read only then)."""
        programs = self._programs(text)
        if not programs:
            return None
        # frame.cited_title: 《…城市居民…》《…农村居民…》 name no area of what follows
        kinds, rules = self._asides({"area": self.keywords(text, "area")}, text)
        return Frame(programs, _dedupe(k.value for k in kinds["area"]), topic=True, rules=rules)

    def _asides(self, kinds: dict, part: str, alone: bool = False) -> tuple[dict, list[str]]:
        """The frame stage of rules.yaml: keywords that stand inside what a rule names (a cited
        《title》, an inclusion aside) are dropped from the kinds it names; with ``alone``, a kind
        the rule keeps when nothing of it is left outside stays whole. Also the ids of the rules
        that dropped some."""
        fired = []
        for rule in chain("frame"):
            drop = rule.then["drop"]
            if not any(kind in drop for kind in kinds):  # (most asks are for programs alone)
                continue
            spans = [m.span() for m in getattr(self.lex, rule.when["inside"]).finditer(part)]
            if not spans:
                continue
            keep = rule.then.get("keep_alone", ()) if alone else ()
            out = {kind: (_outside(found, spans) or (found if kind in keep else []) if kind in drop else found)
                   for kind, found in kinds.items()}
            if out != kinds:
                kinds = out
                fired.append(rule.id)
        return kinds, fired

    def _programs(self, part: str) -> list[str]:
        progs = [k for k in self.keywords(part, "program") if not self._is_basis(part, k)]
        progs = self._asides({"program": progs}, part, alone=True)[0]["program"]  # frame.cited_title
        programs = _dedupe(k.value for k in progs)
        if any(p.startswith("disability") for p in programs):
            programs = [p for p in programs if p != "dibao"]
        if "orphan" in programs:  # 孤儿救助供养标准 is the orphans' standard, not 特困供养
            programs = [p for p in programs if p != "tekun"]
        return programs

    def _read_frame(self, part: str) -> Frame:
        # frame.cited_title: 《城镇…办法》《农村…办法》 name no area of the clause; frame.inclusion_aside
        found = self._kinds(part)
        kinds, rules = self._asides({kind: found[kind] for kind in KINDS}, part)
        programs = self._programs(part)
        areas = kinds["area"]
        if areas:
            cited = [m.span() for m in self.lex.cited_rule.finditer(part)]
            # frame.basis_area: 城市 in 按城市低保标准的1.3倍 is the basis's area, not the subject's
            cited += [(k.start - 6, k.start) for k in kinds["program"] if self._is_basis(part, k)]
            kept = [k for k in areas if not any(a <= k.start < b for a, b in cited)]
            if len(kept) < len(areas):
                rules.append("frame.basis_area")
            # area.implied_yields: 五保 is rural only where no area word says otherwise (城镇五保户)
            implied = self.lex.raw["implied_areas"]
            written = [k for k in kept if part[k.start:k.end] not in implied]
            if written and len(written) < len(kept):
                rules.append("area.implied_yields")
            areas = _dedupe(k.value for k in (written or kept))
        variants = _dedupe(k.value for k in kinds["variant"])
        if variants == ["de_facto"] and _ORPHANS_TOGETHER.search(part):
            variants = []  # 孤儿、事实无人抚养儿童 together: every kind of orphan
        metric = None
        mk = [k for k in kinds["metric"] if not self._in_basis(part, k)]
        if mk:
            metric = self._phrase_metric(part, mk)
            if metric != mk[-1].value:
                rules.append("metric.specific_modifier")
        return Frame(programs, areas, variants, metric, rules=rules)

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

    def _inherit(self, own: Frame, prev: Frame) -> Frame:
        f = Frame(list(own.programs), list(own.areas), list(own.variants), own.metric, rules=own.rules)
        if not f.programs:
            f.programs = list(prev.programs)
            if prev.programs:  # frame.topic_stack: a section's program; frame.inherit: the clause before's
                f.rules = f.rules + ["frame.topic_stack" if prev.topic else "frame.inherit"] + [
                    r for r in prev.rules if r in _CARRIED_RULES]
            if not f.areas and not any(v.endswith("_care") for v in f.variants):  # care is for both areas
                f.areas = list(prev.areas)
            if not f.variants and (not f.metric or f.metric == "care_standard"):
                f.variants = [v for v in prev.variants if f.metric != "care_standard" or v.endswith("_care")]
            if f.metric is None and not prev.derived:
                f.metric = prev.metric
        elif set(f.programs) <= set(prev.programs):
            if not f.areas and not any(v.endswith("_care") for v in f.variants):
                f.areas = list(prev.areas)
                f.rules = f.rules + [r for r in prev.rules if r == "frame.cited_title"]
            # …最低养育标准…1800元,散居孤儿…1300元; not a figure to skip (最低工资标准为…计算)
            if f.metric is None and not prev.derived and prev.metric not in ("skip", "uplift"):
                f.metric = prev.metric
        return f
