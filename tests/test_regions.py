"""Regions: the division table, names in real policy sentences, and a document's home region."""
from pathlib import Path

import pytest

from gazetteer import COUNTRY, Region, RegionIndex, resolve_deictic

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "text"


@pytest.fixture(scope="module")
def idx():
    return RegionIndex.default()


def codes(mentions):
    return [m.region.code for m in mentions]


# ---- the table ---------------------------------------------------------------------------------
def test_table_has_every_level_with_parents_and_coordinates(idx):
    duyun = idx.get("522701")
    assert duyun.name == "都匀市" and duyun.level == "county" and duyun.short_name == "都匀"
    assert 107 < duyun.longitude < 108 and 26 < duyun.latitude < 27
    assert [a.code for a in idx.ancestors(duyun)] == ["522700", "520000"]
    assert idx.parent_of(idx.get("522700")).name == "贵州省"
    assert idx.get("100000") == COUNTRY
    # counties under a municipality hang on the municipality; 省直辖 cities on their province
    assert idx.get("310115").parent == "310000"
    assert idx.get("429004").parent == "420000"


def test_default_is_a_cached_singleton():
    assert RegionIndex.default() is RegionIndex.default()


def test_regions_of_a_level_are_the_table_s(idx):
    provinces = idx.regions("province")
    assert len(provinces) == 34 and {"贵州省", "香港特别行政区", "新疆维吾尔自治区"} <= {r.name for r in provinces}
    assert all(r.level == "province" for r in provinces)
    assert {r.code for r in idx.children(idx.get("522700"))} <= {r.code for r in idx.regions("county")} | {None}


def test_an_alias_for_a_code_the_table_lacks_is_a_one_line_error():
    from gazetteer.sources import default_aliases, read_rows
    aliases = dict(default_aliases(), province_abbreviations={"黔": "529999"})
    with pytest.raises(ValueError, match=r"region_aliases.yaml: province_abbreviations names code '529999'"):
        RegionIndex(read_rows(), aliases)


# ---- lookup ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, code", [
    ("黔南布依族苗族自治州", "522700"),
    ("黔南州", "522700"),
    ("都匀", "522701"),
    ("三都县", "522732"),          # 三都水族自治县
    ("新疆", "650000"),
    ("郧县", "420304"),            # former name of 郧阳区 (2014)
    ("新津县", "510132"),          # former name of 新津区 (2020)
    ("襄樊市", "420600"),
    ("柳州地区", "451300"),
    ("全国", "100000"),
])
def test_lookup_names(idx, name, code):
    assert idx.lookup(name).code == code


def test_lookup_ambiguous_names_need_within(idx):
    assert idx.lookup("新华区") is None          # 石家庄, 沧州, 平顶山 ...
    assert idx.lookup("新华区", within="130100").code == "130105"
    assert idx.lookup("桥西区", within="130100").code == "130104"
    assert idx.lookup("高新区") is None
    zone = idx.lookup("高新区", within="510100")
    assert zone.level == "zone" and zone.code is None and zone.parent == "510100"


def test_lookup_short_names_within_a_city(idx):
    for short, code in [("迁安", "130283"), ("路南", "130202"), ("路北", "130203"),
                        ("丰南", "130207"), ("曹妃甸", "130209")]:
        assert idx.lookup(short, within="130200").code == code
    assert idx.lookup("南堡", within="130200").level == "zone"
    assert idx.lookup("都匀", within="130200") is None  # not in 唐山


def test_lookup_groups_and_unknowns(idx):
    group = idx.lookup("三区三州")
    assert group.level == "group" and group.code is None
    assert idx.lookup("深度贫困县").level == "group"
    assert idx.lookup("xx市") is None and idx.lookup("***市") is None and idx.lookup("某市") is None
    assert idx.lookup("城区") is None and idx.lookup("全区") is None


def test_suggest(idx):
    assert "都匀市" in idx.suggest("都云市")


# ---- find --------------------------------------------------------------------------------------
def test_find_qiannan_tiers(idx):
    # corpus qiannan report: two tiers of counties, one with a development zone
    text = ("城乡低保标准分为2个档次,都匀市、福泉市和都匀经济开发区为一档,城乡低保标准分别为495元/月和"
            "2640元/年;荔波县、贵定县、瓮安县、独山县、平塘县、罗甸县、长顺县、龙里县、惠水县、三都县为二档")
    found = idx.find(text)
    assert [m.text for m in found] == ["都匀市", "福泉市", "都匀经济开发区", "荔波县", "贵定县", "瓮安县",
                                       "独山县", "平塘县", "罗甸县", "长顺县", "龙里县", "惠水县", "三都县"]
    zone = found[2].region
    assert zone.level == "zone" and zone.code is None and zone.parent == "522701"
    assert found[-1].region.code == "522732"
    assert all(idx.is_within(m.region, "522700") for m in found)
    assert text[found[3].start:found[3].end] == "荔波县"


