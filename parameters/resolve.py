"""Which value is in force for a region, a key and a date, and on what authority.

Walk the region chain from the region itself up to the national level; at the first level with
records in force, a value the documents state beats a rule, and the latest stated value wins (a
stated figure over one read off a "由…提高至" previous value, a more specific area or variant break
ties). Only without a stated value is a rule (``1.3`` ``ratio`` of ``dibao.standard``) applied, to
the basis resolved for the region asked about; a rule whose value disagrees with the stated one
is a conflict. Targets count only when asked for. Values for the same key and date that disagree
are listed as conflicts on the result, never dropped. Nothing in force raises
:class:`MissingParameter`; figures whose levels the document does not say, :class:`AmbiguousParameter`.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from .model import AmbiguousParameter, Conflict, MissingParameter, Parameter, Source
from .store import Record, Store, load, to_date

SETTINGS = yaml.safe_load((Path(__file__).parent / "data" / "resolution.yaml").read_text("utf-8"))
_MAX_DEPTH = 3  # a basis may itself be derived, but never in a loop


def parameter(db, region, program: str, area: str, metric: str, as_of, variant: str | None = None,
              include_targets: bool = False, stale_after: int | None = None) -> Parameter:
    """The value in force for ``region`` (code, name, short name or an uncoded group's written name)
    at ``as_of``; raises MissingParameter. ``stale_after`` days overrides data/resolution.yaml."""
    store = load(db)
    return resolve(store, store.regions.find(region), program, area, metric, to_date(as_of), variant,
                   include_targets=include_targets, stale_after=stale_after)


def is_rule(r: Record) -> bool:
    return r.basis is not None and r.unit in SETTINGS["rule_units"]


def per_month(value: float, unit: str) -> float | None:
    """A money value in yuan/person/month, or None when the unit is not convertible."""
    divisor = SETTINGS["per_month"].get(unit)
    return None if divisor is None else value / divisor


def resolve(store: Store, code: str, program: str, area: str, metric: str, at: date,
            variant: str | None = None, derive: bool = True, _depth: int = 0, *,
            include_targets: bool = False, stale_after: int | None = None) -> Parameter:
    """With ``derive=False`` a rule is returned as it stands (value 1.3, unit ratio, its basis set).

    Precedence at the nearest level with anything in force: a stated value beats a rule (a rule
    that disagrees with it is listed in ``conflicts``); targets count only with ``include_targets``.
    """
    opts = {"include_targets": include_targets, "stale_after": stale_after}
    blocked = []
    chain = store.regions.chain(code)
    for level, here in enumerate(chain):
        if level and metric not in SETTINGS["inheritable_metrics"]:
            break
        candidates = [r for r in store.at(here) if _matches(r, program, area, variant, metric)
                      and r.in_force(at, include_targets)]
        if not candidates:
            continue
        stated = [r for r in candidates if not is_rule(r)]
        best = max(stated or candidates, key=lambda r: _rank(r, area, variant))
        if best.ambiguous:
            raise AmbiguousParameter(f"{store.regions.name(code)} ({code}) {_what(program, area, variant, metric)} "
                                     f"at {at.isoformat()} is ambiguous: {best.ambiguous}")
        found = _from_record(store, code, best, at, "own" if level == 0 else "inherited", area, variant, stale_after)
        found.conflicts = _conflicts(best, candidates)
        if stated:
            if derive and _depth == 0:
                found.conflicts += _rule_conflicts(store, code, chain[level:], best, program, area, variant,
                                                   metric, at, opts)
            return found
        basis = SETTINGS["bases"].get(best.basis) or {}
        if not derive or basis.get("external") or _depth >= _MAX_DEPTH:
            return found  # e.g. a share of the minimum wage: the caller supplies the basis
        try:
            base = resolve(store, code, basis["program"], area, basis["metric"], at, None, _depth=_depth + 1, **opts)
        except MissingParameter as e:
            blocked.append(f"rule {_rule_text(best)} from {store.regions.name(here)} has no basis: {e}")
            continue
        if base.basis is not None:
            blocked.append(f"rule {_rule_text(best)}: its basis is itself an unresolved rule")
            continue
        return _derive(found, best, base, at, stale_after)
    message = (f"no parameter in force for {store.regions.name(code)} ({code}) "
               f"{_what(program, area, variant, metric)} at {at.isoformat()}")
    later = [r for here in chain for r in store.at(here)
             if _matches(r, program, area, variant, metric) and r.since and r.since > at]
    if later:
        message += f" (earliest known: {_shown(min(later, key=lambda r: r.since))})"
    targets = [r for here in chain for r in store.at(here) if _matches(r, program, area, variant, metric)
               and r.status != "in_force" and r.in_force(at, True)]
    if targets and not include_targets:
        message += f"; {len(targets)} planned target(s) not counted (use --include-targets)"
    if blocked:
        message += "; " + "; ".join(blocked)
    raise MissingParameter(message)


def _what(program, area, variant, metric) -> str:
    return " ".join(x for x in (program, area, variant, metric) if x)


def _rule_conflicts(store, code, levels, stated: Record, program, area, variant, metric, at, opts) -> list[Conflict]:
    """Rules in force here or above whose value for this region disagrees with the stated one."""
    out, seen = [], set()
    for here in levels:
        for r in store.at(here):
            if not (is_rule(r) and _matches(r, program, area, variant, metric) and r.in_force(at, opts["include_targets"])):
                continue
            basis = SETTINGS["bases"].get(r.basis) or {}
            if basis.get("external") or (r.value, r.unit, r.basis) in seen:
                continue
            seen.add((r.value, r.unit, r.basis))
            try:
                base = resolve(store, code, basis["program"], area, basis["metric"], at, None, _depth=1, **opts)
            except MissingParameter:
                continue
            value = round(r.value / SETTINGS["rule_units"][r.unit] * base.value, 2)
            probe = replace(stated, value=value, unit=base.unit, value_max=stated.value_max)
            if base.basis is None and _disagree(probe, stated):
                factor = f"{r.value:g}%" if r.unit == "percent" else f"{r.value:g}"
                out.append(Conflict(value, None, base.unit, r.since.isoformat(), Source.of(r),
                                    reason=f"rule {_rule_text(r)} gives {factor} × {base.value:g} = {value:g} "
                                           f"{base.unit}; the stated value is used"))
    return out


def history(store: Store, code: str, program: str, area: str, metric: str, until: date,
            variant: str | None = None, derive: bool = True, ends: bool = False, **opts) -> list[Parameter]:
    """Each change of the value up to ``until``, oldest first (for dated exports). With ``ends``, a
    date stands where the value stops being known (an ambiguous pair takes over)."""
    dates = sorted({d for here in store.regions.chain(code) for r in store.at(here)
                    for d in (r.since, r.period_start) if d and d <= until} | {until})
    changes: list = []
    for d in dates:
        try:
            p = resolve(store, code, program, area, metric, d, variant, derive, **opts)
        except AmbiguousParameter:
            if changes and isinstance(changes[-1], Parameter):
                changes.append(d)  # an ambiguous spell ends the value before it (ends=True)
            continue
        except MissingParameter:
            continue
        last = changes[-1] if changes else None
        if not isinstance(last, Parameter) or _fingerprint(p) != _fingerprint(last):
            changes.append(p)
    return changes if ends else [p for p in changes if isinstance(p, Parameter)]


def _fingerprint(p: Parameter) -> tuple:
    # a new entry when the value changes, or when a newer source starts to disagree with it
    return (p.value, p.value_max, p.unit, p.status, tuple(sorted((c.value, c.source.record_id) for c in p.conflicts)))


def _matches(r: Record, program, area, variant, metric) -> bool:
    return (r.program == program and r.metric == metric
            and (r.area == area or r.area == "all")
            and (r.variant == variant or r.variant is None))


def _rank(r: Record, area, variant):
    # Latest first; then the more specific record, an amount over a rule, a stated unit over an
    # inferred one, and a monthly figure over an agreeing yearly one (benefits are paid monthly).
    return (r.since, not r.derived, r.area == area, r.variant == variant, not is_rule(r), not r.unit_inferred,
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


def _age(at: date, since: date, stale_after: int | None = None) -> tuple[int, bool]:
    days = (at - since).days
    return days, days > (SETTINGS["stale_after_days"] if stale_after is None else stale_after)


def _shown(r: Record) -> str:
    """The start as the document dates it: a year-only period is a year, not its first day."""
    if r.period_start and r.since == r.period_start and r.period and len(r.period) in (4, 7):
        return r.period
    return r.since.isoformat()


def _from_record(store, code, r: Record, at, resolution, area, variant, stale_after=None) -> Parameter:
    age, stale = _age(at, r.since, stale_after)
    return Parameter(
        region_code=code, region_name=store.regions.name(code), program=r.program, area=area,
        variant=variant, metric=r.metric, value=r.value, value_max=r.value_max, unit=r.unit,
        basis=r.basis if is_rule(r) else None, since=r.since.isoformat(), as_of=at.isoformat(),
        resolution=resolution, resolved_from=r.adcode, source=Source.of(r),
        target_groups=list(r.target_groups), age_days=age, stale=stale, status=r.status,
        since_shown=_shown(r), bound=r.bound)


def _rule_text(r: Record) -> str:
    share = f"{r.value:g}%" if r.unit == "percent" else f"{r.value:g} ×"
    return f"{r.program} {r.metric} = {share} {r.basis}"


def _derive(found: Parameter, rule: Record, base: Parameter, at: date, stale_after=None) -> Parameter:
    share = SETTINGS["rule_units"][rule.unit]
    since = max(date.fromisoformat(found.since), date.fromisoformat(base.since))
    age, stale = _age(at, since, stale_after)
    if since.isoformat() == base.since:
        found.since_shown = base.since_shown
    if base.status != "in_force":
        found.status = base.status  # a rule applied to a target is a target too
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
