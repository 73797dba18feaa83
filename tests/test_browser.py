"""A real headless Chromium opens the history chart served by `doudi serve` and sees it drawn."""
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

# The report gives the 2015 value ("十二五"期末) beside the 2022 one; a curator records it as a
# standard of its own, so 贺州市's urban 低保 standard has a history to draw.
OVERRIDES = """
- id: add-hezhou-2015-urban
  action: add
  who: browser test
  why: the end of the 12th five-year plan is 2015
  record: {source: hezhou-2020-13th-five-year-summary.txt, region: 贺州市, adcode: "451100",
           program: dibao, area: urban, metric: standard, value: 360, unit: yuan/person/month,
           period: "2015", quote: 城乡低保保障标准由“十二五”期末的每人每月360元和200元}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    (tmp / "overrides.yaml").write_text(OVERRIDES, "utf-8")
    db = tmp / "doudi.db"
    build_database(None, db, overrides=tmp / "overrides.yaml")
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
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--window-size=1280,1400", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def test_history_chart_renders(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    chart = "g.mark=line&g.x_column=period_start&g.x_type=temporal&g.y_column=value" \
            "&g.y_type=quantitative&g.color_column=series"
    url = f"{server}/doudi/standard_history?region={quote('贺州市')}&program=dibao&area=urban#{chart}"
    browser.get(url)
    drawn = WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".vega-embed canvas, .vega-embed svg"))
    assert drawn[0].size["width"] > 100 and drawn[0].size["height"] > 50
    # the line joining 2015 and 2022 is drawn: coloured pixels, where axes and grid are grey
    coloured = browser.execute_script("""
        const c = arguments[0];
        if (c.tagName.toLowerCase() !== 'canvas') {
            return c.querySelectorAll('.mark-line path, path[aria-roledescription="line mark"]').length * 1000;
        }
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
            if (Math.max(d[i], d[i+1], d[i+2]) - Math.min(d[i], d[i+1], d[i+2]) > 60 && d[i+3] > 0) n++;
        }
        return n;""", drawn[0])
    assert coloured > 200
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("arguments[0].scrollIntoView()", drawn[0])
    assert browser.save_screenshot(str(ARTIFACTS / "history-chart.png"))


def test_map_of_standards_by_region_shows_markers(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/doudi/standards_by_region?program=dibao")
    markers = WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-container .leaflet-marker-icon"))
    assert markers  # map tiles need the network; the markers do not
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("arguments[0].scrollIntoView()",
                           browser.find_element(By.CSS_SELECTOR, ".leaflet-container"))
    assert browser.save_screenshot(str(ARTIFACTS / "standards-map.png"))
