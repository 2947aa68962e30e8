"""Every pydantic model of the pipeline: the single source of truth, exported to schemas/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from consistency.compact import by_position
from consistency.levels import FailLevel as FailLevel  # re-exported: models speak of them
from consistency.levels import Severity as Severity


class Kind(str, Enum):
    """The family of discrepancy a finding reports; `input` is for what is met reading an
    article (an encoding, front matter, suppression comments) and for input errors."""

    quote_wording = "quote_wording"
    attribution = "attribution"
    temporal = "temporal"
    numeric = "numeric"
    entity_spelling = "entity_spelling"
    input = "input"


Via = Literal["explicit", "pronoun", "role", "continuation"]
TemporalKind = Literal["date", "weekday", "year", "month", "time", "part_of_day", "relative"]
Dimension = Literal[
    "count", "money", "percent", "length", "area", "speed", "duration", "age", "mass"
]
Role = Literal["odd", "majority", "other"]
OpTag = Literal["equal", "delete", "insert", "replace"]
Move = Literal["up", "down"]
Varying = Literal["grows", "shrinks"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Suppression(_Model):
    """An inline comment accepting findings on a line: `<!-- consistency: ignore[Q101] why -->`."""

    line: int = Field(description="1-based line of the comment.")
    applies_to: list[int] = Field(description="The lines it covers: its own and the next one.")
    codes: list[str] = Field(description="Codes or prefixes; empty means every code.")
    reason: str = ""


class Article(_Model):
    """One input article and its metadata (front matter or inferred)."""

    id: str = Field(description="File name without extension; relative path when stems collide.")
    path: str = Field(description="Path of the file as given, with forward slashes.")
    outlet: str | None = None
    published: dt.datetime | dt.date | None = None
    published_source: Literal["front_matter", "text", "html"] | None = Field(
        None,
        description="Where `published` came from: front matter, a date stamp in the text, "
        "or the metadata of an HTML page.",
    )
    title: str | None = None
    url: str | None = None
    encoding: str = Field("utf-8", description="How the bytes were decoded.")
    format: Literal["text", "markdown", "html"] = "text"
    text_source: Literal["file", "extracted"] = Field(
        "file",
        description="What spans point into. file: the decoded file. extracted: spans are "
        "offsets into the main text trafilatura extracted from the HTML, not into the file.",
    )
    story: str | None = Field(None, description="The story this article belongs to.")
    story_source: Literal["front_matter", "grouping"] | None = Field(
        None, description="front_matter: named by a `story:` key; grouping: found by similarity."
    )
    suppressions: list[Suppression] = Field(
        default_factory=list, description="Inline `consistency: ignore[...]` comments."
    )


# The claims and what they are made of are slotted dataclasses, not pydantic models: an
# archive holds hundreds of thousands of them, and a model instance costs several times
# the memory (its __dict__ and its set of fields) and the time to build and pickle. Pydantic
# still reads, writes and documents them wherever they meet the outside (the Report, the
# index, the schemas), through the annotations below.


@by_position
@dataclass(slots=True, kw_only=True)
class Span:
    """A character range in the original decoded file (front matter included), or in the
    extracted text of an article whose `text_source` is `extracted` (HTML)."""

    start: Annotated[int, Field(description="Offset of the first character, 0-based.")]
    end: Annotated[int, Field(description="Offset just past the last character.")]
    line: Annotated[int, Field(description="1-based line of `start`.")]
    column: Annotated[int, Field(description="1-based column of `start`, in characters.")]
    end_line: int
    end_column: Annotated[int, Field(description="1-based column of the last character.")]


@by_position
@dataclass(slots=True, kw_only=True)
class Speaker:
    """Who a quotation is attributed to, and how the text says so."""

    name: Annotated[str, Field(description="The fullest form of the name used in the article.")]
    mention: Annotated[str, Field(description="The words that name the speaker at the quote.")]
    via: Via
    span: Annotated[Span | None, Field(description="Where the mention is.")] = None


@by_position
@dataclass(slots=True, kw_only=True)
class _ClaimBase:
    """What every claim has: its id, its article, and its exact place in the file."""

    id: str
    article: str
    text: Annotated[str, Field(description="The exact slice of the file (quote marks included).")]
    span: Span


@by_position
@dataclass(slots=True, kw_only=True)
class QuoteClaim(_ClaimBase):
    """A direct quotation: the speaker's words, where they are and who said them."""

    family: Literal["quote"] = "quote"
    quote: Annotated[str, Field(description="The quoted words as printed, segments joined.")]
    words: Annotated[str, Field(description="Normalised wording used for matching.")]
    speaker: Speaker | None = None
    segments: Annotated[
        list[Span], Field(description="The quoted parts (several when interrupted).")
    ]
    editorial: Annotated[list[str], Field(description="Editorial marks inside.")] = field(
        default_factory=list
    )
    depth: Annotated[
        int, Field(description="0 for a top-level quote, 1+ when nested in another.")
    ] = 0
    term: Annotated[
        bool, Field(description="Too short to be compared (a term or scare quote).")
    ] = False


