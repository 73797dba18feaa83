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

import numpy as np
import yaml

from . import sqlite_utils
from .store import temp_ids

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


def signature(text: str) -> np.ndarray:
    """A text's sampled k-grams as a sorted array: what :func:`groups` compares."""
    return np.array(sorted(shingles(text)), dtype=np.uint32)


def contained(small: set[int], large: set[int]) -> float:
    return len(small & large) / len(small) if small else 0.0


def groups(texts, signatures: dict[str, np.ndarray] | None = None) -> dict[str, str]:
    """{document id: primary document id} for documents ``texts`` {id: text} (any mapping: a text
    is read only when needed); ``signatures`` {id: :func:`signature`} where already known (a
    worker made them), the others are made here."""
    signatures = signatures or {}
    ids = list(texts)
    sigs = [signatures[i] if i in signatures else signature(texts[i]) for i in ids]
    parent = list(range(len(ids)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in _pairs(sigs, SETTINGS["contained"]):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    members: dict[int, list[str]] = {}
    for n, i in enumerate(ids):
        members.setdefault(root(n), []).append(i)
    primary = {}
    for group in members.values():
        best = group[0] if len(group) == 1 else \
            max(group, key=lambda i: (len(compact(texts[i])), -len(i), i))  # the most complete copy
        for i in group:
            primary[i] = best
    return primary


def _pairs(sigs: list[np.ndarray], threshold: float, focus: np.ndarray | None = None):
    """Pairs (a, b) in which at least ``threshold`` of the smaller signature is in the other;
    with ``focus`` (a mask of the signatures), only the pairs one of whose two is in it.

    Prefix filtering: order each signature's k-grams rarest first; if ``t`` of a set S is in L,
    L holds one of the ``|S| - ceil(t|S|) + 1`` rarest k-grams of S. So only the postings of those
    few rare k-grams are read (short lists), not every pair sharing a common phrase, and the cost
    grows with the corpus, not with its square. Identical signatures are paired directly.
    """
    if len(sigs) < 2:
        return
    lens = np.array([len(s) for s in sigs])
    grams = np.concatenate(sigs) if sigs else np.zeros(0, np.uint32)
    docs = np.repeat(np.arange(len(sigs)), lens)
    uniq, inverse, df = np.unique(grams, return_inverse=True, return_counts=True)
    # every document's k-grams rarest first (document frequency, then value), their rank in it
    order = np.lexsort((grams, df[inverse], docs))
    firsts = np.cumsum(lens) - lens
    rank = np.empty(len(grams), np.int64)
    rank[order] = np.arange(len(grams)) - np.repeat(firsts, lens)
    prefix = lens - np.ceil(threshold * lens).astype(np.int64) + 1
    in_prefix = rank < prefix[docs]
    if focus is not None:  # a prefix k-gram outside the focus leads to it only if the focus has it
        in_focus = np.zeros(len(uniq), bool)
        in_focus[inverse[focus[docs]]] = True
        in_prefix &= focus[docs] | in_focus[inverse]
    # postings: the documents of each k-gram
    by_gram = np.argsort(inverse, kind="stable")
    starts = np.cumsum(df) - df
    p_gram, p_doc = inverse[in_prefix], docs[in_prefix]
    count = df[p_gram]
    small = np.repeat(p_doc, count)
    within = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    other = docs[by_gram[np.repeat(starts[p_gram], count) + within]]
    keep = (other != small) & (lens[other] >= lens[small])
    if focus is not None:
        keep &= focus[small] | focus[other]
    cand = np.unique(small[keep].astype(np.int64) * len(sigs) + other[keep])
    for code in cand.tolist():
        a, b = divmod(code, len(sigs))
        s = sigs[a]
        if len(s) and len(np.intersect1d(s, sigs[b], assume_unique=True)) >= threshold * len(s):
            yield a, b


class _Texts(dict):
    """{document id: text} of a database (of ``ids``, else of all), each text read when first asked for."""

    def __init__(self, db, ids=None):
        super().__init__((i, None) for i in (ids if ids is not None else
                                             [r[0] for r in db.execute("SELECT id FROM documents")]))
        self.db = db

    def __getitem__(self, i):
        text = super().__getitem__(i)
        if text is None:
            text = self.db.execute("SELECT text FROM documents WHERE id = ?", [i]).fetchone()[0]
            super().__setitem__(i, text)
        return text


_DDL = """CREATE TABLE document_contents (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    content_id TEXT NOT NULL REFERENCES documents(id),  -- the content's primary copy
    copies INTEGER NOT NULL                             -- documents holding this content
)"""


def build(db: sqlite_utils.Database, signatures: dict[str, np.ndarray] | None = None) -> int:
    """(Re)write ``document_contents`` for every document in ``db``; returns the number of contents."""
    primary = groups(_Texts(db), signatures)
    db.execute("DROP TABLE IF EXISTS document_contents")
    db.execute(_DDL)
    _write(db, primary)
    db["document_contents"].create_index(["content_id"])
    return len(set(primary.values()))


def _write(db, primary: dict[str, str]) -> None:
    copies: dict[str, int] = {}
    for p in primary.values():
        copies[p] = copies.get(p, 0) + 1
    db.conn.executemany("INSERT INTO document_contents (document_id, content_id, copies) VALUES (?, ?, ?)",
                        [(d, p, copies[p]) for d, p in primary.items()])


def _groups_of(db, where: str, params) -> dict[str, str]:
    """{document id: content id} of every member of the groups of the documents ``where`` selects
    (SQL on ``document_contents``)."""
    return dict(db.execute(f"SELECT document_id, content_id FROM document_contents WHERE content_id IN "
                           f"(SELECT content_id FROM document_contents WHERE {where})", params))


def forget(db: sqlite_utils.Database, gone: str, params=()) -> dict[str, str]:
    """Before the documents ``gone`` (an SQL query of ids) are deleted: the rows of every group
    they belong to leave; returns {document id: content id} of the groups' other members."""
    members = _groups_of(db, f"document_id IN ({gone})", params)
    db.conn.executemany("DELETE FROM document_contents WHERE document_id = ?", [(d,) for d in members])
    leaving = {r[0] for r in db.execute(gone, params)}
    return {d: c for d, c in members.items() if d not in leaving}


def update(db: sqlite_utils.Database, signatures: dict, fresh: set[str], regroup: dict[str, str]) -> set[str]:
    """Group the documents ``fresh`` (written in this build) with those they share a content with,
    and ``regroup`` ({document: its content id before}, from :func:`forget`) again: the groups of
    the others stay as they are (a group changes only if a member comes or goes). Returns the
    documents whose content id changed."""
    ids = [r[0] for r in db.execute("SELECT id FROM documents")]
    texts = _Texts(db, ids)
    sigs = [signatures[i] if i in signatures else signature(texts[i]) for i in ids]
    focus = np.array([i in fresh for i in ids], bool)
    partners = {ids[x] for pair in _pairs(sigs, SETTINGS["contained"], focus) for x in pair} - fresh
    before = dict(regroup)
    if partners:
        joined = _groups_of(db, f"document_id IN ({temp_ids(db, 'content_partners', partners)})", ())
        db.conn.executemany("DELETE FROM document_contents WHERE document_id = ?", [(d,) for d in joined])
        before.update(joined)
    again = [i for i in ids if i in fresh or i in before]
    primary = groups(_Texts(db, again), {i: signatures[i] for i in again if i in signatures})
    _write(db, primary)
    return {d for d, c in before.items() if primary.get(d, c) != c}
