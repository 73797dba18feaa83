"""Does an extracted record hold the fields a spec case wants (a subset of its fields)?"""


def matches(record, want: dict) -> bool:
    """``record`` a record object or a contract dict; numbers compare to 1e-6."""
    get = record.get if isinstance(record, dict) else (lambda k: getattr(record, k))
    for key, value in want.items():
        got = get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(got, (int, float)):
            if abs(got - value) > 1e-6:
                return False
        elif got != value:
            return False
    return True
