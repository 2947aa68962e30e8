"""End to end: a git repository of two stories, `consistency index`, then `consistency ci`
on a branch that adds a misquoting article and a consistent one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MISQUOTE = """---
outlet: Evening Ledger
published: 2017-10-16
---

# Women share stories of harassment under #MeToo

Actress Alyssa Milano asked women on Sunday to reply to her tweet if they had been
sexually harassed or assaulted, after the allegations against Harvey Weinstein.

Milano, whose Charmed co-star Rose McGowan has accused Weinstein, wrote:
“If all the women who have been sexually harassed or assaulted wrote ‘Me too’ as a status,
we could give people a sense of the magnitude of the problem.”

Thousands of women, including celebrities, answered with #MeToo on Twitter and Facebook.
"""
CONSISTENT = """---
outlet: Morning Courier
published: 2017-10-16
---

# #MeToo: Milano's call answered by thousands

Alyssa Milano, the Charmed actress and a friend of Rose McGowan, urged women harassed or
assaulted to speak up on Sunday, as allegations against Harvey Weinstein mounted.

“If all the women who have been sexually harassed or assaulted wrote ‘Me too.’ as a status,
we might give people a sense of the magnitude of the problem,” Milano tweeted.

The hashtag #MeToo was soon trending on Twitter.
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def consistency(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consistency", *args], cwd=repo, capture_output=True, text=True
    )


def annotations(output: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith(("::error", "::warning"))]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the five seeds and a second story, indexed; branch `new` checked out."""
    repo = tmp_path / "newsroom"
    shutil.copytree(ROOT / "seeds", repo / "articles" / "metoo")
    shutil.copytree(ROOT / "tests" / "data" / "bridge-story", repo / "articles" / "bridge")
    (repo / "consistency.toml").write_text('corpus = ["articles"]\n')
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "corpus")
    indexed = consistency(repo, "index")
    assert indexed.returncode == 0, indexed.stderr
    assert "8 articles" in indexed.stdout
    git(repo, "checkout", "-q", "-b", "new")
    return repo


def add_articles(repo: Path) -> None:
    (repo / "articles" / "metoo" / "ledger.md").write_text(MISQUOTE, encoding="utf-8")
    (repo / "articles" / "metoo" / "courier.md").write_text(CONSISTENT, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "two new articles")


def test_ci_flags_the_misquote_once_and_the_baseline_accepts_it(repo: Path) -> None:
    add_articles(repo)
    run = consistency(repo, "ci", "--base", "main", "--format", "github")
    assert run.returncode == 1, run.stdout + run.stderr
    found = annotations(run.stdout)
    lines = MISQUOTE.splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("“If all"))
    assert len(found) == 1, found
    assert found[0].startswith(f"::warning file=articles/metoo/ledger.md,line={line},")
    assert "Q101" in found[0]
    assert "courier.md" not in run.stdout.split("::", 2)[1]

    accepted = consistency(
        repo, "ci", "--base", "main", "--baseline", "baseline.json", "--update-baseline",
        "--reason", "the Ledger paraphrased on purpose",
    )  # fmt: skip
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert len(entries) == 1
    assert entries[0]["code"] == "Q101"
    assert "articles/metoo/ledger.md" in entries[0]["paths"]
    assert "articles/metoo/courier.md" in entries[0]["paths"]  # it sides with the majority
    assert entries[0]["reason"] == "the Ledger paraphrased on purpose"

    again = consistency(repo, "ci", "--base", "main", "--baseline", "baseline.json", "-f", "github")
    assert again.returncode == 0, again.stdout
    assert annotations(again.stdout) == []

    # An unrelated edit moves the quote down two lines; the fingerprint does not move.
    ledger = repo / "articles" / "metoo" / "ledger.md"
    ledger.write_text(
        MISQUOTE.replace("after the allegations", "soon after the\nfirst allegations"),
        encoding="utf-8",
    )
    edited = consistency(
        repo, "ci", "--base", "main", "--baseline", "baseline.json", "-f", "github"
    )
    assert edited.returncode == 0, edited.stdout + edited.stderr
    assert annotations(edited.stdout) == []


def test_ci_reports_nothing_for_a_consistent_article_alone(repo: Path) -> None:
    (repo / "articles" / "metoo" / "courier.md").write_text(CONSISTENT, encoding="utf-8")
    run = consistency(repo, "ci", "--base", "main", "-f", "github")  # untracked files count too
    assert run.returncode == 0, run.stdout + run.stderr
    assert annotations(run.stdout) == []


def test_ci_on_the_base_itself_checks_nothing(repo: Path) -> None:
    run = consistency(repo, "ci", "--base", "main", "-f", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["findings"] == []


def test_ci_with_an_unknown_base_is_a_clear_error(repo: Path) -> None:
    run = consistency(repo, "ci", "--base", "origin/nope")
    assert run.returncode == 2
    assert "origin/nope" in run.stderr and "Traceback" not in run.stderr


def _indexed(repo: Path) -> dict[str, str]:
    import sqlite3

    with sqlite3.connect(repo / ".consistency" / "index.sqlite") as db:
        return dict(db.execute("SELECT path, hash FROM articles"))


def test_ci_refreshes_only_what_git_says_changed_since_the_index(repo: Path) -> None:
    """The index records the commit it matches; `ci` refreshes the paths git says differ
    from it (committed, uncommitted, deleted) and walks nothing else. A change git cannot
    see (an ignored file) waits for --refresh-all."""
    hidden = "articles/metoo/wire.txt"  # in the corpus, ignored by git
    (repo / ".gitignore").write_text(f"{hidden}\n")
    (repo / hidden).write_text("Ana Cruz said on Monday the bridge would open in May.\n")
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-qm", "ignore the wire copy")
    assert consistency(repo, "index").returncode == 0  # walks the corpus, wire.txt too
    before = _indexed(repo)
    seeds = sorted(p.name for p in (repo / "articles" / "metoo").glob("0*.txt"))
    edited, deleted = seeds[0], seeds[1]
    (repo / "articles" / "metoo" / edited).write_text(
        (repo / "articles" / "metoo" / edited).read_text() + "\nA line added later.\n"
    )
    git(repo, "rm", "-q", f"articles/metoo/{deleted}")
    git(repo, "commit", "-qam", "edit one, delete one")
    (repo / hidden).write_text("Ana Cruz said on Tuesday the bridge would open in June.\n")
    (repo / "articles" / "metoo" / "ledger.md").write_text(MISQUOTE, encoding="utf-8")
    run = consistency(repo, "ci", "--base", "main", "-f", "json")
    assert run.returncode == 1, run.stderr
    after = _indexed(repo)
    assert f"articles/metoo/{deleted}" not in after
    assert after[f"articles/metoo/{edited}"] != before[f"articles/metoo/{edited}"]
    assert "articles/metoo/ledger.md" in after
    assert after[hidden] == before[hidden]  # git cannot see it: not even stat-ed
    full = consistency(repo, "ci", "--base", "main", "-f", "json", "--refresh-all")
    assert full.returncode == 1, full.stderr
    assert _indexed(repo)[hidden] != before[hidden]
