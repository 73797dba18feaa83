"""``doudi serve`` and ``doudi export``: thin commands over the database API (``doudi build`` is
the pipeline's: ``pipeline/cli.py``)."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--db", "db_path", default="doudi.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(db_path, port, host):
    """Serve the database read-only with Datasette, its metadata and plugins (foreground)."""
    import json
    import tempfile

    from datasette.cli import cli as datasette_cli

    from .publish import PLUGINS_DIR, metadata

    with tempfile.TemporaryDirectory(prefix="doudi-serve-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db_path), ensure_ascii=False), "utf-8")
        datasette_cli.main(["serve", "-i", str(db_path), "-m", str(meta), "--plugins-dir", str(PLUGINS_DIR),
                            "--host", host, "--port", str(port)], prog_name="doudi serve",
                           standalone_mode=False)


@click.command()
@click.argument("what", type=click.Choice(["standards", "statistics", "checks"]))
@click.option("--db", "db_path", default="doudi.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
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
