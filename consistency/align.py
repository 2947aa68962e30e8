"""Group quotations across articles: the same statement, whole or in part.

Identical wordings collapse into one variant first; variants are then blocked by shared
word 3-grams (skipping the ones made only of function words and the very common ones), so
each variant is compared with a handful of candidates, never with every other one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler

from consistency.frames import find as _find
from consistency.frames import union as _union
from consistency.models import QuoteClaim
from consistency.text.diff import Comparison, compare
from consistency.text.tokens import FUNCTION_WORDS, GAP, fold
from consistency.text.variants import as_digits


@dataclass
class Variant:
    """One wording of a statement and every claim that quotes it that way."""

    tokens: tuple[str, ...]
    claims: list[QuoteClaim] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        """Articles using this wording, sorted."""
        return sorted({c.article for c in self.claims})


@dataclass
class ClaimGroup:
    """Variants of one statement and the comparisons that tie them together."""

    variants: list[Variant]
    comparisons: dict[tuple[int, int], Comparison | None]

    def comparison(self, i: int, j: int) -> Comparison | None:
        """Variant i (as `a`) against variant j (as `b`); None when they are not the same
        statement. Pairs blocking did not pair are compared on demand in small groups."""
        if (i, j) not in self.comparisons and (j, i) not in self.comparisons:
            if len(self.variants) > MAX_FULL_GROUP:
                return None
            c = compare(list(self.variants[i].tokens), list(self.variants[j].tokens))
            self.comparisons[(i, j)] = c if accept(self.variants[i], self.variants[j], c) else None
        if (j, i) in self.comparisons:
            back = self.comparisons[(j, i)]
            return back.swapped() if back is not None else None
        return self.comparisons[(i, j)]


STRONG_MATCH, STRONG_MATCH_WORDS = 0.9, 8  # for variants credited to different people
SAME_SPEAKER, SAME_SPEAKER_CONTENT = 0.5, 5  # a reworded remark of one named speaker
NEAR_NAME = 0.92  # Jaro-Winkler similarity of two spellings of one name word
SHORT_QUOTE = 8  # words: a quotation this short is a candidate on one shared 3-gram
MAX_FULL_GROUP = 60  # larger groups compare only the pairs blocking proposed


def _shingles(tokens: tuple[str, ...], n: int = 3) -> set[tuple[str, ...]]:
    out = set()
    for k in range(len(tokens) - n + 1):
        gram = tokens[k : k + n]
        if GAP not in gram and not all(t in FUNCTION_WORDS for t in gram):
            out.add(gram)
    return out


def align_quotes(
    claims: list[QuoteClaim], *, max_posting: int = 1000, max_candidates: int = 50
) -> list[ClaimGroup]:
    """Groups of variants of one statement quoted by at least two articles (one wording
    shared by several articles is a group too: its speakers may still differ)."""
    by_key: dict[tuple[str, ...], Variant] = {}
    for claim in claims:
        if claim.term or claim.depth:
            continue
        key = tuple(claim.words.split())
        by_key.setdefault(key, Variant(key)).claims.append(claim)
    variants = list(by_key.values())
    shingles = [_shingles(tuple(as_digits(list(v.tokens)))) for v in variants]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, grams in enumerate(shingles):
        for gram in grams:
            postings[gram].append(index)
    parent = list(range(len(variants)))
    accepted: dict[tuple[int, int], Comparison] = {}
    for i, grams in enumerate(shingles):
        shared: Counter[int] = Counter()
        for gram in grams:
            posting = postings[gram]
            if len(posting) <= max_posting:
                shared.update(j for j in posting if j > i)
        for j, count in shared.most_common(max_candidates):
            short = min(len(variants[i].tokens), len(variants[j].tokens)) <= SHORT_QUOTE
            need = min(1 if short else 2, len(grams), len(shingles[j]))
            if count < need or _same_single_article(variants[i], variants[j]):
                continue
            comparison = compare(list(variants[i].tokens), list(variants[j].tokens))
            if accept(variants[i], variants[j], comparison):
                accepted[(i, j)] = comparison
                _union(parent, i, j)
    return _groups(variants, parent, accepted)


def accept(a: Variant, b: Variant, c: Comparison) -> bool:
    """Two variants are the same statement: similar enough, and when both name speakers who
    share no name, similar beyond doubt (a stock phrase in two mouths is no misquote)."""
    speakers_a, speakers_b = _speaker_words(a), _speaker_words(b)
    if not c.same_statement:
        # one speaker, most of the words and several of them telling: the same remark
        # reworded (a translation, a paraphrase inside quotation marks)
        named = bool(speakers_a and speakers_b and _share_a_name(speakers_a, speakers_b))
        return named and c.similarity >= SAME_SPEAKER and c.content >= SAME_SPEAKER_CONTENT
    if speakers_a and speakers_b and not _share_a_name(speakers_a, speakers_b):
        return c.matched >= STRONG_MATCH_WORDS and c.similarity >= STRONG_MATCH
    return True


def _speaker_words(v: Variant) -> set[str]:
    return {w for c in v.claims if c.speaker for w in fold(c.speaker.name).split() if len(w) > 2}


def _share_a_name(a: set[str], b: set[str]) -> bool:
    """Speakers share a name word, spelled alike or near enough ("Berdowsky" and "Peter
    Berdowski"): which of two spellings is right is the names rule's business."""
    return bool(a & b) or any(JaroWinkler.similarity(x, y) >= NEAR_NAME for x in a for y in b)


def _same_single_article(a: Variant, b: Variant) -> bool:
    arts = {c.article for c in a.claims} | {c.article for c in b.claims}
    return len(arts) == 1


def _groups(
    variants: list[Variant], parent: list[int], accepted: dict[tuple[int, int], Comparison]
) -> list[ClaimGroup]:
    """Connected variants as groups, each with its own comparisons (one pass over each)."""
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(variants)):
        members[_find(parent, index)].append(index)
    pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in accepted:
        pairs[_find(parent, i)].append((i, j))
    groups = []
    for root, indexes in members.items():
        if len(indexes) < 2 and len(variants[indexes[0]].articles) < 2:
            continue  # one wording in one article: nothing to compare
        local = {g: k for k, g in enumerate(indexes)}
        comparisons: dict[tuple[int, int], Comparison | None] = {
            (local[i], local[j]): accepted[(i, j)] for i, j in pairs[root]
        }
        groups.append(ClaimGroup([variants[i] for i in indexes], comparisons))
    return groups
