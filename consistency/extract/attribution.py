"""Who said a quotation: reporting verbs, pronouns and roles resolved within the article.

No speaker is better than a wrong one: every step gives up when the text is ambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from consistency.extract.people import People
from consistency.extract.speech import (
    ACCORDING,
    AFTER,
    AFTER_APPOSITIVE,
    AFTER_NAME_APPOSITIVE,
    ANY_APPOSITIVE,
    APPOSED_NAME,
    APPOSITIVE,
    CAPITALISED_BEFORE,
    CONTRAST,
    DESCRIPTION,
    DET,
    INTERRUPTION,
    MAX_GAP_WORDS,
    MODIFIERS,
    MORE_WORDS,
    RELATIVE,
    ROLE_BRIDGE,
    ROLE_NP,
    STRAY_CLOSE,
    TAIL_SENTENCE,
    TAIL_WORDS,
    VERB_RE,
    describes,
    role_words,
)
from consistency.extract.speech import (
    VERB as VERB,
)
from consistency.models import Via
from consistency.text.names import ROLES, STOPWORDS, Mention, find_mentions


@dataclass
class Attribution:
    """A speaker found for a quotation."""

    name: str
    mention: str
    via: Via
    start: int
    end: int


@dataclass
class _Found:
    """Words that name a speaker: a pronoun, a role phrase or a name, and where the words
    describing the speaker start when they come before it."""

    kind: str
    phrase: str
    start: int
    end: int
    described: int | None = None


class Attributor(People):
    """Resolves speakers of quotations within one article."""

    def speaker(self, quote_open: int, quote_close: int) -> Attribution | None:
        """The speaker of the quotation at [quote_open, quote_close), or None."""
        found = self._after(quote_close) or self._before(quote_open)
        if found is not None:
            return self._resolve(found)
        return self._continued(quote_open)

    def _after(self, close: int) -> _Found | None:
        """Words naming the speaker right after a quotation, or after a stray closing mark
        that ends the sentence's quoted words ("“…” to the tower,” the chief said)."""
        found = self._after_at(close)
        if found is None:
            stray = STRAY_CLOSE.match(self.text, close)
            if stray and not self._inside_quote(stray.end() - 1):
                found = self._after_at(stray.end())
        return found

    def _after_at(self, close: int) -> _Found | None:
        window = self.text[close : close + 120].split("\n", 1)[0]
        for pattern in (AFTER_APPOSITIVE, AFTER_NAME_APPOSITIVE):
            m = pattern.match(window)
            if m and describes(m.group("desc")):
                s, e = m.span("name")
                desc = close + m.start("desc")
                return _Found("name", m.group("name"), close + s, close + e, min(desc, close + s))
        m = AFTER.match(window)
        if not m:
            return None
        for kind in ("pron", "role", "rname", "name", "ipron", "irole", "irname", "iname"):
            if m.group(kind):
                found = _Found(
                    kind.lstrip("i"), m.group(kind), close + m.start(kind), close + m.end(kind)
                )
                return self._apposed(found)
        return None

    def _apposed(self, found: _Found) -> _Found | None:
        """A role phrase followed by the name it describes ("the Tesla founder, Elon Musk"),
        and role words written before a name ("fire chief Daniel Okafor")."""
        if found.kind == "role":
            named = APPOSED_NAME.match(self.text, found.end)
            if named:
                s, e = named.span("name")
                return _Found("name", named.group("name"), s, e, found.start)
            return self._whole_role(found)
        if found.kind == "rname":
            words = found.phrase.split()
            low = next(k for k, w in enumerate(words) if w[:1].islower())
            cut = next(k for k, w in enumerate(words) if k > low and w[:1].isupper())
            if not role_words(words[low:cut]):
                if low == 0:
                    return None
                prefix = " ".join(words[:low])  # "Kelby" of "Kelby acting Gov. Ana Ruiz"
                return _Found("name", prefix, found.start, found.start + len(prefix))
            name = " ".join(words[cut:])
            return _Found("name", name, found.end - len(name), found.end, found.start)
        return found

    def _whole_role(self, found: _Found) -> _Found:
        """A role phrase read on to its role word: "said a navy official following …" is
        matched as "a navy" first."""
        words = found.phrase.split()
        if words[-1].lower() in ROLES:
            return found
        more = MORE_WORDS.match(self.text, found.end)
        extra = more.group().split() if more else []
        for k in range(len(extra), 0, -1):
            if extra[k - 1].lower() in ROLES:
                phrase = " ".join(words + extra[:k])
                return _Found("role", phrase, found.start, found.start + len(phrase))
        return found

    def _continued(self, open_: int) -> Attribution | None:
        """A quotation that opens a sentence right after an attributed one in the same
        paragraph continues its speaker: “…,” she told reporters. “…”"""
        k = bisect_left(self.quote_starts, open_) - 1
        if k < 0:
            return None
        close = self.quotes[k][1]
        found = self._after(close)
        between = self.text[close:open_]
        if found is None or "\n" in between or INTERRUPTION.match(between):
            return None
        tail = self.text[found.end : open_]
        if not TAIL_SENTENCE.match(tail):
            return None
        speaker = self._resolve(found)
        if speaker is None:
            return None
        return Attribution(
            speaker.name, speaker.mention, "continuation", speaker.start, speaker.end
        )

    def _before(self, open_: int) -> _Found | None:
        start = self._sentence_start(open_)
        prefix = self.text[start:open_]
        verbs = [v for v in VERB_RE.finditer(prefix) if not self._inside_quote(start + v.start())]
        while (
            verbs
            and verbs[-1].group().endswith("ing")
            and prefix[: verbs[-1].start()].rstrip().endswith(",")
        ):
            verbs.pop()  # "…, explaining that": the participle's subject is further back
        according = ACCORDING.search(prefix)
        if according and not (verbs and verbs[-1].start() > according.start()):
            return self._subject_at(start, prefix[: according.end("who")])
        if not verbs:
            return None
        verb = verbs[-1]
        gap = prefix[verb.end() :]
        if len(gap.split()) > MAX_GAP_WORDS or CONTRAST.search(gap):
            return None
        left = TAIL_WORDS.sub("", prefix[: verb.start()].rstrip())
        left = RELATIVE.sub("", left)
        left = APPOSITIVE.sub("", left)  # "Schiappa, the minister, said"
        appositive = ANY_APPOSITIVE.search(left)
        if appositive and describes(appositive.group(1)):
            left = left[: appositive.start()]  # "Pike, chief executive of Bluewater, said"
        return self._subject_at(start, left.rstrip(" ,"))

    def _subject_at(self, start: int, left: str) -> _Found | None:
        """The pronoun, role phrase or name that ends `left` (text from `start`)."""
        pron = re.search(r"\b([Hh]e|[Ss]he)$", left)
        if pron:
            return _Found("pron", pron.group(1), start + pron.start(1), start + pron.end(1))
        role = re.search(rf"\b({ROLE_NP})$", left)
        if role and role.group(1).split()[-1].lower() in ROLES:
            return _Found("role", role.group(1), start + role.start(1), start + role.end(1))
        for m in self.mentions:
            if m.end == start + len(left) and m.start >= start:
                if m.start == start and not self._is_person(m):
                    return None  # "Elsewhere, …": a capitalised sentence opener
                return _Found("name", m.name, m.start, m.end)
        return None

    def _resolve(self, found: _Found) -> Attribution | None:
        phrase, start, end = found.phrase, found.start, found.end
        if found.kind == "name":
            return self._named(found)
        if found.kind == "pron":
            name = self.antecedent_of(phrase.lower(), start)
            return Attribution(name, phrase, "pronoun", start, end) if name else None
        parts = re.split(r"[ ]+and[ ]+", phrase)
        if any(re.match(rf"{DET}\b", part) for part in parts[1:]):
            return None  # "the mayor and the governor said": two speakers
        heads = [part.split()[-1].lower() for part in parts]
        name = self.antecedent_of_role(heads, start)
        if name is None and heads[0] in ROLES:
            name = ""  # "a navy official said": a speaker the article does not name
        return None if name is None else Attribution(name, phrase, "role", start, end)

    def _named(self, found: _Found) -> Attribution | None:
        """The speaker a capitalised phrase names: its last name mention ("said Harbour Police
        Chief Ana Cruz", "said Rear Adm. Jane Doe"), or the name right after role words ("said
        Harbour Police chief Ana Cruz"). The mention keeps the words that describe the speaker
        at the quote: those before the name ("the Harbour Police", "Harbour Police Chief") and
        an appositive after it (", the Harbour Police chief")."""
        phrase, start, end = found.phrase, found.start, found.end
        k, j = bisect_left(self.mention_starts, start), bisect_left(self.mention_starts, end)
        inside = self.mentions[k:j]
        mention = inside[-1] if inside else None
        if mention is None:
            mention = next((m for m in self.mentions if m.start <= start < m.end), None)
        mention = self._bridged(end) or mention
        if mention is None:  # not a mention of the narrative: read the phrase alone
            names = find_mentions(phrase)
            if not names:
                return None
            canonical = self._resolve_name(names[-1]) or names[-1].name
            return Attribution(canonical, phrase, "explicit", start, end)
        start = min(start, self._described_from(mention.start), found.described or start)
        end = mention.end if end > mention.end and phrase.endswith(".") else max(end, mention.end)
        described = DESCRIPTION.match(self.text, end)
        if described and describes(described.group(1)):
            end = described.end()
        canonical = self._resolve_name(mention) or mention.name
        return Attribution(canonical, self.text[start:end], "explicit", start, end)

    def _bridged(self, end: int) -> Mention | None:
        """The person named after role words that follow a capitalised phrase: "said Harbour
        Police chief Ana Cruz", "said Chiang Mai acting Gov. Ana Cruz"."""
        bridge = ROLE_BRIDGE.match(self.text, end)
        if bridge is None:
            return None
        words = bridge.group(1).split()
        after = bisect_left(self.mention_starts, bridge.end())
        if after == len(self.mentions):
            return None
        mention = self.mentions[after]
        titled = mention.start - bridge.end() <= 12 and bool(mention.roles)
        if (mention.start == bridge.end() and role_words(words)) or (
            titled and all(w.lower() in ROLES or w.lower() in MODIFIERS for w in words)
        ):
            return mention
        return None

    def _described_from(self, pos: int) -> int:
        """Where the words naming the speaker at `pos` start: a "the" the name is written
        after, or the capitalised words and role words right before it ("Harbour Police
        Chief", "Rear Adm.", "coastguard commander")."""
        the = self._the_before(pos)
        if the is not None:
            return the
        found = CAPITALISED_BEFORE.search(self.text, max(0, pos - 80), pos)
        if found is None:
            return pos
        words = found.group().split()
        keep, after_role = 0, False
        for word in reversed(words):
            low = word.lower().rstrip(".")
            role = low in ROLES or low in MODIFIERS
            qualifier = after_role and word.isalpha() and not VERB_RE.fullmatch(low)
            if not (word[:1].isupper() or role or qualifier) or low in STOPWORDS:
                break
            if word.endswith(("’", "'")):
                break  # "… to Paris’ Ana Cruz said": the end of a quotation is no description
            keep, after_role = keep + 1, word.islower() and low in ROLES
        return pos if keep == 0 else pos - len(" ".join(words[-keep:])) - 1
