"""Word-level comparison of two versions of a passage (rapidfuzz alignment).

Only the part both versions cover is compared: a quote that starts or stops earlier than
another is a partial quote, not a difference. Gaps (ellipses, bracketed or parenthesised
insertions) absorb whatever the other version has in their place, and a closed compound
written as one word or two ("crewmembers", "crew members") is the same wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from consistency.text.tokens import FUNCTION_WORDS, GAP
from consistency.text.variants import as_digits, equivalent, expanded

Op = tuple[str, int, int, int, int]  # tag, a_start, a_end, b_start, b_end
_SWAP = {"insert": "delete", "delete": "insert"}
MIN_CONTENT = 2  # "them to close the" (one content word) is a stock phrase, not a statement
SAME_STATEMENT = 0.75  # Dice similarity of the covered region; 0.7 let shared phrases through
LONG_RUN = 8  # words in a row two quotations share that make them one statement


@dataclass
class Comparison:
    """How version `a` and version `b` line up, and where their wording differs."""

    ops: list[Op]  # the core region, equal runs included
    differences: list[Op] = field(default_factory=list)
    matched: int = 0
    longest: int = 0
    similarity: float = 0.0
    contained: bool = False
    content: int = 0  # matched words that are not function words

    def swapped(self) -> Comparison:
        """The same comparison seen from the other side (b as `a`, a as `b`)."""

        def flip(ops: list[Op]) -> list[Op]:
            return [(_SWAP.get(t, t), b1, b2, a1, a2) for t, a1, a2, b1, b2 in ops]

        return Comparison(
            flip(self.ops), flip(self.differences), self.matched, self.longest,
            self.similarity, self.contained, self.content,
        )  # fmt: skip

    @property
    def same_statement(self) -> bool:
        """True when a and b are (parts of) the same quotation: one contains the other, or
        they share a long run word for word (however much the rest was reworded: the worse
        the misquote, the more it matters), or they are alike over the part both cover."""
        if self.contained or self.longest >= LONG_RUN:
            return True
        return (
            self.longest >= 3
            and self.matched >= 4
            and self.content >= MIN_CONTENT
            and self.similarity >= SAME_STATEMENT
        )


def _opcodes(a: list[str], b: list[str]) -> list[Op]:
    """Indel opcodes with each delete+insert pair merged into a replace."""
    raw = [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(a, b)]
    out: list[Op] = []
    for tag, a1, a2, b1, b2 in raw:
        if out and out[-1][0] in ("delete", "insert", "replace") and tag in ("delete", "insert"):
            _, pa1, pa2, pb1, pb2 = out[-1]
            if pa2 == a1 and pb2 == b1:
                out[-1] = ("replace", pa1, a2, pb1, b2)
                continue
        out.append((tag, a1, a2, b1, b2))
    return out


def _core(ops: list[Op], a: list[str], b: list[str]) -> tuple[int, int]:
    """Indexes [first, last] of the ops forming the main aligned body: the longest equal run
    and its neighbours, leaving out stray matches far from it."""
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return 0, -1
    anchor = max(equal, key=lambda k: ops[k][2] - ops[k][1])
    return _extend(ops, a, b, anchor, -1), _extend(ops, a, b, anchor, 1)


def _extend(ops: list[Op], a: list[str], b: list[str], k: int, direction: int) -> int:
    """How far the body reaches from equal run k in one direction."""
    while _joins(ops, a, b, k, direction):
        k += 2 * direction
    return k


def _joins(ops: list[Op], a: list[str], b: list[str], k: int, direction: int) -> bool:
    """Does the next equal run belong to the body? Not when the gap is long, nor when it is
    a short run at the very end that merely repeats the words next to the body: "our
    gibreast. Our …" quoted as "Our …" is a partial quote, not an insertion."""
    gap, nxt = k + direction, k + 2 * direction
    if not (0 <= nxt < len(ops)) or ops[nxt][0] != "equal":
        return False
    g, run = ops[gap], ops[nxt]
    size = run[2] - run[1]
    if max(g[2] - g[1], g[4] - g[3]) > max(2, size):
        return False
    if g[1] != g[2] and g[3] != g[4]:
        return True  # words differ on both sides: a replacement inside the body
    if size >= 3 or _joins(ops, a, b, nxt, direction):
        return True
    words, (s, e) = (a, (g[1], g[2])) if g[1] != g[2] else (b, (g[3], g[4]))
    near = words[e - size : e] if direction < 0 else words[s : s + size]
    return near != a[run[1] : run[2]]


def compare(a: list[str], b: list[str]) -> Comparison:
    """Align two token lists and find the differences inside the part both cover.
    Symmetric: compare(b, a) is compare(a, b) with the sides swapped. Number words and
    digits are one wording ("two days", "2 days"); the ops index the tokens as given."""
    a, b = as_digits(a), as_digits(b)
    if (len(b), b) < (len(a), a):
        return _compare(b, a).swapped()
    return _compare(a, b)


