"""Benchmark the SQLite index and `consistency ci` on a synthetic corpus of N articles in K stories.

Usage: ``python3 benchmarks/corpus.py [--articles 10000] [--stories 500] [--keep DIR]
[--seed 0] [--english 0.0] [--repeat 1] [--json out.json]``; see benchmarks/README.md.

Measured, each command in a fresh subprocess the way a user or CI runs it (``python -m
consistency`` from this checkout, with the corpus directory as working directory):

- ``consistency index articles --index FILE -q`` from scratch, then again with nothing changed;
- story grouping of every indexed article (``Index.in_memory()`` then ``stories.group``),
  scored against the generator's manifest;
- ``consistency ci NEW --index FILE -f json`` for one new article written into a story: a copy
  of one of its articles with one word of a quotation changed (a misquote: exit code 1 and a
  Q101 finding that names NEW as the odd one out are expected), the same run again with the
  index up to date, after touching one other article, and with a consistent copy instead
  (exit code 0 and no finding expected).

Wall time is measured around each command and its peak RSS with ``getrusage(RUSAGE_CHILDREN)``
in a small wrapper process that runs only that command (a child's ``ru_maxrss`` keeps the peak
of the process it was forked from, so the wrapper has to stay small).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generate import ENGLISH_HELP, FUNCTION_WORDS, NOUNS, STORIES_HELP, levenshtein, words_of

SELF = Path(__file__).resolve()
ROOT = SELF.parents[1]
GENERATE = SELF.with_name("generate.py")
MIB = 1024 * 1024
INDEX = "index.sqlite"
STAMP = "bench.json"
NEW = "articles/zz-bench-new.txt"  # the article `ci` checks (sorts after the generated ones)
CONSISTENCY = [sys.executable, "-m", "consistency"]
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def _env() -> dict[str, str]:
    """This checkout's package first on the path (an installed one may be another checkout),
    and bytecode written: an installed package has its modules compiled at install time,
    and a checkout run with PYTHONDONTWRITEBYTECODE would compile all of them on every
    `ci` run (0.2 s), which is not what a user's `ci` costs."""
    path = os.environ.get("PYTHONPATH")
    env = os.environ | {"PYTHONPATH": str(ROOT) + (os.pathsep + path if path else "")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(cmd: list[str], cwd: Path) -> dict[str, Any]:
    """Run `cmd` in `cwd` through the wrapper: wall seconds, peak RSS MiB, exit code, output."""
    wrapper = [sys.executable, str(SELF), "--wrap", "--", *cmd]
    out = subprocess.run(wrapper, cwd=cwd, env=_env(), check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def wrap(cmd: list[str]) -> None:
    """Be the wrapper: run `cmd`, print what it took as JSON."""
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rss_mib = rss / MIB if sys.platform == "darwin" else rss / 1024
    result = {"wall_s": wall, "rss_mib": rss_mib, "code": done.returncode}
    print(json.dumps(result | {"stdout": done.stdout, "stderr": done.stderr}))


def group_child(index: Path, manifest: Path) -> dict[str, Any]:
    """Be the grouping child: group every indexed article, score it against the manifest."""
    sys.path.insert(0, str(ROOT))
    from consistency.store import Index
    from consistency.stories import group

    t0 = time.perf_counter()
    with Index(index) as store:
        source = store.in_memory()
    t1 = time.perf_counter()
    found = group(source, source.by_article)
    t2 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    truth = json.loads(manifest.read_text(encoding="utf-8"))["stories"]
    return {"load_s": t1 - t0, "group_s": t2 - t1, "rss_mib": rss} | score(found, truth)


def score(found: dict[str, list[str]], truth: dict[str, Any]) -> dict[str, Any]:
    """Found stories against true ones. A found story is impure when it mixes articles of
    two true stories; a true story is split when its articles land in two found ones."""
    story_of = {a: sid for sid, s in truth.items() for a in s["articles"]}
    true_sets = {sid: set(s["articles"]) for sid, s in truth.items()}
    homes: dict[str, set[str]] = defaultdict(set)  # true story -> found stories holding it
    impure = exact = unknown = 0
    for name, members in found.items():
        ids = [Path(m).stem for m in members]
        unknown += sum(i not in story_of for i in ids)
        sources = {story_of[i] for i in ids if i in story_of}
        impure += len(sources) > 1
        for sid in sources:
            homes[sid].add(name)
        exact += len(sources) == 1 and set(ids) == true_sets[next(iter(sources))]
    sizes = sorted((len(m) for m in found.values()), reverse=True)
    return {
        "true_stories": len(truth),
        "found_stories": len(found),
        "exact": exact,
        "impure": impure,
        "split": sum(len(h) > 1 for h in homes.values()),
        "singletons": sum(s == 1 for s in sizes),
        "largest": sizes[0] if sizes else 0,
        "unknown": unknown,
    }


# -- the corpus -----------------------------------------------------------------------------


def prepare(out: Path, args: argparse.Namespace) -> float | None:
    """Generate the corpus into `out`, or reuse the one there if it was made with the same
    arguments; seconds spent generating (None: reused)."""
    wanted = {k: getattr(args, k) for k in ("articles", "stories", "seed", "english")}
    stamp = out / STAMP
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == wanted:
        (out / NEW).unlink(missing_ok=True)
        commit_corpus(out)
        return None
    if out.exists() and any(out.iterdir()) and not stamp.is_file():
        sys.exit(f"{out}: not empty and not a corpus made by this benchmark; not touching it")
    shutil.rmtree(out / "articles", ignore_errors=True)
    cmd = [sys.executable, str(GENERATE), str(out), "--articles", str(args.articles)]
    cmd += ["--stories", str(args.stories), "--seed", str(args.seed)]
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--english", str(args.english)], check=True)
    elapsed = time.perf_counter() - t0
    # `ci` indexes the configured corpus: only articles/, wherever the directory is.
    (out / "consistency.toml").write_text('corpus = ["articles/"]\n', encoding="utf-8")
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    commit_corpus(out)
    return elapsed


def commit_corpus(out: Path) -> None:
    """The corpus as a git repository with one commit, as a newsroom's is: `ci` then
    refreshes only what git says changed since the index was built."""
    if (out / ".git").is_dir():
        return
    ident = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost",
             "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@localhost"}  # fmt: skip
    (out / ".gitignore").write_text(f"{INDEX}*\n{STAMP}\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", *args], cwd=out, env=os.environ | ident, check=True)


