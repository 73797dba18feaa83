"""Document metadata read from the normalized text: title, date, issuers, numbers, kind.

Patterns are data (``data/metadata.yaml``). Loaders that know better (HTML ``<title>``, DOCX core
properties) set ``title``/``published`` first; this only fills what is still empty.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from language.dates import pattern as date_pattern
from language.docnumbers import doc_numbers
from language.titles import without_cited

from .boilerplate import ENUMERATED, is_byline, is_heading
from .document import Document

DATA = Path(__file__).with_name("data") / "metadata.yaml"
HEAD_BLOCKS = 25  # bylines and titles sit near the top of a page
_FILE_EXT = re.compile(r"\.(?:docx?|pdf|txt|wps|xlsx?)$", re.I)


@lru_cache(maxsize=1)
def patterns() -> dict:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    date = date_pattern("page_date").pattern  # {date} in the contexts below
    organs = "|".join(sorted(map(re.escape, raw["organs"]), key=len, reverse=True))
    national = "|".join(sorted(map(re.escape, raw["national_bodies"]), key=len, reverse=True))
    return {
        "date": re.compile(date),
        "date_contexts": [re.compile(c.replace("{date}", date)) for c in raw["date_contexts"]],
        "date_line": re.compile(raw["date_line"].replace("{date}", date)),
        "issuer": re.compile(rf"(?:{raw['places']}|{raw['bare_places']})?(?:{organs})|{national}"),
        "issuer_stop": re.compile("|".join(map(re.escape, raw["issuer_stopwords"]))),
        "source_line": re.compile(raw["source_line"]),
        "url_line": re.compile(raw["url_line"]),
        "url_date": date_pattern("url_date"),
        "kinds": {k: (re.compile(v["title"]), v["cues"]) for k, v in raw["kinds"].items()},
        "kind_bylines": {k: re.compile(v["byline"]) for k, v in raw["kinds"].items() if "byline" in v},
    }


def iso_date(m: re.Match) -> str | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_date(text: str) -> str | None:
    """The page's own date: a labelled date or a timestamp, else a date alone on a line."""
    p = patterns()
    for ctx in p["date_contexts"]:
        for m in ctx.finditer(text):
            if (d := iso_date(m)):
                return d
    for line in text.splitlines():
        if len(line) <= 28 and (m := p["date_line"].fullmatch(line)) and (d := iso_date(m)):
            return d
    return None


def find_doc_numbers(text: str) -> list[str]:
    """文号 such as 黔南府办函〔2015〕59号, 桂政办发(2022)120号, ***府发[201*]8号."""
    out = []
    for n in doc_numbers(text):
        if n.complete and n.issuer and n.number not in out:  # a document's own is written whole
            out.append(n.number)
    return out


def find_issuers(text: str) -> list[str]:
    """Government bodies named in ``text`` outside 《》 titles."""
    p = patterns()
    out = []
    for m in p["issuer"].finditer(without_cited(text)):
        name = m.group(0)
        stops = list(p["issuer_stop"].finditer(name))
        if stops:
            name = name[stops[-1].end():]
        if len(name) >= 3 and name not in out:
            out.append(name)
    return out


def _title(doc: Document, blocks) -> str | None:
    """The line just above the byline on a web page; else an early heading-like line."""
    texts = [(b, doc.text[b.start:b.end]) for b in blocks[:HEAD_BLOCKS]]
    for i, (b, line) in enumerate(texts):
        if is_byline(line):
            for pb, prev in reversed(texts[:i]):
                if pb.kind != "boilerplate" and is_heading(prev) and not ENUMERATED.match(prev):
                    return _FILE_EXT.sub("", prev.strip())
            break
    body = [(b, t) for b, t in texts if b.kind != "boilerplate"][:3]
    for b, line in body:
        if (b.kind == "heading" or is_heading(line)) and not ENUMERATED.match(line) and b.kind != "table":
            return _FILE_EXT.sub("", line.strip())
    return None


def _kind(doc: Document) -> str | None:
    if doc.format in ("xlsx", "csv") or (doc.blocks and all(b.kind == "table" for b in doc.blocks)):
        return "table"
    kinds = patterns()["kinds"]
    bylines = [doc.text[b.start:b.end] for b in doc.blocks[:HEAD_BLOCKS]]
    for kind, byline_re in patterns()["kind_bylines"].items():
        if any(is_byline(line) and byline_re.search(line) for line in bylines):
            return kind
    if doc.title:
        for kind, (title_re, _) in kinds.items():
            if title_re.search(doc.title):
                return kind
    scores = {kind: sum(doc.text.count(c) for c in cues) for kind, (_, cues) in kinds.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else None


def url_date(url: str) -> str | None:
    """The date a web address files its page under (/2006-08/08/…, /201909/t20190912_…): the most
    precise one it writes, a month's first day where it gives no day."""
    found = []
    for m in patterns()["url_date"].finditer(url or ""):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d") or 1)
        if 1 <= mo <= 12 and 1 <= d <= 31:
            found.append((m.group("d") is not None, f"{y:04d}-{mo:02d}-{d:02d}"))
    return max(found, key=lambda x: x[0])[1] if found else None


def fill_metadata(doc: Document) -> None:
    p = patterns()
    blocks = doc.blocks
    if doc.title is None:
        doc.title = _title(doc, blocks)
    head = "\n".join(doc.text[b.start:b.end] for b in blocks[:HEAD_BLOCKS])
    tail = "\n".join(doc.text[b.start:b.end] for b in blocks[-HEAD_BLOCKS:] if b.kind != "table")
    if doc.published is None:
        doc.published = find_date(head) or find_date(tail)
    if not doc.issuers:
        sources = [m.group("src") for m in p["source_line"].finditer(head)]
        signature = [doc.text[b.start:b.end] for b in blocks[-6:]
                     if b.end - b.start <= 30 and b.kind != "table"]
        doc.issuers = find_issuers("\n".join(filter(None, [doc.title or "", *sources, *signature])))
    if not doc.doc_numbers:
        doc.doc_numbers = find_doc_numbers(doc.text)
    if doc.kind is None:
        doc.kind = _kind(doc)
    if doc.url is None and (m := p["url_line"].search(head)):
        doc.url = m.group("url")
    if doc.published is None and doc.url:
        doc.published = url_date(doc.url)
