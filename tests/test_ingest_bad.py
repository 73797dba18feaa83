"""Bad input: one clear IngestError line (file and cause) each; a run never stops on one."""
import shutil

import pytest

import ingest


@pytest.mark.parametrize("name, cause", [
    ("empty.txt", "empty file (0 bytes)"),
    ("binary-named.pdf", "not a PDF"),
    ("encrypted.pdf", "encrypted PDF"),
    ("corrupt.docx", "corrupt DOCX: not a valid zip archive"),
    ("zip-bomb.docx", "refused DOCX: zip bomb"),
    ("zip-bomb.xlsx", "refused XLSX: zip bomb"),
    ("undecodable.txt", "undecodable bytes"),
    ("unsupported.rtf", "unsupported file type '.rtf'"),
])
def test_bad_file_gives_one_line_naming_file_and_cause(corpus, name, cause):
    path = corpus / "bad" / name
    with pytest.raises(ingest.IngestError) as err:
        ingest.load(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ") and cause in message
    assert err.value.path == str(path)


def test_zip_bomb_is_refused_before_inflating(corpus, monkeypatch):
    import zipfile

    def no_read(*args, **kwargs):
        raise AssertionError("inflated a zip bomb")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_read)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_read)
    with pytest.raises(ingest.IngestError, match="zip bomb"):
        ingest.load(corpus / "bad" / "zip-bomb.docx")


def test_missing_file(tmp_path):
    with pytest.raises(ingest.IngestError, match="cannot read"):
        ingest.load(tmp_path / "missing.txt")


def test_html_of_binary_junk(tmp_path):
    p = tmp_path / "junk.html"
    p.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ingest.IngestError, match="junk.html: "):
        ingest.load(p)


def test_load_many_walks_a_thousand_files_past_broken_ones(tmp_path, corpus):
    good = (corpus / "text/qiannan-2015-social-assistance-report.txt").read_text(encoding="utf-8")[:600].encode()
    root = tmp_path / "docs"
    for i in range(1000):
        d = root / f"batch{i // 100:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{i:04d}.txt").write_bytes(good + f"\n第{i}号".encode())
    broken = {root / "batch03" / "0300.txt": b"",
              root / "batch05" / "0500.pdf": b"\x00garbage",
              root / "batch07" / "0700.docx": b"PK\x03\x04broken",
              root / "batch09" / "0900.txt": b"\xff\xfe\x80\x81caf\xe9"}
    for path, data in broken.items():
        if path.with_suffix(".txt").exists():
            path.with_suffix(".txt").unlink()
        path.write_bytes(data)
    (root / ".hidden.txt").write_bytes(b"\xff")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_bytes(b"\xff")
    shutil.copy(corpus / "bad" / "zip-bomb.xlsx", root / "batch09" / "zz.xlsx")

    results = list(ingest.load_many([root], progress=False))
    paths = [p for p, _ in results]
    assert paths == sorted(paths) and len(paths) == 1001
    errors = {p: r for p, r in results if isinstance(r, ingest.IngestError)}
    docs = [r for _, r in results if isinstance(r, ingest.Document)]
    assert set(errors) == set(broken) | {root / "batch09" / "zz.xlsx"}
    assert len(docs) == 996 and all("社会救助" in d.text for d in docs)
    assert all(str(p) in str(e) for p, e in errors.items())


def test_load_many_is_quiet_when_stderr_is_not_a_terminal(tmp_path, capsys, corpus):
    shutil.copy(corpus / "text/hezhou-2020-13th-five-year-summary.txt", tmp_path / "a.txt")
    assert [type(r).__name__ for _, r in ingest.load_many(tmp_path)] == ["Document"]
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
