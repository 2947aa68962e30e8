"""A short fuzz run in every test session: mutated articles through the whole check and every
renderer (benchmarks/fuzz.py runs the same harness for as long as it is given)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import BAD_BYTES, OPS, SUFFIXES, TOKENS, FileCase, build, check_files, seed_texts

SEEDS = seed_texts()
ops = st.tuples(
    st.sampled_from(OPS),
    st.integers(0, 1 << 16),
    st.integers(0, 400),
    st.integers(0, max(len(TOKENS), len(SEEDS), len(BAD_BYTES)) * 4),
)
file_cases = st.builds(
    FileCase,
    seed=st.integers(0, len(SEEDS) - 1),
    suffix=st.sampled_from(SUFFIXES),
    ops=st.lists(ops, max_size=10),
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252"]),
)


# derandomize: the CI budget is a fixed regression check; benchmarks/fuzz.py explores.
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(file_cases, min_size=1, max_size=3))
def test_mutated_articles_check_and_render(cases: list[FileCase]) -> None:
    check_files({f"a{k}{c.suffix}": build(c, SEEDS) for k, c in enumerate(cases)})


def test_seeds_are_real_articles() -> None:
    assert len(SEEDS) > 50 and all(text.strip() for text in SEEDS)
