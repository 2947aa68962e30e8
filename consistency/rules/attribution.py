"""Attribution: one quotation credited to different people."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from consistency.align import ClaimGroup
from consistency.models import Finding, Kind, QuoteClaim, Severity, Speaker
from consistency.rules.base import Example, Rule, verdict_evidence
from consistency.rules.names import spelling_variant
from consistency.rules.vote import Relation, decide_variants
from consistency.text.names import ROLES, STOPWORDS, TITLES, fold_name

ATTRIBUTION = Rule(
    code="A101",
    name="quote-attributed-differently",
    kind=Kind.attribution,
    severity=Severity.error,
    summary="The same quotation is attributed to different people by different outlets.",
    doc=(
        "Flags a quotation that articles agree on (the same statement, aligned as for Q101) "
        "but credit to different people, with each outlet's speaker as evidence. Speakers are "
        "resolved within each article first: a pronoun or a role (“the coach”) becomes the "
        "person it refers to, so a role in one outlet and the name in another agree. An "
        "outlet that names nobody is no disagreement. A speaker the article does not name "
        "(“a Harbour Navy official”) is compared by its description: it disagrees with a "
        "speaker described by other role and body words, and is no disagreement when either "
        "description is bare (“an official”). Why: words in the wrong mouth are worse than a "
        "misquote."
    ),
    message=(
        "Quote credited to {odd_speaker} in {odd}, but to {reference_speaker} in "
        "{reference}{verdict}"
    ),
    flags=(
        Example(
            (
                'Coach Ines Barros said: "We were beaten by a better team on the night."',
                'Coach Ines Barros said: "We were beaten by a better team on the night."',
                'Club president Tom Okafor said: "We were beaten by a better team on the night."',
            ),
        ),
    ),
    passes=(
        Example(
            (
                'Coach Ines Barros said: "We were beaten by a better team on the night."',
                '"We were beaten by a better team on the night," the coach, Barros, said.',
                'One fan said the players knew "we were beaten by a better team on the night".',
            ),
        ),
    ),
)


def same_person(a: str, b: str) -> bool:
    """Speakers named in two articles: the same surname (or a spelling of it), and no
    contradicting first names."""
    wa, wb = fold_name(a).split(), fold_name(b).split()
    if not wa or not wb:
        return False
    if not (wa[-1] == wb[-1] or spelling_variant(wa[-1], wb[-1])):
        return False
    if len(wa) > 1 and len(wb) > 1:
        return wa[0] == wb[0] or spelling_variant(wa[0], wb[0])
    return True


def check_attribution(groups: list[ClaimGroup], paths: dict[str, str]) -> list[Finding]:
    """A101 over aligned quotations: the same statement credited to different people."""
    findings = []
    mentions = _mentions(groups)
    for group in groups:
        credited = [c for v in group.variants for c in v.claims if c.speaker is not None]
        by_speaker: dict[str, list[QuoteClaim]] = defaultdict(list)
        for claim in credited:
            assert claim.speaker is not None
            by_speaker[_key(claim.speaker)].append(claim)
        variants = list(by_speaker.values())
        for v in decide_variants(variants, _relation(by_speaker, mentions)):
            odd, ref = variants[v.odd][0], variants[v.reference][0]
            assert odd.speaker is not None and ref.speaker is not None
            odd_name, ref_name = _shown(odd.speaker, mentions), _shown(ref.speaker, mentions)
            args: dict[str, str | int | list[str]] = {
                "odd_speaker": odd_name,
                "reference_speaker": ref_name,
            }
            findings.append(
                ATTRIBUTION.verdict_finding(
                    v,
                    severity=ATTRIBUTION.severity,
                    args=args,
                    claims=verdict_evidence(variants, v, paths),
                    values=[odd.words, odd_name, ref_name],
                )
            )
    return findings


def _key(speaker: Speaker) -> str:
    """Claims credited alike: the same name, or for an unnamed speaker the same words."""
    return speaker.name or "~" + " ".join(_words(speaker.mention))


def _shown(speaker: Speaker, mentions: Mentions) -> str:
    """How a message names a speaker: the form of the name most articles use ("Arpakorn
    Yookongkaew" over a one-off "Apakorn Yookongkaew"), or an unnamed speaker's words."""
    if not speaker.name:
        return speaker.mention
    forms: Counter[str] = Counter()
    for _article, name in mentions:
        if name and same_person(name, speaker.name):
            forms[name] += 1
    if not forms:
        return speaker.name
    return max(forms, key=lambda name: (forms[name], name == speaker.name, len(name)))


Mentions = dict[tuple[str, str], set[str]]


def _relation(
    by_speaker: dict[str, list[QuoteClaim]], mentions: Mentions
) -> Callable[[QuoteClaim, QuoteClaim], Relation | None]:
    """Two speakers of one quotation agree when they are one person, or when one is a body
    the other spoke for; a speaker the article does not name is compared by description."""

    def relation(a: QuoteClaim, b: QuoteClaim) -> Relation | None:
        assert a.speaker is not None and b.speaker is not None
        if not a.speaker.name or not b.speaker.name:
            return _compare_descriptions(a.speaker, b.speaker, mentions)
        if same_person(a.speaker.name, b.speaker.name):
            return "agree"
        va, vb = by_speaker[_key(a.speaker)], by_speaker[_key(b.speaker)]
        if _speaks_for(va, vb, mentions) or _speaks_for(vb, va, mentions):
            return "agree"
        return "conflict"

    return relation


def _mentions(groups: list[ClaimGroup]) -> Mentions:
    """How each article names and describes each of its speakers at its quotations."""
    out: Mentions = defaultdict(set)
    for group in groups:
        for claim in (c for v in group.variants for c in v.claims):
            if claim.speaker is not None:
                out[(claim.article, claim.speaker.name)].add(claim.speaker.mention)
    return out


def _speaks_for(person: list[QuoteClaim], body: list[QuoteClaim], mentions: Mentions) -> bool:
    """A quotation credited to a body in one outlet ("the Harbour Police said") and to a
    person in another is consistent when the person's outlet describes them, at one of its
    quotations, as of that body ("said Ana Cruz, the Harbour Police chief"): they spoke for
    it. A body is a name written after "the" (nobody writes "the Ana Cruz"), or one the
    description names in full ("Graham Pike, chief executive of Bluewater Lines")."""
    bodies = {
        (c.speaker.name, bool(re.match(r"the\s", c.speaker.mention, re.IGNORECASE)))
        for c in body
        if c.speaker is not None and c.speaker.name and c.speaker.via == "explicit"
    }
    described = {
        (c.speaker.name, m)
        for c in person
        if c.speaker
        for m in mentions[(c.article, c.speaker.name)]
    }
    return any(
        _names_body(m, name, b) if the else _names_in_full(m, name, b)
        for name, m in described
        for b, the in bodies
    )


def _names_in_full(description: str, person: str, body: str) -> bool:
    """Does a description of a person hold every word of the body's name, in order?"""
    own = set(fold_name(person).split())
    words = [w for w in re.findall(r"\w+", fold_name(description)) if w not in own]
    name = re.findall(r"\w+", fold_name(body))
    n = len(name)
    return bool(name) and any(words[i : i + n] == name for i in range(len(words) - n + 1))


def _names_body(description: str, person: str, body: str) -> bool:
    """Does a description of a person name the body, apart from the person's own name? Two
    words in a row of the body's name are enough ("Coast Guard" in "the First Coast Guard
    District commander" for "US Coast Guard"), or its one word."""
    own = set(fold_name(person).split())
    words = [w for w in re.findall(r"\w+", fold_name(description)) if w not in own]
    name = re.findall(r"\w+", fold_name(body))
    need = min(2, len(name))
    runs = {tuple(name[i : i + need]) for i in range(len(name) - need + 1)}
    return any(tuple(words[i : i + need]) in runs for i in range(len(words) - need + 1))


_DETERMINERS = frozenset("the a an his her its their".split())


def _words(text: str) -> list[str]:
    """The folded words of a description, without determiners and possessive endings."""
    words = re.findall(r"[\w-]+(?:[’'][\w]+)?", text)
    out = [re.sub(r"[’']s$", "", w) for w in words]
    return [fold_name(w) for w in out if w.lower() not in _DETERMINERS]


Description = tuple[set[str], set[str]]


def _description(speaker: Speaker, mentions: Mentions) -> Description | None:
    """What the outlets say a speaker is: the capitalised words that qualify them (a body,
    a place: "Harbour Police", "Kelby") and their role words; None when they say neither."""
    if speaker.name:
        names = {n for _a, n in mentions if n and same_person(n, speaker.name)}
        texts = [m for (_a, n), ms in mentions.items() if n in names for m in ms]
        own = {w for n in names | {speaker.name} for w in fold_name(n).split()}
    else:
        texts, own = [speaker.mention], set()
    qualifiers: set[str] = set()
    roles: set[str] = set()
    for text in texts:
        for raw in re.findall(r"[\w-]+(?:[’'][\w]+)?", text):
            word = re.sub(r"[’']s$", "", raw)
            low = word.lower()
            if low in ROLES:
                roles.add(low)
            elif word[:1].isupper() and low not in STOPWORDS and low not in TITLES:
                folded = fold_name(word)
                if folded not in own and low not in _DETERMINERS:
                    qualifiers.add(folded)
    return (qualifiers, roles) if qualifiers or roles else None


def _compare_descriptions(a: Speaker, b: Speaker, mentions: Mentions) -> Relation | None:
    """A speaker an outlet does not name against another: the same when their descriptions
    share a qualifier (or a role, one of them unqualified); different people when both are
    qualified and they share neither ("a Thai navy official" against "the Kelby deputy
    governor"); unknown otherwise ("an official")."""
    da, db = _description(a, mentions), _description(b, mentions)
    if da is None or db is None:
        return None
    (qa, ra), (qb, rb) = da, db
    if qa & qb or (ra & rb and not (qa and qb)):
        return "agree"
    if qa and qb and not ra & rb:
        return "conflict"
    return None
