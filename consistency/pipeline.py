"""The pipeline: documents in, report out. No I/O happens here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from consistency import __version__
from consistency.baseline import accepted
from consistency.config import Config
from consistency.errors import IngestError, InternalError, internal_error
from consistency.extract import Extracted, extract_or_fail
from consistency.families import check_story
from consistency.heap import SETTLE_EVERY, records_kept, settle
from consistency.ingest import Document
from consistency.ingest.suppress import suppresses
from consistency.models import (
    Article,
    Baseline,
    Claim,
    Diagnostic,
    Finding,
    InputError,
    Report,
    Severity,
    Story,
    Summary,
    Suppression,
    Tool,
)
from consistency.parallel import shared_map
from consistency.rules import StoryInfo
from consistency.rules.suppressions import unused_suppressions
from consistency.stories import group, story_index
from consistency.storyfeatures import MemoryFeatures


def run(
    documents: list[Document],
    *,
    errors: Iterable[IngestError] = (),
    one_story: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Extract the claims of `documents`, group them into stories (or take them as one
    story) and check each story; report input errors alongside. `progress(done, total)`
    is called after each article is extracted."""
    records = []
    errors = list(errors)
    with records_kept():
        for done, doc in enumerate(documents, start=1):
            try:
                records.append(extract_or_fail(doc))
            except IngestError as exc:  # a bug: this article is reported, the others checked
                errors.append(exc)
            settle(done)
            if progress is not None:
                progress(done, len(documents))
        return run_extracted(records, errors=errors, one_story=one_story)


def run_extracted(
    records: list[Extracted],
    *,
    errors: Iterable[IngestError] = (),
    one_story: bool = False,
    jobs: int = 1,
) -> Report:
    """`run` after extraction: group the records into stories (or take them as one story)
    and check each story, on `jobs` processes when there are many stories (see `check`);
    `consistency.parallel.load_and_extract` makes the records."""
    ids = [r.id for r in records]
    with records_kept():
        if one_story:
            stories = {"all": ids} if ids else {}
        else:
            source = MemoryFeatures(
                {r.id: r.features for r in records},
                {r.id: r.article.story for r in records if r.article.story},
            )
            settle()  # the records and the features' counts stay to the end of grouping
            stories = group(source, ids, jobs=jobs)
            del source  # its counts (and postings, if built) are not needed to check the stories
        return check(records, stories=stories, errors=errors, jobs=jobs)


def check(
    records: list[Extracted],
    *,
    stories: Mapping[str, list[str]],
    errors: Iterable[IngestError] = (),
    focus: Collection[str] | None = None,
    jobs: int = 1,
) -> Report:
    """Compare the claims of each story's articles. With `focus`, keep only the findings
    (and diagnostics) that involve one of those articles (see `_involves`). The stories are
    checked on the executor in use, else on `jobs` processes when there are enough of them
    to be worth sending there (`shared_map`), else here: the same report either way."""
    by_id = {r.id: r for r in records}
    story_of = story_index(stories)
    findings: list[Finding] = []
    every: list[Finding] = []  # before the focus filter: what suppressions are judged by
    errors = list(errors)
    tasks = [_story_task(story, members, by_id) for story, members in stories.items()]
    unsettled = 0  # findings received since the last `settle`: they are kept to the end too
    for outcome in shared_map(_check_one, tasks, jobs=jobs):
        if isinstance(outcome, _Crashed):  # a bug: this story is reported, the others checked
            errors.append(InternalError(outcome.path, outcome.message))
            continue
        every.extend(outcome)
        unsettled += len(outcome)
        if unsettled >= SETTLE_EVERY:
            settle()
            unsettled = 0
        findings.extend(
            f if focus is None else _led_by(f, focus)
            for f in outcome
            if focus is None or _involves(f, focus)
        )
    suppressions = {r.id: r.article.suppressions for r in records if r.article.suppressions}
    kept = [f for f in findings if not _suppressed(f, suppressions)]
    articles = [
        r.article.model_copy(update={"story": story_of.get(r.id), "story_source": _story_source(r)})
        for r in records
    ]
    return _report(
        articles=articles,
        stories=[Story(id=s, articles=sorted(m)) for s, m in stories.items()],
        findings=sorted(kept, key=_finding_order),
        diagnostics=[d for r in records if focus is None or r.id in focus for d in r.diagnostics]
        + unused_suppressions([r for r in records if focus is None or r.id in focus], every),
        errors=[
            InputError(code=e.code, path=e.path, line=e.line, message=e.message) for e in errors
        ],
        claims=[c for r in records for c in r.claims],
        suppressed=len(findings) - len(kept),
    )


@dataclass(frozen=True)
class _StoryTask:
    """One story to check, all it needs: on the executor in use, it crosses to a worker."""

    story: str
    members: list[str]
    claims: list[Claim]
    info: StoryInfo


@dataclass(frozen=True)
class _Crashed:
    """A bug met checking a story, as it crosses back: the F199 error's path and message."""

    path: str
    message: str


def _story_task(story: str, members: list[str], by_id: Mapping[str, Extracted]) -> _StoryTask:
    mine = [by_id[a] for a in members if a in by_id]
    info = StoryInfo(  # this story's articles only: its dates place its undated claims
        paths={r.id: r.article.path for r in mine},
        published={r.id: r.article.published for r in mine},
    )
    return _StoryTask(story, members, [c for r in mine for c in r.claims], info)


