"""``doudi check PATH... [--db DB] [--json] [--fail-on inconsistent]``: the checks of many documents."""
from __future__ import annotations

import json
import sys

import click

from doudi.errors import DATABASE

MARK = {"consistent": "ok", "inconsistent": "INCONSISTENT", "unverifiable": "unverifiable"}


def _line(c) -> str:
    """The verdict, its explanation, and every input with the clause that states it."""
    where = f"@{c.provenance.start}" if c.provenance.start is not None else ""
    lines = [f"{MARK[c.verdict]:>12}  {c.kind:<15} {c.explanation}", f"{'':14}{where} {c.quote}"]
    for name, fig in c.inputs.items():
        for f in fig if isinstance(fig, list) else [fig]:
            if isinstance(f, dict) and "text" in f:
                said = f.get("quote") or f.get("source") or ""
                lines.append(f"{'':16}{name}: {f['text']}" + (f"  « {said} »" if said else ""))
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", type=DATABASE, help="Compare stated standards with this database.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check (the record contract).")
@click.option("--fail-on", type=click.Choice(["inconsistent", "unverifiable"]),
              help="Exit 1 when a check has this verdict (unverifiable: or inconsistent).")
def check(paths, db, as_json, fail_on):
    """Recompute the figures the claims of each file rest on (growth, shares, averages, sums,
    rules ...); directories are read recursively."""
    import ingest
    from extractors import extract

    import factcheck

    failed, worst = 0, set()
    for _, doc in ingest.load_many(paths, progress=False):
        if isinstance(doc, ingest.IngestError):
            click.echo(f"error: {doc}", err=True)
            failed += 1
            continue
        checks = factcheck.check(extract(doc), db=db)
        for c in checks:
            if as_json:
                row = c.to_contract()
                if c.severity:
                    row.update(severity=c.severity, diagnosis=c.diagnosis)
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                click.echo(_line(c))
        worst |= {c.verdict for c in checks}
        counts = {v: sum(c.verdict == v for c in checks) for v in MARK}
        click.echo(f"{doc.name}: {len(checks)} checks, " + ", ".join(f"{n} {v}" for v, n in counts.items()), err=True)
    bad = {"inconsistent": {"inconsistent"}, "unverifiable": {"inconsistent", "unverifiable"}}.get(fail_on, set())
    sys.exit(1 if failed or worst & bad else 0)
