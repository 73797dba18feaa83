"""Content groups: the copies of one content among the documents.

The same report as TXT, PDF and DOCX, a GBK and a UTF-8 copy, a page reposted with its site's
chrome around it: each is a document of its own (its own bytes, its own offsets), but one source
of evidence. Two documents hold one content when nearly all the character k-grams of the shorter
one (letters and digits only, so layout and punctuation do not count) are in the longer one;
groups are closed under that relation. ``document_contents`` maps every document to its
content's primary copy (the most complete one); counts count contents, not files.
"""
from __future__ import annotations

import unicodedata
import zlib
from pathlib import Path

import sqlite_utils
import yaml

SETTINGS = yaml.safe_load((Path(__file__).parent / "data" / "facts.yaml").read_text("utf-8"))["content"]
_SAMPLE = 4  # keep one k-gram in 4 (by hash): the same ones in every text, so shares still compare


def compact(text: str) -> str:
    """Letters and digits only (the text is already NFKC and simplified)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def shingles(text: str, k: int | None = None) -> set[int]:
    k = k or SETTINGS["shingle"]
    s = compact(text)
    grams = {zlib.crc32(s[i:i + k].encode()) for i in range(max(1, len(s) - k + 1))}
    sampled = {g for g in grams if g % _SAMPLE == 0}
    return sampled or grams  # a very short text keeps all it has


def contained(small: set[int], large: set[int]) -> float:
    return len(small & large) / len(small) if small else 0.0


def groups(texts: dict[str, str]) -> dict[str, str]:
    """{document id: primary document id} for documents {id: text}."""
    sets = {i: shingles(t) for i, t in texts.items()}
    size = {i: len(compact(t)) for i, t in texts.items()}
    parent = {i: i for i in texts}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # An inverted index keeps the pairs to compare to those sharing k-grams.
    holders: dict[int, list[str]] = {}
    for i, s in sets.items():
        for g in s:
            holders.setdefault(g, []).append(i)
    threshold = SETTINGS["contained"]
    for i, s in sets.items():
        shared: dict[str, int] = {}
        for g in s:
            for j in holders[g]:
                if j != i:
                    shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            small = i if len(s) <= len(sets[j]) else j
            if n / max(1, len(sets[small])) >= threshold:
                a, b = root(i), root(j)
                if a != b:
                    parent[a] = b
    members: dict[str, list[str]] = {}
    for i in texts:
        members.setdefault(root(i), []).append(i)
    primary = {}
    for group in members.values():
        best = max(group, key=lambda i: (size[i], -len(i), i))  # the most complete copy
        for i in group:
            primary[i] = best
    return primary


def build(db: sqlite_utils.Database) -> int:
    """(Re)write ``document_contents`` for every document in ``db``; returns the number of contents."""
    texts = {r[0]: r[1] for r in db.execute("SELECT id, text FROM documents")}
    primary = groups(texts)
    copies: dict[str, int] = {}
    for p in primary.values():
        copies[p] = copies.get(p, 0) + 1
    db.execute("DROP TABLE IF EXISTS document_contents")
    db.execute("""CREATE TABLE document_contents (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        content_id TEXT NOT NULL REFERENCES documents(id),  -- the content's primary copy
        copies INTEGER NOT NULL                             -- documents holding this content
    )""")
    db["document_contents"].insert_all(
        {"document_id": d, "content_id": p, "copies": copies[p]} for d, p in primary.items())
    db["document_contents"].create_index(["content_id"])
    return len(copies)
