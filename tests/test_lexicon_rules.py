"""Lexicon rules stated as facts of policy language, each on made-up sentences (other places and
numbers than the dev documents)."""
import pytest

from extractors import extract
from ingest.build import build_document


def read(text):
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text)
    return [(r.program, r.area, r.variant, r.metric, r.value, r.unit) for r in extract(doc).standards]


@pytest.mark.parametrize("text, want", [
    # metric.specific_modifier: 平均 / 补差 / 照料护理 in the noun phrase outrank the generic 标准
    ("德州市民政局消息。全市平均城市低保标准为每人每月610元。", ("dibao", "urban", None, "avg_standard", 610.0, "yuan/person/month")),
    ("德州市民政局消息。农村特困人员平均基本生活标准达到每人每年9100元。", ("tekun", "rural", None, "avg_standard", 9100.0, "yuan/person/year")),
    ("德州市民政局消息。城市低保补差标准调整为每人每月380元。", ("dibao", "urban", None, "subsidy_level", 380.0, "yuan/person/month")),
    ("德州市民政局消息。部分丧失生活自理能力的特困人员照料护理平均标准达到每人每月380元。", ("tekun", "all", "half_care", "care_standard", 380.0, "yuan/person/month")),
    # 平均 after 人 is per capita, not an average over regions
    ("德州市民政局消息。我市低保标准调整为家庭月每人平均880元。", ("dibao", "all", None, "standard", 880.0, "yuan/person/month")),
    # care_standard for any program with a care term but the care subsidy itself
    ("德州市民政局消息。重度残疾孤儿照料护理补贴提高到每人每月900元。", ("orphan", "all", None, "care_standard", 900.0, "yuan/person/month")),
    ("德州市民政局消息。重度残疾人护理补贴提高到每人每月110元。", ("disability_care", "all", None, "standard", 110.0, "yuan/person/month")),
    # a per-case average of 临时救助 is its subsidy level, whatever separator the unit is written with
    ("德州市民政局消息。全年临时救助2100人次,平均救助水平860元/人.次。", ("linshi", "all", None, "subsidy_level", 860.0, "yuan/case")),
    ("德州市民政局消息。全年临时救助2100人次,平均救助水平860元/人·次。", ("linshi", "all", None, "subsidy_level", 860.0, "yuan/case")),
])
def test_lexicon_rule(text, want):
    assert want in read(text)


@pytest.mark.parametrize("text, want", [
    # a household form followed by what it is paid names the program (HOUSEHOLD_FORM)
    ("邵阳市农村五保户供养标准为每人每年9800元。", ("tekun", "rural", None, "standard", 9800.0, "yuan/person/year")),
    # a grade inside the term (TERM_INTERRUPTED)
    ("邵阳市重度残疾人二级护理补贴标准调整为每人每月70元。", ("disability_care", "all", None, "standard", 70.0, "yuan/person/month")),
    # 最低 in a standard's phrase and a higher level's 各地不低于 are floors (FLOOR_IMPLICIT)
    ("湖南省民政厅消息。各市州城市低保标准最低为每人每月650元。", ("dibao", "urban", None, "floor", 650.0, "yuan/person/month")),
    ("湖南省民政厅消息。农村低保标准按照全省各地不低于5000元/年执行。", ("dibao", "rural", None, "floor", 5000.0, "yuan/person/year")),
    ("湖南省民政厅消息。散居孤儿最低基本生活保障标准为每人每月1200元。", ("orphan", "all", "scattered", "floor", 1200.0, "yuan/person/month")),
    # but 最低生活保障 is the name of 低保
    ("邵阳市城市最低生活保障标准为每人每月700元。", ("dibao", "urban", None, "standard", 700.0, "yuan/person/month")),
])
def test_lexicon_rule_reads(text, want):
    assert want in read(text)


@pytest.mark.parametrize("text", [
    "邵阳市医疗救助年度起付标准为2000元。",  # a medical deductible is no standard
    "邵阳市农村低保分两档:第一档:双清区,标准为6元/年;第二档:其余县,标准为3元/年。",  # figure.plausible
    "邵阳市城市低保分类施保:一档重病家庭每人每月补助260元,二档每人每月补助150元。",  # figure.per_category
    "邵阳市城市低保按A类520元、B类400元分类发放。",
])
def test_not_a_standard(text):
    assert read(text) == []


def test_an_inclusion_aside_adds_no_subject():
    got = read("邵阳市社会散居孤儿(含事实无人抚养儿童)基本生活费每人每月提高到1450元。")
    assert got == [("orphan", "all", "scattered", "standard", 1450.0, "yuan/person/month")]


