"""What CI users copy: the GitHub Actions workflow example and the pre-commit hook.

Both are parsed with PyYAML and then run offline the way GitHub and pre-commit would run
them: the workflow's `run:` lines go through bash in a checkout that imitates a pull
request (a clone of a repository whose `main` holds the corpus, HEAD the merge commit),
with `${{ … }}` expressions, step conditions, GITHUB_STEP_SUMMARY and the cache action
emulated; the hook's command line is built as pre-commit builds it (entry split with
shlex, args, then the staged files its `files`/`exclude` patterns select) and run at the
root of a repository. A `consistency` on PATH runs this checkout's package.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency.ingest import ARTICLE_SUFFIXES, discover
from consistency.store import DEFAULT_PATH as DEFAULT_INDEX
from tests.test_ci_git import CONSISTENT, MISQUOTE, ROOT, git

WORKFLOW = ROOT / "examples" / "github-actions" / "consistency.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
LEDGER = "articles/metoo/ledger.md"  # the misquote
COURIER = "articles/metoo/courier.md"  # consistent with the corpus
MISQUOTE_LINE = next(
    n for n, text in enumerate(MISQUOTE.splitlines(), start=1) if text.startswith("“If all")
)


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    """A directory with a `consistency` executable that runs the package under test."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "consistency"
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m consistency "$@"\n')
    script.chmod(0o755)
    return folder


