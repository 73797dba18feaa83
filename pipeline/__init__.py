"""The pipeline: load -> extract -> check -> rows for one document, and the build that drives it.

``process(path)`` runs the per-document step (``pipeline.document``); ``build_database(paths,
db_path)`` plans, runs it over many files (here, in a process pool or on Dask) and has
``database`` store the rows. ``database`` only stores and publishes: it never imports this.
"""
from .build import BuildReport, build_database, default_inputs, input_files
from .document import Outcome, process

__all__ = ["build_database", "BuildReport", "default_inputs", "input_files", "process", "Outcome"]
