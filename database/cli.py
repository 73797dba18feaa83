"""``doudi serve`` and ``doudi export``: thin commands over the database API (``doudi build`` is
the pipeline's: ``pipeline/cli.py``)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from doudi.errors import DATABASE


@click.command()
@click.option("--db", "db_path", default="doudi.db", show_default=True, type=DATABASE)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(db_path, port, host):
    """Serve the database read-only with Datasette, its metadata and plugins (foreground); a
    build that replaces the file is picked up within a second."""
    from .serve import is_loopback, serve as run

    if not is_loopback(host):
        raise click.BadParameter(f"{host!r} is not a loopback address: doudi serves this machine only "
                                 "(put a reverse proxy in front to publish)", param_hint="--host")
    sys.exit(run(db_path, host, port, log=lambda line: click.echo(line, err=True)))


@click.command()
@click.argument("what", type=click.Choice(["standards", "statistics", "checks"]))
@click.option("--db", "db_path", default="doudi.db", show_default=True, type=DATABASE)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
def export(what, db_path, fmt, output):
    """Export standards, statistics or checks in the record contract's fields, stable order."""
    from .export import records, write_csv, write_jsonl

    recs = records(db_path, what)
    n = write_jsonl(recs, output) if fmt == "jsonl" else write_csv(recs, output, what)
    if output is not sys.stdout:
        click.echo(f"{n} {what} -> {output.name}", err=True)
