"""One clear line for every CLI error, and the exit codes every command shares.

``guard`` runs a command and turns what escapes it into one line on stderr (no traceback; set
``DOUDI_DEBUG=1`` to see one). ``DATABASE``, ``NEW_DATABASE``, ``DATE`` and ``FINITE`` are click types
that refuse a bad ``--db`` (to read; to build), date or number (``inf``, ``nan``) while the command
line is read, naming the option.

Exit codes: 0 done; 1 the command failed (or, for ``doudi build``, some input files could not be
read); 2 bad usage (an option, an argument, ``--db`` not a doudi database, a malformed overrides
file); 130 interrupted (Ctrl-C or SIGTERM; nothing already stored is lost).
"""
from __future__ import annotations

import errno
import math
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from database.probe import database_problem

EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


def one_line(text) -> str:
    """``text`` on one printable line: a newline or an escape code in a file name must not reach
    the terminal as such."""
    from ingest.errors import printable

    return printable(" ".join(str(text).split("\n")))


def describe(e: BaseException) -> str:
    """The cause of ``e`` in words, naming the file when the error knows it."""
    if isinstance(e, OSError):
        what = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded"}.get(e.errno) \
            or e.strerror or str(e)
        names = [n for n in (e.filename, e.filename2) if n]
        return ": ".join([*map(str, names), what]) if names else what
    if isinstance(e, sqlite3.Error):
        return f"database error: {e}"
    return f"{type(e).__name__}: {e}"


@contextmanager
def guard():
    """Run a command: anything but click's own exits becomes ``error: <cause>`` and an exit code."""
    try:
        yield
    except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
        raise
    except KeyboardInterrupt:
        click.echo("interrupted: stopped before the end (a build leaves the previous database as it was)", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:  # `doudi export | head`: the reader is gone, nothing to say
        sys.stderr.close()
        sys.exit(EXIT_FAILED)
    except Exception as e:  # noqa: BLE001 - the one place a command's failure is worded
        if os.environ.get("DOUDI_DEBUG"):
            raise
        click.echo(f"error: {one_line(describe(e))}", err=True)
        sys.exit(EXIT_FAILED)


class DatabasePath(click.Path):
    """A ``--db`` to read: an existing SQLite file doudi built, else a usage error naming why."""

    name = "database"

    def __init__(self):
        super().__init__(dir_okay=True, path_type=Path)

    def convert(self, value, param, ctx):
        path = super().convert(value, param, ctx)
        problem = database_problem(Path(path))
        if problem:
            self.fail(f"{one_line(path)}: {problem}", param, ctx)
        return path


class NewDatabasePath(click.Path):
    """A ``--db`` to (re)write: a new file or an SQLite one, never a folder or another kind of file
    that a build would replace."""

    name = "database"

    def __init__(self):
        super().__init__(dir_okay=True, path_type=Path)

    def convert(self, value, param, ctx):
        path = Path(super().convert(value, param, ctx))
        problem = None
        if path.is_dir():
            problem = "is a directory, not a database file"
        elif path.parent.exists() and not path.parent.is_dir():
            problem = f"{one_line(path.parent)} is not a directory"
        elif path.is_file() and path.stat().st_size:
            problem = database_problem(path)
            if problem and "not a doudi database" in problem:
                problem = None  # an SQLite file after all: a build may replace it
            elif problem:
                problem += "; refusing to replace it"
        if problem:
            self.fail(f"{one_line(path)}: {problem}", param, ctx)
        return path


class FiniteFloat(click.ParamType):
    """A float that is a number: ``inf`` and ``nan`` are refused (they print as invalid JSON)."""

    name = "number"

    def __init__(self, min: float | None = None):
        self.min = min

    def convert(self, value, param, ctx):
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if self.min is not None and number < self.min:
            self.fail(f"{value!r} is below {self.min:g}", param, ctx)
        return number


class DateText(click.ParamType):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked here and passed on as given."""

    name = "date"

    def convert(self, value, param, ctx):
        from parameters import to_date

        try:
            if to_date(value) is None:
                raise ValueError("empty date: expected YYYY, YYYY-MM or YYYY-MM-DD")
        except ValueError as e:
            self.fail(str(e), param, ctx)
        return value


DATABASE = DatabasePath()
DATE = DateText()
NEW_DATABASE = NewDatabasePath()
FINITE = FiniteFloat()