def newsroom(repo: Path) -> Path:
    """A repository whose `main` holds two stories (eight articles) and a non-article."""
    shutil.copytree(ROOT / "seeds", repo / "articles" / "metoo")
    shutil.copytree(ROOT / "tests" / "data" / "bridge-story", repo / "articles" / "bridge")
    (repo / "consistency.toml").write_text('corpus = ["articles"]\n')
    (repo / "notes.py").write_text("print('not an article')\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "corpus")
    return repo


def workflow_commands(output: str) -> list[str]:
    """The workflow commands that annotate files."""
    return [ln for ln in output.splitlines() if ln.startswith(("::error", "::warning"))]


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- GitHub Actions ---------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
TOKEN = re.compile(
    r"\s*(?:(?P<string>'[^']*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<call>\w+)\(\)"
    r"|(?P<ref>[A-Za-z_][\w.-]*))"
)
STATUS_CALLS = ("success", "failure", "always", "cancelled")


def condition_holds(condition: str, values: Mapping[str, str], *, failed: bool) -> bool:
    """A step's `if:` as GitHub evaluates it, for the operators this workflow uses; an
    implicit `success() &&` unless a status function is named."""
    text = condition.strip()
    if wrapped := EXPRESSION.fullmatch(text):
        text = wrapped.group(1)
    if not any(f"{call}()" in text for call in STATUS_CALLS):
        text = f"success() && ({text})" if text else "success()"
    calls = {"success": not failed, "failure": failed, "always": True, "cancelled": False}
    python, position = [], 0
    while position < len(text):
        token = TOKEN.match(text, position)
        assert token is not None and token.end() > position, f"unsupported: {text[position:]}"
        position = token.end()
        if token["string"] is not None:
            python.append(repr(token["string"][1:-1]))
        elif token["op"] is not None:
            python.append({"&&": " and ", "||": " or ", "!": " not "}.get(token["op"], token["op"]))
        elif token["call"] is not None:
            python.append(repr(calls[token["call"]]))
        else:
            python.append(repr(values.get(token["ref"], "")))  # unknown context: null
    return bool(eval("".join(python), {"__builtins__": {}}))


def hash_files(workspace: Path, patterns: list[str]) -> str:
    """Like GitHub's hashFiles(): one hash over the files the globs match."""
    digest = hashlib.sha256()
    files = {p for pattern in patterns for p in workspace.glob(pattern) if p.is_file()}
    for file in sorted(f for f in files if ".git" not in f.relative_to(workspace).parts):
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def substitute(text: str, values: Mapping[str, str], workspace: Path) -> str:
    """`${{ … }}` in a `run:` or `with:` value; an unknown expression fails the test."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        if call := re.fullmatch(r"hashFiles\((.*)\)", expression):
            return hash_files(workspace, re.findall(r"'([^']*)'", call.group(1)))
        assert expression in values, f"the test does not know ${{{{ {expression} }}}}"
        return values[expression]

    return EXPRESSION.sub(one, text)


@dataclass
class Step:
    name: str
    outcome: str  # success, failure, skipped
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    summary: str = ""


@dataclass
class Run:
    steps: list[Step]
    conclusion: str  # success or failure

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)


@dataclass
class Cache:
    """actions/cache's storage: key → saved directory, in saving order."""

    folder: Path
    entries: dict[str, Path] = field(default_factory=dict)
    restored: list[str] = field(default_factory=list)  # the keys restored, run by run

    def restore(self, workspace: Path, given: dict[str, str]) -> dict[str, str]:
        key, prefixes = given["key"], given.get("restore-keys", "").split()
        hit = key if key in self.entries else None
        if hit is None:
            matching = [k for k in self.entries if any(k.startswith(p) for p in prefixes)]
            hit = matching[-1] if matching else None
        if hit is not None:
            shutil.copytree(self.entries[hit], workspace / given["path"], dirs_exist_ok=True)
            self.restored.append(hit)
        return {"cache-hit": str(hit == key).lower(), "cache-primary-key": key}

    def save(self, workspace: Path, given: dict[str, str]) -> dict[str, str]:
        key = given["key"]
        if key not in self.entries:  # GitHub keeps the first cache saved under a key
            self.entries[key] = self.folder / f"{len(self.entries)}"
            shutil.copytree(workspace / given["path"], self.entries[key])
        return {}


def run_workflow(workspace: Path, *, event: str, base_ref: str, cache: Cache, bin_dir: Path) -> Run:
    """Run the workflow's job on `workspace` (already checked out) as a runner would."""
    workflow = load_yaml(WORKFLOW)
    (job,) = workflow["jobs"].values()
    values = {"github.event_name": event, "github.base_ref": base_ref, "runner.os": "Linux"}
    env = {
        **os.environ, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event,
        "GITHUB_BASE_REF": base_ref, "GITHUB_WORKSPACE": str(workspace),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }  # fmt: skip
    temp = workspace.parent / f"{workspace.name}.runner"  # RUNNER_TEMP
    temp.mkdir()

    def upload_sarif(ws: Path, given: dict[str, str]) -> dict[str, str]:
        assert json.loads((ws / given["sarif_file"]).read_text())["version"] == "2.1.0"
        return {}

    actions: dict[str, Callable[[Path, dict[str, str]], dict[str, str]]] = {
        "actions/checkout": lambda ws, given: {},  # the test checked the workspace out
        "actions/setup-python": lambda ws, given: {},  # this Python runs the tests
        "actions/cache/restore": cache.restore,
        "actions/cache/save": cache.save,
        "github/codeql-action/upload-sarif": upload_sarif,
    }
    steps: list[Step] = []
    failed = False
    for number, spec in enumerate(job["steps"]):
        name = spec.get("name") or spec.get("uses") or spec["run"]
        step = Step(name, "skipped")
        steps.append(step)
        if not condition_holds(str(spec.get("if", "")), values, failed=failed):
            values[f"steps.{spec.get('id')}.outcome"] = "skipped"
            continue
        outputs: dict[str, str] = {}
        if "uses" in spec:
            action = spec["uses"].split("@")[0]
            assert action in actions, f"the test does not emulate {spec['uses']}"
            given = {k: substitute(str(v), values, workspace) for k, v in spec["with"].items()}
            outputs = actions[action](workspace, given)
            step.outcome = "success"
        elif spec["run"].startswith("pip install"):
            step.outcome = "success"  # offline: the package under test is importable
        else:
            summary = temp / f"summary-{number}.md"
            summary.write_text("")
            script = temp / f"step-{number}.sh"
            script.write_text(substitute(spec["run"], values, workspace))
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace, env={**env, "GITHUB_STEP_SUMMARY": str(summary)},
                capture_output=True, text=True,
            )  # fmt: skip
            step.returncode, step.stdout, step.stderr = done.returncode, done.stdout, done.stderr
            step.summary = summary.read_text()
            step.outcome = "success" if done.returncode == 0 else "failure"
        if "id" in spec:
            values[f"steps.{spec['id']}.outcome"] = step.outcome
            values.update({f"steps.{spec['id']}.outputs.{k}": v for k, v in outputs.items()})
        if step.outcome == "failure" and not spec.get("continue-on-error"):
            failed = True
    return Run(steps, "failure" if failed else "success")


