"""``doudi params``: the parameter table as CSV, JSON or an OpenFisca parameter tree."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date

import click

from doudi.errors import DATABASE, DATE


@click.command()
@click.option("--db", "db_path", required=True, type=DATABASE, help="SQLite database (doudi build).")
@click.option("--as-of", "as_of", default=lambda: date.today().isoformat(), show_default="today", type=DATE,
              help="Date the values must be in force at: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--region", "regions", multiple=True,
              help="Region code (522701), name (都匀市), short name (都匀) or an uncoded group's written name "
                   "(都匀经济开发区); repeatable; every region when omitted.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "openfisca"]), default="csv", show_default=True)
@click.option("--include-targets", is_flag=True, help="Count planned targets (到2020年…达到) as in force from their period.")
@click.option("--stale-after", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="Flag values older than DAYS as stale; the OpenFisca export ends them (null) then.")
@click.option("-o", "--output", default=None, type=click.Path(),
              help="File to write (stdout when omitted); a directory for --format openfisca.")
def params(db_path, as_of, regions, fmt, include_targets, stale_after, output):
    """Parameter table: each standard in force for a region at a date, with its source."""
    from parameters import DatabaseError, MissingParameter, UnknownRegion, parameter_table
    from parameters.openfisca import export

    opts = {"include_targets": include_targets, "stale_after": stale_after}
    ambiguous: list[str] = []
    try:
        if fmt == "openfisca":
            if not output:
                raise click.UsageError("--format openfisca needs -o DIRECTORY")
            files = export(db_path, output, as_of, list(regions) or None, **opts)
            click.echo(f"wrote {len(files)} parameter files to {output}", err=True)
            return
        table = [p for region in (regions or [None])
                 for p in parameter_table(db_path, as_of, region, ambiguous=ambiguous, **opts)]
        if not table:
            raise MissingParameter(f"no parameter in force for {', '.join(regions) or 'any region'} at {as_of}")
    except (DatabaseError, UnknownRegion, MissingParameter, ValueError) as e:
        raise click.ClickException(str(e)) from None
    if fmt == "json":
        text = json.dumps([p.to_dict() for p in table], ensure_ascii=False, indent=2) + "\n"
    else:
        buf = io.StringIO()
        rows = [p.to_row() for p in table]
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    for message in ambiguous:
        click.echo(f"ambiguous: {message}", err=True)
    stale = sum(p.stale for p in table)
    conflicts = sum(bool(p.conflicts) for p in table)
    targets = sum(p.status != "in_force" for p in table)
    click.echo(f"{len(table)} parameters at {as_of}; {stale} stale, {conflicts} with conflicting sources, "
               f"{targets} planned targets, {len(ambiguous)} ambiguous left out", err=True)