def test_find_chengdu_districts_and_zones(idx):
    text = ("(一)成都高新区、成都天府新区、锦江区、青羊区、金牛区、武侯区、成华区、龙泉驿区、青白江区、新都区、"
            "温江区、双流区和郫都区最低生活保障标准统一提高到家庭月人均收入630元。"
            "(二)简阳市、都江堰市、彭州市、邛崃市、崇州市、金堂县、新津县、大邑县和蒲江县最低生活保障标准")
    found = idx.find(text)
    assert [m.text for m in found[:2]] == ["成都高新区", "成都天府新区"]
    assert all(m.region.level == "zone" and m.region.code is None for m in found[:2])
    assert codes(found[2:]) == ["510104", "510105", "510106", "510107", "510108", "510112", "510113",
                                "510114", "510115", "510116", "510117", "510185", "510181", "510182",
                                "510183", "510184", "510121", "510132", "510129", "510131"]


def test_find_shiyan_with_former_and_special_zone(idx):
    text = "十堰市经济开发区、武当山旅游经济特区、茅箭区、张湾区、郧阳区、丹江口市、郧西县、竹山县、竹溪县、房县"
    found = idx.find(text)
    assert found[0].text == "十堰市经济开发区" and found[0].region.parent == "420300"
    assert found[1].text == "武当山旅游经济特区" and found[1].region.level == "zone"
    assert codes(found[2:]) == ["420302", "420303", "420304", "420381", "420322", "420323",
                                "420324", "420325"]
    assert codes(idx.find("原郧县农村低保")) == ["420304"]


def test_find_tangshan_short_names_in_a_list(idx):
    text = "执行一类标准的县(市、区)为:迁安、路南、路北、丰南、高新、曹妃甸、南堡"
    expected = ["迁安市", "路南区", "路北区", "丰南区", "唐山高新技术产业开发区", "曹妃甸区", "南堡经济开发区"]
    for within in (None, "130200"):
        found = idx.find(text, within=within)
        assert [m.region.name for m in found] == expected
        assert all(idx.is_within(m.region, "130200") for m in found)


def test_find_ambiguous_district_names_resolved_by_their_list(idx):
    found = idx.find("长安区、桥西区、新华区、裕华区、井陉矿区、藁城区")
    assert codes(found) == ["130102", "130104", "130105", "130108", "130107", "130109"]


def test_find_unknown_zones_by_pattern(idx):
    found = idx.find("含岳阳楼区、云溪区、君山区、岳阳经济开发区、南湖风景区")
    assert [m.text for m in found][-2:] == ["岳阳经济开发区", "南湖风景区"]
    assert found[-2].region.parent == "430600" and found[-2].region.code is None
    found = idx.find("泉州台商投资区城乡低保标准")
    assert found[0].text == "泉州台商投资区" and found[0].region.parent == "350500"


def test_find_country_groups_and_provinces(idx):
    found = idx.find("全国农村低保平均标准,三区三州等深度贫困地区,新疆、西藏")
    assert [(m.text, m.region.code) for m in found] == [
        ("全国", "100000"), ("三区三州", None), ("深度贫困地区", None), ("新疆", "650000"), ("西藏", "540000")]
    assert found[0].region == Region("100000", "全国", "country", None)


@pytest.mark.parametrize("text", [
    "城区低保标准提高到每人每月600元",
    "全区城乡最低生活保障标准的提高",
    "各县市区和市辖区",
    "在长安街上",          # 长安 alone is not 长安区
    "发展大城市和小城镇",  # 大城 is 大城县, not 大城市
    "推进各类开发区建设",
])
def test_find_does_not_fire_on_common_words(idx, text):
    assert idx.find(text) == []


def test_find_bare_short_names_only_within(idx):
    assert idx.find("迁安城乡低保") == []
    assert codes(idx.find("迁安城乡低保", within="130200")) == ["130283"]
    assert codes(idx.find("黔南州城乡低保")) == ["522700"]


# ---- home region -------------------------------------------------------------------------------
def load(name):
    import ingest
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not present")
    return ingest.load(path)


