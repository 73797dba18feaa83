"""OpenFisca export round trip and the `doudi params` command."""
from __future__ import annotations

import csv
import io
import json

import numpy
import yaml
from click.testing import CliRunner
from openfisca_core.parameters import ParameterNode

from doudi.cli import main
from parameters.openfisca import export
from test_parameters import HEZHOU, NATIONAL, QIANNAN, db, make_db, rec, seed_rows  # noqa: F401  (db: fixture)


def test_openfisca_round_trip(db, tmp_path):  # noqa: F811
    out = tmp_path / "openfisca"
    files = export(db, out, "2023-12-31", region="都匀市")
    assert out / "dibao" / "standard" / "rural.yaml" in files
    node = ParameterNode("doudi", directory_path=str(out))
    at = node("2015-12-01")
    assert at.dibao.standard.rural["522701"] == 220  # 2640 元/年 as currency-CNY per month
    assert at.tekun.standard.rural.centralized["522701"] == round(3500 / 12, 4)  # inherited from 黔南州
    leaf = node.dibao.standard.rural
    assert leaf.metadata["unit"] == "currency-CNY" and leaf.metadata["period"] == "month"
    assert leaf.metadata["breakdown"] == ["region_code"] and leaf.description == "农村最低生活保障(低保)保障标准"
    rural = leaf.children["522701"]
    assert rural.description == "都匀市农村最低生活保障(低保)保障标准"
    first = rural.values_list[-1]  # oldest value
    assert first.instant_str == "2015-01-01" and first.metadata["stated"] == "2640 yuan/person/year"
    ref = first.metadata["reference"][0]
    assert ref["title"] == "黔南州社会救助工作情况报告" and ref["date"] == "2016-01-20" and "2640元/年" in ref["quote"]
    # the national 1.3 rule applies from its publication: a new value keyed by that date
    tekun = node.tekun.standard.rural.any.children["522701"]
    assert tekun("2023-01-01") == 286 and tekun.values_list[0].metadata["resolution"] == "derived"
    # rates are /1: 农村低保对象增发20% is 0.2
    uplift = node.dibao.uplift_rate.rural
    assert uplift.metadata["unit"] == "/1" and uplift.children["522701"]("2015-12-01") == 0.2


def test_openfisca_before_first_value_is_not_zero(db, tmp_path):  # noqa: F811
    out = tmp_path / "of"
    export(db, out, "2023-12-31", region="贺州市")
    node = ParameterNode("doudi", directory_path=str(out))
    orphan = node.orphan.standard.all.scattered.children["451100"]
    assert orphan("2023-05-01") == 900
    assert orphan("2020-01-01") is None  # OpenFisca's "no value", never 0
    data = yaml.safe_load((out / "orphan" / "standard" / "all" / "scattered.yaml").read_text("utf-8"))
    assert list(data["451100"]["values"]) == ["2023-04-20"]


def test_openfisca_stale_values_end(db, tmp_path):  # noqa: F811
    out = tmp_path / "of"
    export(db, out, "2023-12-31", region="都匀市", stale_after=730)
    rural = ParameterNode("doudi", directory_path=str(out)).dibao.standard.rural.children["522701"]
    assert rural("2016-12-31") == 220 and rural("2017-01-01") is None  # 2015-01-01 + 730 days
    assert export(db, tmp_path / "none", "2023-12-31", region="都匀市")  # without it the value runs on
    kept = ParameterNode("d", directory_path=str(tmp_path / "none")).dibao.standard.rural.children["522701"]
    assert kept("2023-12-31") == 220


def test_openfisca_ranges_are_two_parameters(tmp_path):
    rows = seed_rows() + [rec(QIANNAN, region="黔南布依族苗族自治州", adcode="522700", area="urban", metric="uplift",
                              value=10, value_max=30, unit="percent", period="2015", quote="城市低保对象增发10%—30%的补助金")]
    path = make_db(tmp_path / "r.db", [QIANNAN, HEZHOU, NATIONAL], rows)
    export(path, tmp_path / "of", "2015-12-01", region=["都匀市", "荔波县"])
    at = ParameterNode("d", directory_path=str(tmp_path / "of"))("2015-12-01")
    codes = numpy.array(["522701", "522722"])
    assert list(at.dibao.uplift_rate.urban[codes]) == [0.1, 0.1]
    assert list(at.dibao.uplift_rate_max.urban[codes]) == [0.3, 0.3]


def test_cli_csv(db):  # noqa: F811
    result = CliRunner().invoke(main, ["params", "--db", str(db), "--as-of", "2015-12-01", "--region", "522701"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    rural = next(r for r in rows if (r["program"], r["area"], r["metric"]) == ("dibao", "rural", "standard"))
    assert rural["value"] == "2640.0" and rural["resolution"] == "own" and rural["since"] == "2015-01-01"
    assert rural["since_shown"] == "2015" and rural["status"] == "in_force"
    assert rural["source_title"] == "黔南州社会救助工作情况报告" and rural["age_days"] == "334"


def test_cli_json_to_file(db, tmp_path):  # noqa: F811
    out = tmp_path / "t.json"
    result = CliRunner().invoke(main, ["params", "--db", str(db), "--as-of", "2023-06-01", "--region", "贺州市",
                                       "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = json.loads(out.read_text("utf-8"))
    derived = next(p for p in table if p["resolution"] == "derived" and p["area"] == "urban")
    assert derived["value"] == 975 and derived["inputs"][0]["source"]["quote"].endswith("750元和433元")


def test_cli_openfisca_needs_directory(db):  # noqa: F811
    result = CliRunner().invoke(main, ["params", "--db", str(db), "--format", "openfisca"])
    assert result.exit_code != 0 and "needs -o" in result.output


def test_cli_bad_input_is_one_line(db, tmp_path):  # noqa: F811
    runner = CliRunner()
    for args, message in [(["--region", "都云市"], "did you mean"),
                          (["--as-of", "2010-01-01", "--region", "都匀市"], "no parameter in force for 都匀市 at 2010-01-01")]:
        result = runner.invoke(main, ["params", "--db", str(db), *args])
        assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["params", "--db", str(db), "--as-of", "2015-13"])
    assert result.exit_code == 2 and "bad date" in result.output  # a bad option is usage
    result = runner.invoke(main, ["params", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "none.db: no such file" in result.output  # a bad --db is usage
