"""Export parameters as an OpenFisca / PolicyEngine parameter tree.

Layout: ``<out>/<program>/<metric>/<area>[/<variant>].yaml``. Each leaf file is a node whose
children are region codes (``metadata.breakdown: [region_code]``), so a formula can index it with
a vector of codes: ``parameters(period).dibao.standard.rural[household("region_code", period)]``.
Every region below one with a value is written with the value it inherits. Money is
``currency-CNY`` per month (a yearly figure is divided by 12; the stated figure stays in the
metadata), rates and shares are ``/1``; a range's upper end is the sibling ``<metric>_max``; a
share of something outside the database (the minimum wage) is ``<metric>_rate``. Each value
carries its references (title, 文号, date, quote), status and resolution. ``stale_after`` days
after its newest source a value ends (``null``). See parameters/README.md.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml

from schemas import VOCAB

from .model import Parameter
from .resolve import history
from .store import Store, load, to_date
from .table import AREAS, keys, parameter_table

BREAKDOWN = "region_code"  # the variable a formula indexes the leaves with
NO_VARIANT = "any"         # beside variant leaves, a value the documents give for no variant
# unit -> (leaf suffix, OpenFisca unit, period, factor to the leaf's unit)
UNITS = {
    "yuan/person/month": ("", "currency-CNY", "month", 1),
    "yuan/person/year": ("", "currency-CNY", "month", 1 / 12),
    "yuan/household/month": ("_per_household", "currency-CNY", "month", 1),
    "yuan/case": ("_per_case", "currency-CNY", None, 1),
    "yuan/person": ("_one_off", "currency-CNY", None, 1),
    "percent": ("_rate", "/1", None, 1 / 100),
    "ratio": ("_rate", "/1", None, 1),
}


def _zh(kind: str, code: str | None) -> str:
    entry = VOCAB.get(kind, {}).get(code) if code else None
    return entry["zh"].split("/")[0] if entry else (code or "")


def _leaf(p: Parameter) -> tuple[str, ...]:
    """(program, metric[suffix], area, variant) of the leaf a parameter's value goes in."""
    return (p.program, p.metric + UNITS[p.unit][0], p.area, p.variant)


def _split(metric: str) -> tuple[str, str]:
    """``care_standard_rate_max`` -> (``care_standard``, ``_rate``)."""
    base = metric.removesuffix("_max")
    suffix = next((s for s, *_ in UNITS.values() if s and base.endswith(s)), "")
    return base.removesuffix(suffix) if suffix else base, suffix


def _convert(x: float | None, unit: str) -> float | None:
    return None if x is None else round(x * UNITS[unit][3], 4)


def _reference(p: Parameter) -> list[dict]:
    sources = [p.source] + [i.source for i in p.inputs]
    return [{k: v for k, v in {"title": s.title or s.file, "document_number": s.doc_number, "date": s.published,
                               "quote": s.quote, "record": s.record_id, "status": s.status,
                               "read_off_previous": s.derived}.items() if v}
            for s in sources]


def _value(p: Parameter, upper: bool) -> dict:
    meta = {"stated": f"{(p.value_max if upper and p.value_max is not None else p.value):g} {p.unit}",
            "status": p.status, "resolution": p.resolution, "resolved_from": p.resolved_from,
            "since": p.shown_since, "reference": _reference(p)}
    if p.status != "in_force":
        meta["label"] = "目标(规划值,非现行标准)"
    for name in ("bound", "basis", "rule", "arithmetic"):
        if getattr(p, name) is not None:
            meta[name] = getattr(p, name)
    if p.target_groups:
        meta["target_groups"] = list(p.target_groups)
    if p.value_max is not None:
        meta["range"] = f"{p.value:g}–{p.value_max:g} {p.unit}"
    if p.conflicts:
        meta["conflicts"] = [{k: v for k, v in {"value": c.value, "unit": c.unit, "title": c.source.title or c.source.file,
                                                "quote": c.source.quote, "record": c.source.record_id,
                                                "reason": c.reason}.items() if v is not None} for c in p.conflicts]
    x = p.value_max if upper and p.value_max is not None else p.value
    return {"value": _convert(x, p.unit), "metadata": meta}


