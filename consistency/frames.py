"""The alignment core every frame-based family shares: block, score, cluster.

Two articles rarely word one fact the same way, so claims meet by the similarity of their
frames, as in cross-document event coreference: same kind of thing, same kind of act, a
compatible holder, similar context. Claims are blocked on cheap keys (a claim is scored
only against claims sharing one), each candidate pair is scored once with its reasons, and
pairs at or above a threshold are joined into groups. A family supplies the frame of its
claims, its block keys and its hard constraints; the scoring here names no family.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from typing import Generic, Protocol, TypeVar

from consistency.models import Frame


class _Claim(Protocol):
    @property
    def article(self) -> str: ...

    @property
    def id(self) -> str: ...


C = TypeVar("C", bound=_Claim)
Interval = tuple[float, float | None]  # a value as low and high (None: unbounded)


@dataclass(frozen=True)
class Weights:
    """What each matching slot adds to a pair's score (and what a mismatch takes away)."""

    same_thing: float = 0.45
    same_thing_class: float = 0.4
    same_predicate: float = 0.3
    same_predicate_class: float = 0.25
    other_predicate: float = -0.2
    both_moves: float = 0.2
    same_holder: float = 0.3
    one_holder: float = -0.15
    one_thing: float = -0.15
    context: float = 0.5


@dataclass
class Match:
    """Why two claims were taken as the same fact: the score and the slots that matched."""

    score: float
    reasons: list[str]


@dataclass
class Aligned(Generic[C]):
    """Claims judged to be about one fact, with the scored pairs that tie them."""

    claims: list[C]
    pairs: dict[tuple[int, int], Match] = field(default_factory=dict)

    def match(self, i: int, j: int) -> Match | None:
        """The match between claims i and j, if they were aligned directly."""
        return self.pairs.get((i, j)) or self.pairs.get((j, i))


class Rarity:
    """How telling a context word is within one story: inverse article frequency."""

    def __init__(self, claims: Iterable[C], words: Callable[[C], Iterable[str]]) -> None:
        seen: dict[str, set[str]] = defaultdict(set)
        articles: set[str] = set()
        for claim in claims:
            articles.add(claim.article)
            for word in words(claim):
                seen[word].add(claim.article)
        self.n = max(len(articles), 1)
        self.df = {w: len(a) for w, a in seen.items()}
        # log((n + 1) / (df + 0.5)) of each word, worked out once: pairs ask for them often
        self.weights = {w: math.log((self.n + 1) / (df + 0.5)) for w, df in self.df.items()}
        self.unseen = math.log((self.n + 1) / 0.5)  # df 0
        self._bags: dict[int, tuple[Frame, set[str], float]] = {}

    def bag(self, frame: Frame) -> tuple[set[str], float]:
        """The frame's context words as a set, and their weights added up in its order;
        worked out once per frame (kept with it, so its id stays its own): a frame is
        scored against many."""
        found = self._bags.get(id(frame))
        if found is None:
            words = set(frame.words)
            found = self._bags[id(frame)] = (frame, words, self.total(words))
        return found[1], found[2]

    def __call__(self, word: str) -> float:
        """log((n + 1) / (df + 0.5)): a word in every article still weighs a little."""
        return self.weights.get(word, self.unseen)

    def total(self, words: Iterable[str]) -> float:
        """The weights of `words` added up in their order."""
        return sum(map(self.weights.get, words, repeat(self.unseen)))


def score(
    a: Frame,
    b: Frame,
    rarity: Rarity,
    *,
    ambiguous: bool = False,
    w: Weights = Weights(),
) -> Match | None:
    """How alike two frames are, with the reasons; None when they cannot be the same fact
    (different things, different holders, one looking ahead). `ambiguous`: one of the
    articles gives its thing several different values, so the thing alone counts half."""
    if a.future != b.future or a.era != b.era:
        return None
    reasons: list[str] = []
    total = 0.0
    if a.thing and b.thing:
        factor = 0.5 if ambiguous else 1.0
        if a.thing == b.thing:
            total += w.same_thing * factor
            reasons.append(f"same thing ({a.thing})")
        elif a.thing_class and a.thing_class == b.thing_class:
            total += w.same_thing_class * factor
            reasons.append(f"{a.thing} ~ {b.thing} ({a.thing_class})")
        else:
            return None
    elif a.thing or b.thing:
        total += w.one_thing
    if a.holder and b.holder:
        if a.holder != b.holder:
            return None
        total += w.same_holder
        reasons.append(f"same holder ({a.holder})")
    elif a.holder or b.holder:
        total += w.one_holder
    total += _predicate(a, b, w, reasons)
    shared, overlap = _context(a, b, rarity)
    if overlap > 0:
        total += w.context * overlap
        reasons.append("shared words: " + ", ".join(shared[:5]))
    return Match(round(total, 3), reasons)


def _predicate(a: Frame, b: Frame, w: Weights, reasons: list[str]) -> float:
    if a.move and b.move:
        reasons.append("both a move")
        return w.both_moves
    if a.varying and a.varying == b.varying and a.predicate != b.predicate:
        return 0.0  # "the toll stood at 12", "rose to 31": the verb says how it moved
    if not (a.predicate and b.predicate):
        return 0.0
    if a.predicate == b.predicate:
        reasons.append(f"same verb ({a.predicate})")
        return w.same_predicate
    if a.predicate_class and a.predicate_class == b.predicate_class:
        reasons.append(f"{a.predicate} ~ {b.predicate} ({a.predicate_class})")
        return w.same_predicate_class
    return w.other_predicate


