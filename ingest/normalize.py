"""Text normalization that remembers where every character came from.

Each step rewrites the text and carries an offset map (normalized index -> original index), so a
quote found in the normalized text can always be shown in the original. Steps, in order:
NFKC (full-width to half-width), line endings, glyph variants, inline pinyin annotations (toned
or not), Traditional to Simplified (OpenCC), quotes and dashes, whitespace, letter-spaced digits,
doubled separators (the noise repairs are data: ``data/noise.yaml``). Numbers are otherwise never
touched: spun forms such as ``1069.三万`` are the extractor's business.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’、。·—…"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

# Patterns open with a literal where they can (the Han character before a pinyin's "(" and the
# line start before a space are checked after it): the regex engine then skips to that literal.
_NOISE = yaml.safe_load((Path(__file__).parent / "data" / "noise.yaml").read_text("utf-8"))
_PINYIN = re.compile(rf"\((?<=[{HAN}]\()(?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}\)(?:\([a-zü{TONED}]{{1,7}}\))*")
# every group a toneless syllable: 孤(gu)儿(er), 提(ti)(ti)高 (groups run together where a mirror doubled them)
_SYLLABLE = f"(?:{_NOISE['pinyin_syllable']})"
_PINYIN_TONELESS = re.compile(rf"\((?<=[{HAN}]\(){_SYLLABLE}\)(?:\({_SYLLABLE}\))*")
_GLYPHS = str.maketrans(_NOISE["glyph_variants"])
_GLYPH_CHARS = re.compile("[" + "".join(_NOISE["glyph_variants"]) + "]")
_INCOME_MISREAD = re.compile(_NOISE["income_misread"])
_SPACED_DIGITS = re.compile(rf"(?<![\d.])\d(?: \d)+ ?(?=(?:{_NOISE['spaced_digit_unit']}))")
_DOUBLED_SEPARATORS = re.compile(_NOISE["doubled_separators"])
_SPACE_DIGIT = re.compile(r" \d")  # what _SPACED_DIGITS needs somewhere: found fast, that pattern is slow to scan
_NEWLINES = re.compile(r"\r\n?")
# and C0 controls: a NUL kept in the stored text ends it for SQLite's length() and substr()
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_HSPACE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_EDGE_SPACE = re.compile(r"(?m) (?:(?<=^ ) *| *$)")  # ^ +| +$
# A space next to Chinese text is layout, not a word break; table cell separators " | " stay.
# (Written space-first so the regex engine scans for the literal space: 10x faster.)
_CJK_SPACE = re.compile(rf" (?:(?<=[{HAN}{CJK_PUNCT},.;:!?()%] )(?=[^|])|(?<=[^|] )(?=[{HAN}{CJK_PUNCT}]))")
_BLANK_LINES = re.compile(r"\n\n\n+")  # \n{3,}, written with a literal head: scanned fast
_QUOTES = str.maketrans({"〝": "“", "〞": "”", "„": "“", "‟": "”", "「": "“", "」": "”",
                         "『": "‘", "』": "’", "〃": "”"})
_QUOTE_CHARS = "〝〞„‟「」『』〃"
_DASHES = re.compile("[\u2010-\u2015\u2212\u2500\u2e3a\u2e3b\ufe58\ufe63]")


_IDENTITY = array("l")  # 0, 1, 2 … kept to be copied: array(range(n)) converts n ints one by one
_IDENTITY_KEPT = 1 << 20  # entries (8 MB); longer texts build their own


def _identity(n: int) -> array:
    global _IDENTITY
    if n > _IDENTITY_KEPT:
        return array("l", range(n))
    if len(_IDENTITY) < n:
        _IDENTITY = array("l", range(max(n, 2 * len(_IDENTITY), 4096)))[:_IDENTITY_KEPT]
    return _IDENTITY[:n]


class Mapped:
    """A string with, for each character, its offset in the original (plus one end entry)."""

    __slots__ = ("text", "map")

    def __init__(self, text: str, map: array | None = None):
        self.text = text
        self.map = map if map is not None else _identity(len(text) + 1)

    def sub(self, pattern: re.Pattern, repl) -> "Mapped":
        """re.sub that keeps the map. Same-length replacements map char by char; others map
        every new character to the start of what it replaced."""
        text, src = self.text, self.map
        out, omap, pos = [], array("l"), 0
        for m in pattern.finditer(text):
            s, e = m.span()
            r = repl if isinstance(repl, str) else repl(m)
            if r == text[s:e]:
                continue
            out.append(text[pos:s])
            omap.extend(src[pos:s])
            out.append(r)
            omap.extend(src[s:e] if len(r) == e - s else array("l", [src[s]]) * len(r))
            pos = e
        if pos == 0 and not out:
            return self
        out.append(text[pos:])
        omap.extend(src[pos:])
        return Mapped("".join(out), omap)

    def translate(self, table: dict) -> "Mapped":
        """Same-length character translation: the map does not change."""
        return Mapped(self.text.translate(table), self.map)


@lru_cache(maxsize=None)
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _nfkc_step(m: Mapped) -> Mapped:
    # most texts are NFKC already: one C-speed check, rather than a look at each distinct character
    # (a character NFKC changes never leaves a text NFKC-normalized)
    if unicodedata.is_normalized("NFKC", m.text):
        return m
    changed = {c: n for c in set(m.text) if (n := _nfkc(c)) != c}
    if not changed:
        return m
    same = {c: n for c, n in changed.items() if len(n) == 1}
    if same:
        chars = re.compile("[" + "".join(map(re.escape, same)) + "]")
        if len(chars.findall(m.text, 0, 100_000)) > 1000:  # dense (full-width text): translate
            m = m.translate(str.maketrans(same))
        else:  # sparse: touching only the matches is much faster; same length keeps the map
            m = Mapped(chars.sub(lambda x: same[x.group()], m.text), m.map)
    other = [c for c in changed if c not in same]
    if other:
        m = m.sub(re.compile("|".join(map(re.escape, other))), lambda x: changed[x.group(0)])
    return m


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def _t2s_step(m: Mapped) -> Mapped:
    conv = _converter()
    new = conv.convert(m.text)
    if new == m.text:
        return m
    if len(new) == len(m.text):
        return Mapped(new, m.map)
    # A phrase changed length somewhere: convert line by line, char by char where a line does.
    out, omap = [], array("l")
    pos = 0
    for line in m.text.splitlines(keepends=True):
        conv_line = conv.convert(line)
        if len(conv_line) != len(line):
            conv_line = "".join(conv.convert(c) if len(conv.convert(c)) == 1 else c for c in line)
        out.append(conv_line)
        omap.extend(m.map[pos:pos + len(line)])
        pos += len(line)
    omap.extend(m.map[pos:])
    return Mapped("".join(out), omap)


def normalize(text: str) -> Mapped:
    m = Mapped(text)
    m = _nfkc_step(m)
    m = m.sub(_NEWLINES, "\n")
    m = m.sub(_ZERO_WIDTH, "")
    if _GLYPH_CHARS.search(m.text):
        m = m.translate(_GLYPHS)
    m = m.sub(_PINYIN, "")
    m = m.sub(_PINYIN_TONELESS, "")
    m = _t2s_step(m)
    m = m.sub(_INCOME_MISREAD, "收入")
    if any(q in m.text for q in _QUOTE_CHARS):
        m = m.translate(_QUOTES)
    m = m.sub(_DASHES, "—")
    m = m.sub(_HSPACE, " ")
    m = m.sub(_EDGE_SPACE, "")
    if _SPACE_DIGIT.search(m.text):
        m = m.sub(_SPACED_DIGITS, lambda x: x.group().replace(" ", ""))
    m = m.sub(_DOUBLED_SEPARATORS, lambda x: "、" if "、" in x.group() else x.group()[0])
    m = m.sub(_CJK_SPACE, "")
    m = m.sub(_BLANK_LINES, "\n\n")
    return m


def normalize_text(text: str) -> str:
    """Normalized string only (table cells, queries, quotes to compare)."""
    return normalize(text).text.strip()


def to_normalized_offset(m: Mapped, original_offset: int) -> int:
    """First normalized position whose original offset is >= original_offset."""
    return bisect_left(m.map, original_offset, 0, len(m.text))
