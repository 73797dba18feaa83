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


@click.command()
@click.option("--db", type=click.Path(exists=True, dir_okay=False), help="count where each rule fires in this database")
@click.option("--json", "as_json", is_flag=True, help="one JSON object per rule")
def rules(db, as_json):
    """List the extractor's rules: the fact each states, and where it fires in a database."""
    from extractors import rules as registry  # yaml and sqlite3 only

    rows = registry.report(db)
    if as_json:
        click.echo(registry.as_json(rows))
        return
    for r in rows:
        counts = ""
        if db:
            counts = ("  (home region)" if r["documents"] is None else
                      f"  {r['documents']:>4} docs {r['records']:>5} records" + (f"  [{r['flag']}]" if r["flag"] else ""))
        click.echo(f"{r['id']:28} {r['acts_on']:10}{counts}\n    {r['states']}")
