"""What a rule is: a permanent code, a name, documentation, examples and a check."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from consistency.models import Claim, DiffOp, Evidence, Finding, Kind, Role, RuleInfo, Severity
from consistency.rules.vote import Verdict


@dataclass(frozen=True)
class StoryInfo:
    """What rules may know of a story's articles besides their claims."""

    paths: dict[str, str] = field(default_factory=dict)
    published: dict[str, dt.date | dt.datetime | None] = field(default_factory=dict)

    def date(self) -> dt.date | None:
        """The median publication date of the story's articles, if any is known."""
        days = sorted(d.date() if isinstance(d, dt.datetime) else d
                      for d in self.published.values() if d is not None)  # fmt: skip
        return days[len(days) // 2] if days else None


@dataclass(frozen=True)
class Example:
    """Articles (as plain texts) on which a rule must, or must not, report."""

    articles: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """One discrepancy rule. Codes are permanent: a retired rule keeps its code."""

    code: str
    name: str
    kind: Kind
    severity: Severity
    summary: str
    doc: str
    message: str  # a str.format template; tests assert the arguments, not the wording
    flags: tuple[Example, ...] = field(default_factory=tuple)
    passes: tuple[Example, ...] = field(default_factory=tuple)
    status: str = "stable"

    @property
    def info(self) -> RuleInfo:
        """The rule's identity as data."""
        return RuleInfo(
            code=self.code,
            name=self.name,
            kind=self.kind,
            severity=self.severity,
            summary=self.summary,
            doc=self.doc,
            status=self.status,
        )

    def verdict_finding(
        self,
        v: Verdict,
        *,
        severity: Severity,
        args: dict[str, str | int | list[str]],
        claims: list[Evidence],
        values: Iterable[str] = (),
        diff: list[DiffOp] | None = None,
    ) -> Finding:
        """A finding about a decided conflict: the odd and majority sources come from `v`."""
        return self.finding(
            severity=severity,
            args={**args, "odd": v.odd_articles, "reference": v.reference_articles,
                  "verdict": v.summary()},
            claims=claims,
            odd=v.odd_articles if v.majority else [],
            majority=v.reference_articles if v.majority else [],
            values=values,
            diff=diff,
        )  # fmt: skip

    def finding(
        self,
        *,
        severity: Severity,
        args: dict[str, str | int | list[str]],
        claims: list[Evidence],
        odd: Iterable[str] = (),
        majority: Iterable[str] = (),
        values: Iterable[str] = (),
        diff: list[DiffOp] | None = None,
    ) -> Finding:
        """A finding of this rule, its message rendered from `args`."""
        odd_list, majority_list = sorted(odd), sorted(majority)
        # The articles at fault (all of them when there is no majority) and the values: an
        # article joining the majority, or an edit elsewhere in a file, keeps the fingerprint.
        at_fault = odd_list if majority_list else sorted({c.article for c in claims})
        fingerprint = hashlib.sha256(
            "\x1f".join([self.code, *at_fault, *sorted(values)]).encode()
        ).hexdigest()[:16]
        return Finding(
            code=self.code,
            name=self.name,
            kind=self.kind,
            severity=severity,
            message=self.message.format(**{k: _text(v) for k, v in args.items()}),
            args=args,
            claims=claims,
            odd_articles=odd_list,
            majority_articles=majority_list,
            fingerprint=fingerprint,
            diff=diff or [],
        )


def evidence(claim: Claim, role: Role, paths: dict[str, str]) -> Evidence:
    """A claim as evidence of a finding, with its exact place in its file."""
    speaker = getattr(claim, "speaker", None)
    return Evidence(
        article=claim.article, claim=claim.id, role=role,
        text=claim.text, start=claim.span.start, end=claim.span.end, line=claim.span.line,
        column=claim.span.column, path=paths.get(claim.article, claim.article),
        speaker=speaker.name if speaker is not None else None,
        context=getattr(claim, "context", None) or None,
    )  # fmt: skip


def verdict_evidence(
    variants: Sequence[Sequence[Claim]], v: Verdict, paths: dict[str, str]
) -> list[Evidence]:
    """The claims of a verdict: the odd variant's, the reference's, then the voters'."""
    odd_role: Role = "odd" if v.majority else "other"
    ref_role: Role = "majority" if v.majority else "other"
    out = [evidence(c, odd_role, paths) for c in variants[v.odd]]
    out += [evidence(c, ref_role, paths) for c in variants[v.reference]]
    out += [evidence(c, "majority", paths) for k in v.voters for c in variants[k]]
    return out


def _text(value: str | int | list[str]) -> str:
    if isinstance(value, list):
        if len(value) <= 2:
            return " and ".join(value)
        return ", ".join(value[:-1]) + " and " + value[-1]
    return str(value)


Check = Callable[..., list[Finding]]