def series(changes: list, leaf: tuple, upper: bool = False, stale_after: int | None = None) -> dict:
    """The dated values of one region in one leaf: a value for each change of that leaf, ``None``
    where another kind of value or an ambiguous pair takes over, and after ``stale_after`` days."""
    values: dict[str, dict] = {}
    last = None
    for c in changes:
        if isinstance(c, Parameter):
            start = c.since if last is None or c.since > last else c.as_of  # a change found later than it began
            entry = _value(c, upper) if _leaf(c) == leaf else None
        else:  # the date an ambiguous spell begins
            start, entry = c.isoformat(), None
        if entry is None and (not values or list(values.values())[-1]["value"] is None):
            continue
        values[start] = entry or {"value": None}
        last = start
    if stale_after is not None:
        for start, next_start in zip(list(values), list(values)[1:] + [None]):
            end = (date.fromisoformat(start) + timedelta(days=stale_after + 1)).isoformat()
            if values[start]["value"] is not None and (next_start is None or end < next_start):
                values[end] = {"value": None, "metadata": {"reason": f"stale: no source newer than {stale_after} days"}}
    return dict(sorted(values.items()))


def _regions(store: Store, region) -> list[str]:
    """The codes asked for, or every region with records and every region below one."""
    if region is not None:
        asked = [region] if isinstance(region, str) else list(region)
        return list(dict.fromkeys(store.regions.find(r) for r in asked))
    codes = sorted(store.by_region)
    return list(dict.fromkeys(codes + [d for c in codes for d in store.regions.descendants(c)]))


def _leaf_keys(store: Store, code: str, at: date, variants: dict, areas: set, include_targets: bool) -> set[tuple]:
    """(program, area, metric, variant) to resolve for a region: its keys, an ``all`` record for
    both areas, and a record without a variant for every variant its leaf has."""
    found, _ = keys(store, code, at, include_targets)
    out = set()
    for program, area, metric, variant in found:
        split = (program, metric) in areas  # urban and rural apart somewhere: an `all` record answers both
        for a in (AREAS if split and area == "all" else (area,)):
            out.add((program, a, metric, variant))
            if variant is None:
                out.update((program, a, metric, v) for v in variants.get((program, metric, a), ()))
    return out


def _variants(store: Store) -> dict:
    seen: dict[tuple, set] = {}
    for r in store.records:
        if r.variant:
            for a in (r.area,) + (AREAS if r.area == "all" else ()):
                seen.setdefault((r.program, r.metric, a), set()).add(r.variant)
    return seen


def collect(db, as_of, region=None, include_targets: bool = False, stale_after: int | None = None):
    """{leaf: {region code: dated values}} for every region, key and range end, and the ambiguous keys."""
    store = load(db)
    at = to_date(as_of)
    variants, leaves, names = _variants(store), {}, {}
    areas = {(r.program, r.metric) for r in store.records if r.area in AREAS}
    opts = {"include_targets": include_targets, "stale_after": stale_after}
    for code in _regions(store, region):
        for program, area, metric, variant in sorted(_leaf_keys(store, code, at, variants, areas, include_targets),
                                                     key=lambda k: tuple(x or "" for x in k)):
            key = (store, code, program, area, metric, at, variant)
            changes = history(*key, ends=True, **opts) or history(*key, derive=False, ends=True, **opts)
            params = [c for c in changes if isinstance(c, Parameter)]
            for leaf in dict.fromkeys(_leaf(p) for p in params):
                leaves.setdefault(leaf, {})[code] = series(changes, leaf, stale_after=stale_after)
                if any(p.value_max is not None for p in params if _leaf(p) == leaf):
                    upper = (leaf[0], leaf[1] + "_max") + leaf[2:]
                    leaves.setdefault(upper, {})[code] = series(changes, leaf, True, stale_after)
            if params:
                names[code] = params[-1].region_name
    # a range leaf holds every region of its leaf (the upper end of a single value is the value)
    for leaf in [k for k in leaves if k[1].endswith("_max")]:
        base = (leaf[0], leaf[1][:-4]) + leaf[2:]
        for code, values in leaves.get(base, {}).items():
            leaves[leaf].setdefault(code, values)
    ambiguous: list[str] = []
    for code in ([None] if region is None else [c for c in names] or [None]):
        parameter_table(store, at, code, ambiguous=ambiguous, **opts)
    return leaves, names, ambiguous


