"""Figure roles: whether a figure is a standard at all, and its metric, unit, period and status.
A mixin of ``SentenceReader``."""
from __future__ import annotations

import re

from language.dates import iso, most_precise, pattern as date_pattern
from language.figures import Figure, is_total, prefix_unit

from .frames import Context, Frame
from .rules import chain

_YEAR_IN = date_pattern("year_in")


_INCREASE = re.compile(r"提高[^,;。由从到至为]{0,30}(?:标准|水平)\s*(?:每人)?(?:每月)?$")


_RISE_BEFORE = re.compile(r"(?:增加|提高|调高|调增|上调|提升|增长|上涨)了?\s*$")  # not 多/少: 至少4000元 is a bound


_LEVEL_STATED = re.compile(r"(?:达到|为|至|到|是)\s*(?:每人每[月年]|每[人户]?每?[月年]|[月年]?人均)?\s*\d")


_BY_YEAR = date_pattern("by_year")




_RATE_WORDS = re.compile(r"(?:每人)?每[月年]|[月年]人均|人均")


_JOINER = re.compile(r"[\s、,和及与或]*(?:每人)?(?:每[月年])?[\s、]*")


_GRANT_WORDS = re.compile(r"助学金|一次性|每人发放")


# where a `when` looks for its lexicon pattern, relative to the figure (rules.yaml's vocabulary)
_WHERE = {
    "after": lambda reader, ctext, f, pat: pat.match(ctext[f.end:]),
    "before": lambda reader, ctext, f, pat: pat.search(ctext[:f.start]),
    "just_before": lambda reader, ctext, f, pat: pat.search(_RATE_WORDS.sub("", ctext[:f.start][-12:])),
    "sentence": lambda reader, ctext, f, pat: pat.search(reader._sentence),
}


class FigureRoles:
    def _status(self, text: str, ctx: Context):
        for m in _BY_YEAR.finditer(text):
            y = int(m.group(1))
            if ctx.ref_year and y > ctx.ref_year:
                return "target", str(y)
        for rule in chain("status"):  # status.proposed: 拟将…调至 is a draft's plan, not in force
            if self._holds(rule.when, text, None) and not self._holds(rule.unless, text, None, empty=False):
                return rule.then["status"], None
        return "in_force", None

    def _is_statistic(self, ctext: str, f: Figure) -> bool:
        """Whether a figure is no standard; the rule that says so is counted in ``fired``."""
        why = self._not_a_standard(ctext, f)
        if why:
            self.fired[why] += 1
        return why is not None

    def _not_a_standard(self, ctext: str, f: Figure) -> str | None:
        """The id of the rule by which a figure is no standard, or None: the figure-role chain of
        rules.yaml, read in order; the first rule that holds decides."""
        for rule in chain("figure_role"):
            if not self._holds(rule.when, ctext, f) or self._holds(rule.unless, ctext, f, empty=False):
                continue
            keep_if = rule.then.get("keep_if")
            if keep_if and getattr(self, f"_{keep_if}")(ctext, f):
                return None
            return rule.id
        return None

    def _holds(self, cond, ctext: str, f: Figure, empty: bool = True) -> bool:
        """Whether a `when` of the rule vocabulary holds for figure ``f`` of clause ``ctext`` (a
        list: any of its conditions; a mapping: all of its keys)."""
        if not cond:
            return empty
        if isinstance(cond, list):
            return any(self._holds(c, ctext, f) for c in cond)
        for key, value in cond.items():
            if key == "function":
                ok = getattr(self, f"_{value}")(ctext, f)
            elif key == "clause_names_no":
                ok = not getattr(self.frame(ctext, f.start), value)
            elif key == "clause_metric":
                ok = self.frame(ctext, f.start).metric == value
            else:
                ok = _WHERE[key](self, ctext, f, getattr(self.lex, value))
            if not ok:
                return False
        return True

    def _total(self, ctext: str, f: Figure) -> bool:
        return is_total(ctext, f)

    def _rise(self, ctext: str, f: Figure) -> bool:
        """A rise that is a record of its own: 提高…标准每月X元, or one its sentence states no level for."""
        return bool(_INCREASE.search(ctext[:f.start].rstrip(" 不低于")) or self._rise_alone(ctext, f))

    def _rise_alone(self, ctext: str, f: Figure) -> bool:
        """figure.rise_alone: a rise (每月调高20元, 分别提高补助水平14元和12元) is a record of its own
        only where its sentence states no level it reaches (提高10元,达到110元 says it as the level)."""
        return bool(_RISE_BEFORE.search(_RATE_WORDS.sub("", ctext[max(0, f.start - 12):f.start]))) \
            and not _LEVEL_STATED.search(self._sentence)

    def _parallel(self, ctext: str, f: Figure, after: int) -> bool:
        """metric.parallel_area: the words since the figure before name only another area or kind
        (城镇为857元、农村为600元): the same measure, for that area."""
        between = ctext[after:f.start]
        if not after or _JOINER.fullmatch(between):
            return False
        own = self.frame(between)
        return bool((own.areas or own.variants) and not own.programs and not own.metric)

    def _metric(self, ctext: str, f: Figure, frame: Frame, after: int = 0) -> str | None:
        fr = self.frame(ctext, f.start)
        metric = fr.metric or frame.metric
        if after:  # a second figure: only the words since the first speak for it (上浮3%,为…)
            between = ctext[after:f.start]
            if not _JOINER.fullmatch(between):
                own = self.frame(between).metric
                metric = own or (metric if self._parallel(ctext, f, after) else "standard")
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
            return target_year, "period.target_year"
        scoped = next((v for a, b, v in ctx.part_periods if a <= at < b), None)
        clause = self._clause_year(ctext, f, before)
        year = clause or (None if scoped else ctx.sentence_period)
        # the nearest date in scope, made as precise as a compatible wider one (2023-01 under 2023-01-01)
        wider = most_precise([scoped or ctx.running_period or ctx.period, ctx.period])
        if year and not (len(year) == 4 and wider and wider.startswith(year)):
            return year, ("period.clause_year" if clause else "period.topic_year")
        if wider is None:
            return None, None
        return wider, ("period.part_scope" if scoped else "period.running" if ctx.running_period
                       else "period.document")

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
