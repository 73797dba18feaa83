"""A real headless Chromium opens the pages `doudi serve` serves and sees them drawn: the history
step chart, a document with its records highlighted, the map (offline: no request leaves the
machine) and a canned query that matches nothing."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline import build_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
    reason="needs Debian's chromium and chromedriver (apt-get install chromium chromium-driver)")

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "doudi.db"
    build_database(None, db)
    port = free_port()
    doudi = Path(sys.executable).with_name("doudi")  # the console script of this environment
    proc = subprocess.Popen([str(doudi), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            break
        except OSError:
            assert proc.poll() is None and time.time() < deadline, "doudi serve did not start"
            time.sleep(0.2)
    yield base, db
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request the page makes
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--window-size=1280,1400", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def _requests(browser) -> list[str]:
    """URLs of the requests the browser sent since the last call (Chrome's performance log)."""
    import json

    urls = []
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def _shot(browser, name):
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / name))


def test_history_page_draws_visible_points(server, browser):
    from selenium.webdriver.common.by import By

    base, _ = server
    # 都匀市's rural 低保 has one value (2015): one point, drawn and visible
    browser.get(f"{base}/doudi/-/history?region={quote('都匀市')}&program=dibao&area=rural")
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.doudi-history")
    assert len(charts) == 1
    points = charts[0].find_elements(By.CSS_SELECTOR, ".point")
    assert len(points) == 1 and points[0].is_displayed()
    assert points[0].size["width"] >= 10 and points[0].size["height"] >= 10
    link = points[0].find_element(By.XPATH, "..").get_dom_attribute("href")  # the point links to its quote
    assert "/doudi/-/document/" in link and link == browser.find_element(
        By.CSS_SELECTOR, ".doudi-points a").get_dom_attribute("href")
    assert charts[0].find_elements(By.CSS_SELECTOR, "line.step")  # its time in force
    _shot(browser, "history-one-point.png")
    # 贺州市's urban 低保: 360 at the end of the 12th five-year plan (derived from the 2022 sentence), 750 in 2022
    browser.get(f"{base}/doudi/-/history?region={quote('贺州市')}&program={quote('低保')}&area={quote('城市')}&metric=standard")
    chart = browser.find_element(By.CSS_SELECTOR, "svg.doudi-history")
    points = chart.find_elements(By.CSS_SELECTOR, ".point")
    assert len(points) == 2 and all(p.is_displayed() for p in points)
    assert chart.find_elements(By.CSS_SELECTOR, "line.rise")  # the step up from 360 to 750
    titles = [p.find_element(By.TAG_NAME, "title").get_attribute("textContent") for p in points]
    assert titles[0].startswith("2015-01-01: 360") and "derived" in titles[0] and titles[1].startswith("2022-01-01: 750")
    browser.execute_script("arguments[0].scrollIntoView()", chart)
    _shot(browser, "history-chart.png")


def test_document_page_highlights_the_quote(server, browser):
    import sqlite3

    from selenium.webdriver.common.by import By

    base, db = server
    conn = sqlite3.connect(db)
    sid, doc, quote_text = conn.execute(
        "select s.id, s.document_id, s.quote from standards s join documents d on d.id = s.document_id "
        "where d.name = 'hezhou-2020-13th-five-year-summary.txt' and substr(d.text, s.start + 1, s.\"end\" - s.start) = s.quote "
        "and s.value = 750").fetchone()
    conn.close()
    browser.get(f"{base}/doudi/-/document/{doc}#r-{sid}")
    pieces = [a for a in browser.find_elements(By.CSS_SELECTOR, ".doudi-text a.record")
              if sid in a.get_attribute("data-records").split()]
    assert "".join(a.text for a in pieces) == quote_text  # the highlight covers the quote, exactly
    assert all(a.find_element(By.TAG_NAME, "mark").is_displayed() for a in pieces)
    assert any(a.get_attribute("href").endswith(f"/doudi/standards/{sid}") for a in pieces)
    _shot(browser, "document-highlights.png")
    pieces[0].click()  # the highlight leads to the record
    assert browser.current_url.endswith(f"/doudi/standards/{sid}")
    # ... whose row page leads back to the quote in the document
    back = browser.find_element(By.CSS_SELECTOR, "a.doudi-quote")
    assert back.get_attribute("href").endswith(f"/doudi/-/document/{doc}#r-{sid}")
    assert browser.find_element(By.CSS_SELECTOR, "a.doudi-document").get_attribute("href").endswith(
        f"/doudi/-/document/{doc}")


