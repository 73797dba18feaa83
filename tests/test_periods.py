"""Periods: effective dates scoped to where they are written (extractors/periods.py)."""
from extractors import periods
from language import dates
from ingest.build import build_document
from extractors import extract


def records(text):
    doc = build_document(doc_id="t", source="t.txt", format="txt", original=text)
    return [(r.region, r.value, r.period) for r in extract(doc).standards]


def test_most_precise_of_compatible_mentions():
    assert dates.most_precise(["2022-07", "2022-07-01"]) == "2022-07-01"
    assert dates.most_precise(["2021", "2021-10"]) == "2021-10"
    assert dates.most_precise(["2022-07", "2023-01-01"]) == "2022-07"  # not compatible: the first stands
    assert dates.most_precise([None, "2020"]) == "2020"


def test_every_effective_date_wording():
    for text, value in [("从2021年10月份起执行", "2021-10"), ("自2019年3月施行", "2019-03"),
                        ("于2024年1月1日起实施", "2024-01-01"), ("8月份起", "2018-08")]:
        assert dates.effective_date(text, 2018) == value, text


def test_from_the_day_of_issue_is_the_documents_date():
    assert dates.effective_date("本办法自发布之日起施行。", 2016, issued="2016-05-10") == "2016-05-10"
    assert dates.effective_date("本办法自发布之日起施行。", 2016) is None


def test_as_of_dates():
    assert dates.as_of("截至2024年6月底:", None) == "2024-06"
    assert dates.as_of("截至3月31日,全县共有", 2025) == "2025-03-31"
    assert dates.as_of("截至目前", 2025) is None


def test_a_part_of_a_sentence_dates_itself_wherever_its_date_stands():
    s = "甲县城镇低保标准为每人每月600元,此标准自2020年1月1日起执行;乙县为每人每月560元。"
    (a, b, v), = periods.part_periods(s, 2020, None)
    assert v == "2020-01-01" and s[a:b].startswith("甲县") and "乙县" not in s[a:b]


def test_a_roundup_dates_each_place_by_its_own_section():
    text = ("2019年多地调整低保标准\n\n"
            "丽水市城乡低保标准为每人每月880元;台州市自8月1日起将城市低保标准调整为每人每月820元。\n\n"
            "湖州市从2019年7月1日起执行新标准。城市低保标准为每人每月900元。\n")
    got = {(r, v): p for r, v, p in records(text)}
    assert got[("丽水市", 880)] == "2019"  # 台州's date is not the whole roundup's
    assert got[("台州市", 820)] == "2019-08-01"
    assert got[("湖州市", 900)] == "2019-07-01"  # the section's date goes on into its next sentence


def test_a_lead_date_is_made_precise_by_the_body():
    text = "5月起提高城乡低保标准\n\n经市政府同意,我市城市低保标准提高到每人每月700元。本通知自2023年5月1日起施行。\n"
    assert {p for _, _, p in records(text)} == {"2023-05-01"}