def _paths(leaves: dict) -> dict[tuple, Path]:
    with_variants = {k[:3] for k in leaves if k[3]}
    out = {}
    for program, metric, area, variant in leaves:
        if (program, metric, area) in with_variants:
            out[(program, metric, area, variant)] = Path(program, metric, area, f"{variant or NO_VARIANT}.yaml")
        else:
            out[(program, metric, area, variant)] = Path(program, metric, f"{area}.yaml")
    return out


def leaf_file(leaf: tuple, regions: dict, names: dict, as_of: str) -> dict:
    """One leaf node (a dict ready for YAML): its label, unit and one parameter per region code."""
    program, metric, area, variant = leaf
    base, suffix = _split(metric)
    unit, period = next((u, per) for s, u, per, _ in UNITS.values() if s == suffix)
    label = "".join(_zh(k, c) for k, c in (("areas", area if area != "all" else None), ("variants", variant),
                                           ("programs", program), ("metrics", base)))
    label += {"_rate": "(比例)", "_per_household": "(每户)", "_per_case": "(每人次)", "_one_off": "(一次性)"}.get(suffix, "")
    label += "(上限)" if metric.endswith("_max") else ""
    meta = {"label": label, "unit": unit, "breakdown": [BREAKDOWN], "program": program,
            "metric": base, "area": area, "variant": variant, "as_of": as_of}
    if period:
        meta["period"] = period
    node = {"description": label, "metadata": {k: v for k, v in meta.items() if v is not None}}
    for code in sorted(regions):
        values = regions[code]
        refs = [r for v in values.values() for r in v.get("metadata", {}).get("reference", [])]
        node[code] = {"description": f"{names.get(code, code)}{label}",
                      "metadata": {k: v for k, v in {"unit": unit, "period": period, "region": names.get(code, code),
                                                     "reference": list({r.get("record"): r for r in refs}.values())}.items() if v},
                      "values": values}
    return node


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # a reference repeated is written out, not as &id001
        return True


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120), "utf-8")


def export(db, out_dir, as_of, region=None, include_targets: bool = False, stale_after: int | None = None) -> list[Path]:
    """Write the tree for the regions asked for (a name, a code or a list; every region when None);
    returns the leaf files written."""
    at = to_date(as_of)
    leaves, names, ambiguous = collect(db, at, region, include_targets, stale_after)
    out = Path(out_dir)
    written = []
    for leaf, rel in sorted(_paths(leaves).items(), key=lambda kv: str(kv[1])):
        _dump(out / rel, leaf_file(leaf, leaves[leaf], names, at.isoformat()))
        written.append(out / rel)
        for depth, code in ((1, leaf[0]), (2, leaf[1])):
            index = out.joinpath(*rel.parts[:depth], "index.yaml")
            if not index.exists():
                kind = "programs" if depth == 1 else "metrics"
                _dump(index, {"description": _zh(kind, _split(code)[0] if depth == 2 else code) or code})
    _dump(out / "index.yaml", {
        "description": "doudi 社会救助参数(按地区代码分列)",
        "metadata": {"as_of": at.isoformat(), "breakdown": [BREAKDOWN], "include_targets": include_targets,
                     "stale_after_days": stale_after, "regions": dict(sorted(names.items())),
                     "ambiguous": ambiguous}})
    return written
