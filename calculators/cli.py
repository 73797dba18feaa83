"""``doudi calc dibao|tekun|orphan``: itemized benefit calculations, text or ``--json``."""
from __future__ import annotations

import functools
import json
from datetime import date

import click

from doudi.errors import DATABASE, DATE, FINITE


def common(func):
    """Options every calculator takes, and one-line errors instead of tracebacks."""
    @click.option("--db", "db_path", required=True, type=DATABASE, help="SQLite database (doudi build).")
    @click.option("--region", required=True,
                  help="Region code (522701), name (都匀市), short name (都匀) or an uncoded group's name (都匀经济开发区).")
    @click.option("--date", "on", default=lambda: date.today().isoformat(), show_default="today", type=DATE,
                  help="YYYY-MM-DD the standards must be in force at.")
    @click.option("--include-targets", is_flag=True, help="Count planned targets (到2020年…达到) as in force.")
    @click.option("--stale-after", type=click.IntRange(min=0), default=None, metavar="DAYS",
                  help="Flag parameters older than DAYS as stale (default 730).")
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @functools.wraps(func)
    def wrapper(db_path, region, on, as_json, include_targets, stale_after, **kwargs):
        from calculators import InputError
        from parameters import DatabaseError, MissingParameter, UnknownRegion

        try:
            result = func(db_path, region, on, **kwargs, include_targets=include_targets, stale_after=stale_after)
        except (InputError, MissingParameter, UnknownRegion, DatabaseError, ValueError) as e:
            raise click.ClickException(str(e)) from None
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            click.echo(result.to_text(), nl=False)
    return wrapper


def _groups(values) -> dict[str, int]:
    groups = {}
    for value in values:
        name, _, n = value.partition("=")
        try:
            groups[name] = int(n) if n else 1
        except ValueError:
            raise click.BadParameter(f"{value!r}: expected GROUP or GROUP=N", param_hint="--group") from None
    return groups


@click.group()
def calc():
    """Benefit calculators: every parameter used is shown with its source and quote."""


@calc.command()
@common
@click.option("--area", type=click.Choice(["urban", "rural"]), required=True)
@click.option("--members", type=int, required=True, help="Household members.")
@click.option("--income", type=FINITE, required=True, help="Per-capita income, yuan per person per month.")
@click.option("--group", "groups", multiple=True, metavar="GROUP[=N]",
              help="Members in a 分类施保 group (e.g. disabled=1); repeatable; an unknown group lists the valid ones.")
def dibao(db, region, on, area, members, income, groups, **opts):
    """低保: monthly top-up = (standard − per-capita income) × members."""
    from calculators import dibao as run
    return run(db, region, on, area, members, income, _groups(groups), **opts)


@calc.command()
@common
@click.option("--area", type=click.Choice(["urban", "rural", "all"]), required=True)
@click.option("--setting", type=click.Choice(["centralized", "dispersed"]), default=None,
              help="集中供养 or 分散供养, where the region sets them apart.")
@click.option("--care", type=click.Choice(["full_care", "half_care", "self_care"]), default=None,
              help="Care level for the care standard.")
@click.option("--min-wage", type=FINITE, default=None, help="Monthly minimum wage, for care standards set as a share of it.")
def tekun(db, region, on, area, setting, care, min_wage, **opts):
    """特困供养: basic living standard plus the care standard for a care level."""
    from calculators import tekun as run
    return run(db, region, on, area, setting, care, min_wage, **opts)


@calc.command()
@common
@click.option("--care", type=click.Choice(["scattered", "institutional", "de_facto"]), default="scattered",
              show_default=True)
@click.option("--area", type=click.Choice(["all", "urban", "rural"]), default="all", show_default=True)
def orphan(db, region, on, care, area, **opts):
    """孤儿: monthly basic living allowance."""
    from calculators import orphan as run
    return run(db, region, on, care, area, **opts)