def drop_index(out: Path) -> None:
    """Delete the index file and its WAL companions."""
    for suffix in ("", "-wal", "-shm"):
        (out / (INDEX + suffix)).unlink(missing_ok=True)


def index_size(out: Path) -> float:
    """The index on disk (with its WAL file, if one is left), MiB."""
    files = [out / (INDEX + suffix) for suffix in ("", "-wal")]
    return sum(f.stat().st_size for f in files if f.is_file()) / MIB


def variants(out: Path, manifest: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    """A misquoting and a consistent new article for one story (the middle one): copies of
    an article quoting an unplanted quotation in full, retitled, one with one word of that
    quotation changed; and what was changed."""
    stories = manifest["stories"]
    planted = {p["story"]: p for p in manifest["plants"]}
    sid = sorted(stories)[len(stories) // 2]
    for j, quote in enumerate(stories[sid]["quotes"]):
        if j == planted[sid]["quote"]:
            continue
        for article in stories[sid]["articles"]:
            text = (out / "articles" / f"{article}.txt").read_text(encoding="utf-8")
            if article == planted[sid]["article"] or "[sic]" in text:
                continue
            consistent = "Update: " + _without_figures(text)
            if not _quotes_in_full(consistent, quote):
                continue
            spots = [
                w for w in quote[2:-2] if w.isalpha() and len(w) >= 5 and w not in FUNCTION_WORDS
            ]
            for word in spots[len(spots) // 2 :]:
                pattern = re.compile(rf"\b{word}\b")
                if len(pattern.findall(consistent)) != 1:
                    continue
                new = next(n for n in NOUNS if levenshtein(n, word) >= 3 and n not in text)
                changed = {"story": sid, "copy_of": article, "old": word, "new": new}
                return pattern.sub(new, consistent), consistent, changed
    raise SystemExit(f"no article of story {sid} quotes an unplanted quotation in full")


def _without_figures(text: str) -> str:
    """`text` without the lines that give a figure outside quotation marks: the generator
    draws those afresh for every article ("announced 8 weeks ago"), so a verbatim copy would
    side with its original against the rest of the story (N101)."""
    lines = text.split("\n")
    kept = [line for line in lines[1:] if not re.search(r"\d", _QUOTED.sub("", line))]
    return "\n".join(lines[:1] + kept)


def _quotes_in_full(text: str, quote: list[str]) -> bool:
    """Does one quotation of `text` hold every word of `quote` (not a fragment of it)?"""
    spans = _QUOTED.findall(text)
    return any(set(quote) <= set(words_of(a or b)) for a, b in spans)


# -- the measurements -----------------------------------------------------------------------


def ci_run(out: Path, text: str | None, *, fresh: bool) -> dict[str, Any]:
    """`consistency ci NEW -f json`; `fresh`: NEW was not indexed before (drop it, write it)."""
    if fresh:
        (out / NEW).unlink(missing_ok=True)
        subprocess.run([*CONSISTENCY, "index", "--index", INDEX, "-q"], cwd=out, env=_env())
    if text is not None:
        (out / NEW).write_text(text, encoding="utf-8")
    run = timed([*CONSISTENCY, "ci", NEW, "--index", INDEX, "-f", "json"], out)
    report = json.loads(run["stdout"]) if run["stdout"].strip() else {}
    findings = report.get("findings", [])
    run["findings"] = [f["code"] for f in findings]
    run["blames_new"] = any(  # paths are relative to the git root when there is one
        f["code"] == "Q101" and any(a.endswith(NEW) for a in f["odd_articles"]) for f in findings
    )
    run["stories"] = [len(s["articles"]) for s in report.get("stories", [])]
    del run["stdout"]
    return run


def repeated(n: int, step: Any) -> list[dict[str, Any]]:
    """`step()` run `n` times."""
    return [step() for _ in range(n)]


def measure(out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement on the corpus in `out`."""
    results: dict[str, Any] = {"articles": args.articles, "stories": args.stories}
    results["generate_s"] = prepare(out, args)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    index_cmd = [*CONSISTENCY, "index", "articles", "--index", INDEX, "-q"]

    def scratch() -> dict[str, Any]:
        drop_index(out)
        return timed(index_cmd, out)

    _log("indexing from scratch")
    results["index"] = repeated(args.repeat, scratch)
    results["index_mib"] = index_size(out)
    _log("re-indexing, nothing changed")
    results["noop"] = repeated(args.repeat, lambda: timed(index_cmd, out))
    _log("grouping")
    cmd = [sys.executable, str(SELF), "--group", str(out / INDEX), str(out / "manifest.json")]
    done = subprocess.run(cmd, env=_env(), check=True, capture_output=True, text=True)
    results["group"] = json.loads(done.stdout)
    misquote, consistent, changed = variants(out, manifest)
    results["changed"] = changed
    _log(f"ci on one new article ({changed})")
    results["ci_misquote"] = repeated(args.repeat, lambda: ci_run(out, misquote, fresh=True))
    results["ci_again"] = repeated(args.repeat, lambda: ci_run(out, None, fresh=False))

    def touched() -> dict[str, Any]:
        other = out / "articles" / f"{changed['copy_of']}.txt"
        os.utime(other, ns=(time.time_ns(), time.time_ns()))
        return ci_run(out, None, fresh=False)

    results["ci_touched"] = repeated(args.repeat, touched)
    results["ci_consistent"] = repeated(args.repeat, lambda: ci_run(out, consistent, fresh=True))
    (out / NEW).unlink(missing_ok=True)
    return results


def _log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# -- the report -----------------------------------------------------------------------------


def _fig(runs: list[dict[str, Any]], key: str, fmt: str = "{:.2f}") -> str:
    """Median of the runs, with the range when there were several."""
    values = [r[key] for r in runs]
    mid = fmt.format(statistics.median(values))
    if len(values) == 1:
        return mid
    return f"{mid} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def _ci_note(runs: list[dict[str, Any]], expect_finding: bool) -> str:
    """What the ci runs found, checked against what they should."""
    codes = {r["code"] for r in runs}
    found = {", ".join(r["findings"]) or "no finding" for r in runs}
    story = {f"story of {r['stories'][0]} articles" if r["stories"] else "no story" for r in runs}
    if expect_finding:
        ok = codes == {1} and all(r["blames_new"] for r in runs)
        want = "exit 1, Q101 naming it odd"
    else:
        ok = codes == {0} and not any(r["findings"] for r in runs)
        want = "exit 0, no finding"
    verdict = "as expected" if ok else f"UNEXPECTED (wanted {want})"
    exits = "/".join(str(c) for c in sorted(codes))
    return f"exit {exits}; {'; '.join(sorted(found))}; {'; '.join(sorted(story))}; {verdict}"


def table(r: dict[str, Any]) -> str:
    """The figures as a Markdown table, then the grouping quality as another."""
    n = r["articles"]
    index = r["index"]
    rate = [{"rate": n / x["wall_s"]} for x in index]
    rows = [
        ("index from scratch", _fig(index, "wall_s"), _fig(index, "rss_mib", "{:.0f}"),
         f"{_fig(rate, 'rate', '{:,.0f}')} articles/s; index file {r['index_mib']:,.1f} MiB"),
        ("re-index, nothing changed", _fig(r["noop"], "wall_s"),
         _fig(r["noop"], "rss_mib", "{:.0f}"), "stat every file, hash none"),
        ("group() all articles", f"{r['group']['load_s'] + r['group']['group_s']:.2f}",
         f"{r['group']['rss_mib']:.0f}",
         f"in_memory() {r['group']['load_s']:.2f} s + group() {r['group']['group_s']:.2f} s"),
        ("ci: new misquoting article", _fig(r["ci_misquote"], "wall_s"),
         _fig(r["ci_misquote"], "rss_mib", "{:.0f}"), _ci_note(r["ci_misquote"], True)),
        ("ci: same again (index up to date)", _fig(r["ci_again"], "wall_s"),
         _fig(r["ci_again"], "rss_mib", "{:.0f}"), _ci_note(r["ci_again"], True)),
        ("ci: after touching one other article", _fig(r["ci_touched"], "wall_s"),
         _fig(r["ci_touched"], "rss_mib", "{:.0f}"), _ci_note(r["ci_touched"], True)),
        ("ci: new consistent article", _fig(r["ci_consistent"], "wall_s"),
         _fig(r["ci_consistent"], "rss_mib", "{:.0f}"), _ci_note(r["ci_consistent"], False)),
    ]  # fmt: skip
    g = r["group"]
    head = f"{n:,} articles, {r['stories']:,} stories"
    lines = [f"| {head} | wall s | max RSS MiB | notes |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    lines += [
        "",
        "| true stories | found | exact | impure | split | singletons | largest |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {g['true_stories']:,} | {g['found_stories']:,} | {g['exact']:,} | {g['impure']:,} "
        f"| {g['split']:,} | {g['singletons']:,} | {g['largest']:,} |",
    ]
    return "\n".join(lines)


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    """`keep` (created if need be), else a temporary directory removed afterwards."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="consistency-corpus-") as tmp:
        yield Path(tmp)


def main() -> None:
    """Parse the command line; measure, or be the wrapper or the grouping child."""
    if sys.argv[1:2] == ["--wrap"]:
        wrap(sys.argv[3:] if sys.argv[2:3] == ["--"] else sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=500, help=STORIES_HELP)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--english", type=float, default=0.0, help=ENGLISH_HELP)
    parser.add_argument("--repeat", type=int, default=1, help="run each timed command N times")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--group", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.group:
        print(json.dumps(group_child(*args.group)))
        return
    print(f"N = {args.articles:,}, K = {args.stories:,}", file=sys.stderr)
    with workdir(args.keep) as out:
        results = measure(out, args)
    print(table(results))
    if results["generate_s"] is not None:
        print(f"\n(corpus generated in {results['generate_s']:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
