"""The report as one self-contained HTML page: stories, findings with their sources side by
side, and the articles' texts with every claim highlighted and linked both ways.

No network: inline CSS and a small script only (see `markup`). All data is escaped by
`el`; the only links are in-page anchors (an article's URL is shown as text). Without the
articles' texts the evidence's context sentences stand in for them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from consistency.models import Article, Evidence, Finding, Report, Severity, Story
from consistency.render.common import (
    count_of,
    diff_parts,
    extracted_note,
    one_line,
    summary_line,
)
from consistency.render.markup import Markup, el, join, join_with, page, start_tag

MAX_EXCERPT = 400  # characters of a paragraph shown beside the other sources
ROLE = {"odd": "odd one out", "majority": "majority", "other": "other version"}
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+")


@dataclass(frozen=True)
class _Mark:
    """A claim's span in an article's text, and where the page links it."""

    start: int
    end: int
    id: str  # the <mark>'s id in the article's text
    back: str  # the finding-side mark it links back to
    number: int  # the finding's number


def _ids(n: int, m: int) -> tuple[str, str]:
    """Ids of evidence m of finding n: its mark in the finding, its mark in the text."""
    return f"f{n}e{m}", f"t{n}e{m}"


def _located(report: Report, texts: Mapping[str, str] | None) -> dict[str, str]:
    """The texts of the articles in findings whose every span holds its evidence's text
    (for the others, the page falls back to the context sentences)."""
    claims = [e for f in report.findings for e in f.claims]
    out = {e.article: (texts or {}).get(e.article) for e in claims}
    bad = {e.article for e in claims if (out[e.article] or "")[e.start : e.end] != e.text}
    return {a: t for a, t in out.items() if t is not None and a not in bad}


def _sentences(source: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """[lo, hi) narrowed to whole sentences around [start, end), about MAX_EXCERPT long."""
    while hi - lo > MAX_EXCERPT + end - start:
        left = [m.end() for m in _SENTENCE_END.finditer(source, lo, start)]
        right = _SENTENCE_END.search(source, end, hi)
        if start - lo >= hi - end and left:
            lo = left[0] if left[0] > lo else left[1] if len(left) > 1 else start
        elif right is not None:
            hi = right.start()
        else:  # no sentence ends on the long side: cut at a space
            lo = max(lo, source.find(" ", max(lo, start - MAX_EXCERPT // 2), start) + 1)
            hi = min(hi, end + MAX_EXCERPT // 2)
            break
    return lo, hi


def _paragraph(source: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around [start, end): between blank lines, else its lines, else its
    sentences."""
    before = [m.end() for m in _BLANK_LINE.finditer(source, 0, start)]
    after = _BLANK_LINE.search(source, end)
    lo, hi = (before[-1] if before else 0), (after.start() if after else len(source))
    if hi - lo > MAX_EXCERPT:
        lo, hi = source.rfind("\n", 0, start) + 1, source.find("\n", end)
        hi = len(source) if hi < 0 else hi
    return _sentences(source, lo, hi, start, end)


def _excerpt(e: Evidence, source: str | None, mark_id: str, title: str) -> Markup:
    """The claim highlighted in its paragraph (or in its context sentence, or alone)."""
    if source is not None:
        lo, hi = _paragraph(source, e.start, e.end)
        lead = "… " if lo > 0 and source[lo - 1] != "\n" else ""
        tail = " …" if hi < len(source) and source[hi] != "\n" else ""
        mark = el("mark", e.text, id=mark_id, title=title)
        return join([lead + source[lo : e.start].lstrip(), mark, source[e.end : hi] + tail])
    claim, context = " ".join(e.text.split()), e.context or ""
    mark = el("mark", claim, id=mark_id, title=title)
    at = context.find(claim) if claim else -1
    if at < 0:
        return join([mark, f" ({context})" if context else ""])
    return join([context[:at], mark, context[at + len(claim) :]])


def _when(a: Article | None) -> str | None:
    return a.published.isoformat() if a is not None and a.published is not None else None


def _evidence(e: Evidence, n: int, m: int, a: Article | None, source: str | None) -> Markup:
    """One source's column in a finding: role, where, who, the claim in its paragraph."""
    here, there = _ids(n, m)
    meta = " · ".join(x for x in (a.outlet if a else None, _when(a), e.speaker) if x)
    where = el("a", f"{e.path}:{e.line}:{e.column}", href=f"#{there}", title="In the text")
    return el(
        "div",
        el("p", ROLE[e.role], class_="role"), el("p", where), el("p", meta, class_="meta"),
        el("blockquote", _excerpt(e, source, here, f"finding {n}")),
        class_=f"ev {e.role}",
    )  # fmt: skip


def _diff(f: Finding) -> Markup | None:
    """The word diff of a quotation, the pieces the Markdown report shows."""
    if not f.diff:
        return None
    tags = {"del": "del", "ins": "ins", "equal": "span"}
    words = [el(tags[kind], part) for kind, part in diff_parts(f.diff)]
    label = "majority → odd one out" if f.odd_articles else "first → second version"
    return el("p", f"Word diff ({label}): ", join_with(" ", words), class_="diff")


