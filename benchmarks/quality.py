"""Print one quality table: the real-coverage devset, the seed articles and the golden cases.

Usage: ``python3 benchmarks/quality.py [--devset DIR] [--event NAME] [--json OUT] [--verbose]``;
see benchmarks/README.md. Standard library and the ``consistency`` package only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from consistency.ingest import load
from consistency.models import Report
from consistency.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
KINDS = ("attribution", "entity_spelling", "numeric", "quote_wording", "temporal")
LOUD = ("warning", "error")


class CheckerFailed(Exception):
    """The checker could not be run."""


def check_dir(path: Path, *, base: Path | None = None) -> Report:
    """Run the whole pipeline on a directory, as tests/conftest.py does."""
    result = load([path], base=base or path)
    return run(result.documents, errors=result.errors)


def frac(found: int, total: int) -> str:
    """`found/total` and the fraction."""
    return f"{found}/{total} = {found / total:.2f}" if total else f"{found}/{total}"


def run_evaluate(devset: Path, event: str | None, verbose: bool) -> tuple[dict[str, Any], str]:
    """Run the devset's evaluate.py with --json; return its figures and its printed listing."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "evaluate.json"
        exe = f"{sys.executable} -m consistency"  # evaluate.py splits it on spaces
        cmd = [sys.executable, str(devset / "evaluate.py"), "--exe", exe, "--json", str(out)]
        cmd += ["--event", event] if event else []
        cmd += ["--verbose"] if verbose else []
        # the devset is not ours: its scripts must not leave bytecode in it
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
        if proc.returncode != 0 or not out.is_file():
            raise CheckerFailed(f"evaluate.py exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
        return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def devset_figures(devset: Path, event: str | None, verbose: bool) -> dict[str, Any]:
    """Score the devset: evaluate.py's figures, plus traps and noise per kind via score.py."""
    figures, listing = run_evaluate(devset, event, verbose)
    sys.path.insert(0, str(devset))
    score: Any = importlib.import_module("score")
    evaluate: Any = importlib.import_module("evaluate")
    exe = [sys.executable, "-m", "consistency"]
    rows: dict[str, dict[str, Any]] = {}
    traps_n: Counter[str] = Counter()
    traps_hit: Counter[str] = Counter()
    noise: Counter[str] = Counter()
    for folder in evaluate.events(devset, event):
        ev = figures["events"][folder.name]
        gold = json.loads((folder / "GOLD.json").read_text(encoding="utf-8"))
        texts = score.load_texts(folder)
        # evaluate.py's JSON gives noise as a count only: score the report again for its kinds.
        res = score.score(evaluate.run(exe, folder), gold, texts)
        trap_kind = {t["id"]: t["kind"] for t in gold.get("non_discrepancies", [])}
        traps_n.update(trap_kind.values())
        traps_hit.update(trap_kind[i] for i in ev["traps_hit"])
        noise.update(score.family(f.get("kind") or f.get("code") or "") for f in res["noise"])
        rows[folder.name] = {
            "recall": [len(ev["found"]), len(ev["found"]) + len(ev["missed"])],
            "info": [len(ev["info_found"]), len(ev["info_found"]) + len(ev["info_missed"])],
            "traps": [len(ev["traps_hit"]), len(trap_kind)],
            "noise": ev["noise"],
            "articles": len(texts),
            "noise_rescored": len(res["noise"]),
        }
    kinds = sorted(set(KINDS) | set(noise) | set(traps_n))
    by_kind = {
        k: {
            "recall": figures["by_kind"].get(k, [0, 0]),
            "traps": [traps_hit[k], traps_n[k]],
            "noise": noise[k],
        }
        for k in kinds
    }
    return {"events": rows, "totals": figures["totals"], "by_kind": by_kind, "listing": listing}


def print_devset(fig: dict[str, Any], verbose: bool) -> None:
    """Print the per-event and per-kind tables."""
    head = f"{'event':30} {'recall':>12} {'info':>7} {'traps hit':>16} {'noise':>5} {'articles':>8}"
    print(head)
    print("-" * len(head))
    for name, r in fig["events"].items():
        print(
            f"{name:30} {'{}/{}'.format(*r['recall']):>12} {'{}/{}'.format(*r['info']):>7} "
            f"{'{}/{}'.format(*r['traps']):>16} {r['noise']:>5} {r['articles']:>8}"
        )
        if r["noise_rescored"] != r["noise"]:
            odd = f"rescored noise {r['noise_rescored']} != evaluate.py's {r['noise']}"
            print(f"  (odd: {odd})")
    t = fig["totals"]
    print(
        f"{'TOTAL':30} {frac(t['found'], t['gold']):>12} {t['info_found']:>5}/{t['info']} "
        f"{frac(t['traps_hit'], t['traps']):>16} {t['noise']:>5} {t['articles']:>8}"
    )
    if t["articles"]:
        print(f"noise per article: {t['noise'] / t['articles']:.2f}")
    print()
    head = f"{'kind':16} {'recall':>14} {'traps hit':>14} {'noise':>5}"
    print(head)
    print("-" * len(head))
    for kind, k in fig["by_kind"].items():
        print(f"{kind:16} {frac(*k['recall']):>14} {frac(*k['traps']):>14} {k['noise']:>5}")
    if verbose:
        print("\nevaluate.py --verbose:")
        print(fig["listing"].rstrip())


def seed_figures() -> dict[str, Any]:
    """Check seeds/ and keep the loud findings."""
    report = check_dir(ROOT / "seeds", base=ROOT)
    loud = [f for f in report.findings if f.severity.value in LOUD]
    return {
        "findings": len(report.findings),
        "loud": [
            {"code": f.code, "severity": f.severity.value, "message": f.message} for f in loud
        ],
    }


def summarise(report: Report) -> list[dict[str, Any]]:
    """The part of tests/test_cases.py's summarise() compared here."""
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "odd": f.odd_articles,
            "majority": f.majority_articles,
        }
        for f in report.findings
    ]


