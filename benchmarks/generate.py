"""Deterministic synthetic news corpus with planted misquotes, for benchmarking the checker.

Articles are grouped into stories of about five (``--stories K``: K stories of about N/K
articles). Each story has 3-6 long direct quotations whose content words are fresh
pseudo-words around English function words, so different stories do not share phrases
(``--english`` mixes in a shared pool of English words to stress the aligner). In every story
one article misquotes one quotation (one word changed or dropped); other articles quote
fragments or add ``[sic]``, which must not be flagged.

Run standalone to write a corpus: ``python3 benchmarks/generate.py OUT --articles 100``
(``--stories 5`` for five stories of about twenty articles).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

NBSP = "\u00a0"
FUNCTION_WORDS = frozenset(
    """a an the of to in on at for by with from and or but if as is are was were be been it
    its this that i you he she we they me him her us them my your his our their not no so
    do does did have has had will would can could there here what who which every must
    should nobody people""".split()
)
NOUNS = """budget harbour bridge council school hospital river market contract border vote
family farm factory tunnel station village license museum railway reservoir archive
pension salary shelter clinic ferry airport orchard warehouse quarry treaty highway
garden library stadium theatre lighthouse mine pipeline canal forest island valley
winter summer evening promise warning mistake victory deadline ballot union strike
ceiling window engine battery harvest drought flood storm signal record letter
""".split()
VERBS = """rebuild protect defend finish repair deliver explain measure publish restore
question replace support approve reject inspect expand reduce fund cancel open close
review defer honour release recover reform schedule guarantee negotiate investigate
""".split()
ADJECTIVES = """honest fragile careful reckless expensive temporary permanent difficult
generous quiet urgent ordinary ancient modern narrow crowded broken remote stubborn
painful hopeful bitter fair strict patient anxious brave rural coastal historic
""".split()
FIRST_NAMES = {
    "f": """Maria Aisha Helen Ingrid Priya Lucia Fatima Greta Naomi Olga Rosa Yuki Clara
    Amara Beatrice Delia Esther Farah Hannah Irene Joanna Leila Mira Nadia Petra Sofia""",
    "m": """Tomas Ahmed David Erik Rahul Marco Yusuf Henrik Samuel Oleg Pedro Kenji Victor
    Kwame Bruno Daniel Emil Felix Gustav Hassan Ivan Jonas Luca Milan Nikolai Omar""",
}
SURNAMES = """Okafor Lindqvist Moreau Haddad Novak Castillo Brennan Sato Kowalski Mensah
Ferreira Dubois Petrov Nakamura Oyelaran Silva Gallagher Rossi Horvath Kaur Andersen
Tanaka Quinn Varga Abiodun Larsen Mbeki Costa Delgado Fischer Ibrahim Jansen Keller
Lopez Murphy Nielsen Ortega Pereira Reyes Schmidt Takahashi Ueda Valdez Weber Yilmaz
Zhang Ahlberg Barros Cerny Dunne Eriksen Fontaine Gomez Hughes Ivanova Jovic""".split()
PRONOUN = {"f": "she", "m": "he"}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November".split()
ONSETS = "b br c ch d dr f fl g gr h j k l m n p pl pr qu r s sh st t tr v w z".split()
VOWELS = "a e i o u ai ea ou".split()
CODAS = ["", "n", "r", "l", "s", "m", "nd", "st", "ck", "th", "x"]
BOILERPLATE = [
    "//platform.twitter.com/widgets.js",
    "Advertisement",
    "Share this:",
    "Photo credit: Getty Images",
    "You Might Also Like",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]
# Every word of a chunk but function words is a slot, so that no two chunks share a phrase
# (a run of three words with one that is not a function word) unless their fillers match.
QUOTE_CHUNKS = [
    "we will {v} the {a} {n}",
    "they {v} every {n} in the {n}",
    "nobody should {v} a {a} {n}",
    "i {v} to {v} the {n} for the {a} {n}",
    "our {n} must {v} the {n} of the {n}",
    "people {v} the {a} {n} every {n}",
    "the {n} of this {n} is {a}",
    "it {v} {num} {n} to {v} the {n}",
    "you cannot {v} a {n} without a {n}",
    "this {n} was {a} about the {n}",
    "my {n} and my {n} are {a}",
    "there is a {a} {n} behind every {n}",
    "we {v} them to {v} the {n} and they {v}",
    "the {a} {n} will {v} our {n}",
]
CONNECTORS = [".", ".", ",", ", and", ", but", ";"]
FILLER = [
    "{Place} officials confirmed on {day} that the {topic} review would continue into {month}.",
    "The {org} has faced {a} criticism since the {topic} plan was announced {num} weeks ago.",
    "More than {num} residents attended a meeting at the {place} community hall on {day}.",
    "Critics say the {topic} proposal would cost about {num}{nbsp}million over {num2} years.",
    "The {org}’s annual report, published in {month}, did not mention the {n} at all.",
    "A spokesperson for the {org} declined to comment further on the {topic} dispute.",
    "Local newspapers in {Place} have followed the {topic} story closely since {month}.",
    "The {a} {n} near the old {n} has been closed to the public since {day}.",
    "Supporters of the plan point to the {n} that was finished in {place} {num} years ago.",
    "Residents described what critics called a {q}{a} {n}{qc} with growing frustration.",
]
CHANGE, DROP = "change", "drop"
MIN_STORY = 3  # a misquoted article and two that quote in full
STORIES_HELP = "number of stories (default: articles/5, four to six articles each)"
ENGLISH_HELP = "share of quotation words drawn from a shared English pool (0: stories share none)"


@dataclass
class Person:
    """A speaker in a story."""

    first: str
    last: str
    gender: str
    role: str

    @property
    def full(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


@dataclass
class Quote:
    """A quotation as (word, trailing punctuation) pairs, and who said it."""

    speaker: Person
    pairs: list[tuple[str, str]]

    def words(self) -> list[str]:
        """The normalised words, as the manifest records them."""
        return [w.lower() for w, _ in self.pairs]


@dataclass
class Plant:
    """A planted misquote: which article changed which word of which quotation."""

    story: str
    quote: int
    article: str
    kind: str
    old: str
    new: str


@dataclass
class Story:
    """A set of articles reporting the same event, with its quotations."""

    id: str
    place: str
    org: str
    topic: str
    people: list[Person]
    quotes: list[Quote]
    articles: list[str] = field(default_factory=list)
    day: str = "Monday"  # the story's events happen on this day, whoever reports them


@dataclass
class Corpus:
    """Generated articles (id to text) and the ground truth about them."""

    texts: dict[str, str] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    plants: list[Plant] = field(default_factory=list)

    def manifest(self) -> dict[str, object]:
        """The ground truth as JSON-ready data."""
        return {
            "articles": len(self.texts),
            "stories": {
                s.id: {"articles": s.articles, "quotes": [q.words() for q in s.quotes]}
                for s in self.stories
            },
            "plants": [asdict(p) for p in self.plants],
        }

    def write(self, articles_dir: Path, manifest: Path) -> None:
        """Write each article as a .txt file and the ground truth as JSON."""
        articles_dir.mkdir(parents=True, exist_ok=True)
        for article_id, text in self.texts.items():
            (articles_dir / f"{article_id}.txt").write_text(text, encoding="utf-8")
        manifest.write_text(json.dumps(self.manifest()), encoding="utf-8")


def levenshtein(a: str, b: str) -> int:
    """Edit distance between two words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


