"""Parameters as monthly money amounts, and checks on what callers pass in."""
from __future__ import annotations

from parameters import MissingParameter, Parameter, per_month

from .result import InputError, Result

AREAS = ("urban", "rural")


def monthly(p: Parameter, result: Result) -> float:
    """The parameter in yuan/person/month, writing the conversion into the result when there is one."""
    if p.basis is not None:
        raise MissingParameter(f"{p.label} for {p.region_name} at {p.as_of} is {p.value:g} {p.unit} of "
                               f"{p.basis}, and {p.basis} is not known")
    share = per_month(1, p.unit)
    if share is None:
        raise InputError(f"{p.label} for {p.region_name} is in {p.unit}, not a per-person amount")
    value = round(p.value * share, 2)
    if share != 1:
        result.line(f"{p.label}: {p.value:g} {p.unit} ÷ {1 / share:g} = {value:g} yuan/person/month")
    return value


def check_area(area: str, allowed=AREAS) -> str:
    if area not in allowed:
        raise InputError(f"area must be one of {', '.join(allowed)}, not {area!r}")
    return area


def check_money(name: str, value) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number of yuan, not {value!r}") from None
    if value < 0 or value != value:
        raise InputError(f"{name} cannot be negative ({value:g})")
    return value
