"""Long texts in linear time (issue 18): normalize + extract MB/s and peak memory, per case.

    python benchmarks/bench_long.py [--scale 1.0]

Cases, each in its own process (so its peak RSS is its own):

- ``dev``: the seeds and dev documents, each its own document (the reference rate), 3 MB;
- ``long``: one 50 MB text of ordinary lines (the dev documents one after another);
- ``one-line``: one 18 MB text without a single line break (the same documents, joined);
- ``enumeration``: one 104 KB line listing amounts (分别为495元/月和496元/月和…): a figure every
  13 bytes, so its MB/s is lower; what matters is that it does not fall as the line grows.

``--scale`` multiplies every size (``--scale 0.1`` runs in a minute on a shared machine). Target:
the long and one-line cases at no less than 80% of the dev rate. MB = 10^6 bytes of UTF-8. Figures are printed,
never asserted.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE), str(ROOT / "corpus")]

SIZES = {"dev": 3.0, "long": 50.0, "one-line": 18.0, "enumeration": 0.104}
TARGET = 0.8  # of the dev rate, for the long texts (an enumeration holds a figure every 13 bytes)
TARGETED = ("long", "one-line")


def texts(case: str, mb: float) -> list[str]:
    import make_hostile
    from bench_extract import sources, workload

    if case == "dev":
        return [t for _, t in workload(mb)]
    if case in ("long", "one-line"):  # the dev documents one after another, as lines or as one line
        base = "\n".join(t for _, t in sources())
        if case == "one-line":
            base = base.replace("\n", "")
        text = base * (int(mb * 1e6 / len(base.encode())) + 1)
        cut = len(text) * mb * 1e6 // len(text.encode())
        return [text[:int(cut)]]
    return [make_hostile.enumeration(int(mb * 1e6 / 13))]  # 13 bytes an item: 495元/月和


def run_case(case: str, mb: float) -> dict:
    import extractors
    from ingest.build import build_document

    docs = texts(case, mb)
    size = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    extractors.extract(build_document(doc_id="w", source="w.txt", format="txt", original="低保标准为每人每月600元。"))
    t = time.perf_counter()
    records = 0
    for i, text in enumerate(docs):
        doc = build_document(doc_id=f"{i}", source=f"{i}.txt", format="txt", original=text, chrome=True)
        records += len(extractors.extract(doc).standards)
    seconds = time.perf_counter() - t
    return {"case": case, "mb": size, "seconds": seconds, "rate": size / seconds, "records": records,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--case", choices=sorted(SIZES), help=argparse.SUPPRESS)  # one case, in a child
    args = ap.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, SIZES[args.case] * args.scale)))
        return
    results = {}
    for case in SIZES:
        out = subprocess.run([sys.executable, __file__, "--case", case, "--scale", str(args.scale)],
                             capture_output=True, text=True, check=True)
        r = results[case] = json.loads(out.stdout.splitlines()[-1])
        share = r["rate"] / results["dev"]["rate"]
        print(f"{case:12} {r['mb']:8.2f} MB {r['seconds']:8.1f} s {r['rate']:6.2f} MB/s "
              f"({share:4.0%} of dev{', BELOW TARGET' if case in TARGETED and share < TARGET else ''}) "
              f"peak {r['peak_mb']:7.0f} MB  {r['records']} records", flush=True)


if __name__ == "__main__":
    main()
