"""``doudi check FILE [--db DB] [--json]``: the checks of one document."""
from __future__ import annotations

import json
import sys

import click

from doudi.errors import DATABASE

MARK = {"consistent": "ok", "inconsistent": "INCONSISTENT", "unverifiable": "unverifiable"}


def _line(c) -> str:
    where = f"@{c.provenance.start}" if c.provenance.start is not None else ""
    quote = c.quote if len(c.quote) <= 60 else c.quote[:57] + "..."
    return f"{MARK[c.verdict]:>12}  {c.kind:<15} {c.explanation}\n{'':14}{where} {quote}"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--db", type=DATABASE, help="Compare stated standards with this database.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check (the record contract).")
def check(file, db, as_json):
    """Recompute the figures FILE's claims rest on (growth, shares, averages, sums, rules ...)."""
    import ingest
    from extractors import extract

    import factcheck

    try:
        doc = ingest.load(file)
    except ingest.IngestError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    checks = factcheck.check(extract(doc), db=db)
    for c in checks:
        if as_json:
            sys.stdout.write(json.dumps(c.to_contract(), ensure_ascii=False) + "\n")
        else:
            click.echo(_line(c))
    if not as_json:
        counts = {v: sum(c.verdict == v for c in checks) for v in MARK}
        click.echo(f"{doc.name}: {len(checks)} checks, " + ", ".join(f"{n} {v}" for v, n in counts.items()), err=True)
