"""Extraction cost per article for each claim family, and dateparser.search_dates on the
same texts, and how many times slower dateparser is than our date, time and duration
extractors together (ratio).

    python3 benchmarks/extraction.py [--articles 500]

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

from consistency.extract import extract  # noqa: E402
from consistency.extract.context import ArticleContext  # noqa: E402
from consistency.families import FAMILIES  # noqa: E402
from consistency.ingest import Document, load  # noqa: E402

# The families that read dates, times and durations: what dateparser would replace.
TIME_FAMILIES = ("temporal", "duration")


def _ours(docs: list[Document]) -> tuple[float, dict[str, float], dict[str, int]]:
    """Seconds per article for the shared article context (paragraphs, quotations,
    sentences, people) and for each registered extractor on top of it; claims found."""
    for doc in docs[:5]:
        extract(doc)  # warm up: compile patterns
    start = time.perf_counter()
    contexts = [ArticleContext.of(doc) for doc in docs]
    for ctx in contexts:
        _ = ctx.people
    shared = (time.perf_counter() - start) / len(docs)
    cost, found = {}, {}
    for family, extractor in ((f.name, f.extract) for f in FAMILIES):
        start = time.perf_counter()
        found[family] = sum(1 for ctx in contexts for _ in extractor(ctx))
        cost[family] = (time.perf_counter() - start) / len(docs)
    return shared, cost, found


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
        families = [f.name for f in FAMILIES]
        head = ["corpus", "context ms", *[f"{f} ms" for f in families], "dateparser ms", "ratio"]
        print(("{:<18}" + " {:>13}" * (len(head) - 1)).format(*head))
        for name, docs in corpora.items():
            shared, cost, found = _ours(docs)
            theirs = _dateparser(docs)
            cells = [f"{shared * 1000:.2f}"] + [
                f"{cost[f] * 1000:.2f} ({found[f]})" for f in families
            ]
            cells.append(f"{theirs[0] * 1000:.1f} ({theirs[1]})" if theirs else "-")
            ours = sum(cost.get(f, 0.0) for f in TIME_FAMILIES)
            cells.append(f"{theirs[0] / ours:.0f}x" if theirs and ours else "-")
            print(("{:<18}" + " {:>13}" * len(cells)).format(name, *cells))
            if theirs and name == "seeds":
                odd = [h for h in theirs[2] if len(h) <= 4 or h.lower() in ("we", "may", "now")]
                print(f"  dateparser hits on the seeds: {theirs[2]}")
                print(f"  short or word-like hits: {sorted(set(odd))}")
                print(f"  median hit length: {statistics.median(len(h) for h in theirs[2]):.0f}")


if __name__ == "__main__":
    main()