class Generator:
    """Builds a corpus from one seeded random stream."""

    def __init__(self, seed: int, english: float = 0.0) -> None:
        self.rng = random.Random(seed)
        self.english = english  # share of quotation slots filled with shared English words
        self.used: set[str] = set(NOUNS) | set(VERBS) | set(ADJECTIVES) | FUNCTION_WORDS

    def pseudo(self) -> str:
        """A fresh, never used pseudo-word of two or three syllables."""
        while True:
            syllables = self.rng.choice((2, 2, 3))
            word = "".join(
                self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + self.rng.choice(CODAS)
                for _ in range(syllables)
            )
            if word not in self.used and len(word) >= 5:
                self.used.add(word)
                return word

    def _slot(self, pool: list[str], fresh: float) -> str:
        return self.pseudo() if self.rng.random() < fresh else self.rng.choice(pool)

    def quote(self, speaker: Person) -> Quote:
        """A 12-40 word quotation of several chunks, mostly fresh words."""
        target = self.rng.randint(12, 40)
        pairs: list[tuple[str, str]] = []
        while len(pairs) < target:
            chunk = self.rng.choice(QUOTE_CHUNKS).format_map(_Lazy(self))
            words = chunk.split()
            if pairs:
                word, _ = pairs[-1]
                pairs[-1] = (word, self.rng.choice(CONNECTORS))
            if not pairs or pairs[-1][1] == ".":
                words[0] = words[0].capitalize()
            pairs.extend((w, "") for w in words)
        if len(pairs) > 40:  # a last chunk never cut short, unless the quote gets too long
            pairs = pairs[:40]
            while pairs[-1][0].lower() in FUNCTION_WORDS:
                pairs.pop()
        pairs[-1] = (pairs[-1][0], self.rng.choice((".", ".", ".", "!")))
        pairs = [(w.capitalize() if w == "i" else w, p) for w, p in pairs]
        return Quote(speaker, pairs)

    def person(self) -> Person:
        """A speaker with a role tied to nothing in particular."""
        gender = self.rng.choice(("f", "m"))
        org = self.pseudo().capitalize()
        role = self.rng.choice(
            (
                f"a spokesperson for the {org} Trust",
                f"the chief executive of {org} Holdings",
                f"a nurse at {org} General Hospital",
                "a local councillor",
                "a retired engineer",
                f"the mayor of {org}",
            )
        )
        first = self.rng.choice(FIRST_NAMES[gender].split())
        return Person(first, self.rng.choice(SURNAMES), gender, role)

    def story(self, number: int, size: int) -> tuple[Story, dict[str, str], Plant]:
        """One story: its quotations, its articles and the misquote planted in one of them."""
        people = [self.person() for _ in range(self.rng.randint(2, 4))]
        quotes = [self.quote(self.rng.choice(people)) for _ in range(self.rng.randint(3, 6))]
        story = Story(
            id=f"s{number:05d}",
            place=self.pseudo().capitalize(),
            org=f"{self.pseudo().capitalize()} Authority",
            topic=self.pseudo(),
            people=people,
            quotes=quotes,
            articles=[f"s{number:05d}-a{k}" for k in range(size)],
            day=self.rng.choice(WEEKDAYS),
        )
        plan = self._plan(story)
        target_q = self.rng.randrange(len(quotes))
        target_a = self.rng.randrange(size)
        plan[target_a][target_q] = "mutated"
        others = [k for k in range(size) if k != target_a]
        for k in others:  # every other article quotes the true wording, two at least in full
            if plan[k][target_q] == "absent":
                plan[k][target_q] = "full"
        whole = [k for k in others if plan[k][target_q] in ("full", "sic")]
        for k in others:
            if len(whole) < 2 and k not in whole:
                plan[k][target_q] = "full"
                whole.append(k)
        mutated, plant = self._mutate(story, target_q, story.articles[target_a])
        texts = {
            article_id: self._article(story, plan[k], mutated, target_q)
            for k, article_id in enumerate(story.articles)
        }
        return story, texts, plant

    def _plan(self, story: Story) -> list[list[str]]:
        """How each article quotes each quotation: full, sic, fragment or not at all."""
        size = len(story.articles)
        plan = [
            [
                self.rng.choices(("full", "sic", "fragment", "absent"), (60, 12, 13, 15))[0]
                for _ in story.quotes
            ]
            for _ in range(size)
        ]
        for j in range(len(story.quotes)):
            whole = [k for k in range(size) if plan[k][j] in ("full", "sic")]
            for k in self.rng.sample(range(size), size):
                if len(whole) >= 2:
                    break
                if k not in whole:
                    plan[k][j] = "full"
                    whole.append(k)
        return plan

    def _mutate(self, story: Story, index: int, article: str) -> tuple[Quote, Plant]:
        """The quotation with one content word changed or dropped."""
        quote = story.quotes[index]
        pairs = list(quote.pairs)
        spots = [
            k
            for k in range(2, len(pairs) - 2)
            if pairs[k][0].islower() and pairs[k][0].isalpha()
            and pairs[k][0] not in FUNCTION_WORDS and len(pairs[k][0]) >= 4
        ]  # fmt: skip
        k = self.rng.choice(spots or range(2, len(pairs) - 2))
        old, punct = pairs[k]
        if self.rng.random() < 0.6:
            pool = [w for w in NOUNS + ADJECTIVES + VERBS if levenshtein(w, old) >= 3]
            new = self.rng.choice(pool)
            pairs[k] = (new, punct)
            kind = CHANGE
        else:
            new = ""
            del pairs[k]
            if punct:
                pairs[k - 1] = (pairs[k - 1][0], punct)
            kind = DROP
        return Quote(quote.speaker, pairs), Plant(story.id, index, article, kind, old, new)

    def _article(self, story: Story, plan: list[str], mutated: Quote, target: int) -> str:
        """One article: title, filler paragraphs, quotation paragraphs and page furniture."""
        rng = self.rng
        curly = rng.random() < 0.6
        marks = ("“", "”") if curly else ('"', '"')
        paragraphs = [self._filler(story, marks, rng.randint(2, 4)) for _ in range(3)]
        quoted: list[str] = []
        for j, mode in enumerate(plan):
            if mode == "absent":
                continue
            quote = mutated if mode == "mutated" else story.quotes[j]
            if rng.random() < 0.1:  # a stray mix of mark styles inside one article
                marks = ("“", "”") if marks[0] == '"' else ('"', '"')
            if mode == "fragment":
                quoted.append(self._fragment(quote, marks))
            else:
                quoted.append(self._attributed(quote, marks, sic=mode == "sic"))
        rng.shuffle(quoted)
        for paragraph in quoted:
            paragraphs.insert(rng.randint(1, len(paragraphs)), paragraph)
        paragraphs.extend(self._filler(story, marks, rng.randint(1, 3)) for _ in range(2))
        for _ in range(rng.randint(0, 4)):
            paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(BOILERPLATE))
        title = f"{story.place} {story.topic} row: {story.org} under pressure"
        sep = "\n\n" if rng.random() < 0.5 else "\n"
        return title + sep + sep.join(paragraphs) + "\n"

    def _filler(self, story: Story, marks: tuple[str, str], sentences: int) -> str:
        """A narrative paragraph with no quotation worth checking."""
        out = []
        for template in self.rng.sample(FILLER, sentences):
            values = {
                "Place": story.place,
                "place": story.place,
                "org": story.org,
                "topic": story.topic,
                "day": story.day,
                "month": self.rng.choice(MONTHS),
                "num": str(self.rng.randint(2, 900)),
                "num2": str(self.rng.randint(2, 30)),
                "nbsp": NBSP,
                "a": self.rng.choice(ADJECTIVES),
                "n": self.rng.choice(NOUNS),
                "q": marks[0],
                "qc": marks[1],
            }
            out.append(template.format(**values))
        if self.rng.random() < 0.3:
            person = self.rng.choice(story.people)
            out.append(f"{person.full}, {person.role}, has followed the dispute for years.")
        text = " ".join(out)
        if self.rng.random() < 0.2:
            text = text.replace(" ", NBSP, 1)
        return text

    def _render(self, pairs: list[tuple[str, str]], sic: bool = False) -> str:
        """The words of a quotation as printed, optionally with one [sic] after a word."""
        at = self.rng.randrange(len(pairs)) if sic else -1
        text = " ".join(w + (" [sic]" if k == at else "") + p for k, (w, p) in enumerate(pairs))
        if self.rng.random() < 0.1:
            text = text.replace(" ", NBSP, 1)
        return text

    def _attributed(self, quote: Quote, marks: tuple[str, str], sic: bool) -> str:
        """A paragraph quoting `quote` in full, with one of the usual attributions."""
        o, c = marks
        p = quote.speaker
        text = self._render(quote.pairs, sic)
        comma = text[:-1] + "," if text.endswith(".") else text
        style = self.rng.randrange(6)
        if style == 0:
            day = WEEKDAYS[sum(map(ord, p.full)) % 7]  # the same day in every article
            intro = f"{p.full}, {p.role}, spoke to reporters on {day}."
            return f"{intro} {o}{comma}{c} {PRONOUN[p.gender]} said."
        if style == 1:
            return f"{p.full} wrote: {o}{text}{c}"
        if style == 2:
            return f"{o}{comma}{c} {p.last} told local radio."
        if style == 3:
            return f"{p.last} said: {o}{text}{c}"
        if style == 4:
            return f"{o}{comma}{c} said {p.full}, {p.role}."
        cut = next((k for k, (_, pu) in enumerate(quote.pairs) if pu == "."), None)
        if cut is None or cut >= len(quote.pairs) - 4:
            return f"In a statement, {p.full} added: {o}{text}{c}"
        first = self._render(quote.pairs[: cut + 1], sic)[:-1] + ","
        rest = self._render(quote.pairs[cut + 1 :])
        return f"{o}{first}{c} {p.full} said. {o}{rest}{c}"

    def _fragment(self, quote: Quote, marks: tuple[str, str]) -> str:
        """A sentence quoting 6-10 consecutive words of `quote` (a partial quote)."""
        o, c = marks
        size = min(len(quote.pairs) - 2, self.rng.randint(6, 10))
        start = self.rng.randint(1, len(quote.pairs) - size)
        pairs = quote.pairs[start : start + size]
        while len(pairs) > 5 and pairs[-1][0].lower() in FUNCTION_WORDS:
            pairs = pairs[:-1]  # a partial quote may start on "a" or "the", but not end on one
        words = " ".join(w + pu for w, pu in pairs).rstrip(".,;!")
        p = quote.speaker
        return self.rng.choice(
            (
                f"{p.last} said the plan would {o}{words}{c} before long.",
                f"{p.full} described the situation as {o}{words}{c}.",
                f"According to {p.last}, {o}{words}{c} for now.",
            )
        )


