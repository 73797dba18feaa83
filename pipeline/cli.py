"""``doudi build``: a thin command over :func:`pipeline.build_database`."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from doudi.errors import NEW_DATABASE


def _cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="doudi.db", show_default=True, type=NEW_DATABASE,
              help="Database file to write (replaced only when the build completes).")
@click.option("--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Curator corrections (YAML) to apply; default: the repository's overrides.yaml.")
@click.option("--no-overrides", is_flag=True, help="Publish the extracted records without corrections.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=_cores, show_default="the machine's cores",
              help="Worker processes for load, extract and check.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the per-document step on this Dask scheduler (tcp://host:8786) instead; "
                   "needs doudi[dask] here and on the workers.")
@click.option("--add", is_flag=True, help="Add PATHS to the documents already in the database.")
@click.option("--force", is_flag=True, help="Write the database even if no input file gives a document.")
def build(paths, db_path, overrides, no_overrides, jobs, scheduler, add, force):
    """Build the database from PATHS (files or directories; default: the bundled corpus/).

    Prints one line per file that cannot be read and exits with status 1 if there were any. A
    build in which no file gives a document leaves the database as it was (status 1).
    """
    from .build import ROOT, build_database
    from .run import SchedulerError

    if add and not paths:
        raise click.UsageError("--add needs the FILES to add")
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
        task = bar.add_task("building", total=None)

        def log(line):  # noqa: F811 - printed above the bar
            bar.console.print(line, markup=False, highlight=False)

        def progress(path, total):
            bar.update(task, advance=1, total=total, description=path.name[:40])
    with bar:
        try:
            report = build_database(list(paths) or None, db_path, overrides, jobs=jobs, scheduler=scheduler,
                                    add=add, force=force, log=log, progress=progress)
        except Exception as e:  # noqa: BLE001 - the two below end in one line; storage loads only if asked
            from database.overrides import OverrideError

            if not isinstance(e, (OverrideError, SchedulerError)):
                raise
            click.echo(f"error: {e}", err=True)
            sys.exit(2)
    click.echo(report.summary(), err=True)
    sys.exit(0 if report.ok else 1)