def test_a_sections_topic_survives_a_basis_only_mention():
    """frame.topic_stack: 三、特困人员供养标准 heads the section; 按低保标准的1.3倍 names 低保 only as the basis."""
    text = ("阜阳市民政局通知\n\n二、特困人员供养标准\n\n(一)基本生活标准\n\n"
            "按照城市低保标准的1.3倍确定,调整后为每人每年12600元。\n")
    got = read(text)
    assert ("tekun", "all", None, "standard", 12600.0, "yuan/person/year") in got
    assert not any(r[0] == "dibao" for r in got)


def test_a_semicolon_part_goes_on_with_its_subject():
    text = ("阜阳市民政局通知\n\n二、特困人员供养标准\n\n"
            "半自理照料护理标准:颍州区、颍东区5800元/年/人;临泉县5500元/年/人;太和县5300元/年/人。\n")
    got = read(text)
    assert {r[4] for r in got if r[2] == "half_care" and r[3] == "care_standard"} == {5800.0, 5500.0, 5300.0}


def test_care_standards_take_no_area_from_the_clause_before():
    text = "包头市五保户补贴标准:基本生活补贴城镇1500元/月,农村牧区9800元/年;照料护理补贴完全丧失生活自理能力1100元/月。"
    assert ("tekun", "all", "full_care", "care_standard", 1100.0, "yuan/person/month") in read(text)


def test_subjects_listed_before_respectively_take_their_own_figure():
    """frame.zip_subjects: three subjects, three figures, each with its own program and metric."""
    got = read("江西省民政厅消息。城市低保指导标准、城市低保月人均补差和城市特困人员供养标准分别达到每人每月800元、560元和1040元。")
    assert sorted(got) == sorted([("dibao", "urban", None, "floor", 800.0, "yuan/person/month"),
                                  ("dibao", "urban", None, "subsidy_level", 560.0, "yuan/person/month"),
                                  ("tekun", "urban", None, "standard", 1040.0, "yuan/person/month")])


def test_a_coordination_with_a_shared_head_is_not_zipped():
    got = read("江西省民政厅消息。全省平均集中和分散供养标准分别为1100元/人·月、960元/人·月。")
    assert {(r[3], r[4]) for r in got} == {("avg_standard", 1100.0), ("avg_standard", 960.0)}


def test_a_gap_between_standards_is_no_level():
    """figure.difference"""
    got = read("九江市民政局消息。农村低保标准为每月650元,比城市低保标准低170元,两者差距多达170元。")
    assert got == [("dibao", "rural", None, "standard", 650.0, "yuan/person/month")]


def test_the_value_before_a_change_is_the_previous_of_the_value_after():
    """figure.before_after"""
    got = read("九江市民政局消息。调整前,全市城市低保标准为每人每月780元。调整后,全市城市低保标准为每人每月830元。")
    assert got == [("dibao", "urban", None, "standard", 830.0, "yuan/person/month")]


@pytest.mark.parametrize("text, want", [
    # a cue word inside a standard's name is no statistic cue
    ("赣州市民政局消息。困难残疾人生活补贴发放标准提高到每人每月85元。", ("disability_living", "all", None, "standard", 85.0, "yuan/person/month")),
    ("赣州市民政局消息。特困人员供养资金补助标准提高到每人每月1150元。", ("tekun", "all", None, "standard", 1150.0, "yuan/person/month")),
    # every rise verb × 至/到/为
    ("赣州市民政局消息。我市城市低保平均标准由每人每月610元增长至每人每月650元。", ("dibao", "urban", None, "avg_standard", 650.0, "yuan/person/month")),
])
def test_lexicon_rule_generated_forms(text, want):
    assert want in read(text)


def test_bare_loss_of_self_care_is_full_care_beside_partial_loss():
    got = read("赣州市民政局通知。对丧失生活自理能力、部分丧失生活自理能力的特困人员,照料护理标准分别为每人每月700元、350元。")
    assert sorted((r[2], r[4]) for r in got) == [("full_care", 700.0), ("half_care", 350.0)]


def test_coordinated_supports_share_their_head():
    got = read("贵州省民政厅消息。全省平均集中和分散供养标准分别为1010元/人·月、905元/人·月。")
    assert sorted((r[2], r[3], r[4]) for r in got) == [("centralized", "avg_standard", 1010.0), ("dispersed", "avg_standard", 905.0)]
    # one figure for both supports is one standard, no variant
    assert read("某县民政局消息。集中和分散供养标准为1020元/人·月。") == [("tekun", "all", None, "standard", 1020.0, "yuan/person/month")]


def test_counts_of_a_breakdown_set_no_area_but_one_count_does():
    text = "截至2025年3月底,全县共有特困人员620人,其中城市特困人员80人,农村特困人员540人,集中和分散供养标准为1100元/人·月。"
    assert [r[1] for r in read(text)] == ["all"]
    text = "截至2025年3月底,全市共有低保对象8000人,其中,城市低保对象900人,保障标准为760元/人·月。"
    assert [r[1] for r in read(text)] == ["urban"]


