"""Record types of the contract in ../shared/spec/records.md, plus provenance.

Records are plain dataclasses; ``to_contract()`` gives exactly the exported fields and
``validate_*`` says what is wrong with one, so nothing invalid reaches the database.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import yaml

VOCAB = yaml.safe_load((Path(__file__).parent / "data" / "vocabulary.yaml").read_text("utf-8"))

CONTRACT_FIELDS = ("source", "region", "adcode", "program", "area", "variant", "metric", "value",
                   "value_max", "unit", "previous", "period", "status", "basis", "bound", "quote")
CHECK_FIELDS = ("source", "quote", "kind", "stated", "recomputed", "inputs", "verdict", "explanation")
CHECK_KINDS = ("growth", "ratio", "share", "average", "sum", "multiple", "comparison",
               "unit_conversion", "against_database")
VERDICTS = ("consistent", "inconsistent", "unverifiable")
_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ADCODE = re.compile(r"^\d{6}$")


class ValidationError(ValueError):
    pass


@dataclass(slots=True)
class Provenance:
    document_id: str | None = None
    start: int | None = None  # offsets of the quote in the normalized text
    end: int | None = None
    original_start: int | None = None  # the same span in the original text
    original_end: int | None = None
    page: int | None = None
    block: int | None = None


@dataclass(slots=True)
class Standard:
    source: str
    region: str | None
    adcode: str | None
    program: str
    area: str
    variant: str | None
    metric: str
    value: float
    unit: str
    quote: str
    value_max: float | None = None
    previous: float | None = None
    period: str | None = None
    status: str = "in_force"
    basis: str | None = None
    bound: str | None = None
    unit_inferred: bool = False
    region_inferred: bool = False
    target_groups: list[str] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)

    def to_contract(self) -> dict:
        # the contract's fields are scalars: read them, no deep copy (asdict) of the provenance
        return {k: getattr(self, k) for k in CONTRACT_FIELDS}

    def to_row(self) -> dict:
        d = asdict(self)
        d.update(d.pop("provenance"))
        return d


@dataclass
class Statistic:
    """A figure that is not a standard: people helped, money spent, counts, rates."""

    source: str
    quote: str
    value: float
    unit: str  # person, household, person_time, yuan, percent, count, ...
    what: str | None = None  # the noun the figure counts, as the text says it
    program: str | None = None
    region: str | None = None
    adcode: str | None = None
    period: str | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def to_row(self) -> dict:
        d = asdict(self)
        d.update(d.pop("provenance"))
        return d


@dataclass
class Check:
    source: str
    quote: str
    kind: str
    stated: float
    recomputed: float | None
    inputs: dict
    verdict: str
    explanation: str
    provenance: Provenance = field(default_factory=Provenance)

    def to_contract(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in CHECK_FIELDS}


def _need(cond, msg, errors):
    if not cond:
        errors.append(msg)


def validate_standard(s: Standard | dict) -> Standard | dict:
    d = s.to_contract() if isinstance(s, Standard) else s
    e: list[str] = []
    _need(d.get("program") in VOCAB["programs"], f"unknown program {d.get('program')!r}", e)
    _need(d.get("metric") in VOCAB["metrics"], f"unknown metric {d.get('metric')!r}", e)
    _need(d.get("unit") in VOCAB["units"], f"unknown unit {d.get('unit')!r}", e)
    _need(d.get("area") in VOCAB["areas"], f"unknown area {d.get('area')!r}", e)
    _need(d.get("variant") is None or d["variant"] in VOCAB["variants"], f"unknown variant {d.get('variant')!r}", e)
    _need(d.get("status") in VOCAB["statuses"], f"unknown status {d.get('status')!r}", e)
    _need(d.get("basis") is None or d["basis"] in VOCAB["bases"], f"unknown basis {d.get('basis')!r}", e)
    _need(d.get("bound") in (None, "min", "max"), f"bad bound {d.get('bound')!r}", e)
    v = d.get("value")
    _need(isinstance(v, (int, float)) and v == v and v >= 0, f"bad value {v!r}", e)
    vm = d.get("value_max")
    _need(vm is None or (isinstance(vm, (int, float)) and isinstance(v, (int, float)) and vm >= v),
          f"value_max {vm!r} below value {v!r}", e)
    _need(d.get("period") is None or bool(_PERIOD.match(str(d["period"]))), f"bad period {d.get('period')!r}", e)
    _need(d.get("adcode") is None or bool(_ADCODE.match(str(d["adcode"]))), f"bad adcode {d.get('adcode')!r}", e)
    _need(bool(d.get("quote")), "empty quote", e)
    _need(bool(d.get("source")), "empty source", e)
    if e:
        raise ValidationError("; ".join(e))
    return s


def validate_check(c: Check | dict) -> Check | dict:
    d = c.to_contract() if isinstance(c, Check) else c
    e: list[str] = []
    _need(d.get("kind") in CHECK_KINDS, f"unknown check kind {d.get('kind')!r}", e)
    _need(d.get("verdict") in VERDICTS, f"unknown verdict {d.get('verdict')!r}", e)
    _need(isinstance(d.get("stated"), (int, float)), f"bad stated {d.get('stated')!r}", e)
    _need(isinstance(d.get("inputs"), dict), "inputs must be an object", e)
    _need(bool(d.get("explanation")), "empty explanation", e)
    if e:
        raise ValidationError("; ".join(e))
    return c


__all__ = ["Standard", "Statistic", "Check", "Provenance", "VOCAB", "validate_standard",
           "validate_check", "CONTRACT_FIELDS", "CHECK_FIELDS", "fields"]
