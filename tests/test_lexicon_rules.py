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
