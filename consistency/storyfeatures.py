"""Where the story grouping (`consistency.stories`) reads articles' features: memory, or
the SQLite index (`consistency.store.Index`, which keeps the same interface)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

COMMON_DF = 150  # a feature in more articles than this is common vocabulary, not a story


class FeatureSource(Protocol):
    """Where the grouping reads articles' features: memory or the SQLite index."""

    def size(self) -> int:
        """Number of articles."""
        ...

    def features(self, article: str) -> Mapping[str, int]:
        """The features of one article, with their counts."""
        ...

    def read_ahead(self, articles: Collection[str]) -> None:
        """Get ready to be asked the features of `articles` (the index reads them in a few
        queries instead of one each)."""
        ...

    def postings(self, feature: str) -> Sequence[tuple[str, int]]:
        """Articles that have `feature`, with its count in each."""
        ...

    def df(self, feature: str) -> int:
        """How many articles have `feature`."""
        ...

    def rare_counts(self) -> Mapping[str, int]:
        """Article -> how many of its features are in at most `COMMON_DF` articles, for the
        articles whose count the source knows without reading their features (empty: it
        keeps no counts)."""
        ...

    def label(self, article: str) -> str | None:
        """The story named in the article's front matter, if any."""
        ...

    def labelled(self, label: str) -> Sequence[str]:
        """The articles whose front matter names story `label`."""
        ...


@dataclass
class MemoryFeatures:
    """Features held in memory (for `consistency check`)."""

    by_article: dict[str, dict[str, int]]
    labels: dict[str, str]

    def __post_init__(self) -> None:
        self._df: Counter[str] = Counter()
        for feats in self.by_article.values():
            self._df.update(feats.keys())
        # the postings are built when first asked for: grouping a whole check reads only
        # the counts (`storyjoin` keeps its own table)
        self._postings: dict[str, list[tuple[str, int]]] | None = None

    def size(self) -> int:
        """Number of articles."""
        return len(self.by_article)

    def features(self, article: str) -> Mapping[str, int]:
        """The features of one article, with their counts."""
        return self.by_article.get(article, {})

    def read_ahead(self, articles: Collection[str]) -> None:
        """Nothing to do: every feature is in memory."""

    def postings(self, feature: str) -> Sequence[tuple[str, int]]:
        """Articles that have `feature`, with its count in each; none for a common feature
        (one in more than `COMMON_DF` articles), which weighs nothing."""
        if self._postings is None:
            # a common feature's articles are never walked: its postings are not kept
            # (more than half of all postings at 10,000 articles)
            df, postings = self._df, defaultdict(list)
            for article, feats in self.by_article.items():
                for f, count in feats.items():
                    if df[f] <= COMMON_DF:
                        postings[f].append((article, count))
            self._postings = dict(postings)
        return self._postings.get(feature, ())

    def df(self, feature: str) -> int:
        """How many articles have `feature`."""
        return self._df.get(feature, 0)

    def rare_counts(self) -> Mapping[str, int]:
        """None kept: every feature is in memory, and grouping them all reads every norm."""
        return {}

    def label(self, article: str) -> str | None:
        """The story named in the article's front matter, if any."""
        return self.labels.get(article)

    def labelled(self, label: str) -> Sequence[str]:
        """The articles whose front matter names story `label`."""
        return sorted(a for a, x in self.labels.items() if x == label)
