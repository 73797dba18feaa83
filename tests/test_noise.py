"""Noise repairs in normalization (ingest/data/noise.yaml), each keeping the offset map."""
import pytest

from ingest.normalize import normalize, normalize_text


@pytest.mark.parametrize("raw, clean", [
    # PINYIN_TONELESS, also doubled groups a mirror leaves
    ("温(wen)州(zhou)市散(san)居(ju)孤(gu)儿(er)", "温州市散居孤儿"),
    ("标准提(ti)(ti)高(gao)至(zhi)900元", "标准提高至900元"),
    ("上(shàng)调(tiáo)", "上调"),
    # SPACED_DIGITS: joined only where a unit or decimal point ends the run
    ("调整为每人每月7 1 5元", "调整为每人每月715元"),
    ("分别按2 0 %和4 0 %增发", "分别按20%和40%增发"),
    ("8 0 周岁以上", "80周岁以上"),
    ("第 3 4 期", "第3 4期"),  # no unit: left as it is
    # OCR_GLYPH
    ("农村低保标准由每人每年5600元提髙到6000元", "农村低保标准由每人每年5600元提高到6000元"),
    ("家庭月人均收人低于", "家庭月人均收入低于"),
    ("请接收人签字", "请接收人签字"),
    # PUNCT_DOUBLED
    ("昆明,、玉溪两市", "昆明、玉溪两市"),
    ("980元,,曲靖", "980元,曲靖"),
])
def test_noise_is_repaired(raw, clean):
    assert normalize_text(raw) == clean


def test_repairs_keep_the_way_back_to_the_original():
    raw = "孤(gu)儿(er)标准为每月9 5 0元"
    m = normalize(raw)
    at = m.text.index("950")
    assert raw[m.map[at]] == "9"
    assert raw[m.map[m.text.index("儿")]] == "儿"


def test_a_web_address_files_its_page_under_a_date():
    from ingest.metadata import url_date
    assert url_date("http://www.gov.cn/fwxx/sh/2009-07/15/content_1.htm") == "2009-07-15"
    assert url_date("http://mzj.x.gov.cn/art/202103/t20210318_55.html") == "2021-03-18"
    assert url_date("http://x.cn/2024-11-02/abc.html") == "2024-11-02"
    assert url_date("https://x.com/news/read-9960.html") is None
