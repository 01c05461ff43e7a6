"""A newsroom's reader mix: which pages readers ask for, and how often.

Pure Python (no Django), so the picking is unit-tested without a server
(tests/test_bench_scripts.py). `bench/reader_day.py` gets the site's real
addresses from the built site (`site_paths.py`), draws a list of requests
with `sample()`, and `lua_script()` writes the wrk script that cycles
through them and counts the page cache's hits and misses.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

# The share of requests for each kind of page (issue 19).
SHARES = {"story": 0.80, "front": 0.10, "tag": 0.05, "section": 0.03, "search": 0.02}

# Words too common to be what a reader searches for.
_STOPWORDS = """
    about above after again against among around because before being below between
    could during every first from have into more most other over says since some than
    that their them then there these they this those through under until were what when
    where which while will with would your
"""
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass
class SitePaths:
    """The built site's addresses, each list in the order it is read most.

    stories
        Live stories, newest first (picked on a Zipf curve over recency).
    tags
        Tag pages, the tag with the most stories first (a Zipf curve too).
    sections
        Section pages (picked evenly).
    headlines
        Recent headlines, the words searches are made of.
    """

    stories: list[str]
    tags: list[str]
    sections: list[str]
    headlines: list[str]


def split(total: int, shares: dict[str, float] = SHARES) -> dict[str, int]:
    """Return how many of `total` requests each kind gets, summing to `total`.

    Largest remainder: each kind gets its share rounded down, and the
    requests left over go to the kinds with the largest fractions.
    """
    whole = sum(shares.values())
    exact = {kind: total * share / whole for kind, share in shares.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    left = total - sum(counts.values())
    for kind in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:left]:
        counts[kind] += 1
    return counts


def zipf_weights(n: int, exponent: float) -> list[float]:
    """Return the Zipf weights of ranks 1..n: rank k is read 1/k**exponent as often."""
    return [1.0 / rank**exponent for rank in range(1, n + 1)]


def zipf_pick(items: Sequence[str], k: int, exponent: float, rng: random.Random) -> list[str]:
    """Pick `k` of `items` (most read first) on a Zipf curve with `exponent`."""
    if not items or k <= 0:
        return []
    cumulative = list(itertools.accumulate(zipf_weights(len(items), exponent)))
    return rng.choices(items, cum_weights=cumulative, k=k)


def search_queries(headlines: Sequence[str], k: int, rng: random.Random) -> list[str]:
    """Return `k` search queries a reader might type, from words in `headlines`.

    Two in three are one word, the others two neighbouring words of a
    headline ("budget vote"); short and common words are left out.
    """
    phrases = []
    for headline in headlines:
        words = [w.lower() for w in re.findall(r"[^\W\d_]{4,}", headline)]
        words = [w for w in words if w not in STOPWORDS]
        phrases += [[w] for w in words]
        phrases += [[a, b] for a, b in itertools.pairwise(words)] if len(words) > 1 else []
    singles = [p for p in phrases if len(p) == 1]
    pairs = [p for p in phrases if len(p) == 2] or singles
    if not singles:
        return []
    return [" ".join(rng.choice(singles if rng.random() < 2 / 3 else pairs)) for _ in range(k)]


def sample(
    site: SitePaths,
    total: int,
    *,
    exponent: float = 1.0,
    shares: dict[str, float] = SHARES,
    seed: int | None = None,
) -> list[str]:
    """Return `total` request paths in the mix of `shares`, shuffled.

    Stories and tags on a Zipf curve with `exponent` over their order in
    `site`, sections evenly, searches made from the headlines' words. A
    kind the site has none of (no tags, say) gets no requests.
    """
    rng = random.Random(seed)
    counts = split(total, shares)
    paths = ["/"] * counts.get("front", 0)
    paths += zipf_pick(site.stories, counts.get("story", 0), exponent, rng)
    paths += zipf_pick(site.tags, counts.get("tag", 0), exponent, rng)
    if site.sections:
        paths += rng.choices(site.sections, k=counts.get("section", 0))
    paths += [
        "/search/?" + urlencode({"q": q})
        for q in search_queries(site.headlines, counts.get("search", 0), rng)
    ]
    rng.shuffle(paths)
    return paths


def kind_of(path: str) -> str:
    """Return the kind of page `path` is (the keys of `SHARES`), for checking a mix."""
    if path == "/":
        return "front"
    for prefix, kind in (
        ("/search/", "search"),
        ("/tags/", "tag"),
        ("/sections/", "section"),
        ("/articles/", "story"),
    ):
        if path.startswith(prefix):
            return kind
    return "other"


# The wrk script: each thread cycles through the paths file from its own
# starting point, and counts X-Page-Cache answers; done() sums the threads.
_LUA = """\
local paths = {}
for line in io.lines(%(paths)s) do paths[#paths + 1] = line end
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  position = math.random(#paths)
  hits, misses, failed = 0, 0, 0
end

function request()
  position = position %% #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache == "hit" then hits = hits + 1 elseif cache == "miss" then misses = misses + 1 end
  if status >= 400 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local h, m, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
    f = f + thread:get("failed")
  end
  io.write(string.format("page-cache hits=%%d misses=%%d failed=%%d\\n", h, m, f))
end
"""


def lua_script(paths_file: Path) -> str:
    """Return the wrk Lua script that cycles through the paths in `paths_file`."""
    quoted = '"' + str(paths_file).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _LUA % {"paths": quoted}


def write_mix(folder: Path, name: str, paths: Sequence[str]) -> Path:
    """Write `paths` and the wrk script reading them into `folder`; return the script."""
    paths_file = folder / f"{name}.paths"
    paths_file.write_text("".join(f"{p}\n" for p in paths))
    script = folder / f"{name}.lua"
    script.write_text(lua_script(paths_file))
    return script


def cache_counts(wrk_output: str) -> tuple[int, int, int] | None:
    """Return (hits, misses, failed) from the script's line in wrk's output, if any."""
    found = re.search(r"page-cache hits=(\d+) misses=(\d+) failed=(\d+)", wrk_output)
    return None if found is None else (int(found[1]), int(found[2]), int(found[3]))
