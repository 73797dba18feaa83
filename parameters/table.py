"""The parameter table: every value in force for a region (or every region) at a date."""
from __future__ import annotations

from .model import AmbiguousParameter, MissingParameter, Parameter
from .resolve import SETTINGS, is_rule, resolve
from .store import Store, load, to_date

AREAS = ("urban", "rural")


def parameter_table(db, as_of, region=None, include_targets: bool = False, stale_after: int | None = None,
                    ambiguous: list | None = None) -> list[Parameter]:
    """One resolved :class:`Parameter` per key in force; all regions with records when region is None.

    Keys whose figures cannot be given a level are left out; pass a list as ``ambiguous`` to
    receive their messages."""
    store = load(db)
    at = to_date(as_of)
    codes = [store.regions.find(region)] if region is not None else sorted(store.by_region)
    opts = {"include_targets": include_targets, "stale_after": stale_after}
    table = []
    for code in codes:
        found, own_rules = keys(store, code, at, include_targets)
        for program, area, metric, variant in found:
            try:
                table.append(resolve(store, code, program, area, metric, at, variant, **opts))
            except AmbiguousParameter as e:
                if ambiguous is not None:
                    ambiguous.append(str(e))
            except MissingParameter:
                # A rule whose basis is not in force here is still worth a row: the rule itself.
                if (program, area, metric, variant) in own_rules:
                    table.append(resolve(store, code, program, area, metric, at, variant, derive=False, **opts))
    return table


def keys(store: Store, code: str, at, include_targets: bool = False) -> tuple[list[tuple], set[tuple]]:
    """(program, area, metric, variant) keys the region has or inherits at ``at``, and those of its rules."""
    found, rules = set(), set()
    for level, here in enumerate(store.regions.chain(code)):
        for r in store.at(here):
            if not r.in_force(at, include_targets) or (level and r.metric not in SETTINGS["inheritable_metrics"]):
                continue
            found.add((r.program, r.area, r.metric, r.variant))
            if is_rule(r):
                rules.add((r.program, r.area, r.metric, r.variant))
            derivable = (SETTINGS["bases"].get(r.basis) or {}).get("program")
            if is_rule(r) and derivable and r.area == "all":  # one rule for both areas: a value for each
                found.update((r.program, a, r.metric, r.variant) for a in AREAS)
    return sorted(found, key=lambda k: tuple(x or "" for x in k)), rules