def _check_one(task: _StoryTask) -> list[Finding] | _Crashed:
    """The findings of one story (`shared_map` runs it here or on a worker); a bug is
    returned, not raised, so that the other stories are checked."""
    try:
        findings = check_story(task.claims, task.info)
        for finding in findings:  # made here for this story: set in place, on the worker
            finding.story = task.story
        return findings
    except Exception as exc:
        paths = sorted(task.info.paths[a] for a in task.members if a in task.info.paths)
        shown = f"{', '.join(paths[:5])}{', …' if paths[5:] else ''}"
        error = internal_error(paths[0] if paths else task.story, f"checking story "
                               f"{task.story!r} ({shown})", exc)  # fmt: skip
        return _Crashed(error.path, error.message)


def _involves(finding: Finding, focus: Collection[str]) -> bool:
    """Is one of the `focus` articles on the disagreeing side of the finding: among the
    odd ones out, or among the sources when there is no majority? An article that sides
    with the majority does not make an older article's discrepancy its own."""
    if finding.majority_articles:
        return any(a in focus for a in finding.odd_articles)
    return any(e.article in focus for e in finding.claims)


def _led_by(finding: Finding, focus: Collection[str]) -> Finding:
    """The finding with its first evidence, the location CI formats annotate, in a `focus`
    article (an odd one when there is a majority): a pull request's annotation lands on
    the article it changes, never on an old one."""
    claims = finding.claims
    wanted = ("odd",) if finding.majority_articles else ("odd", "majority", "other")
    lead = next((i for i, e in enumerate(claims) if e.article in focus and e.role in wanted), 0)
    reordered = [claims[lead], *claims[:lead], *claims[lead + 1 :]]
    return replace(finding, claims=reordered)


def _story_source(record: Extracted) -> Literal["front_matter", "grouping"]:
    return "front_matter" if record.article.story else "grouping"


def _suppressed(finding: Finding, suppressions: dict[str, list[Suppression]]) -> bool:
    """Is the finding excused by an inline comment in one of its articles?"""
    return any(
        suppresses(s, finding.code, e.line)
        for e in finding.claims
        for s in suppressions.get(e.article, ())
    )


def _report(
    *,
    articles: list[Article],
    stories: list[Story],
    findings: list[Finding],
    diagnostics: list[Diagnostic],
    errors: list[InputError],
    claims: list[Claim],
    suppressed: int = 0,
    baselined: int = 0,
    stale: int = 0,
) -> Report:
    """A report with its summary counted from its contents."""
    counts = Counter(f.severity.value for f in findings)
    summary = Summary(
        articles=len(articles),
        claims=len(claims),
        findings=len(findings),
        by_severity={s.value: counts.get(s.value, 0) for s in Severity},
        diagnostics=len(diagnostics),
        errors=len(errors),
        stories=len(stories),
        suppressed=suppressed,
        baselined=baselined,
        stale_baseline=stale,
    )
    return Report(
        tool=Tool(version=__version__), articles=articles, stories=stories, findings=findings,
        diagnostics=diagnostics, errors=errors, claims=claims, summary=summary,
    )  # fmt: skip


def apply_config(report: Report, config: Config, base: Path | None = None) -> Report:
    """Keep only the findings and diagnostics the configuration selects. Report paths are
    relative to `base` (default: the working directory); per-path-ignores patterns are
    relative to the configuration file."""
    where = Path.cwd() if base is None else base

    def enabled(code: str, path: str | None) -> bool:
        return config.enabled(code, None if path is None else config.relative(where / path))

    findings = [
        f for f in report.findings if enabled(f.code, f.claims[0].path if f.claims else None)
    ]
    diagnostics = [d for d in report.diagnostics if enabled(d.code, d.path)]
    return _rebuilt(report, findings=findings, diagnostics=diagnostics)


def apply_baseline(
    report: Report, baseline: Baseline, scope: Collection[str] | None = None
) -> Report:
    """Leave out the findings the baseline accepts, counting them, and count the stale
    entries: those about the paths in `scope` (default: every path) whose finding did not
    come back."""
    findings = [f for f in report.findings if not accepted(f, baseline)]
    current = {f.fingerprint for f in report.findings}
    stale = sum(
        1 for e in baseline.findings
        if e.fingerprint not in current and (scope is None or set(e.paths) & set(scope))
    )  # fmt: skip
    return _rebuilt(
        report, findings=findings, baselined=len(report.findings) - len(findings), stale=stale
    )


def _rebuilt(
    report: Report,
    *,
    findings: list[Finding],
    diagnostics: list[Diagnostic] | None = None,
    baselined: int = 0,
    stale: int = 0,
) -> Report:
    return _report(
        articles=report.articles, stories=report.stories, findings=findings,
        diagnostics=report.diagnostics if diagnostics is None else diagnostics,
        errors=report.errors, claims=report.claims, suppressed=report.summary.suppressed,
        baselined=report.summary.baselined + baselined,
        stale=report.summary.stale_baseline + stale,
    )  # fmt: skip


def _finding_order(f: Finding) -> tuple[int, str, str, int]:
    first = f.claims[0] if f.claims else None
    return (-f.severity.rank, f.code, first.article if first else "", first.start if first else 0)
