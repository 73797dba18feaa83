"""The shapes real reports use, one test each (issue 3), on small documents built from real sentences.

Sentences come from the seeds (corpus/text/*) and the dev documents, trimmed to the part that matters.
Where the extractor is wrong today the test says what is right and is marked xfail(strict=True).
"""
import pytest

from extractors import extract
from ingest.build import build_document
from ingest.normalize import normalize_text


def run(text, published=None):
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text, published=published)
    return doc, extract(doc)


def standards(text, published=None, **where):
    _, ex = run(text, published)
    return [r for r in ex.standards if all(getattr(r, k) == v for k, v in where.items())]


def rows(records, *fields):
    return sorted(tuple(getattr(r, f) for f in fields) for r in records)


# -- 由X元提高到Y元 -------------------------------------------------------------------------------

def test_raised_from_x_to_y_gives_previous_and_value():
    (r,) = standards("2016年,我市城市低保标准由450元提高到480元。")
    assert (r.program, r.area, r.metric, r.value, r.previous) == ("dibao", "urban", "standard", 480, 450)


def test_raised_from_plan_end_gives_pairs_of_previous_and_value():
    text = ("贺州市“十三五”民政工作总结\n"
            "同时,逐年提高城乡最低生活保障平均标准和补助水平,城乡低保保障标准由“十二五”期末的每人每月360元和200元,"
            "提高至2022年的每人每月750元和433元,年均分别增长了22%和23%。")
    got = rows(standards(text, program="dibao"), "area", "metric", "value", "previous", "unit", "period")
    assert got == [("rural", "standard", 433, 200, "yuan/person/month", "2022"),
                   ("urban", "standard", 750, 360, "yuan/person/month", "2022")]


def test_growth_rates_beside_a_raise_are_not_standards():
    text = "城乡低保保障标准由“十二五”期末的每人每月360元和200元,提高至2022年的每人每月750元和433元,年均分别增长了22%和23%。"
    assert all(r.unit == "yuan/person/month" for r in standards(text))


# -- paired lists -------------------------------------------------------------------------------

QIANNAN_TIERS = (
    "黔南州2015年社会救助工作情况报告\n"
    "目前,全州有城乡低保对象29.7万人,比上年减少29.2%;城乡低保标准分为2个档次,都匀市、福泉市和都匀经济开发区为一档,"
    "城乡低保标准分别为495元/月和2640元/年;荔波县、贵定县、瓮安县、独山县、平塘县、罗甸县、长顺县、龙里县、惠水县、"
    "三都县10个县为二档,城乡低保标准分别为440元/月和2580元/年。\n"
    "2015年,全州累计发放城乡低保金28377.84万元。")


def test_paired_list_gives_urban_month_and_rural_year():
    recs = standards(QIANNAN_TIERS, region="都匀市")
    assert rows(recs, "program", "area", "metric", "value", "unit") == [
        ("dibao", "rural", "standard", 2640, "yuan/person/year"),
        ("dibao", "urban", "standard", 495, "yuan/person/month")]
    assert {r.period for r in recs} == {"2015"}
    assert not any(r.unit_inferred for r in recs)


# -- tiers: one figure for a list of counties ----------------------------------------------------

def test_tier_applies_its_figures_to_every_listed_region():
    recs = standards(QIANNAN_TIERS)
    first = {(r.region, r.adcode) for r in recs if r.value == 495}
    assert first == {("都匀市", "522701"), ("福泉市", "522702"), ("都匀经济开发区", None)}
    second = {r.region for r in recs if r.value == 2580}
    assert len(second) == 10 and "三都水族自治县" in second and "荔波县" in second
    assert {r.adcode[:4] for r in recs if r.adcode} == {"5227"}  # all inside 黔南州
    assert len(recs) == 2 * 3 + 2 * 10


GUIZHOU_TIERS = ("贵州省2024年城乡低保标准\n"
                 "全省城市低保标准划分为三个档次,分别为:第一档827元/月,贵阳市、贵安新区;第二档808元/月,六盘水市各区(市、特区)、"
                 "麻江县;第三档756元/月,其余县。")


def test_tier_regions_may_follow_their_figure():
    recs = standards(GUIZHOU_TIERS, program="dibao", area="urban")
    assert {r.region for r in recs if r.value == 827} == {"贵阳市", "贵安新区"}
    assert {r.region for r in recs if r.value == 808} == {"六盘水市", "麻江县"}


def test_the_remaining_counties_are_not_the_province():
    (r,) = standards(GUIZHOU_TIERS, value=756)
    assert (r.region, r.adcode, r.region_inferred) == ("贵州省其余县", None, False)


