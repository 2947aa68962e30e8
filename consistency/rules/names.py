"""Names: one person or organisation spelled two ways across articles."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from rapidfuzz.distance import JaroWinkler, Levenshtein

from consistency.models import Finding, Kind, NameClaim, Severity
from consistency.rules.base import Example, Rule, evidence
from consistency.text.spelling import Words, align, name_words, typo_variant, windows
from consistency.text.tokens import fold

NAME_SPELLING = Rule(
    code="E101",
    name="name-spelling-differs",
    kind=Kind.entity_spelling,
    severity=Severity.warning,
    summary="One person or organisation is spelled differently across outlets.",
    doc=(
        "Flags a name spelled two ways across articles: one word respelled while the rest "
        "agree (“Rose McGowen” against “Rose McGowan”; a letter dropped or doubled, a first "
        "name respelled, a long romanised surname losing letters), every word a letter off "
        "(“Norsk Shiping” against “Norske Shipping Ltd”), or a surname written alone that is a "
        "letter off the one the same article gave in full (“Ellen Marsh … Marsch said”). "
        "Titles, descriptors and middle names around a name are matched past (“Navy diver "
        "Ana Cruz” is “Ana Cruz”). A warning when a clear majority (twice as many outlets, "
        "at least two) spells it the other way; information only when outlets split (two "
        "against three, one against one): that is often two romanisations, and nothing tells "
        "which is right. Harmless, never reported: case, accents, hyphens, company "
        "designators (Ltd, Inc), a middle name or title more or less, and a plural on a "
        "team or body (“Wild Boar”, “the Wild Boars”) but not on a person's surname "
        "(“Peter Robert”). Names whose differing words are far apart (“Anna Paquin”, “Anna "
        "Wintour”), family members (“Tom Okafor”, “Grace Okafor”), and two spellings in one "
        "article are different people. Why: a misspelled name is the error readers notice "
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
    """Two name words a letter or two apart, with the same initial (case ignored)."""
    x, y = x.lower(), y.lower()
    if min(len(x), len(y)) < 4 or x[0] != y[0]:
        return False
    return Levenshtein.distance(x, y) <= 2 and JaroWinkler.similarity(x, y) >= 0.85


@dataclass
class _Index:
    """A story's names: where each spelling (a name, or a head or tail of it) is written."""

    holders: dict[Words, dict[str, NameClaim]] = field(default_factory=lambda: defaultdict(dict))
    names_in: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    groups: set[str] = field(default_factory=set)
    words: dict[str, Words] = field(default_factory=dict)

    def add(self, claim: NameClaim) -> None:
        """Index one claim of two words or more under every head and tail of its name."""
        words = self.words.setdefault(claim.name, name_words(claim.name))
        self.articles[claim.name].add(claim.article)
        self.names_in[claim.article].add(claim.name)
        self.roles[claim.name].update(claim.roles)
        if _group_name(claim):
            self.groups.add(claim.name)
        for window in windows(words):
            self.holders[window].setdefault(claim.article, claim)

    def count(self, window: Words) -> int:
        """How many articles write this spelling."""
        return len(self.holders.get(window, {}))


def _group_name(claim: NameClaim) -> bool:
    """A name written after "the" ("members of the Wild Boars") names a team, unit or body:
    nobody writes "the Peter Roberts" for a person. An ASCII name is compared after each
    "the" found by one pattern, not by a pattern made for it (compiling one per name was
    most of the cost), unless the text holds a letter that matches an ASCII letter when
    case is ignored but does not lower-case to it."""
    name, context = claim.name, claim.context
    odd = not context.isascii() and _ODD_CASE.search(context) is not None
    if not name.isascii() or name[:1].isspace() or odd:
        found = re.search(rf"\bthe\s+{re.escape(name)}\b", context, re.IGNORECASE)
        return found is not None
    low = name.lower()
    for the in _THE.finditer(context):
        end = the.end() + len(name)
        if context[the.end() : end].lower() == low and _edge(context, end):
            return True
    return False


_THE = re.compile(r"\bthe\s+", re.IGNORECASE)
_ODD_CASE = re.compile("[\u0130\u0131\u017f]")  # İ and ı match i, ſ matches s


def _edge(text: str, end: int) -> bool:
    """Whether `\\b` holds at `end` after a non-empty match (ASCII text)."""
    before = text[end - 1].isalnum() or text[end - 1] == "_"
    after = end < len(text) and (text[end].isalnum() or text[end] == "_")
    return before != after


def _blocks(index: _Index) -> dict[tuple[str, str], set[str]]:
    """Names that may be spellings of each other share a key: a word of a two-word stretch
    with the other masked, or the stretch's initial letters; never all pairs."""
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, words in index.words.items():
        for x, y in pairwise(words):
            for key in ((x, "*"), ("*", y), (x[:2], y[:2])):
                blocks[key].add(name)
    return blocks


