"""Regular-expression helpers: faster patterns that match what the plain ones match."""
import re

from hypothesis import given, strategies as st

from language.patterns import start_chars, starts_guard, trie_pattern


@given(st.lists(st.text(alphabet="低保户收入特困人员", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="低保户收入特困人员和、", max_size=40))
def test_trie_pattern_finds_what_a_longest_first_alternation_finds(words, text):
    longest_first = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    assert re.findall(trie_pattern(words), text) == re.findall(longest_first, text)


def test_start_chars_lists_where_a_pattern_can_start_or_nothing():
    assert start_chars("(?:城市|农村)?低保") == {"城", "农", "低"}
    assert start_chars("a*b") == {"a", "b"}
    assert start_chars("(?<!x)标准") == {"标"}
    assert start_chars("[甲乙]丙|丁") == {"甲", "乙", "丁"}
    for anything in (r"\d元", ".x", "x?", "[^a]b", "a?b?", "[a-z]"):
        assert start_chars(anything) is None


def test_a_guard_is_a_lookahead_that_keeps_every_match():
    assert starts_guard(None) == ""
    assert starts_guard({"低", "城"}) == "(?=[低城])"


@given(st.text(alphabet="城市农村低保户收入, ", max_size=30))
def test_a_guarded_pattern_finds_what_the_plain_one_finds(text):
    plain = r"(?:城市|农村)?低保户?|收入(?=,)"
    guarded = starts_guard(start_chars(plain)) + f"(?:{plain})"
    assert [m.span() for m in re.finditer(guarded, text)] == [m.span() for m in re.finditer(plain, text)]
