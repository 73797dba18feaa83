"""Datasette plugin for the doudi database (loaded with ``--plugins-dir database/plugins``).

- Chinese full-text search: ``han_match(q)`` rewrites a query for the bigram index built by
  ``database.search``; it also replaces ``escape_fts()``, the function Datasette's own search box
  wraps the query in, so ``?_search=低保`` works on every table. For non-Han words it escapes
  exactly as Datasette does.
- Links: a ``document_id`` column in a query or view links to its document.
"""
from datasette import hookimpl
from markupsafe import Markup, escape

from database.search import match_query


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, so our escape_fts wins
def prepare_connection(conn):
    conn.create_function("han_match", 1, match_query, deterministic=True)
    conn.create_function("escape_fts", 1, match_query, deterministic=True)


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column != "document_id" or not isinstance(value, str):
        return None

    async def link():
        if table is not None and table not in await datasette.get_database(database).view_names():
            return None  # tables link their foreign keys themselves
        url = datasette.urls.row(database, "documents", value)
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')

    return link()
