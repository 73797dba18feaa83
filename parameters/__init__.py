"""Parameter tables: for a region and a date, each benefit standard in force, since when, and on
what authority (see README.md). Calculators read values only through this API.
"""
from .model import AmbiguousParameter, Conflict, MissingParameter, Parameter, Source
from .regions import UnknownRegion
from .resolve import history, parameter, per_month
from .store import DatabaseError, load, to_date
from .table import parameter_table

__all__ = ["parameter", "parameter_table", "history", "load", "per_month", "to_date", "Parameter", "Source",
           "Conflict", "MissingParameter", "AmbiguousParameter", "UnknownRegion", "DatabaseError"]
