"""Datasette plugin for the doudi database (loaded with ``--plugins-dir database/plugins``).

- Chinese full-text search: ``han_match(q)`` rewrites a query for the bigram index built by
  ``database.search``; it also replaces ``escape_fts()``, the function Datasette's own search box
  wraps the query in, so ``?_search=低保`` works on every table. For non-Han words it escapes
  exactly as Datasette does.
- Hardening: an SQLite authorizer denies the functions that reach memory or the file system
  (``fts3_tokenizer`` takes and leaks pointers) and ATTACH; no value may exceed
  ``MAX_VALUE_BYTES``; any request but GET or HEAD is answered 405 (the database is read-only).
- Researchers' words: ``doudi_code('programs', '低保')`` → ``dibao`` (database.labels) and the
  ``region_names`` table (黔南州 → 522700, written by the build), so canned queries take labels or codes; their inputs get
  lists of choices, and an empty result says what was asked.
- Pages (templates in database/templates): ``/DB/-/history`` (step chart of a fact's values),
  ``/DB/-/document/ID`` (the text with every record highlighted), ``/DB/-/map`` (regions shaded
  by a value at a date, offline), ``/DB/-/in-force`` (the parameters package's answer).
- Links: a ``document_id`` in a query or view links to its document; a ``quote`` to its place in
  the document page; the row page of a standard, statistic, check or fact to its document page
  and to its quote highlighted there (templates/row.html). Canned queries' pages are titled by
  their titles, not their SQL (templates/query.html).
- Spreadsheets: ``.xlsx`` beside ``.json`` and ``.csv``; ``?_bom=1`` on a ``.csv`` adds a
  byte-order mark for Excel and WPS (database.spreadsheet).
"""
import json
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup, escape

from database import labels, pages, spreadsheet
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


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, so our escape_fts wins
def prepare_connection(conn):
    conn.create_function("han_match", 1, match_query, deterministic=True)
    conn.create_function("escape_fts", 1, match_query, deterministic=True)
    conn.create_function("doudi_code", 2, labels.code, deterministic=True)
    conn.set_authorizer(authorize)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)


def _read_only(app):
    """Any request but GET or HEAD answers 405: the served database is read-only."""
    async def read_only(scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            await send({"type": "http.response.start", "status": 405,
                        "headers": [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": b"405 Method Not Allowed: this database is read-only\n"})
            return
        await app(scope, receive, send)
    return read_only


@hookimpl
def prepare_jinja2_environment(env):
    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), env.loader])


def _document_url(datasette, database, document_id, record_id=None):
    url = datasette.urls.path(f"/{database}/-/document/{document_id}")
    return url + (f"#r-{record_id}" if record_id else "")


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "quote" and isinstance(value, str) and row is not None:
        keys = row.keys() if hasattr(row, "keys") else []
        doc = row["document_id"] if "document_id" in keys else None
        rid = next((row[k] for k in ("standard_id", "statistic_id") if k in keys and row[k]), None)
        if rid is None and table in ("standards", "statistics", "checks") and "id" in keys:
            rid = row["id"]
        if doc:
            return Markup(f'<a class="doudi-quote" href="{escape(_document_url(datasette, database, doc, rid))}">'
                          f'{escape(value)}</a>')
        return None
    if column != "document_id" or not isinstance(value, str):
        return None

    async def link():
        if table is not None and table not in await datasette.get_database(database).view_names():
            return None  # tables link their foreign keys themselves
        url = datasette.urls.row(database, "documents", value)
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')

    return link()


# Tables whose rows come from a document: their row pages link to it and to the highlighted quote
_RECORD_SQL = {
    "standards": "select s.document_id, s.id as record_id, null as standard_id from standards s where s.id = :id",
    "statistics": "select s.document_id, s.id as record_id, null as standard_id from statistics s where s.id = :id",
    "checks": "select s.document_id, s.id as record_id, null as standard_id from checks s where s.id = :id",
    "facts": "select f.document_id, f.standard_id as record_id, f.standard_id from facts f where f.id = :id",
}


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table not in _RECORD_SQL or request is None:
        return None

    async def record():
        from datasette.utils import urlsafe_components

        pks = urlsafe_components(request.url_vars.get("pks", ""))
        if len(pks) != 1:
            return {}
        rows = await _rows(datasette, database, "select r.*, d.title, d.name from (" + _RECORD_SQL[table] +
                           ") r join documents d on d.id = r.document_id", {"id": pks[0]})
        if not rows:
            return {}
        r = rows[0]
        return {"doudi_record": dict(r, document_url=_document_url(datasette, database, r["document_id"]),
                                     quote_url=_document_url(datasette, database, r["document_id"], r["record_id"]))}

    return record


_CHOICES = {"program": "programs", "area": "areas", "metric": "metrics", "variant": "variants",
            "unit": "units", "status": "statuses"}


@hookimpl
def extra_body_script(template, database, view_name, request):
    """Lists of choices for program / area / metric inputs; say so when nothing matches; CSV for Excel."""
    if template not in ("query.html", "table.html"):
        return None
    choices = {name: labels.choices(section) for name, section in _CHOICES.items()}
    asked = {k: request.args.get(k) for k in (request.args.keys() if request else []) if not k.startswith("_")}
    return _SCRIPT.replace("$CHOICES", json.dumps(choices, ensure_ascii=False)) \
                  .replace("$ASKED", json.dumps(asked, ensure_ascii=False))


_SCRIPT = """
(function () {
  const choices = $CHOICES, asked = $ASKED;
  for (const [name, options] of Object.entries(choices)) {
    const input = document.querySelector('form input[name="' + name + '"]');
    if (!input) continue;
    const list = document.createElement('datalist');
    list.id = 'doudi-choices-' + name;
    for (const [code, zh] of options) {
      const o = document.createElement('option');
      o.value = code; o.label = zh; o.textContent = zh;
      list.appendChild(o);
    }
    document.body.appendChild(list);
    input.setAttribute('list', list.id);
    input.placeholder = options.slice(0, 3).map(o => o[1].split('/')[0] + ' / ' + o[0]).join('，') + ' …';
  }
  const zero = document.querySelector('.zero-results');
  if (zero && Object.keys(asked).length) {
    zero.textContent = '没有符合条件的记录 Nothing matches ' +
      Object.entries(asked).map(([k, v]) => k + ' = ' + v).join(', ') +
      '. 请检查拼写或从列表中选择 (check the spelling or pick from the list).';
    zero.classList.add('doudi-nothing');
  }
  const csv = document.querySelector('.export-links a[href*=".csv"]');
  if (csv) {
    const a = document.createElement('a');
    a.href = csv.href + (csv.href.includes('?') ? '&' : '?') + '_bom=1';
    a.textContent = 'CSV (Excel / WPS)';
    csv.after(', ', a);
  }
})();
"""


@hookimpl
def register_output_renderer():
    return {"extension": "xlsx", "render": spreadsheet.render_xlsx}


@hookimpl
def asgi_wrapper():
    return lambda app: _read_only(spreadsheet.bom_wrapper(app))


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)/-/history$", history),
        (r"^/(?P<database>[^/]+)/-/document/(?P<id>[^/]+)$", document),
        (r"^/(?P<database>[^/]+)/-/map$", map_page),
        (r"^/(?P<database>[^/]+)/-/in-force$", in_force),
    ]