@pytest.fixture
def upstream(tmp_path: Path, bin_dir: Path) -> tuple[Path, Cache]:
    """The repository on GitHub, and the index its last push to `main` cached."""
    repo = newsroom(tmp_path / "upstream")
    cache = Cache(tmp_path / "cache")
    pushed = tmp_path / "push"
    git(tmp_path, "clone", "-q", str(repo), str(pushed))
    run = run_workflow(pushed, event="push", base_ref="", cache=cache, bin_dir=bin_dir)
    assert run.conclusion == "success", run
    assert "8 articles" in run.step("Index the corpus").stdout
    assert run.step("Check changed articles").outcome == "skipped"
    assert len(cache.entries) == 1
    return repo, cache


def pull_request(upstream: Path, workspace: Path, files: Mapping[str, str]) -> Path:
    """A branch of `upstream` with `files`, and the checkout actions/checkout makes of the
    pull request with fetch-depth 0: every branch as origin/*, HEAD the merge commit."""
    git(upstream, "checkout", "-q", "-b", "pr", "main")
    for name, text in files.items():
        (upstream / name).parent.mkdir(parents=True, exist_ok=True)
        (upstream / name).write_text(text, encoding="utf-8")
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "pull request")
    git(upstream, "checkout", "-q", "main")
    git(upstream.parent, "clone", "-q", "--no-checkout", str(upstream), str(workspace))
    git(workspace, "checkout", "-q", "--detach", "origin/main")
    git(workspace, "merge", "-q", "--no-ff", "-m", "Merge pr into main", "origin/pr")
    git(workspace, "branch", "-q", "-D", "main")  # the clone's; actions/checkout makes none
    return workspace


def test_workflow_triggers_checks_out_history_and_caches_the_index() -> None:
    workflow = load_yaml(WORKFLOW)
    on = workflow[True]  # YAML 1.1 reads the key `on` as true; so does PyYAML
    for suffix in ARTICLE_SUFFIXES:
        assert any(p.endswith(suffix) for p in on["pull_request"]["paths"]), suffix
    assert on["push"]["paths"] == on["pull_request"]["paths"]
    (job,) = workflow["jobs"].values()
    uses = {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}
    assert uses["actions/checkout"]["uses"] == "actions/checkout@v4"
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"  # not 3.1
    restore, save = uses["actions/cache/restore"], uses["actions/cache/save"]
    assert restore["uses"].endswith("@v4") and save["uses"].endswith("@v4")
    assert restore["with"]["path"] == save["with"]["path"] == DEFAULT_INDEX.parent.as_posix()
    assert "hashFiles(" in restore["with"]["key"]
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])
    assert save["with"]["key"] == f"${{{{ steps.{restore['id']}.outputs.cache-primary-key }}}}"
    assert "!cancelled()" in save["if"]  # saved when the check fails too
    assert workflow["permissions"]["security-events"] == "write"
    assert uses["github/codeql-action/upload-sarif"]["uses"].endswith("@v3")


def test_every_ci_run_of_the_workflow_compares_with_the_same_base_and_baseline() -> None:
    (job,) = load_yaml(WORKFLOW)["jobs"].values()
    texts = [s["run"] for s in job["steps"] if "consistency ci" in s.get("run", "")]
    runs = [shlex.split(text) for text in texts]
    assert len(runs) == 3  # annotations, summary, SARIF
    baseline = "$([ -f .consistency-baseline.json ] && echo --baseline .consistency-baseline.json)"
    for text, argv in zip(texts, runs, strict=True):
        option = {a: argv[n + 1] for n, a in enumerate(argv[:-1]) if a.startswith("--")}
        assert option["--base"] == "origin/${{ github.base_ref }}"
        assert baseline in text  # passed once the file exists: a missing --baseline fails
    formats = [a[a.index("--format") + 1] for a in runs]
    assert formats == ["github", "markdown", "sarif"]
    assert "--fail-level" not in runs[0]  # the annotations run decides the job
    assert all(a[a.index("--fail-level") + 1] == "none" for a in runs[1:])


