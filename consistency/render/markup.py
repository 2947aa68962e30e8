"""Building HTML safely, and the report page's shell: every piece of data goes through
`el` or `text`, which escape it; the page's only style and script are the constants here,
allowed by hash in its Content-Security-Policy, so that nothing else can run or load."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable

from consistency.render.common import visible

_VOID = {"meta", "input", "br"}

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:90rem;padding:1rem 2rem;
color:#1d1d1f}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0;display:block;overflow-x:auto}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}th{background:#f4f4f6}code{font-size:.9em}
.sev{display:inline-block;border-radius:.3rem;padding:0 .4rem;color:#fff;font-weight:600}
.error .sev,.sev.error{background:#c62828}.warning .sev,.sev.warning{background:#b26a00}
.info .sev,.sev.info{background:#1565c0}
.filters{display:flex;gap:.3rem 1.5rem;flex-wrap:wrap;background:#f4f4f6;padding:.5rem 1rem;
border-radius:.4rem;position:sticky;top:0;z-index:1}.filters fieldset{border:0;margin:0;padding:0}
.filters label{margin-right:.8rem;white-space:nowrap}.filters p{margin:0;flex-basis:100%}
.finding{border:1px solid #ccc;border-radius:.5rem;padding:.2rem 1rem 1rem;margin:1rem 0}
.finding.error{border-left:.4rem solid #c62828}.finding.warning{border-left:.4rem solid #b26a00}
.finding.info{border-left:.4rem solid #1565c0}.why{color:#555}
.diff{background:#f8f8f8;padding:.4rem .8rem;border-radius:.3rem}
del{background:#ffd7d5;text-decoration:line-through}ins{background:#ccf0d3;text-decoration:none}
.sources{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.8rem}
.ev{border:1px solid #ddd;border-radius:.4rem;padding:.4rem .7rem;background:#fcfcfd}
.ev.odd{border:2px solid #c62828;background:#fff6f5}.role{font-weight:700;margin:0}
.ev.odd .role{color:#c62828}.ev p{margin:.2rem 0;overflow-wrap:anywhere}
.meta{color:#555;font-size:.9em}
blockquote{margin:.4rem 0;white-space:pre-line}mark{background:#ffe57a;padding:0 .1rem}
mark:target,.line:target{outline:2px solid #1565c0}
.text{font:13px/1.45 ui-monospace,monospace;border:1px solid #ddd;border-radius:.4rem;
padding:.3rem 0;overflow-x:auto}.line{display:flex;min-height:1.45em}
.ln{flex:0 0 3.5rem;text-align:right;padding-right:.6rem;color:#888;user-select:none;
text-decoration:none}.refs{flex:0 0 3rem;font-size:.85em}
.t{white-space:pre-wrap;overflow-wrap:anywhere;flex:1}
"""

JS = """
(function () {
  "use strict";
  var box = document.getElementById("filters");
  if (!box) { return; }
  var inputs = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var params = new URLSearchParams(window.location.search);
  inputs.forEach(function (input) {
    var wanted = params.get(input.name);
    if (wanted !== null) { input.checked = wanted.split(",").indexOf(input.value) >= 0; }
  });
  function count() {
    var shown = findings.filter(function (f) { return !f.hidden; }).length;
    document.getElementById("shown").textContent =
      "Showing " + shown + " of " + findings.length + " findings.";
  }
  function apply() {
    var on = { severity: new Set(), code: new Set() };
    inputs.forEach(function (input) { if (input.checked) { on[input.name].add(input.value); } });
    findings.forEach(function (f) {
      f.hidden = !(on.severity.has(f.dataset.severity) && on.code.has(f.dataset.code));
    });
    count();
  }
  function reveal() {
    // a link to a claim of a finding the filters hide shows that finding
    var target = document.getElementById(window.location.hash.slice(1));
    var finding = target && target.closest(".finding");
    if (finding && finding.hidden) { finding.hidden = false; count(); target.scrollIntoView(); }
  }
  box.addEventListener("change", apply);
  window.addEventListener("hashchange", reveal);
  box.hidden = false;
  apply();
  reveal();
})();
"""


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


# Only our own inline style and script may run; nothing may be fetched, framed or posted.
CSP = (
    f"default-src 'none'; style-src {_sha256(CSS)}; script-src {_sha256(JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


class Markup(str):
    """HTML that is already escaped: the only string put into the page as it is."""

    __slots__ = ()


def text(value: str) -> Markup:
    """Any text as HTML text: escaped, carriage returns dropped, controls shown as escapes."""
    return Markup(html.escape(visible(value.replace("\r", "")), quote=True))


def join(parts: Iterable[str]) -> Markup:
    """Pieces side by side; plain strings among them are escaped."""
    return Markup("".join(p if isinstance(p, Markup) else text(p) for p in parts))


def start_tag(tag: str, **attrs: str | int | bool | None) -> Markup:
    """`<tag attr="value">`: names from our code (class_ → class, data_x → data-x), values
    escaped; a link may only point inside the page."""
    out = [tag]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if name == "href" and not str(value).startswith("#"):
            raise ValueError(f"only in-page links: {value!r}")
        out.append(name if value is True else f'{name}="{text(str(value))}"')
    return Markup(f"<{' '.join(out)}>")


def el(tag: str, *children: str | None, **attrs: str | int | bool | None) -> Markup:
    """An element: its start tag, its children (plain strings escaped), its end tag."""
    if tag in _VOID:
        return start_tag(tag, **attrs)
    return Markup(f"{start_tag(tag, **attrs)}{join(c for c in children if c)}</{tag}>")


def join_with(separator: str, parts: Iterable[str]) -> Markup:
    """Pieces with `separator` (escaped) between them."""
    return Markup(text(separator).join(join([p]) for p in parts))


# A line's leading blanks (not across lines: that rescans blank lines, quadratic) and "::".
_COMMAND_START = re.compile(r"^([^\S\n]*+):(?=:)", re.MULTILINE)


def inert_lines(page: str) -> str:
    """No line of the page can start a GitHub workflow command when it lands in a CI log."""
    return _COMMAND_START.sub(r"\1&#58;", page).replace("##[", "##&#91;")


def head(title: str) -> Markup:
    """The page's head: charset, CSP, no referrer, the inline style."""
    return el(
        "head",
        el("meta", charset="utf-8"),
        el("meta", http_equiv="Content-Security-Policy", content=CSP),
        el("meta", name="referrer", content="no-referrer"),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("title", title),
        el("style", Markup(CSS)),
    )


def page(title: str, body: Iterable[str | None]) -> str:
    """The whole document: its head, the body's blocks one per line, the script last."""
    blocks = join_with("\n", [b for b in body if b] + [el("script", Markup(JS))])
    document = el("html", head(title), el("body", blocks), lang="en")
    return inert_lines(f"<!DOCTYPE html>\n{document}\n")
