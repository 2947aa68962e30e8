"""Classes of news nouns and predicates: words that name the same kind of thing or act, so
that two outlets wording one fact differently still meet ("firefighters" and "firemen",
"killed" and "died"). General news vocabulary only; every entry is exercised by a test.

Entries are lemmas (as `text.lemma` gives them); multi-word entries are matched on the
words as written, lower-cased.
"""

from __future__ import annotations

from typing import Literal

NOUN_CLASSES: dict[str, tuple[str, ...]] = {
    # people by what happened to them or what they were doing
    "victim": ("victim", "casualty", "fatality", "death", "body"),
    "injured": ("injured", "wounded", "injury"),
    "passenger": ("passenger", "traveller", "traveler"),
    "crew": ("crew", "crewmember", "crewman", "crew member"),
    "responder": ("firefighter", "fireman", "fire crew", "fire fighter"),
    "police": ("police officer", "policeman", "policewoman", "officer", "police"),
    "child": ("child", "boy", "girl", "kid", "teenager", "youngster", "minor", "pupil"),
    "worker": ("worker", "employee", "staff", "staffer", "job"),
    "resident": ("resident", "inhabitant", "evacuee"),
    "soldier": ("soldier", "troop", "serviceman"),
    "protester": ("protester", "protestor", "demonstrator", "marcher"),
    # where people come from
    "nationality": ("nationality", "country", "nation"),
    # things
    "vessel": ("vessel", "ship", "boat", "craft", "submersible", "submarine", "tanker"),
    "aircraft": ("aircraft", "plane", "jet", "airliner", "flight"),
    "vehicle": ("vehicle", "car", "truck", "lorry", "bus"),
    "home": ("home", "house", "building", "dwelling"),
    "fire": ("fire", "blaze", "inferno", "flame"),
    "trip": (
        "trip",
        "dive",
        "visit",
        "voyage",
        "expedition",
        "journey",
        "mission",
        "descent",
        "ascent",
    ),  # fmt: skip
    # money
    "offer": ("offer", "bid", "proposal"),
    "deal": ("deal", "acquisition", "takeover", "buyout", "purchase", "merger"),
    "pledge": ("pledge", "donation", "gift", "contribution"),
    "fine": ("fine", "penalty", "compensation", "settlement"),
    "revenue": ("revenue", "sale", "turnover"),
    "profit": ("profit", "earnings"),
    "cost": ("cost", "bill", "price tag"),
}

PREDICATE_CLASSES: dict[str, tuple[str, ...]] = {
    "die": ("die", "kill", "perish", "claim", "drown"),
    "injure": ("injure", "hurt", "wound"),
    "rise": ("rise", "jump", "climb", "soar", "surge", "gain", "increase", "grow", "rally"),
    "fall": (
        "fall",
        "drop",
        "slide",
        "plunge",
        "plummet",
        "sink",
        "tumble",
        "decline",
        "slump",
        "lose",
        "shed",
        "dip",
    ),  # fmt: skip
    "respond": (
        "battle",
        "fight",
        "tackle",
        "dispatch",
        "deploy",
        "mobilise",
        "mobilize",
        "rush",
        "respond",
        "send",
    ),  # fmt: skip
    "search": ("search", "scour", "comb", "cover"),
    "rescue": ("rescue", "free", "evacuate", "save", "extract", "pull"),
    "trap": ("trap", "strand", "stick"),
    "wait": ("wait", "queue", "line"),
    "carry": ("carry", "board", "transport", "ferry"),
    "pledge": ("pledge", "donate", "promise", "give", "raise"),
    "pay": ("pay", "spend", "buy", "acquire", "purchase", "value"),
    "arrest": ("arrest", "detain", "hold", "charge"),
    "approve": ("approve", "back", "endorse", "authorise", "authorize", "sanction"),
}

# Acts a date or time places: what happened when. Checked before PREDICATE_CLASSES for the
# event of a temporal claim; multi-word entries are a verb lemma and the word after it.
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "disappear": ("disappear", "vanish", "go missing", "lose contact", "lose touch"),
    "dive": ("dive", "submerge", "descend", "dip"),
    "start": ("begin", "start", "break out", "erupt", "ignite", "launch", "kick off", "open"),
    "extinguish": ("extinguish", "douse"),
    "control": ("control", "contain"),
    "crash": ("crash", "collide", "smash"),
    "strike": ("strike", "hit", "rock", "tear through", "rip through", "slam", "lash"),
    "depart": ("depart", "take off", "set off", "set sail", "leave", "embark"),
    "arrive": ("arrive", "land", "dock"),
    "ground": ("run aground", "go aground", "ground", "wedge"),
    "refloat": ("refloat", "dislodge"),
    "announce": ("announce", "confirm", "unveil", "disclose", "reveal"),
    "agree": ("accept", "agree", "sign", "clinch", "seal"),
    "collapse": ("collapse", "cave in", "give way"),
    "resign": ("resign", "quit", "step down"),
    "abandon": ("abandon", "call off", "scrap", "cancel"),
    "postpone": ("postpone", "delay", "put off"),
    "post": ("tweet", "post", "publish", "upload", "put out"),
}
# Acts whose class depends on what they are done to: a fire is put out (extinguished), a
# call or a statement is put out (posted). Keyed by the noun class of the thing or object;
# "" is every other thing.
OBJECT_SENSES: dict[str, dict[str, str]] = {
    "put out": {"fire": "extinguish", "": "post"},
}
# Verbs of saying: the event of "X said on Monday it had accepted" is the accepting.
REPORTING = frozenset("say tell add state report write note explain speak talk comment".split())

# Predicates whose counts only add up as a story goes on: the people rescued so far.
ACCUMULATING = frozenset({"rescue", "arrest"})

# A move up or down: figures of such claims change by the minute (share prices, indexes),
# so two outlets are compared on the direction of the move, not on its size.
Move = Literal["up", "down"]
MOVES: dict[str, Move] = {"rise": "up", "fall": "down"}
MOVE_WORDS: dict[str, Move] = {"up": "up", "higher": "up", "down": "down", "lower": "down"}

# Counts that keep changing while a story is covered: a later, higher figure is news, not
# a contradiction.
GROWING = frozenset(
    """reply like retweet comment follower view share signature download subscriber vote case
    toll""".split()
)
# Words after a figure that make it what is left of something running out.
REMAINING = frozenset("left remaining more still".split())


def _index(classes: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {word: name for name, words in classes.items() for word in words}


NOUN_CLASS = _index(NOUN_CLASSES)
PREDICATE_CLASS = _index(PREDICATE_CLASSES)
EVENT_CLASS = _index(EVENT_CLASSES)


def noun_class(lemma: str | None) -> str | None:
    """The class of a noun lemma, or None when it has none."""
    return NOUN_CLASS.get(lemma) if lemma else None


def predicate_class(lemma: str | None) -> str | None:
    """The class of a predicate lemma, or None when it has none."""
    return PREDICATE_CLASS.get(lemma) if lemma else None


def event_class(lemma: str | None) -> str | None:
    """The class of an event predicate (a temporal claim's act), or None."""
    if not lemma:
        return None
    return EVENT_CLASS.get(lemma) or PREDICATE_CLASS.get(lemma)