def test_workflow_fails_a_pull_request_with_a_misquote_and_annotates_it(
    upstream: tuple[Path, Cache], tmp_path: Path, bin_dir: Path
) -> None:
    repo, cache = upstream
    workspace = pull_request(repo, tmp_path / "workspace", {LEDGER: MISQUOTE})
    run = run_workflow(
        workspace, event="pull_request", base_ref="main", cache=cache, bin_dir=bin_dir
    )

    check = run.step("Check changed articles")
    assert check.returncode == 1, check.stdout + check.stderr
    found = workflow_commands(check.stdout)
    assert len(found) == 1, check.stdout
    assert found[0].startswith(f"::warning file={LEDGER},line={MISQUOTE_LINE},")
    assert "Q101" in found[0]
    assert run.conclusion == "failure"
    assert [s.name for s in run.steps if s.outcome == "failure"] == ["Check changed articles"]

    summary = run.step("Summary")
    assert summary.returncode == 0, summary.stderr
    assert summary.summary.startswith("# Consistency report")
    assert (
        "`Q101`" in summary.summary and f"| odd | `{LEDGER}` | {MISQUOTE_LINE}:" in summary.summary
    )

    sarif = json.loads((workspace / "consistency.sarif").read_text())
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "Q101"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == LEDGER
    assert run.step("Upload SARIF").outcome == "success"

    # The pull request restored the index that main saved, and saved its own.
    assert cache.restored == [next(iter(cache.entries))]
    assert len(cache.entries) == 2
    assert run.step("Save the index").outcome == "success"


