"""The people an article names: full names, surnames resolved to them, their roles and
genders, and whom a pronoun or a role refers to.

No person is better than a wrong one: every step gives up when the text is ambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from consistency.text.names import ROLES, TITLES, Mention, find_mentions

_THE_BEFORE = re.compile(r"(?<![\w’'])[Tt]he[ ]+((?:[A-Z][\w.’'-]*[ ]+)*)$")
# (matched at the start of the text after a name; the look-behind keeps a search linear)
_APPOSITIVE = re.compile(r"(?<![ ])[ ]*,[ ]*(?:the|a|an)[ ]+([^,.;]{0,80})")
_HYPHENED = re.compile(r"[\w-]+")
_FEMININE = re.compile(r"\b(?:she|her|herself)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)


@dataclass
class _Entity:
    name: str
    gender: str | None
    roles: set[str]


class People:
    """The people of one article, for resolving speakers of its quotations."""

    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        quote_spans: list[tuple[int, int]],
        paragraph_of: list[int],
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.paragraph_of = paragraph_of
        self.quotes = quote_spans
        self.quote_starts = [q[0] for q in quote_spans]
        self._names: dict[tuple[str, int], str | None] = {}
        self.mentions = [m for m in self._narrative_mentions() if m.tokens]
        self.mention_starts = [m.start for m in self.mentions]
        self.full = [m for m in self.mentions if len(m.tokens) >= 2]
        self.entities = self._entities()

    def _inside_quote(self, pos: int) -> bool:
        k = bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and self.quotes[k][0] <= pos < self.quotes[k][1]

    def _narrative_mentions(self) -> list[Mention]:
        out = []
        for s, e in self.sentences:
            for m in find_mentions(self.text, s, e):
                if not self._inside_quote(m.start):
                    out.append(m)
        return out

    def _entities(self) -> dict[str, _Entity]:
        """Canonical people: full names, with surnames resolved to them."""
        entities: dict[str, _Entity] = {}
        for m in self.mentions:
            canonical = self._resolve_name(m)
            if canonical is None:
                continue
            ent = entities.setdefault(canonical, _Entity(canonical, None, set()))
            ent.roles.update(m.roles)
            ent.roles.update(self._appositive_roles(m))
            ent.gender = ent.gender or m.gender
        for name, gender in self._pronoun_genders(entities).items():
            entities[name].gender = entities[name].gender or gender
        return entities

    def _resolve_name(self, m: Mention) -> str | None:
        """The fullest name in the article for a mention ("Milano" -> "Alyssa Milano")."""
        key = (m.name, m.start)
        if key not in self._names:
            self._names[key] = self._fullest(m)
        return self._names[key]

    @cached_property
    def _full_index(self) -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
        """Full names by the names they end with (the first longest), by their surname and by
        their other words: looked up once a mention, not scanned."""
        longest: dict[str, str] = {}
        by_last: dict[str, set[str]] = {}
        by_other: dict[str, set[str]] = {}
        for f in self.full:
            tokens = f.tokens
            for k in range(1, len(tokens)):
                tail = " ".join(tokens[k:])
                if len(f.name) > len(longest.get(tail, "")):
                    longest[tail] = f.name
            by_last.setdefault(tokens[-1], set()).add(f.name)
            for token in tokens[:-1]:
                by_other.setdefault(token, set()).add(f.name)
        return longest, by_last, by_other

    def _fullest(self, m: Mention) -> str | None:
        longest, by_last, by_other = self._full_index
        if len(m.tokens) >= 2:
            return longest.get(m.name, m.name)
        names = set(by_last.get(m.name) or by_other.get(m.name) or ())
        if len(names) == 1:
            return names.pop()
        if len(names) > 1:
            return None  # "Keller" when Milan and Nikolai Keller both appear: unknown
        return m.name if (m.roles or m.gender) else None

    def _appositive_roles(self, m: Mention) -> set[str]:
        after = self.text[m.end : m.end + 90]
        found = _APPOSITIVE.match(after)
        if not found:
            return set()
        return {w.lower() for w in _HYPHENED.findall(found.group(1)) if w.lower() in ROLES}

    def _pronoun_genders(self, entities: dict[str, _Entity]) -> dict[str, str]:
        """A person who is the subject of a sentence that goes on with "she"/"her" is female."""
        votes: dict[str, list[str]] = {}
        for s, e in self.sentences:
            subject = self._subject(s, e)
            if subject is None:
                continue
            canonical = self._resolve_name(subject)
            rest = self.text[subject.end : e]
            fem, masc = len(_FEMININE.findall(rest)), len(_MASCULINE.findall(rest))
            if canonical in entities and fem != masc and not (fem and masc):
                votes.setdefault(canonical, []).append("f" if fem else "m")
        return {name: v[0] for name, v in votes.items() if len(set(v)) == 1}

    def _subject(self, s: int, e: int) -> Mention | None:
        """The first person named near the start of a sentence (its likely subject)."""
        k = bisect_left(self.mention_starts, s)
        if k < len(self.mentions) and self.mentions[k].start < e:  # no copy of the tail
            m = self.mentions[k]
            head = self.text[s : m.start]
            if len(head.split()) <= 8 and self._is_person(m):
                if re.match(r"[ ]*(?:,[ ]*)?(?:and|or|&)[ ]+[A-Z]", self.text[m.end : m.end + 12]):
                    return None  # "Jordan Vale and Casey Lund": a shared subject
                return m
        return None

    def _the_before(self, pos: int) -> int | None:
        """Where a "the" starts that the name at `pos` is written after, perhaps with
        capitalised words between that are no role ("the US Harbour Police"). Such a name is a
        body or an epithet ("the Tesla Mogul"), not a person: nobody writes "the Ana Cruz",
        though "the Mayor Ana Cruz" happens."""
        found = _THE_BEFORE.search(self.text, max(0, pos - 60), pos)
        if found is None:
            return None
        between = [w.lower().rstrip(".") for w in found.group(1).split()]
        return None if any(w in ROLES or w in TITLES for w in between) else found.start()

    def _named_person(self, m: Mention) -> bool:
        """A person a pronoun or a role can refer to: not a body written after "the"."""
        return self._is_person(m) and self._the_before(m.start) is None

    def _is_person(self, m: Mention) -> bool:
        if len(m.tokens) >= 2 or m.roles or m.gender or self._appositive_roles(m):
            return True
        return self._resolve_name(m) not in (None, m.name)

    def _sentence_start(self, pos: int) -> int:
        k = bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[k][0] if k >= 0 else 0

    def antecedent_of(self, word: str, pos: int) -> str | None:
        """The person "he", "she" or a role word ("actress") at `pos` refers to."""
        if word in ("he", "she"):
            gender = "f" if word == "she" else "m"
            return self._antecedent(pos, lambda ent: ent.gender in (None, gender))
        return self.antecedent_of_role([word], pos)

    def antecedent_of_role(self, heads: list[str], pos: int) -> str | None:
        """The person a role phrase at `pos` refers to, by the role words heading it ("the
        founder and chief executive": founder, executive)."""
        roles = {h for h in heads if h in ROLES}
        if not roles:
            return None
        return self._antecedent(pos, lambda ent: bool(roles & ent.roles))

    def mention_ending_at(self, end: int) -> Mention | None:
        """The name mention that ends exactly at `end`, if it is a person."""
        k = bisect_right(self.mention_starts, end) - 1
        while k >= 0 and self.mentions[k].end >= end - 60:
            m = self.mentions[k]
            if m.end == end:
                return m if self._is_person(m) else None
            k -= 1
        return None

    def full_name(self, mention: Mention) -> str:
        """The fullest form of a mention's name in this article."""
        return self._resolve_name(mention) or mention.name

    def _antecedent(self, pos: int, fits: Callable[[_Entity], bool]) -> str | None:
        """The person a pronoun or role at `pos` refers to: the subject of the nearest earlier
        sentence naming a fitting person, or its only fitting person; None when ambiguous."""
        k = bisect_right(self.sentence_starts, pos) - 1
        first_para = self.paragraph_of[k] - 2 if k >= 0 else 0
        for j in range(k, max(-1, k - 6), -1):
            if self.paragraph_of[j] < first_para:
                break
            s, e = self.sentences[j]
            limit = min(e, pos)
            lo, hi = bisect_left(self.mention_starts, s), bisect_left(self.mention_starts, limit)
            here = [m for m in self.mentions[lo:hi] if self._named_person(m)]
            people = [(m, self._resolve_name(m)) for m in here]
            fitting = [
                (m, n)
                for m, n in people
                if n and fits(self.entities.get(n) or _Entity(n, None, set()))
            ]
            if not fitting:
                continue
            subject = self._subject(s, e)
            if subject is not None and any(m is subject for m, _ in fitting):
                return self._resolve_name(subject)
            names = {n for _, n in fitting}
            return names.pop() if len(names) == 1 else None
        return None
