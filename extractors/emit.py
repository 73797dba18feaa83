"""Records out of a clause: previous and new values, figures zipped to or broadcast over the
subjects and places, each record with its provenance and the rules that made it. A mixin of
``SentenceReader``."""
from __future__ import annotations

import itertools
import re
from functools import partial

from schemas import Provenance, Standard

from language.dates import pattern as date_pattern
from language.figures import find_figures

from .frames import Frame, _dedupe

_PAREN_PREVIOUS = date_pattern("paren_previous")
_BOTH_SUPPORTS = {"centralized", "dispersed"}
_SUBJECT_SEP = re.compile(r"、|,|以及|和|及|与")
_NO_RECORD = object()  # what a share's reading returns when the share makes no record
_DESTINATION = ("到", "至", "为")  # a rise verb that names where it goes (提高到), not by how much (提高)


# A clause longer than this (an enumeration of hundreds of amounts) is read around each figure,
# within LOCAL characters either side: every figure reads the same bounded text, so the clause
# costs time in proportion to its length, not to its length times its figures.
LONG_CLAUSE = 2000
LOCAL = 400


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


class RecordMaker:
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
            elif new is not money and to.group().endswith(_DESTINATION):
                # figure.previous: 由 left out (标准每人每月70元提高到80元): the figure right before
                # the verb is the old value
                previous = [f for f in money if f.end <= to.start() and not ctext[f.end:to.start()].strip()]
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

    def _emit(self, ctext, cstart, soffset, text, new, previous, frame, ctx, status, target_year):
        if not new:
            return []
        n = len(new)
        lists, zipped = self._subject_lists(ctext, n, frame)
        # words between two figures speak for the second (集中供养…3500元/年、分散供养…2200元/人)
        local = []
        last = 0
        for f in new:
            local.append(self.frame(ctext[last:f.start]) if last else None)
            last = f.end
        subjects = self._zip_subjects(ctext, new, frame)
        years = ctx.sentence_years if n > 1 and "分别" in ctext else []
        rules = frame.rules + (["frame.zip_subjects"] if subjects else ["frame.respectively"] if zipped else [])
        out = []
        for i, f in enumerate(new):
            choice = self._choice(lists, zipped, i, subjects[i] if subjects else local[i])
            prev = previous[i].value if len(previous) == n else (previous[0].value if len(previous) == 1 and n == 1 else None)
            after = new[i - 1].end if i and len(ctext) > LONG_CLAUSE else _previous_end(new, f)
            wtext, wstart, wf, wafter = _local(ctext, cstart, f, after)
            figure_metric = (subjects[i].metric or "standard") if subjects else \
                self._metric(wtext, wf, frame, after=wafter)
            if figure_metric in ("skip", "uplift"):  # an uplift is a share, not an amount
                continue
            said = partial(self._said, wtext, wstart, soffset, text, wf, ctx, status, target_year)
            parallel = figure_metric not in (None, "standard") and not subjects and self._parallel(wtext, wf, wafter)
            made = self._figure_records(ctext, wtext, wf, f, choice, figure_metric, prev, said, ctx, status,
                                        rules + ["metric.parallel_area"] if parallel else rules)
            if len(years) == n and status != "target":  # period.years_respectively
                for r in made:
                    r.period = years[i]
                    r.rules.append("period.years_respectively")
            out += made
        return out

    def _subject_lists(self, ctext: str, n: int, frame: Frame) -> tuple[dict, str | None]:
        """The programs, areas, variants and places the clause's ``n`` figures are for, and which
        of these lists the figures zip with one to one (frame.respectively), if any."""
        programs = frame.programs
        variants = [v for v in frame.variants
                    if any(v in self.lex.program_variants.get(p, []) for p in programs)]
        care = [v for v in variants if v.endswith("_care")]
        if care:
            variants = care
        elif n == 1 and set(variants) == _BOTH_SUPPORTS:  # 集中和分散供养标准为X: one for both
            variants = []
        lists = {"variant": variants or [None], "area": self._areas(frame.areas, n), "program": programs,
                 "region": frame.regions or [None]}
        for name in ("variant", "area", "program", "region"):
            if n > 1 and len(lists[name]) == n:
                return lists, name
        if n > 1 and "分别" in ctext:
            for name in ("variant", "area"):
                if len(lists[name]) > n:
                    lists[name] = lists[name][:n]
                    return lists, name
        return lists, None

    def _choice(self, lists: dict, zipped: str | None, i: int, lf: Frame | None) -> dict:
        """Figure ``i``'s subjects: its item of the zipped list, the words just before it where they
        name a program, kind or area of their own, else every item of the clause's lists."""
        choice = {k: ([v[i]] if k == zipped else v) for k, v in lists.items()}
        if lf is None or not (lf.variants or lf.areas or lf.programs):
            return choice
        own_lists = dict(lists)
        if lf.programs:
            own_lists["program"] = lf.programs
        if lf.variants:
            own_lists["variant"] = lf.variants
        if lf.areas:
            own_lists["area"] = self._areas(lf.areas, 1)
        return {k: (v if k not in ("program", "variant", "area") or v is not lists[k] else choice[k])
                for k, v in own_lists.items()}

    def _figure_records(self, ctext, wtext, wf, f, choice, figure_metric, prev, said, ctx, status, rules):
        """One record per program, area, kind and place a money figure is for. ``said``: reads
        the figure's bound, period and quote, once, when it makes its first record."""
        out, told = [], None
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
            if unit is None or metric == "increase" and prev is not None:
                continue
            told = told or said()
            made = rules + (["figure.previous"] if prev is not None else []) + (
                ["figure.rise_alone"] if metric == "increase" else [])
            out.append(self._standard(ctx, region, program, area, variant, metric, f.value,
                                      f.value_max, unit, prev, told, status, inferred, None,
                                      ["standard.money"] + made))
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

    def _share_variant(self, sent_before, ctext, f, rates, frame, programs, basis):
        """The kind of recipient a share is for: a care level named before it for a minimum-wage
        share, else the clause's own kind (集中供养特困人员…按低保标准的1.3倍), zipped over
        分别; ``_NO_RECORD`` for a share 分别 leaves without one."""
        if basis == "min_wage":
            variants = [k.value for k in self.keywords(sent_before, "variant") if k.value.endswith("_care")]
            variants = _dedupe(variants) or [v for v in frame.variants if v.endswith("_care")]
        else:
            variants = [v for v in frame.variants if not v.endswith("_care")
                        and any(v in self.lex.program_variants.get(p, []) for p in programs)]
        if variants and len(rates) > 1 and "分别" in ctext:
            i = rates.index(f)
            return variants[i] if i < len(variants) else _NO_RECORD
        return variants[0] if len(variants) == 1 else None

    def _share_subjects(self, head: str, n: int) -> list[str] | None:
        """frame.zip_subjects for shares: A和B一级、二级护理补贴分别按…的25%、30%、25% gives share i
        to subject i, the last ``n`` parts of the words before 分别, when the part before them (if
        any) names no program. A part naming none (一级 before 二级护理补贴) shares the next one's."""
        parts = [p for p in _SUBJECT_SEP.split(head) if p.strip()]
        if len(parts) < n or (len(parts) > n and self._programs(parts[-n - 1])):
            return None
        out, following = [], None
        for part in reversed(parts[-n:]):
            programs = self._programs(part)
            if len(programs) > 1:
                return None
            following = programs[0] if programs else following
            if following is None:
                return None
            out.append(following)
        return out[::-1] if len(set(out)) > 1 else None

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
        made = ["standard.uplift" if metric == "uplift" else "standard.share"] + frame.rules
        if len(programs) > 1 and len(rates) > 1 and "分别" in ctext:
            head = text[:cstart - soffset + ctext.find("分别")]
            own = self._share_subjects(head, len(rates))
            mine = own[rates.index(f)] if own else None
            if mine in programs:
                programs, made = [mine], made + ["frame.zip_subjects"]
        variant = self._share_variant(text[:cstart - soffset + f.start], ctext, f, rates, frame, programs, basis)
        if variant is _NO_RECORD:
            return []
        areas = [a for a in frame.areas if a != "both"]
        area = areas[0] if len(areas) == 1 and basis is None else "all"
        if basis is None and len(areas) > 1:
            area = "all"
        out = []
        said = self._said(ctext, cstart, soffset, text, f, ctx, status, target_year)
        for program in programs:
            out.append(self._standard(ctx, (frame.regions or [None])[0], program, area, variant, metric,
                                      f.value, f.value_max, f.unit, None, said, status, False, basis, made))
            if basis is None:  # an uplift applies to each area it names
                for a in areas[1:]:
                    out.append(self._standard(ctx, (frame.regions or [None])[0], program, a, variant,
                                              metric, f.value, f.value_max, f.unit, None, said, status,
                                              False, basis, made))
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
        period, dated_by = self._period(ctext, f, ctx, status, target_year, text[:cstart - soffset],
                                        cstart - soffset + f.start)
        return bound, period, quote, qstart, dated_by

    def _standard(self, ctx, region, program, area, variant, metric, value, value_max, unit, prev,
                  said, status, inferred, basis, rules) -> Standard:
        bound, period, quote, qstart, dated_by = said
        region_obj = region or ctx.region
        kind = region is not None and region.code is None and {"group": "region.uncoded_group",
                                                              "zone": "region.zone"}.get(region.level)
        rules = rules + [r for r in (dated_by, kind or None, None if region else
                                     "region.context" if region_obj else "region.deictic_unnamed" if ctx.region_text
                                     else None,
                                     "unit.inferred" if inferred else None,
                                     ("status.proposed" if ctx.proposed else "status.target_year")
                                     if status == "target" else None) if r]
        return Standard(
            source=ctx.source,
            region=(region_obj.name if region_obj else ctx.region_text),
            adcode=(region_obj.code if region_obj else None),
            program=program, area=area, variant=variant, metric=metric,
            value=round(value, 4), value_max=value_max, unit=unit, quote=quote,
            previous=prev, period=period,
            status=status, basis=basis, bound=bound, unit_inferred=inferred,
            region_inferred=region is None, rules=list(dict.fromkeys(rules)),
            provenance=Provenance(document_id=ctx.document_id, start=qstart, end=qstart + len(quote)),
        )
