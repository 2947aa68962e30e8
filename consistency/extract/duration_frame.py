"""The frame of a duration: what it is the length of, and whether it is a span so far.

Built on the frame of a figure (`quantity_frame.build`), then told what a duration is OF:
the noun it qualifies ("a nine-hour battle"), the activity it is "into" ("an hour and 45
minutes into their dive"), the act it runs from ("15 hours after it began", predicate
begin), the verb it is the length of ("battled for 15 hours", "expected to take two
hours"). A span that grows with the publication date ("trapped for 13 days", "their 17th
night trapped", "for the fifth day in a row") is elapsed and varies as it grows.
"""

from __future__ import annotations

import re
from dataclasses import replace

from consistency.extract.quantity_frame import Tok, build, thing_after, tokens
from consistency.models import Frame, Quantity
from consistency.text import lemma as lx
from consistency.text.lexicon import event_class, noun_class, predicate_class

_PRONOUNS = frozenset("it they he she we i you this that".split())
_DETERMINERS = frozenset(
    "the a an its their his her our my your this that these those whole entire".split()
)
_SKIP = frozenset("first finally eventually officially reportedly".split())
_LENGTH_VERBS = frozenset({"take", "last"})
# States that last as long as the story runs: "the boys went missing", "were trapped".
_STATES = (
    r"missing|disappeared|vanished|trapped|stranded|stuck|detained|held|captured|kidnapped|"
    r"abducted|lost|besieged|blocked|closed|shut"
)
_AFTER_STATE = re.compile(
    rf"^[ ]+(?:after|since)[ ]+[^.;:]{{0,50}}?\b(?:{_STATES})\b", re.IGNORECASE
)
_SO_FAR = re.compile(r"^[ ]+(?:in[ ]a[ ]row|straight|running|and[ ]counting|so[ ]far)\b")
_PERFECT = re.compile(
    rf"\b(?:has|have|had)[ ]+(?:\w+[ ]+){{0,2}}been[ ]+(?:\w+[ ]+){{0,4}}?(?:{_STATES})\b"
    r"[^.;:]{0,40}$",
    re.IGNORECASE,
)
_DAYS = ("day", "night", "week", "month")


def duration_frame(
    text: str,
    sentence: tuple[int, int],
    start: int,
    end: int,
    quantity: Quantity,
    *,
    elapsed: bool,
) -> Frame:
    """The frame of the duration text[start:end] inside `sentence`."""
    frame = build(text, sentence, start, end, quantity).frame
    right = tokens(text, end, min(sentence[1], end + 120))[:10]
    left = tokens(text, max(sentence[0], start - 100), start)[-10:]
    thing, predicate = frame.thing, frame.predicate
    if right and right[0].low == "into":
        thing = _head_noun(right[1:6]) or thing
    elif right and right[0].low in ("after", "since"):
        found_thing, found_verb = _after(right[1:8])
        thing, predicate = found_thing or thing, found_verb or predicate
    length_at = _length_verb(left)
    if length_at is not None:  # "the trip is expected to take two hours"
        predicate = _lemma(left[length_at])
        thing = _subject(left[:length_at]) if thing in (None, predicate) else thing
    elif predicate and _activity(predicate, left, right):
        thing = predicate  # "battled the blaze for 15 hours": the length of a battle
    return replace(
        frame,
        thing=thing,
        thing_class=noun_class(thing) if thing != frame.thing else frame.thing_class,
        predicate=predicate,
        predicate_class=_predicate_class(predicate, left + right),
        varying="grows" if elapsed else None,
        move=None,
    )


def _lemma(tok: Tok) -> str:
    verbs = lx.forms(tok.text).get("VERB", ())
    return verbs[0] if verbs else tok.low


def _predicate_class(predicate: str | None, toks: list[Tok]) -> str | None:
    """The class of the act: "lost contact" is a disappearance, "broke out" a start."""
    if predicate is None:
        return None
    for k, tok in enumerate(toks[:-1]):
        if predicate in lx.forms(tok.text).get("VERB", ()):
            found = event_class(f"{predicate} {toks[k + 1].low}")
            if found:
                return found
    return event_class(predicate) or predicate_class(predicate)


