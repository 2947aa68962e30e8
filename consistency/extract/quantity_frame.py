"""The frame of a figure: what it counts or measures, the verb that governs it, whose it is,
and the clause's content words ("some 500 firefighters battled the blaze": thing
firefighter, class responder; predicate battle, class respond).

Rule-based on the words around the figure, with parts of speech and lemmas from
`text.lemma`: the counted thing is the noun the figure modifies (after it, after "of", or
before "of" for amounts: "an offer of $44bn"); the predicate is the verb right before the
figure or right after the counted thing; the holder is a name the clause ties the figure
to ("Twitter's shares", "Saman Kunan, 37", "the 25-year-old coach").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from consistency.models import Frame, Move, Quantity, Varying
from consistency.text import lemma as lx
from consistency.text.dates import year_near
from consistency.text.lexicon import (
    ACCUMULATING,
    GROWING,
    MOVE_WORDS,
    MOVES,
    NOUN_CLASS,
    REMAINING,
    noun_class,
    predicate_class,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|[,;:()—–]")
_DETERMINERS = frozenset("the a an its their his her our all some those these each".split())
_AUX = frozenset(
    """be is are was were been being has have had will would could may might also still
    reportedly reported believed said thought now already just initially""".split()
)
_FUTURE = frozenset("will would could may might shall expected plans plan set".split())
_LINKS = frozenset("by of at to with for from among".split())
_STOP = frozenset(
    """the a an of to in on at for by with from and or but as is are was were be been it its
    this that he she they we his her their them who which what than then there more most
    about around some nearly almost over under up down per each all also had has have will
    would said says according towards toward into onto through across inside outside during
    after before since until between against within without near like while when where""".split()
)
# Nouns a figure is "of" without being what is counted: "a total of", "the number of".
_EMPTY = frozenset("total number figure count sum amount tally group set lot".split())
_UNITS = frozenset(
    """dollar euro pound yen cent percent per million billion thousand trillion hundred dozen
    metre meter kilometre kilometer foot feet mile yard inch square km mi ft hour minute second
    day week month year old other one kg tonne ton""".split()
)
_PREDICATE_ADJ = {"dead": "die", "injured": "injure", "wounded": "wound", "missing": "miss"}
# "Saman Kunan, 37,": the last words of a name (bounded: a search from each capital of a
# long run would read it to its end)
_AGE_AFTER_NAME = re.compile(r"((?:[A-Z][\w’'-]{1,50}[ ]){0,7}[A-Z][\w’'-]{1,50}),[ ]?$")
_AGE_CUE = re.compile(r"\b(?:aged|ages|age)[ ]+(?:between[ ]+)?$", re.IGNORECASE)
_DISTANCE = re.compile(  # after a figure
    r"(?<![ ])[ ]++(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:[ ]+of)?"
    r"|from|away[ ]+from|outside)\b",
    re.IGNORECASE,
)
_TOLL = re.compile(
    r"\b(?:death|casualty)[ ]toll\b[^.;:]{0,40}?\b(?:of|at|to|stood at|reached)[ ]*$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"[’']s?$")


class Tok(NamedTuple):
    """A word or punctuation mark, where it is, and its lower case (asked for often). A
    named tuple: frames cut every sentence they read into these, and a tuple is made
    fastest."""

    text: str
    start: int
    end: int
    low: str


@dataclass
class FrameResult:
    """The frame and how the counted thing is written."""

    frame: Frame
    counted: str | None
    age: bool = False  # the figure is someone's age ("Saman Kunan, 37")


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The words and punctuation of text[start:end]."""
    return [
        Tok(w := m.group(), m.start(), m.end(), w.lower()) for m in _WORD.finditer(text, start, end)
    ]


def build(
    text: str, sentence: tuple[int, int], start: int, end: int, quantity: Quantity
) -> FrameResult:
    """The frame of the figure text[start:end] inside `sentence`."""
    left = tokens(text, max(sentence[0], start - 160), start)[-10:]
    right = tokens(text, end, min(sentence[1], end + 160))[:12]
    age = _age_holder(text, sentence[0], start, end, left, right, quantity)
    distance = _DISTANCE.match(text, end) if quantity.dimension == "length" else None
    thing: str | None
    if distance:  # "62 km southeast of the capital Addis Ababa": a distance from a place
        thing, thing_words, after = "distance", None, 0
    else:
        thing, thing_words, after = thing_after(right)
    if thing is None and _TOLL.search(text, max(sentence[0], start - 60), start):
        thing, thing_words = "toll", "death toll"  # "the death toll rose to 31"
    if thing is None:
        thing, thing_words = _thing_before(left, quantity)
    predicate, verb_at = _predicate(left, right[after:])
    holder = age if age is not None else _holder(left, verb_at)
    if distance:
        holder = _place(tokens(text, distance.end(), min(sentence[1], distance.end() + 60)))
    words = _content(left[-8:] + right[:8], thing)
    move = _move(predicate, left, right, quantity)
    varying = _varying(thing, predicate, right)
    future = _future(left[-4:] + right[after : after + 3])
    frame = Frame(
        thing="age" if age is not None and thing is None else thing,
        thing_class=_multiword_class(thing_words) or noun_class(thing),
        predicate=predicate,
        predicate_class=predicate_class(predicate),
        holder=holder,
        words=words,
        future=future,
        move=move,
        varying=varying,
        era=year_near(text, max(sentence[0], start - 90), min(sentence[1], end + 60), (start, end)),
    )
    return FrameResult(frame, thing_words, age is not None)


