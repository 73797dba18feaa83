"""The record contract's validator: what it accepts and what it says about the rest."""
import pytest

from schemas import Standard, ValidationError, validate_standard

GOOD = dict(source="a.txt", region="都匀市", adcode="522701", program="dibao", area="urban", variant=None,
            metric="standard", value=480.0, unit="yuan/person/month", quote="城市低保标准每人每月480元",
            period="2021-01-01")


def test_a_valid_record_passes_as_object_and_as_dict():
    rec = Standard(**GOOD)
    assert validate_standard(rec) is rec
    contract = rec.to_contract()
    assert validate_standard(contract) is contract


@pytest.mark.parametrize("change, message", [
    ({"program": "nope"}, "unknown program 'nope'"),
    ({"unit": "yuan"}, "unknown unit 'yuan'"),
    ({"variant": "x"}, "unknown variant 'x'"),
    ({"value": -1}, "bad value -1"),
    ({"value": float("nan")}, "bad value nan"),
    ({"value_max": 400.0}, "value_max 400.0 below value 480.0"),
    ({"period": "2021-13"}, "bad period '2021-13'"),
    ({"adcode": "5227"}, "bad adcode '5227'"),
    ({"quote": ""}, "empty quote"),
    ({"bound": "exact"}, "bad bound 'exact'"),
    ({"program": ["dibao"]}, "unknown program ['dibao']"),
])
def test_each_fault_is_named(change, message):
    with pytest.raises(ValidationError) as e:
        validate_standard(Standard(**{**GOOD, **change}))
    assert str(e.value) == message


def test_every_fault_of_a_record_is_listed():
    with pytest.raises(ValidationError) as e:
        validate_standard({**GOOD, "program": "x", "status": "maybe", "source": ""})
    assert str(e.value) == "unknown program 'x'; unknown status 'maybe'; empty source"
