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


def test_a_year_heading_a_numbered_line_dates_it():
    """period.topic_year, behind a list marker"""
    text = ("各地标准一览。\n\n(1)2019年南阳市低保标准:城市620元/月,农村4300元/年。\n\n"
            "2、2019年信阳市特困人员基本生活标准:城镇980元/月。")
    got = records(text)
    assert {v: p for _, v, p in got} == {620.0: "2019", 4300.0: "2019", 980.0: "2019"}


def test_a_page_dated_before_its_storys_dateline_is_a_repost():
    """period.repost_date: 今年 cannot be read from a page date earlier than the story's own"""
    story = "本报讯 记者12月3日从市民政局获悉,城市低保标准提高到每人每月780元,新标准自今年11月1日起执行。"
    def period(published):
        doc = build_document(doc_id="t", source="t.txt", format="txt", original=story, published=published)
        return [r.period for r in extract(doc).standards]
    assert period("2021-12-05") == ["2021-11-01"]
    assert period("2022-02-14") == [None]
    assert dates.reposted("新华社郑州7月2日电 …", "2023-06-30")
    assert not dates.reposted("新华社郑州7月2日电 …", "2023-07-02")
