"""The document walk: blocks, tables and sentences in order, each read in the context the ones
before it set (home region, period, the topic of the last sentence without figures).

Only sentences that hold a figure (元, %, 倍) are read by the components of the pipeline of
``nlp.py`` (built from ``config.cfg``), one at a time in document order; everything else is
scanned with compiled patterns. The walk reads only the components' state, never a Doc's spans,
so ``nlp.read_state`` runs them without making a Doc (one per sentence cost about 7% of the time).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import NamedTuple

from schemas import Statistic, ValidationError, validate_standard, Provenance

from language import dates
from language.figures import MAY_HOLD_FIGURE as _HAS_FIGURE, find_every_figure, is_total
from language.segment import Span as TextSpan, clauses, sentences
from language.selfref import OWN_LEVEL as _OWN_LEVEL, OWN_ORGAN as _DEICTIC_ORGAN, SENTENCE_SELF as _DEICTIC
from language.selfref import WRITTEN_SELF as _WRITTEN_SELF, speaks_as
from language.titles import blank_cited

from . import periods
from .consolidate import ORIGINAL_TITLE, dedupe_records, pair_before_after
from .lexicon import default_lexicon
from .nlp import SentenceContext, nlp, read_state, runs_directly
from gazetteer import RegionIndex
from .standards import SentenceReader
from .tables import read_table
from .target_groups import find_groups

_ANONYMISED = re.compile(r"(?:\*\*+|[xX×][xX×]|某)(省|市|州|县|区)")  # each branch opens with a literal: scanned fast
_AS_OF_HEAD = re.compile(r"\s*截[至止]")


@dataclass
class Extraction:
    document: object
    standards: list = field(default_factory=list)
    statistics: list = field(default_factory=list)
    home_region: object = None
    target_groups: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (record, reason) that failed validation
    fired: Counter = field(default_factory=Counter)  # rules that kept a figure or record out, by id
    ref_year: int | None = None

    # every date and region mention of the text: read when asked for (a build stores neither)
    @cached_property
    def dates(self) -> list:
        return dates.find_dates(self.document.text, self.ref_year)

    @cached_property
    def regions(self) -> list:
        home = self.home_region
        return RegionIndex.default().find(self.document.text, within=home.code if home else None)

    @cached_property
    def sentences(self) -> list["Sentence"]:
        return read_sentences(self.document)


class Sentence(NamedTuple):
    """A sentence of the document with its clauses and every figure it states (the
    ``doudi_figures`` component's, plus counts and proportions), offsets in the document text."""
    start: int
    end: int
    clauses: list[TextSpan]
    figures: list  # language.figures.Figure


def read_sentences(doc) -> list[Sentence]:
    """Every sentence of the document outside boilerplate, tables included (a row is a line)."""
    text, out = doc.text, []
    for block in doc.blocks:
        if block.kind == "boilerplate":
            continue
        for s in sentences(text, block.start, block.end):
            figures = [f.shifted(s.start) for f in find_every_figure(text[s.start:s.end])]
            out.append(Sentence(s.start, s.end, clauses(text, s.start, s.end), figures))
    return out


_HEADING = re.compile(r"^\s*(?:[((]?[一二三四五六七八九十\d]{1,3}[))、.]\s*)+")
_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([万亿]?)\s*(人次|户|人|名|个|所)")


def extract(doc) -> Extraction:
    """Every record the document supports, each with its provenance. The sentences that hold a
    figure go through the pipeline's components one by one (``nlp.read_state``); each is read in
    its context, which the sentences before it have set."""
    pipe = nlp()
    walk = _Walk(doc, pipe.get_pipe("doudi_keywords").lexicon, pipe.get_pipe("doudi_regions").index)
    direct = runs_directly(pipe)
    for stext, ctx, where in walk.figure_sentences():
        walk.took(read_state(pipe, stext, ctx, direct), *where)
    out, text = walk.out, doc.text
    headlines = {i for i, b in enumerate(doc.blocks)
                 if b.kind == "heading" or text[b.start:b.end].strip() == doc.title}
    # a reposted story's 原标题:… restates the body's figures as a headline does, run into its first line
    restated = [m.span() for m in ORIGINAL_TITLE.finditer(text)]
    if walk.reposted:  # the page's date dated nothing: what has no period owes it to this rule
        out.fired["period.repost_date"] += 1
        for r in out.standards:
            if r.period is None:
                r.rules.append("period.repost_date")
    out.standards = dedupe_records(pair_before_after(out.standards, text), headlines, restated, out.fired)
    out.target_groups = find_groups(text)
    return out


class _Walk:
    """The document walk: what the sentences read so far leave for the next one. A sentence is
    handed over only once the one before it is taken, so every sentence is read in the context
    the ones before it set."""

    def __init__(self, doc, lexicon, index):
        self.doc, self.index = doc, index
        text = doc.text
        self.evidence = evidence = index.home_evidence(doc)
        self.home = home = index.home_region(doc, evidence)
        self.reposted = dates.reposted(text, doc.published)  # period.repost_date
        issued = None if self.reposted else doc.published
        found = dates.effective_dates(text)  # read once: the document's period reads them too
        ref_year = dates.reference_year(text, issued, found)
        if ref_year is None and issued:
            ref_year = int(issued[:4])
        self.ref_year, self.issued = ref_year, issued
        chrome = [(b.start, b.end) for b in doc.blocks if b.kind == "boilerplate"]
        effective = periods.document_period(text, evidence.mentions, home, index, ref_year, self.issued, chrome,
                                             found)
        # without an effective date, the year is the period when the text says it is current or its
        # title names it (2023年唐山一类低保标准)
        current = dates.pattern("current").search(text) or str(ref_year) in (doc.title or "")
        period = effective or (str(ref_year) if ref_year and current else None)
        anonymised = _anonymised_region(text) or (_deictic_as_written(text) if home is None else None)
        self.lex = lexicon
        self.base = base = SentenceContext(source=doc.name, document_id=doc.id, region=home,
                                           region_text=anonymised if home is None else None,
                                           period=period, ref_year=ref_year, within=home.code if home else None)
        base.defined = self.reader().defined_areas(text, base.within)
        base.named = evidence.mentions  # every place the text names, which sentences take theirs from
        self.out = Extraction(doc, home_region=home, ref_year=ref_year)
        self.last, self.last_text = [], ""  # the standards of the last sentence with figures, and that sentence
        # sentences without figures since then: the latest that names a program sets the topic of the
        # next sentence with figures (read only when one comes: most never do)
        self.unread: list[str] = []
        self.carried = None  # a place the paragraph's last sentence was about (roundups: 沧州…;农村…)

    def reader(self, text: str = "") -> SentenceReader:
        """A reader of its own for each text read outside the pipeline (a table, a topic)."""
        return SentenceReader(self.lex, self.index, text)

    def figure_sentences(self):
        """(text, context, where) for each sentence with a figure, its context a copy of the walk's
        (``_enter``); the blocks and sentences without figures are read on the way."""
        doc, text, base = self.doc, self.doc.text, self.base
        # the lines above a table that are its caption (单位:千元/人·年) are read with the table
        captions = {bi - 1 for bi, b in enumerate(doc.blocks) if b.kind == "table" and b.caption and bi
                    and text[doc.blocks[bi - 1].start:doc.blocks[bi - 1].end].strip() in b.caption.splitlines()}
        for bi, block in enumerate(doc.blocks):
            if block.kind == "boilerplate" or bi in captions or not self._opens(bi, block):
                continue
            self.carried = None
            base.proposed = False  # status.proposed holds to the end of its paragraph
            base.places = []
            # most paragraphs hold no figure at all: one search tells, rather than one per sentence
            figured = _HAS_FIGURE.search(text, block.start, block.end) is not None
            for s in sentences(text, block.start, block.end):
                stext = text[s.start:s.end]
                if not figured or not _HAS_FIGURE.search(stext):
                    self._without_figures(stext, s.start)
                    continue
                ctx = self._enter(stext, s.start)
                yield stext, ctx, (bi, s.start, stext, ctx)

    def _opens(self, bi: int, block) -> bool:
        """Whether the block's sentences are read one by one: a table is read whole, a heading that
        names a region sets the region of the section below it."""
        doc, base, text = self.doc, self.base, self.doc.text
        btext = text[block.start:block.end]
        if block.kind == "table" and block.rows:
            for rec in read_table(block, doc, bi, self.reader(), self.index, base):
                _finish(rec, doc, bi, self.out, self.lex)
            return False
        if _AS_OF_HEAD.match(btext) and not _HAS_FIGURE.search(btext):
            base.period = dates.as_of(btext, self.ref_year) or base.period  # 截至2024年6月底: what follows
        heading_region = _heading_region(btext, self.index, base)
        if heading_region is not None:
            base.region, base.within = heading_region, heading_region.code or base.within
            base.frame, self.unread = None, []
            return False
        return True

    def _without_figures(self, stext: str, start: int) -> None:
        base = self.base
        if dated := periods.part_periods(stext, self.ref_year, self.issued):
            base.running_period = dated[-1][2]
        self.carried = _place_opening(stext, start, self.evidence.mentions, self.home, self.index) or self.carried
        if self.last and _place_listed(stext, self.last, self.last_text, self.out, self.index, base.within):
            self.last = []
        self.unread.append(stext)

    def _enter(self, stext: str, start: int) -> SentenceContext:
        """The context of a sentence with figures: the walk's, with the sentence's own place and
        dates. The reader writes only this copy; ``took`` takes back what it leaves for the next."""
        base = self.base
        for earlier in reversed(self.unread):
            if (topic := self.reader(earlier).topic(earlier)) is not None:
                base.frame = topic
                break
        self.unread = []
        ctx = replace(base, offset=start, text=stext,
                      part_periods=periods.part_periods(stext, self.ref_year, self.issued))
        sent_region = _sentence_region(stext, self.index, ctx, self.home) or self.carried
        if sent_region is _UNKNOWN:  # 全市 in a document we only place in its province
            ctx.region = None
        elif sent_region is not None:
            ctx.region = sent_region
            ctx.within = sent_region.code or ctx.within
        return ctx

    def took(self, done: dict, bi: int, start: int, stext: str, ctx) -> None:
        """What the pipeline read in a sentence (its components' state): its records, and what it
        leaves for the next (its last frame, whether its paragraph proposes, the area classes it
        listed)."""
        base = self.base
        found = done["standards"]
        base.frame, base.proposed, base.places = ctx.frame, ctx.proposed, ctx.places
        base.sentence_period, base.sentence_years = ctx.sentence_period, ctx.sentence_years
        if self.home is None:  # the first place a document without a home names becomes its region
            named = {(r.region, r.adcode) for r in found if not r.region_inferred}
            if len(named) == 1 and all(not r.region_inferred for r in found):
                first = found[0]
                base.region_text = first.region if first.adcode is None else base.region_text
                if first.adcode:
                    base.region = self.index.get(first.adcode)
        if ctx.part_periods:  # period.running: a roundup's section dates what follows it
            base.running_period = ctx.part_periods[-1][2]
        self.out.fired.update(done["fired"])
        self.last = [rec for rec in found if _finish(rec, self.doc, bi, self.out, self.lex)]
        self.last_text = stext
        self.carried = _place_spoken_of(self.last, self.home, self.index, self.carried)
        self.out.statistics += _statistics(self.doc, stext, start, ctx, done["figures"])


def _anonymised_region(text: str) -> str | None:
    """An anonymised name (***市, xx县) at the level the document speaks of itself (我市, 市委)."""
    names = [m.group(0) for m in _ANONYMISED.finditer(text)]
    if not names:
        return None
    own = speaks_as(text, _OWN_LEVEL)
    if own:
        for n in names:
            if n.endswith(own):
                return n
    return names[0]


def _deictic_as_written(text: str) -> str | None:
    """region.deictic_unnamed (records.md): a text that never names its place but speaks of itself
    (全市, 全镇) is that word as written, the one it uses most (then the first)."""
    words = _WRITTEN_SELF.findall(text)
    return max(dict.fromkeys(words), key=words.count) if words else None


def _place_spoken_of(records: list, home, index, before):
    """The one place below home a sentence's standards name, for the sentences after it in the
    paragraph (沧州城市低保标准…;农村低保标准…;…); None when it names several; the place
    spoken of ``before`` when it names none."""
    named = {r.adcode for r in records if not r.region_inferred}
    if not named:
        return before
    if len(named) > 1 or None in named:
        return None
    place = index.get(named.pop())
    if place is None or place == home or (home is not None and not index.is_within(place, home.code)):
        return None
    return place


def _place_opening(stext: str, start: int, mentions, home, index):
    """region.paragraph_opening: a sentence without figures that opens with a place below home
    (湖州市从7月1日起执行新标准。) speaks of it for the paragraph's next sentences."""
    first = next((m for m in mentions if start <= m.start), None)
    if first is None or first.start - start > 1 or not first.region.code or first.region == home:
        return None
    if home is not None and not index.is_within(first.region, home.code):
        return None
    return first.region


def _place_listed(stext: str, last: list, last_text: str, out: Extraction, index, within) -> bool:
    """执行一类标准的县(市、区)为:迁安、路南…: the standards of the sentence before that stood for
    no named place (region inferred) now stand for each place listed, when that sentence names the
    same tier. Averages and floors stay with the region that set them."""
    m = default_lexicon().applies_to.search(stext)
    if not m or (m.group("tier") and m.group("tier") not in last_text):
        return False
    places = [p.region for p in index.find(stext[m.end():], within=within)]
    tier = [r for r in last if r.region_inferred and r.metric == "standard"]
    if not places or not tier:
        return False
    for rec in tier:
        i = next(i for i, r in enumerate(out.standards) if r is rec)
        out.standards[i:i + 1] = [
            replace(rec, region=p.name, adcode=p.code, region_inferred=False,
                    provenance=replace(rec.provenance)) for p in dict.fromkeys(places)]
    return True


@lru_cache(maxsize=1)
def _plausible_ranges() -> dict:
    import yaml
    from pathlib import Path
    return yaml.safe_load((Path(__file__).parent / "data" / "plausibility.yaml").read_text("utf-8"))


def _implausible(rec) -> str | None:
    """figure.plausible: why an amount is one no program pays (data/plausibility.yaml), or None."""
    data = _plausible_ranges()
    span = data["units"].get(rec.unit)
    if span is None or rec.metric in data["exempt_metrics"] or span[0] <= rec.value <= span[1]:
        return None
    return f"implausible amount {rec.value:g} {rec.unit} (outside {span[0]}–{span[1]})"


def _finish(rec, doc, bi: int, out, lex) -> bool:
    """Provenance and target groups, then validation: an invalid record is kept aside, not stored."""
    block = doc.blocks[bi]
    rec.provenance.block = bi
    rec.provenance.page = block.page
    rec.provenance.original_start, rec.provenance.original_end = doc.original_span(
        rec.provenance.start, rec.provenance.end)
    rec.target_groups = sorted({g.group for g in find_groups(rec.quote)})
    national = lex.raw["national_average"]  # metric.national_average
    if (rec.adcode == national["region"] and rec.program in national["programs"] and rec.metric == "standard"
            and rec.unit.startswith("yuan")):
        rec.metric = "avg_standard"
        rec.rules.append("metric.national_average")
    if (why := _implausible(rec)) is not None:
        out.rejected.append((rec, why))
        out.fired["figure.plausible"] += 1
        return False
    try:
        out.standards.append(validate_standard(rec))
        return True
    except ValidationError as e:
        out.rejected.append((rec, str(e)))
        return False


def _heading_region(btext: str, index, ctx):
    """A short line that names a region and holds no figure heads the section below it."""
    m = _HEADING.match(btext)  # anchored: the numbering before a heading, if any
    t = (btext[m.end():] if m else btext).strip(" :")
    if len(t) > 16 or _HAS_FIGURE.search(t) or not t:
        return None
    mentions = index.find(t)
    if mentions and sum(m.end - m.start for m in mentions) >= len(t) - 2:
        return mentions[-1].region
    return None


def _sentence_region(stext: str, index, ctx, home):
    """全省/全市… name the home region's level; an explicit region at the start names itself."""
    stext = blank_cited(stext)  # 全省 in 《…完善全省社会救助体系的意见》 is that document's
    m = _DEICTIC.search(stext) or _DEICTIC_ORGAN.search(stext)
    if m and home is not None:
        level = m.group("level")
        # 我市 under a section heading (2、宿州市) means the section's city, not the document's
        here = ctx.region if ctx.region is not None and ctx.region.code else home
        r = index.resolve_deictic(level, here)
        if r is not None:
            return r
        if home.level == "province" and level in ("市", "州", "县"):
            return _UNKNOWN
    return None


_UNKNOWN = object()


def _statistics(doc, stext, offset, ctx, figures) -> list[Statistic]:
    out = []
    for f in figures:
        if f.kind == "money" and is_total(stext, f):
            out.append(Statistic(doc.name, stext, f.value, "yuan", program=None,
                                 region=ctx.region.name if ctx.region else ctx.region_text,
                                 adcode=ctx.region.code if ctx.region else None, rules=["statistic.total"],
                                 provenance=Provenance(doc.id, offset + f.start, offset + f.end)))
    for m in _COUNT.finditer(stext):
        v = float(m.group(1)) * {"万": 1e4, "亿": 1e8}.get(m.group(2), 1)
        out.append(Statistic(doc.name, stext, v, {"人次": "person_time", "户": "household"}.get(
            m.group(3), "person"), what=m.group(3), rules=["statistic.count"],
            provenance=Provenance(doc.id, offset + m.start(), offset + m.end())))
    return out
