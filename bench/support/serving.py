"""Shared by the bench scripts: serve the site with gunicorn, load it with wrk.

`Server` runs `gunicorn newsroom.wsgi` (2 workers, DEBUG off) on a loopback
port with the benchmark settings; `wrk()` runs one short wrk burst and
returns requests/s and the p50/p99 latencies.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = Path(__file__).resolve().parent
SECRET = "bench-only-secret-key-not-for-real-use-0123456789abcdef"


def production_env(database_url: str, cache_url: str, **extra: str) -> dict[str, str]:
    """Return the environment of a production-like server on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": f"{SUPPORT}{os.pathsep}{ROOT}",
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def cold_site_env(database_url: str, workdir: Path) -> dict[str, str]:
    """Return the environment of a throwaway site in `workdir` with no page or fragment cache."""
    return production_env(
        database_url,
        "locmem://",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PAGE_CACHE_SECONDS="0",
        FRAGMENT_CACHE_SECONDS="0",
    )


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command with `env`; return its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def _require_free(port: int) -> None:
    # Another job's server on the port would answer the readiness probe
    # below, and the figures would be its.
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is already in use on 127.0.0.1")


class Server:
    """gunicorn with 2 workers on 127.0.0.1:`port`, as a context manager."""

    def __init__(self, port: int, env: dict[str, str], workers: int = 2) -> None:
        self.port, self.env, self.workers = port, env, workers
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self) -> Server:
        _require_free(self.port)
        self.process = subprocess.Popen(
            [
                *[sys.executable, "-m", "gunicorn", "newsroom.wsgi:application"],
                *["--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}"],
                *["--log-level", "warning"],
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=2).close()
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise SystemExit(f"gunicorn did not answer on {self.url}")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    output: str = ""


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    url: str,
    *,
    seconds: int = 3,
    connections: int = 8,
    headers: dict | None = None,
    threads: int = 1,
    script: Path | None = None,
    timeout: int | None = None,
) -> Result:
    """Load `url` for `seconds` with wrk (one thread unless told); return the figures.

    `script` is a wrk Lua script (the paths it asks for, what it counts);
    what it prints is in the result's `output`. `timeout` (seconds) is how
    long wrk waits for an answer before counting a timeout (wrk's own: 2).
    """
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    if timeout is not None:
        command += ["--timeout", f"{timeout}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    if "Non-2xx" in output:
        raise SystemExit(f"wrk got errors from {url}:\n{output}")
    return Result(rps, p50, p99, output)


def require_wrk() -> None:
    """Stop with the install hint when wrk is missing."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does it)")


def redis_url(db: int = 3) -> str | None:
    """Return a Redis URL when a server answers on loopback, else None."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return os.environ.get("BENCH_CACHE_URL", f"redis://127.0.0.1:6379/{db}")
    except OSError:
        return None