def _message(f: Finding) -> tuple[str, str | None]:
    """The message, and why its claims were compared (taken out of the message)."""
    why, score = f.args.get("why"), f.args.get("score")
    if not isinstance(why, str) or not why:
        return f.message, None
    line = f"Aligned on: {why}" + (f" (similarity {score})" if score else "")
    return f.message.removesuffix(f" (aligned on: {why})"), line


def _finding(f: Finding, n: int, articles: dict[str, Article], texts: Mapping[str, str]) -> Markup:
    """A finding: severity, code and message, the word diff, the sources side by side."""
    message, why = _message(f)
    head = el(
        "h3",
        el("a", f"{n}.", href=f"#f{n}"), " ", el("span", f.severity.value, class_="sev"), " ",
        el("code", f.code), f" {f.name}",
        el("span", f" · story {f.story}", class_="meta") if f.story else None,
    )  # fmt: skip
    columns = [
        _evidence(e, n, m, articles.get(e.article), texts.get(e.article))
        for m, e in enumerate(f.claims, start=1)
    ]
    return el(
        "article",
        head, el("p", message), el("p", why, class_="why") if why else None, _diff(f),
        el("div", join_with("\n", columns), class_="sources"),
        id=f"f{n}", class_=f"finding {f.severity.value}", data_severity=f.severity.value,
        data_code=f.code,
    )  # fmt: skip


def _filters(report: Report) -> Markup:
    """Severity and code checkboxes, hidden until the script shows them (and obeys them)."""
    by_sev = Counter(f.severity.value for f in report.findings)
    by_code = Counter(f.code for f in report.findings)
    names = {f.code: f.name for f in report.findings}

    def box(group: str, value: str, label: str) -> Markup:
        check = el("input", type="checkbox", name=group, value=value, checked=True)
        return el("label", check, f" {label}")

    sev = [box("severity", s.value, f"{s.value} ({by_sev[s.value]})") for s in Severity]
    codes = [box("code", c, f"{c} {names[c]} ({by_code[c]})") for c in sorted(by_code)]
    return el(
        "div",
        el("fieldset", el("legend", "Severity"), *sev),
        el("fieldset", el("legend", "Code"), *codes),
        el("p", id="shown", aria_live="polite"),
        id="filters", class_="filters", hidden=True,
    )  # fmt: skip


def _story_table(story: Story, report: Report, anchors: dict[str, str]) -> Markup:
    """A story's articles, and how many of its findings involve each, by severity."""
    known = {s.id for s in report.stories}
    findings = [f for f in report.findings if (f.story if f.story in known else "") == story.id]
    by_id = {a.id: a for a in report.articles}
    head = ("article", "outlet", "published", "title", "path", *(s.value for s in Severity))
    rows = [el("tr", *(el("th", h) for h in head))]
    involved = [(f.severity, {e.article for e in f.claims}) for f in findings]
    for aid in story.articles:
        a = by_id.get(aid)
        sev = Counter(severity for severity, ids in involved if aid in ids)
        name = el("a", aid, href=f"#{anchors[aid]}") if aid in anchors else el("code", aid)
        cells = [a.outlet, _when(a), a.title, a.path] if a else [None] * 4
        counts = [el("td", str(sev[s])) for s in Severity]
        rows.append(el("tr", el("td", name), *(el("td", c or "—") for c in cells), *counts))
    total = Counter(f.severity for f in findings)
    counts_line = ", ".join(count_of(total[s], s) for s in Severity)
    return el(
        "section",
        el("h3", "Story ", el("code", story.id) if story.id else "(articles in no story)"),
        el("p", f"{len(story.articles)} articles; findings: {counts_line}", class_="meta"),
        el("table", join_with("\n", rows)),
        class_="story",
    )  # fmt: skip


def _stories(report: Report) -> list[Story]:
    """The report's stories, and one more for articles in none."""
    placed = {a for s in report.stories for a in s.articles}
    rest = [a.id for a in report.articles if a.id not in placed]
    return [*report.stories, Story(id="", articles=rest)] if rest else list(report.stories)


def _line(source: str, lo: int, hi: int, marks: list[_Mark], opened: set[str]) -> Markup:
    """One line of text, each claim in a <mark> (nested where claims nest; a mark that
    crosses another or a line break goes on in `cont` marks, `data-part-of` its id)."""
    here = [m for m in marks if m.start < hi and m.end > lo]
    cuts = sorted({lo, hi, *(x for m in here for x in (m.start, m.end) if lo < x < hi)})
    parts: list[str] = []
    stack: list[_Mark] = []
    for p0, p1 in pairwise(cuts):
        want = [m for m in here if m.start <= p0 and p1 <= m.end]
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        parts += [Markup("</mark>")] * (len(stack) - keep)
        for m in want[keep:]:
            first = m.id not in opened
            opened.add(m.id)
            attrs = {"id": m.id} if first else {"class_": "cont", "data_part_of": m.id}
            parts.append(start_tag("mark", **attrs, title=f"finding {m.number}"))
        stack = want
        parts.append(source[p0:p1])
    return join([*parts, *[Markup("</mark>")] * len(stack)])


