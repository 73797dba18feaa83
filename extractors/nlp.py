"""The extraction's spaCy pipeline, built from ``config.cfg``: ``spacy.blank("zh")``'s language
with a character tokenizer and rule components made by registered factories, whose data files are
settings of the config. Components:

- ``doudi_figures``: figures with their units -> ``doc.spans["figures"]``, ``doc._.figures``
  (``span._.figure``)
- ``doudi_keywords`` (``lexicon``): programs, areas, variants, metrics -> ``doc.spans["keywords"]``
- ``doudi_regions`` (``regions``, ``aliases``): region mentions -> ``doc.spans["regions"]``,
  ``doc._.mentions`` (``span._.region``, ``span._.mention``)
- ``doudi_standards`` (the same data): standards read from the sentence -> ``doc._.standards``

A sentence's surroundings (home region, effective date, the previous sentence's frame) travel in
``doc._.context`` (a :class:`SentenceContext`); without one the standards component reads nothing.
The extraction reads only the components' state, so ``read_state`` runs their readers without a
Doc where that leaves the same state (the default pipeline, a sentence without whitespace).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import Config

from language.figures import find_figures

from .lexicon import DATA as LEXICON_DATA, KINDS, Lexicon, default_lexicon
from gazetteer import DATA as REGIONS_DATA, RegionIndex
from .frames import Context
from .standards import SentenceReader

HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"

# What the components share lives in one dict of ``doc.user_data`` (spaCy's storage for custom
# data), read and written directly: every ``doc._.x`` builds an accessor and looks it up, which
# cost more than some components' work. The extensions read and write the same dict.
STATE = "doudi"
EXTENSIONS = ("context", "standards", "figures", "mentions")  # context: None until set; others []


def state(doc: Doc) -> dict:
    """The sentence's context and what the components have found so far."""
    found = doc.user_data.get(STATE)
    if found is None:
        found = doc.user_data[STATE] = {}
    return found


def _extension(name: str):
    def get(doc):
        found = doc.user_data.get(STATE)
        if found is not None and name in found:
            return found[name]
        return None if name == "context" else []

    def put(doc, value):
        state(doc)[name] = value
    return get, put


for name in EXTENSIONS:
    if not Doc.has_extension(name):
        get, put = _extension(name)
        Doc.set_extension(name, getter=get, setter=put)


def _at(items: str):
    """A span's item from ``doc._.<items>`` (figures, region mentions), found by its offsets
    when asked: components keep the list, the sentence reader reads it whole."""
    def get(span):
        start, end = span.start_char, span.end_char
        return next((x for x in getattr(span.doc._, items) if start <= x.start < end), None)
    return get


for name, items in (("figure", "figures"), ("mention", "mentions")):
    if not Span.has_extension(name):
        Span.set_extension(name, getter=_at(items))
if not Span.has_extension("region"):
    Span.set_extension("region", getter=lambda span: span._.mention.region if span._.mention else None)


@dataclass
class SentenceContext(Context):
    offset: int = 0  # where the sentence starts in the document
    text: str | None = None  # the sentence the spaCy Doc holds


# ---- the data the settings name: the bundled files are loaded once, whoever asks --------------
def _path(setting: str) -> Path:
    return (HERE / setting).resolve()


@lru_cache(maxsize=None)
def load_lexicon(path: str) -> Lexicon:
    if _path(path) == (LEXICON_DATA / "lexicon.yaml").resolve():
        return default_lexicon()
    return Lexicon(yaml.safe_load(_path(path).read_text("utf-8")))


@lru_cache(maxsize=None)
def load_regions(regions: str, aliases: str) -> RegionIndex:
    if (_path(regions), _path(aliases)) == ((REGIONS_DATA / "regions.csv").resolve(),
                                             (REGIONS_DATA / "region_aliases.yaml").resolve()):
        return RegionIndex.default()
    with _path(regions).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return RegionIndex(rows, yaml.safe_load(_path(aliases).read_text("utf-8")))


# ---- components ---------------------------------------------------------------------------------
def _text(doc: Doc, ctx) -> str:
    """The sentence text; Doc.text rebuilds the string on every call, the context keeps it."""
    return ctx.text if ctx is not None and ctx.text is not None else doc.text


def _span(doc: Doc, text: str, start: int, end: int, label: str) -> Span | None:
    """The span of characters [start, end). Without whitespace every character is a token, so the
    offsets are token indices and need no alignment."""
    if len(doc) == len(text):
        return Span(doc, start, end, label=label)
    return doc.char_span(start, end, label=label, alignment_mode="expand")


class _Component:
    """A component that reads each sentence with a reader of that sentence's own: nothing one
    sentence read is kept for the next but what its context hands on."""

    def __init__(self, lexicon: Lexicon, index: RegionIndex | None = None):
        self.lexicon, self.index = lexicon, index

    def reader(self, text: str) -> SentenceReader:
        return SentenceReader(self.lexicon, self.index, text)


@Language.factory("doudi_figures")
def make_figures(nlp: Language, name: str):
    return figures_component


def figures_component(doc: Doc) -> Doc:
    found = state(doc)
    text = _text(doc, found.get("context"))
    spans, figures = [], []
    for f in find_figures(text):
        span = _span(doc, text, f.start, f.end, f.kind)
        if span is not None:
            spans.append(span)
            figures.append(f)
    doc.spans["figures"] = spans
    found["figures"] = figures
    return doc


