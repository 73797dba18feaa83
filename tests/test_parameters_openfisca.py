"""An OpenFisca tax-benefit system on the export: the 低保 top-up for a vector of households, the
standard indexed by region code, equals `doudi calc dibao` household by household."""
from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from click.testing import CliRunner
from openfisca_core.entities import build_entity
from openfisca_core.periods import MONTH
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from doudi.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "text"
MONTH_ASKED = "2023-06"
# 都匀市 has its own (yearly) standard, 贺州市 its own, 八步区 none: it inherits 贺州市's
HOUSEHOLDS = [("522701", 3, 100.0), ("451100", 2, 150.0), ("451102", 4, 0.0), ("451102", 1, 500.0)]

Household = build_entity(key="household", plural="households", label="户", is_person=True)


class region_code(Variable):
    value_type = str
    entity = Household
    definition_period = MONTH
    label = "地区代码"


class members(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH


class income_per_person(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "家庭月人均收入"


class dibao_top_up(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "低保补差"

    def formula(household, period, parameters):
        standard = parameters(period).dibao.standard.rural[household("region_code", period)]
        gap = numpy.maximum(standard - household("income_per_person", period), 0)
        return numpy.round(gap, 2) * household("members", period)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from pipeline import build_database
    path = tmp_path_factory.mktemp("of") / "doudi.db"
    build_database([CORPUS], path)
    out = path.parent / "openfisca"
    result = CliRunner().invoke(main, ["params", "--db", str(path), "--as-of", "2023-12-31", "--format", "openfisca",
                                       "-o", str(out), "--region", "都匀市", "--region", "贺州市", "--region", "八步区"])
    assert result.exit_code == 0, result.output
    return path, out


def test_openfisca_top_up_equals_doudi_calc(built):
    path, out = built
    system = TaxBenefitSystem([Household])
    for variable in (region_code, members, income_per_person, dibao_top_up):
        system.add_variable(variable)
    system.load_parameters(str(out))
    sim = SimulationBuilder().build_default_simulation(system, len(HOUSEHOLDS))
    sim.set_input("region_code", MONTH_ASKED, numpy.array([h[0] for h in HOUSEHOLDS], dtype=object))
    sim.set_input("members", MONTH_ASKED, numpy.array([h[1] for h in HOUSEHOLDS]))
    sim.set_input("income_per_person", MONTH_ASKED, numpy.array([h[2] for h in HOUSEHOLDS]))
    got = sim.calculate("dibao_top_up", MONTH_ASKED)

    expected = []
    for code, n, income in HOUSEHOLDS:
        result = CliRunner().invoke(main, ["calc", "dibao", "--db", str(path), "--region", code, "--date",
                                           f"{MONTH_ASKED}-01", "--area", "rural", "--members", str(n),
                                           "--income", str(income), "--json"])
        assert result.exit_code == 0, result.output
        expected.append(json.loads(result.stdout)["amount"])
    assert list(got) == pytest.approx(expected, abs=0.01)
    assert expected[0] == 360 and expected[2] == 433 * 4  # 2640 元/年 ÷ 12, and 贺州市's 433 inherited


def test_export_inherits_and_cites(built):
    _, out = built
    from openfisca_core.parameters import ParameterNode
    leaf = ParameterNode("", directory_path=str(out)).dibao.standard.rural
    inherited = leaf.children["451102"].values_list[0]
    assert inherited.metadata["resolution"] == "inherited" and inherited.metadata["resolved_from"] == "451100"
    assert leaf.children["451102"].description == "八步区农村最低生活保障(低保)保障标准"
    ref = inherited.metadata["reference"][0]
    assert {"title", "date", "quote"} <= set(ref) and "433元" in ref["quote"]
