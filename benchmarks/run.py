"""Benchmark the full check on synthetic corpora: speed, memory and recall of planted misquotes.

Usage: ``python3 benchmarks/run.py [--sizes 100,1000,10000] [--jobs 1,0] [--executor dask]
[--seed 0] [--english 0.0] [--no-trace] [--show 5] [--json out.json]``; see
benchmarks/README.md. Each size is checked once per ``--jobs`` value (1: one process; 0: every
core); with ``--executor dask`` (the ``[dask]`` extra), also on a Dask ``LocalCluster`` of that
many worker processes, for each ``--jobs`` value but 1, beside the process pool.

Each size is generated into a temporary directory, then checked in a fresh subprocess (so the
peak RSS is that size's own); the tracemalloc peak is measured in a second subprocess, since
tracing slows Python down and would distort the timing. Only the standard library and the
``consistency`` package are used; nothing touches the network.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generate import ENGLISH_HELP, words_of

SELF = Path(__file__).resolve()
ROOT = SELF.parents[1]
GENERATE = SELF.with_name("generate.py")
MIB = 1024 * 1024


@dataclass
class Result:
    """What one size measured."""

    articles: int
    jobs: int
    executor: str
    startup_s: float
    stories: int
    claims: int
    ingest_s: float
    check_s: float
    rss_mib: float
    base_rss_mib: float
    q101: int
    q102: int
    temporal: int
    diagnostics: int
    planted: int
    found: int
    blamed: int
    false_positives: int
    cross_story: int
    py_peak_mib: float | None = None

    @property
    def wall_s(self) -> float:
        """Ingest plus check."""
        return self.ingest_s + self.check_s


def max_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / MIB if sys.platform == "darwin" else rss / 1024


def child(corpus: Path, trace: bool, show: int, jobs: int, executor: str) -> dict[str, Any]:
    """Load and check one corpus in this process (extracting on `jobs` processes, as
    `consistency check --jobs` does, or on a Dask LocalCluster of `jobs` workers, as
    `--executor dask` does); measure, then score against the manifest."""
    sys.path.insert(0, str(ROOT))
    from consistency.parallel import load_and_extract, using, workers
    from consistency.pipeline import run_extracted

    base_rss = max_rss_mib()
    if trace:
        tracemalloc.start()
    with ExitStack() as stack:
        t_start = time.perf_counter()
        if executor == "dask":  # started before the clock: the cluster's start is apart
            from consistency.distributed import dask_executor

            stack.enter_context(using(stack.enter_context(dask_executor(None, jobs=jobs))))
        t0 = time.perf_counter()
        res = load_and_extract([corpus / "articles"], jobs=jobs)
        t1 = time.perf_counter()
        report = run_extracted(res.records, errors=res.read_errors + res.extract_errors, jobs=jobs)
        t2 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] / MIB if trace else None
    rss = max_rss_mib()
    if trace:
        tracemalloc.stop()
        return {"py_peak_mib": peak}
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    found, blamed, false_pos, cross = score(report, manifest, show)
    return {
        "articles": report.summary.articles,
        "jobs": workers(jobs),
        "executor": executor,
        "startup_s": t0 - t_start,
        "stories": len(manifest["stories"]),
        "claims": report.summary.claims,
        "ingest_s": t1 - t0,
        "check_s": t2 - t1,
        "rss_mib": rss,
        "base_rss_mib": base_rss,
        "q101": sum(f.code == "Q101" for f in report.findings),
        "q102": sum(f.code == "Q102" for f in report.findings),
        "temporal": sum(f.code.startswith("T") for f in report.findings),
        "diagnostics": report.summary.diagnostics + report.summary.errors,
        "planted": len(manifest["plants"]),
        "found": found,
        "blamed": blamed,
        "false_positives": false_pos,
        "cross_story": cross,
    }


def score(report: Any, manifest: dict[str, Any], show: int) -> tuple[int, int, int, int]:
    """Plants found, found with the right odd article; unplanted Q101s, and those across stories."""
    # A finding is about the quotations its evidence quotes (the story's quotation sharing the
    # most words with each piece); it finds a plant when it is about the planted quotation and
    # names the planted article among its odd articles or in its evidence.
    story_of = {a: sid for sid, s in manifest["stories"].items() for a in s["articles"]}
    quotes = {sid: [set(q) for q in s["quotes"]] for sid, s in manifest["stories"].items()}
    plants = {(p["story"], p["quote"]): p for p in manifest["plants"]}
    found: set[tuple[str, int]] = set()
    blamed: set[tuple[str, int]] = set()
    false_pos = []
    for f in (f for f in report.findings if f.code == "Q101"):
        keys = set()
        for e in f.claims:
            sid = story_of[e.article]
            ws = set(words_of(e.text))
            keys.add((sid, max(range(len(quotes[sid])), key=lambda j: len(ws & quotes[sid][j]))))
        arts = set(f.odd_articles) | {e.article for e in f.claims}
        hits = [k for k in keys if k in plants and plants[k]["article"] in arts]
        found.update(hits)
        blamed.update(k for k in hits if plants[k]["article"] in f.odd_articles)
        if not hits:
            false_pos.append(f)
    if show:
        for f in false_pos[:show]:
            print(f"FP  {f.severity.value}: {f.message}", file=sys.stderr)
            for e in f.claims:
                print(f"      {e.role:8} {e.article}: {e.text[:150]}", file=sys.stderr)
        missed = [p for k, p in plants.items() if k not in found]
        for p in missed[:show]:
            print(f"MISS {p}", file=sys.stderr)
            for c in report.claims:
                if story_of[c.article] == p["story"] and p["old"] in c.words.split():
                    print(f"      {c.article} term={c.term}: {c.text[:150]}", file=sys.stderr)
    cross = sum(len({story_of[e.article] for e in f.claims}) > 1 for f in false_pos)
    return len(found), len(blamed), len(false_pos), cross


def measure(
    articles: int,
    seed: int,
    english: float,
    trace: bool,
    show: int,
    jobs: list[int],
    executors: list[str],
) -> list[Result]:
    """Generate a corpus of `articles` and check it once per `jobs` value and executor
    (Dask only for more than one worker), each step in a fresh subprocess."""
    with tempfile.TemporaryDirectory(prefix="consistency-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        # Generated in a subprocess too: Linux carries a parent's peak RSS over fork and exec
        # into the child's ru_maxrss, so this process must stay small.
        cmd = [sys.executable, str(GENERATE), tmp, "--articles", str(articles)]
        subprocess.run([*cmd, "--seed", str(seed), "--english", str(english)], check=True)
        elapsed = time.perf_counter() - t0
        print(f"  {articles:,} articles generated in {elapsed:.1f} s", file=sys.stderr)
        results = []
        runs = [("local", n) for n in jobs]
        if "dask" in executors:
            runs += [("dask", n) for n in (jobs if set(jobs) - {1} else [0]) if n != 1]
        for executor, n in runs:
            result = Result(**_spawn(root, trace=False, show=show, jobs=n, executor=executor))
            if trace:  # tracemalloc sees this process only: the workers' memory is not in it
                traced = _spawn(root, trace=True, show=0, jobs=n, executor=executor)
                result.py_peak_mib = traced["py_peak_mib"]
            results.append(result)
    return results


def _spawn(corpus: Path, trace: bool, show: int, jobs: int, executor: str) -> dict[str, Any]:
    """Run the child on `corpus` in a fresh interpreter and return what it measured."""
    cmd = [sys.executable, str(SELF), "--child", str(corpus), "--show", str(show)]
    cmd += ["--jobs", str(jobs), "--executor", executor]
    out = subprocess.run(
        [*cmd, "--trace"] if trace else cmd, check=True, stdout=subprocess.PIPE, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def table(results: list[Result]) -> str:
    """The results as an aligned text table."""
    head = [
        "articles", "jobs", "executor", "start s", "stories", "claims", "ingest s", "check s",
        "wall s", "art/s", "py peak MiB", "max RSS MiB", "Q101", "Q102", "T1xx", "diag",
        "recall", "blamed", "FP", "x-story",
    ]  # fmt: skip
    rows = [_row(r) for r in results]
    widths = [max(len(h), *(len(row[k]) for row in rows)) for k, h in enumerate(head)]
    lines = [
        "  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def _row(r: Result) -> list[str]:
    """One table row."""
    recall = f"{r.found}/{r.planted} ({r.found / max(1, r.planted):.1%})"
    peak = "-" if r.py_peak_mib is None else f"{r.py_peak_mib:,.1f}"
    return [
        f"{r.articles:,}", f"{r.jobs}", r.executor, f"{r.startup_s:.2f}", f"{r.stories:,}",
        f"{r.claims:,}", f"{r.ingest_s:.2f}",
        f"{r.check_s:.2f}", f"{r.wall_s:.2f}", f"{r.articles / r.wall_s:,.0f}", peak,
        f"{r.rss_mib:,.1f}", f"{r.q101:,}", f"{r.q102:,}", f"{r.temporal:,}",
        f"{r.diagnostics:,}", recall,
        f"{r.blamed}/{r.found}", f"{r.false_positives:,}", f"{r.cross_story:,}",
    ]  # fmt: skip


def main() -> None:
    """Parse the command line; run each size, or be the child that measures one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated N")
    parser.add_argument(
        "--jobs", default="1,0", help="comma-separated process counts (0: every core)"
    )
    parser.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="dask: also measure a Dask LocalCluster beside the process pool",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--english", type=float, default=0.0, help=ENGLISH_HELP)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--show", type=int, default=0, help="print N false positives/misses")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        found = child(args.child, args.trace, args.show, int(args.jobs), args.executor)
        print(json.dumps(found))
        return
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        print(f"N = {size:,}", file=sys.stderr)
        results += measure(
            size, args.seed, args.english, not args.no_trace, args.show, jobs, [args.executor]
        )
    print(table(results))
    note = (
        "wall = ingest + check, untraced: ingest = reading and extracting every article "
        "(parallel.load_and_extract, on `jobs` processes), check = stories and rules "
        "(pipeline.run_extracted; on the cluster too for dask). start = starting the Dask "
        "LocalCluster of `jobs` workers (not in wall). py peak = tracemalloc peak of the main "
        "process, measured "
        "in a separate traced run. max RSS = ru_maxrss of the untraced run, interpreter and "
        f"imports included ({results[0].base_rss_mib:.0f} MiB before loading). recall = planted "
        "misquotes some Q101 finding is about; blamed = of those, found with the planted article "
        "as the odd one out. FP = Q101 findings about no planted misquote; x-story = FPs whose "
        "evidence spans two stories. T1xx = temporal findings: the corpus plants none and its "
        "stories are consistent, so any would be false (before story grouping, generic "
        "subjects such as 'the old factory' gave thousands across stories). diag = diagnostics "
        "and input errors."
    )
    print("\n" + textwrap.fill(note, width=100))
    if args.json:
        rows = [asdict(r) | {"wall_s": r.wall_s} for r in results]
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