def _head_noun(toks: list[Tok]) -> str | None:
    """The first noun of a short phrase ("its nearly 13,000-foot plunge" -> plunge)."""
    while toks and toks[0].low in _DETERMINERS:
        toks = toks[1:]
    found = thing_after(toks)[0]
    if found:
        return found
    for tok in toks:
        forms = lx.forms(tok.text)
        if tok.low in _DETERMINERS or not tok.text[0].isalpha():
            continue
        if "NOUN" in forms and "ADV" not in forms:
            noun = lx.noun(tok.text)
            if noun and noun not in ("foot", "feet", "metre", "meter", "mile"):
                return noun
    return None


def _after(toks: list[Tok]) -> tuple[str | None, str | None]:
    """ "after the dive began" -> (dive, begin); "after it first broke out" -> (None,
    break out): what the span runs from."""
    thing: str | None = None
    for k, tok in enumerate(toks):
        if not tok.text[0].isalpha() or tok.low in _SKIP or tok.low in _PRONOUNS:
            continue
        if tok.low in _DETERMINERS:
            continue
        forms = lx.forms(tok.text)
        if k > 0 and toks[k - 1].low in _DETERMINERS and "NOUN" in forms:
            thing = lx.noun(tok.text)
            continue
        verb = forms["VERB"][0] if "VERB" in forms else None
        if verb and verb not in ("be", "have"):
            nxt = toks[k + 1].low if k + 1 < len(toks) else ""
            return thing, f"{verb} {nxt}" if event_class(f"{verb} {nxt}") else verb
        if "NOUN" in forms:
            thing = lx.noun(tok.text)
    return thing, None


def _length_verb(left: list[Tok]) -> int | None:
    """Where "take" or "last" is right before the duration ("expected to take", "lasted",
    "takes about"): a verb whose object is a length."""
    for k in range(len(left) - 1, max(-1, len(left) - 4), -1):
        if set(lx.forms(left[k].text).get("VERB", ())) & _LENGTH_VERBS:
            return k
        if left[k].low not in ("typically", "usually", "only", "just", "for", "roughly"):
            return None
    return None


def _subject(left: list[Tok]) -> str | None:
    """The noun a length verb is about: "the crossing is expected to", "a strike that"."""
    toks = left[-8:]
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        if not tok.text[0].isalpha():
            return None
        if tok.low in _DETERMINERS or tok.low in _BETWEEN:
            continue
        forms = lx.forms(tok.text)
        if "NOUN" not in forms or tok.text[0].isupper():
            return None
        before = [t.low for t in toks[max(0, k - 2) : k] if t.low not in _DETERMINERS]
        if before and before[-1] in _PREPOSITIONS:
            continue  # "the descent to the wreck is expected": the wreck is not the subject
        return lx.noun(tok.text)
    return None


_PREPOSITIONS = frozenset("to of at in on from into".split())
_BETWEEN = frozenset(
    """expected set scheduled due planned likely to is are was were will would could should
    may might be been has have had typically usually normally that which also still""".split()
)


def _activity(predicate: str, left: list[Tok], right: list[Tok]) -> bool:
    """The verb is the activity a duration is the length of: "battled ... for 15 hours",
    "17 days trapped"; only a verb that is also a noun names the activity."""
    follows = bool(left) and left[-1].low == "for"
    before = bool(right) and lx.verb(right[0].text) == predicate
    return (follows or before) and lx.noun(predicate) == predicate


def is_elapsed(text: str, sentence: tuple[int, int], start: int, end: int, unit: str) -> bool:
    """A span that grows with the publication date: "trapped for 13 days", "17 days after
    the boys went missing", "for the fifth day in a row"."""
    after = text[end : min(sentence[1], end + 80)]
    if _SO_FAR.match(after):
        return True
    if unit not in _DAYS:
        return False
    if _AFTER_STATE.match(after):
        return True
    return bool(_PERFECT.search(text, max(sentence[0], start - 80), start))