def test_a_tier_list_goes_on_into_the_next_clause():
    text = ("贵州省2024年城乡低保标准\n"
            "全省农村低保标准划分为两个档次,分别为:第一档6852元/年,六盘水市各区(市、特区)、麻江县,"
            "其余各市(州)的县级市(区)、市(州)府所在地周边经济开发区;第二档6804元/年,其余县。")
    recs = standards(text, program="dibao", area="rural")
    assert {r.region for r in recs if r.value == 6852} == {
        "六盘水市", "麻江县", "贵州省其余各市(州)的县级市(区)、市(州)府所在地周边经济开发区"}
    assert {r.region for r in recs if r.value == 6804} == {"贵州省其余县"}


def test_tiers_run_together_without_a_separator_stay_apart():
    # a table cell pasted as text: 610元/月 runs straight into the next tier's list
    text = ("石家庄市2024年5月城乡低保标准\n"
            "农村低保标准:长安区、裕华区、新华区、桥西区、正定县610元/月晋州市、新乐市、行唐县600元/月;"
            "井陉县、高邑县590元/月")
    recs = standards(text, program="dibao", area="rural")
    by_value = {v: {r.region for r in recs if r.value == v} for v in (610, 600, 590)}
    assert by_value[610] == {"长安区", "裕华区", "新华区", "桥西区", "正定县"}
    assert by_value[600] == {"晋州市", "新乐市", "行唐县"}
    assert by_value[590] == {"井陉县", "高邑县"}


TANGSHAN_TIER = ("唐山市2023年城乡低保标准\n(一)2023年城市一类低保标准\n"
                 "一类标准:在平均标准每人每年10200元的基础上上浮3%,为每人每年10536元(每人每月878元)\n"
                 "执行{tier}标准的县(市、区)为:迁安、路南、路北、丰南、高新、曹妃甸、南堡\n")


def test_a_list_of_places_after_a_tier_places_its_standard():
    recs = standards(TANGSHAN_TIER.format(tier="一类"), program="dibao", area="urban")
    tier = {(r.region, r.adcode) for r in recs if r.value == 10536}
    assert tier == {("迁安市", "130283"), ("路南区", "130202"), ("路北区", "130203"), ("丰南区", "130207"),
                    ("唐山高新技术产业开发区", None), ("曹妃甸区", "130209"), ("南堡经济开发区", None)}
    assert all(not r.region_inferred for r in recs if r.value == 10536)
    # the average the tier is raised from stays the city's
    assert {(r.metric, r.region) for r in recs if r.value == 10200} == {("avg_standard", "唐山市")}


def test_a_year_in_the_title_is_the_period_without_an_effective_date():
    recs = standards(TANGSHAN_TIER.format(tier="一类"), program="dibao")
    assert {r.period for r in recs} == {"2023"}
    recs = standards("唐山市城乡低保标准\n一类标准为每人每年10536元。")
    assert {r.period for r in recs} == {None}


def test_a_list_for_another_tier_leaves_the_standard_where_it_was():
    recs = standards(TANGSHAN_TIER.format(tier="二类"), program="dibao", value=10536)
    assert [(r.region, r.region_inferred) for r in recs] == [("唐山市", True)]


def test_the_remaining_places_end_where_their_figure_begins():
    text = "海南省2024年城乡低保标准公布\n海口市、三亚市、儋州市城乡低保标准为每人每月800元,其他市县为每人每月700元。"
    (r,) = standards(text, value=700)
    assert (r.region, r.adcode) == ("海南省其他市县", None)


def test_the_part_of_a_city_written_after_its_name():
    text = "2020年河南省各地低保标准\n郑州市区每人每月700元,郑州所辖县(市)每人每月600元;洛阳市区每人每月620元。"
    assert rows(standards(text, program="dibao"), "region", "adcode", "value") == [
        ("洛阳市市区", None, 620), ("郑州市市区", None, 700), ("郑州市所辖县(市)", None, 600)]


def test_a_table_written_as_text_gives_a_record_per_row_and_column():
    text = ("2023年第四季度各县(市、区)城乡低保标准\n"
            "| 地区 | 城市低保标准(元/人·月) | 农村低保标准(元/人·年) |\n|---|---|---|\n"
            "| 城关区 | 807 | 7764 |\n| 七里河区 | 807 | 7764 |\n| 榆中县 | 751 | 6432 |\n")
    got = rows(standards(text), "region", "adcode", "area", "value", "unit", "period")
    # 城关区 is a name several cities use: the table's other rows place it in 兰州; the quarter in
    # the title dates the figures to its last month
    assert ("城关区", "620102", "urban", 807, "yuan/person/month", "2023-12") in got
    assert ("榆中县", "620123", "rural", 6432, "yuan/person/year", "2023-12") in got
    assert len(got) == 6


