"""The engine most rules share: aligned variants disagree; who is the odd one out?

A conflict between variants i and j is decided by the other variants of the group: one that
agrees with i and conflicts with j votes for i. A side wins when it has strictly more
articles than the other and at least two; the losing side is the odd source out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from consistency.frames import Aligned, Match

Relation = Literal["agree", "conflict"]
MAX_VARIANTS = 60


@dataclass
class Verdict:
    """One conflict, decided or not."""

    odd: int  # the variant that differs (with no majority: one side of the pair)
    reference: int  # the variant it is compared against
    odd_articles: list[str]
    reference_articles: list[str]
    majority: bool  # True when `reference` is backed by a majority
    voters: list[int]  # other variants that agree with the reference

    def summary(self) -> str:
        """ "; 001 is the odd one out" when there is a majority, else nothing."""
        if not self.majority:
            return ""
        names = self.odd_articles
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is the odd one out" if len(names) == 1 else "are the odd ones out"
        return f"; {listed} {verb}"


def decide(
    n: int,
    articles: Callable[[int], list[str]],
    relation: Callable[[int, int], Relation | None],
) -> list[Verdict]:
    """Verdicts for every conflict among n variants, one per odd variant. `relation` must
    be a function of its two variants alone: each pair is asked once (deciding asks for a
    pair up to n times)."""
    known: dict[tuple[int, int], Relation | None] = {}

    def related(i: int, j: int) -> Relation | None:
        if (i, j) not in known:
            known[(i, j)] = relation(i, j)
        return known[(i, j)]

    verdicts: list[Verdict] = []
    seen_odd: set[int] = set()
    seen_pairs: set[frozenset[int]] = set()
    conflicts = [(i, j) for i in range(n) for j in range(i + 1, n) if related(i, j) == "conflict"]
    scored = []
    for i, j in conflicts:
        side_i, voters_i = _side(i, j, n, articles, related)
        side_j, voters_j = _side(j, i, n, articles, related)
        both = side_i & side_j  # an article quoting both versions backs neither
        side_i, side_j = side_i - both, side_j - both
        scored.append((i, j, side_i, side_j, voters_i, voters_j))
    # strongest majorities first, so each odd variant is reported against its best reference
    scored.sort(key=lambda s: -abs(len(s[2]) - len(s[3])))
    for i, j, side_i, side_j, voters_i, voters_j in scored:
        if not side_i or not side_j:
            continue  # every article on one side also backs the other: no source disagrees
        if len(side_i) != len(side_j) and max(len(side_i), len(side_j)) >= 2:
            ref, odd = (i, j) if len(side_i) > len(side_j) else (j, i)
            if odd in seen_odd:
                continue
            seen_odd.add(odd)
            voters = voters_i if ref == i else voters_j
            ref_side, odd_side = (side_i, side_j) if ref == i else (side_j, side_i)
            verdicts.append(Verdict(odd, ref, sorted(odd_side), sorted(ref_side), True, voters))
        elif frozenset((i, j)) not in seen_pairs and i not in seen_odd and j not in seen_odd:
            seen_pairs.add(frozenset((i, j)))
            verdicts.append(Verdict(j, i, sorted(side_j), sorted(side_i), False, voters_i))
    return verdicts


def _side(
    i: int,
    j: int,
    n: int,
    articles: Callable[[int], list[str]],
    relation: Callable[[int, int], Relation | None],
) -> tuple[set[str], list[int]]:
    """Articles backing variant i against variant j, and the variants that vote for i."""
    side = set(articles(i))
    voters = []
    for k in range(n):
        if k in (i, j):
            continue
        if relation(k, i) == "agree" and relation(k, j) == "conflict":
            side.update(articles(k))
            voters.append(k)
    return side, voters


class _FromArticle(Protocol):
    @property
    def article(self) -> str: ...

    @property
    def id(self) -> str: ...


C = TypeVar("C", bound=_FromArticle)


def decide_variants(
    variants: Sequence[Sequence[C]], relation: Callable[[C, C], Relation | None]
) -> list[Verdict]:
    """Verdicts over variants that are lists of claims saying the same thing; the first
    claim of each variant stands for it. Deciding costs the cube of the number of variants;
    a group with more than MAX_VARIANTS distinct values has mixed unrelated events (a key
    too generic for the corpus) and is left alone."""
    if len(variants) > MAX_VARIANTS:
        return []

    def articles(i: int) -> list[str]:
        return sorted({c.article for c in variants[i]})

    def related(i: int, j: int) -> Relation | None:
        return relation(variants[i][0], variants[j][0])

    return decide(len(variants), articles, related)


K = TypeVar("K", bound=_FromArticle)


def decide_aligned(
    group: Aligned[K],
    key: Callable[[K], Hashable],
    relation: Callable[[K, K], Relation | None],
) -> tuple[list[list[K]], list[tuple[Verdict, Match | None]]]:
    """Verdicts over one aligned group: claims with the same `key` form a variant, and two
    variants are related through their best-scored directly aligned pair of claims (never
    through claims the group only chained together). Returns the variants and each verdict
    with the match that tied its two sides."""
    by_value: dict[Hashable, list[int]] = {}
    for index, claim in enumerate(group.claims):
        by_value.setdefault(key(claim), []).append(index)
    members = list(by_value.values())
    if len(members) > MAX_VARIANTS:
        return [], []
    variants = [[group.claims[i] for i in m] for m in members]
    best: dict[tuple[int, int], tuple[int, int] | None] = {}

    def pair(i: int, j: int) -> tuple[int, int] | None:
        if (i, j) not in best:  # deciding asks for each pair of variants many times
            best[(i, j)] = _best_pair(group, members[i], members[j])
        return best[(i, j)]

    def related(i: int, j: int) -> Relation | None:
        found = pair(i, j)
        return None if found is None else relation(*(group.claims[k] for k in found))

    def articles(i: int) -> list[str]:
        return sorted({c.article for c in variants[i]})

    out = []
    for verdict in decide(len(variants), articles, related):
        found = pair(verdict.odd, verdict.reference)
        out.append((verdict, group.match(*found) if found else None))
    return variants, out


def _best_pair(group: Aligned[K], left: list[int], right: list[int]) -> tuple[int, int] | None:
    """The best-scored aligned pair between two variants, if any pair was aligned."""
    best: tuple[float, tuple[int, int]] | None = None
    for i in left:
        for j in right:
            m = group.match(i, j)
            if m is not None and (best is None or m.score > best[0]):
                best = (m.score, (i, j))
    return best[1] if best else None