def case_figures() -> dict[str, Any]:
    """Compare every golden case's findings with its expected.json."""
    cases: dict[str, Any] = {}
    for case in sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir()):
        expected_file = case / "expected.json"
        if not expected_file.is_file():
            cases[case.name] = {"status": "no expected.json"}
            continue
        keys = ("code", "severity", "odd", "majority")
        data = json.loads(expected_file.read_text(encoding="utf-8"))
        expected = [{k: f[k] for k in keys} for f in data["findings"]]
        got = summarise(check_dir(case))
        cases[case.name] = {
            "status": "ok" if got == expected else "differs",
            "expected": [f["code"] for f in expected],
            "got": [f["code"] for f in got],
        }
    return cases


def main() -> int:
    """Print the tables; exit 1 if the checker could not be run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the devset folder")
    parser.add_argument("--event", help="only this devset event")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    parser.add_argument("--verbose", action="store_true", help="show evaluate.py's listing")
    args = parser.parse_args()
    out: dict[str, Any] = {"devset": None}

    print("== real coverage (devset)")
    if not (args.devset / "evaluate.py").is_file():
        print(f"devset not found at {args.devset}: skipped")
    else:
        try:
            out["devset"] = devset_figures(args.devset.resolve(), args.event, args.verbose)
        except CheckerFailed as error:
            print(f"the checker could not be run: {error}", file=sys.stderr)
            return 1
        if out["devset"]["events"]:
            print_devset(out["devset"], args.verbose)
        else:
            print(f"no devset event named {args.event!r}")
        del out["devset"]["listing"]

    try:
        out["seeds"] = seed_figures()
        out["cases"] = case_figures()
    except Exception as error:
        print(f"the checker could not be run: {error!r}", file=sys.stderr)
        return 1

    print(f"\n== seeds: {len(out['seeds']['loud'])} loud findings", end="")
    print(f" (of {out['seeds']['findings']})")
    for f in out["seeds"]["loud"]:
        print(f"{f['code']} {f['severity']} {f['message']}")

    print(f"\n== golden cases ({len(out['cases'])})")
    for name, c in out["cases"].items():
        line = f"{name:34} {c['status']}"
        if c["status"] == "differs":
            line += f": expected {' '.join(c['expected']) or '-'}, got {' '.join(c['got']) or '-'}"
        print(line)
    differ = sum(c["status"] != "ok" for c in out["cases"].values())
    print(f"{differ} of {len(out['cases'])} cases differ")

    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