class _Lazy(dict[str, str]):
    """Fills quotation chunk slots on demand, each slot drawn afresh."""

    def __init__(self, gen: Generator) -> None:
        super().__init__()
        self.gen = gen

    def __missing__(self, key: str) -> str:
        pools = {"n": NOUNS, "v": VERBS, "a": ADJECTIVES}
        if key == "num":
            return str(self.gen.rng.randint(2, 40))
        return self.gen._slot(pools[key], fresh=1 - self.gen.english)


def story_sizes(articles: int, rng: random.Random, stories: int | None = None) -> list[int]:
    """Story sizes summing to `articles`: about five articles a story (four to six) by
    default, else `stories` stories of about articles/stories each (within a fifth of it)."""
    count = max(1, articles // 5) if stories is None else stories
    base = 5 if stories is None else articles // count
    spread = min(max(1, base // 5), base - MIN_STORY)
    sizes = [base] * count
    rest = articles - base * count
    for _ in range(count // 2):
        i, j = rng.randrange(count), rng.randrange(count)
        if i != j and sizes[i] > base - spread and sizes[j] < base + spread:
            sizes[i] -= 1
            sizes[j] += 1
    for k in range(abs(rest)):
        sizes[k % count] += 1 if rest > 0 else -1
    return sizes


def generate(
    articles: int, seed: int = 0, english: float = 0.0, stories: int | None = None
) -> Corpus:
    """A corpus of `articles` articles in stories of about five (or in `stories` stories);
    same arguments, same corpus."""
    if stories is None and articles < 5:
        raise ValueError("need at least 5 articles (one story)")
    if stories is not None and not 1 <= stories <= articles // MIN_STORY:
        raise ValueError(f"need 1 to articles/{MIN_STORY} stories ({MIN_STORY} articles each)")
    gen = Generator(seed, english)
    corpus = Corpus()
    for number, size in enumerate(story_sizes(articles, gen.rng, stories)):
        story, texts, plant = gen.story(number, size)
        corpus.stories.append(story)
        corpus.texts.update(texts)
        corpus.plants.append(plant)
    return corpus


def words_of(text: str) -> list[str]:
    """Lower-cased words of a text, [sic] left out, for matching evidence to quotations."""
    return re.findall(r"\w+(?:['’]\w+)*", re.sub(r"\[sic\]", " ", text.lower()))


def main() -> None:
    """Write a corpus to a directory: articles/*.txt and manifest.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--english", type=float, default=0.0, help=ENGLISH_HELP)
    parser.add_argument("--stories", type=int, default=None, help=STORIES_HELP)
    args = parser.parse_args()
    try:
        corpus = generate(args.articles, args.seed, args.english, args.stories)
    except ValueError as exc:
        parser.error(str(exc))
    corpus.write(args.out / "articles", args.out / "manifest.json")


if __name__ == "__main__":
    main()
