"""Export records from a built database in the record contract's shape (spec/records.md).

Rows come out in a stable order (document file name, position in the text, id), so two exports
of the same build are byte-identical and diff well.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from typing import Iterator

from schemas.records import CHECK_FIELDS, CONTRACT_FIELDS

STATISTIC_FIELDS = ("source", "quote", "value", "unit", "what", "program", "region", "adcode", "period")
WHAT = {
    "standards": ("standards", CONTRACT_FIELDS),
    "statistics": ("statistics", STATISTIC_FIELDS),
    "checks": ("checks", CHECK_FIELDS),
}
_JSON_COLUMNS = {"inputs"}


def _number(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


def records(db_path, what: str) -> Iterator[dict]:
    table, fields = WHAT[what]
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        cols = ", ".join(f"[{f}]" for f in fields)
        for row in conn.execute(f"SELECT {cols} FROM [{table}] ORDER BY source, start, id"):
            rec = {}
            for f in fields:
                v = row[f]
                rec[f] = json.loads(v) if f in _JSON_COLUMNS and v else _number(v)
            yield rec
    finally:
        conn.close()


def write_jsonl(recs, out) -> int:
    n = 0
    for rec in recs:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(recs, out, what: str) -> int:
    w = csv.DictWriter(out, fieldnames=WHAT[what][1], lineterminator="\n")
    w.writeheader()
    n = 0
    for rec in recs:
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                    for k, v in rec.items()})
        n += 1
    return n
