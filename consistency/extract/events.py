"""The event a claim belongs to: who did what in its clause ("Milano tweeted").

Rule-based and cautious: only a verb next to the claim and a subject right before that verb
make an event; anything less gives no event, and claims without one are never compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.extract.context import ArticleContext
from consistency.models import Event
from consistency.text.names import ROLES

IRREGULAR_PAST = {
    "said": "say", "put": "put", "wrote": "write", "told": "tell", "made": "make",
    "took": "take", "gave": "give", "went": "go", "came": "come", "began": "begin",
    "ran": "run", "saw": "see", "got": "get", "left": "leave", "met": "meet", "held": "hold",
    "brought": "bring", "found": "find", "kept": "keep", "led": "lead", "lost": "lose",
    "paid": "pay", "sent": "send", "set": "set", "spent": "spend", "stood": "stand",
    "struck": "strike", "threw": "throw", "won": "win", "broke": "break", "chose": "choose",
    "fell": "fall", "flew": "fly", "grew": "grow", "hit": "hit", "knew": "know",
    "quit": "quit", "rose": "rise", "shot": "shoot", "shut": "shut", "sold": "sell",
    "spoke": "speak", "thought": "think", "woke": "wake", "was": "be", "were": "be",
    "had": "have", "did": "do", "became": "become", "built": "build", "caught": "catch",
    "cut": "cut", "drew": "draw", "drove": "drive", "fought": "fight", "let": "let",
    "sank": "sink", "sat": "sit", "slept": "sleep", "withdrew": "withdraw", "tweeted": "tweet",
    "died": "die", "lied": "lie", "tied": "tie",
}  # fmt: skip
NOT_VERBS = frozenset(
    """morning evening thing nothing something anything everything king ring spring string
    wing during ceiling building meeting wedding evening bring sing sibling darling ping
    red bed need speed seed feed hundred sacred naked wicked beloved shed indeed breed
    greed weed steed creed""".split()
)
# Predicates that describe the same kind of act share a class, so that "tweeted" and
# "put out a call" about the same person line up.
CLASSES = {
    "tweet": "post", "post": "post", "share": "post", "put out": "post", "publish": "post",
    "upload": "post", "caption": "post", "launch": "start", "start": "start", "begin": "start",
    "create": "start", "kick off": "start", "found": "start", "spark": "start",
    "die": "die", "kill": "die", "resign": "resign", "quit": "resign", "step down": "resign",
    "abandon": "abandon", "call off": "abandon", "postpone": "postpone",
}  # fmt: skip
# Being, having and speaking happen again and again: "X said on Monday" and "X said on
# Tuesday" are two events, so they are never compared.
RECURRING = frozenset("be have do get say tell speak talk add explain note comment ask".split())
_PARTICLES = frozenset("out up off down in on away back over".split())
_WORD = re.compile(r"[A-Za-z][\w’'-]*|[,;:()“”\"]")
ORG_WORDS = frozenset(
    """holdings inc ltd llc plc group company co corp corporation council party ministry
    department university college police club bank agency association union foundation
    institute committee commission court trust network media news times post hospital school
    authority church museum airport station stadium fc united city""".split()
)
_DETERMINERS = frozenset("the a an its their his her".split())
_MODALS = frozenset("will would shall should can could may might must ’ll 'll".split())
_TO_VERBS = frozenset(
    """set due expected going plans plan planning intends intend agreed decided vowed promised
    threatened wants want hopes hope""".split()
)
_AUX = frozenset("has have had was were is are been also first then later just reportedly".split())
_FRONT = re.compile(
    r"^(?:on|since|during|by|in|early|late|last|this|from|until|at)?[ ]*$", re.IGNORECASE
)


@dataclass
class _Verb:
    lemma: str
    start: int
    end: int
    text: str


def lemma(word: str) -> str | None:
    """The lemma of a past-tense or -ing verb form, or None for anything else."""
    w = word.lower()
    if w in IRREGULAR_PAST:
        return IRREGULAR_PAST[w]
    if w in NOT_VERBS or len(w) < 5:
        return None
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ed"):
        stem = w[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]  # "stopped"
        silent_e = stem.endswith(("at", "iz", "is", "rv", "lv", "nc", "us", "ch"))
        return stem + "e" if silent_e else stem
    if w.endswith("ing"):
        stem = w[:-3]
        return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return None


def event_for(ctx: ArticleContext, start: int, end: int, *, since: bool = False) -> Event | None:
    """The event of the clause around [start, end), or None when the text does not say."""
    sents = ctx.sentence_index[0]
    sentence = next(((s, e) for s, e in sents if s <= start < e), None)
    if sentence is None:
        return None
    s, e = sentence
    text = ctx.text
    head = text[s:start]
    verb = _verb_before(text, s, start)
    if verb is None and _FRONT.match(head.strip()) and text[end:e].lstrip().startswith(","):
        verb = _verb_after(text, end, e)  # "On Friday, the hashtag was …"
    if verb is None or verb.lemma in RECURRING:
        return None
    subject = _subject(ctx, end if verb.start > end else s, verb.start)
    if subject is None:
        return None
    display, key = subject
    predicate = predicate_key(verb.lemma)
    suffix = "|since" if since else ""
    return Event(
        subject=display, verb=verb.text, predicate=verb.lemma, key=f"{key}|{predicate}{suffix}"
    )


def _stem(word: str) -> str:
    """A spelling-blind stem: "closed", "close" and "closing" all give "clos"."""
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


_CLASS_STEMS = {" ".join(_stem(w) for w in k.split()): v for k, v in CLASSES.items()}


def predicate_key(lemma_: str) -> str:
    """The class of a predicate ("tweet" and "put out" are both "post"), or its stem."""
    stem = " ".join(_stem(w) for w in lemma_.split())
    return _CLASS_STEMS.get(stem, stem)


def _tokens(text: str, s: int, e: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, s, e))


def _verb_before(text: str, s: int, start: int) -> _Verb | None:
    """The nearest verb before the claim within 8 words of the same clause."""
    toks = _tokens(text, s, start)[-9:]
    for k in range(len(toks) - 1, -1, -1):
        word = toks[k].group()
        if word in ',;:()“”"':
            return None
        found, first = lemma(word), k
        if not found and word.islower() and _after_modal([t.group().lower() for t in toks[:k]]):
            found = word  # "will resign", "is set to resign": shown with its auxiliary
            first = k - (2 if toks[k - 1].group().lower() == "to" else 1)
        if found:
            nxt = toks[k + 1].group().lower() if k + 1 < len(toks) else ""
            if nxt in _PARTICLES and predicate_key(f"{found} {nxt}") in CLASSES.values():
                found = f"{found} {nxt}"
            shown = text[toks[max(first, 0)].start() : toks[k].end()]
            return _Verb(found, toks[k].start(), toks[k].end(), shown)
    return None


def _after_modal(before: list[str]) -> bool:
    """The next word is a bare verb: after "will", or after "set to", "plans to" …"""
    if not before:
        return False
    if before[-1] in _MODALS:
        return True
    return len(before) > 1 and before[-1] == "to" and before[-2] in _TO_VERBS


def _verb_after(text: str, end: int, e: int) -> _Verb | None:
    """The first verb of the clause that follows a fronted "On Friday, …"."""
    for tok in _tokens(text, end, e)[:10]:
        found = lemma(tok.group())
        if found and tok.group().lower() not in _AUX - {"was", "were"}:
            return _Verb(found, tok.start(), tok.end(), tok.group())
    return None


_TRAILING = re.compile(
    r"(?:[ ,]+(?:has|have|had|was|were|is|are|be|been|also|first|then|later|just|reportedly"
    r"|will|would|shall|can|could|may|might|must|to|set|due|expected|planning|plans|going)"
    r"|[ ,“]*[#@][\w]+|[ ]*[“”\"])*[ ,]*$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r",[ ]*(?:the|a|an|his|her|their|its)\b[^,]{0,80},[ ]*$", re.IGNORECASE)
# a trailing prepositional phrase is not the subject: "the match between the two clubs"
_PP = re.compile(
    r"(?:[ ]+(?:of|between|from|in|at|on|for|with|near|against|over|after|before)[ ]+"
    r"[^,:;“”\"]*?)+$",
    re.IGNORECASE,
)
_NP = re.compile(
    r"(?:^|(?<=[ ,]))(?:the|a|an|its|their|his|her)[ ]+"
    r"(?:(?!(?:the|a|an|its|their|his|her)[ ])[\w’'-]+[ ]+){0,3}?([a-z][\w-]*)$",
    re.IGNORECASE,
)


def _subject(ctx: ArticleContext, left_start: int, left_end: int) -> tuple[str, str] | None:
    """(as written, alignment key) of the subject that ends right before a verb."""
    left = _APPOSITIVE.sub("", ctx.text[left_start:left_end])  # "Hughes, a nurse at X, spoke"
    left = left[: _TRAILING.search(left).start()]  # type: ignore[union-attr]
    if not left:
        return None
    people = ctx.people
    end = left_start + len(left)
    if re.search(r"\b(?:[Ww]e|[Tt]hey|I|[Yy]ou|[Ii]t)$", left):
        return None  # a subject we do not resolve
    pron = re.search(r"\b([Hh]e|[Ss]he)$", left)
    if pron:
        name = people.antecedent_of(pron.group(1).lower(), end)
        return (name, _person_key(name)) if name else None
    mention = people.mention_ending_at(end)
    if mention is not None:
        name = people.full_name(mention)
        return name, _person_key(name)
    tag = re.search(
        r"[#@]\w+[”\"]?(?:[ ,]+(?:has|have|had|was|were|is|are|been|will|would))*[ ,]*$",
        ctx.text[left_start:left_end],
    )
    plain = _PP.sub("", left.replace("“", " ").replace("”", " ").rstrip())
    np = _NP.search(plain) or re.fullmatch(r"[ ,]*([A-Za-z][\w-]*)", plain)
    if np:
        head = np.group(1).lower()
        if head in ROLES:
            name = people.antecedent_of(head, end)
            return (name, _person_key(name)) if name else None
        key = _np_key(np.group(0))
        if tag:  # "the hashtag #MeToo" and "the hashtag #WomenBoycottTwitter" differ
            key += " " + tag.group().split()[0].strip(' ,”"').lower()
        return np.group(0).strip(), key
    return None


def _person_key(name: str) -> str:
    """People by surname (outlets vary first names and titles); organisations whole."""
    words = name.lower().replace("’", "'").split()
    if len(words) > 1 and words[-1].strip(".") in ORG_WORDS:
        return " ".join(words)
    return words[-1].strip("'")


def _np_key(np: str) -> str:
    """A noun phrase without its determiner: "the hopeful archive" -> "hopeful archive"."""
    words = np.lower().split()
    return " ".join(words[1:] if words[0] in _DETERMINERS else words)
