"""Attribution: one quotation credited to different people."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from consistency.align import ClaimGroup
from consistency.models import Finding, Kind, QuoteClaim, Severity
from consistency.rules.base import Example, Rule, verdict_evidence
from consistency.rules.names import spelling_variant
from consistency.rules.vote import Relation, decide_variants
from consistency.text.names import fold_name

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
        "outlet that names nobody is no disagreement. Why: words in the wrong mouth are worse "
        "than a misquote."
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
            by_speaker[claim.speaker.name].append(claim)
        variants = list(by_speaker.values())
        for v in decide_variants(variants, _relation(by_speaker, mentions)):
            odd, ref = variants[v.odd][0], variants[v.reference][0]
            assert odd.speaker is not None and ref.speaker is not None
            args: dict[str, str | int | list[str]] = {
                "odd_speaker": odd.speaker.name,
                "reference_speaker": ref.speaker.name,
            }
            findings.append(
                ATTRIBUTION.verdict_finding(
                    v,
                    severity=ATTRIBUTION.severity,
                    args=args,
                    claims=verdict_evidence(variants, v, paths),
                    values=[odd.words, odd.speaker.name, ref.speaker.name],
                )
            )
    return findings


Mentions = dict[tuple[str, str], set[str]]


def _relation(
    by_speaker: dict[str, list[QuoteClaim]], mentions: Mentions
) -> Callable[[QuoteClaim, QuoteClaim], Relation]:
    """Two speakers of one quotation agree when they are one person, or when one is a body
    the other spoke for."""

    def relation(a: QuoteClaim, b: QuoteClaim) -> Relation:
        assert a.speaker is not None and b.speaker is not None
        if same_person(a.speaker.name, b.speaker.name):
            return "agree"
        va, vb = by_speaker[a.speaker.name], by_speaker[b.speaker.name]
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
    it. A body is a name written after "the"; nobody writes "the Ana Cruz"."""
    bodies = {
        c.speaker.name
        for c in body
        if c.speaker is not None
        and c.speaker.via == "explicit"
        and re.match(r"the\s", c.speaker.mention, re.IGNORECASE)
    }
    if not bodies:
        return False
    described = {
        (c.speaker.name, m)
        for c in person
        if c.speaker
        for m in mentions[(c.article, c.speaker.name)]
    }
    return any(_names_body(m, name, b) for name, m in described for b in bodies)


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
