"""Quote rules: the same statement quoted with different words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from consistency.align import ClaimGroup
from consistency.models import DiffOp, Finding, Kind, OpTag, QuoteClaim, Severity
from consistency.rules.base import Example, Rule, verdict_evidence
from consistency.rules.vote import Relation, Verdict, decide
from consistency.text.diff import Comparison, Op
from consistency.text.tokens import GAP, tokenize, words
from consistency.text.variants import equivalent, is_number

NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot nowhere".split())
ARTICLES = frozenset({"a", "an", "the"})
LARGE_CHANGE = 0.34  # share of the compared words changed that makes a misquote an error

QUOTE_WORDING = Rule(
    code="Q101",
    name="quote-wording-differs",
    kind=Kind.quote_wording,
    severity=Severity.warning,
    summary="The same quotation is worded differently by different sources.",
    doc=(
        "Flags a direct quotation that two or more articles attribute to the same statement "
        "but print with different words: a word added, dropped or changed. Two quotations "
        "are one statement when one contains the other, when they share a run of eight "
        "words or more word for word (however much of the rest was rewritten: the worse "
        "the misquote, the more it matters), when three quarters of the part both cover "
        "match, or when one named speaker (spelled alike or nearly) says half of the same "
        "words, several of them telling (a translation, a paraphrase inside quotation "
        "marks). Why: a misquote is the costliest error a newsroom makes, and copying a "
        "misquote spreads it. Severity follows the change: a warning for changed words, an "
        "error when a negation or a number changes or a third of the words differ. Partial "
        "quotes, editorial marks ([sic], ellipses, [bracketed] insertions), quote-mark "
        "style, punctuation and numbers in words or digits (“two days”, “2 days”) are not "
        "differences; the same stock phrase in two speakers' mouths is no misquote. "
        "Example: “we might give people a sense of the magnitude” against “then we give "
        "people a sense of the magnitude”."
    ),
    message="Quote{speaker} worded differently in {odd} than in {reference}{verdict}: {changes}",
    flags=(
        Example(
            (
                'The mayor said: "We will rebuild the bridge before the winter comes."',
                'The mayor said: "We will rebuild the bridge after the winter comes."',
            ),
            "a changed word",
        ),
        Example(
            (
                'Smith said: "I have never taken a bribe from anyone in this city."',
                'Smith said: "I have taken a bribe from anyone in this city."',
            ),
            "a dropped negation (an error)",
        ),
    ),
    passes=(
        Example(
            (
                'She wrote: "I instinctually [sic] shut down and my body remembered it all."',
                "She wrote: “I instinctually shut down and my body remembered it all”.",
            ),
            "editorial [sic], quote-mark style and trailing punctuation",
        ),
        Example(
            (
                'He said: "We must do better for women everywhere, and we will do it now."',
                'He promised to "do better for women everywhere".',
            ),
            "a partial quote",
        ),
    ),
)

QUOTE_MINOR = Rule(
    code="Q102",
    name="quote-minor-variation",
    kind=Kind.quote_wording,
    severity=Severity.info,
    summary="A quotation differs only by a spelling variant, contraction or article.",
    doc=(
        "Reports, for information, a quotation whose versions differ only in ways that do "
        "not change what was said: a spelling variant (“favour”/“favor”, a typo), a "
        "contraction (“I'm”/“I am”) or an article (“a”/“the”). Why: a careful editor may "
        "want to restore the exact words, but this is never a misquote. Example: “we "
        "organise” against “we organize”."
    ),
    message="Quote{speaker} varies slightly in {odd} from {reference}{verdict}: {changes}",
    flags=(
        Example(
            (
                'The coach said: "I am proud of the way we organised ourselves tonight."',
                'The coach said: "I\'m proud of the way we organized ourselves tonight."',
            ),
        ),
    ),
    passes=(
        Example(
            (
                'The coach said: "I am proud of the way we organised ourselves tonight."',
                "The coach said: “I am proud of the way we organised ourselves tonight!”",
            ),
        ),
    ),
)


@dataclass
class _Classified:
    minor: list[Op]
    major: list[Op]
    critical: bool


def _minor(old: list[str], new: list[str]) -> bool:
    return equivalent(old, new) or all(t in ARTICLES for t in old + new)


def classify(c: Comparison, a: list[str], b: list[str]) -> _Classified:
    """Split the differences of a comparison into minor and meaning-changing ones."""
    out = _Classified([], [], False)
    for op in c.differences:
        old, new = a[op[1] : op[2]], b[op[3] : op[4]]
        neg_old = any(t in NEGATIONS or t.endswith("n't") for t in old)
        neg_new = any(t in NEGATIONS or t.endswith("n't") for t in new)
        nums_old = [t for t in old if is_number(t)]
        nums_new = [t for t in new if is_number(t)]
        if neg_old != neg_new or nums_old != nums_new:
            out.critical = True
            out.major.append(op)
        elif _minor(old, new):
            out.minor.append(op)
        else:
            out.major.append(op)
    return out


def _runs(claim: QuoteClaim) -> Callable[[int, int], str]:
    """A function giving tokens [i, j) of a claim as printed, punctuation included."""
    toks = words(tokenize(claim.quote)[0])

    def run(i: int, j: int) -> str:
        if i >= j:
            return ""
        end = toks[j].start if j < len(toks) else len(claim.quote)
        return claim.quote[toks[i].start : end].strip()

    return run


def _diff_ops(c: Comparison, ref: QuoteClaim, odd: QuoteClaim) -> list[DiffOp]:
    a, b = _runs(ref), _runs(odd)
    ops = []
    for tag, a1, a2, b1, b2 in c.ops:
        new = b(b1, b2)
        old = new if tag == "equal" else a(a1, a2)
        ops.append(DiffOp(op=cast(OpTag, tag), old=old, new=new))  # a tag of Indel.opcodes
    return ops


def _changes(ops: list[Op], ref: QuoteClaim, odd: QuoteClaim) -> list[str]:
    """Each difference in words as printed: “x” dropped, “y” added, “x” → “y”."""
    a, b = _runs(ref), _runs(odd)
    out = []
    for _, a1, a2, b1, b2 in ops:
        old, new = a(a1, a2).strip(",;:.!? "), b(b1, b2).strip(",;:.!? ")
        if not new:
            out.append(f"“{old}” dropped")
        elif not old:
            out.append(f"“{new}” added")
        else:
            out.append(f"“{old}” → “{new}”")
    return out


_Lookup = Callable[[int, int], "tuple[Comparison, _Classified] | None"]


def check_quotes(groups: list[ClaimGroup], paths: dict[str, str]) -> list[Finding]:
    """Q101 and Q102 over aligned groups of quotations."""
    findings: list[Finding] = []
    for group in groups:
        findings.extend(_check_group(group, paths))
    return findings


def _check_group(group: ClaimGroup, paths: dict[str, str]) -> list[Finding]:
    cache: dict[tuple[int, int], tuple[Comparison, _Classified] | None] = {}

    def classified(i: int, j: int) -> tuple[Comparison, _Classified] | None:
        if (i, j) not in cache:
            c = group.comparison(i, j)
            a, b = list(group.variants[i].tokens), list(group.variants[j].tokens)
            cache[(i, j)] = None if c is None else (c, classify(c, a, b))
        return cache[(i, j)]

    def major(i: int, j: int) -> Relation | None:
        r = classified(i, j)
        return None if r is None else ("conflict" if r[1].major else "agree")

    def any_change(i: int, j: int) -> Relation | None:
        r = classified(i, j)
        return None if r is None else ("conflict" if r[1].major or r[1].minor else "agree")

    n = len(group.variants)
    out = []

    def arts(i: int) -> list[str]:
        return group.variants[i].articles

    for verdict in decide(n, arts, major):
        out.append(_finding(QUOTE_WORDING, group, verdict, classified, paths))
    for verdict in decide(n, arts, any_change):
        r = classified(verdict.reference, verdict.odd)
        if r is not None and not r[1].major and r[1].minor:
            out.append(_finding(QUOTE_MINOR, group, verdict, classified, paths))
    return out


def _is_severe(c: Comparison, kinds: _Classified, a: list[str], b: list[str]) -> bool:
    """A negation or number changed, or a large share of the compared words."""
    changed = sum(max(op[2] - op[1], op[4] - op[3]) for op in kinds.major)
    return kinds.critical or changed / _covered(c, a, b) >= LARGE_CHANGE


def _covered(c: Comparison, a: list[str], b: list[str]) -> int:
    """How many words the comparison covers on its longer side (gaps excluded)."""
    if not c.ops:
        return 1
    span_a = a[c.ops[0][1] : c.ops[-1][2]]
    span_b = b[c.ops[0][3] : c.ops[-1][4]]
    return max(1, sum(t != GAP for t in span_a), sum(t != GAP for t in span_b))


def _finding(
    rule: Rule, group: ClaimGroup, v: Verdict, classified: _Lookup, paths: dict[str, str]
) -> Finding:
    ref, odd = group.variants[v.reference], group.variants[v.odd]
    found = classified(v.reference, v.odd)
    assert found is not None  # a verdict only exists for pairs that were compared
    comparison, kinds = found
    a, b = list(ref.tokens), list(odd.tokens)
    ops = kinds.major if rule is QUOTE_WORDING else kinds.minor
    severity = rule.severity
    if rule is QUOTE_WORDING and _is_severe(comparison, kinds, a, b):
        severity = Severity.error
    claims = verdict_evidence([var.claims for var in group.variants], v, paths)
    speakers = Counter(e.speaker for e in claims if e.speaker)
    args: dict[str, str | int | list[str]] = {
        "speaker": f" by {speakers.most_common(1)[0][0]}" if speakers else "",
        "changes": "; ".join(_changes(ops, ref.claims[0], odd.claims[0])),
    }
    return rule.verdict_finding(
        v,
        severity=severity,
        args=args,
        claims=claims,
        values=[" ".join(ref.tokens), " ".join(odd.tokens)],
        diff=_diff_ops(comparison, ref.claims[0], odd.claims[0]),
    )