def test_home_region_of_qiannan_report(idx):
    assert idx.home_region(load("qiannan-2015-social-assistance-report.txt")).code == "522700"


def test_home_region_of_hezhou_summary(idx):
    # 贺民规 with 桂政办发 giving 广西, and 贺州市…中心: the city, not the province
    assert idx.home_region(load("hezhou-2020-13th-five-year-summary.txt")).code == "451100"


def test_home_region_of_anonymised_city_plan_is_none(idx):
    assert idx.home_region(load("city-2016-civil-affairs-plan-traditional.txt")) is None


def test_home_region_from_doc_number_prefixes(idx):
    assert idx.doc_number_region("黔南府办函〔2015〕59号").code == "522700"
    assert idx.doc_number_region("桂政办发(2022)120号").code == "450000"
    assert idx.doc_number_region("贺民规(2022)3号", {"450000"}).code == "451100"
    assert idx.doc_number_region("唐民字〔2023〕56号").code == "130200"
    assert idx.doc_number_region("成府函〔2017〕181号").code == "510100"
    assert idx.doc_number_region("国发〔2014〕61号") is None
    assert idx.doc_number_region("民发〔2024〕16号") is None


def test_home_region_prefers_the_county_that_names_its_prefecture(idx):
    from ingest.document import Document
    text = ("都江堰市人民政府办公室关于转发《成都市人民政府关于提高最低生活保障标准的通知》的通知\n"
            "各乡镇人民政府,市政府各部门:现将《成都市人民政府关于提高最低生活保障标准的通知》"
            "(成府函〔2017〕181号)转发你们,请认真遵照执行。\n都江堰市人民政府办公室\n")
    doc = Document(id="x", source="x.txt", format="txt", original=text, text=text,
                   offsets=list(range(len(text) + 1)), title=text.split("\n")[0])
    assert idx.home_region(doc).code == "510181"


def test_home_region_none_without_evidence(idx):
    from ingest.document import Document
    text = "xx市民政局关于提高城乡低保标准的通知。全市城市低保标准提高到每人每月600元。"
    doc = Document(id="x", source="x.txt", format="txt", original=text, text=text,
                   offsets=list(range(len(text) + 1)))
    assert idx.home_region(doc) is None


# ---- deictic words -----------------------------------------------------------------------------
def test_resolve_deictic(idx):
    duyun, qiannan, hezhou = idx.get("522701"), idx.get("522700"), idx.get("451100")
    assert idx.resolve_deictic("全州", qiannan).code == "522700"
    assert idx.resolve_deictic("全州", duyun).code == "522700"
    assert idx.resolve_deictic("全省", duyun).code == "520000"
    assert idx.resolve_deictic("我市", duyun).code == "522701"   # a county-level city is its own 市
    assert idx.resolve_deictic("全市", hezhou).code == "451100"
    assert idx.resolve_deictic("全区", hezhou).code == "450000"  # 广西壮族自治区
    assert idx.resolve_deictic("全区", idx.get("451102")).code == "451102"  # 八步区
    assert idx.resolve_deictic("全县", idx.get("522732")).code == "522732"
    assert idx.resolve_deictic("全县", hezhou) is None
    assert idx.resolve_deictic("全省", hezhou) is None             # 广西 is not a 省
    assert idx.resolve_deictic("全市", idx.get("310115")).code == "310000"
    assert resolve_deictic("全市", None) is None
    assert resolve_deictic("全国", None) == COUNTRY


# ---- the page's web address --------------------------------------------------------------------
@pytest.mark.parametrize("url, code", [
    ("http://mzt.xizang.gov.cn/zxzx/gzdt/202003/t20200320_134870.html", "540000"),  # 民政厅 site
    ("https://fgw.sh.gov.cn/rysf/20201230/a282.html", "310000"),      # portal label sh
    ("http://mzt.hlj.gov.cn/2024/x.html", "230000"),
    ("http://news.dongyingnews.cn/system/2019/10/30/010723924.shtml", "370500"),  # place + news
    ("http://www.hebimz.gov.cn/gongzuodongtai/2015-04-15/774.html", "410600"),    # place + mz
    ("https://m.52fuqing.com/newsshow-365035.html", "350181"),        # digits + county-level city
    ("http://tgflt.cn/haerbin/c104877/202407/c01_996303.shtml", "230100"),  # first path segment
    ("https://www.hangzhou.gov.cn/art/2022/1/1/art_1.html", "330100"),
    ("http://www.jiangsu.gov.cn/art/2020/", "320000"),
])
def test_region_from_web_address(idx, url, code):
    assert idx.from_url(url).code == code


