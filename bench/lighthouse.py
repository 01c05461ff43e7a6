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
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def _production_env(workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-real-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        # Loopback has no TLS terminator in front; Django serves the demo images.
        "SECURE_SSL_REDIRECT": "false",
        "SERVE_MEDIA": "true",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def _wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer at {url}")


def _article_path(env: dict[str, str]) -> str:
    code = (
        "from articles.models import Article;"
        "print(Article.objects.live().get(is_featured=True).get_absolute_url())"
    )
    return _manage(env, "shell", "--no-imports", "-c", code).strip()


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
        env = _production_env(Path(tmp))
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo", "--no-admin")
        _manage(env, "collectstatic", "--noinput")
        url = f"http://127.0.0.1:{PORT}{_article_path(env)}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "2",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(url)
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
        finally:
            server.terminate()
            server.wait(timeout=10)
    categories = json.loads((OUT / "lighthouse-article.report.json").read_text())["categories"]
    scores = {key: round((value["score"] or 0) * 100) for key, value in categories.items()}
    print(f"Lighthouse, article page ({url}):")
    for key, score in scores.items():
        print(f"  {key:15} {score:3d}  (target {TARGETS[key]})")
    print(f"  report: {OUT / 'lighthouse-article.report.html'}")
    return 0 if all(scores[k] >= TARGETS[k] for k in TARGETS) else 1


if __name__ == "__main__":
    raise SystemExit(main())
