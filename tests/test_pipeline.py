"""The spaCy pipeline: built from extractors/config.cfg, components made by registered factories
with their data files as settings, their spans and extensions."""
import csv

from thinc.api import Config

from extractors.nlp import CONFIG, CharTokenizer, SentenceContext, build, nlp
from gazetteer import DATA as REGIONS_DATA, RegionIndex


def run(text: str, ctx=None):
    pipe = nlp()
    doc = pipe.make_doc(text)
    doc._.context = ctx
    return pipe(doc)


def test_the_pipeline_is_built_from_its_config():
    pipe, cfg = nlp(), Config().from_disk(CONFIG)
    assert pipe.lang == "zh" and isinstance(pipe.tokenizer, CharTokenizer)
    assert pipe.pipe_names == cfg["nlp"]["pipeline"] == [
        "doudi_figures", "doudi_keywords", "doudi_regions", "doudi_standards"]
    assert pipe.pipe_factories == {name: name for name in pipe.pipe_names}
    assert pipe.config["components"]["doudi_keywords"]["lexicon"] == cfg["components"]["doudi_keywords"]["lexicon"]
    # the bundled data, loaded once: the extraction's own lexicon and gazetteer
    assert pipe.get_pipe("doudi_regions").index is RegionIndex.default()
    assert pipe.get_pipe("doudi_standards").index is RegionIndex.default()


def test_the_factories_read_the_data_files_the_config_names(tmp_path):
    """A gazetteer without Wuhan, named in the config, is the one the components use."""
    with (REGIONS_DATA / "regions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    table = tmp_path / "regions.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(r for r in rows if not r["code"].startswith("4201"))
    other = build(Config().from_disk(CONFIG, overrides={"components.doudi_regions.regions": str(table)}))
    assert other.get_pipe("doudi_standards").index is other.get_pipe("doudi_regions").index  # one setting
    text = "都匀市和武汉市城市低保标准"
    bundled, changed = nlp()(text), other(text)
    assert [s.text for s in bundled.spans["regions"]] == ["都匀市", "武汉市"]
    assert [s.text for s in changed.spans["regions"]] == ["都匀市"]


def test_sentences_stream_through_the_pipeline_each_in_the_context_the_last_left(tmp_path):
    """The second sentence takes its place from the records of the first (read through
    ``nlp().pipe``): the stream hands over a sentence only once the one before it is taken."""
    import ingest
    from extractors import extract
    p = tmp_path / "hebei.txt"
    p.write_text("河北省民政厅关于提高城乡低保标准的通知\n"
                 "沧州市城市低保标准提高到每人每月700元。农村低保标准每人每年5000元。\n", encoding="utf-8")
    ex = extract(ingest.load(p))
    assert ex.home_region.name == "河北省"
    assert [(s.region, s.area, s.value) for s in ex.standards] == [
        ("沧州市", "urban", 700), ("沧州市", "rural", 5000)]


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


def test_the_components_state_is_the_same_with_and_without_a_doc():
    """extract reads each sentence through nlp.read_state, which runs the components' readers
    without a Doc: what they leave is what piping a Doc leaves, sentence after sentence of the
    bundled corpus read in one context."""
    from pathlib import Path

    import ingest
    from extractors.nlp import read_state
    from language.figures import MAY_HOLD_FIGURE
    from language.segment import sentences

    pipe, index = nlp(), RegionIndex.default()
    compared = 0
    for p in sorted((Path(__file__).parent.parent / "corpus" / "text").glob("*.txt")):
        if p.suffixes != [".txt"]:
            continue
        doc = ingest.load(p)
        contexts = [SentenceContext(source=doc.name, document_id=doc.id, within="520000",
                                    region=index.get("520000"))
                    for _ in range(2)]
        for s in sentences(doc.text, 0, len(doc.text)):
            text = doc.text[s.start:s.end]
            if not MAY_HOLD_FIGURE.search(text):
                continue
            states = []
            for ctx, direct in zip(contexts, (True, False)):
                ctx.offset, ctx.text = s.start, text
                states.append(read_state(pipe, text, ctx, direct))
            fast, piped = states
            assert [fast[k] for k in ("figures", "mentions", "standards", "fired")] == [
                piped[k] for k in ("figures", "mentions", "standards", "fired")], text
            compared += bool(fast["standards"])
    assert compared > 20
