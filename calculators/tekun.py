"""特困供养: the basic living standard, plus the care standard for a care level.

The basic standard is the region's own parameter, or its ratio rule times the local 低保 standard
(the parameter API derives it). A care standard stated as a share of the minimum wage needs the
minimum wage as an input; without it the calculation stops and says so rather than leaving care out.
"""
from __future__ import annotations

from parameters import load, parameter

from .amounts import check_area, check_money, monthly
from .result import InputError, Result

CARE_LEVELS = ("full_care", "half_care", "self_care")
ARRANGEMENTS = ("centralized", "dispersed")  # 集中供养 / 分散供养


def tekun(db, region, date, area: str, setting: str | None = None, care: str | None = None,
          min_wage: float | None = None, include_targets: bool = False, stale_after: int | None = None) -> Result:
    """``setting`` is centralized/dispersed (集中/分散供养); ``min_wage`` yuan per month."""
    check_area(area)
    if setting is not None and setting not in ARRANGEMENTS:
        raise InputError(f"setting must be one of {', '.join(ARRANGEMENTS)}, not {setting!r}")
    if care is not None and care not in CARE_LEVELS:
        raise InputError(f"care level must be one of {', '.join(CARE_LEVELS)}, not {care!r}")
    if min_wage is not None:
        min_wage = check_money("min_wage", min_wage)
    store = load(db)
    opts = {"include_targets": include_targets, "stale_after": stale_after}
    basic_p = parameter(store, region, "tekun", area, "standard", date, variant=setting, **opts)
    result = Result.start("tekun", basic_p, {"region": str(region), "area": area, "setting": setting,
                                             "care": care, "min_wage": min_wage})
    basic = monthly(basic_p, result)
    if basic_p.arithmetic:
        result.line(f"basic living standard: {basic_p.arithmetic}")
    total = basic
    if care is not None:
        care_p = parameter(store, region, "tekun", area, "care_standard", date, variant=care, **opts)
        result.use(care_p, f"care standard ({care})")
        if care_p.unit == "percent" and care_p.basis == "min_wage":
            if min_wage is None:
                raise InputError(f"the {care} care standard for {care_p.region_name} is {care_p.value:g}% of the "
                                 f"minimum wage (最低工资标准): give the minimum wage (--min-wage)")
            amount = round(care_p.value / 100 * min_wage, 2)
            result.line(f"care standard ({care}): {care_p.value:g}% × minimum wage {min_wage:g} = {amount:g} yuan/person/month")
        else:
            amount = monthly(care_p, result)
        total += amount
        result.line(f"total: {basic:g} + {amount:g} = {total:g} yuan/person/month")
    result.amount = round(total, 2)
    return result
