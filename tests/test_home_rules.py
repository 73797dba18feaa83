"""Where a record's region comes from when the text says it only once, or in page chrome:
mastheads, outlet names, breadcrumbs, cited titles and the deictic of an unnamed place."""
from extractors import extract
from ingest.build import build_document


def regions(text):
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text)
    return [(r.region, r.adcode, r.value) for r in extract(doc).standards]


def test_a_masthead_names_the_story_place():
    assert regions("宜昌日报讯(记者李某)经市政府同意,我市城市低保标准提高到每人每月760元。") == [("宜昌市", "420500", 760.0)]
    assert regions("新江西客户端赣州讯 记者从市民政局获悉,全市农村低保标准提高到每人每年6900元。") == [("赣州市", "360700", 6900.0)]


def test_outlet_names_and_breadcrumbs_are_page_chrome():
    text = ("您当前的位置:江西新闻网>江西>民生\n\n赣州提高低保标准\n\n江西日报客户端赣州讯 全市城市低保标准由每人每月800元"
            "提高至850元。\n\n版权所有:江西日报、江西新闻网\n")
    assert regions(text) == [("赣州市", "360700", 850.0)]


def test_a_cited_title_names_neither_the_place_nor_the_area():
    text = ("会昌县民政局通知\n\n按照《江西省人民政府关于完善全省城乡低保制度的意见》和《城镇低保标准调整办法》,"
            "全县低保标准统一调整为每人每月720元。\n")
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text)
    (r,) = extract(doc).standards
    assert (r.region, r.area, r.value) == ("会昌县", "all", 720.0)


def test_an_unnamed_place_is_the_deictic_as_written():
    assert regions("截至2025年3月底:\n\n1.全县共有低保对象1200人,保障标准为每人每月690元。\n") == [("全县", None, 690.0)]


def test_groups_without_a_code_are_named_after_their_city():
    text = "西宁市民政局消息。城市低保四区由每人每月760元提高至800元,三县由每人每月700元提高至740元;农村低保由每人每年5600元提高至6000元。"
    assert regions(text) == [("西宁市四区", None, 800.0), ("西宁市三县", None, 740.0), ("西宁市", "630100", 6000.0)]


def test_named_parts_of_a_municipality():
    text = "重庆市民政局消息。城市低保标准调整为:主城区每人每月620元;渝东北片区、渝东南片区每人每月560元。"
    got = regions(text)
    assert ("重庆市主城区", None, 620.0) in got and ("重庆市渝东北片区", None, 560.0) in got and ("重庆市渝东南片区", None, 560.0) in got


def test_kinds_of_area_are_no_groups():
    text = "西宁市民政局消息。农村地区低保标准为每人每年6000元。"
    assert regions(text) == [("西宁市", "630100", 6000.0)]


def test_places_in_an_exclusion_are_left_out_of_the_group():
    text = "江苏省民政厅消息。各设区市(不含南京、苏州)城乡低保标准统一调整为每人每月850元。"
    assert regions(text) == [("江苏省各设区市(不含南京、苏州)", None, 850.0)]
    text = "广东省民政厅消息。各市县(广州、深圳除外)城市低保标准不低于每人每月900元。"
    assert [r[0] for r in regions(text)] == ["广东省各市县(广州、深圳除外)"]


def test_a_bare_city_name_opening_a_clause():
    text = "多地上调低保标准\n\n绍兴市城市低保标准为每人每月980元;嘉兴自8月1日起将城市低保标准调整为每人每月960元。\n"
    assert regions(text) == [("绍兴市", "330600", 980.0), ("嘉兴市", "330400", 960.0)]


def test_a_source_line_naming_a_local_paper_names_the_place():
    text = "我市提高城乡低保标准\n\n发布日期:2021-05-10\n\n信息来源:洛阳日报\n\n我市城市低保标准提高到每人每月700元。\n"
    assert regions(text) == [("洛阳市", "410300", 700.0)]


def test_web_addresses_name_counties_and_provinces_when_nothing_else_does():
    from gazetteer import RegionIndex
    ix = RegionIndex.default()
    assert ix.from_url("http://www.ilinqu.cn/a/news/1.html").name == "临朐县"
    assert ix.from_url("http://www.ijingde.com/a/1.html").name == "旌德县"
    assert ix.from_url("http://m.example.cn/news/fj/3009.html").name == "福建省"
    assert ix.from_url("http://m.example.cn/news/abc/3009.html") is None


def test_a_tier_list_runs_back_over_several_clauses():
    text = ("四川省民政厅消息。城市低保分两档:第一档,成都市锦江区、青羊区,其余市(州)政府驻地,保障标准为每人每月800元;"
            "第二档,其他县,保障标准为每人每月720元。")
    got = regions(text)
    assert ("锦江区", "510104", 800.0) in got and ("青羊区", "510105", 800.0) in got


def test_a_city_short_name_before_its_benefit_area_is_the_city():
    """region.short_before_area: 乌海城市低保 is 乌海's urban 低保, not 乌 + 海城市 (Liaoning)"""
    from gazetteer import RegionIndex
    index = RegionIndex.default()
    for text, code in [("乌海城市低保标准为每人每月780元", "150300"), ("合肥城市特困人员基本生活标准为每人每年16800元", "340100")]:
        assert [m.region.code for m in index.find(text)] == [code], text


def test_a_web_host_naming_a_place_by_its_initials():
    """region.url_initials: a city paper's host (zjknews.cn) or a province's initialism before a
    county's initials (sdpd.gov.cn), where the initials are that place's alone"""
    from gazetteer import RegionIndex
    index = RegionIndex.default()
    assert index.from_url("http://m.zjknews.cn/p/1.html").name == "张家口市"
    assert index.from_url("https://www.sdpd.gov.cn/art/1.html").name == "平度市"
    assert index.from_url("https://www.sdly.gov.cn/art/1.html") is None  # 临沂, 莱阳…: several places' initials
    assert index.from_url("https://www.news.cn/local/1.html") is None


def test_a_site_below_a_province_named_only_as_a_whole():
    """region.site_below_home: cited 鲁政 documents name the province; the text speaks as a 市 on a
    county-level city's site (平度市 is its own 市)"""
    text = ("各镇人民政府,市政府各部门:\n根据《山东省人民政府关于进一步加强社会救助工作的意见》(鲁政发〔2020〕5号),"
            "经研究,全市城乡低保标准由每人每月700元调至760元。\n")
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text,
                         url="https://www.sdpd.gov.cn/art/2.html")
    assert [(r.region, r.adcode) for r in extract(doc).standards] == [("平度市", "370283")]


def test_a_zone_written_after_its_province_takes_the_province_into_its_name():
    """a province or city written right before one of its zones is part of the zone's name"""
    assert regions("镇江市人民政府通知。江苏镇江新区、京口区城乡低保标准统一调整为每人每月900元。") == [
        ("江苏镇江新区", None, 900.0), ("京口区", "321102", 900.0)]
