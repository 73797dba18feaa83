"""The database: the pipeline's records in SQLite (sqlite-utils), published with Datasette.

``build_database(paths, db_path, overrides=None)`` runs ingest -> extract -> validate -> write
into a new file and swaps it in; ``doudi build / serve / export`` are thin commands over it.
"""
from .build import BuildReport, build_database

__all__ = ["build_database", "BuildReport"]
