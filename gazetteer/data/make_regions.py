"""Build ``regions.csv`` (the national administrative-division table) from maintained sources.

    python gazetteer/data/make_regions.py            # rewrites gazetteer/data/regions.csv

Sources, installed from PyPI (see ``regions.md`` for the year each reflects):

* ``jionlp`` ``dictionary/china_location.txt``: the current hierarchy (province / prefecture /
  county) with 6-digit codes and short names; ``china_location_change.txt``: renamed and merged
  divisions since 2002, which give former names.
* ``cpca`` ``resources/adcodes.csv``: an older (about 2016) code table with coordinates; its
  codes and names that no longer exist are former names of today's divisions.
* ``region_former_names.csv`` (beside this script): the few older renames documents still use
  that neither source records, each with its year.

Statistical development zones that jionlp lists under a prefecture (codes ending 7x) have no
administrative code, so they get level ``zone`` and an empty code, keeping their parent.
"""
from __future__ import annotations

import csv
import re
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "regions.csv"
FIELDS = ["code", "name", "short_name", "level", "parent", "longitude", "latitude", "former_names",
          "pinyin", "initials"]

# jionlp placeholders that are not divisions (their children hang on the level above)
PLACEHOLDERS = {"省直辖行政区划", "市直辖行政区划", "自治区直辖县级行政区划", "省直辖县级行政区划", "市辖区", "县"}
ZONE_NAME = re.compile(r"(开发区|园区|产业园|新区|管委会|管理区|示范区|风景名胜区|食品区|试验区|实验区)$")


def package_file(package: str, *parts: str) -> Path:
    return Path(find_spec(package).origin).parent.joinpath(*parts)


def read_jionlp(known: set[str]) -> tuple[dict, list]:
    """code -> row for the three levels, in file order; zones listed separately."""
    rows: dict[str, dict] = {}
    zones: list[dict] = []
    stack: list[str | None] = [None, None, None]
    path = package_file("jionlp", "dictionary", "china_location.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\t{0,2})([^\t]+)\t(\d{6})\t([^\t]*)$", line)
        if not m:
            continue
        depth, name, code, short = len(m.group(1)), m.group(2).strip(), m.group(3), m.group(4).strip()
        parent = next((c for c in reversed(stack[:depth]) if c), None)
        if depth == 0:
            stack = [code, None, None]
        elif depth == 1:
            stack[1:] = [None if (name in PLACEHOLDERS or code in rows) else code, None]
        if name in PLACEHOLDERS or code in rows:
            continue
        if code.startswith(("81", "82")) and depth > 0:  # HK/Macau districts share the SAR code
            continue
        level = ["province", "prefecture", "county"][depth]
        row = {"code": code, "name": name, "short_name": short, "level": level, "parent": parent or "",
               "longitude": "", "latitude": "", "former_names": []}
        # statistical zones: 7x codes, or a zone name with a code the older table lacks
        if depth == 2 and (code[4] == "7" or (ZONE_NAME.search(name) and code not in known)):
            row.update(code="", level="zone")
            zones.append(row)
            continue
        rows[code] = row
    return rows, zones


def read_cpca() -> dict[str, dict]:
    path = package_file("cpca", "resources", "adcodes.csv")
    with path.open(encoding="utf-8") as f:
        return {r["adcode"][:6]: r for r in csv.DictReader(f)}


def add_former(row: dict, name: str) -> None:
    if name and name != row["name"] and name not in row["former_names"]:
        row["former_names"].append(name)


def by_path(rows: dict) -> dict[tuple, str]:
    """(province name, prefecture name, county name) -> code, for the change file."""
    index = {}
    for code, r in rows.items():
        chain = [r]
        while chain[-1]["parent"] and chain[-1]["parent"] in rows:
            chain.append(rows[chain[-1]["parent"]])
        names = [x["name"] for x in reversed(chain)]
        index[tuple(names)] = code
        if len(names) == 2 and r["level"] == "county":  # county under a municipality or 省直辖
            index[(names[0], names[0], names[1])] = code
    return index


def apply_changes(rows: dict) -> None:
    index = by_path(rows)
    path = package_file("jionlp", "dictionary", "china_location_change.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old, new = old.split("\t"), new.split("\t")
        if len(old) == 8 and len(new) == 3:
            code = index.get(tuple(new))
            if code:
                add_former(rows[code], old[6])
        elif len(old) == 6 and len(new) == 2:
            code = index.get(tuple(new))
            if code:
                add_former(rows[code], old[4])


def apply_cpca(rows: dict, cpca: dict) -> None:
    """Coordinates by code; cpca names that changed become former names."""
    new_codes = {c for c in rows if c not in cpca}
    for code, r in cpca.items():
        name = r["name"]
        if code in rows:
            row = rows[code]
            row["longitude"], row["latitude"] = r["longitude"], r["latitude"]
            if name not in PLACEHOLDERS and "直辖" not in name and row["level"] != "province":
                add_former(row, name)
            continue
        if name in PLACEHOLDERS or "直辖" in name:
            continue
        # an abolished code: its successor is a new code in the same prefecture sharing its stem
        cands = [c for c in new_codes if c[:4] == code[:4] and rows[c]["level"] == "county"]
        stem = [c for c in cands if rows[c]["name"][0] == name[0]]
        target = stem[0] if len(stem) == 1 else None
        if target:
            add_former(rows[target], name)
            if not rows[target]["longitude"]:
                rows[target]["longitude"], rows[target]["latitude"] = r["longitude"], r["latitude"]


def apply_curated(rows: dict) -> None:
    with (HERE / "region_former_names.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            add_former(rows[r["code"]], r["former_name"])


def add_pinyin(rows) -> None:
    """Toneless pinyin of the short name (东营 -> dongying) and its initials (蚌埠 -> bb): how web
    hosts spell a place (dongyingnews.cn, mzj.yulin.gov.cn, bbnews.cn, ahhy.gov.cn). pypinyin's phrase table reads place-name polyphones
    (蚌埠 bengbu, 六安 luan)."""
    from pypinyin import Style, lazy_pinyin

    for r in rows:
        name = r["short_name"] or r["name"]
        if r["level"] in ("province", "prefecture", "county") and name:
            r["pinyin"] = "".join(lazy_pinyin(name))
            r["initials"] = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))  # 蚌埠 bb: bbnews.cn


def main() -> None:
    cpca = read_cpca()
    rows, zones = read_jionlp(set(cpca))
    rows = {"100000": {"code": "100000", "name": "全国", "short_name": "", "level": "country",
                       "parent": "", "longitude": "", "latitude": "", "former_names": []}, **rows}
    apply_changes(rows)
    apply_cpca(rows, cpca)
    apply_curated(rows)
    add_pinyin(list(rows.values()))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, lineterminator="\n")
        w.writeheader()
        for r in list(rows.values()) + zones:
            w.writerow({"pinyin": "", "initials": "", **r, "former_names": ";".join(r["former_names"])})
    print(f"wrote {OUT} ({len(rows)} divisions, {len(zones)} zones)")


if __name__ == "__main__":
    main()
