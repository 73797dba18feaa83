"""Which value is in force for a region, a key and a date, and on what authority.

Walk the region chain from the region itself up to the national level; at the first level with
records in force, the latest one wins (a more specific area or variant, then an amount over a
rule, breaks ties). A rule (``1.3`` ``ratio`` of ``dibao.standard``) is applied to the basis
resolved for the region asked about. Values for the same key and date that disagree are listed
as conflicts on the result, never dropped. Nothing in force raises :class:`MissingParameter`.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from .model import Conflict, MissingParameter, Parameter, Source
from .store import Record, Store, load, to_date

SETTINGS = yaml.safe_load((Path(__file__).parent / "data" / "resolution.yaml").read_text("utf-8"))
_MAX_DEPTH = 3  # a basis may itself be derived, but never in a loop


def parameter(db, region, program: str, area: str, metric: str, as_of, variant: str | None = None) -> Parameter:
    """The value in force for ``region`` (name or code) at ``as_of``; raises MissingParameter."""
    store = load(db)
    return resolve(store, store.regions.find(region), program, area, metric, to_date(as_of), variant)


def is_rule(r: Record) -> bool:
    return r.basis is not None and r.unit in SETTINGS["rule_units"]


def per_month(value: float, unit: str) -> float | None:
    """A money value in yuan/person/month, or None when the unit is not convertible."""
    divisor = SETTINGS["per_month"].get(unit)
    return None if divisor is None else value / divisor


def resolve(store: Store, code: str, program: str, area: str, metric: str, at: date,
            variant: str | None = None, derive: bool = True, _depth: int = 0) -> Parameter:
    """With ``derive=False`` a rule is returned as it stands (value 1.3, unit ratio, its basis set)."""
    blocked = []
    for level, here in enumerate(store.regions.chain(code)):
        if level and metric not in SETTINGS["inheritable_metrics"]:
            break
        candidates = [r for r in store.at(here) if _matches(r, program, area, variant, metric) and r.in_force(at)]
        if not candidates:
            continue
        best = max(candidates, key=lambda r: _rank(r, area, variant))
        found = _from_record(store, code, best, at, "own" if level == 0 else "inherited", area, variant)
        found.conflicts = _conflicts(best, candidates)
        if not is_rule(best):
            return found
        basis = SETTINGS["bases"].get(best.basis) or {}
        if not derive or basis.get("external") or _depth >= _MAX_DEPTH:
            return found  # e.g. a share of the minimum wage: the caller supplies the basis
        try:
            base = resolve(store, code, basis["program"], area, basis["metric"], at, None, _depth=_depth + 1)
        except MissingParameter as e:
            blocked.append(f"rule {_rule_text(best)} from {store.regions.name(here)} has no basis: {e}")
            continue
        if base.basis is not None:
            blocked.append(f"rule {_rule_text(best)}: its basis is itself an unresolved rule")
            continue
        return _derive(found, best, base, at)
    what = " ".join(x for x in (program, area, variant, metric) if x)
    message = f"no parameter in force for {store.regions.name(code)} ({code}) {what} at {at.isoformat()}"
    later = [r.since for here in store.regions.chain(code) for r in store.at(here)
             if _matches(r, program, area, variant, metric) and r.since and r.since > at]
    if later:
        message += f" (earliest known: {min(later).isoformat()})"
    if blocked:
        message += "; " + "; ".join(blocked)
    raise MissingParameter(message)


def history(store: Store, code: str, program: str, area: str, metric: str, until: date,
            variant: str | None = None, derive: bool = True) -> list[Parameter]:
    """Each change of the value up to ``until``, oldest first (for dated exports)."""
    dates = sorted({d for here in store.regions.chain(code) for r in store.at(here)
                    for d in (r.since, r.period_start) if d and d <= until} | {until})
    changes: list[Parameter] = []
    for d in dates:
        try:
            p = resolve(store, code, program, area, metric, d, variant, derive)
        except MissingParameter:
            continue
        if not changes or (p.value, p.value_max, p.unit) != (changes[-1].value, changes[-1].value_max, changes[-1].unit):
            changes.append(p)
    return changes


def _matches(r: Record, program, area, variant, metric) -> bool:
    return (r.program == program and r.metric == metric
            and (r.area == area or r.area == "all")
            and (r.variant == variant or r.variant is None))


def _rank(r: Record, area, variant):
    # Latest first; then the more specific record, an amount over a rule, a stated unit over an
    # inferred one, and a monthly figure over an agreeing yearly one (benefits are paid monthly).
    return (r.since, r.area == area, r.variant == variant, not is_rule(r), not r.unit_inferred,
            -SETTINGS["per_month"].get(r.unit, 100), r.published or date.min, r.id)


def _disagree(a: Record, b: Record) -> bool:
    tol = SETTINGS["tolerance"]
    if a.unit == b.unit:
        x, y = a.value, b.value
    else:
        x, y = per_month(a.value, a.unit), per_month(b.value, b.unit)
        if x is None or y is None:
            return True
    if abs(x - y) > tol * max(abs(x), abs(y), 1e-9):
        return True
    return (a.value_max is None) != (b.value_max is None) or (
        a.value_max is not None and abs(a.value_max - b.value_max) > tol * a.value_max)


def _conflicts(best: Record, candidates: list[Record]) -> list[Conflict]:
    same = [r for r in candidates if r.id != best.id and r.since == best.since and r.area == best.area
            and r.variant == best.variant and is_rule(r) == is_rule(best)]
    return [Conflict(r.value, r.value_max, r.unit, r.since.isoformat(), Source.of(r)) for r in same if _disagree(r, best)]


def _age(at: date, since: date) -> tuple[int, bool]:
    days = (at - since).days
    return days, days > SETTINGS["stale_after_days"]


def _from_record(store, code, r: Record, at, resolution, area, variant) -> Parameter:
    age, stale = _age(at, r.since)
    return Parameter(
        region_code=code, region_name=store.regions.name(code), program=r.program, area=area,
        variant=variant, metric=r.metric, value=r.value, value_max=r.value_max, unit=r.unit,
        basis=r.basis if is_rule(r) else None, since=r.since.isoformat(), as_of=at.isoformat(),
        resolution=resolution, resolved_from=r.adcode, source=Source.of(r),
        target_groups=list(r.target_groups), age_days=age, stale=stale)


def _rule_text(r: Record) -> str:
    share = f"{r.value:g}%" if r.unit == "percent" else f"{r.value:g} ×"
    return f"{r.program} {r.metric} = {share} {r.basis}"


def _derive(found: Parameter, rule: Record, base: Parameter, at: date) -> Parameter:
    share = SETTINGS["rule_units"][rule.unit]
    since = max(date.fromisoformat(found.since), date.fromisoformat(base.since))
    age, stale = _age(at, since)
    value = round(rule.value / share * base.value, 2)
    value_max = round(rule.value_max / share * base.value, 2) if rule.value_max is not None else None
    factor = f"{rule.value:g}%" if rule.unit == "percent" else f"{rule.value:g}"
    found.arithmetic = (f"{factor} × {base.value:g} {base.unit} ({base.label}, {base.region_name}) "
                        f"= {value:g} {base.unit}")
    found.rule = f"{_rule_text(rule)} (record {rule.id}, {rule.region or rule.adcode})"
    found.resolution = "derived"
    found.value, found.value_max, found.unit, found.basis = value, value_max, base.unit, None
    found.since, found.age_days, found.stale = since.isoformat(), age, stale
    found.inputs = [base]
    return found
