"""Durations outside quotations and dates: "15 hours", "a nine-hour battle", "an hour and 45
minutes into their dive", "almost a week", "eight to ten hours", "their 17th night".

Each becomes a DurationClaim with its interval in seconds (see `duration_parse`) and its
frame (see `duration_frame`); ages ("a 3-month-old") and rates ("twice a day") are not
durations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from consistency.extract.context import ArticleContext
from consistency.extract.duration_frame import duration_frame, is_elapsed
from consistency.extract.duration_parse import FIRST_WORDS, PATTERN, Parsed, parse, quantity
from consistency.models import DurationClaim

_AGE = re.compile(r"(?:-|[ ])old\b|s?[ ]of[ ]age\b", re.IGNORECASE)
_AGO = re.compile(r"(?<![ ])[ ]++(?:ago|before[ ]now)\b", re.IGNORECASE)  # after a duration
_RATE_BEFORE = re.compile(
    r"(?:\d[a-z]{0,3}|\b(?:once|twice|times|per|every|each|a|an|the|one))[ ]*$", re.IGNORECASE
)
_ONE_DAY_CUE = re.compile(
    r"\b(?:for|in|within|than|after|of|lasting|lasted|took|takes|just|only)[ ]+$", re.IGNORECASE
)


def extract_durations(ctx: ArticleContext) -> Iterator[DurationClaim]:
    """Every duration outside quotations and dates, with its interval and its frame."""
    text = ctx.text
    blocked, starts = ctx.quoted_or_dated
    n = 0
    for m in _matches(text, ctx.body_start):
        if _inside(blocked, starts, m.start(), m.end()):
            continue  # inside a quotation, or part of a date or time
        parsed = parse(m)
        if not _is_duration(text, m, parsed):
            continue
        sentence = ctx.sentence_of(m.start())
        elapsed = parsed.ordinal or is_elapsed(text, sentence, m.start(), m.end(), parsed.unit)
        amount = quantity(parsed)
        frame = duration_frame(text, sentence, m.start(), m.end(), amount, elapsed=elapsed)
        n += 1
        yield DurationClaim(
            id=f"{ctx.article_id}:D{n}",
            article=ctx.article_id,
            text=ctx.norm.original_slice(m.start(), m.end()),
            span=ctx.norm.span(m.start(), m.end()),
            quantity=amount,
            frame=frame,
            elapsed=elapsed,
            context=ctx.sentence_around(m.start(), m.end()),
        )


# The look-ahead only says which letters a unit word starts with: with it, the scan skips
# other positions at C speed (a case-blind alternation alone is tried at every position).
_UNIT = re.compile(r"(?=[smhdnwf])(?:second|minute|hour|day|night|week|fortnight|month)", re.I)
_REACH = 90  # no duration runs longer than this before its (first) unit word
# Where PATTERN can start: a figure, or a whole word that is one of FIRST_WORDS, read as
# case-blind as PATTERN reads it ("ſix" too), where PATTERN's look-behind allows a start.
_STARTS = re.compile(
    rf"(?<![\w.:-])(?:\d|(?i:(?=[{''.join(sorted({w[0] for w in FIRST_WORDS}))}])"
    rf"(?:{'|'.join(sorted(FIRST_WORDS, key=len, reverse=True))})(?!\w)))"
)


def _matches(text: str, start: int) -> Iterator[re.Match[str]]:
    """PATTERN's matches (as `finditer` finds them) in windows around unit words, tried only
    where a figure or one of FIRST_WORDS starts: scanning every position of the text costs
    several times more, and every duration names its unit."""
    windows: list[list[int]] = []
    for hit in _UNIT.finditer(text, start):
        lo, hi = max(start, hit.start() - _REACH), hit.end() + _REACH
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        end, pos = min(hi, len(text)), lo
        for word in _STARTS.finditer(text, lo, end):
            if word.start() < pos:
                continue
            m = PATTERN.match(text, word.start(), end)
            if m is not None:
                pos = m.end()
                yield m


def _inside(blocked: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Overlaps a quotation or a date reaching outside it ("two days later"); a date word
    inside it ("their 17th night") does not count."""
    k = max(bisect_right(starts, start) - 1, 0)
    while k < len(blocked) and blocked[k][0] < end:
        b_start, b_end = blocked[k]
        if b_end > start and (b_start < start or b_end > end):
            return True
        k += 1
    return False


def _is_duration(text: str, m: re.Match[str], parsed: Parsed) -> bool:
    """Not an age ("a 3-month-old"), a moment ("two weeks ago", "a second time"), a rate
    ("twice a day") or an idiom ("one day")."""
    if _AGE.match(text, m.end()) or _AGO.match(text, m.end()):
        return False  # an age, or a moment ("announced 12 weeks ago")
    if parsed.value <= 0:
        return False
    written = " ".join(m.group().lower().split())
    before = text[max(0, m.start() - 12) : m.start()]
    bare_unit = parsed.loose and not parsed.modifier
    if bare_unit and (parsed.unit == "second" or _RATE_BEFORE.search(before)):
        return False
    if parsed.ordinal and parsed.unit == "second":
        return False
    # "one day he will": a day, not a duration
    return not (written == "one day" and not _ONE_DAY_CUE.search(before))
