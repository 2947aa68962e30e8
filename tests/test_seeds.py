"""What the seeds must show (issue 2), asserted on the real articles."""

from __future__ import annotations

from consistency.models import Report, Severity

MILANO = "001_4104afc959bd6fd9"


def test_milano_misquote_names_001_as_odd_one(seeds_report: Report) -> None:
    wording = [f for f in seeds_report.findings if f.code == "Q101"]
    assert len(wording) == 1
    f = wording[0]
    assert f.kind.value == "quote_wording"
    assert f.severity.rank >= Severity.warning.rank
    assert f.odd_articles == [MILANO]
    assert f.majority_articles == ["003_7c0c9a0167550b32", "004_9f26a8a11c2ff45a"]
    inserted = {op.new for op in f.diff if op.op == "insert"}
    deleted = {op.old for op in f.diff if op.op == "delete"}
    assert inserted == {"ever", "then"} and deleted == {"might"}
    assert {e.speaker for e in f.claims} == {"Alyssa Milano"}


def test_evidence_points_at_the_exact_span(seeds_report: Report) -> None:
    from tests.conftest import ROOT

    for f in seeds_report.findings:
        for e in f.claims:
            text = (ROOT / e.path).read_text(encoding="utf-8")
            assert text[e.start : e.end] == e.text
            line_start = text.rfind("\n", 0, e.start) + 1
            assert text.count("\n", 0, e.start) + 1 == e.line
            assert e.start - line_start + 1 == e.column


def test_harmless_differences_are_not_findings(seeds_report: Report) -> None:
    """[sic] (000 vs 001), the essay quote (000 vs 002), the "unequivocally denied" and
    "give people a sense of…" fragments and "#balancetonporc" are at most info."""
    loud = [
        f
        for f in seeds_report.findings
        if f.severity is not Severity.info and f.kind.value == "quote_wording"
    ]
    quoted = " ".join(e.text for f in loud for e in f.claims)
    for phrase in ("Being raped", "Sexual harassment and assault", "unequivocally", "balanceton"):
        assert phrase not in quoted
    assert all(e.text.lstrip('“"').startswith("If all the women") for f in loud for e in f.claims)


def test_seed_speakers(seeds_report: Report) -> None:
    speakers = {
        (c.article[:3], c.quote[:25]): c.speaker.name if c.speaker else None
        for c in seeds_report.quotes
        if not c.term
    }
    assert speakers[("000", "Being raped once made it ")] == "Evan Rachel Wood"
    assert speakers[("001", "Being raped once made it ")] == "Evan Rachel Wood"
    assert speakers[("003", "I wish I could tell you t")] == "Reese Witherspoon"
    assert speakers[("002", "It is completely necessar")] == "Marlene Schiappa"
    assert speakers[("001", "While I am sickened and a")] == "Alyssa Milano"
    # no speaker is better than a wrong one: these quotations name nobody
    assert speakers[("003", "I didn’t think it could e")] is None
    assert speakers[("004", "decided to take a more ag")] is None


def test_no_unbalanced_quote_diagnostics_on_seeds(seeds_report: Report) -> None:
    """The multi-paragraph quotation of 000 follows the convention and is not unbalanced."""
    assert seeds_report.diagnostics == []
    essay = [c for c in seeds_report.quotes if c.quote.startswith("I am constantly part")]
    assert len(essay) == 1 and len(essay[0].segments) == 2
