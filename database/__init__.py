"""The database: the pipeline's records in SQLite (sqlite-utils), published with Datasette.

It stores and publishes only: the schema (``schema``), one document's rows and their writes
(``store``), a new version swapped in whole (``swap``), the extraction cache beside the database
(``cache``), curator overrides, export and Datasette. The build that fills it is ``pipeline``.
"""