@by_position
@dataclass(slots=True, kw_only=True)
class Frame:
    """What a claim is about, slot by slot: the frame two claims are aligned on."""

    thing: Annotated[str | None, Field(description="Lemma of what is counted or measured.")] = None
    thing_class: Annotated[
        str | None, Field(description="Its class (responder, vessel, offer).")
    ] = None
    predicate: Annotated[
        str | None, Field(description="Lemma of the governing verb (kill, battle).")
    ] = None
    predicate_class: Annotated[str | None, Field(description="Its class (die, respond, rise).")] = (
        None
    )
    holder: Annotated[
        str | None,
        Field(description="Whose figure it is, normalised (a surname, a company, a noun)."),
    ] = None
    words: Annotated[list[str], Field(description="Content lemmas of the clause.")] = field(
        default_factory=list
    )
    future: Annotated[bool, Field(description="The clause looks ahead (will, plans to).")] = False
    move: Annotated[
        Move | None,
        Field(description="The figure is a move (a share price up 5%): compared by direction."),
    ] = None
    varying: Annotated[
        Varying | None,
        Field(description="A count that changes as the story goes on (a toll, oxygen left)."),
    ] = None
    era: Annotated[
        int | None,
        Field(
            description="A year the clause places the claim in (“a 1960 tsunami killed 61”): "
            "a claim of an earlier year is about another event."
        ),
    ] = None

    @property
    def thin(self) -> bool:
        """Too little to align on: no counted thing, no predicate, no holder."""
        return not (self.thing or self.predicate or self.holder)


@by_position
@dataclass(slots=True, kw_only=True)
class Event:
    """What a claim is about: who did what, as the clause around it says."""

    subject: Annotated[
        str, Field(description="The person or thing that acts, as named in the article.")
    ]
    verb: Annotated[str, Field(description="The verb as written (tweeted, will resign).")]
    predicate: Annotated[str, Field(description="The verb, as a lemma (tweet, resign, abandon).")]
    key: Annotated[
        str, Field(description="Normalised subject|predicate-class used to align claims.")
    ]


