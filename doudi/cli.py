"""The ``doudi`` command: a thin shell over each stage's Python API.

Every subcommand lives beside the code it drives (``database/cli.py``, ``factcheck/cli.py`` ...)
and is imported only when used, so ``doudi --help`` stays fast and one stage's dependencies never
slow down another's.
"""
from __future__ import annotations

import importlib

import click

from .errors import guard

COMMANDS = {
    "extract": "extractors.cli:extract",
    "build": "database.cli:build",
    "serve": "database.cli:serve",
    "export": "database.cli:export",
    "params": "parameters.cli:params",
    "calc": "calculators.cli:calc",
    "check": "factcheck.cli:check",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx):
        with guard():  # one line, never a traceback, whichever command fails
            return super().invoke(ctx)


@click.group(cls=LazyGroup)
@click.version_option(package_name="doudi")
def main():
    """兜底 doudi: social-assistance standards from policy documents."""


if __name__ == "__main__":
    main()
