"""Parameter resolution on small databases with the agreed schema and rows from the seed gold files."""
from __future__ import annotations

import json

import pytest
import sqlite_utils

from parameters import MissingParameter, UnknownRegion, parameter, parameter_table
from schemas import Standard

QIANNAN = {"id": "doc-qiannan", "name": "qiannan-2015-social-assistance-report.txt",
           "title": "黔南州社会救助工作情况报告", "published": "2016-01-20", "doc_numbers": []}
QIANNAN_NOTICE = {"id": "doc-qiannan-notice", "name": "qiannan-2015-dibao-notice.txt",
                  "title": "关于提高城乡最低生活保障标准的通知", "published": "2015-03-01",
                  "doc_numbers": ["黔南府办发〔2015〕12号"]}
HEZHOU = {"id": "doc-hezhou", "name": "hezhou-2020-13th-five-year-summary.txt",
          "title": "“十三五”时期民政兜底脱贫攻坚工作总结", "published": "2023-04-20", "doc_numbers": []}
NATIONAL = {"id": "doc-national", "name": "national-2020-social-assistance-news.txt",
            "title": "全力推进社会救助兜底脱贫工作", "published": "2020-06-01", "doc_numbers": []}

DUYUN_Q = "都匀市、福泉市和都匀经济开发区为一档,城乡低保标准分别为495元/月和2640元/年"
LIBO_Q = "荔波县、贵定县、瓮安县、独山县、平塘县、罗甸县、长顺县、龙里县、惠水县、三都县10个县为二档,城乡低保标准分别为440元/月和2580元/年"


def rec(doc, **fields):
    """A standards row exactly as the database stores it (schemas.Standard.to_row + ids)."""
    base = dict(source=doc["name"], region=None, adcode=None, program="dibao", area="all", variant=None,
                metric="standard", value=0, unit="yuan/person/month", quote="")
    base.update(fields)
    groups = base.pop("target_groups", [])
    row = Standard(**base, target_groups=groups).to_row()
    period = row["period"]
    row.update(document_id=doc["id"], target_groups=json.dumps(groups, ensure_ascii=False), override=None,
               period_start=None if period is None else (period + "-01-01")[:10] if len(period) == 4
               else (period + "-01")[:10])
    return row


def make_db(path, docs, rows):
    db = sqlite_utils.Database(path)
    db["documents"].insert_all(
        [{"source": f"corpus/text/{d['name']}", "format": "txt", "kind": "report", "issuers": "[]",
          "home_region": None, "home_adcode": None, "encoding": "utf-8", "pages": None, "text": "",
          "ingested_at": "2024-01-01T00:00:00", **d, "doc_numbers": json.dumps(d["doc_numbers"], ensure_ascii=False)}
         for d in docs], pk="id")
    db["standards"].insert_all([{"id": f"s{i:03d}", **r} for i, r in enumerate(rows)], pk="id")
    db["regions"].create({"code": str, "name": str, "short_name": str, "level": str, "parent": str,
                          "longitude": float, "latitude": float}, pk="code")
    return path