def test_a_zone_named_only_by_its_kind_takes_the_table_s_name():
    text = "石家庄市2024年城乡低保标准\n城市低保标准:长安区、裕华区、高新区、正定县810元/月。"
    regions = {r.region for r in standards(text, value=810)}
    assert regions == {"长安区", "裕华区", "石家庄高新技术产业开发区", "正定县"}


# -- figures carried by context -------------------------------------------------------------------

def test_subsidy_level_carries_the_urban_frame_of_the_clause_before():
    recs = standards("2016年,我市城市低保标准由450元提高到480元,补助水平由290元提高到320元,"
                     "农村低保标准由240元提高到270元,补助水平由165元提高到195元。")
    assert rows(recs, "program", "area", "metric", "value", "previous") == [
        ("dibao", "rural", "standard", 270, 240), ("dibao", "rural", "subsidy_level", 195, 165),
        ("dibao", "urban", "standard", 480, 450), ("dibao", "urban", "subsidy_level", 320, 290)]


def test_a_bare_dibao_average_takes_the_rural_topic_of_the_sentence_before():
    text = "某县2019年低保工作\n全县进一步规范农村低保管理。\n低保平均标准提高到每人每年4200元。"
    (r,) = standards(text)
    assert (r.program, r.area, r.metric, r.value, r.unit) == ("dibao", "rural", "avg_standard", 4200,
                                                               "yuan/person/year")
    assert (r.region, r.adcode) == ("某县", None)  # anonymised, kept as written


def test_a_poverty_line_beside_a_rural_standard_is_rural_in_the_same_year():
    text = "贺州市“十三五”民政工作总结\n2022年农村低保标准为5200元每年,高于扶贫线4000元每年标准。"
    (r,) = standards(text, program="poverty_line")
    assert (r.area, r.value, r.unit, r.period) == ("rural", 4000, "yuan/person/year", "2022")


def test_a_year_heading_the_sentence_survives_its_verb():
    # 调整为 is a verb of change, but with no 由/从 before it the year is the new value's
    text = ("宣城市民政局关于调整城乡低保标准的通知\n"
            "2015年度宣州区、郎溪县城市居民最低生活保障标准统一调整为450元/月、人。")
    recs = standards(text, program="dibao", value=450)
    assert {r.period for r in recs} == {"2015"}
    recs = standards("宣城市城乡低保标准\n城市低保标准由2014年的每人每月420元调整为450元。", value=450)
    assert [(r.previous, r.period) for r in recs] == [(420, None)]


def test_a_year_before_the_figure_is_its_period():
    text = "贺州市“十三五”民政工作总结\n2022年农村低保标准为5200元每年,高于扶贫线4000元每年标准。"
    (r,) = standards(text, program="dibao")
    assert (r.area, r.value, r.unit, r.period, r.status) == ("rural", 5200, "yuan/person/year", "2022", "in_force")


HEBEI_ROUNDUP = ("河北省5个设区市提高城乡低保标准\n"
                 "记者从河北省民政厅获悉,河北省已有沧州、廊坊、保定3个设区市下发通知,提高城乡低保标准。\n"
                 "从今年10月起,沧州城市低保标准将按照较好、一般、困难地区分别达到258元/月、246元/月、223元/月;"
                 "农村低保标准分别达到1412元/年、1348元/年、1219元/年。"
                 "廊坊市城市低保标准由原平均270元/月提高到302元/月;农村低保标准由原平均1180元/年提高到1420元/年。\n")


def test_a_roundup_sentence_keeps_the_place_the_one_before_named():
    recs = standards(HEBEI_ROUNDUP, program="dibao", area="rural")
    assert {(r.region, r.adcode) for r in recs if r.value == 1420} == {("廊坊市", "131000")}


def test_classes_of_area_are_places_named_after_the_region_they_divide():
    recs = standards(HEBEI_ROUNDUP, program="dibao")
    urban = {(r.region, r.adcode, r.value) for r in recs if r.area == "urban" and r.value < 300}
    assert urban == {("沧州市较好地区", None, 258), ("沧州市一般地区", None, 246), ("沧州市困难地区", None, 223)}
    # the next sentence gives one figure per class and names no place: the same classes
    rural = {(r.region, r.value) for r in recs if r.area == "rural" and r.value != 1420}
    assert rural == {("沧州市较好地区", 1412), ("沧州市一般地区", 1348), ("沧州市困难地区", 1219)}