def _candidates(index: _Index) -> dict[Words, tuple[Words, str, str]]:
    """Each minority spelling with its best-attested other spelling (and the two names
    that showed them to be one name)."""
    best: dict[Words, tuple[Words, str, str]] = {}
    seen: set[frozenset[str]] = set()
    for names in _blocks(index).values():
        for a, b in combinations(sorted(names), 2):
            if frozenset((a, b)) in seen:
                continue
            seen.add(frozenset((a, b)))
            group = a in index.groups or b in index.groups
            pair = align(index.words[a], index.words[b], group=group)
            if pair is None or not _same_context(a, b, index):
                continue
            if index.holders[pair[0]].keys() & index.holders[pair[1]].keys():
                continue  # one article spelling both ways may mean two people
            minor, major = sorted(pair, key=lambda w: _weight(w, index))
            if minor not in best or _weight(major, index) > _weight(best[minor][0], index):
                best[minor] = (major, a, b)
    return best


def _weight(window: Words, index: _Index) -> tuple[int, int, Words]:
    """The better-attested spelling: more outlets; on a tie the longer (a letter is more
    often dropped than added)."""
    return index.count(window), len("".join(window)), window


def _severity(odd: int, majority: int) -> Severity:
    """A clear majority (twice as many outlets, at least two) against the odd spelling: a
    warning. Outlets splitting between two spellings (two against three, or one against
    one) cannot tell which is right: information only, often two romanisations."""
    if majority >= max(2, 2 * odd):
        return NAME_SPELLING.severity
    return Severity.info


def _surname_alone(claims: list[NameClaim], index: _Index) -> list[tuple[NameClaim, Words]]:
    """A surname written alone ("Kanan said") that respells the surname of a person the
    same article named in full, and is no name word in the story: with that person."""
    known = {w for words in index.words.values() for w in words}
    out = []
    for c in claims:
        word = fold(c.name)
        if len(c.name.split()) != 1 or word in known:
            continue
        for name in sorted(index.names_in[c.article]):
            words = index.words[name]
            if len(words) >= 2 and typo_variant(word, words[-1]):
                out.append((c, words[-2:]))
                break
    return out


def check_names(claims: list[NameClaim], paths: dict[str, str]) -> list[Finding]:
    """E101: names spelled two ways across articles, or a surname respelled alone."""
    index = _Index()
    for c in claims:
        if len(c.name.split()) >= 2 and len(name_words(c.name)) >= 2:
            index.add(c)
    findings = []
    for minor, (major, _, _) in sorted(_candidates(index).items()):
        odd, ref = index.holders[minor], index.holders[major]
        severity = _severity(len(odd), len(ref))
        findings.append(
            _name_finding(odd, ref, spellings=(minor, major), severity=severity, paths=paths)
        )
    for claim, major in _surname_alone(claims, index):
        odd = {claim.article: claim}
        spellings = (name_words(claim.name), major)
        findings.append(
            _name_finding(
                odd,
                index.holders[major],
                spellings=spellings,
                severity=NAME_SPELLING.severity,
                paths=paths,
            )
        )
    return findings


def _same_context(a: str, b: str, index: _Index) -> bool:
    """Two spellings belong to one person when their articles name the same other people,
    or the same roles are written beside them; articles naming nobody else cannot tell.
    "Olga Brennan" and "Oleg Brennan" in stories that share no one are two people."""
    around_a = set().union(*(index.names_in[x] for x in index.articles[a])) - {a, b}
    around_b = set().union(*(index.names_in[x] for x in index.articles[b])) - {a, b}
    if around_a & around_b or index.roles[a] & index.roles[b]:
        return True
    return not (around_a and around_b)


def _shown(claim: NameClaim, window: Words) -> str:
    """The stretch of the claim's name that is `window`, as the article writes it."""
    words, folded = claim.name.split(), name_words(claim.name)
    for i in range(len(folded) - len(window) + 1):
        if folded[i : i + len(window)] == window:
            return " ".join(words[i : i + len(window)])
    return claim.name


def _name_finding(
    odd_claims: dict[str, NameClaim],
    ref_claims: dict[str, NameClaim],
    *,
    spellings: tuple[Words, Words],
    severity: Severity,
    paths: dict[str, str],
) -> Finding:
    """One finding: the minority spelling's articles against the majority's."""
    odd, ref = sorted(odd_claims), sorted(ref_claims)
    minor = _shown(odd_claims[odd[0]], spellings[0])
    major = _shown(ref_claims[ref[0]], spellings[1])
    claims = [evidence(odd_claims[a], "odd", paths) for a in odd]
    claims += [evidence(ref_claims[a], "majority", paths) for a in ref]
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
        severity=severity,
        args=args,
        claims=claims,
        odd=odd,
        majority=ref,
        values=[minor, major],
    )
