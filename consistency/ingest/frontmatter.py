"""YAML front matter (`---` ... `---`) at the top of an article.

Exported news often writes front matter that is not strict YAML but is plainly
`key: value` lines (`title: Storm Ciarán: the latest`). When the block as a whole is not
YAML, each top-level entry is read on its own; an entry YAML cannot read but that is one
`key: value` line keeps the text after its first `: ` as its value, with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from consistency.errors import FrontMatterError

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# a plain `key: value` line: the key runs to the first ': ' (or a ':' ending the line); a
# value opening a YAML list or mapping ('[', '{') is broken YAML, not plain text
# (key and value are read as runs of blanks each followed by a character that is no blank,
# so the blanks before the ':' and at the end are left out without trying every split)
_PLAIN = re.compile(
    r"^(?![-#?\[{!&*|>'\"%@`])([^:\s](?:[ \t]*+[^: \t\n])*+)[ \t]*+:"
    r"(?:(?:[ \t]++(?![\[{])|[ \t](?:[ \t](?=[ \t]))*+(?=[ \t]))"
    r"((?:[ \t]*+(?:[^ \t\r\n]|\r(?=.)))*+))?[ \t]*+\r?"
)
_FIRST_LINE = 2  # the body starts on the line after the opening '---'


@cache
def _loader() -> Any:
    """PyYAML's safe loader, with an impossible date (a +25:00 offset, month 13) a YAML
    error that says where it is, not a bare ValueError. (PyYAML is imported here, when a
    file has front matter: most runs read none.)"""
    import yaml
    from yaml.constructor import ConstructorError

    class Loader(yaml.SafeLoader):
        def construct_yaml_timestamp(self, node: Any) -> Any:
            """A date or datetime, or a ConstructorError at the node."""
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as exc:
                problem = str(exc)
                if "offset" in problem:  # Python's message shows timedelta reprs
                    problem = "a UTC offset must lie strictly between -24:00 and +24:00"
                raise ConstructorError(
                    None, None, f"impossible date or time {node.value!r} ({problem})",
                    node.start_mark,
                ) from exc  # fmt: skip

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


@dataclass
class FrontMatter:
    """The metadata a file declares, and where its block ends in the file."""

    end: int = 0
    outlet: str | None = None
    published: dt.date | dt.datetime | None = None
    title: str | None = None
    url: str | None = None
    story: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Parse the front matter of `text`, or return an empty one when there is none."""
    opened = _OPEN.match(text)
    if not opened:
        return FrontMatter()
    closed = _CLOSE.search(text, opened.end())
    if not closed:
        raise FrontMatterError(path, "front matter opened with '---' is never closed", line=1)
    body = text[opened.end() : closed.start()]
    warnings: list[tuple[int, str]] = []
    try:
        data = _load(body, path, _FIRST_LINE)
    except _NotYaml as exc:  # not YAML as a whole: perhaps plain `key: value` lines
        data = _lenient(body, path, warnings, exc.error)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(path, "front matter must be a mapping of keys to values", line=2)
    end = closed.end() + (1 if text[closed.end() : closed.end() + 1] == "\n" else 0)
    fm = _validated(data, body, path, end)
    fm.warnings = warnings
    return fm


class _NotYaml(Exception):
    """Text YAML cannot parse (a syntax error, not a refused tag or an impossible value)."""

    def __init__(self, error: FrontMatterError) -> None:
        super().__init__(str(error))
        self.error = error


def _load(text: str, path: str, first_line: int) -> Any:
    """YAML, safely; a refused tag or impossible value is a FrontMatterError, a syntax
    error is _NotYaml (carrying the error to raise if no lenient reading helps)."""
    import yaml
    from yaml.constructor import ConstructorError

    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader: safe loading stays
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        error = FrontMatterError(path, f"invalid YAML front matter: {problem}", line=line)
        if isinstance(exc, ConstructorError):
            raise error from exc
        raise _NotYaml(error) from exc


def _entries(body: str) -> list[tuple[int, str]]:
    """Top-level entries with their first line: a line at the margin and the indented,
    blank or comment lines after it."""
    entries: list[tuple[int, list[str]]] = []
    for number, line in enumerate(body.splitlines(), start=_FIRST_LINE):
        starts = line[:1] not in ("", " ", "\t", "#")
        if starts or not entries:
            entries.append((number, [line]))
        else:
            entries[-1][1].append(line)
    return [(n, "\n".join(lines)) for n, lines in entries]


def _lenient(
    body: str, path: str, warnings: list[tuple[int, str]], error: FrontMatterError
) -> dict[str, Any]:
    """Read entry by entry; an entry neither YAML nor one `key: value` line raises `error`
    (what YAML said of the whole block)."""
    data: dict[str, Any] = {}
    for number, entry in _entries(body):
        if not entry.strip() or entry.lstrip().startswith("#"):
            continue
        try:
            value = _load(entry, path, number)
        except _NotYaml as exc:
            lines = [x for x in entry.splitlines() if x.strip() and not x.lstrip().startswith("#")]
            plain = _PLAIN.fullmatch(lines[0]) if len(lines) == 1 else None
            if plain is None:
                raise error from exc
            data[plain.group(1)] = plain.group(2) or None
            warnings.append((number, f"front matter is not valid YAML; read '{plain.group(1)}' "
                             "as a plain 'key: value' line"))  # fmt: skip
            continue
        if not isinstance(value, dict):
            raise error
        data.update(value)
    return data


def _key_line(body: str, key: str) -> int:
    for number, line in enumerate(body.splitlines(), start=_FIRST_LINE):
        if line.split(":", 1)[0].strip() == key:
            return number
    return 1


def _validated(data: dict[Any, Any], body: str, path: str, end: int) -> FrontMatter:
    fm = FrontMatter(end=end)
    for key, value in data.items():
        name = str(key)
        if name == "published":
            fm.published = _date(value, path, _key_line(body, name))
        elif name in {"outlet", "title", "url", "story"}:
            if value is not None and not isinstance(value, str | int | float):
                raise FrontMatterError(
                    path, f"front matter '{name}' must be text", line=_key_line(body, name)
                )
            setattr(fm, name, None if value is None else str(value))
        else:
            fm.extra[name] = value
    return fm


def _date(value: Any, path: str, line: int) -> dt.date | dt.datetime | None:
    if value is None or isinstance(value, dt.date):  # datetime is a date subclass
        return value
    if isinstance(value, str):
        try:
            if "T" in value or " " in value.strip():
                return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FrontMatterError(
        path,
        f"front matter 'published' must be a date (2017-10-16) or datetime, got {value!r}",
        line=line,
    )