def test_a_part_of_the_city_means_the_places_it_is_defined_to_include():
    # 十堰城区 is defined by its (含…) in a later sentence; the earlier one means the same places
    text = ("十堰市提高城乡低保标准\n"
            "十堰城区的城市居民最低生活保障标准,由现行的6480元/年,统一提高至7200元/年。"
            "农村低保标准为十堰城区(含张湾区、茅箭区和十堰市经济开发区、武当山旅游经济特区)由现行3600元/年提高至4500元/年。")
    places = {"张湾区", "茅箭区", "十堰市经济开发区", "武当山旅游经济特区"}
    assert {r.region for r in standards(text, value=7200)} == places
    assert {r.region for r in standards(text, value=4500)} == places


def test_a_headline_floor_and_the_body_s_guiding_standard_are_one_floor():
    text = ("云南城乡低保再提标:农村每人每年不低于4200元\n"
            "新标准自今年7月1日起执行,具体为:城市和农村最低生活保障指导标准分别提高到610元/人/月和4200元/人/年。")
    recs = standards(text, program="dibao", value=4200)
    assert [(r.metric, r.area) for r in recs] == [("floor", "rural")]


def test_a_headline_figure_the_body_names_precisely_is_not_also_a_standard():
    text = ("新疆城乡低保上调:城市310元/月 农村176元/月\n"
            "2017年7月1日起,全疆城乡低保水平上调,农村低保补助水平由原来的每人每月161元提高到每人每月176元;"
            "城市低保补助水平由原来的每人每月300元提高到每人每月310元。")
    recs = standards(text, program="dibao")
    assert rows(recs, "area", "metric", "value") == [("rural", "subsidy_level", 176),
                                                    ("urban", "subsidy_level", 310)]


def test_a_year_heading_its_sentence_dates_every_clause():
    recs = standards("广州市社会救助标准\n2024年,我市最低生活保障标准为每人每月1404元,"
                     "特困人员基本生活标准为每人每月2247元。")
    assert rows(recs, "program", "value", "period") == [("dibao", 1404, "2024"), ("tekun", 2247, "2024")]


def test_after_a_sentence_on_both_areas_the_next_is_for_all():
    text = ("郑州市特困人员供养标准\n城市特困人员基本生活标准为每人每年12000元,农村特困人员基本生活标准为每人每年8400元;"
            "全护理、半护理、全自理人员照料护理标准分别为每人每月600元、300元、100元。")
    recs = standards(text, metric="care_standard")
    assert rows(recs, "program", "area", "variant", "value") == [
        ("tekun", "all", "full_care", 600), ("tekun", "all", "half_care", 300), ("tekun", "all", "self_care", 100)]
    # one area in the sentence before still carries (…农村低保标准为…;低保平均标准…)
    recs = standards("某县民政局\n农村低保标准为每人每年4000元;低保平均补助水平为每人每月200元。", metric="subsidy_level")
    assert [r.area for r in recs] == ["rural"]


def test_an_addressee_list_is_not_the_text_speaking_of_itself():
    text = ("湖北省民政厅 湖北省财政厅关于提高2021年全省城乡最低生活保障标准的通知\n"
            "各市、州、县民政局、财政局:经省人民政府同意,从2021年1月1日起,全省城市低保指导标准提高到每人每月650元。")
    (r,) = standards(text, program="dibao")
    assert (r.region, r.adcode, r.metric, r.period) == ("湖北省", "420000", "floor", "2021-01-01")


def test_the_city_s_own_districts_are_a_place_of_their_own():
    text = ("淮南市提高城乡低保和特困人员供养标准\n"
            "(1)低保标准:市辖区城市居民最低生活保障标准提高到每人每月784元,农村居民最低生活保障标准提高到每人每月755元。\n"
            "(2)全市特困人员照料护理标准为每人每月750元。")
    recs = standards(text)
    assert rows(recs, "area", "value", "region", "adcode") == [
        ("all", 750, "淮南市", "340400"),
        ("rural", 755, "淮南市市辖区", None),   # the sentence's place goes on into its next clause
        ("urban", 784, "淮南市市辖区", None)]


def test_a_clause_on_the_whole_does_not_take_the_place_before_it():
    text = "贵州省城乡低保标准\n贵阳市城市低保标准为每人每月827元,全省城市低保平均标准为每人每月778元。"
    recs = standards(text, program="dibao")
    assert rows(recs, "metric", "value", "region") == [("avg_standard", 778, "贵州省"), ("standard", 827, "贵阳市")]


