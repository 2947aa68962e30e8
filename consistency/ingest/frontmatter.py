"""YAML front matter (`---` ... `---`) at the top of an article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from consistency.errors import FrontMatterError

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


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


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Parse the front matter of `text`, or return an empty one when there is none."""
    opened = _OPEN.match(text)
    if not opened:
        return FrontMatter()
    closed = _CLOSE.search(text, opened.end())
    if not closed:
        raise FrontMatterError(path, "front matter opened with '---' is never closed", line=1)
    body = text[opened.end() : closed.start()]
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(path, f"invalid YAML front matter: {problem}", line=line) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(path, "front matter must be a mapping of keys to values", line=2)
    end = closed.end() + (1 if text[closed.end() : closed.end() + 1] == "\n" else 0)
    return _validated(data, body, path, end)


def _key_line(body: str, key: str) -> int:
    for number, line in enumerate(body.splitlines(), start=2):
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