class Keywords(_Component):
    def __call__(self, doc: Doc) -> Doc:
        ctx = state(doc).get("context")
        text = _text(doc, ctx)
        reader, spans = self.reader(text), []
        for kind in KINDS:
            for k in reader.keywords(text, kind):
                span = _span(doc, text, k.start, k.end, f"{kind}:{k.value}")
                if span is not None:
                    spans.append(span)
        doc.spans["keywords"] = spans
        return doc


@Language.factory("doudi_keywords", default_config={"lexicon": "data/lexicon.yaml"})
def make_keywords(nlp: Language, name: str, lexicon: str):
    return Keywords(load_lexicon(lexicon))


class Regions:
    def __init__(self, index: RegionIndex):
        self.index = index

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        ctx = found.get("context")
        text = _text(doc, ctx)
        spans, mentions = [], []
        for m in self.index.find(text, within=ctx.within if ctx else None):
            span = _span(doc, text, m.start, m.end, "region")
            if span is not None:
                spans.append(span)
                mentions.append(m)  # with their exact offsets, which the standards component reads
        doc.spans["regions"] = spans
        found["mentions"] = mentions
        return doc


_REGION_FILES = {"regions": "../gazetteer/data/regions.csv", "aliases": "../gazetteer/data/region_aliases.yaml"}


@Language.factory("doudi_regions", default_config=_REGION_FILES)
def make_regions(nlp: Language, name: str, regions: str, aliases: str):
    return Regions(load_regions(regions, aliases))


class Standards(_Component):
    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        ctx = found.get("context")
        figures, places = found.get("figures"), found.get("mentions")  # None: that component did not run
        text = _text(doc, ctx)
        reader = self.reader(text)
        found["standards"] = reader.read(text, ctx.offset, ctx, figures, places) if ctx else []
        found["fired"] = reader.fired  # the rules that kept this sentence's figures out, by id
        return doc


@Language.factory("doudi_standards", default_config={"lexicon": "data/lexicon.yaml", **_REGION_FILES})
def make_standards(nlp: Language, name: str, lexicon: str, regions: str, aliases: str):
    return Standards(load_lexicon(lexicon), load_regions(regions, aliases))


# ---- the components' work without a Doc ---------------------------------------------------------
DEFAULT_PIPELINE = ("doudi_figures", "doudi_keywords", "doudi_regions", "doudi_standards")


def runs_directly(pipe: Language) -> bool:
    """Whether ``read_state`` may skip the Doc: the pipeline is the default one (asked once per
    document: ``pipe_names`` builds a list each time)."""
    return tuple(pipe.pipe_names) == DEFAULT_PIPELINE


def read_state(pipe: Language, text: str, ctx, direct: bool | None = None) -> dict:
    """What the components leave in ``doc.user_data[STATE]`` for a sentence with its context, as
    ``pipe(pipe.make_doc(text))`` would. The extraction reads only that state, never the Doc's
    spans, so for the default pipeline over a text without whitespace (every character a token,
    every span valid) the components' readers run directly: no Doc, no spans, no keyword spans
    (the standards reader reads the keywords itself). Otherwise the Doc is made and piped."""
    if direct is None:
        direct = runs_directly(pipe)
    if not direct or _SPACE.search(text):
        doc = pipe.make_doc(text)
        doc.user_data[STATE] = {"context": ctx}
        return pipe(doc).user_data[STATE]
    figures = find_figures(text)
    mentions = list(pipe.get_pipe("doudi_regions").index.find(text, within=ctx.within))
    reader = pipe.get_pipe("doudi_standards").reader(text)
    standards = reader.read(text, ctx.offset, ctx, figures, mentions)
    return {"context": ctx, "figures": figures, "mentions": mentions, "standards": standards,
            "fired": reader.fired}


# ---- the tokenizer and the pipeline -----------------------------------------------------------
_SPACE = re.compile(r"\s")


class CharTokenizer:
    """The tokens of spaCy's zh ``char`` segmenter, without its realignment of words to text
    (``get_words_and_spaces``, half its time): one token per character, a single space after a
    character is that token's whitespace, any other whitespace run is a token of its own."""

    _TOKEN = re.compile(r"(\S)( )?|(\s+)")

    def __init__(self, vocab):
        self.vocab = vocab
        self._orths: dict[str, int] = {}  # word -> its id in the vocab's strings

    def __call__(self, text: str) -> Doc:
        if not _SPACE.search(text):  # normalized Chinese seldom has any: one token per character
            return Doc(self.vocab, words=self._ids(text), spaces=[False] * len(text))
        words, spaces = [], []
        for m in self._TOKEN.finditer(text):
            words.append(m.group(1) or m.group(3))
            spaces.append(m.group(2) is not None)
        return Doc(self.vocab, words=self._ids(words), spaces=spaces)

    def _ids(self, words) -> list[int]:
        """Words as string ids: a Doc made of ids skips hashing every word again (half its cost)."""
        orths = self._orths
        try:
            return [orths[w] for w in words]
        except KeyError:
            for w in words:
                if w not in orths:
                    orths[w] = self.vocab.strings.add(w)
            return [orths[w] for w in words]


@spacy.registry.tokenizers("doudi.CharTokenizer.v1")
def create_char_tokenizer():
    return lambda nlp: CharTokenizer(nlp.vocab)


def build(config: Config | Path | str = CONFIG) -> Language:
    """A pipeline from a config (a path or a ``Config``); nothing is downloaded."""
    if not isinstance(config, Config):
        config = Config().from_disk(config)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The extraction's pipeline, built once from ``config.cfg``."""
    return build(CONFIG)
