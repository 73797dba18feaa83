"""Numbers as Chinese policy text writes them.

Arabic, Chinese numerals and their mixtures: ``480``, ``三百``, ``1.3万``, ``37.1亿``, ``二○○七``,
and the spun forms content farms produce (``1069.三万`` = 1069.3万, ``37.一亿`` = 37.1亿).
``find_numbers`` yields every number in a text with its span; ``parse_number`` reads one token.
Nothing here raises on garbage: unreadable input gives ``None``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
          "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

_CN_DIGIT = "零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖"
_CN_ALL = _CN_DIGIT + "十拾百佰千仟"
# A number token: digits with separators and decimals, Chinese numerals, spun mixtures, then
# an optional 万/亿 multiplier. Ordered so the longest reading wins.
# where a number can start: put before a pattern that opens with one, it lets the regex engine
# skip other characters cheaply (several times faster on Chinese prose)
NUMBER_START = rf"(?=[\d{_CN_ALL}])"
NUMBER_RE = re.compile(
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?:\d+|[{_CN_DIGIT}]+))?(?:[{_CN_ALL}]*)(?:[万亿]+)?"
    rf"|(?:[{_CN_ALL}]+[万亿]+)+[{_CN_ALL}]+[万亿]*"  # 一万二千三百, 一亿二千万: sections below 万/亿
    rf"|[{_CN_ALL}]+(?:点[{_CN_DIGIT}]+)?[万亿]*"
)


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    text: str
    chinese: bool  # written (partly) in Chinese numerals


def _cn_integer(s: str) -> int | None:
    """Chinese integer without 万/亿: 三百二十 -> 320, 二○○七 -> 2007 (digit by digit)."""
    if not s:
        return None
    if all(c in DIGITS for c in s):  # positional: 二○○七, 一九
        v = 0
        for c in s:
            v = v * 10 + DIGITS[c]
        return v
    total, cur = 0, None
    for c in s:
        if c in DIGITS:
            if cur is not None and cur != 0:  # 三四 inside a unit expression: not a number
                return None
            cur = DIGITS[c]
        elif c in SMALL_UNITS:
            total += (1 if cur is None else cur) * SMALL_UNITS[c]
            cur = None
        else:
            return None
    return total + (cur or 0)


def _cn_with_big(s: str) -> float | None:
    """Chinese numerals with 万/亿 sections: 三千五百万 -> 35000000."""
    total, section = 0.0, ""
    for c in s:
        if c in BIG_UNITS:
            v = _cn_integer(section) if section else 1
            if v is None:
                return None
            total = (total + v) * BIG_UNITS[c] if total and BIG_UNITS[c] > 10_000 else total + v * BIG_UNITS[c]
            section = ""
        else:
            section += c
    if section:
        v = _cn_integer(section)
        if v is None:
            return None
        total += v
    return total


_DIGITS_TOKEN = re.compile(rf"(\d+)(?:\.(\d+|[{_CN_DIGIT}]+))?([{_CN_ALL}]*)([万亿]*)")  # 1069.三万
_CHINESE_TOKEN = re.compile(rf"([{_CN_ALL}]+)(?:点([{_CN_DIGIT}]+))?([万亿]*)")  # 三点五万
_CHINESE_BIG_TOKEN = re.compile(rf"[{_CN_ALL}万亿]+")  # 一万二千三百


def parse_number(token: str) -> float | None:
    """Read one number token; ``None`` if it is not a number."""
    if not token:
        return None
    t = token.replace(",", "").strip()
    if t.isdecimal():  # most tokens: plain digits
        return float(t)
    m = _DIGITS_TOKEN.fullmatch(t)
    if m:
        whole, frac, cn_tail, big = m.groups()
        if cn_tail:  # 20余, 3千 -> digits followed by a unit character
            if frac or any(c in DIGITS for c in cn_tail) or len(cn_tail) > 1:
                return None
            base = float(whole) * SMALL_UNITS[cn_tail]
        else:
            if frac and not frac.isdigit():
                frac = "".join(str(DIGITS[c]) for c in frac)
            base = float(f"{whole}.{frac}" if frac else whole)
        for c in big:
            base *= BIG_UNITS[c]
        return base
    m = _CHINESE_TOKEN.fullmatch(t)
    if m:
        intpart, frac, big = m.groups()
        v = _cn_integer(intpart)
        if v is None:
            return None
        base = float(v)
        if frac:
            base = float(f"{v}." + "".join(str(DIGITS[c]) for c in frac))
        for c in big:
            base *= BIG_UNITS[c]
        return base
    if _CHINESE_BIG_TOKEN.fullmatch(t):
        return _cn_with_big(t)
    return None


# Chinese numerals that are words, not figures, when they stand alone: 一档, 三无, 两项, 十三五.
_WORDISH = re.compile(rf"^[{_CN_ALL}]$")


def find_numbers(text: str, *, chinese_words: bool = False):
    """Yield every number in ``text``.

    Single Chinese numeral characters (一, 三, 两 ...) are words far more often than figures in
    policy text; they are skipped unless ``chinese_words`` is set.
    """
    for m in NUMBER_RE.finditer(text):
        tok = m.group(0)
        if not chinese_words and _WORDISH.match(tok):
            continue
        if not chinese_words and not any(ch.isdigit() for ch in tok) and len(tok) < 2:
            continue
        v = parse_number(tok)
        if v is None:
            # try the longest readable prefix (e.g. "3000多" is matched elsewhere)
            continue
        yield Number(v, m.start(), m.end(), tok, not tok.replace(",", "").replace(".", "").isdigit())


def format_number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