def _compare(a: list[str], b: list[str]) -> Comparison:
    if a == b:
        ops: list[Op] = [("equal", 0, len(a), 0, len(b))] if a else []
        real = sum(t != GAP for t in a)
        return Comparison(ops, [], real, real, 1.0, True, _content(a))
    at = _contained_at(a, b)
    if at is not None:  # a partial quote of b, word for word
        ops = [("equal", 0, len(a), at, at + len(a))]
        real = sum(t != GAP for t in a)
        return Comparison(ops, [], real, real, 1.0, True, _content(a))
    ops = _opcodes(a, b)
    first, last = _core(ops, a, b)
    if last < first:
        return Comparison([])
    a1, a2, b1, b2 = ops[first][1], ops[last][2], ops[first][3], ops[last][4]
    while a1 and b1 and a[a1 - 1] == b[b1 - 1]:
        a1, b1 = a1 - 1, b1 - 1
    while a2 < len(a) and b2 < len(b) and a[a2] == b[b2]:
        a2, b2 = a2 + 1, b2 + 1
    core = [
        (t, x1 + a1, x2 + a1, y1 + b1, y2 + b1)
        for t, x1, x2, y1, y2 in _opcodes(a[a1:a2], b[b1:b2])
    ]
    ops = _edge_differences(a, b, a1, a2, b1, b2, core)
    # variants that say the same thing count as matched for deciding "same statement"
    matched = sum(sum(t != GAP for t in a[op[1] : op[2]]) for op in ops if op[0] == "equal") + sum(
        min(op[2] - op[1], op[4] - op[3])
        for op in ops
        if op[0] == "replace" and _same_words(a[op[1] : op[2]], b[op[3] : op[4]])
    )
    longest = max(op[2] - op[1] for op in core if op[0] == "equal")
    real_a = sum(t != GAP for t in a[ops[0][1] : ops[-1][2]])
    real_b = sum(t != GAP for t in b[ops[0][3] : ops[-1][4]])
    similarity = 2 * matched / (real_a + real_b) if real_a + real_b else 0.0
    diffs = [
        op
        for op in ops
        if op[0] != "equal"
        and not _absorbed(op, a, b)
        and not joined(a[op[1] : op[2]], b[op[3] : op[4]])
    ]
    content = sum(_content(a[op[1] : op[2]]) for op in ops if op[0] == "equal")
    return Comparison(ops, diffs, matched, longest, similarity, False, content)


def _same_words(old: list[str], new: list[str]) -> bool:
    """Runs of words that say the same thing, as far as matching is concerned."""
    return equivalent(old, new) or joined(old, new)


def joined(old: list[str], new: list[str]) -> bool:
    """The same letters split into words differently: a closed compound written as one word
    or two ("crewmembers"/"crew members", "healthcare"/"health care"; "fire-fighters" is two
    tokens, hyphens being punctuation). Words of one letter ("a part"/"apart", "a way"/"away")
    and numbers ("20 15"/"2015") are left out: there the split changes what was said."""
    return (
        bool(old)
        and bool(new)
        and len(old) != len(new)
        and all(t.isalpha() and len(t) >= 2 for t in old + new)
        and "".join(old) == "".join(new)
    )


def _content(tokens: list[str]) -> int:
    return sum(t not in FUNCTION_WORDS and t != GAP for t in tokens)


def _contained_at(a: list[str], b: list[str]) -> int | None:
    """Where a occurs in b as a contiguous run of words, or None."""
    if not a or f" {' '.join(a)} " not in f" {' '.join(b)} ":
        return None
    first = a[0]
    for k in range(len(b) - len(a) + 1):
        if b[k] == first and b[k : k + len(a)] == a:
            return k
    return None


def _edge_differences(
    a: list[str], b: list[str], a1: int, a2: int, b1: int, b2: int, core: list[Op]
) -> list[Op]:
    """The core with its edges: words both versions have beyond the common core differ;
    words only one has are a longer or shorter partial quote, and are left out. A
    contraction may stand for two words ("I'm")."""
    out = list(core)
    if a1 and b1:
        ka, kb = _edge_widths(a[:a1][::-1], b[:b1][::-1], backwards=True)
        out.insert(0, ("replace", a1 - ka, a1, b1 - kb, b1))
    if a2 < len(a) and b2 < len(b):
        ka, kb = _edge_widths(a[a2:], b[b2:])
        out.append(("replace", a2, a2 + ka, b2, b2 + kb))
    return out


def _edge_widths(a: list[str], b: list[str], *, backwards: bool = False) -> tuple[int, int]:
    """How many words of each side (nearest the core first; `backwards` at the start) differ
    at an edge; a contraction or a compound ("crewmembers") may stand for two words."""
    k = min(len(a), len(b))
    for ka, kb in ((k + 1, k), (k, k + 1)):
        if ka > len(a) or kb > len(b):
            continue
        x, y = (a[:ka][::-1], b[:kb][::-1]) if backwards else (a[:ka], b[:kb])
        if sorted(expanded(x)) == sorted(expanded(y)) or joined(x, y):
            return ka, kb
    return k, k


def _absorbed(op: Op, a: list[str], b: list[str]) -> bool:
    """An editorial gap on either side stands for whatever the other side has there."""
    _, a1, a2, b1, b2 = op
    return GAP in a[max(0, a1 - 1) : a2 + 1] or GAP in b[max(0, b1 - 1) : b2 + 1]
