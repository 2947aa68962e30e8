"""The subject of a clause: who or what acts right before a verb ("Hughes, a nurse at X,
spoke": Hughes; "he" resolved to the person it stands for; "the hopeful archive").

Rule-based and cautious: a name the article introduces, a pronoun or role word with a clear
antecedent, or a noun phrase with its determiner; anything else gives no subject.
"""

from __future__ import annotations

import re

from consistency.extract.context import ArticleContext
from consistency.text.names import ROLES

ORG_WORDS = frozenset(
    """holdings inc ltd llc plc group company co corp corporation council party ministry
    department university college police club bank agency association union foundation
    institute committee commission court trust network media news times post hospital school
    authority church museum airport station stadium fc united city""".split()
)
_DETERMINERS = frozenset("the a an its their his her".split())
SUBJECT_REACH = 200  # characters before a verb that may hold its subject
# Words, hashtags and quote marks trailing a subject: "Milano has also", "#MeToo”". Read as
# runs of quote marks (each after spaces only) then an auxiliary after spaces and commas or a
# hashtag after spaces, commas and opening marks: one way only to read each piece, at most 20
# words or hashtags and six commas or marks before a hashtag, and no start inside a run of
# spaces and marks or after a comma the match could have included. A search from every start
# of a long run would cost its square, and ambiguous pieces an exponential (issue 16).
_AUXILIARY = (
    r"(?:has|have|had|was|were|is|are|be|been|also|first|then|later|just|reportedly"
    r"|will|would|shall|can|could|may|might|must|to|set|due|expected|planning|plans|going)"
)
_MARKS = r"(?:[ ]*+[“”\"])*+"
_TRAILING = re.compile(
    r"(?<![ “”\"])(?:(?<!,)|(?=[ ]*+[“”\"]))"
    rf"(?:{_MARKS}(?:[ ,]++{_AUXILIARY}(?!\w)|(?:[ ]*+[,“]){{0,6}}+[ ]*+[#@]\w++)){{0,20}}+"
    rf"{_MARKS}[ ,]*+$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r",[ ]*(?:the|a|an|his|her|their|its)\b[^,]{0,80},[ ]*$", re.IGNORECASE)
# a trailing prepositional phrase is not the subject: "the match between the two clubs";
# from the first preposition after the last comma or quote mark to the end, in one piece
# (it is read in at most SUBJECT_REACH characters)
_PP = re.compile(
    r"(?<![ ])[ ]++(?:of|between|from|in|at|on|for|with|near|against|over|after|before)[ ]++"
    rf"[^,:;“”\"]{{0,{SUBJECT_REACH}}}?$",
    re.IGNORECASE,
)
_NP = re.compile(
    r"(?:^|(?<=[ ,]))(?:the|a|an|its|their|his|her)[ ]+"
    r"(?:(?!(?:the|a|an|its|their|his|her)[ ])[\w’'-]+[ ]+){0,3}?([a-z][\w-]*)$",
    re.IGNORECASE,
)


_UNRESOLVED = re.compile(r"\b(?:[Ww]e|[Tt]hey|I|[Yy]ou|[Ii]t)$")
_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he)$")


def subject_before(ctx: ArticleContext, left_start: int, left_end: int) -> tuple[str, str] | None:
    """(as written, key) of the subject that ends right before a verb at `left_end`. Only
    the last SUBJECT_REACH characters are read: the patterns below are anchored at the end
    and would cost the square of a longer stretch (a sentence that never ends)."""
    left_start = max(left_start, left_end - SUBJECT_REACH)
    left = _APPOSITIVE.sub("", ctx.text[left_start:left_end])  # "Hughes, a nurse at X, spoke"
    left = left[: _TRAILING.search(left).start()]  # type: ignore[union-attr]
    if not left:
        return None
    people = ctx.people
    end = left_start + len(left)
    if _UNRESOLVED.search(left):
        return None  # a subject we do not resolve
    pron = _PRONOUN.search(left)
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