async def _rows(datasette, database, sql, params=None):
    return [dict(r) for r in (await datasette.get_database(database).execute(sql, params or {})).rows]


HISTORY_SQL = """
select f.*, m.zh as metric_zh, v.zh as variant_zh, u.zh as unit_zh
from facts f
left join metrics m on m.code = f.metric
left join variants v on v.code = f.variant
left join units u on u.code = f.unit
where f.program = doudi_code('programs', :program) and f.area = doudi_code('areas', :area)
  and (f.adcode in (select code from region_names where name = :region) or f.region = :region)
  and (:metric = '' or f.metric = doudi_code('metrics', :metric))
order by f.valid_from, f.metric
"""


async def history(datasette, request):
    database = request.url_vars["database"]
    args = {k: request.args.get(k, "") for k in ("region", "program", "area", "metric", "unit", "today")}
    facts = await _rows(datasette, database, HISTORY_SQL, {k: args[k] for k in ("region", "program", "area", "metric")}) \
        if args["region"] and args["program"] and args["area"] else []
    charts = pages.history_charts(
        facts, unit=args["unit"] or None, today=args["today"] or None,
        link=lambda f: _document_url(datasette, database, f["document_id"], f["standard_id"]))
    return Response.html(await datasette.render_template("doudi_history.html", {
        "database": database, "args": args, "charts": charts, "asked": any(args.values()),
        "programs": labels.choices("programs"), "areas": labels.choices("areas"),
        "metrics": labels.choices("metrics"), "units": labels.choices("units"),
    }, request=request))


