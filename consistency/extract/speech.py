"""How news text reports speech: reporting verbs, role phrases, appositives that describe a
speaker, and the words around them. Patterns only; attribution.py applies them."""

from __future__ import annotations

import re

from consistency.text.names import ROLES

_VERB_STEMS = """say said says saying write wrote writes writing tweet tweeted tweets tweeting
post posted posts tell told tells add added adds ask asked asks explain explained explains
explaining state stated states declare declared declares insist insisted insists claim
claimed claims argue argued argues note noted notes reply replied replies respond responded
responds continue continued continues reveal revealed reveals admit admitted admits recall
recalled recalls warn warned warns urge urged urges comment commented comments announce
announced announces confirm confirmed confirms acknowledge acknowledged concede conceded
suggest suggested suggests stress stressed stresses emphasise emphasised emphasize
emphasized plead pleaded joke joked quip quipped exclaim exclaimed whisper whispered shout
shouted answer answered caption captioned message messaged text texted promise promised
promises vow vowed vows pledge pledged pledges""".split()
VERB = r"(?:" + "|".join(sorted(set(_VERB_STEMS), key=len, reverse=True)) + r")"
_NAME = r"[A-Z][\w’'.-]*(?:[ ]+(?:(?:de|van|von|der|da|bin|al|la|le)[ ]+)?[A-Z][\w’'.-]*){0,4}"
DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
# "the coach", "the company's founder and chief executive": one person with two roles; "the
# mayor and the governor" (a second determiner) is two people and is no role phrase
ROLE_NP = (
    rf"{DET}[ ]+(?:[\w’'-]+[ ]+){{0,3}}?[\w-]+"
    rf"(?:[ ]+and[ ]+(?!{DET}\b)(?:[\w’'-]+[ ]+){{0,3}}?[\w-]+)?"
)
# "Twitter's", "Chiang Rai's": an owner in place of a determiner
_OWNER = r"[A-Z][\w.-]*(?:[ ]+[A-Z][\w.-]*){0,3}[’']s"
_OWNED_ROLE = rf"{_OWNER}[ ]+(?:[\w’'-]+[ ]+){{0,3}}?[\w-]+"
# "fire chief Daniel Okafor", "Kelby deputy governor Ana Ruiz": role words written before a
# name, without a determiner
_RNAME = rf"(?:[A-Z][\w’'.-]*[ ]+){{0,3}}(?:[a-z][\w’'-]*[ ]+){{1,3}}{_NAME}"
_SUBJ = rf"(?:(?P<pron>[Hh]e|[Ss]he)\b|(?P<role>{ROLE_NP})|(?P<rname>{_RNAME})|(?P<name>{_NAME}))"
# what may come between a quotation's closing mark and its attribution: ",", " — "; possessive,
# as what follows starts with a word
_LEAD = r"[ ]*+[,;:\u2014\u2013-]?[ ]*+"
_ADV = r"(?:(?:also|later|then|previously|once|recently|earlier|simply|had|has|\w+ly)[ ]+){0,2}"
AFTER = re.compile(
    rf"^{_LEAD}(?:{_SUBJ}[ ]+{_ADV}(?P<verb>{VERB})\b"
    rf"|(?P<verb2>{VERB})[ ]+(?:{_SUBJ.replace('?P<', '?P<i')}))"
)
# "…," the coach, Ines Barros, told reporters: the name in the appositive is the speaker
AFTER_APPOSITIVE = re.compile(
    rf"^{_LEAD}(?P<desc>{ROLE_NP}|{_OWNED_ROLE})[ ]*,[ ]*(?P<name>{_NAME})"
    rf"[ ]*,[ ]+{_ADV}{VERB}\b"
)
# "…," Graham Pike, chief executive of Bluewater Lines, said: a role appositive after the name
AFTER_NAME_APPOSITIVE = re.compile(
    rf"^{_LEAD}(?P<name>{_NAME})[ ]*,[ ]*(?P<desc>[^,;:\n\"“”]{{1,80}}?)"
    rf"[ ]*,[ ]+{_ADV}{VERB}\b"
)
# "said the coach, Ines Barros", "said the Tesla mogul, Elon Musk": the name after a comma
# These are matched where a word ends; the lookbehinds keep a search over a run of spaces
# from starting again at each of its spaces (a square of the run).
APPOSED_NAME = re.compile(rf"(?<![ ])(?:[ ]++[\w’'-]++){{0,3}}?[ ]*+,[ ]*+(?P<name>{_NAME})")
MORE_WORDS = re.compile(r"(?:(?<![ ])[ ]++[\w’'-]++){0,3}")
VERB_RE = re.compile(rf"\b{VERB}\b")
# Adverbs and auxiliaries between a speaker and the verb: "Hughes, who had previously said".
# One way only to read each word ("publicly" is \w+ly, not listed apart), at most eight of
# them, and no start inside a run of spaces or after a comma the match could have begun at:
# a search from each word of a long run of them would cost its square (issue 16).
_TAIL_WORD = r"(?:also|has|have|had|later|then|once|earlier|first|who|which|\w+ly)"
TAIL_WORDS = re.compile(rf"(?:,|(?<![ ,]))[ ]++{_TAIL_WORD}(?:,?[ ]++{_TAIL_WORD}){{0,7}}[ ]*+$")
APPOSITIVE = re.compile(r",[ ]*(?:the|a|an|his|her|their|its)\b[^,]{0,80},$")
ANY_APPOSITIVE = re.compile(r",[ ]*([^,]{1,80}),$")
RELATIVE = re.compile(r",[ ]*(?:who|whose|whom|which)\b[^,;:]{0,120},$")  # "X, whose … , said"
ACCORDING = re.compile(r"\baccording to[ ]+(?P<who>[^,;:]{1,60}?)[ ,]*$", re.IGNORECASE)
# what follows a speaker's name and describes it: ", the First Harbour District commander"
DESCRIPTION = re.compile(r"(?<![ ])[ ]*+,[ ]*((?:[^,;:!?\"“”\n.]|\.(?=\S)){1,80})")
# role words between a capitalised phrase and the name: "said Harbour Police chief Ana Cruz"
ROLE_BRIDGE = re.compile(r"(?<![ ])[ ]++((?:[a-z][\w.-]*+[ ]++){1,3})(?=[A-Z])")
# (a word is at most 60 characters: a start after each hyphen of "a-a-a-…" reads on)
CAPITALISED_BEFORE = re.compile(r"(?:(?<![\w’'])[\w.’'-]{1,60}[ ]){1,6}$")
# what may follow a speaker's name to the end of its sentence: ", told reporters at the site."
TAIL_SENTENCE = re.compile(r"^[^\"“”‘’«»\n]{0,80}[.!?][ ]*$")
# a closing mark a few words after a quotation, with no opening mark: the quoted words went on
STRAY_CLOSE = re.compile(r"[^\"“”«»\n]{1,80}?[”\"]")
CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though|however|yet)\b|;")
MAX_GAP_WORDS = 25


