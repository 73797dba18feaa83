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
                "basis": p.basis, "since": p.since, "resolution": p.resolution, "resolved_from": p.resolved_from,
                "rule": p.rule, "arithmetic": p.arithmetic, "age_days": p.age_days, "stale": p.stale,
                "source": vars(p.source), "inputs": [i.to_dict() for i in p.inputs],
                "conflicts": [{"value": c.value, "unit": c.unit, "since": c.since, "source": vars(c.source)}
                              for c in p.conflicts]}


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
        if p.conflicts:
            others = "; ".join(f"{c.value:g} {c.unit} ({c.source.cite()})" for c in p.conflicts)
            self.warnings.append(f"{p.label}: {p.value:g} {p.unit} is used, but other sources for the same date "
                                 f"say {others}")
        if p.stale:
            self.warnings.append(f"{p.label}: newest source is {p.age_days} days old (in force since {p.since})")
        return self

    def line(self, text: str) -> None:
        self.lines.append(text)

    def to_dict(self) -> dict:
        return {"program": self.program, "region_code": self.region_code, "region": self.region_name,
                "date": self.date, "inputs": self.inputs, "amount": self.amount, "unit": self.unit,
                "parameters": [i.to_dict() for i in self.items], "arithmetic": self.lines,
                "warnings": self.warnings}

    def to_text(self) -> str:
        out = [f"{self.program} · {self.region_name} ({self.region_code}) · {self.date}",
               "inputs: " + ", ".join(f"{k}={v}" for k, v in self.inputs.items() if v not in (None, {}, [])), "",
               "parameters:"]
        for item in self.items:
            p = item.parameter
            how = p.resolution + (f" from {p.resolved_from}" if p.resolved_from != p.region_code else "")
            out.append(f"  {item.role}: {p.value:g} {p.unit}  [{how}, in force since {p.since}, "
                       f"{p.age_days} days old{', STALE' if p.stale else ''}]")
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
