"""Claims and findings pickle as their values in order (`consistency.compact`), and come
back equal, field for field, to what was pickled."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from consistency import models
from consistency.compact import by_position
from consistency.models import Report
from consistency.parallel import load_and_extract

ROOT = Path(__file__).resolve().parents[1]
SLOTTED = [
    cls
    for cls in vars(models).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == models.__name__
]


@pytest.mark.parametrize("cls", SLOTTED, ids=lambda cls: cls.__name__)
def test_every_record_class_of_the_models_pickles_by_position(cls: type) -> None:
    assert "_from_values" in vars(cls)  # its own, not a base class's (which has fewer fields)
    assert cls.__reduce__ is not object.__reduce__


def test_extracted_claims_and_findings_come_back_equal(seeds_report: Report) -> None:
    records = load_and_extract(sorted((ROOT / "seeds").glob("*.txt")), base=ROOT).records
    claims = [claim for record in records for claim in record.claims]
    assert {type(claim) for claim in claims} == {
        models.QuoteClaim,
        models.TemporalClaim,
        models.NumericClaim,
        models.DurationClaim,
        models.NameClaim,
    }
    back = pickle.loads(pickle.dumps(claims))
    assert back == claims
    assert [type(c) for c in back] == [type(c) for c in claims]
    assert seeds_report.findings
    assert pickle.loads(pickle.dumps(seeds_report.findings)) == seeds_report.findings


@by_position
@dataclass(slots=True, kw_only=True)
class _Counted:
    value: int
    seen: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.seen.append(self.value)  # visible if a rebuild ran __init__ again


@by_position
@dataclass(slots=True, kw_only=True)
class _Single:
    only: str


def test_a_record_is_rebuilt_from_its_values_without_running_init_again() -> None:
    record = _Counted(value=3)
    record.seen.append(4)
    back = pickle.loads(pickle.dumps(record))
    assert back == record and back.seen == [3, 4] and back is not record
    assert pickle.loads(pickle.dumps(_Single(only="x"))) == _Single(only="x")


@dataclass(slots=True, kw_only=True)
class _Plain:  # as _Counted, pickled the default way
    value: int
    seen: list[int] = field(default_factory=list)


def test_the_pickle_is_smaller_than_the_default_one() -> None:
    ours = len(pickle.dumps([_Counted(value=i) for i in range(100)]))
    default = len(pickle.dumps([_Plain(value=i) for i in range(100)], protocol=4))
    assert ours < default * 0.8


def test_a_frozen_dataclass_is_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Frozen:
        value: int

    with pytest.raises(TypeError, match="frozen"):
        by_position(Frozen)
