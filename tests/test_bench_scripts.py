"""The bench scripts' pure-Python parts, without a server or wrk.

`bench/reader_day.py` loads the site with a drawn list of reader requests
(`bench/support/reader_mix.py`): these check that the list has the issue's
mix (80% stories on a Zipf curve over recency, 10% front page, 5% tags, 3%
sections, 2% searches) and that what the wrk script prints is read back.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "support"))

from reader_mix import (
    SHARES,
    SitePaths,
    cache_counts,
    kind_of,
    sample,
    search_queries,
    split,
    write_mix,
    zipf_pick,
    zipf_weights,
)


def _site(stories: int = 500) -> SitePaths:
    return SitePaths(
        stories=[f"/articles/story-{n}/" for n in range(stories)],
        tags=[f"/tags/tag-{n}/" for n in range(40)],
        sections=["/sections/news/", "/sections/sport/", "/sections/arts/"],
        headlines=["Council votes on the harbour budget", "Orchestra returns to the harbour"],
    )


@pytest.mark.parametrize("total", [1, 7, 99, 1000, 50_001])
def test_the_split_gives_every_request_a_kind_in_the_issue_shares(total):
    counts = split(total)
    assert sum(counts.values()) == total
    for kind, share in SHARES.items():
        assert abs(counts[kind] - total * share) < 1


def test_a_thousand_requests_split_exactly():
    assert split(1000) == {"story": 800, "front": 100, "tag": 50, "section": 30, "search": 20}


def test_zipf_weights_fall_with_rank_by_the_exponent():
    assert zipf_weights(3, 1.0) == [1.0, 0.5, pytest.approx(1 / 3)]
    assert zipf_weights(3, 2.0) == [1.0, 0.25, pytest.approx(1 / 9)]
    assert zipf_weights(4, 0.0) == [1.0] * 4


def test_the_newest_story_is_read_most_and_about_twice_the_second():
    import random

    stories = _site().stories
    picks = Counter(zipf_pick(stories, 200_000, 1.0, random.Random(19)))
    ranked = [story for story, _ in picks.most_common(3)]
    assert ranked == stories[:3]
    assert picks[stories[0]] / picks[stories[1]] == pytest.approx(2.0, rel=0.05)
    # The long tail is read too, just rarely.
    assert picks[stories[-1]] > 0


def test_a_steeper_exponent_reads_the_newest_stories_more():
    import random

    stories = _site().stories
    flat = Counter(zipf_pick(stories, 20_000, 0.8, random.Random(1)))
    steep = Counter(zipf_pick(stories, 20_000, 1.4, random.Random(1)))
    assert steep[stories[0]] > flat[stories[0]]
    assert len(steep) < len(flat)


def test_the_drawn_mix_has_the_issue_shares_of_the_site_own_pages():
    site = _site()
    paths = sample(site, 10_000, seed=3)
    assert len(paths) == 10_000
    kinds = Counter(kind_of(path) for path in paths)
    assert kinds == {"story": 8000, "front": 1000, "tag": 500, "section": 300, "search": 200}
    known = {"/", *site.stories, *site.tags, *site.sections}
    assert {path for path in paths if kind_of(path) != "search"} <= known
    # Shuffled: the first thousand requests are not all one kind.
    assert len({kind_of(path) for path in paths[:1000]}) == 5


def test_the_same_seed_draws_the_same_mix():
    assert sample(_site(), 500, seed=8) == sample(_site(), 500, seed=8)
    assert sample(_site(), 500, seed=8) != sample(_site(), 500, seed=9)


def test_searches_are_made_of_headline_words_without_common_ones():
    import random

    headlines = _site().headlines
    words = {w.lower() for headline in headlines for w in headline.split()}
    queries = search_queries(headlines, 300, random.Random(5))
    assert len(queries) == 300
    for query in queries:
        assert 1 <= len(query.split()) <= 2
        assert set(query.split()) <= words - {"on", "the", "to"}
    assert any(" " in q for q in queries) and any(" " not in q for q in queries)


def test_search_paths_carry_the_query_encoded():
    searches = [p for p in sample(_site(), 2000, seed=2) if kind_of(p) == "search"]
    assert searches
    for path in searches:
        parts = urlsplit(path)
        assert parts.path == "/search/"
        assert (
            parse_qs(parts.query)["q"][0].split()[0]
            in "council votes harbour budget orchestra returns"
        )


def test_a_site_without_tags_or_sections_gets_none_of_those_requests():
    site = SitePaths(stories=["/articles/a/"], tags=[], sections=[], headlines=[])
    kinds = Counter(kind_of(path) for path in sample(site, 1000, seed=1))
    assert kinds == {"story": 800, "front": 100}


def test_the_wrk_script_reads_the_paths_file_and_its_counts_are_read_back(tmp_path):
    script = write_mix(tmp_path, "mix", ["/", "/articles/a/"])
    assert (tmp_path / "mix.paths").read_text() == "/\n/articles/a/\n"
    lua = script.read_text()
    assert f'io.lines("{tmp_path / "mix.paths"}")' in lua
    assert 'headers["X-Page-Cache"]' in lua
    output = "Requests/sec: 10.0\npage-cache hits=90 misses=10 failed=0\n"
    assert cache_counts(output) == (90, 10, 0)
    assert cache_counts("Requests/sec: 10.0\n") is None


def test_the_editor_changes_a_dek_without_growing_it_save_after_save():
    from newsroom_editor import _updated

    dek = "The council meets on Tuesday."
    for stamp in ("19:01:02", "19:01:07", "19:01:12"):
        dek = _updated(dek, stamp)
    assert dek == "The council meets on Tuesday. Updated 19:01:12."