def test_a_draft_proposes_targets_for_its_paragraph():
    """status.proposed: 拟将…调至 is a plan until adopted, in every sentence of its paragraph."""
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=(
        "关于调整城乡低保标准的征求意见稿\n\n一、拟将全市城市低保标准由每人每月700元调至760元;农村低保标准调至每人每月620元。"
        "集中供养特困人员全护理照料标准调至每人每月600元。\n\n二、2024年城市低保标准为每人每月700元。\n"))
    got = {(r.value, r.status) for r in extract(doc).standards}
    assert {(760.0, "target"), (620.0, "target"), (600.0, "target"), (700.0, "in_force")} <= got


@pytest.mark.parametrize("text", [
    # record.fullest_statement: a lead states the figure, the body states it with its earlier value
    "衡阳市民政局消息。今年城市低保标准为每人每月720元。经市政府同意,城市低保标准由每人每月680元提高到720元。",
    "德州市民政局消息。德州市农村低保标准由现在的每人每年5200元,提高到5600元。德州市农村低保标准为每人每年5600元。",
])
def test_a_figure_said_twice_is_one_record_with_its_earlier_value(text):
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text)
    got = [(r.value, r.previous) for r in extract(doc).standards]
    assert len(got) == 1 and got[0][1] is not None and got[0][1] < got[0][0]


def test_a_national_figure_is_an_average_over_the_regions():
    """metric.national_average"""
    assert read("民政部数据显示,全国城市低保标准为每人每月780元。") == [
        ("dibao", "urban", None, "avg_standard", 780.0, "yuan/person/month")]
    assert read("民政部消息。截至6月底,全国农村特困人员基本生活标准达到每人每年9200元。")[0][3] == "avg_standard"
    assert read("甘肃省民政厅消息。全省城市低保标准为每人每月780元。")[0][3] == "standard"


@pytest.mark.parametrize("text, want", [
    # figure.rise_alone: a rise with no level anywhere for its subject is a record of its own
    ("淮北市民政局消息。农村低保标准每人每年提高300元。", [("dibao", "rural", None, "increase", 300.0, "yuan/person/year")]),
    # the level it reaches is the record
    ("淮北市民政局消息。城市低保标准调高30元,达到每人每月780元。", [("dibao", "urban", None, "standard", 780.0, "yuan/person/month")]),
    # beside the change it restates, the rise adds nothing
    ("淮北市民政局消息。城市低保标准调高30元。经研究,城市低保标准由每人每月750元提高到780元。",
     [("dibao", "urban", None, "standard", 780.0, "yuan/person/month")]),
])
def test_a_rise_is_a_record_only_where_no_level_says_it(text, want):
    assert read(text) == want


def test_an_original_title_run_into_the_body_restates_its_figures():
    """a reposted story's 原标题:… is a headline: the body's records stand, the headline's go"""
    got = read("青海公布城乡低保指导标准\n原标题:青海城乡低保指导标准公布 城市每月750元 农村每年5100元 记者从省民政厅获悉,"
               "全省城市低保指导标准为每人每月750元,农村低保指导标准为每人每年5100元。\n")
    assert sorted(got) == [("dibao", "rural", None, "floor", 5100.0, "yuan/person/year"),
                           ("dibao", "urban", None, "floor", 750.0, "yuan/person/month")]


@pytest.mark.parametrize("text, want", [
    # area.implied_yields: 五保 is rural where nothing else is said, but 城镇 outranks it
    ("株洲市民政局消息。城镇五保户供养标准为每人每月1250元。", [("tekun", "urban", None, "standard", 1250.0, "yuan/person/month")]),
    ("株洲市民政局消息。五保户供养标准为每人每年9800元。", [("tekun", "rural", None, "standard", 9800.0, "yuan/person/year")]),
])
def test_an_implied_area_yields_to_a_written_one(text, want):
    assert read(text) == want


def test_a_basis_named_with_who_sets_it():
    """basis: 最低生活保障省定最低标准的25% is a share of the 低保 standard, whoever sets it"""
    doc = build_document(doc_id="t", source="t.txt", format="txt",
                         original="常德市民政局通知。重度残疾人护理补贴按农村居民最低生活保障省定最低标准的35%发放。")
    (r,) = extract(doc).standards
    assert (r.program, r.metric, r.value, r.unit, r.basis) == ("disability_care", "standard", 35.0, "percent", "dibao.standard")


@pytest.mark.parametrize("text, want", [
    # 人均补助 with its period between (人均月补助, 人均年补助) is the subsidy level
    ("德州市民政局消息。城市低保对象人均月补助420元。", ("dibao", "urban", None, "subsidy_level", 420.0, "yuan/person/month")),
    ("德州市民政局消息。农村低保对象人均年补助3600元/年。", ("dibao", "rural", None, "subsidy_level", 3600.0, "yuan/person/year")),
])
def test_a_per_capita_subsidy_with_its_period_between(text, want):
    assert want in read(text)