def _unitish(tok: Tok) -> bool:
    return tok.low in _UNITS or (lx.noun(tok.text) or "") in _UNITS or tok.low in _CURRENCY


_CURRENCY = frozenset("euros dollars pounds yuan rupees".split())


def _is_nounish(tok: Tok, first: bool) -> bool:
    if not tok.text[0].isalpha() or tok.low in _STOP or _unitish(tok):
        return False
    if tok.text[0].isupper() and not first:
        return False  # "20,388 TEU Ever Given": a name starts, the noun phrase has ended
    found = lx.forms(tok.text)
    if not found:
        return True  # unknown words after a figure are mostly nouns ("teu", "Kenyans")
    return "NOUN" in found or "ADJ" in found or "PROPN" in found


def thing_after(right: list[Tok]) -> tuple[str | None, str | None, int]:
    """The counted noun after the figure: "400 firefighters", "dozens of people", "the
    21-foot tourist vessel". Returns (lemma, words as written, index past the noun)."""
    k = 0
    if right[:1] and right[0].low == "of":
        k = 1
        while k < len(right) and right[k].low in _DETERMINERS:
            k += 1
    while k < len(right) and right[k].low in REMAINING | {"plus"}:
        k += 1  # "40 more hours", "80 plus hours"
    run: list[Tok] = []
    while k < len(right) and len(run) < 3 and _is_nounish(right[k], not run):
        if run and "ADJ" in lx.forms(right[k].text):
            break  # "people close to the deal": the noun phrase has ended
        run.append(right[k])
        k += 1
    while run and "NOUN" not in lx.forms(run[-1].text) and lx.forms(run[-1].text):
        run.pop()  # "33 different": an adjective is no head
        k -= 1
    if not run:
        return None, None, 0
    head = run[-1].text
    if head.lower() in _EMPTY or head.lower() in _UNITS:
        return None, None, k
    if head[0].isupper() and not head.isupper():
        return None, None, k  # "four Navy", "17 Ethiopians": a name, not a counted noun
    return lx.noun(head) or _singular(head.lower()), " ".join(t.text for t in run), k


def _singular(word: str) -> str:
    """A plain English singular for words the dictionary does not know ("retweets")."""
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _thing_before(left: list[Tok], q: Quantity) -> tuple[str | None, str | None]:
    """For amounts and measures: "an offer of $44bn", "an area of 10,000 square miles",
    "searching an area 7,600 square miles"."""
    if q.dimension == "count" or not left:
        return None, None
    k = len(left) - 1
    if left[k].low in ("of", "at", "for"):
        k -= 1
    if k < 0:
        return None, None
    tok = left[k]
    found = lx.forms(tok.text)
    if tok.text[0].isupper() or tok.low in _STOP | _UNITS | _EMPTY or "NOUN" not in found:
        return None, None
    if lx.verb(tok.text):
        return None, None  # "fell 6%": a verb, not what the figure is of
    return lx.noun(tok.text), tok.text


def _multiword_class(words: str | None) -> str | None:
    if not words:
        return None
    parts = words.lower().split()
    low = " ".join([*parts[:-1], lx.noun(parts[-1]) or parts[-1]])
    return next((c for w, c in NOUN_CLASS.items() if " " in w and low.endswith(w)), None)


def _predicate(left: list[Tok], right: list[Tok]) -> tuple[str | None, int | None]:
    """The verb governing the figure: right before it ("killing all 157", "searched an area
    of"), or right after the counted thing ("firefighters battled", "were killed").
    Returns (lemma, index in `left` of a verb before the figure)."""
    for k in range(len(right))[:4]:
        tok = right[k]
        if tok.low in _AUX or tok.low == "not":
            continue
        found = _verb_of(tok)
        if found:
            return found, None
        break
    for k in range(len(left) - 1, max(-1, len(left) - 6), -1):
        tok = left[k]
        if not tok.text[0].isalpha():
            break
        found = _verb_of(tok)
        if found and found not in ("be", "have"):
            return found, k
        if found in ("be", "have"):
            return None, k
        if tok.low in _DETERMINERS or tok.low in _LINKS or tok.low in _AUX:
            continue
        if "NOUN" in lx.forms(tok.text) and k >= len(left) - 3:
            continue  # "searched an area of …", "dropped by more than …"
        break
    return None, None


