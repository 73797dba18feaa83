"""孤儿: the monthly basic living allowance for a child in scattered (family) or institutional care."""
from __future__ import annotations

from parameters import load, parameter

from .amounts import check_area, monthly
from .result import InputError, Result

CARE = ("scattered", "institutional", "de_facto")


def orphan(db, region, date, care: str = "scattered", area: str = "all", include_targets: bool = False,
           stale_after: int | None = None) -> Result:
    if care not in CARE:
        raise InputError(f"care must be one of {', '.join(CARE)}, not {care!r}")
    check_area(area, ("all", "urban", "rural"))
    store = load(db)
    p = parameter(store, region, "orphan", area, "standard", date, variant=care, include_targets=include_targets,
                  stale_after=stale_after)
    result = Result.start("orphan", p, {"region": str(region), "care": care, "area": area})
    result.amount = monthly(p, result)
    result.line(f"allowance ({care}): {result.amount:g} yuan/person/month")
    return result
