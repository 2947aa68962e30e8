"""Every article's story links at once, for grouping a whole check.

Asking each article for its `neighbours` works out every similarity twice, once from each
side. Here each pair is worked out once, by the article that comes first: an article only
walks the postings of articles after it (the postings are sorted by position, and a
bisection finds where the later ones start), and each link found is given to both. With
every norm worked out first, a candidate's similarity is a division, not a bound to test.

The similarity of a pair is the one `neighbours` gives from the first article's side (the
same products, added in the same order); the links are the same for any number of
processes.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consistency.stories import _Graph

Links = list[tuple[str, float]]


class Join:
    """The links of all of `articles` (every article of the graph's source, sorted)."""

    def __init__(self, graph: _Graph, articles: Sequence[str]) -> None:
        from consistency.stories import _TF

        self.graph, self.articles = graph, articles
        # feature -> (weight, positions of its articles, ascending; its tf in each), and
        # each article's norm, in one pass over the articles in order (the norm's sum as
        # `_Graph.norm` adds it: in order, from zero)
        self.table: dict[str, tuple[float, array[int], array[float]]] = {}
        self.norms: list[float] = []
        known, idf_of, table, tf_table, tabled = graph._idf, graph.idf, self.table, _TF, len(_TF)
        for i, article in enumerate(articles):
            total = 0.0
            for f, count in graph.source.features(article).items():
                weight = known.get(f)
                if weight is None:
                    weight = idf_of(f)
                if not weight:  # common: it links nothing, and adds exactly 0.0 to the norm
                    continue
                tf = tf_table[count] if count < tabled else 1.0 + math.log(count)
                total += tf**2 * weight**2
                entry = table.get(f)
                if entry is None:
                    entry = table[f] = (weight, array("l"), array("d"))
                entry[1].append(i)
                entry[2].append(tf)
            self.norms.append(math.sqrt(total))
        graph._norm.update(zip(articles, self.norms, strict=True))

    def later(self, i: int) -> list[tuple[int, float]]:
        """The links of article `i` to the articles after it: (position, similarity)."""
        from consistency.stories import _TF

        dot: dict[int, float] = defaultdict(float)
        table, tf_table, tabled = self.table, _TF, len(_TF)
        for f, count in self.graph.source.features(self.articles[i]).items():
            entry = table.get(f)
            if entry is None:
                continue
            idf, positions, weights = entry
            mine = (tf_table[count] if count < tabled else 1.0 + math.log(count)) * idf * idf
            start = bisect_right(positions, i)
            for j, weight in zip(positions[start:], weights[start:], strict=True):
                dot[j] += mine * weight
        mine, norms, least = self.norms[i], self.norms, self.graph.threshold
        out = []
        for j, value in dot.items():
            sim = value / (mine * norms[j] or 1.0)
            if sim >= least:
                out.append((j, sim))
        return sorted(out)

    def links(self, jobs: int) -> dict[str, Links]:
        """Article -> its links, sorted, as `neighbours` gives them; worked out on `jobs`
        forked processes when a process can be forked, else here."""
        from consistency.parallel import forked_map  # the pool's machinery, when wanted

        ahead = range(len(self.articles))
        found = forked_map(self.later, ahead, jobs=jobs) or map(self.later, ahead)
        links: list[Links] = [[] for _ in self.articles]
        for i, later in enumerate(found):  # the earlier ones first, then the later: sorted
            for j, sim in later:
                links[i].append((self.articles[j], sim))
                links[j].append((self.articles[i], sim))
        return dict(zip(self.articles, links, strict=True))
