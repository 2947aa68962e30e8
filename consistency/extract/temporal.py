"""Dates, weekdays, years, clock times, parts of the day and relative expressions.

Our own patterns (dateparser reads "We" as Wednesday and "$15" as 15 March): each match is
an atom; atoms next to each other ("Sunday (October 15)", "Oct 15, 2017 at 10:30pm PDT",
"Sunday evening") merge into one expression, resolved against the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from consistency.extract.context import ArticleContext
from consistency.extract.time_frame import build_frame
from consistency.extract.when import Atom, resolve
from consistency.models import TemporalClaim, TemporalKind
from consistency.text.dates import (
    DATE_RE,
    MONTH_RE,
    MONTHS,
    TIME_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
    clock_minutes,
    date_parts,
    month_number,
)

_TOLERANCE = {  # cue -> (minutes before, minutes after) the time named
    "just after": (0, 20), "shortly after": (0, 45), "soon after": (0, 45),
    "just before": (-20, 1), "shortly before": (-45, 1), "after": (0, 180),
    "before": (-180, 1), "by": (-180, 1), "until": (-180, 1), "at": (0, 0), "since": (0, 0),
}  # fmt: skip
# Hedges widen by what the figure's precision allows: "about 6:30" is 6:21 to 6:39, "about
# 1am" 0:40 to 1:20; a bare figure is exact to its last digit.
_HEDGES = frozenset(("about", "around", "approximately", "roughly", "at about", "at around"))
_HEDGED = {"minute": (-9, 10), "hour": (-20, 21)}
_EXACT = {"minute": (-3, 4), "hour": (-10, 11)}
_TOL_RE = "|".join(sorted([*_TOLERANCE, *_HEDGES], key=lambda cue: (-len(cue), cue)))
_BARE_TOL = {"just after", "shortly after", "soon after", "just before", "shortly before"}
_RELATIVE = (
    r"today|tonight|yesterday|tomorrow|last[ ]night|this[ ]weekend|last[ ]weekend|"
    r"next[ ]weekend|over[ ]the[ ]weekend|at[ ]the[ ]weekend|earlier[ ]this[ ]week|"
    r"later[ ]this[ ]week|(?:this|last|next|past)[ ](?:week|month|year)|"
    r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)[ ](?:days?|weeks?)[ ]ago"
)
ATOMS = re.compile(
    rf"(?P<date>(?<![\w-]){DATE_RE})"
    rf"|(?P<monthyear>(?<![\w-])(?:(?P<mcue>in|since|during|by|until|early|late|mid-?)[ ]+)?"
    rf"(?P<mname>{MONTH_RE})[ ]+(?P<myear>{YEAR_RE})\b)"
    rf"|(?P<monthonly>\b(?:in|since|during|until|early|late|mid-?)[ ]+(?P<mname2>{MONTH_RE})\b"
    rf"(?![ ]+\d))"
    rf"|(?P<weekday>(?:\b(?P<wmod>last|next|this|since|until)[ ]+)?\b(?P<wname>{WEEKDAY_RE})"
    r"(?:['’]s)?(?!\w))"
    rf"|(?P<time>(?:\b(?P<tol>{_TOL_RE})[ ]+)?(?:(?<![\w.:]){TIME_RE}"
    r"|\b(?P<noon>noon|midday|midnight)\b"
    r"|(?<![\w.:,])(?P<mil>[012]\d[0-5]\d)(?=[ ]?(?-i:GMT|UTC)\b)"
    r"|(?<![\w.:,])(?P<bare>[012]?\d)(?:(?:[:.]|[ ]?[hH][ ]?)(?P<bmin>[0-5]\d))?"
    r"(?![\d%\w]|[.,:]\d))"
    r"(?:[ ]+hrs\b)?(?:[ ]*(?P<ztz>(?-i:GMT|UTC|[A-Z]{1,4}T))\b|[ ]+\(?(?P<local>local|[A-Z][a-z]+)"
    r"[ ]time\b\)?)?)"
    rf"|(?P<year>\b(?P<ycue>in|since|back[ ]in|by|until|from|during|early|late|of)[ ]+"
    rf"(?P<yvalue>{YEAR_RE})\b(?![-/]\d))"
    rf"|(?P<relative>\b(?:{_RELATIVE})\b)"
    r"|(?P<part>\b(?:(?P<pcue>this|last|that|early|late|on|in[ ]the|during[ ]the|yesterday|"
    r"tomorrow)[ ]+)?(?P<pname>morning|afternoon|evening|night|overnight|early[ ]hours)\b)",
    re.IGNORECASE,
)
_STAMP_LINE = re.compile(
    r"(?:(?<![ ])[ ]++)?(?:(?:first[ ]++)?published|posted|updated|last[ ]++updated|modified)"
    r"[ ]*+(?:on|:)?[ ]*+",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?:since|from)[ ]+$", re.IGNORECASE)
_WORD_START = re.compile(r"(?<![\w’'])\w")
TRIGGERS = frozenset(
    [d.lower() for d in WEEKDAYS] + list(MONTHS)
    + """today tonight yesterday tomorrow week weekend weeks month year morning afternoon
    evening night overnight noon midday midnight days hours""".split()
)  # fmt: skip
# A run of digits, or a whole run of ASCII letters that is a trigger word (any case). The
# look-ahead names the letters a trigger starts with, so other positions are skipped fast.
_TRIGGER = re.compile(
    rf"\d+|(?ai:(?<![a-z])(?=[{''.join(sorted({w[0] for w in TRIGGERS}))}])"
    rf"(?:{'|'.join(sorted(TRIGGERS, key=len, reverse=True))})(?![a-z]))"
)
_CUE_REACH = 24  # the longest cue before a trigger word
_CASED = re.compile(rf"{WEEKDAY_RE}|{MONTH_RE}")  # names must be capitalised
_JOIN = re.compile(
    r"^(?:[ ]*+,?[ ]*+|[ ]*+\([ ]*+|[ ]*+\)[ ]*+|(?:[ ]*+\))?[ ]++(?:at|on|of|in[ ]the)[ ]++"
    r"|,[ ]++at[ ]++)$"
)
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|is[ ]set[ ]to|are[ ]set[ ]to|is[ ]due[ ]to|are[ ]due[ ]to|"
    r"is[ ]scheduled|are[ ]scheduled|plans?[ ]to|planning[ ]to|going[ ]to|is[ ]expected[ ]to|"
    r"are[ ]expected[ ]to|upcoming)\b|[’']ll\b",
    re.IGNORECASE,
)


def extract_temporal(ctx: ArticleContext) -> Iterator[TemporalClaim]:
    """Every temporal expression outside quotations, with its event and resolution."""
    text = ctx.text
    quotes = [(q.open, q.close) for q in ctx.top_quotes]
    starts = [q[0] for q in quotes]
    atoms = [a for a in ctx.temporal_atoms if not _inside(starts, quotes, a.start)]
    for n, group in enumerate(_merge(text, atoms), start=1):
        start, end = group[0].start, group[-1].end
        opened = text.count("(", start - 1, end) > text.count(")", start, end)
        if opened and text[end : end + 1] == ")":
            start, end = (start - 1 if text[start - 1 : start] == "(" else start), end + 1
        if _STAMP_LINE.fullmatch(text, ctx.sentence_of(start)[0], start):
            continue  # "Posted on July 9, 2018": the page's date, not an event's
        since = any(a.since for a in group) or bool(_SINCE.search(text, max(0, start - 8), start))
        frame, event = build_frame(ctx, start, end)
        future = frame.future if event is not None else _is_future(ctx, start, end)
        when = resolve(group, ctx.published, future=future)
        if when is None:
            continue
        yield TemporalClaim(
            id=f"{ctx.article_id}:T{n}",
            article=ctx.article_id,
            text=ctx.norm.original_slice(start, end),
            span=ctx.norm.span(start, end),
            kind=_kind(group),
            when=when,
            event=event,
            frame=frame,
            context=ctx.sentence_around(start, end),
            future=future,
            since=since,
        )


def _inside(starts: list[int], spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def find_atoms(text: str, start: int) -> Iterator[Atom]:
    """Atoms of the text. The full pattern is only tried at the start of a trigger word (a
    number, a day or month name, a relative word) or of a cue word just before it: trying it
    at every position is ten times slower."""
    pos = start
    for t in _TRIGGER.finditer(text, start):
        if t.start() < pos:
            continue
        lo = max(pos, t.start() - _CUE_REACH)
        for cand in [w.start() for w in _WORD_START.finditer(text, lo, t.start())] + [t.start()]:
            m = ATOMS.match(text, cand)
            if m is not None and m.end() > t.start():
                pos = m.end()
                atom = _atom(m)
                if atom is not None:
                    yield atom
                break
        pos = max(pos, t.end())


def _atom(m: re.Match[str]) -> Atom | None:
    """One match as an atom; None for lower-case "may"/"sunday" and impossible values."""
    if m.group("bare") is not None and not (m.group("tol") or m.group("ztz") or m.group("local")):
        return None  # a bare number with no cue and no zone: a figure, not a time (fast path)
    g = m.groupdict()
    for name in ("wname", "mname", "mname2", "mon1", "mon2"):
        if g.get(name) and not _CASED.fullmatch(g[name]):
            return None
    a = Atom(m.start(), m.end(), m.lastgroup or "")
    if g["time"]:
        a.time_start = min(m.start(k) for k in ("hour", "noon", "bare", "mil") if g[k] is not None)
    if g["date"]:
        parts = date_parts(m)
        if parts is None:
            return None
        a.year, a.month, a.day = parts
    elif g["monthyear"]:
        a.month, a.year, a.since = month_number(g["mname"]), int(g["myear"]), g["mcue"] == "since"
    elif g["monthonly"]:
        a.month = month_number(g["mname2"])
        a.start = m.start("mname2")
    elif g["weekday"]:
        a.weekday = WEEKDAYS.index(g["wname"].lower())
        mod = (g["wmod"] or "").lower()
        a.modifier, a.since = (mod if mod in ("last", "next", "this") else None), mod == "since"
        a.start = m.start("wmod") if mod in ("last", "next", "this") else m.start("wname")
    elif g["time"]:
        return _time_atom(a, g)
    elif g["year"]:
        a.year, a.since = int(g["yvalue"]), g["ycue"].lower() == "since"
        a.start = m.start("yvalue") if g["ycue"].lower() != "since" else a.start
    elif g["relative"]:
        a.relative = " ".join(g["relative"].lower().split())
    else:
        a.part = " ".join(g["pname"].lower().split())
        a.relative = (g["pcue"] or "").lower() or None
        if a.relative not in ("this", "last", "yesterday", "tomorrow", None):
            a.relative = None
    return a


def _time_atom(a: Atom, g: dict[str, str | None]) -> Atom | None:
    cue = (g["tol"] or "").lower()
    zone = g["tz"] or g["ztz"] or ("local" if g["local"] else None)
    if cue == "at":
        a.start = a.time_start
    if g["bare"] and not (cue in _BARE_TOL or (g["bmin"] and (cue or zone))):
        return None  # a bare number is a time only after "just after 9", "at 10:20"
    if g["noon"]:
        base = {"noon": 720, "midday": 720, "midnight": 1440}[g["noon"].lower()]
        alternatives = [base]
    elif g["mil"]:  # "1700 GMT"
        hour = int(g["mil"][:2])
        if hour > 23:
            return None
        alternatives = [hour * 60 + int(g["mil"][2:])]
    elif g["bare"]:
        hour = int(g["bare"])
        if hour > 23 or (hour > 12 and not g["bmin"]):
            return None
        base = hour * 60 + int(g["bmin"] or 0)
        twelve = hour == 0 or hour > 12 or bool(g["bare"].startswith("0") and g["bmin"])
        twelve = twelve or bool(zone and g["bmin"])  # "11:10 GMT" is a 24-hour clock
        alternatives = [base] if twelve else [base % 720, base % 720 + 720]
    else:
        assert g["hour"] is not None
        value = clock_minutes(g["hour"], g["minute"], g["ampm"])
        if value is None:
            return None
        alternatives = [value]
    a.tz = zone
    minutes_written = g["minute"] or g["bmin"] or (g["mil"] or "")[2:]
    precision = "minute" if int(minutes_written or 0) else "hour"
    tol = _TOLERANCE.get(cue) if cue not in ("at", "since") else None
    if tol is None:
        tol = (_HEDGED if cue in _HEDGES else _EXACT)[precision]
    a.minutes = [(t + tol[0], t + tol[1]) for t in alternatives]
    a.since = cue == "since"
    return a


def _merge(text: str, atoms: list[Atom]) -> list[list[Atom]]:
    """Atoms joined by a space, comma, "at", "on" or brackets form one expression."""
    groups: list[list[Atom]] = []
    for atom in sorted(atoms, key=lambda a: a.start):
        if groups and atom.start >= groups[-1][-1].end:
            gap = text[groups[-1][-1].end : atom.start]
            kinds = {a.kind for a in groups[-1]}
            again = atom.kind == "time" and atom.tz is not None and "(" in gap
            if _JOIN.match(gap) and (atom.kind not in kinds or again) and "\n" not in gap:
                groups[-1].append(atom)
                continue
        if groups and atom.start < groups[-1][-1].end:
            continue  # overlapping match: the first one wins
        groups.append([atom])
    return groups


def _kind(group: list[Atom]) -> TemporalKind:
    kinds = {a.kind for a in group}
    labels: tuple[tuple[str, TemporalKind], ...] = (
        ("date", "date"), ("weekday", "weekday"), ("relative", "relative"), ("time", "time"),
        ("part", "part_of_day"), ("monthyear", "month"), ("monthonly", "month"), ("year", "year"),
    )  # fmt: skip
    for kind, label in labels:
        if kind in kinds:
            return label
    return "relative"


def _is_future(ctx: ArticleContext, start: int, end: int) -> bool:
    """A future cue in the same sentence, within a few words of the expression."""
    text = ctx.text
    window = text[max(0, start - 60) : end + 40]
    if not _FUTURE.search(window):
        return False
    sents = ctx.sentence_index[0]
    sentence = next(((s, e) for s, e in sents if s <= start < e), (start, end))
    return bool(_FUTURE.search(text, max(sentence[0], start - 60), min(sentence[1], end + 40)))