def seed_rows():
    return [
        rec(QIANNAN, region="都匀市", adcode="522701", area="urban", value=495, period="2015", quote=DUYUN_Q),
        rec(QIANNAN, region="都匀市", adcode="522701", area="rural", value=2640, unit="yuan/person/year",
            period="2015", quote=DUYUN_Q),
        rec(QIANNAN, region="荔波县", adcode="522722", area="urban", value=440, period="2015", quote=LIBO_Q),
        rec(QIANNAN, region="黔南布依族苗族自治州", adcode="522700", program="tekun", area="rural",
            variant="centralized", value=3500, unit="yuan/person/year", period="2015", quote="全州集中供养对象提高到3500元/年"),
        rec(QIANNAN, region="黔南布依族苗族自治州", adcode="522700", area="rural", metric="avg_standard",
            value=2594, unit="yuan/person/year", period="2015", quote="全州城市、农村平均低保标准提高到453元/月/人和2594元/年/人"),
        rec(QIANNAN, region="黔南布依族苗族自治州", adcode="522700", area="rural", metric="uplift", value=20,
            unit="percent", period="2015", quote="农村低保对象增发20%的补助金", target_groups=["disabled", "elderly"]),
        rec(QIANNAN, region="贵州省", adcode="520000", area="rural", value=6200, unit="yuan/person/year",
            period="2020", status="target", quote="到2020年农村低保标准、扶贫标准、小康标准“三线合一”,达到6200元(1000美元)/人/年"),
        rec(HEZHOU, region="贺州市", adcode="451100", area="urban", value=750, period="2022",
            quote="城乡低保保障标准由“十二五〞期末的每人每月360元和200元,提高至2022年的每人每月750元和433元"),
        rec(HEZHOU, region="贺州市", adcode="451100", area="rural", value=433, period="2022",
            quote="城乡低保保障标准由“十二五〞期末的每人每月360元和200元,提高至2022年的每人每月750元和433元"),
        rec(HEZHOU, region="贺州市", adcode="451100", area="rural", value=5200, unit="yuan/person/year",
            period="2022", quote="2022年农村低保标准为5200元每年"),
        rec(HEZHOU, region="贺州市", adcode="451100", program="tekun", value=1.3, unit="ratio",
            basis="dibao.standard", quote="全市城乡特困人员根本生活救助供养金按照城乡最低生活保障标准的1.3倍发放"),
        rec(HEZHOU, region="贺州市", adcode="451100", program="tekun", metric="care_standard", value=30,
            unit="percent", basis="min_wage", quote="照料护理标准按最低工资标准的30%、和60%发放"),
        rec(HEZHOU, region="贺州市", adcode="451100", program="orphan", variant="scattered", value=900,
            previous=600, quote="散居孤儿救助供养标准由“十二五〞末的600元/月提高至目前900元/月"),
        rec(HEZHOU, region="贺州市", adcode="451100", program="orphan", variant="institutional", value=1300,
            previous=1000, quote="机构供养孤儿救助供养标准由1000元/月提高至1300元/月"),
        rec(NATIONAL, region="全国", adcode="100000", program="tekun", value=1.3, unit="ratio",
            basis="dibao.standard", quote="生活确保规范不少于本地最低生活保障的1.3倍"),
    ]


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "doudi.db", [QIANNAN, HEZHOU, NATIONAL], seed_rows())


def test_own_record_with_source(db):
    p = parameter(db, "都匀市", "dibao", "rural", "standard", "2015-12-01")
    assert (p.value, p.unit, p.since, p.resolution) == (2640, "yuan/person/year", "2015-01-01", "own")
    assert p.region_code == "522701" and p.region_name == "都匀市"
    assert p.source.title == "黔南州社会救助工作情况报告" and p.source.quote == DUYUN_Q
    assert p.age_days == 334 and not p.stale and p.conflicts == []


def test_region_by_code_and_stale_after_two_years(db):
    p = parameter(db, "522701", "dibao", "urban", "standard", "2018-01-01")
    assert p.value == 495 and p.age_days == 1096 and p.stale


def test_before_any_standard_is_missing_not_zero(db):
    with pytest.raises(MissingParameter, match=r"no parameter in force for 都匀市 \(522701\) dibao rural standard "
                                                r"at 2014-06-01 \(earliest known: 2015\)"):
        parameter(db, "都匀市", "dibao", "rural", "standard", "2014-06-01")


def test_unknown_region_suggests_names(db):
    with pytest.raises(UnknownRegion, match="unknown region '都云市'; did you mean .*都匀市"):
        parameter(db, "都云市", "dibao", "rural", "standard", "2015-12-01")


def test_inherited_from_prefecture(db):
    p = parameter(db, "都匀市", "tekun", "rural", "standard", "2015-12-01", variant="centralized")
    assert (p.value, p.resolution, p.resolved_from) == (3500, "inherited", "522700")
    assert p.region_code == "522701" and p.source.quote == "全州集中供养对象提高到3500元/年"


def test_averages_are_not_inherited(db):
    with pytest.raises(MissingParameter):
        parameter(db, "都匀市", "dibao", "rural", "avg_standard", "2015-12-01")
    assert parameter(db, "522700", "dibao", "rural", "avg_standard", "2015-12-01").value == 2594


def test_target_is_never_in_force_unless_asked_for(db):
    # 到2020年…达到6200元: a plan. Without include_targets it is missing, and the message says why.
    with pytest.raises(MissingParameter, match=r"1 planned target\(s\) not counted \(use --include-targets\)"):
        parameter(db, "荔波县", "dibao", "rural", "standard", "2020-06-01")
    with pytest.raises(MissingParameter):  # asked for, it counts only from the period it names
        parameter(db, "荔波县", "dibao", "rural", "standard", "2019-06-01", include_targets=True)
    p = parameter(db, "荔波县", "dibao", "rural", "standard", "2020-06-01", include_targets=True)
    assert (p.value, p.resolution, p.resolved_from, p.status) == (6200, "inherited", "520000", "target")
    assert p.to_row()["status"] == "target" and p.shown_since == "2020"
    assert all(q.status == "in_force" for q in parameter_table(db, "2020-06-01"))
    assert any(q.status == "target" for q in parameter_table(db, "2020-06-01", include_targets=True))