@pytest.mark.parametrize("url", [
    "http://mzj.yulin.gov.cn/zwgk/t18216891.shtml",   # yulin: 玉林 and 榆林
    "http://www.taizhou.gov.cn/",                      # 台州 and 泰州
    "http://www.xinhuanet.com/politics/2019-01/01/c_1.htm",
    "https://news.sohu.com/20090522/n264104270.shtml",
    "http://www.gov.cn/zhengce/content/2021.htm",
    "http://www.mca.gov.cn/article/xw/",
    "https://www.thepaper.cn/newsDetail_forward_1",
    "not a url", "", None,
])
def test_no_region_from_national_or_ambiguous_addresses(idx, url):
    assert idx.from_url(url) is None


def text_doc(tmp_path, text):
    import ingest
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return ingest.load(path)


def test_home_region_from_the_address_when_the_text_names_no_place(idx, tmp_path):
    doc = text_doc(tmp_path, "SOURCE: https://m.52fuqing.com/newsshow-365035.html\n\n"
                   "本报6月25日讯 记者昨天从市民政局救灾救济科了解到,我市今年上半年纳入农村、城市低保的家庭"
                   "共有7574户14735人。目前,我市城市低保标准为每人每月460元,农村低保标准为每人每月260元。\n")
    assert idx.home_region(doc).code == "350181"


def test_address_of_a_city_site_widens_to_the_province_the_notice_speaks_for(idx, tmp_path):
    doc = text_doc(tmp_path, "SOURCE: http://tgflt.cn/haerbin/c104877/202407/c01_996303.shtml\n\n"
                   "《通知》规定,全省城市低保指导标准提高到每人每月710元,农村低保指导标准提高到每人每月517元。\n")
    assert idx.home_region(doc).code == "230000"


def test_address_never_outweighs_the_text(idx, tmp_path):
    # a content farm's city subdomain (jinan.) on a report about 云南
    doc = text_doc(tmp_path, "SOURCE: https://jinan.baogaosu.com/xinwen/76524142\n\n"
                   "云南省城乡低保再提标\n云南省民政厅近日印发通知,全省城市低保标准每人每月不低于600元,"
                   "云南省农村低保标准每人每年不低于4200元。\n")
    assert idx.home_region(doc).code == "530000"


def test_home_region_narrows_to_the_county_the_text_speaks_as(idx, tmp_path):
    doc = text_doc(tmp_path, "象山县城乡居民最低生活保障标准调整\n中国宁波网 08月10日 15:02\n"
                   "8月9日,从县民政局获悉,我县城乡居民最低生活保障标准调整。经宁波市政府同意,"
                   "城镇居民最低生活保障标准由现行的人均每月392元调整为465元。\n")
    assert idx.home_region(doc).code == "330225"


def test_home_region_is_the_one_place_of_the_level_the_text_speaks_as(idx, tmp_path):
    doc = text_doc(tmp_path, "我区提高城乡最低生活保障标准\n发布时间: 2020年03月20日 来源: 中国西藏新闻网\n"
                   "为提高我区困难群众生活保障水平,经自治区研究决定,从2020年1月1日起再次提高城乡居民"
                   "最低生活保障标准。\n")
    assert idx.home_region(doc).code == "540000"
    # 本市 with one municipality named (in the source line) is that municipality
    doc = text_doc(tmp_path, "7月1日起,本市调整最低生活保障等社会救助标准\n来源:周到上海\n"
                   "本市将从2022年7月1日起调整最低生活保障等社会救助标准。\n")
    assert idx.home_region(doc).code == "310000"


def test_provinces_named_by_their_number_are_a_group(idx):
    found = [(m.text, m.region.level, m.region.code) for m in idx.find("截至目前,全国已有27个省份确定了当地最低孤儿养育标准")]
    assert found == [("全国", "country", "100000"), ("27个省份", "group", None)]
    assert [m.text for m in idx.find("中西部22个省(区、市)")] == ["22个省(区、市)"]
    assert [m.text for m in idx.find("该市3个县")] == []  # a count of counties is not a place


def test_a_bare_zone_kind_in_a_city_s_list_is_that_city_s_zone(idx):
    found = [(m.text, m.region.name) for m in idx.find("长安区、裕华区、新华区、高新区、桥西区", within="130100")]
    assert ("高新区", "石家庄高新技术产业开发区") in found and len(found) == 5
    assert idx.find("全省高新区要加快发展", within="130000") == []  # no one zone of that name there
