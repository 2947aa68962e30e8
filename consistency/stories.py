"""Articles into stories: claims are compared only between articles about the same event.

Each article is reduced to counted *features*: the names it uses (capitalised words not at
the start of a sentence; they keep their capital), hashtags, figures of three or more
digits, and content words of five letters or more. Two articles are linked when the
TF-IDF cosine of their features reaches `THRESHOLD`; a story is a connected component of
those links.

No all-pairs comparison: the similarity of an article is accumulated through an inverted
index (feature -> articles), and only features held by at most `COMMON_DF` articles take
part, so each article touches the handful of others that share its rarer words. The same
breadth-first walk groups a whole corpus or finds only the stories of a few articles in a
large one (`group` given those articles, as `consistency ci` does on the SQLite index).

A front matter `story:` key overrides the grouping for its article. Unlabelled articles are
grouped among themselves; a group whose links to labelled articles all point to one label
joins that story.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from consistency.storyfeatures import COMMON_DF, FeatureSource

THRESHOLD = 0.1  # cosine above which two articles are taken to tell the same story
SMALL_STORY = 2  # a story this small may join the story it is weakly linked to, several times
WEAK = 0.05  # cosine of a weak link
MIN_WEAK_LINKS = 3  # weak links, to distinct articles of one story, that make it the same
MIN_CORPUS = 50  # IDF as if the corpus had at least this many articles: a name in all five
# articles of a small corpus still ties them together


class _Graph:
    """Links between articles, computed on demand and cached."""

    def __init__(self, source: FeatureSource, *, threshold: float = THRESHOLD) -> None:
        self.source = source
        self.threshold = threshold
        self.n = max(source.size(), 1)
        # the least weight of a feature that weighs: held by at most COMMON_DF articles
        self.least_idf = math.log((max(self.n, MIN_CORPUS) + 1) / min(COMMON_DF, self.n))
        self._idf: dict[str, float] = {}
        self._norm: dict[str, float] = {}
        self._links: dict[str, list[tuple[str, float]]] = {}  # worked out ahead (`link_all`)

    def link_all(self, articles: Sequence[str], jobs: int) -> None:
        """Work out the links of all of `articles` (every article of the source, sorted) at
        once, each pair's similarity once (`consistency.storyjoin`), on `jobs` forked
        processes when a process can be forked: grouping a whole check walks them all."""
        from consistency.storyjoin import Join

        self._links.update(Join(self, articles).links(jobs))

    def idf(self, feature: str) -> float:
        """IDF weight, 0 for common features; smoothed so small corpora still weigh."""
        value = self._idf.get(feature)
        if value is None:
            df = self.source.df(feature)
            value = (
                0.0 if df == 0 or df > COMMON_DF else math.log((max(self.n, MIN_CORPUS) + 1) / df)
            )
            self._idf[feature] = value
        return value

    def norm(self, article: str) -> float:
        """Euclidean norm of the article's weighted feature vector."""
        value = self._norm.get(article)
        if value is None:
            known, idf, table, tabled = self._idf, self.idf, _TF, len(_TF)
            total = 0.0  # (as `sum` adds: in order, from zero; _tf and the cache inline)
            for f, c in self.source.features(article).items():
                weight = known.get(f)
                if weight is None:
                    weight = idf(f)
                total += (table[c] if c < tabled else 1.0 + math.log(c)) ** 2 * weight**2
            value = math.sqrt(total)
            self._norm[article] = value
        return value

    def neighbours(self, article: str, floor: float | None = None) -> list[tuple[str, float]]:
        """Articles similar enough to `article` (at least `floor`, the link threshold by
        default), with their similarity."""
        if floor is None and article in self._links:
            return self._links[article]
        # dot: the dot product with each article sharing a weighed feature; shared: the
        # squared norm of that article's shared part, a lower bound of its whole norm
        dot: dict[str, float] = defaultdict(float)
        shared: dict[str, float] = defaultdict(float)
        idf_of, postings, table, tabled = self.idf, self.source.postings, _TF, len(_TF)
        for f, count in self.source.features(article).items():
            idf = idf_of(f)
            if idf:
                mine = _tf(count) * idf * idf
                for other, theirs in postings(f):  # (_tf inline: the innermost loop)
                    weight = table[theirs] if theirs < tabled else 1.0 + math.log(theirs)
                    dot[other] += mine * weight
                    shared[other] += (weight * idf) ** 2
        dot.pop(article, None)
        mine = self.norm(article)
        least = self.threshold if floor is None else floor
        # The similarity is at most value / (mine * bound), the bound of the other's norm
        # being the norm of its shared part or, when the source counts the features of
        # each article that weigh (`rare_counts`), the least weight times the root of their
        # number (each weighs that much at least, with a term frequency of at least 1),
        # whichever is larger. An article that cannot reach `least` even so is passed over
        # without reading all its features, with a margin for rounding; the others'
        # features are read at once. (Compared squared: there are millions of candidates.)
        scale, counts = (least * mine * _MARGIN) ** 2, self.source.rare_counts()
        if counts:
            least_square = self.least_idf**2
            close = [
                o
                for o, value in dot.items()
                if value * value >= scale * max(shared[o], counts.get(o, 0) * least_square)
            ]
        else:
            close = [o for o, value in dot.items() if value * value >= scale * shared[o]]
        self.source.read_ahead([o for o in close if o not in self._norm])
        out = []
        for other in close:
            value = dot[other]
            sim = value / (mine * self.norm(other) or 1.0)
            if sim >= least:
                out.append((other, sim))
        return sorted(out)


