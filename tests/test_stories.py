"""Story grouping: features, links, components, front matter overrides, and the walk from a
few articles agreeing with the grouping of all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.ingest import load
from consistency.stories import THRESHOLD, WEAK, _Graph, group, story_index
from consistency.storyfeatures import MemoryFeatures
from consistency.text.features import features_of

ROOT = Path(__file__).resolve().parent.parent


def features(paths: list[Path]) -> MemoryFeatures:
    result = load(paths, base=ROOT)
    return MemoryFeatures(
        {d.id: features_of(d.norm.text, d.body_start) for d in result.documents},
        {d.id: d.article.story for d in result.documents if d.article.story},
    )


def test_features_are_names_hashtags_figures_and_longer_words() -> None:
    text = "Officials said Alyssa Milano posted #MeToo. The bridge cost 4,200 dollars in 2017."
    found = features_of(text)
    assert {"Alyssa", "Milano", "#metoo", "4200", "2017", "bridge", "dollars"} <= set(found)
    assert "Officials" not in found and "officials" not in found  # sentence-initial, common
    assert "The" not in found and "cost" not in found  # function word; too short


def test_seeds_are_one_story_and_the_bridge_story_another() -> None:
    source = features([ROOT / "seeds", ROOT / "tests" / "data" / "bridge-story"])
    stories = group(source, source.by_article)
    assert sorted(len(a) for a in stories.values()) == [3, 5]
    [seeds] = [a for a in stories.values() if len(a) == 5]
    assert all(a.startswith("0") for a in seeds)


def test_walking_from_one_article_finds_the_same_story_as_grouping_all() -> None:
    source = features([ROOT / "seeds", ROOT / "tests" / "data" / "bridge-story"])
    everything = story_index(group(source, source.by_article))
    for article in source.by_article:
        [(_name, members)] = group(source, [article]).items()
        assert members == sorted(a for a, s in everything.items() if s == everything[article])


def texts_source(texts: dict[str, str], labels: dict[str, str] | None = None) -> MemoryFeatures:
    return MemoryFeatures({k: features_of(v) for k, v in texts.items()}, labels or {})


BRIDGE = "The Kestrel harbour bridge in Marlow closed after inspectors found cracked bearings. "
FIRE = "A warehouse fire in Dunmore destroyed the Pellew textile depot, firefighters said. "


def test_unrelated_articles_are_not_linked() -> None:
    source = texts_source({"a": BRIDGE * 2, "b": BRIDGE, "c": FIRE * 2, "d": FIRE})
    assert sorted(group(source, source.by_article).values()) == [["a", "b"], ["c", "d"]]


def test_a_front_matter_story_names_the_group_it_joins() -> None:
    source = texts_source({"a": BRIDGE * 2, "b": BRIDGE, "c": FIRE}, {"a": "kestrel-bridge"})
    stories = group(source, source.by_article)
    assert stories["kestrel-bridge"] == ["a", "b"]
    assert group(source, ["b"]) == {"kestrel-bridge": ["a", "b"]}


def test_front_matter_story_moves_its_article_and_new_articles_follow_the_label() -> None:
    texts = {"a": BRIDGE * 2, "c": FIRE * 2, "d": FIRE, "e": BRIDGE * 3}
    source = texts_source(texts, {"e": "dunmore-fire", "a": "kestrel-bridge"})
    stories = group(source, source.by_article)
    assert stories["dunmore-fire"] == ["e"] and stories["kestrel-bridge"] == ["a"]
    assert ["c", "d"] in stories.values()  # not linked to "e": the label does not pull them
    # a new unlabelled bridge article links to both labels: it stays on its own
    source = texts_source({**texts, "b": BRIDGE}, {"e": "dunmore-fire", "a": "kestrel-bridge"})
    assert story_index(group(source, source.by_article))["b"] not in stories


def test_a_group_linked_to_two_labels_keeps_its_own_id() -> None:
    source = texts_source({"a": BRIDGE, "b": BRIDGE, "c": BRIDGE}, {"a": "x", "c": "y"})
    stories = group(source, source.by_article)
    assert stories["x"] == ["a"] and stories["y"] == ["c"]
    assert [m for s, m in stories.items() if s not in ("x", "y")] == [["b"]]


def test_story_ids_are_unique() -> None:
    source = texts_source({"a": BRIDGE, "b": BRIDGE + "x" * 0, "c": FIRE})
    ids = list(group(source, source.by_article))
    assert len(ids) == len(set(ids))


def test_common_features_do_not_link_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("consistency.stories", "consistency.storyfeatures"):
        monkeypatch.setattr(f"{module}.COMMON_DF", 1)  # every shared feature is common
    source = texts_source({"a": BRIDGE, "b": BRIDGE})
    assert len(group(source, source.by_article)) == 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([BRIDGE, FIRE, "Nothing in common here at all. "]), max_size=8))
def test_grouping_is_a_partition(texts: list[str]) -> None:
    source = texts_source({f"t{i}": t for i, t in enumerate(texts)})
    stories = group(source, source.by_article)
    members = [a for m in stories.values() for a in m]
    assert sorted(members) == sorted(source.by_article)


def test_stories_command_lists_the_grouping(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from consistency.cli import app

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["stories", "seeds", "tests/data/bridge-story", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert sorted(len(s["articles"]) for s in listed) == [3, 5]
    text = CliRunner().invoke(app, ["stories", "tests/data/bridge-story"])
    assert text.stdout.splitlines()[0].endswith("(3 articles)")
    assert "  tests/data/bridge-story/county-radio.md" in text.stdout.splitlines()


def test_check_reports_per_story(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from consistency.cli import app

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "seeds", "tests/data/bridge-story", "-f", "json"])
    report = json.loads(result.stdout)
    assert report["summary"]["stories"] == 2
    seeds_story = next(s["id"] for s in report["stories"] if len(s["articles"]) == 5)
    assert {f["story"] for f in report["findings"]} == {seeds_story}
    one = CliRunner().invoke(app, ["check", "seeds", "tests/data/bridge-story", "--one-story",
                                   "-f", "json"])  # fmt: skip
    assert json.loads(one.stdout)["summary"]["stories"] == 1


def _weak_corpus() -> dict[str, dict[str, int]]:
    """Four articles of one story, an article weakly tied to three of them, one weakly
    tied to a single one, and two of another story."""
    core = {f"w{k}": 2 for k in range(12)}
    story = {f"s{k}": {**core, f"own{k}a": 1, f"own{k}b": 1} for k in range(4)}
    other = {"x0": {f"v{k}": 2 for k in range(12)}, "x1": {f"v{k}": 2 for k in range(12)}}
    angle = {f"a{k}": 1 for k in range(6)}
    joined = {**angle, "own0a": 1, "own1a": 1, "own2a": 1}
    alone = {**{f"b{k}": 1 for k in range(6)}, "own3b": 1}
    return {**story, **other, "joined": joined, "alone": alone}


def test_a_small_story_weakly_tied_to_one_story_several_times_joins_it() -> None:
    source = MemoryFeatures(_weak_corpus(), {})
    graph = _Graph(source)
    weak = [s for _, s in graph.neighbours("joined", WEAK)]
    assert len(weak) == 3 and all(WEAK <= s < THRESHOLD for s in weak)  # weak links only
    stories = story_index(group(source, source.by_article))
    assert stories["joined"] == stories["s0"] == stories["s3"]
    assert stories["alone"] != stories["s0"]  # one weak link is chance
    assert stories["x0"] == stories["x1"] != stories["s0"]


def test_links_worked_out_at_once_are_each_articles_neighbours() -> None:
    """Each pair's similarity worked out once, by the first article, gives every article the
    links its own `neighbours` finds, on one process or two."""
    from consistency.storyjoin import Join

    source = features([ROOT / "seeds", ROOT / "tests" / "data" / "bridge-story"])
    texts = {f"z{i}": t for i, t in enumerate([BRIDGE, BRIDGE + FIRE, FIRE, FIRE * 2])}
    source.by_article.update({k: features_of(v) for k, v in texts.items()})
    source = MemoryFeatures(source.by_article, source.labels)
    articles = sorted(source.by_article)
    graph = _Graph(source)
    links = Join(graph, articles).links(1)
    assert Join(graph, articles).links(2) == links
    for article in articles:
        own = graph.neighbours(article)
        assert [o for o, _ in links[article]] == [o for o, _ in own]
        assert all(abs(x - y) < 1e-12 for (_, x), (_, y) in zip(links[article], own, strict=True))
    assert sum(map(len, links.values())) > len(articles)  # articles are linked


@settings(max_examples=50, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"a{i}" for i in range(12)]),
        st.dictionaries(st.sampled_from(["x", "y", "z", "w"]), st.integers(1, 3), max_size=4),
    ),
    st.integers(1, 4),
)
def test_memory_features_count_and_post_each_feature_as_a_fresh_count_does(
    by_article: dict[str, dict[str, int]], common: int
) -> None:
    """The counts are kept from the start and the postings built when first asked for; a
    common feature (in more than `COMMON_DF` articles, lowered here) keeps its count only."""
    import consistency.storyfeatures as storyfeatures

    saved, storyfeatures.COMMON_DF = storyfeatures.COMMON_DF, common
    try:
        source = MemoryFeatures(by_article, {})
        for f in "xyzwv":
            held = [(a, feats[f]) for a, feats in by_article.items() if f in feats]
            assert source.df(f) == len(held)
            assert list(source.postings(f)) == (held if len(held) <= common else [])
    finally:
        storyfeatures.COMMON_DF = saved
