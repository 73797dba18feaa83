"""Full-text search that works for Chinese, with SQLite's own FTS5.

FTS5's default tokenizer (unicode61) reads a run of Han characters as one token, so ``低保`` would
never match inside ``城乡低保标准``; the trigram tokenizer cannot match queries shorter than three
characters. Instead of a custom tokenizer (not possible from Python's sqlite3) we index a derived
text in which every run of Han characters is spelled as overlapping bigrams followed by its last
character::

    城乡低保标准  ->  城乡 乡低 低保 保标 标准 准

so every character starts a token. A query is rewritten the same way (:func:`match_query`): a Han
run of two or more characters becomes the phrase of its bigrams (``孤儿院`` -> ``"孤儿 儿院"``), a
single character becomes a prefix query (``"孤"*``), anything else is quoted as Datasette does.
The Datasette plugin in ``database/plugins/`` registers :func:`match_query` as the SQL functions
``han_match()`` and ``escape_fts()``, so the search box of every table uses it.
"""
from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f〇]+")
_BITS = re.compile(r'"[^"]*"|[^\s"]+')


def _grams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text: str | None) -> str:
    """The derived text to put in an FTS column: Han runs as bigrams plus their last character."""
    if not text:
        return ""
    out, pos = [], 0
    for m in HAN.finditer(text):
        out.append(text[pos:m.start()])
        out.append(" ".join(_grams(m.group())))
        pos = m.end()
    out.append(text[pos:])
    return " ".join(p for p in out if p.strip())


# text -> index_text(text) computed ahead, in the worker that made the rows, so the build's one
# writing process does not spell every text again; read (not popped) by the index triggers, as
# many rows repeat a text (a region, a quote), and cleared after each batch of rows
PRECOMPUTED: dict[str, str] = {}


def indexed(text: str | None) -> str:
    """:func:`index_text`, from :data:`PRECOMPUTED` when a worker has already spelled it."""
    got = PRECOMPUTED.get(text) if text else None
    return got if got is not None else index_text(text)


def _terms(bit: str) -> list[str]:
    """FTS5 terms for one word or quoted phrase of a query, all of which must match."""
    terms, pos = [], 0
    for m in HAN.finditer(bit):
        terms.extend(f'"{w}"' for w in bit[pos:m.start()].split() if w)
        run = m.group()
        if len(run) == 1:
            terms.append(f'"{run}"*')
        else:
            terms.append('"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"')
        pos = m.end()
    terms.extend(f'"{w}"' for w in bit[pos:].split() if w)
    return terms


def match_query(query: str | None) -> str:
    """Rewrite a user's search into an FTS5 MATCH expression over :func:`index_text` columns.

    Every word must match (AND). Non-Han words keep Datasette's escaping (each quoted), so
    punctuation and FTS operators in a query are searched for, never interpreted.
    """
    if not query:
        return '""'
    terms = []
    for bit in _BITS.findall(query):
        inner = bit.strip('"').replace('"', " ")
        # split on what unicode61 treats as separators, as the index does
        inner = re.sub(r"[^\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f〇]+", " ", inner)
        terms.extend(_terms(inner))
    return " ".join(terms) or '""'