# words that qualify a role without being one ("deputy governor", "acting Gov."); general
# news vocabulary
MODIFIERS = frozenset(
    "acting deputy former interim vice assistant senior junior associate principal lead "
    "fire police navy army state county city regional provincial local district press "
    "foreign interior defence defense health transport".split()
)
# first words of an appositive that is no description of the speaker
_NOT_DESCRIPTION = frozenset(
    "who whom whose which that when where while as and but or in on at after before "
    "according adding saying noting referring speaking".split()
)


def describes(words: str) -> bool:
    """Is an appositive a description of a person ("the Harbour Police chief", "chief
    executive of Bluewater Lines", "Twitter’s independent board chair")?"""
    tokens = [w.lower().rstrip(".") for w in re.findall(r"[\w’'.-]+", words)]
    if not tokens or tokens[0] in _NOT_DESCRIPTION or tokens[0].endswith("ing"):
        return False
    return tokens[0] in ("the", "a", "an", "his", "her", "its", "their") or any(
        t in ROLES for t in tokens
    )


def role_words(words: list[str]) -> bool:
    """Lowercase words before a name that make a role ("fire chief", "deputy governor")."""
    low = [w.lower().rstrip(".") for w in words]
    return any(w in ROLES for w in low) and all(
        w in ROLES or w in MODIFIERS or w.isalpha() for w in low
    )


# a short attribution between two quotations: quotes.py joins them into one quotation
# (the same pattern as its own; the continuation rule leaves these to it)
# (each of the five words read whole: a full stop ending the text is the closing mark)
INTERRUPTION = re.compile(
    rf"^{_LEAD}(?:[\w’'.-]++[ ]++){{1,5}}?{VERB}\b[^“”\"\n]{{0,60}}?[,.:;][ ]*+$"
    rf"|^{_LEAD}{VERB}[ ]++(?:(?:[\w’'-]|\.(?![ ]*+$))++[ ]*+){{1,5}}[,.:;][ ]*+$"
)