def test_the_cached_index_is_reused_by_another_checkout(
    upstream: tuple[Path, Cache], tmp_path: Path, bin_dir: Path
) -> None:
    """Paths in the index are relative and fresh mtimes fall back to content hashes: the
    restored index spares the pull request re-extracting the corpus."""
    repo, cache = upstream
    workspace = pull_request(repo, tmp_path / "workspace", {COURIER: CONSISTENT})
    (saved,) = cache.entries.values()
    shutil.copytree(saved, workspace / ".consistency")
    probe = subprocess.run(
        ["consistency", "index"], cwd=workspace, capture_output=True, text=True,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("indexed 1 new or changed, 8 unchanged, 0 removed"), probe.stdout


def test_workflow_passes_a_consistent_pull_request(
    upstream: tuple[Path, Cache], tmp_path: Path, bin_dir: Path
) -> None:
    repo, cache = upstream
    workspace = pull_request(repo, tmp_path / "workspace", {COURIER: CONSISTENT})
    run = run_workflow(
        workspace, event="pull_request", base_ref="main", cache=cache, bin_dir=bin_dir
    )
    assert run.conclusion == "success", [(s.name, s.outcome, s.stderr) for s in run.steps]
    check = run.step("Check changed articles")
    assert check.returncode == 0 and workflow_commands(check.stdout) == []
    assert "**0 findings (0 errors, 0 warnings, 0 info) in" in run.step("Summary").summary


def test_workflow_passes_a_misquote_accepted_in_the_baseline(
    upstream: tuple[Path, Cache], tmp_path: Path, bin_dir: Path
) -> None:
    repo, cache = upstream
    author = newsroom(tmp_path / "author")  # the author's clone: accept the finding locally
    git(author, "checkout", "-q", "-b", "pr")
    (author / LEDGER).write_text(MISQUOTE, encoding="utf-8")
    accepted = subprocess.run(
        ["consistency", "ci", "--base", "main", "--baseline", ".consistency-baseline.json",
         "--update-baseline", "--reason", "paraphrased on purpose"],
        cwd=author, capture_output=True, text=True,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    baseline = (author / ".consistency-baseline.json").read_text()
    files = {LEDGER: MISQUOTE, ".consistency-baseline.json": baseline}
    workspace = pull_request(repo, tmp_path / "workspace", files)
    run = run_workflow(
        workspace, event="pull_request", base_ref="main", cache=cache, bin_dir=bin_dir
    )
    assert run.conclusion == "success", [(s.name, s.outcome, s.stdout) for s in run.steps]
    assert workflow_commands(run.step("Check changed articles").stdout) == []
    assert "**0 findings" in run.step("Summary").summary  # the summary honours it too
    assert json.loads((workspace / "consistency.sarif").read_text())["runs"][0]["results"] == []


def test_condition_model_follows_github() -> None:
    """The few rules of GitHub's `if:` the emulation relies on."""
    values = {"github.event_name": "push", "steps.check.outcome": "failure"}
    assert condition_holds("github.event_name == 'push'", values, failed=False)
    assert not condition_holds("github.event_name == 'push'", values, failed=True)
    assert not condition_holds("", values, failed=True)
    assert condition_holds(
        "${{ !cancelled() && steps.check.outcome != 'skipped' }}", values, failed=True
    )
    assert not condition_holds("${{ !cancelled() && steps.x.outcome == 'success' }}", values,
                               failed=True)  # fmt: skip


# --- pre-commit ---------------------------------------------------------------------------

# The hook keys the emulation below implements; a `types`/`types_or` filter would need
# pre-commit's `identify`, which the test does not have.
MODELLED_KEYS = {"id", "name", "description", "entry", "language", "files", "exclude", "args",
                 "pass_filenames", "always_run", "require_serial"}  # fmt: skip


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in load_yaml(HOOKS)}


def selected(hook: Mapping[str, Any], filenames: list[str]) -> list[str]:
    """The files pre-commit hands a hook: `files` searched, `exclude` searched out."""
    include, exclude = re.compile(hook.get("files", "")), re.compile(hook.get("exclude", "^$"))
    return [f for f in filenames if include.search(f) and not exclude.search(f)]


def hook_command(hook: Mapping[str, Any], staged: list[str]) -> list[str] | None:
    """The command pre-commit runs for the staged files, or None when it skips the hook."""
    assert set(hook) <= MODELLED_KEYS, set(hook) - MODELLED_KEYS
    files = selected(hook, staged)
    if not files and not hook.get("always_run", False):
        return None
    passed = files if hook.get("pass_filenames", True) else []
    return [*shlex.split(hook["entry"]), *hook.get("args", []), *passed]


def staged_files(repo: Path) -> list[str]:
    """What pre-commit asks git for before a commit."""
    out = git(repo, "diff", "--staged", "--name-only", "--no-ext-diff", "-z",
              "--diff-filter=ACMRTUXB")  # fmt: skip
    return [name for name in out.split("\0") if name]


def commit_hook(repo: Path, bin_dir: Path) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    command = hook_command(hooks()["consistency"], staged_files(repo))
    assert command is not None, "pre-commit would skip the hook"
    done = subprocess.run(
        command, cwd=repo, capture_output=True, text=True,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    return command, done


def test_hook_definition() -> None:
    (hook,) = load_yaml(HOOKS)
    assert hook["id"] == "consistency" and hook["name"]
    assert shlex.split(hook["entry"]) == ["consistency", "ci"]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True


def test_hook_selects_what_consistency_index_reads(tmp_path: Path) -> None:
    names = [
        "a.txt", "b.MD", "c.markdown", "d.html", "e.HTM", "sub/f.md", "README.md",
        "sub/readme.MD", ".github/pull_request_template.md", "sub/.draft.md", "notes.py",
        "g.mdx", "h.txt.bak", "i.rst", "readme.md.txt",
    ]  # fmt: skip
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text\n")
    files, _ = discover([tmp_path])
    read = sorted(f.relative_to(tmp_path).as_posix() for f, _root in files)
    assert sorted(selected(hooks()["consistency"], names)) == read
    assert read == ["a.txt", "b.MD", "c.markdown", "d.html", "e.HTM", "readme.md.txt", "sub/f.md"]


def test_hook_refuses_a_commit_with_a_misquote(tmp_path: Path, bin_dir: Path) -> None:
    repo = newsroom(tmp_path / "newsroom")  # not indexed yet: the hook builds the index
    (repo / LEDGER).write_text(MISQUOTE, encoding="utf-8")
    (repo / "notes.py").write_text("print('still not an article')\n")
    (repo / "articles" / "metoo" / "README.md").write_text("# Sources\n\nNot an article.\n")
    (repo / ".github").mkdir()
    (repo / ".github" / "pull_request_template.md").write_text("Describe the change.\n")
    git(repo, "add", ".")
    command, done = commit_hook(repo, bin_dir)
    assert command == ["consistency", "ci", LEDGER]  # notes.py, READMEs, .github left out
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{LEDGER}:{MISQUOTE_LINE}:1: Q101" in done.stdout
    assert (repo / DEFAULT_INDEX).is_file()
    assert ".consistency" not in git(repo, "status", "--porcelain")  # ignored, never staged


def test_hook_accepts_a_consistent_article_and_skips_other_commits(
    tmp_path: Path, bin_dir: Path
) -> None:
    repo = newsroom(tmp_path / "newsroom")
    (repo / COURIER).write_text(CONSISTENT, encoding="utf-8")
    git(repo, "add", COURIER)
    command, done = commit_hook(repo, bin_dir)
    assert command == ["consistency", "ci", COURIER]
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 findings" in done.stdout

    git(repo, "commit", "-qm", "courier")
    (repo / "notes.py").write_text("print('edited')\n")
    git(repo, "add", "notes.py")
    assert hook_command(hooks()["consistency"], staged_files(repo)) is None
