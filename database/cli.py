"""``doudi build``, ``doudi serve`` and ``doudi export``: thin commands over the database API."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="doudi.db", show_default=True, type=click.Path(path_type=Path),
              help="Database file to write (replaced only when the build completes).")
@click.option("--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Curator corrections (YAML) to apply; default: the repository's overrides.yaml.")
@click.option("--no-overrides", is_flag=True, help="Publish the extracted records without corrections.")
def build(paths, db_path, overrides, no_overrides):
    """Build the database from PATHS (files or directories; default: the bundled corpus/).

    Prints one line per file that cannot be read and exits with status 1 if there were any.
    """
    from .build import ROOT, build_database, default_inputs, input_files
    from .overrides import OverrideError

    if overrides is None and not no_overrides and (ROOT / "overrides.yaml").exists():
        overrides = ROOT / "overrides.yaml"  # corrections survive every rebuild, not only careful ones
    if no_overrides:
        overrides = None

    def log(line):
        click.echo(line, err=True)

    progress = None
    bar = nullcontext()
    if sys.stderr.isatty():  # a progress bar on a terminal only; CI logs get the lines alone
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)
        task = bar.add_task("building", total=len(input_files(paths or default_inputs())))

        def log(line):  # noqa: F811 - printed above the bar
            bar.console.print(line, markup=False, highlight=False)

        def progress(path):
            bar.update(task, advance=1, description=path.name[:40])
    with bar:
        try:
            report = build_database(list(paths) or None, db_path, overrides, log=log, progress=progress)
        except OverrideError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(2)
    click.echo(report.summary(), err=True)
    sys.exit(0 if report.ok else 1)


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
