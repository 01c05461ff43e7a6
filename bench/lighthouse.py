"""Lighthouse on the article page, served as in production.

Builds a throwaway site (SQLite in a temp folder, demo content, collected
static files), serves it with gunicorn (2 workers, DEBUG off) on loopback,
runs Lighthouse against the featured story and saves the report as JSON and
HTML under bench/out/. Prints the four category scores; exits non-zero when
any is under target (100 for accessibility, best practices and SEO, 95 for
performance).

Run: `python bench/lighthouse.py` (make bench runs it).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from serving import ROOT, Server, manage, production_env

OUT = ROOT / "bench" / "out"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def _article_path(env: dict[str, str]) -> str:
    code = (
        "from articles.models import Article;"
        "print(Article.objects.live().get(is_featured=True).get_absolute_url())"
    )
    return manage(env, "shell", "--no-imports", "-c", code).strip()


def main() -> int:
    if shutil.which("npx") is None or not (ROOT / "node_modules" / "lighthouse").exists():
        print("Lighthouse is not installed: run `npm ci` first.")
        return 1
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            print(f"Port {PORT} is busy; set BENCH_PORT.")
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(
            f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "locmem://",
            STATIC_ROOT=str(Path(tmp) / "static"),
            MEDIA_ROOT=str(Path(tmp) / "media"),
            # No web server in front on loopback: Django serves the demo images.
            SERVE_MEDIA="true",
            SITE_URL=f"http://127.0.0.1:{PORT}",
        )
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--no-admin")
        manage(env, "collectstatic", "--noinput")
        url = f"http://127.0.0.1:{PORT}{_article_path(env)}"
        with Server(PORT, env):
            report = OUT / "lighthouse-article"
            subprocess.run(
                [
                    "npx",
                    "--no-install",
                    "lighthouse",
                    url,
                    "--quiet",
                    "--output=json",
                    "--output=html",
                    f"--output-path={report}",
                    f"--chrome-flags={CHROME_FLAGS}",
                ],
                cwd=ROOT,
                env={**env, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
                check=True,
            )
    categories = json.loads((OUT / "lighthouse-article.report.json").read_text())["categories"]
    scores = {key: round((value["score"] or 0) * 100) for key, value in categories.items()}
    print(f"Lighthouse, article page ({url}):")
    for key, score in scores.items():
        print(f"  {key:15} {score:3d}  (target {TARGETS[key]})")
    print(f"  report: {OUT / 'lighthouse-article.report.html'}")
    return 0 if all(scores[k] >= TARGETS[k] for k in TARGETS) else 1


if __name__ == "__main__":
    raise SystemExit(main())
