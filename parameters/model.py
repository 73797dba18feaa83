"""What a resolved parameter is: a value, its unit and date, and the authority behind it."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .store import Record


class MissingParameter(LookupError):
    """No value is in force: callers must never read this as zero."""


class AmbiguousParameter(MissingParameter):
    """Several values for levels the document does not name (30%、60% over three care levels)."""


@dataclass
class Source:
    """The record a value was read from, and the document that states it."""

    record_id: str
    region_code: str
    region: str | None
    title: str | None
    doc_number: str | None
    published: str | None
    file: str | None
    quote: str
    period: str | None
    status: str
    derived: bool = False    # the figure is a previous value the text dates (由…提高至), not stated for it

    @classmethod
    def of(cls, r: Record) -> "Source":
        return cls(record_id=r.id, region_code=r.adcode, region=r.region, title=r.title,
                   doc_number="; ".join(r.doc_numbers) or None,
                   published=r.published.isoformat() if r.published else None, file=r.file,
                   quote=r.quote, period=r.period, status=r.status, derived=r.derived)

    def cite(self) -> str:
        parts = [self.title or self.file or self.record_id]
        if self.doc_number:
            parts.append(self.doc_number)
        if self.published:
            parts.append(self.published)
        return ", ".join(parts)


@dataclass
class Conflict:
    """Another value for the same key and date that disagrees with the one shown."""

    value: float
    value_max: float | None
    unit: str
    since: str
    source: Source
    reason: str | None = None     # why it disagrees, for a rule: its arithmetic


@dataclass
class Parameter:
    region_code: str
    region_name: str
    program: str
    area: str
    variant: str | None
    metric: str
    value: float
    unit: str
    since: str                    # ISO date the value has been in force from
    as_of: str
    resolution: str               # own | inherited | derived
    source: Source                # the record giving the value; for a derived value, the rule
    value_max: float | None = None
    basis: str | None = None      # set when the value is a share of something not resolved here
    resolved_from: str | None = None   # region code the record belongs to
    rule: str | None = None       # derived: "tekun standard = 1.3 × dibao.standard"
    inputs: list["Parameter"] = field(default_factory=list)
    arithmetic: str | None = None
    target_groups: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    age_days: int = 0
    stale: bool = False
    status: str = "in_force"      # target: a planned value, used only when targets were asked for
    since_shown: str | None = None    # the since as the document dates it: 2015, 2019-11 or a day
    bound: str | None = None      # min: "不低于" the value (a floor), max: "不高于"

    @property
    def shown_since(self) -> str:
        return self.since_shown or self.since

    @property
    def key(self) -> tuple:
        return (self.region_code, self.program, self.area, self.variant, self.metric)

    @property
    def label(self) -> str:
        return " ".join(x for x in (self.program, self.area, self.variant, self.metric) if x)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_row(self) -> dict:
        """One flat row for CSV and for people: no nesting, conflicts and inputs summarized."""
        s = self.source
        return {
            "region_code": self.region_code, "region": self.region_name, "program": self.program,
            "area": self.area, "variant": self.variant, "metric": self.metric, "value": self.value,
            "value_max": self.value_max, "unit": self.unit, "basis": self.basis, "bound": self.bound,
            "status": self.status, "since": self.since, "since_shown": self.shown_since,
            "resolution": self.resolution, "resolved_from": self.resolved_from, "rule": self.rule,
            "arithmetic": self.arithmetic, "source_title": s.title, "source_doc_number": s.doc_number,
            "source_published": s.published, "source_file": s.file, "quote": s.quote,
            "record_id": s.record_id,
            "inputs": "; ".join(f"{p.label} {p.value:g} {p.unit} ({p.source.cite()})" for p in self.inputs) or None,
            "as_of": self.as_of, "age_days": self.age_days, "stale": self.stale,
            "conflicts": json.dumps([{"value": c.value, "value_max": c.value_max, "unit": c.unit, "since": c.since,
                                      "source": c.source.cite(), "quote": c.source.quote, "record_id": c.source.record_id,
                                      "reason": c.reason}
                                     for c in self.conflicts], ensure_ascii=False) if self.conflicts else None,
        }

