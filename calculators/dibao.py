"""低保: a household's monthly top-up to the local standard, with 分类施保 uplifts.

top-up = (monthly standard − per-capita income) × members, floored at zero. Where the region (or a
region above it) sets an uplift for listed groups, each member in a listed group gets that share
more: of the standard when the uplift's basis is the standard (the parameter then resolves to an
amount), otherwise of the member's top-up (增发 X% 的补助金).
"""
from __future__ import annotations

from parameters import MissingParameter, load, parameter

from .amounts import check_area, check_money, monthly
from .result import InputError, Result


def dibao(db, region, date, area: str, members: int, income: float, groups: dict[str, int] | None = None,
          include_targets: bool = False, stale_after: int | None = None) -> Result:
    """``income`` is yuan per person per month; ``groups`` maps a target group (code or Chinese name)
    to how many members are in it."""
    check_area(area)
    if not isinstance(members, int) or members < 1:
        raise InputError(f"members must be a whole number of at least 1, not {members!r}")
    income = check_money("income", income)
    store = load(db)
    groups = _known_groups(store, groups or {})
    for group, n in groups.items():
        if not isinstance(n, int) or not 1 <= n <= members:
            raise InputError(f"group {group}: {n!r} members, but the household has {members}")
    opts = {"include_targets": include_targets, "stale_after": stale_after}
    standard_p = parameter(store, region, "dibao", area, "standard", date, **opts)
    result = Result.start("dibao", standard_p, {"region": str(region), "area": area, "members": members,
                                                "income": income, "groups": groups})
    result.unit = "yuan/household/month"
    standard = monthly(standard_p, result)
    gap = round(max(0.0, standard - income), 2)
    if gap > 0:
        result.line(f"top-up: ({standard:g} − {income:g}) × {members} = {gap * members:g} yuan/household/month")
    else:
        result.line(f"top-up: per-capita income {income:g} ≥ standard {standard:g}, so 0 yuan/household/month")
    total = gap * members
    if groups:
        total += _uplifts(store, region, date, area, groups, standard, gap, result, opts)
    result.amount = round(total, 2)
    if groups and result.amount != round(gap * members, 2):
        result.line(f"total: {result.amount:g} yuan/household/month")
    return result


def _known_groups(store, groups: dict) -> dict[str, int]:
    """Groups by code, a Chinese name accepted; an unknown one lists the valid codes."""
    by_name = {zh: code for code, zh in store.target_groups.items()}
    out = {}
    for group, n in groups.items():
        code = group if group in store.target_groups else by_name.get(group)
        if code is None:
            valid = ", ".join(f"{c} ({zh})" for c, zh in store.target_groups.items())
            raise InputError(f"unknown group {group!r}; valid groups: {valid}")
        out[code] = n
    return out


def _uplifts(store, region, date, area, groups, standard, gap, result, opts) -> float:
    try:
        up = parameter(store, region, "dibao", area, "uplift", date, **opts)
    except MissingParameter as e:
        result.warnings.append(f"no 分类施保 uplift applied: {e}")
        return 0.0
    result.use(up, "分类施保 uplift")
    extra = 0.0
    for group, n in groups.items():
        if up.target_groups and group not in up.target_groups:
            result.warnings.append(f"group {group}: the uplift lists {', '.join(up.target_groups)}; not applied")
            continue
        if up.unit == "percent":
            share = up.value / 100
            result.line(f"分类施保 {group}: {up.value:g}% × top-up {gap:g} × {n} = {share * gap * n:g} yuan/household/month")
            extra += share * gap * n
        else:
            amount = monthly(up, result)
            result.line(f"分类施保 {group}: {amount:g} × {n} = {amount * n:g} yuan/household/month"
                        + (f" ({up.arithmetic})" if up.arithmetic else ""))
            extra += amount * n
        if up.value_max is not None:
            result.warnings.append(f"the uplift is a range {up.value:g}–{up.value_max:g} {up.unit}; the lower end is used")
    if not up.target_groups:
        result.warnings.append("the uplift record lists no groups; applied to the groups given")
    return extra
