"""Every regular expression that runs over article text stays linear (issue 16: a pull
request cannot hang the check).

Each compiled pattern of the package (module attributes, patterns kept in module-level
tuples, lists, sets and dicts, class attributes) is searched over pathological strings at
two lengths, and the time must grow about as the length does: exponential or quadratic
backtracking is already plain at these sizes. Patterns built inside functions are reached
through the public functions that use them. Deterministic; no hypothesis.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import consistency
from consistency.extract import extract
from consistency.ingest import load_document
from consistency.ingest.datestamp import find_datestamp

# characters of the small input (more than the longest bounded repetition, 200, so that a
# bound is not mistaken for growth); the large one is GROWTH times longer
SMALL = 300
GROWTH = 8
# Linear work grows GROWTH-fold, quadratic GROWTH**2-fold: flag growth past their middle,
# with an absolute slack for timer and scheduler noise on tiny times.
MAX_RATIO = 24.0
SLACK_S = 0.0015
LIMIT_S = 1.0  # no single run may take longer

# (family, unit): each input is the unit repeated to the size. Runs of every character
# class the patterns quantify over, and mixtures of them.
UNITS: list[tuple[str, str]] = [
    ("spaces", " "),
    ("letters", "a"),
    ("capitals", "A"),
    ("camel", "Ab"),
    ("capitalised words", "Ab "),
    ("capitalised words and commas", "Ab, "),
    ("lowercase words", "of a "),
    ("words", "word "),
    ("hyphened words", "a-"),
    ("apostrophes", "a’"),
    ("straight apostrophes", "a'"),
    ("initials", "A. "),
    ("dotted capitals", "A."),
    ("names", "Alice "),
    ("name sentences", "Alice. "),
    ("digits", "1"),
    ("digit commas", "1,"),
    ("digit dots", "1."),
    ("digit colons", "1:"),
    ("figures", "12 "),
    ("dollars", "$5 "),
    ("dates", "12 March 2024 "),
    ("clock times", "10:30 "),
    ("ampm times", "at 7 p.m. "),
    ("weekdays", "on Monday "),
    ("said on Monday", "Officials said on Monday "),
    ("periods", "."),
    ("sentence ends", ". "),
    ("ellipsis", "…"),
    ("bangs", "!?"),
    ("straight quotes", '"'),
    ("curly quotes", "“”‘’"),
    ("open quotes", "“"),
    ("close quotes", "”"),
    ("guillemets", "«»"),
    ("low quotes", "„"),
    ("quoted words", "“word” "),
    ("hyphens", "-"),
    ("dashes", "—"),
    ("emphasis", "*_"),
    ("commas", ","),
    ("comma spaces", ", "),
    ("newlines", "\n"),
    ("space newlines", " \n"),
    ("hashes", "#"),
    ("tags", "#a "),
    ("brackets", "["),
    ("parens", "("),
    ("md images", "!["),
    ("html tags", "<b "),
    ("html comments", "<!--"),
    ("quote prefixes", "> "),
    ("the", "the "),
    ("adverbs", " publicly"),
    ("of phrases", " of a"),
]
# what follows the run: nothing, or a character no pattern expects, so a match that needs
# the end of the text or a particular character fails and backtracking is forced
TAILS = ("", "\x00")
# Known reproducers: (family, prefix, unit, suffix)
REPRODUCERS: list[tuple[str, str, str, str]] = [
    ("prepositional phrases", "The dogs", " of a", ", b tweeted 5 photos."),
    ("tail words", "He", " publicly", " said “hello there”."),
    ("adverbs before a quote", "He", " publicly", " said “"),
    ("spaces after words", "The dogs", " of a", " \x00"),
]


# Patterns that never see article text: (where, why)
NOT_ARTICLE_TEXT = {
    "consistency.cli.info._LOCATION": "a path:line:column argument of the command line",
}


def _modules() -> Iterator[ModuleType]:
    yield consistency
    for info in pkgutil.walk_packages(consistency.__path__, "consistency."):
        if not info.name.endswith("__main__"):  # running it is running the command line
            yield importlib.import_module(info.name)


def _patterns_in(value: Any, label: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield label, value
        return
    if depth >= 3:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(key, f"{label}[{key!r}]", depth + 1)
            yield from _patterns_in(item, f"{label}[{key!r}]", depth + 1)
    elif isinstance(value, tuple | list):
        for k, item in enumerate(value):
            yield from _patterns_in(item, f"{label}[{k}]", depth + 1)
    elif isinstance(value, frozenset | set):
        for item in value:
            yield from _patterns_in(item, f"{label}{{}}", depth + 1)


def collect() -> dict[tuple[str, int], tuple[str, re.Pattern[str]]]:
    """(pattern text, flags) -> (where it was first found, the pattern)."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for module in _modules():
        for name, value in sorted(vars(module).items()):
            where = f"{module.__name__}.{name}"
            found_here = list(_patterns_in(value, where))
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr, item in vars(value).items():
                    found_here.extend(_patterns_in(item, f"{where}.{attr}"))
            for label, pattern in found_here:
                key = (pattern.pattern, pattern.flags)
                if key not in found or _defines(module, name):
                    found[key] = (label, pattern)
    return found