_BE_HAVE = dict.fromkeys("be is are was were".split(), "be") | dict.fromkeys(
    "has have had".split(), "have"
)
# Verbs of being part of or getting, which say nothing about what a figure is.
_LIGHT = frozenset("include involve contain comprise get make take begin become".split())


def _verb_of(tok: Tok) -> str | None:
    if lx.verb(tok.text) in _LIGHT:
        return "have"
    if tok.low in _PREDICATE_ADJ:
        return _PREDICATE_ADJ[tok.low]
    if predicate_class(tok.low) and "VERB" in lx.forms(tok.text):
        return tok.low  # "hurt", "cut": a news verb whose past is its base form
    return _BE_HAVE.get(tok.low) or lx.verb(tok.text)


def _holder(left: list[Tok], verb_at: int | None) -> str | None:
    """A name heading the subject of the verb before the figure: "Twitter's shares
    jumped", "The city of Paris pledged" (the first capitalised word that is not just the
    start of the sentence)."""
    if verb_at is None:
        return None
    for k in range(verb_at - 1, max(-1, verb_at - 4), -1):
        tok = left[k]
        if _is_name(tok, k == 0):
            return _POSSESSIVE.sub("", tok.low)
        found = lx.forms(tok.text)
        if not tok.text[0].isalpha() or not (tok.low in _AUX or "NOUN" in found):
            return None  # "unable to locate Titan despite searching": not its subject
    return None


def _is_name(tok: Tok, maybe_sentence_start: bool) -> bool:
    """A capitalised word that names someone: at the start of a sentence only when it is
    possessive or unknown to the dictionary ("Authorities" is just the first word)."""
    if not tok.text[0].isupper() or tok.low in _STOP:
        return False
    if not maybe_sentence_start or tok.low.endswith(("'s", "’s")):
        return True
    return not lx.forms(tok.text)


def _place(after: list[Tok]) -> str | None:
    """The place a distance is from: the first name within a few words ("of the capital
    Addis Ababa" -> addis)."""
    for tok in after[:4]:
        if tok.text[0].isupper():
            return tok.low
    return None


def _age_holder(
    text: str,
    sent_start: int,
    start: int,
    end: int,
    left: list[Tok],
    right: list[Tok],
    q: Quantity,
) -> str | None:
    """Whose age a figure is: "Saman Kunan, 37," (the surname), "the 25-year-old coach"
    (the noun), "twelve boys, aged 11 to 16" (the noun before)."""
    before = text[max(sent_start, start - 60) : start]
    if q.dimension == "age" and right:
        run = []
        for tok in right[:4]:
            if not _is_nounish(tok, True) and not tok.text[0].isupper():
                break
            run.append(tok)
        if run:
            return lx.noun(run[-1].text) or run[-1].low
    if _AGE_CUE.search(before):
        for tok in reversed(left[:-1]):
            if tok.text[0].isalpha() and "NOUN" in lx.forms(tok.text):
                return lx.noun(tok.text)
        return None
    m = _AGE_AFTER_NAME.search(before)
    if m and q.dimension == "count" and 1 <= q.value <= 110 and q.value == int(q.value):
        after = text[end : end + 2]
        if after[:1] in (",", ")", ".", ";") or not after.strip():
            return m.group(1).split()[-1].lower()
    return None


def _content(tokens: list[Tok], thing: str | None) -> list[str]:
    """Content lemmas of the clause: what the context similarity is computed on."""
    out = []
    for tok in tokens:
        if not tok.text[0].isalpha() or tok.low in _STOP or tok.low in _UNITS:
            continue
        word = lx.base(tok.text)
        if word != thing and len(word) > 2 and word not in out:
            out.append(word)
    return out


def _move(predicate: str | None, left: list[Tok], right: list[Tok], q: Quantity) -> Move | None:
    """Up or down, for a percentage or an amount that is a move ("jumped 5.5%", "up 5%",
    "5% higher"); other figures do not move ("lost contact")."""
    if q.dimension not in ("percent", "money"):
        return None
    cls = predicate_class(predicate)
    if cls in MOVES:
        return MOVES[cls]
    return next((MOVE_WORDS[t.low] for t in left[-2:] + right[:1] if t.low in MOVE_WORDS), None)


def _varying(thing: str | None, predicate: str | None, right: list[Tok]) -> Varying | None:
    """A count that grows as the story goes on (a toll, the people rescued so far), or
    what is left of something (oxygen left, boys still inside)."""
    if thing in GROWING or predicate_class(predicate) in ACCUMULATING or _so_far(right[:7]):
        return "grows"
    if any(t.low in REMAINING or lx.verb(t.text) == "remain" for t in right[:6]):
        return "shrinks"
    return None


def _so_far(tokens: list[Tok]) -> bool:
    """A running count: "4 identified so far", "to date", "thus far"."""
    pairs = {(a.low, b.low) for a, b in pairwise(tokens)}
    return bool(pairs & {("so", "far"), ("thus", "far"), ("to", "date")})


def _future(tokens: list[Tok]) -> bool:
    return any(t.low in _FUTURE for t in tokens)