def _tf(count: int) -> float:
    """Sublinear term frequency: a name used five times weighs more than one used once."""
    return _TF[count] if count < len(_TF) else 1.0 + math.log(count)


_MARGIN = 1 - 1e-9  # a bound is only trusted this far: float sums round
_TF = [0.0] + [1.0 + math.log(count) for count in range(1, 64)]  # the usual counts, once


def _component(graph: _Graph, seed: str) -> tuple[set[str], set[str]]:
    """The unlabelled articles linked to unlabelled `seed` (walking only through unlabelled
    ones), and the labels of the labelled articles they touch."""
    members, labels, todo = {seed}, set[str](), [seed]
    while todo:
        article = todo.pop()
        for other, _sim in graph.neighbours(article):
            label = graph.source.label(other)
            if label is not None:
                labels.add(label)
            elif other not in members:
                members.add(other)
                todo.append(other)
    return members, labels


def _labelled_story(graph: _Graph, label: str) -> set[str]:
    """A labelled story: its labelled articles and the unlabelled groups linked only to it."""
    members = set(graph.source.labelled(label))
    for article in sorted(members):
        for other, _sim in graph.neighbours(article):
            if other not in members and graph.source.label(other) is None:
                group, labels = _component(graph, other)
                if labels == {label}:
                    members |= group
    return members


def _story(graph: _Graph, seed: str) -> tuple[str, set[str]]:
    """The story holding `seed`: its id and its articles."""
    label = graph.source.label(seed)
    if label is None:
        members, labels = _component(graph, seed)
        if len(labels) != 1:
            return _name(graph, members), members
        label = next(iter(labels))
    return label, _labelled_story(graph, label)


def _name(graph: _Graph, members: Collection[str]) -> str:
    """A readable story id from its most telling features (shared ones first)."""
    present: dict[str, int] = {}
    uses: dict[str, int] = {}
    known, idf = graph._idf, graph.idf  # (the cache read first: every feature of every member)
    for m in members:
        for f, count in graph.source.features(m).items():
            weight = known.get(f)
            if (weight if weight is not None else idf(f)) and not f.isdigit():
                present[f] = present.get(f, 0) + 1
                uses[f] = uses.get(f, 0) + count
    ranked = heapq.nsmallest(2, present, key=lambda f: (-present[f], f[0].islower(), -uses[f], f))
    words = [re.sub(r"\W+", "", f).lower() for f in ranked]
    return "-".join(w for w in words if w) or "story"


def _stories(graph: _Graph, seeds: Iterable[str]) -> dict[str, list[str]]:
    """Story id -> sorted articles, for the stories holding `seeds`; computed ids are made
    unique with a numeric suffix."""
    assigned: set[str] = set()
    out: dict[str, list[str]] = {}
    for seed in sorted(seeds):
        if seed in assigned:
            continue
        name, members = _story(graph, seed)
        if graph.source.label(seed) is None and not any(graph.source.label(m) for m in members):
            base, n = name, 2
            while name in out:
                name, n = f"{base}-{n}", n + 1
        assigned |= members
        out[name] = sorted(members)
    return dict(sorted(_attach(graph, out).items()))


def _attach(graph: _Graph, stories: dict[str, list[str]]) -> dict[str, list[str]]:
    """A story of one or two unlabelled articles joins the one larger story its articles
    are weakly linked to several times over (an agency piece with its own angle on the
    same event), when they point to no other larger story: one weak link is chance,
    several to one story and none elsewhere are evidence."""
    home = story_index(stories)
    out = {name: list(members) for name, members in stories.items()}
    for name, members in stories.items():
        if len(members) > SMALL_STORY or any(graph.source.label(m) for m in members):
            continue
        targets: dict[str, set[str]] = defaultdict(set)
        for m in members:
            for other, _sim in graph.neighbours(m, WEAK):
                story = home.get(other)
                if story is not None and len(stories[story]) > SMALL_STORY:
                    targets[story].add(other)
        if len(targets) == 1:
            ((story, linked),) = targets.items()
            if len(linked) >= MIN_WEAK_LINKS and story in out and name in out:
                out[story] = sorted(set(out[story]) | set(out.pop(name)))
    return out


def group(source: FeatureSource, articles: Iterable[str], *, jobs: int = 1) -> dict[str, list[str]]:
    """Story id -> its articles, for the stories holding `articles`: every story when they
    are all the ids, only theirs otherwise (an index of many stories is not walked whole).
    Grouping them all, every article's links are worked out ahead, on `jobs` processes."""
    graph, seeds = _Graph(source), sorted(articles)
    if len(seeds) == source.size():
        graph.link_all(seeds, jobs)
    return _stories(graph, seeds)


def story_index(stories: Mapping[str, list[str]]) -> dict[str, str]:
    """Article id -> story id."""
    return {a: story for story, members in stories.items() for a in members}
