"""Time the full check on adversarial inputs: one article of a pathological shape, and prose.

Usage: ``python3 benchmarks/adversarial.py [--shapes ellipsis,periods] [--sizes 25k,50k,1m]
[--prose-sizes 0.25m,1m,4m] [--timeout 60] [--json out.json]``; see benchmarks/README.md.

Each input is written to a temporary file and checked (``consistency.ingest.load`` then
``consistency.pipeline.run``, as run.py does) in a fresh subprocess, so a stalled case is
killed after ``--timeout`` seconds and reported as such. The script prints figures; it is
never a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SELF = Path(__file__).resolve()
ROOT = SELF.parents[1]
MB = 1_000_000

# Each shape: (suffix, repeated unit). The unit is repeated until the size is reached.
SHAPES: dict[str, tuple[str, str]] = {
    "ellipsis": (".txt", "…"),
    "periods": (".txt", "."),
    "quoted-words": (".txt", "“word” "),
    "on-monday": (".txt", "on Monday "),
    "figures": (".txt", "12 "),
    "dollars": (".txt", "$5 "),
    "dates": (".txt", "12 March 2024 "),
    "clock-times": (".txt", "10:30 "),
    # found by the fuzzer: acts and times in one sentence that never ends
    "ampm-times": (".txt", "at 7 p.m. "),
    "said-on-monday": (".txt", "Officials said on Monday "),
    # from issue 16: one name over and over, as one run of words or as sentences
    "one-name": (".txt", "Alice "),
    "one-name-sentences": (".txt", "Alice. "),
    "initials": (".txt", "A. B. "),
    # found by the fuzzer (mojibake dashes hold “ and ”): quotation marks nesting deeper
    # and deeper, one more open than closed in each unit
    "nested-quotes": (".txt", "“a “b ” "),
    "md-images": (".md", "!["),
    "md-links": (".md", "["),
    "md-tags": (".md", "<b "),
    "md-comments": (".md", "<!--"),
}

NAMES = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Peter Novak", "Sara Haddad"]
ROLES = ["the mayor", "a spokesperson", "the finance minister", "the chief executive"]
PLACES = ["Lisbon", "the northern district", "Ohio", "the capital", "Nairobi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "last week", "on 3 March", "in 2023"]
THINGS = ["the bridge", "the budget", "the new clinic", "the rail line", "the school"]


def _sentence(rng: random.Random) -> str:
    """One real-looking news sentence: quotes, figures, dates and names in varied shapes."""
    n, r, p, d, t = (rng.choice(x) for x in (NAMES, ROLES, PLACES, DAYS, THINGS))
    k = rng.randint(2, 950)
    forms: list[Callable[[], str]] = [
        lambda: f"“We will finish {t} by the end of the year,” said {n}, {r}.",
        lambda: f"{n} told reporters in {p} that {t} would cost ${k} million.",
        lambda: f"About {k} people gathered in {p} {d}, police said.",
        lambda: f"The work on {t} began {d} and is expected to last {k % 30 + 2} weeks.",
        lambda: f"{r.capitalize()} said {k}% of residents supported the plan.",
        lambda: f"At {k % 12 + 1}:{k % 60:02d} p.m. {d}, {n} arrived in {p}.",
        lambda: f"“It is not acceptable,” {n} said. “We expected more.”",
        lambda: f"Officials in {p} said {t} had been delayed by {k % 9 + 1} months.",
    ]
    return rng.choice(forms)()


def prose(size: int, seed: int = 0) -> str:
    """About `size` characters of paragraphs of varied sentences."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) + "\n\n"
        parts.append(para)
        total += len(para)
    return "".join(parts)[:size]


