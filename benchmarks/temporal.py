"""Cost of temporal extraction per article, and dateparser.search_dates on the same texts.

    python3 benchmarks/temporal.py [--articles 500]

dateparser is not a dependency: install it beside the project to get its column
(`pip install dateparser`); without it only our figures are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

SELF = Path(__file__).resolve()
ROOT = SELF.parents[1]
sys.path.insert(0, str(SELF.parent))

from generate import generate  # noqa: E402

from consistency.extract.context import ArticleContext  # noqa: E402
from consistency.extract.temporal import extract_temporal  # noqa: E402
from consistency.ingest import Document, load  # noqa: E402


def _ours(docs: list[Document]) -> tuple[float, float, int]:
    """Seconds per article for temporal extraction alone and with the shared article
    context (paragraphs, quotations, sentences, people) it needs; claims found."""
    for doc in docs[:5]:
        list(extract_temporal(ArticleContext.of(doc)))  # warm up: compile patterns
    start = time.perf_counter()
    contexts = [ArticleContext.of(doc) for doc in docs]
    for ctx in contexts:
        _ = ctx.people  # the shared work every extractor reuses
    shared = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(1 for ctx in contexts for _ in extract_temporal(ctx))
    alone = time.perf_counter() - start
    return alone / len(docs), (alone + shared) / len(docs), found


def _dateparser(docs: list[Document]) -> tuple[float, int, list[str]] | None:
    """Seconds per article for dateparser.search_dates, hits, and a few of its hits."""
    try:
        from dateparser.search import search_dates  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    hits: list[str] = []
    start = time.perf_counter()
    for doc in docs:
        found = search_dates(doc.norm.text, languages=["en"]) or []
        hits.extend(text for text, _ in found)
    return (time.perf_counter() - start) / len(docs), len(hits), hits


def main() -> None:
    """Print the figures for the seeds and for a generated corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.articles, 0, 0.0).write(Path(tmp) / "a", Path(tmp) / "m.json")
        corpora = {
            "seeds": load([ROOT / "seeds"]).documents,
            f"generated ({args.articles})": load([Path(tmp) / "a"]).documents,
        }
        head = ("corpus", "temporal ms", "+context ms", "claims", "dateparser ms", "hits")
        print("{:<18} {:>12} {:>12} {:>7} {:>14} {:>6}".format(*head))
        for name, docs in corpora.items():
            alone, total, found = _ours(docs)
            theirs = _dateparser(docs)
            dp = f"{theirs[0] * 1000:14.1f} {theirs[1]:6d}" if theirs else f"{'-':>14} {'-':>6}"
            print(f"{name:<18} {alone * 1000:12.2f} {total * 1000:12.2f} {found:7d} {dp}")
            if theirs and name == "seeds":
                odd = [h for h in theirs[2] if len(h) <= 4 or h.lower() in ("we", "may", "now")]
                print(f"  dateparser hits on the seeds: {theirs[2]}")
                print(f"  short or word-like hits: {sorted(set(odd))}")
                print(f"  median hit length: {statistics.median(len(h) for h in theirs[2]):.0f}")


if __name__ == "__main__":
    main()
