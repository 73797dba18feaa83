"""Document numbers (文号): 黔南府办函〔2015〕59号 names its issuer, year and serial.

    >>> [n.number for n in doc_numbers("根据黔南府办函〔2015〕59号文件")]
    ['黔南府办函〔2015〕59号']

One reader for every use: ingest lists a document's numbers, the gazetteer reads the issuer's
place from them (``RegionIndex.doc_number_region``). The pattern is data (``data/doc_numbers.yaml``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, NamedTuple

import yaml

_DATA = yaml.safe_load((Path(__file__).with_name("data") / "doc_numbers.yaml").read_text("utf-8"))
TAIL = re.compile(_DATA["tail"])
_ISSUER_CHAR = re.compile(_DATA["issuer_chars"])
ISSUER_MAX, NAME_MAX = _DATA["issuer_max"], _DATA["name_max"]
_STOP = re.compile("|".join(map(re.escape, _DATA["stopwords"])))


class DocNumber(NamedTuple):
    start: int  # where the issuer starts in the text
    end: int
    issuer: str  # the issuer's name before the bracket: 黔南府办函 ("" where only stop words stand there)
    year: str
    serial: str
    written: str  # as the text writes it, from the run of characters before it (印发黔南府办函) to its end
    brackets: tuple[str, str]  # (open, close); close "" where the text leaves it out
    complete: bool  # closing bracket and 号 both written

    @property
    def number(self) -> str:
        """The number in one spelling: issuer, bracketed year, serial, 号."""
        return f"{self.issuer}{self.brackets[0]}{self.year}{self.brackets[1]}{self.serial}号"


def doc_numbers(text: str) -> Iterator[DocNumber]:
    """Every 文号 in ``text`` with an issuer, in order."""
    for m in TAIL.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and end - start < ISSUER_MAX and _ISSUER_CHAR.match(text[start - 1]):
            start -= 1
        if start < end:
            yield DocNumber(start, m.end(), _name(text[start:end]), m.group("year"), m.group("serial"),
                            text[start:m.end()], (m.group("open"), m.group("close") or ""),
                            bool(m.group("close") and m.group("hao")))


def _name(run: str) -> str:
    """The issuer in the characters before a number: after the last stop word (印发, 根据)."""
    run = run[-NAME_MAX:]
    stops = list(_STOP.finditer(run))
    return run[stops[-1].end():] if stops else run