@by_position
@dataclass(slots=True, kw_only=True)
class When:
    """A temporal expression resolved as far as the text allows.

    Days are an inclusive range of possible dates; times of day are alternative windows in
    minutes after midnight (end exclusive, past 1440 when running overnight)."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    weekday: Annotated[int | None, Field(description="0 = Monday, when the text names one.")] = None
    month_day: Annotated[tuple[int, int] | None, Field(description="(month, day) of a date.")] = (
        None
    )
    year: int | None = None
    minutes: list[tuple[int, int]] = field(default_factory=list)
    tz: Annotated[
        str | None,
        Field(description="The zone of the times: a code (GMT, EDT), 'local', or None (unsaid)."),
    ] = None
    also: Annotated[
        list[tuple[int, int, str]],
        Field(description="The same moment given again in another zone: (start, end, zone code)."),
    ] = field(default_factory=list)
    precision: Literal["year", "month", "week", "day", "part_of_day", "time"]
    resolved_from: Annotated[
        Literal["explicit", "published", "story", "unresolved"],
        Field(
            description="What fixed the day: the text itself, the article's publication date, "
            "the dates of the story's other articles (a year only), or nothing."
        ),
    ]


@by_position
@dataclass(slots=True, kw_only=True)
class TemporalClaim(_ClaimBase):
    """A date, weekday, time or relative expression and the event it places in time."""

    family: Literal["temporal"] = "temporal"
    kind: TemporalKind
    when: When
    event: Event | None = None
    frame: Frame = field(default_factory=Frame)
    context: Annotated[str, Field(description="The sentence around the expression.")] = ""
    future: Annotated[bool, Field(description="The clause looks ahead (will, is set to …).")] = (
        False
    )
    since: Annotated[
        bool, Field(description="Starts a duration (since Monday): not an event time.")
    ] = False


@by_position
@dataclass(slots=True, kw_only=True)
class Quantity:
    """A number as an interval: its rounding, widened or bounded by its modifier."""

    value: Annotated[
        float, Field(description="The figure as written, in base units (metres, seconds).")
    ]
    low: float
    high: Annotated[float | None, Field(description="None when unbounded (more than, at least).")]
    unit: Annotated[
        str | None, Field(description="USD, GBP, EUR, percent, m, m2, s, kg, year.")
    ] = None
    dimension: Dimension
    per: Annotated[str | None, Field(description="The rate's time unit: four women a second.")] = (
        None
    )
    modifier: str | None = None
    range: Annotated[
        bool, Field(description="A range of values (aged 11 to 16): compared by its two ends.")
    ] = False


@by_position
@dataclass(slots=True, kw_only=True)
class NumericClaim(_ClaimBase):
    """A count, amount or measure, and the frame that says what it is about."""

    family: Literal["numeric"] = "numeric"
    quantity: Quantity
    counted: Annotated[
        str | None, Field(description="The words naming what is counted, as written.")
    ] = None
    frame: Frame = field(default_factory=Frame)
    growing: Annotated[
        bool, Field(description="A count that changes over time (likes, deaths).")
    ] = False
    context: Annotated[str, Field(description="The sentence around the figure.")] = ""


@by_position
@dataclass(slots=True, kw_only=True)
class DurationClaim(_ClaimBase):
    """A length of time ("a nine-hour battle", "trapped for 13 days") and what it is of."""

    family: Literal["duration"] = "duration"
    quantity: Annotated[Quantity, Field(description="The duration in seconds, as an interval.")]
    frame: Frame = field(default_factory=Frame)
    elapsed: Annotated[
        bool,
        Field(description="A span so far that grows with the publication date (day 13)."),
    ] = False
    context: Annotated[str, Field(description="The sentence around the duration.")] = ""


@by_position
@dataclass(slots=True, kw_only=True)
class NameClaim(_ClaimBase):
    """A full name as one article spells it (person or organisation)."""

    family: Literal["name"] = "name"
    name: Annotated[str, Field(description="The name without titles, roles or possessive.")]
    roles: Annotated[list[str], Field(description="Roles written next to it.")] = field(
        default_factory=list
    )
    context: str = ""


Claim = Annotated[
    QuoteClaim | TemporalClaim | NumericClaim | DurationClaim | NameClaim,
    Field(discriminator="family"),
]


@by_position
@dataclass(slots=True, kw_only=True)
class DiffOp:
    """One step of a word-level diff from the reference wording to the other one."""

    op: OpTag
    old: Annotated[str, Field(description="Words of the reference (majority) version.")] = ""
    new: Annotated[str, Field(description="Words of the differing version.")] = ""


@by_position
@dataclass(slots=True, kw_only=True)
class Evidence:
    """One claim a finding rests on, with its exact place in its file."""

    article: str
    claim: Annotated[str, Field(description="Id of the claim.")]
    role: Role
    text: str
    start: int
    end: int
    line: int
    column: int
    path: str
    speaker: str | None = None
    context: Annotated[str | None, Field(description="The sentence around a short claim.")] = None


@by_position
@dataclass(slots=True, kw_only=True)
class Finding:
    """A discrepancy between articles, reported by one rule."""

    code: str
    name: str
    kind: Kind
    severity: Severity
    message: str
    args: Annotated[
        dict[str, str | int | list[str]],
        Field(description="The message template's arguments."),
    ] = field(default_factory=dict)
    claims: list[Evidence]
    odd_articles: Annotated[list[str], Field(description="The odd source(s) out.")] = field(
        default_factory=list
    )
    majority_articles: list[str] = field(default_factory=list)
    diff: list[DiffOp] = field(default_factory=list)
    fingerprint: Annotated[
        str, Field(description="Stable id: rule, articles and normalised values.")
    ]
    story: Annotated[str | None, Field(description="The story whose articles were compared.")] = (
        None
    )


class Diagnostic(_Model):
    """A problem found inside one article (such as an unbalanced quote mark)."""

    code: str
    name: str
    severity: Severity
    message: str
    article: str
    path: str
    line: int
    column: int


class InputError(_Model):
    """An input that could not be read; the other inputs are still checked."""

    code: str
    path: str
    line: int | None = None
    message: str


class RuleInfo(_Model):
    """A rule's permanent identity and documentation."""

    code: str
    name: str
    kind: Kind
    severity: Severity = Field(description="Default severity.")
    summary: str
    doc: str
    status: Literal["stable", "preview", "retired"] = "stable"