async def document(datasette, request):
    database, doc_id = request.url_vars["database"], request.url_vars["id"]
    docs = await _rows(datasette, database, "select d.*, c.content_id, c.copies from documents d "
                       "left join document_contents c on c.document_id = d.id where d.id = :id", {"id": doc_id})
    if not docs:
        return Response.html(f"<p>No document {escape(doc_id)}</p>", status=404)
    doc = docs[0]
    spans = []
    for table, title_sql in (
            ("standards", "program || ' ' || area || ' ' || metric || ' = ' || value || coalesce('–' || value_max, '') || ' ' || unit || coalesce(' (' || period || ')', '')"),
            ("statistics", "coalesce(what, '') || ' = ' || value || ' ' || unit"),
            ("checks", "kind || ': ' || verdict || ' — ' || explanation")):
        for r in await _rows(datasette, database, f'select id, start, "end", {title_sql} as title from {table} '
                             "where document_id = :id", {"id": doc_id}):
            spans.append(dict(r, kind=table, href=datasette.urls.row(database, table, r["id"])))
    copies = await _rows(datasette, database, "select d.id, d.name, d.format from document_contents c "
                         "join documents d on d.id = c.document_id where c.content_id = :c and d.id != :id "
                         "order by d.name", {"c": doc.get("content_id") or doc_id, "id": doc_id})
    return Response.html(await datasette.render_template("doudi_document.html", {
        "database": database, "doc": doc, "text": pages.highlight(doc["text"], spans),
        "counts": {k: sum(s["kind"] == k for s in spans) for k in ("standards", "statistics", "checks")},
        "copies": copies, "row_url": datasette.urls.row(database, "documents", doc_id),
    }, request=request))


MAP_SQL = """
select f.adcode, f.value, f.unit, f.sources, f.conflict, f.valid_from
from facts f
where f.program = doudi_code('programs', :program) and f.area = doudi_code('areas', :area)
  and f.metric = doudi_code('metrics', :metric) and f.status = 'in_force' and f.adcode is not null
  and f.valid_from <= :date and (f.valid_to is null or :date < f.valid_to)
"""


async def map_page(datasette, request):
    from datetime import date

    database = request.url_vars["database"]
    args = {"program": request.args.get("program") or "dibao", "area": request.args.get("area") or "rural",
            "metric": request.args.get("metric") or "standard",
            "date": request.args.get("date") or date.today().isoformat(),
            "level": request.args.get("level") or "province", "within": request.args.get("within") or "",
            "unit": request.args.get("unit") or "yuan/person/month"}
    level = args["level"] if args["level"] in ("province", "prefecture", "county") else "province"
    within = [r["code"] for r in await _rows(datasette, database, "select code from region_names where name = :name",
                                             {"name": args["within"]})] if args["within"] else []
    regions = await _rows(datasette, database,
                          "select code, name from regions where level = :level "
                          "and (:within = '' or code like rtrim(:within, '0') || '%') order by code",
                          {"level": level, "within": within[0] if within else ""})
    values: dict[str, float] = {}
    best: dict[str, tuple] = {}
    for r in await _rows(datasette, database, MAP_SQL, args):
        v = pages.convert(r["value"], r["unit"], args["unit"])
        if v is None:
            continue
        rank = (r["valid_from"], r["sources"], r["unit"] == args["unit"])
        if r["adcode"] not in best or rank > best[r["adcode"]]:
            best[r["adcode"]], values[r["adcode"]] = rank, round(v, 2)
    codes = {r["code"] for r in regions}

    def link(code):
        name = next(r["name"] for r in regions if r["code"] == code)
        return datasette.urls.path(f"/{database}/-/history?" + urlencode(
            {"region": code or name, "program": args["program"], "area": args["area"], "metric": args["metric"]}))

    svg = pages.choropleth(regions, {c: v for c, v in values.items() if c in codes}, args["unit"], link)
    return Response.html(await datasette.render_template("doudi_map.html", {
        "database": database, "args": args, "svg": svg, "shaded": sum(c in codes for c in values),
        "programs": labels.choices("programs"), "areas": labels.choices("areas"),
        "metrics": labels.choices("metrics"),
    }, request=request))


async def in_force(datasette, request):
    """What `doudi params` answers, from the same facts (inheritance, rules, staleness)."""
    from datetime import date

    from parameters import DatabaseError, MissingParameter, UnknownRegion, parameter_table

    database = request.url_vars["database"]
    as_of = request.args.get("date") or date.today().isoformat()
    region = request.args.get("region") or None
    path = datasette.get_database(database).path
    error, rows = None, []
    try:
        rows = [p.to_row() for p in parameter_table(path, as_of, region)]
    except (DatabaseError, UnknownRegion, MissingParameter, ValueError) as e:
        error = str(e)
    if request.args.get("_format") == "json":
        return Response.json({"as_of": as_of, "region": region, "error": error, "rows": rows},
                             status=400 if error else 200)
    return Response.html(await datasette.render_template("doudi_in_force.html", {
        "database": database, "as_of": as_of, "region": region or "", "rows": rows, "error": error,
        "columns": ["region", "program", "area", "variant", "metric", "value", "value_max", "unit", "since",
                    "resolution", "resolved_from", "rule", "age_days", "stale", "conflicts", "quote"],
    }, request=request))
