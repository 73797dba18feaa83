"""The number parser: Arabic, Chinese and spun mixtures read back to the figure they write."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from language.numbers import find_numbers, parse_number


@pytest.mark.parametrize("token, value", [
    ("三百", 300),
    ("两千", 2000),
    ("三千五百万", 35_000_000),
    ("一百零一万", 1_010_000),
    ("二十万零三百", 200_300),
    ("1.3万", 13_000),
    ("37.1亿", 3_710_000_000),
    ("28377.84万", 283_778_400),
    # spun forms: a Chinese digit after the decimal point
    ("1069.三万", 10_693_000),
    ("37.一亿", 3_710_000_000),
    # positional year numerals, with every way of writing zero
    ("二○○七", 2007),
    ("二〇一五", 2015),
    ("二零二零", 2020),
    ("1,200", 1200),
    ("12,345,678", 12_345_678),
    ("0.05", 0.05),
    ("480", 480),
    ("3千", 3000),
])
def test_parse_number(token, value):
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize("token", ["", "元", "abc", "三四百", "%"])
def test_parse_number_rejects_what_is_not_a_number(token):
    assert parse_number(token) is None


def test_find_numbers_reads_a_sentence_with_spans():
    text = "发放城乡低保金28377.84万元,惠及1069.三万人,二○○七年起每人每月1,200元"
    found = list(find_numbers(text))
    assert [n.value for n in found] == pytest.approx([283_778_400, 10_693_000, 2007, 1200])
    assert [text[n.start:n.end] for n in found] == [n.text for n in found]
    assert [n.text for n in found] == ["28377.84万", "1069.三万", "二○○七", "1,200"]
    assert [n.chinese for n in found] == [True, True, True, False]


def test_single_chinese_numerals_are_words_unless_asked():
    text = "都匀市、福泉市为一档,落实三无人员供养"
    assert list(find_numbers(text)) == []
    assert [n.value for n in find_numbers(text, chinese_words=True)] == [1, 3]


# -- properties -------------------------------------------------------------------------------

_CN = "零一二三四五六七八九"


def _section(n: int) -> str:
    """1..9999 in Chinese numerals, with 零 for each run of inner zeros and none at the end."""
    out, zero = "", False
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _CN[d] + unit
    return out


def chinese(n: int, short_ten: bool = True) -> str:
    """Reference formatter for 0..99,999,999: 10305 -> 一万零三百零五, 15 -> 十五."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    out = _section(high) + "万" if high else ""
    if low:
        if high and low < 1000:
            out += "零"
        out += _section(low)
    if short_ten and out.startswith("一十"):
        out = out[1:]
    return out


@pytest.mark.parametrize("n, text", [
    (0, "零"), (10, "十"), (15, "十五"), (110, "一百一十"), (1005, "一千零五"), (10_305, "一万零三百零五"),
    (100_000, "十万"), (2_000_500, "二百万零五百"), (99_999_999, "九千九百九十九万九千九百九十九"),
])
def test_reference_formatter(n, text):
    assert chinese(n) == text


@given(st.integers(min_value=0, max_value=99_999_999), st.booleans())
@settings(max_examples=500)
def test_chinese_numerals_parse_back(n, short_ten):
    assert parse_number(chinese(n, short_ten)) == n


@given(st.integers(min_value=0, max_value=10**18), st.booleans())
def test_digits_parse_back(n, grouped):
    token = f"{n:,}" if grouped else str(n)
    assert parse_number(token) == float(n)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99), st.booleans())
def test_decimals_parse_back(whole, cents, two_places):
    token = f"{whole}.{cents:02d}" if two_places else f"{whole}.{cents % 10}"
    assert parse_number(token) == float(token)


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=9),
       st.sampled_from(["万", "亿"]))
def test_digits_with_multiplier_parse_back(whole, tenth, big):
    mult = 10_000 if big == "万" else 100_000_000
    assert parse_number(f"{whole}.{tenth}{big}") == pytest.approx((whole + tenth / 10) * mult)
    assert parse_number(f"{whole}.{_CN[tenth]}{big}") == pytest.approx((whole + tenth / 10) * mult)


@given(st.integers(min_value=1, max_value=10**9))
def test_find_numbers_finds_a_digit_amount_in_a_sentence(n):
    text = f"城市低保标准提高到每人每月{n:,}元。"
    found = list(find_numbers(text))
    assert [f.value for f in found] == [float(n)]


def _found_in_sentence(n):
    cn = chinese(n)
    found = list(find_numbers(f"每人每月发放{cn}元"))
    return [(f.value, f.text) for f in found], [(float(n), cn)]


@given(st.integers(min_value=11, max_value=9_999) | st.integers(min_value=1, max_value=9_999).map(
    lambda k: k * 10_000))
def test_find_numbers_finds_a_chinese_amount_in_a_sentence(n):
    found, expected = _found_in_sentence(n)
    assert found == expected


@given(st.integers(min_value=1, max_value=9_999), st.integers(min_value=1, max_value=9_999))
def test_find_numbers_finds_a_chinese_amount_past_wan(high, low):
    found, expected = _found_in_sentence(high * 10_000 + low)
    assert found == expected


@pytest.mark.parametrize("text, value", [("三万五千元", 35_000), ("一亿二千万元", 120_000_000)])
def test_find_numbers_reads_chinese_sections_after_wan(text, value):
    assert [n.value for n in find_numbers(text)] == [value]


@given(st.text())
def test_parse_number_never_raises(text):
    v = parse_number(text)
    assert v is None or v >= 0


_NUMERIC = "零〇○一二两三四五六七八九十百千万亿点.,/%0123456789元年月人—"


@given(st.text() | st.text(alphabet=_NUMERIC))
def test_find_numbers_never_raises(text):
    for chinese_words in (False, True):
        for n in find_numbers(text, chinese_words=chinese_words):
            assert text[n.start:n.end] == n.text
            assert n.value >= 0