def _defines(module: ModuleType, name: str) -> bool:
    """Does the module assign `name` itself (rather than import it)?"""
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    return re.search(rf"^{re.escape(name)}\b[^=\n]*=", source, re.MULTILINE) is not None


PATTERNS = sorted(
    (item for item in collect().values() if item[0] not in NOT_ARTICLE_TEXT),
    key=lambda item: item[0],
)


class TooSlow(Exception):
    """A single run went past LIMIT_S."""


@contextmanager
def _limit(seconds: float) -> Iterator[None]:
    """Interrupt a run after `seconds` (the regex engine checks for signals as it goes)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise TooSlow

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _time(run: Callable[[str], object], text: str, repeats: int) -> float:
    """The least time of `repeats` runs, in seconds; LIMIT_S * 10 when one is interrupted."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            with _limit(LIMIT_S):
                run(text)
        except TooSlow:
            return LIMIT_S * 10
        best = min(best, time.perf_counter() - start)
    return best


def _build(prefix: str, unit: str, suffix: str, size: int) -> str:
    return prefix + unit * max(1, size // len(unit)) + suffix


def superlinear(run: Callable[[str], object], prefix: str, unit: str, suffix: str) -> str:
    """Why `run` grows faster than linearly on the unit repeated, or ""."""
    small = _build(prefix, unit, suffix, SMALL)
    large = _build(prefix, unit, suffix, SMALL * GROWTH)
    for attempt in range(3):  # more looks before blaming the pattern for noise
        t_large = _time(run, large, 1 + min(attempt, 1))
        if t_large > LIMIT_S:
            return f"{t_large:.2f} s on {len(large)} characters"
        if t_large <= SLACK_S:
            return ""  # fast whatever the small input takes
        t_small = _time(run, small, 2)
        if t_large <= MAX_RATIO * t_small + SLACK_S:
            return ""
    return (
        f"{t_small * 1000:.2f} ms on {len(small)} characters, "
        f"{t_large * 1000:.2f} ms on {len(large)}"
    )


def _search_all(pattern: re.Pattern[str]) -> Callable[[str], object]:
    """A search, then every further match as finditer gives them (its first step is the
    search itself, so the search is not run twice)."""

    def run(text: str) -> None:
        for _ in pattern.finditer(text):
            pass

    return run


def test_patterns_are_collected() -> None:
    labels = {label for label, _ in PATTERNS}
    assert len(PATTERNS) > 50
    assert any(label.startswith("consistency.extract.speech.") for label in labels)
    assert any(label.startswith("consistency.ingest.datestamp.") for label in labels)


@pytest.mark.parametrize(("label", "pattern"), PATTERNS, ids=[label for label, _ in PATTERNS])
def test_pattern_is_linear(label: str, pattern: re.Pattern[str]) -> None:
    run = _search_all(pattern)
    gc.disable()
    try:
        slow = [
            f"{family}{' + failing tail' if tail else ''}: {why}"
            for family, unit in UNITS
            for tail in TAILS
            if (why := superlinear(run, "", unit, tail))
        ]
        slow += [
            f"{family}: {why}"
            for family, prefix, unit, suffix in REPRODUCERS
            if (why := superlinear(run, prefix, unit, suffix))
        ]
    finally:
        gc.enable()
    assert not slow, f"{label} = re.compile({pattern.pattern!r}) is superlinear on\n" + "\n".join(
        slow
    )


# ---------------------------------------------------------------------------------------
# Patterns built inside functions, reached through the functions that use them:
#   ingest.datestamp: the scan for lines with text (now the module-level _LINE; it read a
#     blank line once from each of its spaces), and DATE_RE on one matched date;
#   extract.events.subject_before: pronouns ending the words before a verb, a hashtag
#     with auxiliaries, a bare noun (all in at most SUBJECT_REACH characters);
#   extract.attribution._subject_at: a pronoun or a role phrase (ROLE_NP) ending the words
#     before a reporting verb, which may be a whole sentence.
# The others run on a few characters: a figure and the 40 after it (extract.numbers), a
# name's 40 before it (text.names), one token or word (text.tokens, extract.names,
# extract.speech.describes, rules.*), 12 or 90 characters after a name (extract.people), or
# the rendered report, the configuration file and command-line arguments, not article text.
# ---------------------------------------------------------------------------------------


def _extract(suffix: str) -> Callable[[str], object]:
    def run(text: str) -> object:
        data = text.encode("utf-8")
        return extract(load_document(Path(f"a{suffix}"), "a", f"a{suffix}", data=data))

    return run


# (family, suffix, prefix, unit, suffix text)
ARTICLES: list[tuple[str, str, str, str, str]] = [
    ("prepositional phrases", ".txt", "The dogs", " of a", ", b tweeted 5 photos."),
    ("tail words", ".txt", "He", " publicly", " said “hello there”."),
    ("role words before a verb", ".txt", "“Yes,”", " the", " official said."),
    ("hashtags before a verb", ".txt", "The", " #a", " tweeted 5 photos."),
    ("a line of spaces", ".txt", "Officials met on Monday.\n", " ", "\nThey left."),
    ("emphasis marks", ".md", "Officials met on Monday.\n", "*_", "\nThey left."),
]


@pytest.mark.parametrize(
    ("family", "suffix", "prefix", "unit", "end"), ARTICLES, ids=[a[0] for a in ARTICLES]
)
def test_extraction_is_linear(family: str, suffix: str, prefix: str, unit: str, end: str) -> None:
    run = _extract(suffix)
    run("Officials met on Monday. “We agreed,” said Ann Lee.")  # lexicons loaded before timing
    gc.disable()
    try:
        why = superlinear(run, prefix, unit, end)
    finally:
        gc.enable()
    assert not why, f"extracting {family} ({suffix}) is superlinear: {why}"


# Inputs that once hung the check, as they were reported (issue 16)
HISTORIC: list[tuple[str, str, str]] = [
    ("prepositional phrases", ".txt", "The dogs" + " of a" * 28 + ", b tweeted 5 photos."),
    ("tail words", ".txt", "He" + " publicly" * 40 + " said “hello there”."),
    ("a line of spaces", ".txt", "Officials met on Monday.\n" + " " * 100_000 + "\nThey left."),
    ("emphasis marks", ".md", "Officials met on Monday.\n\n" + "*_" * 50_000 + "\n"),
]


@pytest.mark.parametrize(("family", "suffix", "text"), HISTORIC, ids=[h[0] for h in HISTORIC])
def test_historic_inputs_are_fast(family: str, suffix: str, text: str) -> None:
    run = _extract(suffix)
    run("Officials met on Monday. “We agreed,” said Ann Lee.")
    assert _time(run, text, 1) < LIMIT_S, f"extracting {family} took over {LIMIT_S} s"
    if len(text) < 1000:
        slow = [label for label, p in PATTERNS if _time(_search_all(p), text, 1) > 0.05]
        assert not slow, f"patterns slow on {family}: {slow}"


def test_a_blank_line_is_read_once() -> None:
    """A line of 100,000 spaces (issue 16): the date-line scan reads it once."""
    text = "Officials met on Monday.\n" + " " * 100_000 + "\nPublished June 3, 2023\n"
    start = time.perf_counter()
    with _limit(LIMIT_S):
        found = find_datestamp(text)
    assert time.perf_counter() - start < LIMIT_S
    assert str(found) == "2023-06-03"
    assert not superlinear(find_datestamp, "Officials met.\n", " ", "\n")
