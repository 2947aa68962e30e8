"""Lines that are page furniture, not article text: embeds, share prompts, comment forms."""

from __future__ import annotations

import re

from consistency.ingest.normalize import NormalizedText

# Each pattern matches a whole line (leading/trailing spaces allowed). They are generic
# CMS and social-embed furniture, kept deliberately narrow: a false match hides text.
_LINE_PATTERNS = [
    r"(?:https?:)?//\S+\.js",  # embed scripts: //platform.twitter.com/widgets.js
    r"(?:https?:)?//(?:platform\.twitter|www\.instagram|connect\.facebook)\.\S*",
    r"advertisement|sponsored content|you might also like|related articles?:?",
    r"(?:photo|image|picture|video) credit:.*",
    r"follow us on .*",
    r"(?:want|get) up-to-the-minute .*",
    r"read more(?: from [^:]+)?:",
    r"share this:?|click to share.*|like this:?|loading\.\.\.",
    r"leave a (?:reply|comment)|submit a comment|post a comment|add a comment",
    r"your email address will not be published\..*",
    r"required fields are marked.*",
    r"fill in your details below or click an icon to log in:",
    r"you are commenting using your .* account\..*",
    r"(?:wordpress\.com logo|google\+ photo|twitter picture|facebook photo)",
    r"connecting to %s",
    r"notify me of (?:new comments|new posts).*",
    r"log out\s*/\s*change\s*\)?",
]
_BOILERPLATE = re.compile(
    r"^[ ]*(?:" + "|".join(_LINE_PATTERNS) + r")[ ]*$", re.IGNORECASE | re.MULTILINE
)


def blank_boilerplate(norm: NormalizedText) -> int:
    """Blank every boilerplate line of the copy; returns how many lines were blanked."""
    spans = [(m.start(), m.end()) for m in _BOILERPLATE.finditer(norm.text)]
    norm.blank(spans)
    return len(spans)
