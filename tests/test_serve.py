"""The served database (issue 18): an authorizer denies functions that reach memory or files,
hostile file names are escaped in pages, writes answer 405, `doudi serve` stays on loopback and
picks up a rebuilt file instead of answering from old and new files by turns."""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pipeline import build_database
from database.publish import datasette
from doudi.cli import main

TEXT = ROOT / "corpus" / "text"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("serve")
    one = base / "one.db"
    assert build_database([TEXT / "qiannan-2015-social-assistance-report.txt"], one).ok
    two = base / "two.db"
    assert build_database([TEXT / "qiannan-2015-social-assistance-report.txt",
                           TEXT / "national-2020-social-assistance-news.txt"], two).ok
    return one, two


def get_all(db_path, requests):
    """Responses of ``requests`` ((method, url, params)) to an in-process Datasette as served."""
    ds = datasette(db_path)

    async def go():
        await ds.invoke_startup()
        out = []
        for method, url, params in requests:
            out.append(await getattr(ds.client, method)(url, params=params) if method == "get"
                       else await ds.client.post(url, json={"row": {"id": 1}}))
        return out
    return asyncio.run(go())


@pytest.mark.parametrize("sql", ["select fts3_tokenizer('simple')", "select hex(fts3_tokenizer('simple'))",
                                 "select load_extension('/tmp/x')", "select length(zeroblob(500000000))"])
def test_the_authorizer_denies_what_reaches_memory_or_files(built, sql):
    one, _ = built
    allowed, denied = get_all(one, [("get", "/one.json", {"sql": "select count(*) from standards"}),
                                    ("get", "/one.json", {"sql": sql})])
    assert allowed.status_code == 200 and allowed.json()["rows"][0][0] > 0
    assert denied.status_code == 400 and not denied.json()["ok"]
    assert "not authorized" in denied.json()["error"] or "too big" in denied.json()["error"]


def test_search_still_works_under_the_authorizer(built):
    one, _ = built
    (r,) = get_all(one, [("get", "/one/search.json", {"q": "低保", "_shape": "array"})])
    assert r.status_code == 200 and r.json()


@pytest.mark.parametrize("url", ["/one/standards/-/insert", "/one/-/create", "/one/standards/-/drop",
                                 "/one/search", "/one", "/"])
def test_writes_answer_405(built, url):
    one, _ = built
    (r,) = get_all(one, [("post", url, None)])
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("stem", ['x"><img src=x onerror=alert(1)>', "dev.v2"])
def test_the_file_name_is_escaped_and_links_work(built, tmp_path, stem):
    one, _ = built
    path = tmp_path / f"{stem}.db"
    shutil.copy(one, path)
    home, = get_all(path, [("get", "/", None)])
    assert home.status_code == 200
    assert "<img src=x" not in home.text and 'onerror=alert(1)>' not in home.text
    links = [part.split('"', 1)[0] for part in home.text.split('href="')[1:] if "standards_in_force" in part]
    assert links
    for link in links:
        (page,) = get_all(path, [("get", link.replace("&amp;", "&"), None)])
        assert page.status_code == 200, link


def test_serve_refuses_a_public_host(built):
    one, _ = built
    result = CliRunner().invoke(main, ["serve", "--db", str(one), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "not a loopback address" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _documents(port: int, name: str) -> int | None:
    url = f"http://127.0.0.1:{port}/{name}.json?sql=select+count(*)+from+documents"
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return json.load(r)["rows"][0][0]
    except (urllib.error.URLError, ConnectionError, OSError):
        return None


def _wait_for(predicate, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return predicate()


def test_serve_reopens_the_file_a_build_swaps_in(built, tmp_path):
    one, two = built
    served = tmp_path / "doudi.db"
    shutil.copy(one, served)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "doudi.cli", "serve", "--db", str(served), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    said: list[bytes] = []  # its stderr, read as it comes (the supervisor says when it restarts)
    reader = threading.Thread(target=lambda: said.extend(iter(server.stderr.readline, b"")), daemon=True)
    reader.start()

    def rebuilt():
        return any(b"was rebuilt" in line for line in list(said))

    try:
        assert _wait_for(lambda: _documents(port, "doudi") == 1), b"".join(said).decode()[-2000:]
        swap = tmp_path / "doudi.db.new"
        shutil.copy(two, swap)
        os.replace(swap, served)  # what doudi build does
        # until the supervisor sees the swap, the old Datasette may answer from either file (a
        # thread that opens its connection after the swap opens the new one)
        assert _wait_for(rebuilt)
        assert _wait_for(lambda: _documents(port, "doudi") == 2)
        assert [_documents(port, "doudi") for _ in range(12)] == [2] * 12  # never the old file again
    finally:
        server.terminate()  # the server alone: it stops its Datasette
        server.wait(20)
    reader.join(10)
    assert rebuilt()
    assert _wait_for(lambda: _documents(port, "doudi") is None, 20)  # nothing left listening
