"""OpenFisca export round trip and the `doudi params` command."""
from __future__ import annotations

import csv
import io
import json

import yaml
from click.testing import CliRunner
from openfisca_core.parameters import ParameterNode

from doudi.cli import main
from parameters.openfisca import export
from test_parameters import db  # noqa: F401  (fixture)


def test_openfisca_round_trip(db, tmp_path):  # noqa: F811
    out = tmp_path / "openfisca"
    files = export(db, out, "2023-12-31", region="都匀市")
    assert out / "522701" / "dibao" / "standard" / "rural.yaml" in files
    node = ParameterNode("doudi", directory_path=str(out))
    at = node("2015-12-01")["522701"]
    assert at.dibao.standard.rural == 2640
    assert at.tekun.standard.rural_centralized == 3500
    rural = node.children["522701"].dibao.standard.rural
    assert rural.metadata["unit"] == "yuan/person/year"
    first = rural.values_list[-1]  # oldest value
    assert first.instant_str == "2015-01-01"
    assert first.metadata["reference"][0]["title"] == "黔南州社会救助工作情况报告"
    assert "2640元/年" in first.metadata["reference"][0]["quote"]
    # the national 1.3 rule applies from its publication: a new value keyed by that date
    tekun = node.children["522701"].tekun.standard.rural
    assert tekun("2023-01-01") == 3432 and tekun.values_list[0].metadata["resolution"] == "derived"


def test_openfisca_before_first_value_is_not_zero(db, tmp_path):  # noqa: F811
    out = tmp_path / "of"
    export(db, out, "2023-12-31", region="贺州市")
    node = ParameterNode("doudi", directory_path=str(out))
    orphan = node.children["451100"].orphan.standard.all_scattered
    assert orphan("2023-05-01") == 900
    assert orphan("2020-01-01") is None  # OpenFisca's "no value", never 0
    data = yaml.safe_load((out / "451100" / "orphan" / "standard" / "all_scattered.yaml").read_text("utf-8"))
    assert list(data["values"]) == ["2023-04-20"]


def test_cli_csv(db):  # noqa: F811
    result = CliRunner().invoke(main, ["params", "--db", str(db), "--as-of", "2015-12-01", "--region", "522701"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    rural = next(r for r in rows if (r["program"], r["area"], r["metric"]) == ("dibao", "rural", "standard"))
    assert rural["value"] == "2640.0" and rural["resolution"] == "own" and rural["since"] == "2015-01-01"
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
