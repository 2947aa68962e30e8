"""The fuzz harness shared by tests/test_fuzz.py and benchmarks/fuzz.py: mutate real-looking
articles, run ingest, the pipeline and every renderer, and check what must always hold."""

from __future__ import annotations

import json
import random
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from consistency.ingest import Document, load
from consistency.models import Report
from consistency.pipeline import run
from consistency.render import RENDERERS

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".md", ".html")

QUOTES = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‚", "‹", "›", "« ", " »", "—", "–", "-"]
NUMBERS = ["0", "7", "12", "1,000", "3.5", "42%", "1st", "-7", "2,5", "10 million", "½", "٣"]
WHEN = [
    "Monday", "Tuesday", "Sunday", "January", "Sept.", "May", "10:30", "9 a.m.", "23:59:60",
    "noon", "last week", "on Friday", "2023", "31 February", "yesterday", " at 7 p.m.",
]  # fmt: skip
FRONT = [
    "---\n", "\n---\n", "---\r\n", "published: 2023-02-30\n",
    "published: 2023-10-16T25:61:00+25:00\n",
    "published: -0001-01-01\n", "published: 99999-01-01\n", "published: 2023-10-16T10:00+14:30\n",
    "published: 1e9\n", "published: [2020, 1]\n", "title: a: b\n", "title: [unclosed\n",
    "story: x\n", "outlet: {a: 1}\n", "date: tomorrow\n", "title: |\n  block\n", "- item\n",
    "url: javascript:alert(1)\n", ": :\n", "&anchor *alias\n",
]  # fmt: skip
CONTROL = [
    "\x00", "\x01", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\x85", "\u2028", "\ufeff", "\u202e",
    "\r", "\r\n", "\t", "\v", "\f", "\ufffe", "\u200b", "\u00ad", "e\u0301", "ﬁ", "😀",
]  # fmt: skip
HOSTILE = [
    "\n::error::pwned\n", "%0A", "%0D", "%25", "<script>alert(1)</script>", "](javascript:x)",
    "[a](javascript:alert(1))", "@octocat ", "`", "``", "|", "<!-- consistency: ignore[Q101] -->",
    "# ", "> ", "```\n", "<p>", "</p>", "<q>", "</q>", "<time datetime='2020-01-01'>", "&amp;",
    "&lt;b&gt;", "\\", "*", "_", "]]>", "<![CDATA[", "said ", " said.", "\n\n",
]  # fmt: skip
TOKENS = QUOTES + NUMBERS + WHEN + FRONT + CONTROL + HOSTILE
BAD_BYTES = [b"\xff", b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80", b"\xfe"]
MAX_CHARS = 40_000  # a file's length cap: bigger inputs only slow the search down
OPS = ("insert", "delete", "splice", "dup", "truncate", "long", "bytes")


def seed_texts() -> list[str]:
    """The bundled seeds and the golden case articles: the material mutations start from."""
    files = sorted((ROOT / "seeds").glob("*.txt"))
    for suffix in SUFFIXES:
        files += sorted((ROOT / "tests" / "cases").glob(f"*/*{suffix}"))
    return [f.read_text(encoding="utf-8") for f in files]


@dataclass
class FileCase:
    """One fuzzed file: a seed, edits applied in order, a suffix and an encoding."""

    seed: int
    suffix: str = ".txt"
    ops: list[tuple[str, int, int, int]] = field(default_factory=list)  # kind, at, size, arg
    encoding: str = "utf-8"  # utf-8, utf-8-sig or cp1252


def _edit(text: str, op: tuple[str, int, int, int], seeds: list[str]) -> str:
    """Apply one text edit; positions wrap around the text."""
    kind, at, size, arg = op
    at = at % (len(text) + 1)
    if kind == "insert":
        return text[:at] + TOKENS[arg % len(TOKENS)] + text[at:]
    if kind == "delete":
        return text[:at] + text[at + size :]
    if kind == "splice":
        other = seeds[arg % len(seeds)]
        start = (arg * 7919) % (len(other) + 1)
        return text[:at] + other[start : start + size] + text[at:]
    if kind == "dup":
        return text[:at] + text[at : at + size] * 2 + text[at + size :]
    if kind == "truncate":
        return text[:at]
    if kind == "long":
        return text[:at] + TOKENS[arg % len(TOKENS)] * (size * 5 + 1) + text[at:]
    return text


def build(case: FileCase, seeds: list[str]) -> bytes:
    """The bytes of one fuzzed file."""
    text = seeds[case.seed % len(seeds)]
    for op in case.ops:
        if op[0] != "bytes":
            text = _edit(text, op, seeds)[:MAX_CHARS]
    data = text.encode(case.encoding, errors="replace")
    for kind, at, _size, arg in case.ops:
        if kind == "bytes":
            at = at % (len(data) + 1)
            data = data[:at] + BAD_BYTES[arg % len(BAD_BYTES)] + data[at:]
    return data


def random_case(rng: random.Random, n_seeds: int) -> list[FileCase]:
    """One to three fuzzed files with up to a dozen edits each."""
    files = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        ops = [
            (rng.choice(OPS), rng.randrange(1 << 16), rng.randrange(400), rng.randrange(1 << 16))
            for _ in range(rng.randrange(13))
        ]
        suffix = rng.choice((".txt", ".txt", ".md", ".md", ".html"))
        encoding = rng.choice(("utf-8",) * 8 + ("utf-8-sig", "cp1252"))
        files.append(FileCase(rng.randrange(n_seeds), suffix, ops, encoding))
    return files


def decode(data: bytes) -> str:
    """The text ingest reads from these bytes (written here again, not imported)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def check_files(files: dict[str, bytes]) -> Report:
    """Write the files, load, check and render them; assert every invariant."""
    with tempfile.TemporaryDirectory(prefix="consistency-fuzz-") as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).write_bytes(data)
        result = load([root / name for name in files], base=root)
    report = run(result.documents, errors=result.errors)
    assert len(report.articles) + len(report.errors) == len(files)
    check_spans(report, _texts(files, result.documents))
    for fmt, render in RENDERERS.items():
        check_output(fmt, render(report))
    return report


def _texts(files: dict[str, bytes], documents: list[Document]) -> dict[str, str]:
    """Each article's text by path: the decoded file, or the text extracted from HTML."""
    texts = {name: decode(data) for name, data in files.items()}
    for doc in documents:
        if doc.article.text_source == "extracted":
            texts[doc.article.path] = doc.norm.original
    return texts


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_spans(report: Report, texts: dict[str, str]) -> None:
    """Every claim and evidence span lies in its text, and its text is that slice."""
    path_of = {a.id: a.path for a in report.articles}
    for claim in report.claims:
        text, s = texts[path_of[claim.article]], claim.span
        assert 0 <= s.start <= s.end <= len(text), (claim.id, s)
        assert text[s.start : s.end] == claim.text, claim.id
        assert (s.line, s.column) == _line_col(text, s.start), claim.id
    for finding in report.findings:
        for ev in finding.claims:
            text = texts[ev.path]
            assert 0 <= ev.start <= ev.end <= len(text), (finding.code, ev)
            assert text[ev.start : ev.end] == ev.text, (finding.code, ev.claim)
            assert (ev.line, ev.column) == _line_col(text, ev.start), (finding.code, ev.claim)
    for d in report.diagnostics:
        assert 1 <= d.line <= texts[d.path].count("\n") + 1, d


_XML_BAD = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_OUR_TAGS = re.compile(r"</?(?:del|ins|b)>")
_CODE = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
_TRAILER = re.compile(r"^\d+ (more finding\(s\) not annotated; see the job summary\.|findings?.*)$")


def without_code(markdown: str) -> str:
    """Markdown with its inline code spans (literal text) taken out."""
    return _CODE.sub("", markdown)


def check_output(fmt: str, out: str) -> None:
    """What each format must be, whatever the articles contain."""
    assert out.endswith("\n") or fmt == "markdown", fmt
    for line in out.splitlines():  # a GitHub runner reads every line of stdout and stderr
        command = line.lstrip().startswith("::")
        assert not command or fmt == "github", f"{fmt}: a workflow command: {line!r}"
        assert "##[" not in line, f"{fmt}: a legacy workflow command: {line!r}"
    if fmt in ("json", "sarif"):
        json.loads(out)
        assert not re.search("[\x7f-\x9f\u2028\u2029]", out), fmt
    elif fmt == "junit":
        assert not _XML_BAD.search(out), "junit: a character XML 1.0 does not allow"
        ET.fromstring(out)
    elif fmt == "github":
        for line in out.splitlines():
            assert line.startswith(("::error ", "::warning ")) or _TRAILER.match(line), line
            assert not re.search("[\x00-\x1f\x7f-\x9f]", line), line
    elif fmt == "markdown":
        prose = without_code(out)
        assert "<" not in _OUR_TAGS.sub("", prose), "markdown: raw HTML"
        assert not re.search(r"(?<!\w)@\w", prose), "markdown: an @mention"
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", out), "markdown: a control character"
    elif fmt == "text":
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", out), "text: a control character"
