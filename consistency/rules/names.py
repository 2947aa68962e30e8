"""Names: one person or organisation spelled two ways across articles."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz.distance import JaroWinkler, Levenshtein

from consistency.models import Finding, Kind, NameClaim, Severity
from consistency.rules.base import Example, Rule, evidence
from consistency.text.names import fold_name, number_variant
from consistency.text.tokens import fold

NAME_SPELLING = Rule(
    code="E101",
    name="name-spelling-differs",
    kind=Kind.entity_spelling,
    severity=Severity.warning,
    summary="One person or organisation is spelled differently across outlets.",
    doc=(
        "Flags a name that differs between articles in exactly one word, where the two "
        "spellings are a few letters apart (“Rose McGowen” against “Rose McGowan”, “Rosa” "
        "against “Rose”), naming the minority spelling, the majority spelling and how many "
        "outlets use each. A middle name or a title more or less is not a spelling "
        "difference, and names whose differing words are far apart (“Anna Paquin”, “Anna "
        "Wintour”) are different people. Why: a misspelled name is the error readers notice "
        "first, and it spreads when copied."
    ),
    message=(
        "{minority} in {odd} ({minority_count} outlet{minority_s}) is spelled {majority} in "
        "{reference} ({majority_count} outlet{majority_s})"
    ),
    flags=(
        Example(
            (
                "Actress Rose McGowan spoke at the rally in the city centre.",
                "Actress Rose McGowan led the march through the city centre.",
                "Actress Rose McGowen joined the protest in the city centre.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "Actress Anna Paquin spoke at the rally in the city centre.",
                "Editor Anna Wintour spoke at the gala in the city centre.",
            ),
        ),
    ),
)


def spelling_variant(x: str, y: str) -> bool:
    x, y = x.lower(), y.lower()
    if min(len(x), len(y)) < 4 or x[0] != y[0]:
        return False
    return Levenshtein.distance(x, y) <= 2 and JaroWinkler.similarity(x, y) >= 0.85


def _misspelt(x: str, y: str, *, last: bool, group: bool) -> bool:
    """Is name word x a misspelling of name word y? Case and diacritics are typography, not
    spelling, and are not reported at all, not even as information: dropping accents
    ("Nunez" for "Nuñez") is the house style of many outlets and of ASCII-only systems, and a
    majority vote would name the person's own accented spelling as the odd one. The last word
    of a team, unit or body may take the plural or not ("the Wild Boar team", "the Wild
    Boars"); a person's surname may not ("Roberts" is not "Robert")."""
    fx, fy = fold(x), fold(y)
    if fx == fy:
        return False
    if last and group and number_variant(fx, fy):
        return False
    return spelling_variant(fx, fy)


def _group_name(claim: NameClaim) -> bool:
    """A name written after "the" ("members of the Wild Boars") names a team, unit or body:
    nobody writes "the Peter Roberts" for a person."""
    return (
        re.search(rf"\bthe\s+{re.escape(claim.name)}\b", claim.context, re.IGNORECASE) is not None
    )


def check_names(claims: list[NameClaim], paths: dict[str, str]) -> list[Finding]:
    """E101: names that differ in one word by a spelling variant, across articles."""
    articles: dict[str, set[str]] = defaultdict(set)
    first: dict[tuple[str, str], NameClaim] = {}
    names_in: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        articles[c.name].add(c.article)
        first.setdefault((c.name, c.article), c)
        names_in[c.article].add(c.name)
        roles[c.name].update(c.roles)
    groups = {c.name for c in claims if _group_name(c)}
    blocks: dict[tuple[int, int, tuple[str, ...]], set[str]] = defaultdict(set)
    for name in articles:  # names differing in word i share the key with word i masked
        words = fold_name(name).split()
        for i in range(len(words)):
            blocks[(len(words), i, (*words[:i], *words[i + 1 :]))].add(name)
    findings = []
    seen: set[frozenset[str]] = set()
    for (size, i, _), names in blocks.items():
        last = i == size - 1
        ordered = sorted(names, key=lambda n: (-len(articles[n]), n))
        for major in ordered:
            for minor in ordered:
                pair = frozenset((major, minor))
                if major == minor or pair in seen:
                    continue
                group = bool(pair & groups)
                if not _misspelt(major.split()[i], minor.split()[i], last=last, group=group):
                    continue
                if articles[major] & articles[minor]:
                    continue  # one article spelling both ways may mean two people
                if not _same_context(major, minor, articles, names_in, roles):
                    continue
                if len(articles[major]) <= len(articles[minor]):
                    continue  # no majority spelling, or the other way round
                seen.add(pair)
                findings.append(_name_finding(major, minor, articles, first, paths))
    return findings


def _same_context(
    a: str,
    b: str,
    articles: dict[str, set[str]],
    names_in: dict[str, set[str]],
    roles: dict[str, set[str]],
) -> bool:
    """Two spellings belong to one person when their articles name the same other people,
    or the same roles are written beside them; articles naming nobody else cannot tell.
    "Olga Brennan" and "Oleg Brennan" in stories that share no one are two people."""
    around_a = set().union(*(names_in[x] for x in articles[a])) - {a, b}
    around_b = set().union(*(names_in[x] for x in articles[b])) - {a, b}
    if around_a & around_b or roles[a] & roles[b]:
        return True
    return not (around_a and around_b)


def _name_finding(
    major: str,
    minor: str,
    articles: dict[str, set[str]],
    first: dict[tuple[str, str], NameClaim],
    paths: dict[str, str],
) -> Finding:
    odd, ref = sorted(articles[minor]), sorted(articles[major])
    claims = [evidence(first[(minor, a)], "odd", paths) for a in odd]
    claims += [evidence(first[(major, a)], "majority", paths) for a in ref]
    args: dict[str, str | int | list[str]] = {
        "minority": f"“{minor}”",
        "majority": f"“{major}”",
        "odd": odd,
        "reference": ref,
        "minority_count": len(odd),
        "majority_count": len(ref),
        "minority_s": "" if len(odd) == 1 else "s",
        "majority_s": "" if len(ref) == 1 else "s",
    }
    return NAME_SPELLING.finding(
        severity=NAME_SPELLING.severity,
        args=args,
        claims=claims,
        odd=odd,
        majority=ref,
        values=[minor, major],
    )
