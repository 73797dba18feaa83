"""The database: the pipeline's records in SQLite (sqlite-utils), published with Datasette.

It stores and publishes only: the schema (``schema``), one document's rows and their writes
(``store``), a new version swapped in whole (``swap``), the extraction cache beside the database
(``cache``), curator overrides, export and Datasette. The build that fills it is ``pipeline``.
"""
import importlib
import sys


def __getattr__(name: str):
    """``from database import sqlite_utils``: sqlite-utils, imported on first use without pandas.

    sqlite-utils imports pandas when it can (a third of a second, a tenth of a rebuild with little
    changed) only to store ``pandas.Timestamp`` values as TEXT, and no row of ours holds one; so
    pandas is hidden for that one import (sqlite-utils takes the ImportError as "not installed")
    and importable again for whoever needs it next.
    """
    if name != "sqlite_utils":
        raise AttributeError(f"module 'database' has no attribute {name!r}")
    if "sqlite_utils" not in sys.modules and "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # type: ignore[assignment]
        try:
            importlib.import_module("sqlite_utils")
        finally:
            del sys.modules["pandas"]
    return importlib.import_module("sqlite_utils")
