"""Fuzz the whole check for a long time: mutated articles through ingest, pipeline and renderers.

Usage: ``python3 benchmarks/fuzz.py [--inputs N | --seconds S] [--seed 0] [--out DIR]``,
or ``--replay FILE`` to run one saved reproducer again. Each input is one to three files
mutated from seeds/ and tests/cases/ (tests/fuzzing.py says how); a failure is printed with
its traceback and saved as JSON (file name -> bytes in base64) under --out, outside the repo.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import signal
import sys
import time
import traceback
from pathlib import Path

SLOW = 10.0  # seconds: an input slower than this is saved too
STALL = 60  # seconds: an input still running after this is a failure, saved, and skipped


class Stalled(BaseException):
    """An input ran past STALL seconds."""


def _stalled(signum: int, frame: object) -> None:
    raise Stalled


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consistency.errors import ConsistencyError  # noqa: E402
from tests.fuzzing import build, check_files, random_case, seed_texts  # noqa: E402


def files_of(rng: random.Random, seeds: list[str]) -> dict[str, bytes]:
    """One random input: file name -> bytes."""
    case = random_case(rng, len(seeds))
    return {f"a{k}{c.suffix}": build(c, seeds) for k, c in enumerate(case)}


def save(out: Path, number: int, files: dict[str, bytes], error: str) -> Path:
    """Write a reproducer; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"crash-{number:06d}.json"
    data = {name: base64.b64encode(b).decode() for name, b in files.items()}
    path.write_text(json.dumps({"files": data, "error": error}, indent=1), encoding="utf-8")
    return path


def replay(path: Path) -> None:
    """Run one saved reproducer and let its exception through."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    files = {name: base64.b64decode(b) for name, b in saved["files"].items()}
    for name, data in files.items():
        print(f"{name}: {data[:300]!r}{' …' if len(data) > 300 else ''}")
    check_files(files)
    print("no failure")


def fuzz(inputs: int | None, seconds: float | None, seed: int, out: Path) -> int:
    """Run inputs until the count or the time is spent; return the number of failures."""
    seeds, rng = seed_texts(), random.Random(seed)
    signal.signal(signal.SIGALRM, _stalled)
    start, done, failures, kinds = time.monotonic(), 0, 0, set()
    while (inputs is None or done < inputs) and (
        seconds is None or time.monotonic() - start < seconds
    ):
        files = files_of(rng, seeds)
        done += 1
        began = time.monotonic()
        signal.alarm(STALL)
        try:
            check_files(files)
            if time.monotonic() - began > SLOW:
                print(f"SLOW input {done}: {save(out, done, files, 'slow')}")
        except Stalled:
            failures += 1
            print(f"STALL (over {STALL} s) at input {done}: {save(out, done, files, 'stall')}")
        except ConsistencyError:
            continue  # a documented input error that escaped load() would be caught here
        except Exception as exc:
            failures += 1
            tb = traceback.format_exc()
            where = traceback.extract_tb(exc.__traceback__)[-1]
            kind = (type(exc).__name__, where.filename, where.lineno)
            if kind not in kinds:  # print each distinct failure once, save them all
                kinds.add(kind)
                print(f"FAIL #{failures} at input {done}: {save(out, done, files, tb)}\n{tb}")
            else:
                save(out, done, files, tb)
        finally:
            signal.alarm(0)
        if done % 100 == 0:
            rate = done / (time.monotonic() - start)
            print(f"{done:,} inputs, {failures} failures, {rate:.0f}/s", file=sys.stderr)
    print(f"{done:,} inputs run, {failures} failures ({len(kinds)} distinct)")
    return failures


def main() -> None:
    """Parse the command line and fuzz (or replay)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, help="stop after N inputs")
    parser.add_argument("--seconds", type=float, help="stop after S seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("/tmp/consistency-fuzz"))
    parser.add_argument("--replay", type=Path, help="run one saved reproducer")
    args = parser.parse_args()
    if args.replay:
        replay(args.replay)
        return
    if args.inputs is None and args.seconds is None:
        args.inputs = 1000
    sys.exit(1 if fuzz(args.inputs, args.seconds, args.seed, args.out) else 0)


if __name__ == "__main__":
    main()