def test_people_in_low_income_families_keep_the_topic_but_the_low_income_line_does_not():
    text = ("困难残疾人生活补贴\n生活补贴:本市重残无业人员、低保家庭中的残疾人,补贴标准为每人每月410元;"
            "本市低收入家庭中的残疾人,补贴标准为每人每月290元。")
    assert rows(standards(text), "program", "value") == [("disability_living", 290), ("disability_living", 410)]
    text = "某市社会救助标准\n城市低保标准为每人每月800元;低收入家庭认定标准为低保标准的1.5倍,即每人每月1200元。"
    assert rows(standards(text), "program", "value") == [("dibao", 800)]


def test_the_areas_of_a_cited_rule_are_not_the_clause_s():
    text = ("宣城市民政局关于调整城乡低保标准的通知\n"
            "宣州区、郎溪县农村居民最低生活保障标准统一调整为210元/月、人;"
            "宁国市按安徽省城乡低保统筹试点方案要求调整为360元/月、人。")
    recs = standards(text, value=360)
    assert [(r.region, r.area) for r in recs] == [("宁国市", "rural")]


def test_the_body_s_record_stands_for_a_figure_the_headline_restates():
    text = ("河南提高城乡低保标准 农村每人每年不低于3450元\n"
            "记者从河南省民政厅获悉,通知提出,全省城市居民最低生活保障标准每人每月不低于470元,"
            "农村居民最低生活保障标准每人每年不低于3450元。")
    recs = standards(text, value=3450)
    assert [(r.area, r.region, r.quote) for r in recs] == [
        ("rural", "河南省", "农村居民最低生活保障标准每人每年不低于3450元。")]


# -- derived rules ---------------------------------------------------------------------------------

HEZHOU_RULES = ("贺州市“十三五”民政工作总结\n"
                "全市城乡特困人员基本生活救助供养金按照城乡最低生活保障标准的1.3倍发放;照料护理标准按最低工资标准的30%、和60%发放。")


def test_tekun_at_a_multiple_of_the_dibao_standard():
    (r,) = standards(HEZHOU_RULES, unit="ratio")
    assert (r.program, r.area, r.metric, r.value, r.basis) == ("tekun", "all", "standard", 1.3, "dibao.standard")
    assert (r.region, r.adcode) == ("贺州市", "451100")


def test_care_standards_as_percents_of_the_minimum_wage():
    recs = standards(HEZHOU_RULES, unit="percent")
    assert rows(recs, "program", "metric", "value", "basis") == [
        ("tekun", "care_standard", 30, "min_wage"), ("tekun", "care_standard", 60, "min_wage")]


def test_spun_national_rule_still_reads_as_a_multiple():
    text = ("民政部:全国低保标准持续提高\n"
            "列入贫困家庭救助供奉的贫困户生活确保规范不少于本地最低生活保障的1.3倍。")
    (r,) = standards(text, unit="ratio")
    assert (r.program, r.metric, r.value, r.basis) == ("tekun", "standard", 1.3, "dibao.standard")


def test_a_floor_across_the_basis_is_a_min_bound():
    (r,) = standards("特困人员基本生活标准不低于当地低保标准的1.3倍。", unit="ratio")
    assert r.bound == "min"


@pytest.mark.parametrize("text, bound", [
    ("全省农村低保标准不低于4000元/人·年。", "min"),
    ("全省临时救助金额原则上不超过6000元/人次。", "max"),
    ("临时救助金额一般不超过当地月低保标准的6倍。", "max"),
    ("全省农村低保标准不低于每人每年4000元。", "min"),  # the time it is counted per stands between
    ("全省城市低保标准由每人每月600元提高到每人每月650元。", None),
])
def test_a_floor_or_ceiling_before_the_figure_is_a_bound(text, bound):
    (r,) = standards(text)
    assert r.bound == bound


def test_a_floor_governs_every_item_of_its_list():
    recs = standards("河南全省城乡低保标准由月人均不低于590元、377元提高到不低于630元、420元。")
    assert rows(recs, "area", "value", "previous", "bound") == [
        ("rural", 420, 377, "min"), ("urban", 630, 590, "min")]
    recs = standards("黑龙江省特困人员救助供养标准\n全护理、半护理、全自理照料护理指导标准分别按照不低于当地"
                     "最低工资标准的四分之一、六分之一、十分之一确定。", metric="care_standard")
    assert [r.bound for r in recs] == ["min"] * 3