def test_tekun_derived_from_local_dibao_by_ratio_rule(db):
    p = parameter(db, "贺州市", "tekun", "urban", "standard", "2023-06-01")
    assert p.resolution == "derived" and p.value == pytest.approx(975) and p.unit == "yuan/person/month"
    assert "1.3 × dibao.standard" in p.rule and "1.3 × 750" in p.arithmetic
    assert p.source.quote.startswith("全市城乡特困人员") and p.inputs[0].value == 750
    assert p.inputs[0].source.quote.endswith("750元和433元")
    assert p.since == "2023-04-20"  # the newer of the rule and its basis


def test_national_rule_applied_to_county_dibao(db):
    p = parameter(db, "都匀市", "tekun", "rural", "standard", "2020-07-01")
    assert p.resolution == "derived" and p.resolved_from == "100000"
    assert p.value == pytest.approx(1.3 * 2640) and p.unit == "yuan/person/year"
    assert p.inputs[0].resolution == "own" and p.inputs[0].region_code == "522701"


def test_rule_without_basis_is_missing_with_reason(db):
    with pytest.raises(MissingParameter, match="has no basis"):
        parameter(db, "贺州市", "tekun", "all", "standard", "2023-06-01")


def test_external_basis_returned_as_rule(db):
    p = parameter(db, "贺州市", "tekun", "all", "care_standard", "2023-06-01", variant="full_care")
    assert (p.value, p.unit, p.basis) == (30, "percent", "min_wage")


def test_agreeing_units_are_not_conflicts(db):
    # 433 元/月 and 5200 元/年 from the same document agree (5200/12 = 433.3)
    assert parameter(db, "贺州市", "dibao", "rural", "standard", "2023-06-01").conflicts == []


def test_conflicting_documents_are_reported(tmp_path):
    rows = seed_rows() + [rec(QIANNAN_NOTICE, region="都匀市", adcode="522701", area="urban", value=480,
                              period="2015", quote="都匀市城市低保标准提高到480元/月")]
    path = make_db(tmp_path / "c.db", [QIANNAN, QIANNAN_NOTICE, HEZHOU, NATIONAL], rows)
    p = parameter(path, "都匀市", "dibao", "urban", "standard", "2015-12-01")
    assert len(p.conflicts) == 1
    shown, other = {p.value, p.conflicts[0].value}, p.conflicts[0].source
    assert shown == {495, 480} and other.title in (QIANNAN["title"], QIANNAN_NOTICE["title"])
    row = parameter_table(path, "2015-12-01", "都匀市")
    urban = next(r.to_row() for r in row if (r.program, r.area, r.metric) == ("dibao", "urban", "standard"))
    assert json.loads(urban["conflicts"])[0]["value"] in (495, 480)


def test_table_for_region(db):
    table = parameter_table(db, "2015-12-01", "都匀市")
    got = {(p.program, p.area, p.variant, p.metric): (p.value, p.resolution) for p in table}
    assert got[("dibao", "rural", None, "standard")] == (2640, "own")
    assert got[("dibao", "urban", None, "standard")] == (495, "own")
    assert got[("tekun", "rural", "centralized", "standard")] == (3500, "inherited")
    assert got[("dibao", "rural", None, "uplift")] == (20, "inherited")
    assert ("dibao", "rural", None, "avg_standard") not in got
    assert not any(p.program == "tekun" and p.resolution == "derived" for p in table)  # national rule not yet published


def test_table_all_regions_rows_are_flat(db):
    rows = [p.to_row() for p in parameter_table(db, "2023-12-31")]
    regions = {r["region_code"] for r in rows}
    assert {"522701", "451100", "100000"} <= regions
    derived = [r for r in rows if r["resolution"] == "derived" and r["region_code"] == "451100"]
    assert {(r["area"], r["value"]) for r in derived} == {("urban", 975.0), ("rural", 562.9)}
    assert all(r["source_title"] and r["quote"] and r["since"] for r in rows)