def _context(a: Frame, b: Frame, rarity: Rarity) -> tuple[list[str], float]:
    """Shared context words, rarest first, and their weighted overlap in [0, 1] (a cosine
    over rarity-weighted word sets)."""
    (wa, total_a), (wb, total_b) = rarity.bag(a), rarity.bag(b)
    shared = sorted(wa & wb, key=lambda x: (-rarity(x), x))
    if not shared:
        return [], 0.0
    norm = math.sqrt(total_a * total_b)
    return shared, (rarity.total(shared) / norm) if norm else 0.0


def align(
    claims: Sequence[C],
    *,
    frame: Callable[[C], Frame],
    blocks: Callable[[C], Iterable[Hashable]],
    value: Callable[[C], Interval] = lambda c: (0.0, 0.0),
    kind: Callable[[C], Hashable] = lambda c: None,
    compatible: Callable[[C, C], bool] = lambda a, b: True,
    threshold: float = 0.6,
    weights: Weights = Weights(),
    max_block: int = 400,
) -> list[Aligned[C]]:
    """Groups of claims from two or more articles that are about one fact.

    A pair is scored only when the claims share a block key and come from different
    articles; a block larger than `max_block` is too common to tell anything and is
    skipped, so the work stays near linear in the number of claims. A thing of one `kind`
    (such as a dimension) that one article gives several `value`s (twelve boys trapped,
    four boys rescued) ties figures
    across articles only with the help of other slots."""
    rarity = Rarity(claims, lambda c: frame(c).words)
    ambiguous = _ambiguous(claims, frame, value, kind)
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for key in set(blocks(claim)):
            postings[key].append(index)
    parent = list(range(len(claims)))
    accepted: dict[tuple[int, int], Match] = {}
    scored: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > max_block:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in scored or claims[i].article == claims[j].article:
                    continue
                scored.add((i, j))
                if not compatible(claims[i], claims[j]):
                    continue
                found = score(
                    frame(claims[i]),
                    frame(claims[j]),
                    rarity,
                    ambiguous=i in ambiguous or j in ambiguous,
                    w=weights,
                )
                if found is not None and found.score >= threshold:
                    accepted[(i, j)] = found
                    union(parent, i, j)
    return _groups(claims, parent, accepted)


def _ambiguous(
    claims: Sequence[C],
    frame: Callable[[C], Frame],
    value: Callable[[C], Interval],
    kind: Callable[[C], Hashable],
) -> set[int]:
    """Claims whose thing alone cannot tell which quantity they are: their own article
    gives the thing more than one value, or the story gives it more than three values that
    cannot agree (tugs at work on four different days, boys trapped and boys rescued)."""
    in_article: dict[tuple[str, Hashable], list[Interval]] = defaultdict(list)
    in_story: dict[Hashable, list[Interval]] = defaultdict(list)
    for claim in claims:
        f = frame(claim)
        if f.thing:
            key = (kind(claim), f.thing_class or f.thing)
            in_article[(claim.article, key)].append(value(claim))
            in_story[key].append(value(claim))
    crowded = {key for key, values in in_story.items() if _clusters(values) > 3}
    out = set()
    for index, claim in enumerate(claims):
        f = frame(claim)
        if f.thing:
            key = (kind(claim), f.thing_class or f.thing)
            if key in crowded or _clusters(in_article[(claim.article, key)]) > 1:
                out.add(index)
    return out


def overlap(a: Interval, b: Interval) -> bool:
    """Two values as intervals (None: unbounded above) share a point, give or take a
    rounding error."""
    a_high = math.inf if a[1] is None else a[1]
    b_high = math.inf if b[1] is None else b[1]
    return a[0] <= b_high + 1e-9 and b[0] <= a_high + 1e-9


def _clusters(values: list[Interval]) -> int:
    """How many groups of mutually overlapping intervals (merged in order of their start)."""
    count, reach = 0, -math.inf
    for low, high in sorted(values, key=lambda v: v[0]):
        if low > reach:
            count += 1
        reach = max(reach, math.inf if high is None else high)
    return count


def settled(claims: Sequence[C], frame: Callable[[C], Frame], year: int | None) -> dict[str, Frame]:
    """Frames by claim id, with the era cleared where it is the story's own: a year no
    more than one before `year` (the story's publication year; unknown: the latest year
    its claims name). What is left marks figures of earlier events ("the 1960 tsunami
    killed 61"), which never align with the story's own."""
    eras = [e for c in claims if (e := frame(c).era) is not None]
    reference = year if year is not None else max(eras, default=None)
    out = {}
    for c in claims:
        f = frame(c)
        if f.era is not None and (reference is None or f.era >= reference - 1):
            f = replace(f, era=None)
        out[c.id] = f
    return out


def find(parent: list[int], i: int) -> int:
    """The root of i in a union-find forest (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def union(parent: list[int], i: int, j: int) -> None:
    """Join the sets of i and j; the smaller index stays the root."""
    ri, rj = find(parent, i), find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def _groups(
    claims: Sequence[C], parent: list[int], accepted: dict[tuple[int, int], Match]
) -> list[Aligned[C]]:
    by_root: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in accepted:
        by_root[find(parent, i)].append((i, j))
    out = []
    for root in sorted(by_root):
        indexes = sorted({k for pair in by_root[root] for k in pair})
        local = {g: k for k, g in enumerate(indexes)}
        pairs = {(local[i], local[j]): accepted[(i, j)] for i, j in by_root[root]}
        out.append(Aligned([claims[i] for i in indexes], pairs))
    return out