def _article_text(source: str, marks: list[_Mark], k: int) -> Markup:
    """The text line by line, numbered, with links back to the findings of its claims."""
    lines, lo, opened = [], 0, set[str]()
    for no, line in enumerate(source.split("\n"), start=1):
        hi = lo + len(line)
        backs = [
            el("a", str(m.number), href=f"#{m.back}", title=f"Back to finding {m.number}")
            for m in marks
            if lo <= m.start <= hi
        ]
        lines.append(
            el(
                "div",
                el("a", str(no), class_="ln", href=f"#a{k}L{no}"),
                el("span", *backs, class_="refs"),
                el("span", _line(source, lo, hi, marks, opened), class_="t"),
                class_="line",
                id=f"a{k}L{no}",
            )  # fmt: skip
        )
        lo = hi + 1
    return el("div", join_with("\n", lines), class_="text")


def _marks(report: Report, located: Mapping[str, str]) -> dict[str, list[_Mark]]:
    """The claims of the findings in each article, outer spans first."""
    out: dict[str, list[_Mark]] = {}
    for n, f in enumerate(report.findings, start=1):
        for m, e in enumerate(f.claims, start=1):
            here, there = _ids(n, m)
            if e.article in located and e.start < e.end:
                out.setdefault(e.article, []).append(_Mark(e.start, e.end, there, here, n))
    return {a: sorted(ms, key=lambda m: (m.start, -m.end)) for a, ms in out.items()}


def _excerpts(report: Report, aid: str) -> Markup:
    """An article whose text the page does not have: each claim in its context sentence."""
    items = [
        el(
            "div",
            el("span", f"{e.line}:{e.column}", class_="ln"),
            el("span", el("a", str(n), href=f"#{_ids(n, m)[0]}"), class_="refs"),
            el("span", _excerpt(e, None, _ids(n, m)[1], f"finding {n}"), class_="t"),
            class_="line",
        )  # fmt: skip
        for n, f in enumerate(report.findings, start=1)
        for m, e in enumerate(f.claims, start=1)
        if e.article == aid
    ]
    note = el("p", "The article's text is not in this report: its claims in context.")
    return join([note, el("div", join_with("\n", items), class_="text")])


def _texts(report: Report, located: Mapping[str, str], anchors: dict[str, str]) -> Markup:
    """The articles of the findings: their texts with the claims marked, or excerpts."""
    marks = _marks(report, located)
    sections = []
    for k, a in enumerate(report.articles):
        if a.id not in anchors:
            continue
        source = located.get(a.id)
        meta = [a.id, a.outlet, _when(a), a.title, a.url]
        if a.text_source == "extracted":
            meta.append("text extracted from the HTML page")
        body = (
            _excerpts(report, a.id)
            if source is None
            else _article_text(source, marks.get(a.id, []), k)
        )
        sections.append(
            el(
                "section",
                el("h3", el("code", a.path)),
                el("p", " · ".join(x for x in meta if x), class_="meta"),
                body,
                id=anchors[a.id],
                class_="article",
            )  # fmt: skip
        )
    return join_with("\n", sections)


def _problems(report: Report) -> Markup | None:
    """Diagnostics and input errors."""
    items = [
        el(
            "li",
            el("code", f"{d.path}:{d.line}:{d.column}"),
            f" {d.code} {d.severity.value}: {d.message}",
        )
        for d in report.diagnostics
    ] + [
        el(
            "li",
            el("code", f"{e.path}:{e.line}" if e.line else e.path),
            f" {e.code} input error: {e.message}",
        )
        for e in report.errors
    ]
    if not items:
        return None
    return join([el("h2", "Problems in the input"), el("ul", join_with("\n", items))])


def render_html(report: Report, texts: Mapping[str, str] | None = None) -> str:
    """The report as one self-contained HTML page. `texts` maps article ids to the text
    their spans point into (the file, or the text extracted from an HTML page); articles
    without one are shown by their claims' context sentences."""
    located = _located(report, texts)
    articles = {a.id: a for a in report.articles}
    involved = {e.article for f in report.findings for e in f.claims}
    anchors = {a.id: f"a{k}" for k, a in enumerate(report.articles) if a.id in involved}
    note = extracted_note(report, wrap=one_line)
    findings = [_finding(f, n, articles, located) for n, f in enumerate(report.findings, 1)]
    body = [
        el("h1", "Consistency report"),
        el("p", el("strong", summary_line(report))),
        el("p", note, class_="meta") if note else None,
        el("h2", "Stories"),
        *(_story_table(s, report, anchors) for s in _stories(report)),
        el("h2", "Findings"),
        _filters(report) if findings else el("p", "No discrepancies found."),
        *findings,
        _problems(report),
        el("h2", "Article texts") if anchors else None,
        _texts(report, located, anchors),
    ]
    return page("Consistency report", body)
