"""Long texts (issue 18): a line with no full stop is read in pieces spaCy accepts, and a clause
listing hundreds of amounts is read around each figure, so records keep exact, bounded quotes.
(Speed is measured by benchmarks/bench_long.py, not here.)"""
import sys

from conftest import CORPUS

from extractors import extract
from language.segment import MAX_SENTENCE, sentences
from extractors.emit import LOCAL, LONG_CLAUSE
from ingest.build import build_document

sys.path.insert(0, str(CORPUS))
import make_hostile  # noqa: E402


def _doc(text):
    return build_document(doc_id="long", source="long.txt", format="txt", original=text)


def test_a_line_without_full_stops_is_read_in_pieces():
    text = "低保标准每人每月600元和" * (3 * MAX_SENTENCE // 12)
    pieces = sentences(text, 0, len(text))
    assert len(pieces) >= 3 and all(e - s <= MAX_SENTENCE for s, e in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))  # nothing lost between pieces


def test_a_long_enumeration_keeps_exact_bounded_quotes():
    text = make_hostile.enumeration(800)
    assert len(text) > LONG_CLAUSE
    doc = _doc(text)
    records = extract(doc).standards
    assert records and {r.program for r in records} == {"dibao"}
    assert {r.value for r in records} == {495.0 + i for i in range(7)}
    for r in records:
        p = r.provenance
        assert doc.text[p.start:p.end] == r.quote and len(r.quote) <= 2 * LOCAL + 20


def test_a_short_enumeration_quotes_its_whole_clause():
    text = make_hostile.enumeration(3)
    records = extract(_doc(text)).standards
    assert len(records) >= 1 and all(r.quote.startswith("城乡低保标准分别为") for r in records)