def build(shape: str, size: int) -> tuple[str, str]:
    """(suffix, text) of about `size` characters of `shape`."""
    if shape == "prose":
        return ".txt", prose(size)
    suffix, unit = SHAPES[shape]
    head = "Officials met on Monday. "
    return suffix, head + unit * ((size - len(head)) // len(unit) + 1)


def child(path: Path, uncapped: bool = False) -> dict[str, float]:
    """Check one file in this process, after a warm-up article; return the timings of
    reading, extracting and checking (the last is bounded: an article contributes at most
    MAX_CLAIMS claims of a family, so it stops growing with size)."""
    sys.path.insert(0, str(ROOT))
    import consistency.extract
    from consistency.extract import extract
    from consistency.ingest import load
    from consistency.pipeline import check, run

    if uncapped:  # every claim extracted: the true growth of extraction with size
        consistency.extract.MAX_CLAIMS = 10**9

    warm = path.with_name("warm-up.txt")  # load the lexicons before the clock starts
    warm.write_text("“We agreed on Monday,” said Ann Lee. It cost $5 million.\n", "utf-8")
    run(load([warm]).documents)
    t0 = time.perf_counter()
    res = load([path])
    t1 = time.perf_counter()
    records = [extract(d) for d in res.documents]
    t2 = time.perf_counter()
    report = check(records, stories={"all": [r.id for r in records]}, errors=res.errors)
    t3 = time.perf_counter()
    return {
        "ingest_s": t1 - t0, "extract_s": t2 - t1, "check_s": t3 - t2,
        "claims": report.summary.claims,
    }  # fmt: skip


def measure(shape: str, size: int, timeout: float, uncapped: bool = False) -> dict[str, Any]:
    """Write one input and check it in a subprocess, killed after `timeout` seconds."""
    suffix, text = build(shape, size)
    with tempfile.TemporaryDirectory(prefix="consistency-adv-") as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_text(text, encoding="utf-8")
        mb = path.stat().st_size / MB
        cmd = [sys.executable, str(SELF), "--child", str(path)] + ["--uncapped"] * uncapped
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
        except subprocess.TimeoutExpired:
            return {"shape": shape, "mb": mb, "status": f"timeout > {timeout:g} s"}
        except subprocess.CalledProcessError as exc:
            return {"shape": shape, "mb": mb, "status": f"failed: {exc.stderr[-300:]}"}
    timing = json.loads(out.stdout.strip().splitlines()[-1])
    seconds = timing["ingest_s"] + timing["extract_s"] + timing["check_s"]
    linear = timing["ingest_s"] + timing["extract_s"]
    return {"shape": shape, "mb": mb, "status": "ok", "s": seconds, "s_per_mb": seconds / mb,
            "read_extract_s_per_mb": linear / mb, "check_s": timing["check_s"],
            "claims": timing["claims"]}  # fmt: skip


def parse_size(text: str) -> int:
    """'25k' -> 25,000; '0.25m' -> 250,000 characters."""
    text = text.strip().lower()
    scale = {"k": 1000, "m": MB}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def row(r: dict[str, Any]) -> str:
    """One printed line."""
    head = f"{r['shape']:14} {r['mb']:8.3f} MB"
    if r["status"] != "ok":
        return f"{head}  {r['status']}"
    return (
        f"{head}  {r['s']:8.2f} s  {r['s_per_mb']:8.2f} s/MB  "
        f"(read+extract {r['read_extract_s_per_mb']:6.2f} s/MB, "
        f"check {r['check_s']:6.2f} s of {r['claims']:,} claims)"
    )


def main() -> None:
    """Parse the command line; measure each shape and size, or be the child."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = ",".join(["prose", *SHAPES])
    parser.add_argument("--shapes", default=names, help=f"comma-separated, of: {names}")
    parser.add_argument("--sizes", default="25k,50k,1m", help="sizes of the shapes")
    parser.add_argument("--prose-sizes", default="0.25m,1m,4m", help="sizes of the prose")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per input")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--uncapped", action="store_true",
        help="extract every claim (no MAX_CLAIMS cut-off): how extraction itself grows",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each input; the fastest is shown"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.uncapped)))
        return
    results = []
    for shape in (s.strip() for s in args.shapes.split(",") if s.strip()):
        if shape != "prose" and shape not in SHAPES:
            parser.error(f"unknown shape {shape!r}")
        sizes = args.prose_sizes if shape == "prose" else args.sizes
        for size in (parse_size(s) for s in sizes.split(",") if s.strip()):
            runs = [measure(shape, size, args.timeout, args.uncapped) for _ in range(args.repeat)]
            timed = [r for r in runs if r["status"] == "ok"]
            results.append(min(timed, key=lambda r: r["s"]) if timed else runs[0])
            print(row(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
