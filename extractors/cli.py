import json
import sys

import click


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--what", type=click.Choice(["standards", "statistics"]), default="standards")
def extract(paths, what):
    """Extract records from files without a database; print JSON lines (the record contract)."""
    import ingest
    from extractors import extract as run

    failed = 0
    for f in ingest.iter_files(paths):  # the build's walk: no link out of the tree, no FIFO read
        try:
            doc = ingest.load(f)
        except ingest.IngestError as e:
            click.echo(f"error: {e}", err=True)
            failed += 1
            continue
        result = run(doc)
        for rec in getattr(result, what):
            row = rec.to_contract() if hasattr(rec, "to_contract") else rec.to_row()
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.exit(1 if failed else 0)