def test_a_rule_keeps_the_kind_of_recipient_its_clause_names():
    text = ("贵州省民政厅关于城乡低保标准的通知\n集中供养特困人员基本生活标准按不低于当地城市低保标准的1.3倍确定,"
            "分散供养特困人员按不低于当地农村低保标准的1.3倍确定。")
    recs = standards(text, program="tekun", unit="ratio")
    assert rows(recs, "variant", "value", "basis", "bound") == [
        ("centralized", 1.3, "dibao.standard", "min"), ("dispersed", 1.3, "dibao.standard", "min")]


def test_a_rule_given_as_a_range_of_multiples():
    (r,) = standards("山西省临时救助工作\n临时救助标准原则上按照当地月低保标准的2至6倍确定。", program="linshi")
    assert (r.value, r.value_max, r.unit, r.basis) == (2, 6, "ratio", "dibao.standard")


def test_a_clause_on_the_same_program_keeps_the_metric_before_it():
    text = ("某省孤儿保障\n机构集中养育孤儿基本生活最低养育标准每人每月不低于1800元,"
            "社会散居孤儿和事实无人抚养儿童每人每月不低于1300元。")
    recs = standards(text, program="orphan")
    assert rows(recs, "variant", "metric", "value") == [
        ("de_facto", "floor", 1300), ("institutional", "floor", 1800), ("scattered", "floor", 1300)]


def test_a_figure_given_to_compute_with_is_not_a_metric_to_keep():
    text = ("东营市提高特困人员救助供养标准\n二是照料护理标准。按照我市上年度最低工资标准为22920元计算,"
            "自理、半自理和完全不能自理特困人员每人每年2292元、3820元、7640元。")
    recs = standards(text, program="tekun")
    assert rows(recs, "variant", "metric", "value") == [
        ("full_care", "care_standard", 7640), ("half_care", "care_standard", 3820), ("self_care", "care_standard", 2292)]


def test_a_national_report_on_what_some_provinces_set():
    text = ("我国提高孤儿基本生活费补助标准\n截至目前,全国已有27个省份确定了当地最低孤儿养育标准,"
            "儿童福利机构集中养育的孤儿每人每月不低于1000元,散居孤儿每人每月不低于600元。")
    recs = standards(text, program="orphan")
    assert rows(recs, "region", "adcode", "variant", "metric", "value") == [
        ("27个省份", None, "institutional", "floor", 1000), ("27个省份", None, "scattered", "floor", 600)]


def test_a_rise_by_an_amount_is_not_a_standard_and_the_sentence_year_dates_every_clause():
    text = "辽宁省城乡低保标准\n2023年全省城市低保平均标准为754元/月,比2022年提高32元,农村低保平均标准为6522元/年。"
    assert rows(standards(text, program="dibao"), "area", "metric", "value", "period") == [
        ("rural", "avg_standard", 6522, "2023"), ("urban", "avg_standard", 754, "2023")]


def test_an_uplift_written_after_its_share():
    (r,) = standards("某市低保工作\n对于低保家庭中的重病患者、重度残疾人,按照低保标准的30%增发低保金。")
    assert (r.program, r.metric, r.value, r.unit, r.basis) == ("dibao", "uplift", 30, "percent", "dibao.standard")


# -- care levels ----------------------------------------------------------------------------------

HEILONGJIANG = ("黑龙江省提高城乡低保和特困人员救助供养标准\n"
                "《通知》规定,全省城市低保指导标准提高到每人每月710元,农村低保指导标准提高到每人每月517元。"
                "城乡特困人员基本生活指导标准按照不低于城乡低保标准的1.3倍、且不低于2023年标准确定。"
                "全护理、半护理、全自理照料护理指导标准分别按照不低于当地最低工资标准的四分之一、六分之一、十分之一确定。")


def test_care_levels_take_their_fractions_in_order():
    recs = standards(HEILONGJIANG, metric="care_standard")
    assert rows(recs, "program", "variant", "value", "unit", "basis") == [
        ("tekun", "full_care", 25, "percent", "min_wage"),
        ("tekun", "half_care", pytest.approx(16.67, abs=0.01), "percent", "min_wage"),
        ("tekun", "self_care", 10, "percent", "min_wage")]
    assert {(r.region, r.adcode) for r in recs} == {("黑龙江省", "230000")}


def test_guidance_standards_are_floors():
    recs = standards(HEILONGJIANG, program="dibao")
    assert rows(recs, "area", "metric", "value", "unit") == [
        ("rural", "floor", 517, "yuan/person/month"), ("urban", "floor", 710, "yuan/person/month")]


