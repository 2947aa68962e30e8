"""Reading articles: encodings, bad files, front matter, ids, discovery, furniture, Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from consistency.errors import (
    BinaryFile,
    EmptyFile,
    FrontMatterError,
    IngestError,
    NoArticles,
    PathNotFound,
    UnsupportedFile,
)
from consistency.ingest import load
from consistency.models import Report
from consistency.pipeline import run
from consistency.text.tokens import GAP

QUOTE = 'He said "we will win this war today" at noon.\n'


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _check(paths: list[Path], base: Path) -> Report:
    result = load(paths, base=base)
    return run(result.documents, errors=result.errors)


def _quotes(report: Report, article: str | None = None) -> list[str]:
    return [c.quote for c in report.quotes if article is None or c.article == article]


# ---------------------------------------------------------------------------------------
# encodings
# ---------------------------------------------------------------------------------------


def test_utf8_without_bom(tmp_path: Path) -> None:
    f = _write(tmp_path / "plain.txt", "Caf\u00e9 news. " + QUOTE)
    result = load([f], base=tmp_path)
    assert result.errors == []
    (doc,) = result.documents
    assert doc.article.encoding == "utf-8"
    assert doc.warnings == []
    report = run(result.documents)
    assert _quotes(report) == ["we will win this war today"]
    assert report.diagnostics == []


def test_utf8_with_bom(tmp_path: Path) -> None:
    f = _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + QUOTE.encode())
    result = load([f], base=tmp_path)
    (doc,) = result.documents
    assert doc.article.encoding == "utf-8-sig"
    report = run(result.documents)
    assert report.diagnostics == []
    (claim,) = report.quotes
    # offsets index the decoded text, which has no BOM: the quote opens at offset 8
    assert (claim.span.start, claim.span.end) == (8, 36)
    assert QUOTE[8:36] == claim.text == '"we will win this war today"'


def test_bom_before_front_matter(tmp_path: Path) -> None:
    f = _write(tmp_path / "bomfm.md", "\ufeff---\noutlet: BBC\n---\n" + QUOTE)
    result = load([f], base=tmp_path)
    assert result.errors == []
    assert result.documents[0].article.outlet == "BBC"


def test_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    f = _write(tmp_path / "legacy.txt", b"He said \x93hello there my friend\x94")
    result = load([f], base=tmp_path)
    assert result.errors == []
    (doc,) = result.documents
    assert doc.article.encoding == "cp1252"
    report = run(result.documents)
    i001 = [d for d in report.diagnostics if d.code == "I001"]
    assert len(i001) == 1
    assert i001[0].severity.value == "warning"
    assert i001[0].path == "legacy.txt"
    assert i001[0].line == 1
    (claim,) = report.quotes
    assert claim.quote == "hello there my friend"
    assert claim.text == "\u201chello there my friend\u201d"
    assert not claim.term


def test_cp1252_warning_names_the_first_bad_line(tmp_path: Path) -> None:
    data = b"First line.\nSecond line.\nHe said \x93hello there my friend\x94.\n"
    f = _write(tmp_path / "legacy.txt", data)
    report = _check([f], tmp_path)
    (diag,) = [d for d in report.diagnostics if d.code == "I001"]
    assert diag.line == 3


# ---------------------------------------------------------------------------------------
# bad files
# ---------------------------------------------------------------------------------------


def test_binary_and_empty_files_are_errors_for_that_file_only(tmp_path: Path) -> None:
    _write(tmp_path / "good.txt", QUOTE)
    _write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    _write(tmp_path / "empty.txt", b"")
    _write(tmp_path / "blank.md", "  \n\n\t\n")
    result = load([tmp_path], base=tmp_path)
    assert [d.id for d in result.documents] == ["good"]
    by_path = {e.path: e for e in result.errors}
    assert set(by_path) == {"image.txt", "empty.txt", "blank.md"}
    assert isinstance(by_path["image.txt"], BinaryFile)
    assert isinstance(by_path["empty.txt"], EmptyFile)
    assert isinstance(by_path["blank.md"], EmptyFile)
    for path, error in by_path.items():
        assert isinstance(error, IngestError)
        assert path in str(error)
    report = run(result.documents, errors=result.errors)
    assert {e.code for e in report.errors} == {"F103", "F104"}
    assert _quotes(report) == ["we will win this war today"]


def test_front_matter_without_text_is_empty(tmp_path: Path) -> None:
    f = _write(tmp_path / "meta.md", "---\ntitle: Only metadata\n---\n\n")
    result = load([f], base=tmp_path)
    assert result.documents == []
    (error,) = result.errors
    assert isinstance(error, EmptyFile)
    assert error.path == "meta.md"


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", QUOTE)
    page = _write(tmp_path / "page.pdf", "%PDF-1.7\n" + QUOTE)
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    _write(empty_dir / "notes.csv", "a,b\n")
    result = load([tmp_path / "missing.txt", good, page, empty_dir], base=tmp_path)
    assert [d.id for d in result.documents] == ["good"]
    kinds = {type(e): e for e in result.errors}
    assert set(kinds) == {PathNotFound, UnsupportedFile, NoArticles}
    assert "missing.txt" in str(kinds[PathNotFound])
    assert "page.pdf" in str(kinds[UnsupportedFile])
    assert "nothing" in str(kinds[NoArticles])


# ---------------------------------------------------------------------------------------
# front matter
# ---------------------------------------------------------------------------------------

FRONT = """---
outlet: The Daily Example
published: 2017-10-16
title: "#MeToo: a call to action"
url: https://example.com/metoo
author: A. Writer
---
"""


def test_front_matter_is_parsed(tmp_path: Path) -> None:
    f = _write(tmp_path / "story.md", FRONT + QUOTE)
    result = load([f], base=tmp_path)
    assert result.errors == []
    article = result.documents[0].article
    assert article.outlet == "The Daily Example"
    assert article.published == dt.date(2017, 10, 16)
    assert not isinstance(article.published, dt.datetime)
    assert article.title == "#MeToo: a call to action"
    assert article.url == "https://example.com/metoo"
    assert article.format == "markdown"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-10-16T14:30:00Z", dt.datetime(2017, 10, 16, 14, 30, tzinfo=dt.UTC)),
        ('"2017-10-16T14:30:00+02:00"', dt.datetime(2017, 10, 16, 12, 30, tzinfo=dt.UTC)),
        ("2017-10-16 14:30", dt.datetime(2017, 10, 16, 14, 30)),
    ],
)
def test_front_matter_datetime(tmp_path: Path, value: str, expected: dt.datetime) -> None:
    f = _write(tmp_path / "story.txt", f"---\npublished: {value}\n---\n{QUOTE}")
    result = load([f], base=tmp_path)
    assert result.errors == []
    published = result.documents[0].article.published
    assert isinstance(published, dt.datetime)
    assert published == expected


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    # line 1 '---', line 2 outlet, line 3 a list item where the mapping goes on
    bad = _write(tmp_path / "bad.md", "---\noutlet: BBC\n- Milano\n---\n" + QUOTE)
    good = _write(tmp_path / "good.txt", QUOTE)
    result = load([bad, good], base=tmp_path)
    assert [d.id for d in result.documents] == ["good"]
    (error,) = result.errors
    assert isinstance(error, FrontMatterError)
    assert error.path == "bad.md"
    assert error.line == 3
    assert str(error).startswith("bad.md:3:")


def test_invalid_yaml_line_with_crlf(tmp_path: Path) -> None:
    text = "---\r\noutlet: BBC\r\npublished: 2017-10-16\r\n\tbad: 1\r\n---\r\n" + QUOTE
    bad = _write(tmp_path / "bad.txt", text)
    (error,) = load([bad], base=tmp_path).errors
    assert isinstance(error, FrontMatterError)
    assert error.line == 4


def test_unparseable_published_date_names_its_line(tmp_path: Path) -> None:
    text = '---\noutlet: BBC\ntitle: T\npublished: "yesterday"\n---\n' + QUOTE
    bad = _write(tmp_path / "when.md", text)
    (error,) = load([bad], base=tmp_path).errors
    assert isinstance(error, FrontMatterError)
    assert error.line == 4
    assert "when.md:4" in str(error)
    assert "yesterday" in error.message


def test_unclosed_front_matter(tmp_path: Path) -> None:
    bad = _write(tmp_path / "open.md", "---\noutlet: BBC\n" + QUOTE)
    (error,) = load([bad], base=tmp_path).errors
    assert isinstance(error, FrontMatterError)
    assert error.line == 1


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    bad = _write(tmp_path / "list.md", "---\n- one\n- two\n---\n" + QUOTE)
    (error,) = load([bad], base=tmp_path).errors
    assert isinstance(error, FrontMatterError)


def test_spans_after_front_matter_index_the_whole_file(tmp_path: Path) -> None:
    text = FRONT + "\nIntro line.\n" + QUOTE
    f = _write(tmp_path / "story.md", text)
    report = _check([f], tmp_path)
    (claim,) = report.quotes
    start = text.index('"we will')
    end = start + len('"we will win this war today"')
    assert (claim.span.start, claim.span.end) == (start, end)
    assert text[claim.span.start : claim.span.end] == claim.text
    # FRONT is 7 lines, then a blank line and the intro: the quote is on line 10, column 9
    assert (claim.span.line, claim.span.column) == (10, 9)
    (segment,) = claim.segments
    assert (segment.line, segment.column) == (10, 10)


def test_spans_after_front_matter_with_crlf_and_expanding_characters(tmp_path: Path) -> None:
    # the front matter holds characters whose normal form is longer or shorter ("…", "ﬁ",
    # zero-width space), so offsets in the copy and in the file differ
    text = (
        "---\r\ntitle: Hello\u2026 \ufb01ne\u00a0day\u200b\r\noutlet: X\r\n---\r\n"
        "Intro line.\r\nShe said \u201cwe will win this war today\u201d at noon.\r\n"
    )
    f = _write(tmp_path / "crlf.txt", text)
    report = _check([f], tmp_path)
    (claim,) = report.quotes
    start = text.index("\u201c")
    assert claim.span.start == start
    assert claim.text == "\u201cwe will win this war today\u201d"
    assert text[claim.span.start : claim.span.end] == claim.text
    assert claim.span.line == 6
    assert claim.span.column == len("She said ") + 1


def test_quote_marks_in_front_matter_are_not_claims(tmp_path: Path) -> None:
    text = '---\ntitle: "We will win this war today, he said"\n---\nNo quotes in the body.\n'
    f = _write(tmp_path / "t.md", text)
    report = _check([f], tmp_path)
    assert report.quotes == []
    assert report.diagnostics == []


# ---------------------------------------------------------------------------------------
# ids and discovery
# ---------------------------------------------------------------------------------------


def test_article_ids_are_stems(tmp_path: Path) -> None:
    _write(tmp_path / "bbc-story.txt", QUOTE)
    _write(tmp_path / "cnn.story.md", QUOTE)
    result = load([tmp_path], base=tmp_path)
    assert sorted(d.id for d in result.documents) == ["bbc-story", "cnn.story"]
    assert sorted(d.article.path for d in result.documents) == ["bbc-story.txt", "cnn.story.md"]


def test_colliding_stems_use_relative_paths(tmp_path: Path) -> None:
    _write(tmp_path / "bbc" / "story.txt", QUOTE)
    _write(tmp_path / "cnn" / "story.txt", QUOTE)
    _write(tmp_path / "cnn" / "other.txt", QUOTE)
    result = load([tmp_path], base=tmp_path)
    assert sorted(d.id for d in result.documents) == ["bbc/story", "cnn/story", "other"]
    report = run(result.documents)
    assert len({c.id for c in report.quotes}) == len(report.quotes) == 3


def test_same_stem_different_suffix_in_one_directory_get_distinct_ids(tmp_path: Path) -> None:
    _write(tmp_path / "story.txt", QUOTE)
    _write(tmp_path / "story.md", QUOTE)
    result = load([tmp_path], base=tmp_path)
    ids = [d.id for d in result.documents]
    assert len(ids) == 2
    assert len(set(ids)) == 2


MILANO = 'Milano said "we will win this fight and we will do it today" at noon.\n'


def test_colliding_stems_under_one_directory_are_compared(tmp_path: Path) -> None:
    _write(tmp_path / "bbc" / "story.txt", MILANO)
    _write(tmp_path / "cnn" / "story.txt", MILANO.replace("today", "tomorrow"))
    report = _check([tmp_path], tmp_path)
    assert sorted(a.id for a in report.articles) == ["bbc/story", "cnn/story"]
    assert [f.code for f in report.findings] == ["Q101"]


def test_same_stem_files_named_explicitly_get_distinct_ids(tmp_path: Path) -> None:
    a = _write(tmp_path / "bbc" / "story.txt", MILANO)
    b = _write(tmp_path / "cnn" / "story.txt", MILANO.replace("today", "tomorrow"))
    result = load([a, b], base=tmp_path)
    ids = [d.id for d in result.documents]
    assert len(set(ids)) == 2
    report = run(result.documents)
    assert len({c.id for c in report.quotes}) == 2
    assert [f.code for f in report.findings] == ["Q101"]


def test_directories_are_recursive_and_skip_readme_and_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "top.txt", QUOTE)
    _write(tmp_path / "a" / "b" / "deep.md", QUOTE)
    _write(tmp_path / "README.md", QUOTE)
    _write(tmp_path / "a" / "readme.md", QUOTE)
    _write(tmp_path / ".git" / "notes.txt", QUOTE)
    _write(tmp_path / "a" / ".cache" / "cached.txt", QUOTE)
    _write(tmp_path / ".hidden.txt", QUOTE)
    _write(tmp_path / "data.json", "{}")
    result = load([tmp_path], base=tmp_path)
    assert result.errors == []
    assert sorted(d.article.path for d in result.documents) == ["a/b/deep.md", "top.txt"]


def test_directory_inside_a_hidden_directory_is_still_read(tmp_path: Path) -> None:
    root = tmp_path / ".work" / "articles"
    _write(root / "one.txt", QUOTE)
    result = load([root], base=tmp_path)
    assert result.errors == []
    assert [d.id for d in result.documents] == ["one"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    f = _write(tmp_path / "one.txt", QUOTE)
    result = load([f, tmp_path, f], base=tmp_path)
    assert [d.id for d in result.documents] == ["one"]


# ---------------------------------------------------------------------------------------
# boilerplate and Markdown
# ---------------------------------------------------------------------------------------


def test_boilerplate_lines_produce_no_claims(tmp_path: Path) -> None:
    text = (
        "The real story starts here.\n"
        "Embedded below.\n"
        "//platform.twitter.com/widgets.js\n"
        'Follow us on Instagram "@dailyexample" for "more great daily pictures of news"\n'
        "Leave a Reply\n"
        'Your email address will not be published. "Required fields are marked"\n'
        'He said "we will win this war today" at noon.\n'
    )
    f = _write(tmp_path / "page.txt", text)
    report = _check([f], tmp_path)
    quotes = _quotes(report)
    assert "more great daily pictures of news" not in quotes
    assert "@dailyexample" not in quotes
    assert "Required fields are marked" not in quotes
    assert "we will win this war today" in quotes
    assert [c.span.line for c in report.quotes] == [7]


def test_boilerplate_with_unbalanced_quote_gives_no_diagnostic(tmp_path: Path) -> None:
    text = 'Follow us on Instagram "@dailyexample\nHe said "we will win this war today".\n'
    f = _write(tmp_path / "page.txt", text)
    report = _check([f], tmp_path)
    assert report.diagnostics == []
    assert _quotes(report) == ["we will win this war today"]


def test_boilerplate_words_inside_prose_are_kept(tmp_path: Path) -> None:
    # the patterns match whole lines only: a sentence that starts the same way is prose
    text = 'Leave a reply if you agree, she wrote: "because we will win this war today".\n'
    f = _write(tmp_path / "prose.txt", text)
    report = _check([f], tmp_path)
    assert _quotes(report) == ["because we will win this war today"]


def test_markdown_links_and_emphasis_do_not_break_quotes(tmp_path: Path) -> None:
    text = (
        "# A *headline*\n\n"
        'She said "we will **never** give up on [this city](https://example.com/a_b_c) '
        'again" at the rally.\n\n'
        'He added: "the _real_ work starts [today](http://x.y/(z)) for all of us".\n'
    )
    f = _write(tmp_path / "story.md", text)
    report = _check([f], tmp_path)
    by_words = {c.words: c for c in report.quotes}
    assert set(by_words) == {
        "we will never give up on this city again",
        "the real work starts today for all of us",
    }
    for claim in report.quotes:
        assert claim.editorial == []
        assert GAP not in claim.words.split()
        # the claim still shows the file as written, markup included
        assert text[claim.span.start : claim.span.end] == claim.text
    assert (
        "[this city](https://example.com/a_b_c)"
        in by_words["we will never give up on this city again"].text
    )


def test_editorial_brackets_still_count_in_markdown(tmp_path: Path) -> None:
    # contrast with links: a bracket not followed by "(url)" is an editorial insertion
    text = 'She said "we will [never] give up on this city again" at the rally.\n'
    f = _write(tmp_path / "story.md", text)
    report = _check([f], tmp_path)
    (claim,) = report.quotes
    assert claim.editorial == ["[never]"]
    assert claim.words.split() == ["we", "will", GAP, "give", "up", "on", "this", "city", "again"]


def test_markdown_link_inside_quote_does_not_differ_from_plain_text(tmp_path: Path) -> None:
    md = _write(
        tmp_path / "linked.md",
        'Milano said "we will win this fight and we will [do it](https://x.org) today".\n',
    )
    txt = _write(
        tmp_path / "plain.txt",
        'Milano said "we will win this fight and we will do it today".\n',
    )
    report = _check([md, txt], tmp_path)
    assert len(report.quotes) == 2
    assert len({c.words for c in report.quotes}) == 1
    assert report.findings == []