def test_fact_row_page_leads_to_its_quote_highlighted(server, browser):
    import sqlite3

    from selenium.webdriver.common.by import By

    base, db = server
    conn = sqlite3.connect(db)
    fid, sid, doc, quote_text = conn.execute(
        "select f.id, f.standard_id, f.document_id, s.quote from facts f join standards s on s.id = f.standard_id "
        "where f.adcode = '451100' and f.program = 'dibao' and f.area = 'urban' and f.value = 750").fetchone()
    conn.close()
    browser.get(f"{base}/doudi/facts/{fid}")
    _shot(browser, "fact-row.png")
    browser.find_element(By.CSS_SELECTOR, ".doudi-record-links a.doudi-quote").click()
    assert browser.current_url.endswith(f"/doudi/-/document/{doc}#r-{sid}")
    target = browser.find_element(By.CSS_SELECTOR, ":target")  # the anchor the link jumps to ...
    assert target.get_attribute("id") == f"r-{sid}"
    first = target.find_element(By.XPATH, "following-sibling::a[1]")  # ... opens the quote's highlight
    assert sid in first.get_attribute("data-records").split()
    assert quote_text.startswith(first.text) and first.find_element(By.TAG_NAME, "mark").is_displayed()
    asked = browser.find_elements(By.CSS_SELECTOR, ".doudi-text a.doudi-target")
    assert "".join(a.text for a in asked) == quote_text  # the whole quote marked as the one asked for
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle",
                                      asked[-1].find_element(By.TAG_NAME, "mark"))
    assert outline == "solid"
    top, bottom = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]", first)
    assert bottom > 0 and top < browser.execute_script("return window.innerHeight")  # scrolled into view
    _shot(browser, "fact-quote-in-document.png")


def test_map_draws_shapes_offline(server, browser):
    from selenium.webdriver.common.by import By

    base, _ = server
    _requests(browser)  # forget the earlier pages' requests
    browser.get(f"{base}/doudi/-/map?program=dibao&area=urban&metric=standard&date=2016-01-01&level=county"
                f"&within={quote('黔南州')}")
    shapes = browser.find_elements(By.CSS_SELECTOR, "svg.doudi-map path.region")
    assert len(shapes) >= 12  # 黔南州's counties
    shaded = browser.find_elements(By.CSS_SELECTOR, "svg.doudi-map path.region.has-value")
    assert len(shaded) >= 10 and all(s.size["width"] > 5 and s.size["height"] > 5 for s in shaded)
    titles = [s.find_element(By.TAG_NAME, "title").get_attribute("textContent") for s in shaded]
    assert "都匀市: 495 yuan/person/month" in titles
    _shot(browser, "map-qiannan-counties.png")
    browser.get(f"{base}/doudi/-/map?program=dibao&area=urban&date=2021-01-01")  # provinces
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.doudi-map path.region")) >= 31
    _shot(browser, "map-offline.png")
    sent = _requests(browser)
    assert sent and all(u.startswith(base) or u.startswith("data:") for u in sent), sent


def test_canned_query_says_when_nothing_matches(server, browser):
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(f"{base}/doudi/standards_in_force?date=2016-01-01&region={quote('火星')}&program=dibao")
    assert "Nothing matches" in browser.find_element(By.CSS_SELECTOR, ".zero-results").text
    assert not browser.find_elements(By.CSS_SELECTOR, "textarea#sql-editor")  # SQL hidden
    program = browser.find_element(By.CSS_SELECTOR, 'form input[name="program"]')
    options = browser.find_elements(By.CSS_SELECTOR, f"datalist#{program.get_attribute('list')} option")
    assert "dibao" in [o.get_attribute("value") for o in options]


def test_map_of_standards_by_region_shows_markers(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, _ = server
    browser.get(f"{base}/doudi/standards_by_region?program=dibao")
    markers = WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-container .leaflet-marker-icon"))
    assert markers  # map tiles need the network; the markers do not