def test_care_levels_in_digit_fractions():
    text = ("开封市特困人员救助供养标准\n照料护理标准依据特困人员生活自理能力和服务需求分为全护理、半护理和全自理三档,"
            "分别按照上年度当地最低工资标准的1/3、1/6和当地重度残疾人照料护理补贴标准执行。")
    recs = standards(text, metric="care_standard")
    assert rows(recs, "variant", "value", "basis") == [
        ("full_care", pytest.approx(33.33, abs=0.01), "min_wage"),
        ("half_care", pytest.approx(16.67, abs=0.01), "min_wage")]


def test_care_levels_named_by_what_a_person_cannot_do():
    text = ("关于调整特困人员救助供养标准的通知\n特困人员照料护理标准:生活完全不能自理的每人每月600元,"
            "生活部分不能自理的每人每月300元,生活能自理的每人每月60元。")
    assert rows(standards(text, metric="care_standard"), "variant", "value") == [
        ("full_care", 600), ("half_care", 300), ("self_care", 60)]


def test_orphans_in_care_of_the_community_are_scattered_orphans():
    text = ("某州民政局关于调整孤儿基本生活保障标准的通知\n将集中供养孤儿基本生活费由每人每月1200元提高至1400元;"
            "分散供养孤儿由每人每月900元提高至1000元。")
    assert rows(standards(text, program="orphan"), "variant", "value", "previous") == [
        ("institutional", 1400, 1200), ("scattered", 1000, 900)]


def test_a_standard_whose_only_figure_is_its_parenthesis():
    text = ("贵州省民政厅关于做好农村低保与扶贫开发两项制度衔接的通知\n"
            "确保2017年全省农村低保标准全部达到或超过国家扶贫标准(3100元/年)。")
    assert rows(standards(text), "program", "area", "value", "unit", "period") == [
        ("poverty_line", "rural", 3100, "yuan/person/year", "2017")]
    # a parenthesis that restates the figure before it stays an aside
    text = "唐山市城乡低保标准\n城市低保标准为每人每年10536元(每人每月878元)。"
    assert rows(standards(text), "value", "unit") == [(10536, "yuan/person/year")]


# -- unit inference ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, area, value, unit", [
    ("2016年,我市城市低保标准由450元提高到480元。", "urban", 480, "yuan/person/month"),
    ("城市低保标准480元。", "urban", 480, "yuan/person/month"),
    ("农村低保标准提高到3600元。", "rural", 3600, "yuan/person/year"),
])
def test_a_bare_yuan_figure_gets_the_unit_a_reader_infers(text, area, value, unit):
    (r,) = standards(text)
    assert (r.program, r.area, r.value, r.unit, r.unit_inferred) == ("dibao", area, value, unit, True)


def test_a_written_unit_is_not_inferred():
    (r,) = standards("2016年全市城市低保标准为每人每月480元。")
    assert (r.unit, r.unit_inferred) == ("yuan/person/month", False)


# -- statistics are not standards --------------------------------------------------------------------

def test_money_spent_is_a_statistic():
    doc, ex = run("黔南州2015年社会救助工作情况报告\n2015年,全州累计发放城乡低保金28377.84万元。")
    assert ex.standards == []
    (s,) = [s for s in ex.statistics if s.unit == "yuan"]
    assert s.value == pytest.approx(283_778_400)
    assert doc.text[s.provenance.start:s.provenance.end] == "28377.84万元"


def test_people_helped_is_a_statistic():
    _, ex = run("目前,全州有城乡低保对象29.7万人,比上年减少29.2%。")
    assert ex.standards == []
    assert [(s.value, s.unit) for s in ex.statistics] == [(pytest.approx(297_000), "person")]


def test_an_increase_per_person_is_not_a_standard():
    text = ("西藏自治区2020年城乡低保标准\n保障标准从2019年城市居民低保对象每人每月800元提高至每人每月847元,月人均增加47元,"
            "农村居民最低生活保障标准从2019年每人每年4450元提高至每人每年4713元,年人均增加263元。")
    recs = standards(text)
    assert rows(recs, "area", "value", "previous", "unit") == [
        ("rural", 4713, 4450, "yuan/person/year"), ("urban", 847, 800, "yuan/person/month")]


def test_an_average_per_case_is_the_subsidy_level_of_linshi():
    """The contract (and the dev gold) keep 临时救助's average paid per case as its subsidy_level in
    yuan/case (PHENOMENA DEV_RULE_TOO_NARROW); the total paid stays a statistic."""
    text = "某区2023年社会救助工作总结\n全年发放临时救助金356万元,救助困难群众4352人次,次均救助818元。"
    assert rows(standards(text), "program", "metric", "value", "unit") == [("linshi", "subsidy_level", 818.0, "yuan/case")]


