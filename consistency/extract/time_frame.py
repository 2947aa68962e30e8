"""The frame of a date or time: the act it places in time, who did it, what it was about
and the clause's content words ("the fire broke out at about 6:30 p.m.": thing fire,
predicate break out, class start).

The governing verb is the nearest verb before the expression in its clause ("crashed at
8:44", "lost contact with the ship on Sunday"), or the first verb after a fronted one ("On
June 18, the vessel dived"). A report is the event it reports: "the company said on Friday
it had accepted the offer" is the accepting, on the day of the saying. Lemmas and parts of
speech come from `text.lemma`; subjects and pronouns from the article's people.
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency.extract.context import ArticleContext
from consistency.extract.events import subject_before
from consistency.extract.quantity_frame import Tok, tokens
from consistency.models import Event, Frame
from consistency.text import lemma as lx
from consistency.text.dates import MONTHS, WEEKDAYS
from consistency.text.lexicon import (
    EVENT_CLASS,
    OBJECT_SENSES,
    REPORTING,
    event_class,
    noun_class,
)

_DETERMINERS = frozenset("a an the its their his her our".split())
_BOUNDARY = frozenset(",;:()—–")
_AUX = frozenset(
    """be is are was were been being has have had will would could may might shall should
    also still reportedly officially first then later just finally eventually already
    initially not never did does do""".split()
)
_FUTURE = frozenset("will would shall expected set due scheduled plans plan planning going".split())
_SKIP = frozenset(
    """the a an its their his her our this that these those of in on at to for with from by
    into onto over under about around after before during since until near inside outside
    beneath below above off""".split()
)
_STOP = (
    _SKIP
    | _AUX
    | frozenset(
        """and or but as it he she they we who which what than there more most some nearly
    almost up down per each all said says according local time gmt utc early late morning
    afternoon evening night overnight noon midnight midday today tonight yesterday
    tomorrow week weekend month year hours hour minutes day days""".split()
    )
)
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)
_PARTICLES = frozenset(
    "out off up down in away aground missing contact touch way sail through".split()
)
_TELLING = frozenset({"announce", "post"})  # acts that may carry a that-clause
_MODALS = frozenset("will would shall should can could may might must did does do".split())
_OPENERS = frozenset("early late then and but".split())
_RECURRING = frozenset("be have do get make take come go".split())
_PREDICATE_ADJ = {"dead": "die", "missing": "go missing", "ablaze": "burn"}


@dataclass
class _Verb:
    lemma: str
    index: int  # of its first token, in the token list it was found in
    last: int  # of its last token (a particle)


def build_frame(ctx: ArticleContext, start: int, end: int) -> tuple[Frame, Event | None]:
    """The frame of the expression text[start:end], and its event for display."""
    text = ctx.text
    s, e = ctx.sentence_of(start, end)
    left = tokens(text, max(s, start - 200), start)[-14:]
    right = tokens(text, end, min(e, end + 200))[:14]
    toks, verb = left, _verb_left(left)
    if verb is None and _fronted(left) and right[:1] and right[0].text == ",":
        toks, verb = right, _verb_right(right)
    if verb is None:
        return Frame(words=_content(left[-8:] + right[:6])), None
    vt = toks[verb.index]
    future = _future(toks, verb)
    lemma = verb.lemma
    if toks is left and (lemma in REPORTING or event_class(lemma) in _TELLING):
        lemma = _reported(left, right, verb, lemma)
    subject = subject_before(ctx, s if toks is left else end, _subject_end(toks, verb))
    obj = _object(toks, verb)
    holder, thing = _holder_and_thing(subject, obj)
    words = _content(left[-10:] + right[:8])
    predicate = lemma if lemma and lemma not in _RECURRING else None
    frame = Frame(
        thing=thing,
        thing_class=noun_class(thing),
        predicate=predicate,
        predicate_class=_sense(predicate, thing, obj),
        holder=holder,
        words=words,
        future=future,
    )
    shown = text[vt.start : toks[verb.last].end]
    event = Event(
        subject=subject[0] if subject else (thing or ""),
        verb=shown,
        predicate=predicate or verb.lemma,
        key=f"{holder or thing or ''}|{frame.predicate_class or predicate or ''}",
    )
    return frame, event


def _subject_end(toks: list[Tok], verb: _Verb) -> int:
    """Where the subject of the verb ends: before a relative pronoun ("the vessel that
    went missing") and the auxiliaries."""
    k = verb.index - 1
    while k >= 0 and (toks[k].low in _AUX or toks[k].low.endswith("ly")):
        k -= 1
    if k >= 0 and toks[k].low in ("that", "which", "who"):
        return toks[k].start
    return toks[k + 1].start


def _sense(predicate: str | None, thing: str | None, obj: str | None) -> str | None:
    """The class of the act, told by what it is done to where the verb alone cannot."""
    senses = OBJECT_SENSES.get(predicate or "")
    if senses is None:
        return event_class(predicate)
    return senses.get(noun_class(thing) or noun_class(obj) or "", senses[""])


def _fronted(left: list[Tok]) -> bool:
    """The expression opens its sentence: "On Sunday, …", "Early on June 18, …"."""
    return all(t.low in _SKIP or t.low in _OPENERS for t in left[-3:])


def _verb_of(toks: list[Tok], k: int) -> _Verb | None:
    """The verb at toks[k], joined with a particle after it ("broke out", "lost contact",
    "went missing") when the pair is a known act."""
    tok = toks[k]
    if not tok.text[0].isalpha():
        return None
    if tok.low in _PREDICATE_ADJ:
        found = _PREDICATE_ADJ[tok.low]
        if k > 0 and tok.low == "missing" and lx.verb(toks[k - 1].text) in ("go", "be", "report"):
            return _Verb(found, k - 1, k)
        return _Verb(found, k, k) if tok.low != "missing" else None
    lemma = lx.verb(tok.text)
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    if lemma is None and tok.text.islower() and not (k > 0 and toks[k - 1].low in _DETERMINERS):
        base = (lx.forms(tok.text).get("VERB") or ("",))[0]
        known = base in EVENT_CLASS or f"{base} {nxt}" in EVENT_CLASS  # "hit", "set off"
        prev = toks[k - 1].low if k > 0 else ""
        noun = "NOUN" in lx.forms(tok.text)
        if known or prev in _MODALS or (prev == "to" and not noun):  # "would close"
            lemma = base or None
    if lemma is None and tok.low.endswith("ed") and not lx.forms(tok.text):
        lemma = next((w for w in (tok.low[:-2], tok.low[:-1]) if w in EVENT_CLASS), None)
    if lemma is None:
        return None
    if nxt in _PARTICLES and f"{lemma} {nxt}" in EVENT_CLASS:
        return _Verb(f"{lemma} {nxt}", k, k + 1)
    return _Verb(lemma, k, k)


def _verb_left(left: list[Tok]) -> _Verb | None:
    """The nearest verb before the expression within its clause (nine words at most)."""
    for k in range(len(left) - 1, max(-1, len(left) - 10), -1):
        tok = left[k]
        if tok.text in _BOUNDARY:
            return None
        verb = _verb_of(left, k)
        if verb is not None and _attributive(left, k):
            continue  # "an important trading route": an adjective, not the verb
        if verb is not None and k > 0 and _gerund(left, k):
            return None  # "at a briefing": a noun
        if verb is not None and verb.lemma not in ("be", "have"):
            if k > 0 and (found := _verb_of(left, k - 1)) and found.last == k:
                return found  # "broke out": the particle was seen first
            return verb
        if verb is not None:
            return None  # "was a black Sunday": being places nothing
    return _nominal(left)


def _gerund(toks: list[Tok], k: int) -> bool:
    """An -ing form right after a determiner is a noun ("a briefing", "the opening")."""
    return toks[k].low.endswith("ing") and toks[k - 1].low in _DETERMINERS


def _attributive(toks: list[Tok], k: int) -> bool:
    """An -ing or -ed form between a determiner or adjective and a noun."""
    if k == 0 or k + 1 >= len(toks) or not toks[k].low.endswith(("ing", "ed")):
        return False
    before, after = toks[k - 1], toks[k + 1]
    nounish = "NOUN" in lx.forms(after.text) and after.text[0].isalpha()
    det = before.low in _DETERMINERS
    return nounish and (det or set(lx.forms(before.text)) == {"ADJ"})


def _nominal(left: list[Tok]) -> _Verb | None:
    """An act named by a noun right before the expression: "into its dive on Sunday",
    "after the crash on Monday"."""
    for k in range(len(left) - 1, max(-1, len(left) - 4), -1):
        tok = left[k]
        if tok.low in _SKIP:
            continue
        verbs = lx.forms(tok.text).get("VERB", ())
        if "NOUN" in lx.forms(tok.text) and verbs and verbs[0] in EVENT_CLASS:
            return _Verb(verbs[0], k, k)
        return None
    return None


def _verb_right(right: list[Tok]) -> _Verb | None:
    """The first verb after the expression (the clause it opens, or a reported clause:
    "said on Friday (that) it had accepted")."""
    for k, tok in enumerate(right[:8]):
        if tok.text in _BOUNDARY and k > 0:
            return None
        if tok.low in _AUX or not tok.text[0].isalpha():
            continue
        verb = _verb_of(right, k)
        if verb is not None and verb.lemma not in ("be", "have"):
            return verb
    return None


def _reported(left: list[Tok], right: list[Tok], verb: _Verb, lemma: str) -> str:
    """The event a report places: the verb of its that-clause ("confirmed on Tuesday that
    all were rescued"), or of the clause it follows ("X has accepted, the company said on
    Monday"). Announcing with neither is an event of its own; saying is not."""
    clause = bool(right[:1]) and right[0].low == "that"
    if clause or lemma in REPORTING:
        found = _verb_right(right)
        if found is not None and _future(right, found):
            return ""  # "said on Monday that she would stay": the staying is not on Monday
        if found is not None or clause:
            return found.lemma if found else ""  # "that it was successful": a state
    found = _reported_before(left, verb.index)
    if found is not None:
        return found.lemma
    return "" if lemma in REPORTING else lemma


def _reported_before(left: list[Tok], say: int) -> _Verb | None:
    """The verb of the clause a report follows: "X has accepted the offer, the company
    said on Monday", "… accepted the offer as they announced on Monday"."""
    comma = next(
        (k for k in range(say - 1, max(-1, say - 5), -1) if left[k].low in (",", "as")), None
    )
    if comma is None:
        return None
    for k in range(comma - 1, max(-1, comma - 10), -1):
        verb = _verb_of(left, k)
        if verb is not None and verb.lemma not in {"be", "have"} | REPORTING:
            return verb
        if left[k].text in _BOUNDARY:
            return None
    return None


def _future(toks: list[Tok], verb: _Verb) -> bool:
    """A future cue among the auxiliaries right before the verb ("will resign", "is set to
    open"): a cue in another clause does not count."""
    return any(t.low in _FUTURE for t in toks[max(0, verb.index - 4) : verb.index])


def _holder_and_thing(
    subject: tuple[str, str] | None, obj: str | None
) -> tuple[str | None, str | None]:
    """A name subject is the holder ("Twitter", "Saman Kunan": kunan); a common-noun
    subject ("the fire", "Firefighters") or else the verb's object is the thing."""
    if subject is None:
        return None, obj
    display, key = subject
    words = display.replace("’s", "").replace("'s", "").split()
    if not words:
        return None, obj
    head = lx.noun(words[-1])
    if words[0][:1].isupper() and words[0].lower() not in _SKIP:
        if len(words) == 1 and head and head != words[0].lower():
            return None, head  # "Firefighters" opening a sentence: a plural common noun
        return key.split()[-1] if key else words[-1].lower(), None
    return None, head or words[-1].lower()


def _object(toks: list[Tok], verb: _Verb) -> str | None:
    """The head noun of the verb's object ("announced the deal")."""
    run = None
    for tok in toks[verb.last + 1 : verb.last + 5]:
        if tok.low in _DETERMINERS and run is None:
            continue
        if not tok.text[0].isalpha() or tok.low in _CALENDAR:
            break
        found = lx.forms(tok.text)
        if "NOUN" not in found or tok.text[0].isupper():
            break
        run = lx.noun(tok.text)
    return run


def _content(tokens: list[Tok]) -> list[str]:
    """Content lemmas of the clause, without calendar and clock words."""
    out: list[str] = []
    for tok in tokens:
        if not tok.text[0].isalpha() or tok.low in _STOP or tok.low in _CALENDAR:
            continue
        word = lx.base(tok.text)
        if len(word) > 2 and word not in out and word not in _STOP:
            out.append(word)
    return out
