"""Score and time the story importer's text parser.

Run ``python bench/importer.py`` from the repository. For each labelled set
(``tests/importer/fixtures``, ``tests/importer/heldout`` and, when present,
``../shared/eval-dev`` and ``../shared/seed``) it writes
``parse_story(...).as_dict()`` for every story into a temporary folder, runs
``../shared/eval-dev/score.py`` on it against the set's gold labels and prints
the summary. The held-out stories were written and labelled before the
importer was first run on them; each set's first score is kept in HELDOUT_FIRST and
printed next to today's, because every fix since was made after seeing them
and today's figure is no longer a held-out one. It then times parsing a story
of about 1,500 words built from the fixtures' paragraphs and prints the median
in milliseconds. Needs no database and no Django settings.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval-dev" / "score.py"
FIXTURES = ROOT / "tests" / "importer" / "fixtures"
HELDOUT = ROOT / "tests" / "importer" / "heldout"
HELDOUT2 = ROOT / "tests" / "importer" / "heldout2"
SETS = {
    "fixtures": FIXTURES,
    "held-out": HELDOUT,
    "held-out batch 2": HELDOUT2,
    "eval-dev": SHARED / "eval-dev",
    "seed": SHARED / "seed",
}
# Each held-out set's score on its first run, before any fix was made with its
# stories in view: quote F1 on text + speaker, and on text alone. The first set
# was scored with the importer of 52ec74f; the second, written after those
# fixes, with the importer of 9354575.
HELDOUT_FIRST = {
    HELDOUT: {"quote_f1_speaker": 0.96, "quote_f1_text": 0.98},
    HELDOUT2: {"quote_f1_speaker": 0.92, "quote_f1_text": 1.00},
}
TIMING_RUNS = 200
TIMING_WORDS = 1500

sys.path.insert(0, str(ROOT))

from articles.importer import parse_story  # noqa: E402  (the path is set just above)


def write_predictions(source: Path, out: Path) -> int:
    """Parse every story in ``source`` into ``out`` as JSON; return the count."""
    count = 0
    for path in sorted(source.glob("*.txt")):
        data = parse_story(path.read_text(encoding="utf-8")).as_dict()
        target = out / f"{path.stem}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        count += 1
    return count


def score(name: str, source: Path) -> None:
    """Print the scorer's summary for one labelled set."""
    with tempfile.TemporaryDirectory(prefix=f"importer-{name}-") as tmp:
        count = write_predictions(source, Path(tmp))
        print(f"== {name}: {count} stories from {source}")
        if not SCORER.is_file():
            print(f"   (no scorer at {SCORER}; predictions not scored)")
            return
        result = subprocess.run(
            [sys.executable, str(SCORER), tmp, "--gold", str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = result.stdout.splitlines()
        # Skip the scorer's two path lines, which point at a deleted temp folder.
        print("\n".join(line for line in lines if not line.startswith(("gold:", "predictions:"))))
        if result.returncode:
            print(result.stderr, file=sys.stderr)
        if source in HELDOUT_FIRST:
            print(heldout_row(result.stdout, HELDOUT_FIRST[source]))


def heldout_row(scorer_output: str, first: dict[str, float]) -> str:
    """Return the held-out line: the first score beside today's, labelled as such."""
    now = {"quote_f1_speaker": "?", "quote_f1_text": "?"}
    for line in scorer_output.splitlines():
        text = line.strip()
        if text.startswith("quote_f1_speaker="):
            now["quote_f1_speaker"] = text.split("=", 1)[1]
        elif text.startswith("text match ") and "F1=" in text:
            now["quote_f1_text"] = text.split("F1=", 1)[1].split()[0]
    return (
        "held-out (written before tuning, fixes made after seeing them): "
        f"first quote F1 {first['quote_f1_speaker']:.2f} "
        f"(text only {first['quote_f1_text']:.2f}), "
        f"now {now['quote_f1_speaker']} (text only {now['quote_f1_text']})"
    )


def long_story() -> str:
    """Return a story of at least TIMING_WORDS words made of fixture paragraphs."""
    paragraphs: list[str] = []
    for path in sorted(FIXTURES.glob("*.txt")):
        paragraphs.extend(parse_story(path.read_text(encoding="utf-8")).paragraphs)
    body: list[str] = []
    while sum(len(p.split()) for p in body) < TIMING_WORDS:
        body.append(paragraphs[len(body) % len(paragraphs)])
    return "Timing story for the importer\n\n" + "\n\n".join(body) + "\n"


def time_parsing() -> None:
    """Print the median time to parse the long story."""
    text = long_story()
    parse_story(text)  # warm the regular-expression cache
    runs = []
    for _ in range(TIMING_RUNS):
        start = time.perf_counter()
        parse_story(text)
        runs.append((time.perf_counter() - start) * 1000)
    print(
        f"== timing: {len(text.split())} words, {TIMING_RUNS} runs: "
        f"median {statistics.median(runs):.2f} ms, max {max(runs):.2f} ms"
    )


def main() -> int:
    """Score every labelled set that exists, then time the parser."""
    for name, source in SETS.items():
        if source.is_dir() and any(source.glob("*.txt")):
            score(name, source)
        else:
            print(f"== {name}: no stories at {source}, skipped")
        print()
    time_parsing()
    return 0


if __name__ == "__main__":
    sys.exit(main())
