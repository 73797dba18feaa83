"""The spaCy pipeline: components registered by name, their spans and extensions."""
from extractors.nlp import SentenceContext, nlp
from gazetteer import RegionIndex


def run(text: str, ctx=None):
    pipe = nlp()
    doc = pipe.make_doc(text)
    doc._.context = ctx
    for _, proc in pipe.pipeline:
        doc = proc(doc)
    return doc


def test_components_are_registered_by_name():
    assert nlp().pipe_names == ["doudi_figures", "doudi_keywords", "doudi_regions", "doudi_standards"]


def test_spans_carry_figures_keywords_and_regions():
    doc = run("都匀市城市低保标准由每人每月450元提高到480元")
    figures = doc.spans["figures"]
    assert [s.text for s in figures] == ["450元", "480元"]
    assert [s._.figure.value for s in figures] == [450, 480]
    assert {s.label_ for s in doc.spans["keywords"]} >= {"program:dibao", "area:urban"}
    (place,) = doc.spans["regions"]
    assert place.text == "都匀市" and place._.region.code == "522701"
    assert place._.mention.start == 0


def test_spans_align_to_characters_when_the_text_has_spaces():
    doc = run("城市低保标准 每人每月 480 元")
    assert [s.text for s in doc.spans["figures"]] == ["480 元"]
    assert "program:dibao" in {s.label_ for s in doc.spans["keywords"]}


def test_standards_need_a_context_and_read_one():
    assert run("城市低保标准每人每月480元")._.standards == []
    index = RegionIndex.default()
    text = "城市低保标准每人每月480元"
    ctx = SentenceContext(source="t.txt", document_id="t", region=index.get("522701"), text=text)
    (rec,) = run(text, ctx)._.standards
    assert (rec.program, rec.area, rec.value, rec.unit, rec.adcode) == (
        "dibao", "urban", 480, "yuan/person/month", "522701")


def test_the_start_guards_change_no_keyword_found(monkeypatch):
    """Keywords of the bundled corpus are the same with and without the first-character tests."""
    from pathlib import Path

    from extractors import lexicon as lexmod

    texts = [p.read_text("utf-8") for p in sorted((Path(__file__).parent.parent / "corpus" / "text").glob("*.txt"))
             if p.suffixes == [".txt"]]  # not the Big5 and GBK copies
    fast = lexmod.default_lexicon()
    monkeypatch.setattr(lexmod, "start_chars", lambda pattern: None)
    plain = lexmod.Lexicon(fast.raw)
    assert plain.any["program"].pattern != fast.any["program"].pattern and not plain.at["program"]
    for text in texts:
        for kind in lexmod.KINDS:
            assert fast.keywords(text, kind) == plain.keywords(text, kind)


def test_extensions_read_and_write_the_components_state():
    from extractors.nlp import state

    doc = nlp().make_doc("城市低保标准每人每月480元")
    assert doc._.context is None and doc._.standards == [] and doc._.figures == []
    doc._.context = "ctx"
    assert state(doc)["context"] == "ctx"
    done = run("城市低保标准每人每月480元")
    assert done._.figures is state(done)["figures"] and len(done._.figures) == 1


def test_extraction_exposes_every_sentence_with_its_figures(tmp_path):
    import ingest
    from extractors import extract
    p = tmp_path / "r.txt"
    p.write_text("东湖县共有低保对象3210人。城市低保标准由每人每月610元提高到650元,增长6.6%。", encoding="utf-8")
    ex = extract(ingest.load(p))
    text = ex.document.text
    assert [[(f.kind, text[f.start:f.end]) for f in s.figures] for s in ex.sentences] == [
        [("count", "3210人")], [("money", "610元"), ("money", "650元"), ("percent", "6.6%")]]
    second = ex.sentences[1]
    assert [text[c.start:c.end] for c in second.clauses] == ["城市低保标准由每人每月610元提高到650元,", "增长6.6%。"]
