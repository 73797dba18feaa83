"""Record types of the contract in ../shared/spec/records.md, plus provenance.

Records are plain dataclasses; ``to_contract()`` gives exactly the exported fields and
``validate_*`` says what is wrong with one, so nothing invalid reaches the database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
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
    table_row: int | None = None  # a record read from a table: its row and column in the block's rows
    table_column: int | None = None


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
    rules: list[str] = field(default_factory=list)  # ids of the rules that made it (extractors/rules.yaml)
    provenance: Provenance = field(default_factory=Provenance)

    def to_contract(self) -> dict:
        # the contract's fields are scalars: read them, no deep copy (asdict) of the provenance
        return {k: getattr(self, k) for k in CONTRACT_FIELDS}

    def to_row(self) -> dict:
        return _row(self)


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
    rules: list[str] = field(default_factory=list)  # ids of the rules that made it
    provenance: Provenance = field(default_factory=Provenance)

    def to_row(self) -> dict:
        return _row(self)


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
    severity: str | None = None  # of an inconsistency: low (a rounding), medium, high
    diagnosis: str | None = None  # its likely cause (monthly/yearly mix-up, transposed pair ...)

    def to_contract(self) -> dict:
        return {k: getattr(self, k) for k in CHECK_FIELDS}  # no deep copy (asdict) of inputs


def _row(rec) -> dict:
    """A record's fields with its provenance's beside them, read once (``asdict`` deep-copies)."""
    d = {f.name: getattr(rec, f.name) for f in fields(rec) if f.name != "provenance"}
    p = rec.provenance
    d.update((f.name, getattr(p, f.name)) for f in fields(p))
    return d


def _need(cond, msg, errors):
    if not cond:
        errors.append(msg)


def _known(vocab: str, optional: bool = False):
    """A field whose value is one of VOCAB[vocab] (or None when ``optional``)."""
    allowed = tuple(VOCAB[vocab]) + ((None,) if optional else ())  # not a set: any value may come
    return lambda v, d: v in allowed


def _number(v) -> bool:
    return isinstance(v, (int, float)) and v == v


# field -> test of (its value, the record); a message is written only for a field that fails
# (every record is validated: formatting them all would cost more than the tests)
_STANDARD_RULES = {
    "program": (_known("programs"), "unknown program {!r}"),
    "metric": (_known("metrics"), "unknown metric {!r}"),
    "unit": (_known("units"), "unknown unit {!r}"),
    "area": (_known("areas"), "unknown area {!r}"),
    "variant": (_known("variants", optional=True), "unknown variant {!r}"),
    "status": (_known("statuses"), "unknown status {!r}"),
    "basis": (_known("bases", optional=True), "unknown basis {!r}"),
    "bound": (lambda v, d: v in (None, "min", "max"), "bad bound {!r}"),
    "value": (lambda v, d: _number(v) and v >= 0, "bad value {!r}"),
    "value_max": (lambda v, d: v is None or _number(v) and _number(d("value")) and v >= d("value"),
                  "value_max {!r} below value {value!r}"),
    "period": (lambda v, d: v is None or bool(_PERIOD.match(str(v))), "bad period {!r}"),
    "adcode": (lambda v, d: v is None or bool(_ADCODE.match(str(v))), "bad adcode {!r}"),
    "quote": (lambda v, d: bool(v), "empty quote"),
    "source": (lambda v, d: bool(v), "empty source"),
}


def validate_standard(s: Standard | dict) -> Standard | dict:
    get = (lambda k: getattr(s, k)) if isinstance(s, Standard) else s.get
    e = [msg.format(get(k), value=get("value")) for k, (ok, msg) in _STANDARD_RULES.items()
         if not ok(get(k), get)]
    if e:
        raise ValidationError("; ".join(e))
    return s


def validate_check(c: Check | dict) -> Check | dict:
    get = (lambda k: getattr(c, k)) if isinstance(c, Check) else c.get
    e: list[str] = []
    _need(get("kind") in CHECK_KINDS, f"unknown check kind {get('kind')!r}", e)
    _need(get("verdict") in VERDICTS, f"unknown verdict {get('verdict')!r}", e)
    _need(isinstance(get("stated"), (int, float)), f"bad stated {get('stated')!r}", e)
    _need(isinstance(get("inputs"), dict), "inputs must be an object", e)
    _need(bool(get("explanation")), "empty explanation", e)
    if e:
        raise ValidationError("; ".join(e))
    return c


__all__ = ["Standard", "Statistic", "Check", "Provenance", "VOCAB", "validate_standard",
           "validate_check", "CONTRACT_FIELDS", "CHECK_FIELDS", "fields"]