# -- target status ---------------------------------------------------------------------------------

QIANNAN_TARGET = ("黔南州社会救助工作情况\n"
                  "1、切实抓好城乡低保减量提标准工作。今年,通过农村低保 “减量提标”,到2020年农村低保标准、扶贫标准、"
                  "小康标准“三线合一”,达到6200元(1000美元)/人/年,城市低保平均标准达到728元/月/人。")


def test_a_figure_to_reach_by_a_later_year_is_a_target():
    recs = standards(QIANNAN_TARGET, published="2015-12-20")
    assert rows(recs, "program", "area", "metric", "value", "unit", "status", "period") == [
        ("dibao", "rural", "standard", 6200, "yuan/person/year", "target", "2020"),
        ("dibao", "urban", "avg_standard", 728, "yuan/person/month", "target", "2020"),
        ("poverty_line", "rural", "standard", 6200, "yuan/person/year", "target", "2020")]


def test_the_same_figure_reported_after_the_year_is_in_force():
    recs = standards(QIANNAN_TARGET, published="2021-03-01")
    assert {r.status for r in recs} == {"in_force"}


def test_an_uplift_is_a_percent_of_the_normal_amount():
    text = ("黔南州2015年社会救助工作情况报告\n在享受补差确定的基本保障金的基础上,城市低保对象增发10%—30%的补助金,"
            "农村低保对象增发20%的补助金。")
    recs = standards(text, metric="uplift")
    assert rows(recs, "area", "value", "value_max", "unit") == [("rural", 20, None, "percent"),
                                                                ("urban", 10, 30, "percent")]


# -- Traditional input --------------------------------------------------------------------------------

TRADITIONAL = (
    "***市民政局2016年工作計劃\n"
    "落實民生工程社會救助任務。根據《***省人民政府關于印發(fā)201*年民生工程安排意見的通知》(***府發(fā)[201*]8號),"
    "城市低保標準由450元提高到480元,補助水平由290元提高到320元,農村低保標準由240元提高到270元,補助水平由165元提高到195元,"
    "五保集中供養(yǎng)標準由3660元提高到4380元,分散供養(yǎng)標準由3120元提高到3480元,城市精簡職工標準由335元提高到365元,"
    "農村精簡職工標準由295元提高到325元。我市將繼續做好低保工作。")


def test_traditional_text_reads_like_simplified():
    recs = standards(TRADITIONAL)
    assert rows(recs, "program", "area", "variant", "metric", "value", "previous", "unit") == [
        ("dibao", "rural", None, "standard", 270, 240, "yuan/person/month"),
        ("dibao", "rural", None, "subsidy_level", 195, 165, "yuan/person/month"),
        ("dibao", "urban", None, "standard", 480, 450, "yuan/person/month"),
        ("dibao", "urban", None, "subsidy_level", 320, 290, "yuan/person/month"),
        ("jingjian", "rural", None, "standard", 325, 295, "yuan/person/month"),
        ("jingjian", "urban", None, "standard", 365, 335, "yuan/person/month"),
        ("tekun", "rural", "centralized", "standard", 4380, 3660, "yuan/person/year"),
        ("tekun", "rural", "dispersed", "standard", 3480, 3120, "yuan/person/year"),
    ]
    assert {(r.region, r.adcode) for r in recs} == {("***市", None)}
    assert all(r.unit_inferred for r in recs)


# -- provenance ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [TRADITIONAL, QIANNAN_TIERS, HEILONGJIANG, HEZHOU_RULES],
                         ids=["traditional", "tiers", "care-levels", "rules"])
def test_every_quote_is_where_its_provenance_says(text):
    doc, ex = run(text)
    assert ex.standards
    for r in ex.standards:
        p = r.provenance
        assert doc.text[p.start:p.end] == r.quote
        assert p.document_id == "t" and p.block is not None
        original = doc.original[p.original_start:p.original_end]
        assert normalize_text(original) == r.quote  # the original span holds the same words


def test_a_traditional_quote_maps_back_to_the_traditional_original():
    doc, ex = run(TRADITIONAL)
    (r,) = [r for r in ex.standards if r.variant == "centralized"]
    assert r.quote == "五保集中供养标准由3660元提高到4380元"
    assert doc.original[r.provenance.original_start:r.provenance.original_end] == "五保集中供養(yǎng)標準由3660元提高到4380元"
