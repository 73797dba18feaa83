"""HTML pages: the main text only, with the page title and publication date.

Chrome goes first (navigation, footer, forms, and elements whose class or id names a menu, share
widget, comment list or related links; see ``data/boilerplate.yaml``). The main text is then the
element with the densest prose, scored as readability does: each paragraph of real text credits
its parent fully and its grandparent by half, and link-heavy elements lose their credit.
``<table>`` elements holding data become table blocks.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .boilerplate import DATA
from .build import Composer, build_document
from .document import file_id
from .encoding import decode
from .errors import IngestError
from .limits import LIMITS, OverBudget
from .metadata import find_date, iso_date, patterns

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[-_\s]+")
_COMMAS = re.compile(r"[,，、。;；]")
_TITLE_SEP = re.compile(r"\s*(?:_|\||｜| - | — |--)\s*")
_BR = "\x00"  # a <br> inside inline markup, split on when the line is flushed
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
                     "blockquote", "pre", "center", "header", "figure", "figcaption", "tr", "table", "hr"}
DATE_META = ("article:published_time", "pubdate", "publishdate", "firstpublishedtime", "og:release_date",
             "dc.date", "dc.date.issued", "date", "publish_date", "releasedate")


@lru_cache(maxsize=1)
def _rules() -> dict:
    import yaml

    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {"drop": set(raw["html_drop_tags"]), "chrome": set(raw["html_chrome_tokens"]),
            "para": set(raw["html_paragraph_tags"]), "min_para": raw["html_min_paragraph"]}


def _decode(path, data: bytes) -> tuple[str, str]:
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        enc = "gb18030" if declared in ("gb2312", "gbk", "gb18030", "x-gbk") else declared
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detect instead
    return decode(path, data)


def _is_chrome(tag: Tag, tokens: set[str]) -> bool:
    attrs = tag.attrs or {}
    names = " ".join([*(attrs.get("class") or []), attrs.get("id") or "", attrs.get("role") or ""])
    return bool(names.strip()) and any(t in tokens for t in _TOKEN.split(names.lower()) if t)


def _prune(soup: BeautifulSoup) -> None:
    """Drop comments, dropped tags and chrome in one walk that skips what it drops (linear: a
    dropped element's descendants are never visited), with an explicit stack (any depth)."""
    r = _rules()
    doomed = []
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > LIMITS.max_html_depth:
            raise OverBudget(f"HTML elements nested more than {LIMITS.max_html_depth:,} deep")
        for child in node.contents:
            if isinstance(child, Comment):
                doomed.append(child)
            elif isinstance(child, Tag):
                if child.name in r["drop"] or (child.name not in ("html", "body")
                                               and _is_chrome(child, r["chrome"])):
                    doomed.append(child)
                else:
                    stack.append((child, depth + 1))
    for node in doomed:
        node.extract() if isinstance(node, Comment) else node.decompose()


def _text(tag: Tag) -> str:
    return _WS.sub(" ", tag.get_text(" ")).strip()


def _main(body: Tag) -> Tag:
    r = _rules()
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for p in body.find_all(r["para"]):
        text = _text(p)
        if len(text) < r["min_para"]:
            continue
        credit = 1 + len(_COMMAS.findall(text)) + min(len(text) / 100, 3)
        parent = p.parent
        for share in (1.0, 0.5):
            if parent is None or not isinstance(parent, Tag):
                break
            scores[id(parent)] = scores.get(id(parent), 0.0) + credit * share
            nodes[id(parent)] = parent
            parent = parent.parent
    best, best_score = body, 0.0
    for key, node in nodes.items():
        text_len = len(_text(node)) or 1
        link_len = sum(len(_text(a)) for a in node.find_all("a"))
        score = scores[key] * (1 - link_len / text_len)
        if score > best_score:
            best, best_score = node, score
    return best


def _span(cell: Tag, attr: str) -> int:
    span = str(cell.get(attr) or "1").strip()
    return min(int(span), 50) if span.isdigit() and int(span) > 0 else 1


def _rows(table: Tag) -> list[list[str]]:
    """The table as a grid: a cell spanning columns or rows stands in every place it covers (a
    地区 header of rowspan 2 heads the second header row too)."""
    rows, below = [], {}  # below: column -> (text, rows left) of cells spanning down
    for tr in table.find_all("tr"):
        cells, col = [], 0

        def fill():
            nonlocal col
            while col in below:
                text, left = below[col]
                cells.append(text)
                below[col] = (text, left - 1)
                if left <= 1:
                    del below[col]
                col += 1

        for cell in tr.find_all(["td", "th"]):
            fill()
            text, width, height = _text(cell), _span(cell, "colspan"), _span(cell, "rowspan")
            for _ in range(width):
                if height > 1:
                    below[col] = (text, height - 1)
                cells.append(text)
                col += 1
        fill()
        rows.append(cells)
    return rows


def _walk(node: Tag, out: Composer) -> None:
    """Block elements end lines; inline ones keep their text on the current line (a <br> inside
    them still breaks). An explicit stack of child iterators, not recursion: any depth."""
    buf: list[str] = []

    def flush():
        for line in "".join(buf).split(_BR):
            line = _WS.sub(" ", line).strip()
            if line:
                out.add(line)
        buf.clear()

    stack = [(iter(node.children), False)]  # (children, inline)
    while stack:
        children, inline = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if not inline:
                flush()
            continue
        if isinstance(child, NavigableString):
            buf.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            if inline:
                buf.append(_BR)
            else:
                flush()
        elif inline:
            stack.append((iter(child.children), True))
        elif name == "table" and not child.find("table"):
            flush()
            caption = child.find("caption")
            out.add_table(_rows(child), _text(caption) if caption else None)
        elif name in HEADINGS:
            flush()
            out.add(_text(child), "heading")
        elif name in BLOCKS:
            flush()
            stack.append((iter(child.children), False))
        else:
            stack.append((iter(child.children), True))


def _title_tag(soup: BeautifulSoup) -> str | None:
    """``<title>`` without the site name after ``_`` / ``|`` / `` - ``."""
    if soup.title and soup.title.string:
        parts = [p for p in _TITLE_SEP.split(soup.title.string.strip()) if p]
        return parts[0] if parts else None
    return None


def _page_url(soup: BeautifulSoup) -> str | None:
    """The page's own address: ``<link rel=canonical>``, else ``og:url``; absolute http(s) only."""
    link = soup.find("link", rel="canonical")
    meta = soup.find("meta", attrs={"property": "og:url"})
    for url in (link and link.get("href"), meta and meta.get("content")):
        if url and url.strip().lower().startswith(("http://", "https://")):
            return url.strip()
    return None


def _meta_date(soup: BeautifulSoup) -> str | None:
    date_re = patterns()["date"]
    for meta in soup.find_all("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in DATE_META and (m := date_re.search(meta.get("content") or "")):
            return iso_date(m)
    for t in soup.find_all("time"):
        if (m := date_re.search(t.get("datetime") or _text(t))):
            return iso_date(m)
    return None


def load_html(path, data: bytes):
    text, enc = _decode(path, data)
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as e:  # lxml rejects some binary junk outright
        raise IngestError(path, f"cannot parse HTML: {e}") from None
    published = _meta_date(soup)
    title = _title_tag(soup)
    url = _page_url(soup)
    _prune(soup)
    body = soup.body or soup
    if published is None:
        from .normalize import normalize_text

        published = find_date(normalize_text(body.get_text("\n")))
    main = _main(body)
    out = Composer()
    h1 = soup.find("h1")
    if h1 is not None and _text(h1):
        title = _text(h1)  # the article's own heading beats the <title> of the page
        if main.find("h1") is None:
            out.add(title, "heading")
    _walk(main, out)
    if not out.blocks:
        raise IngestError(path, "no text found in HTML page")
    return build_document(doc_id=file_id(data), source=str(path), format="html", original=out.original,
                          blocks=out.blocks, encoding=enc, title=title, published=published, url=url)