class Summary(_Model):
    """Counts for a quick look."""

    articles: int
    claims: int
    findings: int
    by_severity: dict[str, int]
    diagnostics: int
    errors: int
    stories: int = 0
    suppressed: int = Field(0, description="Findings left out by inline comments.")
    baselined: int = Field(0, description="Findings left out because the baseline accepts them.")
    stale_baseline: int = Field(
        0,
        description="Baseline entries about the articles checked whose finding did not come "
        "back (drop them with --update-baseline).",
    )


class Tool(_Model):
    """What produced the report."""

    name: str = "consistency"
    version: str


class Story(_Model):
    """Articles about the same event; claims are compared only within a story."""

    id: str
    articles: list[str] = Field(description="Ids of its articles.")


class Report(_Model):
    """The full result of a check."""

    tool: Tool
    articles: list[Article]
    stories: list[Story] = Field(default_factory=list)
    findings: list[Finding]
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    errors: list[InputError] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    summary: Summary

    @property
    def quotes(self) -> list[QuoteClaim]:
        """The quotation claims."""
        return [c for c in self.claims if isinstance(c, QuoteClaim)]

    @property
    def temporal(self) -> list[TemporalClaim]:
        """The temporal claims."""
        return [c for c in self.claims if isinstance(c, TemporalClaim)]

    @property
    def names(self) -> list[NameClaim]:
        """The name claims."""
        return [c for c in self.claims if isinstance(c, NameClaim)]

    @property
    def numeric(self) -> list[NumericClaim]:
        """The numeric claims."""
        return [c for c in self.claims if isinstance(c, NumericClaim)]


class BaselineEntry(_Model):
    """One accepted finding."""

    fingerprint: str = Field(description="The finding's fingerprint (no line numbers in it).")
    code: str
    paths: list[str] = Field(description="Files of the articles involved.")
    message: str = Field(description="The message when it was accepted, for the reader.")
    reason: str = Field(description="Why the finding is accepted.")


class Baseline(_Model):
    """Findings accepted on purpose: `--baseline FILE` leaves them out of reports."""

    version: Literal[1] = 1
    tool: str = "consistency"
    findings: list[BaselineEntry] = Field(default_factory=list)


ALL_MODELS: dict[str, type[BaseModel]] = {
    "report": Report,
    "rule": RuleInfo,
    "baseline": Baseline,
}
