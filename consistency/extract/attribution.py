"""Who said a quotation: reporting verbs, pronouns and roles resolved within the article.

No speaker is better than a wrong one: every step gives up when the text is ambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from consistency.text.names import ROLES, STOPWORDS, TITLES, Mention, find_mentions

_VERB_STEMS = """say said says saying write wrote writes writing tweet tweeted tweets tweeting
post posted posts tell told tells add added adds ask asked asks explain explained explains
explaining state stated states declare declared declares insist insisted insists claim
claimed claims argue argued argues note noted notes reply replied replies respond responded
responds continue continued continues reveal revealed reveals admit admitted admits recall
recalled recalls warn warned warns urge urged urges comment commented comments announce
announced announces confirm confirmed confirms acknowledge acknowledged concede conceded
suggest suggested suggests stress stressed stresses emphasise emphasised emphasize
emphasized plead pleaded joke joked quip quipped exclaim exclaimed whisper whispered shout
shouted answer answered caption captioned message messaged text texted promise promised
promises vow vowed vows pledge pledged pledges""".split()
VERB = r"(?:" + "|".join(sorted(set(_VERB_STEMS), key=len, reverse=True)) + r")"
_NAME = r"[A-Z][\w’'.-]*(?:[ ]+(?:(?:de|van|von|der|da|bin|al|la|le)[ ]+)?[A-Z][\w’'.-]*){0,4}"
_DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
# "the coach", "the company's founder and chief executive": one person with two roles; "the
# mayor and the governor" (a second determiner) is two people and is no role phrase
_ROLE_NP = (
    rf"{_DET}[ ]+(?:[\w’'-]+[ ]+){{0,3}}?[\w-]+"
    rf"(?:[ ]+and[ ]+(?!{_DET}\b)(?:[\w’'-]+[ ]+){{0,3}}?[\w-]+)?"
)
_SUBJ = rf"(?:(?P<pron>[Hh]e|[Ss]he)\b|(?P<role>{_ROLE_NP})|(?P<name>{_NAME}))"
_ADV = r"(?:(?:also|later|then|previously|once|recently|earlier|simply|had|has|\w+ly)[ ]+){0,2}"
_AFTER = re.compile(
    rf"^[ ]*[,;:\u2014\u2013-]?[ ]*(?:{_SUBJ}[ ]+{_ADV}(?P<verb>{VERB})\b"
    rf"|(?P<verb2>{VERB})[ ]+(?:{_SUBJ.replace('?P<', '?P<i')}))"
)
# "…," the coach, Ines Barros, told reporters: the name in the appositive is the speaker
_AFTER_APPOSITIVE = re.compile(
    rf"^[ ]*[,;:\u2014\u2013-]?[ ]*{_ROLE_NP}[ ]*,[ ]*(?P<name>{_NAME})[ ]*,[ ]+{_ADV}{VERB}\b"
)
_VERB_RE = re.compile(rf"\b{VERB}\b")
_TAIL_WORDS = re.compile(
    r"(?:,?[ ]+(?:also|has|have|had|previously|later|then|once|recently|earlier|first|"
    r"publicly|simply|who|which|\w+ly))+[ ]*$"
)
_APPOSITIVE = re.compile(r",[ ]*(?:the|a|an|his|her|their|its)\b[^,]{0,80},$")
_RELATIVE = re.compile(r",[ ]*(?:who|whose|whom|which)\b[^,;:]{0,120},$")  # "X, whose … , said"
_ACCORDING = re.compile(r"\baccording to[ ]+(?P<who>[^,;:]{1,60}?)[ ,]*$", re.IGNORECASE)
# what follows a speaker's name and describes it: ", the First Harbour District commander"
_DESCRIPTION = re.compile(
    r"[ ]*,[ ]*(?:the|a|an|his|her|its|their)\b(?:[^,;:!?\"“”\n.]|\.(?=\S)){1,80}"
)
# role words between a capitalised phrase and the name: "said Harbour Police chief Ana Cruz"
_ROLE_BRIDGE = re.compile(r"[ ]+((?:[a-z][\w.-]*[ ]+){1,3})(?=[A-Z])")
_THE_BEFORE = re.compile(r"(?<![\w’'])[Tt]he[ ]+((?:[A-Z][\w.’'-]*[ ]+)*)$")
_CAPITALISED_BEFORE = re.compile(r"(?:(?<![\w’'])[\w.’'-]+[ ]){1,6}$")
_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though|however|yet)\b|;")
MAX_GAP_WORDS = 25


@dataclass
class Attribution:
    """A speaker found for a quotation."""

    name: str
    mention: str
    via: str
    start: int
    end: int


@dataclass
class _Entity:
    name: str
    gender: str | None
    roles: set[str]


class Attributor:
    """Resolves speakers of quotations within one article."""

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

    # -- people of the article -------------------------------------------------------------

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

    def _fullest(self, m: Mention) -> str | None:
        full = self.full
        if len(m.tokens) >= 2:
            longer = [f.name for f in full if f.name.endswith(" " + m.name)]
            return max(longer, key=len) if longer else m.name
        surname = [f for f in full if f.tokens[-1] == m.name]
        if not surname:
            surname = [f for f in full if m.name in f.tokens[:-1]]
        names = {f.name for f in surname}
        if len(names) == 1:
            return names.pop()
        if len(names) > 1:
            return None  # "Keller" when Milan and Nikolai Keller both appear: unknown
        return m.name if (m.roles or m.gender) else None

    def _appositive_roles(self, m: Mention) -> set[str]:
        after = self.text[m.end : m.end + 90]
        found = re.match(r"[ ]*,[ ]*(?:the|a|an)[ ]+([^,.;]{0,80})", after)
        if not found:
            return set()
        return {w.lower() for w in re.findall(r"[\w-]+", found.group(1)) if w.lower() in ROLES}

    def _pronoun_genders(self, entities: dict[str, _Entity]) -> dict[str, str]:
        """A person who is the subject of a sentence that goes on with "she"/"her" is female."""
        votes: dict[str, list[str]] = {}
        for s, e in self.sentences:
            subject = self._subject(s, e)
            if subject is None:
                continue
            canonical = self._resolve_name(subject)
            rest = self.text[subject.end : e]
            fem = len(re.findall(r"\b(?:she|her|herself)\b", rest, re.IGNORECASE))
            masc = len(re.findall(r"\b(?:he|his|him|himself)\b", rest, re.IGNORECASE))
            if canonical in entities and fem != masc and not (fem and masc):
                votes.setdefault(canonical, []).append("f" if fem else "m")
        return {name: v[0] for name, v in votes.items() if len(set(v)) == 1}

    def _subject(self, s: int, e: int) -> Mention | None:
        """The first person named near the start of a sentence (its likely subject)."""
        k = bisect_left(self.mention_starts, s)
        for m in self.mentions[k:]:
            if m.start >= e:
                break
            head = self.text[s : m.start]
            if len(head.split()) <= 8 and self._is_person(m):
                if re.match(r"[ ]*(?:,[ ]*)?(?:and|or|&)[ ]+[A-Z]", self.text[m.end : m.end + 12]):
                    return None  # "Jordan Vale and Casey Lund": a shared subject
                return m
            break
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

    # -- speakers ------------------------------------------------------------------------

    def speaker(self, quote_open: int, quote_close: int) -> Attribution | None:
        """The speaker of the quotation at [quote_open, quote_close), or None."""
        found = self._after(quote_close) or self._before(quote_open)
        if found is None:
            return None
        kind, phrase, start, end = found
        return self._resolve(kind, phrase, start, end)

    def _after(self, close: int) -> tuple[str, str, int, int] | None:
        window = self.text[close : close + 120].split("\n", 1)[0]
        appositive = _AFTER_APPOSITIVE.match(window)
        if appositive:
            s, e = appositive.span("name")
            return "name", appositive.group("name"), close + s, close + e
        m = _AFTER.match(window)
        if not m:
            return None
        for kind in ("pron", "role", "name", "ipron", "irole", "iname"):
            if m.group(kind):
                return kind.lstrip("i"), m.group(kind), close + m.start(kind), close + m.end(kind)
        return None

    def _sentence_start(self, pos: int) -> int:
        k = bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[k][0] if k >= 0 else 0

    def _before(self, open_: int) -> tuple[str, str, int, int] | None:
        start = self._sentence_start(open_)
        prefix = self.text[start:open_]
        verbs = [v for v in _VERB_RE.finditer(prefix) if not self._inside_quote(start + v.start())]
        while (
            verbs
            and verbs[-1].group().endswith("ing")
            and prefix[: verbs[-1].start()].rstrip().endswith(",")
        ):
            verbs.pop()  # "…, explaining that": the participle's subject is further back
        according = _ACCORDING.search(prefix)
        if according and not (verbs and verbs[-1].start() > according.start()):
            return self._subject_at(start, prefix[: according.end("who")])
        if not verbs:
            return None
        verb = verbs[-1]
        gap = prefix[verb.end() :]
        if len(gap.split()) > MAX_GAP_WORDS or _CONTRAST.search(gap):
            return None
        left = _TAIL_WORDS.sub("", prefix[: verb.start()].rstrip())
        left = _RELATIVE.sub("", left)
        left = _APPOSITIVE.sub("", left).rstrip(" ,")  # "Schiappa, the minister, said"
        return self._subject_at(start, left)

    def _subject_at(self, start: int, left: str) -> tuple[str, str, int, int] | None:
        """The pronoun, role phrase or name that ends `left` (text from `start`)."""
        pron = re.search(r"\b([Hh]e|[Ss]he)$", left)
        if pron:
            return "pron", pron.group(1), start + pron.start(1), start + pron.end(1)
        role = re.search(rf"\b({_ROLE_NP})$", left)
        if role and role.group(1).split()[-1].lower() in ROLES:
            return "role", role.group(1), start + role.start(1), start + role.end(1)
        for m in self.mentions:
            if m.end == start + len(left) and m.start >= start:
                if m.start == start and not self._is_person(m):
                    return None  # "Elsewhere, …": a capitalised sentence opener
                return "name", m.name, m.start, m.end
        return None

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

    def _resolve(self, kind: str, phrase: str, start: int, end: int) -> Attribution | None:
        if kind == "name":
            return self._named(phrase, start, end)
        if kind == "pron":
            name = self.antecedent_of(phrase.lower(), start)
            return Attribution(name, phrase, "pronoun", start, end) if name else None
        parts = re.split(r"[ ]+and[ ]+", phrase)
        if any(re.match(rf"{_DET}\b", part) for part in parts[1:]):
            return None  # "the mayor and the governor said": two speakers
        name = self.antecedent_of_role([part.split()[-1].lower() for part in parts], start)
        return Attribution(name, phrase, "role", start, end) if name else None

    def _named(self, phrase: str, start: int, end: int) -> Attribution | None:
        """The speaker a capitalised phrase names: its last name mention ("said Harbour Police
        Chief Ana Cruz", "said Rear Adm. Jane Doe"), or the name right after role words ("said
        Harbour Police chief Ana Cruz"). The mention keeps the words that describe the speaker
        at the quote: those before the name ("the Harbour Police", "Harbour Police Chief") and
        an appositive after it (", the Harbour Police chief")."""
        k, j = bisect_left(self.mention_starts, start), bisect_left(self.mention_starts, end)
        inside = self.mentions[k:j]
        mention = inside[-1] if inside else None
        if mention is None:
            mention = next((m for m in self.mentions if m.start <= start < m.end), None)
        bridge = _ROLE_BRIDGE.match(self.text, end)
        if bridge and all(w.lower() in ROLES for w in bridge.group(1).split()):
            after = bisect_left(self.mention_starts, bridge.end())
            if after < len(self.mentions) and self.mentions[after].start == bridge.end():
                mention = self.mentions[after]
        if mention is None:  # not a mention of the narrative: read the phrase alone
            names = find_mentions(phrase)
            if not names:
                return None
            canonical = self._resolve_name(names[-1]) or names[-1].name
            return Attribution(canonical, phrase, "explicit", start, end)
        start, end = min(start, self._described_from(mention.start)), max(end, mention.end)
        described = _DESCRIPTION.match(self.text, end)
        if described:
            end = described.end()
        canonical = self._resolve_name(mention) or mention.name
        return Attribution(canonical, self.text[start:end], "explicit", start, end)

    def _described_from(self, pos: int) -> int:
        """Where the words naming the speaker at `pos` start: a "the" the name is written
        after, or the capitalised words right before it ("Harbour Police Chief", "Rear Adm.")."""
        the = self._the_before(pos)
        if the is not None:
            return the
        found = _CAPITALISED_BEFORE.search(self.text, max(0, pos - 80), pos)
        if found is None:
            return pos
        words = found.group().split()
        keep = 0
        for word in reversed(words):
            if not word[:1].isupper() or word.lower() in STOPWORDS or word.endswith(("’", "'")):
                break  # "… to Paris’ Ana Cruz said": the end of a quotation is no description
            keep += 1
        return pos if keep == 0 else pos - len(" ".join(words[-keep:])) - 1

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
            here = [m for m in self.mentions if s <= m.start < limit and self._named_person(m)]
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
