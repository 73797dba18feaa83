"""The ``doudi`` command: a thin shell over each stage's Python API.

Every subcommand lives beside the code it drives (``pipeline/cli.py``, ``factcheck/cli.py`` ...)
and is imported only when used. A stage's ``cli.py`` imports only click at its top and is loaded
without its package's ``__init__`` (which may import spaCy or pandas), so ``doudi --help`` and
``doudi <cmd> --help`` start at once; the command imports the stage when it runs.
"""
from __future__ import annotations

import importlib.util
import sys

import click

from .errors import guard

# name -> (module:attribute, one line for the command list); a bare "module:attribute" also works,
# its line then read from the command (which imports its module)
COMMANDS = {
    "extract": ("extractors.cli:extract", "Extract records from files without a database."),
    "build": ("pipeline.cli:build", "Build the database from files or directories."),
    "serve": ("database.cli:serve", "Serve the database read-only with Datasette."),
    "export": ("database.cli:export", "Export standards, statistics or checks."),
    "params": ("parameters.cli:params", "Parameter tables at a date (CSV, JSON, OpenFisca)."),
    "calc": ("calculators.cli:calc", "Benefit calculators over the parameter tables."),
    "check": ("factcheck.cli:check", "Recompute a report's figures and compare them with the database."),
    "rules": ("extractors.cli:rules", "List the extractor's rules and where they fire in a database."),
}


def _module(name: str):
    """``package.cli`` without running ``package/__init__.py`` first, if it is not loaded yet."""
    if name in sys.modules:
        return sys.modules[name]
    package, _, _ = name.rpartition(".")
    if package in sys.modules:
        return importlib.import_module(name)
    spec = importlib.util.find_spec(package)
    path = next(iter(spec.submodule_search_locations)) + "/" + name.rpartition(".")[2] + ".py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        target = COMMANDS[name]
        module, attr = (target if isinstance(target, str) else target[0]).split(":")
        return getattr(_module(module), attr)

    def format_commands(self, ctx, formatter):
        def line(name):
            target = COMMANDS[name]
            return target[1] if isinstance(target, tuple) else self.get_command(ctx, name).get_short_help_str()
        with formatter.section("Commands"):
            formatter.write_dl([(name, line(name)) for name in self.list_commands(ctx)])

    def invoke(self, ctx):
        with guard():  # one line, never a traceback, whichever command fails
            return super().invoke(ctx)


@click.group(cls=LazyGroup)
@click.version_option(package_name="doudi")
def main():
    """兜底 doudi: social-assistance standards from policy documents."""


if __name__ == "__main__":
    main()
