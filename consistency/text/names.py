"""Proper-name mentions without a model: capitalised sequences, titles and roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consistency.text.tokens import fold

# Capitalised words that start sentences or headlines without being names.
STOPWORDS = frozenset(
    """a an the in on at of for to from by with as and or but if when while after before since
    this that these those it its he she they we i you his her their our my your him them us
    there here then than so yet also even just only many some most more much all any each
    every both no not none one two three four five first last next new other such what which
    who whom whose where why how however although though because until unless whether during
    despite among between about into over under again still already today yesterday tomorrow
    tonight now earlier later meanwhile instead indeed perhaps maybe according photo image
    read follow share click like watch see sign subscribe advertisement via is are was were be
    being been has have had do does did will would can could should may might must""".split()
)
CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec""".split()
)
TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f", "dr": None, "dr.": None, "prof": None, "prof.": None,
}  # fmt: skip
ROLE_GENDER = {
    "actress": "f", "waitress": "f", "spokeswoman": "f", "chairwoman": "f",
    "businesswoman": "f", "congresswoman": "f", "mother": "f", "wife": "f", "sister": "f",
    "daughter": "f", "girl": "f", "woman": "f", "grandmother": "f", "widow": "f",
    "spokesman": "m", "chairman": "m", "businessman": "m", "congressman": "m",
    "father": "m", "husband": "m", "brother": "m", "son": "m", "boy": "m", "man": "m",
    "grandfather": "m", "widower": "m",
}  # fmt: skip
ROLES = (
    frozenset(ROLE_GENDER)
    | frozenset(
        """actor star singer rapper musician model comedian director producer writer author
    journalist reporter editor columnist blogger user host presenter anchor president
    minister premier chancellor senator sen. rep. representative governor mayor councillor
    councilman councilwoman commissioner chief ceo cfo coo founder chair spokesperson
    secretary ambassador judge lawyer attorney officer sergeant detective inspector captain
    general colonel coach manager player striker goalkeeper captain chairperson president-elect
    advocate activist campaigner analyst economist professor scientist researcher doctor
    nurse official officials leader head owner executive co-star costar winner survivor
    victim witness resident student teacher police""".split()
    )
    | frozenset(  # ranks, often abbreviated: "said Rear Adm. Jane Doe", "Gov. Ana Cruz"
        """admiral adm adm. rear commander cmdr cmdr. lieutenant lt lt. gen gen. col col. capt
    capt. sgt sgt. gov gov. sen rep supt supt.""".split()
    )
)
_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME_WORD = (
    rf"(?:[{_UP}][{_LO}]*(?:[{_UP}][{_LO}]+)*(?:['’][{_UP}][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*"
    rf"|[{_UP}]{{2,}}|[{_UP}]\.)"
)
# The most words a name runs to ("Maria del Carmen García de la Fuente" has seven); a longer
# run of capitalised words is a headline in title case or a list, not one name.
MAX_NAME_WORDS = 8
_PARTICLE = r"(?:de|da|di|del|van|von|der|den|la|le|du|bin|al|ibn)"
_SEQUENCE = re.compile(
    rf"(?<![\w’'#@])({_NAME_WORD}(?:[ ]+(?:{_PARTICLE}[ ]+)?{_NAME_WORD})*)(?:['’]s?)?(?![\w])"
)


@dataclass
class Mention:
    """A capitalised name in the text, stripped of titles and roles."""

    name: str
    start: int
    end: int
    roles: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def tokens(self) -> list[str]:
        """The words of the name."""
        return self.name.split()


_ROLE_WORD = re.compile(r"[\w.-]+")


def _role_before(text: str, start: int) -> list[str]:
    """Lower-case role words right before a name: "Charmed actress, Alyssa Milano"."""
    words = _ROLE_WORD.findall(text[max(0, start - 40) : start])
    roles = []
    for word in reversed(words[-3:]):
        if word.lower() in ROLES:
            roles.append(word.lower())
        else:
            break
    return roles


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every capitalised name-like sequence in text[start:end]."""
    mentions: list[Mention] = []
    for m in _SEQUENCE.finditer(text, start, len(text) if end is None else end):
        mentions.extend(_split_sequence(text, m.start(1), m.group(1)))
    return mentions


def _split_sequence(text: str, pos: int, seq: str) -> list[Mention]:
    """Cut a capitalised sequence at titles, roles and stop words into name mentions."""
    out: list[Mention] = []
    current: list[tuple[str, int]] = []
    roles: list[str] = _role_before(text, pos)
    gender: str | None = None
    offset = pos
    for word in seq.split(" "):
        if not word:
            offset += 1
            continue
        low = word.lower().rstrip(".")
        is_last = offset + len(word) >= pos + len(seq.rstrip())
        is_title = low in TITLES and not is_last  # "King" ends "Jaime King"; it is no title
        is_cut = low in STOPWORDS or low in CALENDAR or low in ROLES or is_title
        if is_cut:
            _close(out, current, roles, gender)
            current = []
            if low in ROLES:
                roles = [*roles, low] if not out else [low]
            elif is_title:
                gender = TITLES[low] or gender
        else:
            current.append((word, offset))
        offset += len(word) + 1
    _close(out, current, roles, gender)
    return out


def _close(
    out: list[Mention], current: list[tuple[str, int]], roles: list[str], gender: str | None
) -> None:
    if not current or len(current) > MAX_NAME_WORDS:
        return
    _first_word, start = current[0]
    last_word, last_start = current[-1]
    name = " ".join(w for w, _ in current)
    if not gender:
        genders = {ROLE_GENDER[r] for r in roles if r in ROLE_GENDER}
        gender = genders.pop() if len(genders) == 1 else None
    out.append(Mention(name, start, last_start + len(last_word), list(roles), gender))


def fold_name(name: str) -> str:
    """A name as compared across outlets: case and diacritics dropped ("Laurent Nuñez" and
    "LAURENT NUNEZ" -> "laurent nunez"); they are typography, not spelling."""
    return " ".join(fold(word) for word in name.split())


def number_variant(x: str, y: str) -> bool:
    """True when one folded word is the other with an English plural ending: "boar"/"boars",
    "seal"/"seals", "torch"/"torches", "authority"/"authorities"."""
    short, long_ = sorted((x, y), key=len)
    plurals = (short + "s", short + "es", short[:-1] + "ies" if short.endswith("y") else "")
    return len(short) >= 3 and long_ in plurals
