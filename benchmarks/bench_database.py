"""Latency of the canned history query on a database of one million standards.

Builds a database with the real schema (database/schema.sql, indexes, full-text search) holding
1,000,000 synthetic standards spread over the regions of extractors/data/regions.csv, then asks
Datasette's JSON API (in-process client, the metadata and plugins `doudi serve` uses) for the
history of random (region, program, area) triples. Target: 95th percentile under 50 ms.

    python benchmarks/bench_database.py [--rows 1000000] [--queries 300] [--db /tmp/bench.db]
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

from database import schema
from database.publish import datasette
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
    schema.finish(db)
    db.close()
    return [(name, p, a) for (_, name) in regions for p in programs for a in areas]


async def measure(path: Path, triples, n: int, seed: int = 1) -> list[float]:
    ds = datasette(path)
    await ds.invoke_startup()
    rng = random.Random(seed)
    name = path.stem
    times = []
    for i in range(n + 10):
        region, program, area = rng.choice(triples)
        url = (f"/{name}/standard_history.json?region={quote(region)}&program={program}&area={area}"
               "&_shape=array")
        t = time.perf_counter()
        r = await ds.client.get(url)
        elapsed = time.perf_counter() - t
        assert r.status_code == 200, r.text[:200]
        if i >= 10:  # warm-up
            times.append(elapsed * 1000)
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--db", type=Path, default=Path("/tmp/doudi-bench.db"))
    args = ap.parse_args()
    t = time.perf_counter()
    triples = build(args.db, args.rows)
    print(f"built {args.rows:,} standards in {time.perf_counter() - t:.1f} s "
          f"({args.db.stat().st_size / 1e6:.0f} MB)")
    times = asyncio.run(measure(args.db, triples, args.queries))
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"standard_history via Datasette JSON API, {len(times)} queries: "
          f"median {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
          f"({'meets' if p95 < 50 else 'MISSES'} the 50 ms p95 target)")


if __name__ == "__main__":
    main()
