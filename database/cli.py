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
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), default="jsonl", show_default=True)
@click.option("--bom", is_flag=True, help="Start a CSV with a UTF-8 byte-order mark (Excel / WPS on Chinese Windows).")
@click.option("-o", "--output", default="-", help="File to write (default: standard output; a file for xlsx).")
def export(what, db_path, fmt, bom, output):
    """Export standards, statistics or checks in the record contract's fields, stable order."""
    from .export import WHAT, records, write_csv, write_jsonl
    from .spreadsheet import BOM, xlsx_bytes

    recs = records(db_path, what)
    if fmt == "xlsx":
        if output == "-":
            raise click.UsageError("--format xlsx needs -o FILE")
        rows = list(recs)
        fields = WHAT[what][1]
        Path(output).write_bytes(xlsx_bytes(fields, [{k: _cell(r[k]) for k in fields} for r in rows], what))
        n = len(rows)
    else:
        with click.open_file(output, "w", encoding="utf-8", lazy=False) as out:
            if bom and fmt == "csv":
                out.write(BOM)
            n = write_jsonl(recs, out) if fmt == "jsonl" else write_csv(recs, out, what)
    if output != "-":
        click.echo(f"{n} {what} -> {output}", err=True)


def _cell(v):
    import json

    return json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
