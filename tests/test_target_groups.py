"""Target groups in real sentences, spun variants included."""
from pathlib import Path

import pytest

from extractors.target_groups import GROUPS, find_groups

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "text"


def groups(text):
    return [(m.text, m.group) for m in find_groups(text)]


def test_spun_variants_from_the_national_news_seed():
    # corpus national-2020 news: a content-farm rewrite (供奉 for 供养, 伤残人 for 残疾人, 家中 for 家庭)
    text = ("确立将未脱贫致富低保困难户中靠家中供奉且没法单独立户的中重度伤残人、重病人等彻底缺失劳动者工作"
            "能力的工作人员,参照单人户列入低保范畴")
    assert groups(text) == [("低保困难户", "dibao_recipient"), ("中重度伤残人", "severely_disabled"),
                            ("重病人", "seriously_ill")]
    text = "将艰难老人、未成年、中低收入家中、开支型困难家庭、四级智商精神实质伤残人等独特艰难人群列入"
    assert [g for _, g in groups(text)] == ["elderly", "minors", "low_income_household",
                                            "expenditure_poor", "disabled"]
    text = "各自造福1069.三万生活艰难伤残人和1354.五万中重度伤残人"
    assert groups(text) == [("生活艰难伤残人", "poor_disabled"), ("中重度伤残人", "severely_disabled")]


def test_longest_synonym_wins():
    text = "截止今年11月,全国性现有1857万低保贫困户列入最低生活保障或特困人员救助供奉范畴"
    assert groups(text) == [("低保贫困户", "dibao_recipient"), ("特困人员", "tekun_person")]
    assert groups("建档立卡贫困户") == [("建档立卡贫困户", "registered_poor")]
    assert groups("困难残疾人生活补贴和重度残疾人护理补贴") == [
        ("困难残疾人", "poor_disabled"), ("重度残疾人", "severely_disabled")]
    assert groups("陕西宁陕县推行贫苦失能老人、半失能老人工作人员集中化供奉") == [
        ("失能老人", "disabled_elderly"), ("半失能老人", "disabled_elderly")]


def test_children_groups():
    text = "散居孤儿、事实无人抚养儿童养育标准从1820元/月/人提高至1880元/月/人"
    assert groups(text) == [("散居孤儿", "orphan"), ("事实无人抚养儿童", "de_facto_unsupported_child")]
    assert groups("客观事实没有人养育少年儿童和留守孩子、困境儿童") == [
        ("客观事实没有人养育少年儿童", "de_facto_unsupported_child"), ("留守孩子", "left_behind_child"),
        ("困境儿童", "children_in_difficulty")]
    assert [g for _, g in groups("关爱农村留守儿童、留守老人和留守妇女")] == [
        "left_behind_child", "left_behind_elderly", "left_behind_woman"]


def test_tekun_predecessors_and_marginal_groups():
    assert [g for _, g in groups("农村五保对象、城市三无人员和特困供养人员")] == ["tekun_person"] * 3
    assert [g for _, g in groups("低保边缘家庭、贫苦边沿人口和低收入家庭")] == [
        "marginal_population", "marginal_population", "low_income_household"]


def test_offsets_point_into_the_text():
    text = "全县低保对象3000人"
    (m,) = find_groups(text)
    assert text[m.start:m.end] == m.text == "低保对象"


def test_groups_table_has_labels_for_every_id():
    for gid in ["dibao_recipient", "tekun_person", "registered_poor", "severely_disabled", "disabled",
                "seriously_ill", "orphan", "de_facto_unsupported_child", "left_behind_child",
                "left_behind_elderly", "left_behind_woman", "children_in_difficulty", "disabled_elderly",
                "marginal_population", "low_income_household", "elderly", "students", "single_parent"]:
        assert GROUPS[gid]["zh"] and GROUPS[gid]["en"]


def test_no_groups_in_plain_prose():
    assert find_groups("城乡低保标准分别为495元/月和2640元/年") == []


@pytest.mark.parametrize("name", ["national-2020-social-assistance-news.txt",
                                  "qiannan-2015-social-assistance-report.txt"])
def test_corpus_documents_name_core_groups(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not present")
    found = {m.group for m in find_groups(path.read_text(encoding="utf-8"))}
    assert {"dibao_recipient", "tekun_person"} <= found
