"""Export parameter tables as OpenFisca parameter files.

Layout: ``<out>/<adcode>/<program>/<metric>/<area>[_<variant>].yaml``, one file per parameter, with
an ``index.yaml`` naming each region. Values are keyed by the date each value came into force,
and every value carries its own reference (document title, number, date, quote), unit and how it
was resolved, in the metadata layout OpenFisca and PolicyEngine use (``metadata.reference`` a list
of ``{title, ...}``). Load it back with ``openfisca_core.parameters.ParameterNode(directory_path=out)``.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from schemas import VOCAB

from .model import Parameter
from .resolve import history
from .store import load, to_date
from .table import parameter_table


def _reference(p: Parameter) -> list[dict]:
    sources = [p.source] + [i.source for i in p.inputs]
    return [{k: v for k, v in {"title": s.title or s.file, "document_number": s.doc_number,
                               "published": s.published, "quote": s.quote, "record": s.record_id}.items() if v}
            for s in sources]


def _value(p: Parameter) -> dict:
    meta = {"unit": p.unit, "resolution": p.resolution, "resolved_from": p.resolved_from, "reference": _reference(p)}
    for name in ("value_max", "basis", "rule", "arithmetic"):
        if getattr(p, name) is not None:
            meta[name] = getattr(p, name)
    if p.conflicts:
        meta["conflicts"] = [{"value": c.value, "unit": c.unit, "title": c.source.title or c.source.file,
                              "quote": c.source.quote, "record": c.source.record_id} for c in p.conflicts]
    return {"value": p.value, "metadata": meta}


def parameter_file(changes: list[Parameter], as_of: str) -> dict:
    """One OpenFisca parameter (a dict ready for YAML) from the changes of one key, oldest first."""
    last = changes[-1]
    label = VOCAB["programs"][last.program]["zh"] if last.program in VOCAB["programs"] else last.program
    return {
        "description": f"{last.region_name} {label} {last.label}",
        "metadata": {"unit": last.unit, "label": last.label, "program": last.program, "area": last.area,
                     "variant": last.variant, "metric": last.metric, "region_code": last.region_code,
                     "region": last.region_name, "as_of": as_of},
        "values": {p.since: _value(p) for p in changes},
    }


def export(db, out_dir, as_of, region=None) -> list[Path]:
    """Write one YAML file per parameter in force at ``as_of``; returns the files written."""
    store = load(db)
    at = to_date(as_of)
    out = Path(out_dir)
    written = []
    for p in parameter_table(store, at, region):
        key = (store, p.region_code, p.program, p.area, p.metric, at, p.variant)
        changes = history(*key) or history(*key, derive=False)  # a rule whose basis is missing: the rule
        name = p.area + (f"_{p.variant}" if p.variant else "")
        path = out / p.region_code / p.program / p.metric / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(parameter_file(changes, at.isoformat()), allow_unicode=True, sort_keys=False), "utf-8")
        index = out / p.region_code / "index.yaml"
        if not index.exists():
            index.write_text(yaml.safe_dump({"description": p.region_name}, allow_unicode=True), "utf-8")
        written.append(path)
    return written
