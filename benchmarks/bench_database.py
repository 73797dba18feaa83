"""Latency of the canned queries on a database of one million standards and one million facts.

Builds a database with the real schema (database/schema.sql, database/facts.py, indexes,
full-text search) holding synthetic standards and facts (series of five values, each in force until
the next) spread over the counties of gazetteer/data/regions.csv, then asks Datasette's JSON API
(in-process client, the metadata and plugins `doudi serve` uses):

- "in force at a date" (standards_in_force for a region and program): target p95 < 50 ms;
- a mixed load of history, search and in-force queries, 8 at a time, 2,000 requests: target
  p95 < 100 ms and no errors.

    python benchmarks/bench_database.py [--rows 1000000] [--queries 300] [--requests 2000] [--db /tmp/bench.db] [--reuse]
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from database import facts as facts_mod
from database import schema
from database.publish import datasette
from pipeline import region_names
from schemas import VOCAB


def build(path: Path, rows: int, seed: int = 0) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    schema.create(db)
    regions = [(r["code"], r["name"]) for r in db.query("select code, name from regions where level = 'county'")]
    programs, metrics, units = list(VOCAB["programs"]), list(VOCAB["metrics"]), list(VOCAB["units"])
    areas = list(VOCAB["areas"])
    db["documents"].insert_all({"id": f"{i:016x}", "source": f"synthetic/{i}.txt", "name": f"{i}.txt",
                                "format": "txt", "title": f"合成文件{i}", "text": "低保标准",
                                "ingested_at": "2024-01-01T00:00:00+00:00"} for i in range(1000))
    cols = ("id", "document_id", "source", "region", "adcode", "program", "area", "metric", "value",
            "unit", "period", "period_start", "year", "status", "quote", "target_groups",
            "unit_inferred", "region_inferred")
    sql = f"INSERT INTO standards ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def gen():
        for i in range(rows):
            code, name = regions[rng.randrange(len(regions))]
            year, month = rng.randint(2000, 2024), rng.randint(1, 12)
            doc = rng.randrange(1000)
            value = rng.randint(100, 9000)
            yield (f"{i:016x}", f"{doc:016x}", f"{doc}.txt", name, code, rng.choice(programs),
                   rng.choice(areas), rng.choice(metrics), float(value), rng.choice(units),
                   f"{year}-{month:02d}", f"{year}-{month:02d}-01", year, "in_force",
                   f"{name}低保标准提高到{value}元", "[]", 0, 0)

    with db.conn:
        db.conn.executemany(sql, gen())
    db.execute("CREATE TABLE document_contents (document_id TEXT PRIMARY KEY, content_id TEXT, copies INTEGER)")
    db.executescript(facts_mod.DDL)
    fcols = ("id", "adcode", "region", "program", "area", "metric", "unit", "period", "status", "value",
             "sources", "standards", "derived", "conflict", "valid_from", "valid_to", "year", "series",
             "standard_id", "document_id", "quote")

    def facts():
        for s in range(rows // 5):  # series of five values, two to four years apart
            code, name = regions[rng.randrange(len(regions))]
            program, area, metric = rng.choice(programs), rng.choice(areas), rng.choice(metrics)
            year, value = rng.randint(2000, 2006), rng.randint(100, 900)
            starts = []
            for _ in range(5):
                starts.append(year)
                year += rng.randint(2, 4)
            for i, y in enumerate(starts):
                value += rng.randint(10, 80)
                doc = rng.randrange(1000)
                yield (f"f{s:09d}{i}", code, name, program, area, metric, "yuan/person/month", str(y),
                       "in_force", float(value), 1, 1, 0, 0, f"{y}-01-01",
                       f"{starts[i + 1]}-01-01" if i + 1 < 5 else None, y, f"s{s:09d}",
                       f"{rng.randrange(rows):016x}", f"{doc:016x}", f"{name}低保标准提高到{value}元")

    with db.conn:
        db.conn.executemany(f"INSERT INTO facts ({', '.join(fcols)}) VALUES ({', '.join('?' * len(fcols))})", facts())
    db.executescript(facts_mod.INDEXES)
    region_names.build(db)  # the names canned queries accept, as a build writes them
    schema.finish(db)
    db.close()
    return triples(path)


def triples(path: Path) -> list[tuple[str, str, str]]:
    """(county, program, area) the queries ask about."""
    db = sqlite_utils.Database(path)
    names = [r["name"] for r in db.query("select name from regions where level = 'county' order by code")]
    return [(n, p, a) for n in names for p in VOCAB["programs"] for a in VOCAB["areas"]]


def _url(name: str, kind: str, rng: random.Random, triples) -> str:
    region, program, area = rng.choice(triples)
    if kind == "history":
        return (f"/{name}/standard_history.json?region={quote(region)}&program={program}&area={area}"
                "&_shape=array")
    if kind == "search":
        return f"/{name}/search.json?q={quote(rng.choice(['低保', '特困', '孤儿', '临时救助']))}&_shape=array"
    year = rng.randint(2001, 2024)
    return (f"/{name}/standards_in_force.json?date={year}-06-30&region={quote(region)}&program={program}"
            "&_shape=array")


async def measure(path: Path, triples, n: int, kind: str, seed: int = 1) -> list[float]:
    ds = datasette(path)
    await ds.invoke_startup()
    rng = random.Random(seed)
    times = []
    for i in range(n + 10):
        url = _url(path.stem, kind, rng, triples)
        t = time.perf_counter()
        r = await ds.client.get(url)
        elapsed = time.perf_counter() - t
        assert r.status_code == 200, r.text[:200]
        if i >= 10:  # warm-up
            times.append(elapsed * 1000)
    return times


async def mixed(path: Path, triples, n: int, concurrency: int = 8, seed: int = 2) -> tuple[list[float], int]:
    """``n`` requests (history, search, in force in turn), ``concurrency`` at a time."""
    ds = datasette(path)
    await ds.invoke_startup()
    rng = random.Random(seed)
    urls = [_url(path.stem, ("history", "search", "in_force")[i % 3], rng, triples) for i in range(n)]
    gate = asyncio.Semaphore(concurrency)
    times, errors = [], 0

    async def one(url):
        nonlocal errors
        async with gate:
            t = time.perf_counter()
            r = await ds.client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            errors += r.status_code != 200

    await asyncio.gather(*(one(u) for u in urls))
    return times, errors


def _figures(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="standards, and as many facts")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/doudi-bench.db"))
    ap.add_argument("--reuse", action="store_true", help="query the database --db holds, built by an earlier run")
    args = ap.parse_args()
    t = time.perf_counter()
    if args.reuse and args.db.exists():
        asked = triples(args.db)
        print(f"reusing {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)")
    else:
        asked = build(args.db, args.rows)
        print(f"built {args.rows:,} standards and {args.rows // 5 * 5:,} facts in {time.perf_counter() - t:.1f} s "
              f"({args.db.stat().st_size / 1e6:.0f} MB)")
    for kind, target in (("history", 50), ("in_force", 50)):
        times = asyncio.run(measure(args.db, asked, args.queries, kind))
        p50, p95 = _figures(times)
        print(f"{kind} via Datasette JSON API, {len(times)} queries: median {p50:.1f} ms, p95 {p95:.1f} ms, "
              f"max {max(times):.1f} ms ({'meets' if p95 < target else 'MISSES'} the {target} ms p95 target)")
    times, errors = asyncio.run(mixed(args.db, asked, args.requests))
    p50, p95 = _figures(times)
    print(f"mixed history/search/in-force, concurrency 8, {len(times)} requests: median {p50:.1f} ms, "
          f"p95 {p95:.1f} ms, {errors} errors ({'meets' if p95 < 100 and not errors else 'MISSES'} "
          f"the 100 ms p95 / no errors target)")


if __name__ == "__main__":
    main()
