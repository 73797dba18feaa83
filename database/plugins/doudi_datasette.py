"""Datasette plugin for the doudi database (loaded with ``--plugins-dir database/plugins``).

- Chinese full-text search: ``han_match(q)`` rewrites a query for the bigram index built by
  ``database.search``; it also replaces ``escape_fts()``, the function Datasette's own search box
  wraps the query in, so ``?_search=低保`` works on every table. For non-Han words it escapes
  exactly as Datasette does.
- Links: a ``document_id`` column in a query or view links to its document.
- Hardening: an SQLite authorizer denies the functions that reach memory or the file system
  (``fts3_tokenizer`` takes and leaks pointers) and ATTACH; no value may exceed
  ``MAX_VALUE_BYTES``; any request but GET or HEAD is answered 405 (the database is read-only).
"""
import sqlite3

from datasette import hookimpl
from markupsafe import Markup, escape

from database.search import match_query

DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "fts5", "load_extension", "readfile", "writefile", "edit"})
MAX_VALUE_BYTES = 128 * 2**20  # a string or blob a query may build (zeroblob, printf, replace ...)
READ_METHODS = ("GET", "HEAD")


def authorize(action, arg1, arg2, db_name, trigger):
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, so our escape_fts wins
def prepare_connection(conn):
    conn.create_function("han_match", 1, match_query, deterministic=True)
    conn.create_function("escape_fts", 1, match_query, deterministic=True)
    conn.set_authorizer(authorize)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"405 Method Not Allowed: this database is read-only\n"})
                return
            await app(scope, receive, send)
        return read_only
    return wrap


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
