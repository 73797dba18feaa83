"""An itemized calculation: every parameter used with its source, and the arithmetic line by line."""
from __future__ import annotations

from dataclasses import dataclass, field

from parameters import Parameter


class InputError(ValueError):
    """The household or the request cannot be calculated as given (negative income, no members ...)."""


@dataclass
class Item:
    role: str
    parameter: Parameter

    def to_dict(self) -> dict:
        p = self.parameter
        return {"role": self.role, "key": p.label, "value": p.value, "value_max": p.value_max, "unit": p.unit,
                "basis": p.basis, "since": p.since, "since_shown": p.shown_since, "status": p.status, "resolution": p.resolution, "resolved_from": p.resolved_from,
                "rule": p.rule, "arithmetic": p.arithmetic, "age_days": p.age_days, "stale": p.stale,
                "source": vars(p.source), "inputs": [i.to_dict() for i in p.inputs],
                "conflicts": [{"value": c.value, "unit": c.unit, "since": c.since, "source": vars(c.source)}
                              for c in p.conflicts]}


def describe(p: Parameter) -> str:
    """How a parameter stands: resolution, start, status, age and staleness, for the text output."""
    how = p.resolution + (f" from {p.resolved_from}" if p.resolved_from != p.region_code else "")
    status = "in force" if p.status == "in_force" else f"{p.status.upper()} (planned, not in force)"
    return f"{how}, since {p.shown_since}, status {status}, {p.age_days} days old, {'STALE' if p.stale else 'current'}"


@dataclass
class Result:
    program: str
    region_code: str
    region_name: str
    date: str
    inputs: dict
    amount: float = 0.0
    unit: str = "yuan/person/month"
    items: list[Item] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, program: str, first: Parameter, inputs: dict) -> "Result":
        result = cls(program, first.region_code, first.region_name, first.as_of, inputs)
        return result.use(first)

    def use(self, p: Parameter, role: str | None = None) -> "Result":
        """Record a parameter as used, and say so when its sources disagree or are old."""
        self.items.append(Item(role or p.label, p))
        stated = [c for c in p.conflicts if not c.reason]
        if stated:
            others = "; ".join(f"{c.value:g} {c.unit} ({c.source.cite()})" for c in stated)
            self.warnings.append(f"{p.label}: {p.value:g} {p.unit} is used, but other sources for the same date "
                                 f"say {others}")
        for c in p.conflicts:
            if c.reason:
                self.warnings.append(f"{p.label}: {p.value:g} {p.unit} is stated for {p.region_name}; "
                                     f"{c.reason} ({c.source.cite()})")
        if p.stale:
            self.warnings.append(f"{p.label}: newest source is {p.age_days} days old (in force since {p.shown_since})")
        if p.status != "in_force":
            self.warnings.append(f"{p.label}: {p.value:g} {p.unit} is a planned target (目标, from {p.shown_since}), "
                                 "not a standard known to be in force; used because targets were included")
        return self

    def line(self, text: str) -> None:
        self.lines.append(text)

    def to_dict(self) -> dict:
        return {"program": self.program, "region_code": self.region_code, "region": self.region_name,
                "date": self.date, "inputs": self.inputs, "amount": self.amount, "unit": self.unit,
                "parameters": [i.to_dict() for i in self.items], "arithmetic": self.lines,
                "warnings": self.warnings}

    def to_text(self) -> str:
        code = "no code: a group as documents name it" if self.region_code == self.region_name else self.region_code
        out = [f"{self.program} · {self.region_name} ({code}) · {self.date}",
               "inputs: " + ", ".join(f"{k}={v}" for k, v in self.inputs.items() if v not in (None, {}, [])), "",
               "parameters:"]
        for item in self.items:
            p = item.parameter
            out.append(f"  {item.role}: {p.value:g} {p.unit}  [{describe(p)}]")
            if p.rule:
                out.append(f"    rule: {p.rule}")
                out.append(f"    {p.arithmetic}")
            for s in [p.source] + [i.source for i in p.inputs]:
                out.append(f"    source: {s.cite()}")
                out.append(f"    quote: {s.quote}")
        out += ["", "arithmetic:"] + [f"  {line}" for line in self.lines]
        out += ["", f"result: {self.amount:g} {self.unit}"]
        out += [f"warning: {w}" for w in self.warnings]
        return "\n".join(out) + "\n"
