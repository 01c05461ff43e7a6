"""`make run PORT=N`, end to end: what it serves and what it mails name port N.

The command is run as a developer runs it (migrate, demo content, the
development server), against a database and media folder of its own, with
the virtualenv `make test` built. Every absolute link the server builds
(canonical and OpenGraph links, images, e-mails) must name the port it
serves on, not the default 8000.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
# What the suite's own settings would otherwise leak into the server.
INHERITED = {
    "DATABASE_URL",
    "CACHE_URL",
    "SITE_URL",
    "MEDIA_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "PORT",
}

pytestmark = pytest.mark.skipif(
    not (VENV / ".installed").exists(),
    reason="runs `make run` with the virtualenv `make` built (run it through `make test`)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make run stopped:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    pytest.fail(f"make run did not serve port {port} in time:\n{log.read_text()}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Run `make run PORT=N`; yield its base URL and the file of its output."""
    work = tmp_path_factory.mktemp("make-run")
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in INHERITED}
    env.update(
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        CACHE_URL="locmem://",
        PYTHONUNBUFFERED="1",
    )
    log = work / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            ["make", "run", f"PORT={port}", f"VENV={VENV}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(port, server, log)
        yield f"http://127.0.0.1:{port}", log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read().decode()


def test_the_demo_is_served_on_the_port_asked_for(served):
    base, log = served
    front = _get(base + "/")
    assert f'<link rel="canonical" href="{base}/">' in front
    assert f"Admin login for local use: {base}/admin/" in log.read_text()


def test_a_story_names_the_port_in_its_canonical_social_and_image_links(served):
    base, _log = served
    front = _get(base + "/")
    story = re.search(r'href="(/articles/[^"]+/)"', front).group(1)
    html = _get(base + story)
    absolute = re.findall(r'(?:href|content)="(https?://[^"]+)"', html)
    ours = [url for url in absolute if url.startswith("http://127.0.0.1")]
    assert ours, "the story page has no absolute links"
    assert all(url.startswith(f"{base}/") for url in ours), ours
    assert f'<meta property="og:url" content="{base}{story}">' in html
    assert f'<meta property="og:image" content="{base}/media/' in html


def test_the_confirmation_e_mail_links_the_port(served):
    base, log = served
    data = urlencode({"email": "reader.port@example.com", "website": ""}).encode()
    request = urllib.request.Request(
        base + "/newsletter/signup/", data=data, headers={"Origin": base}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    deadline = time.monotonic() + 10
    while "reader.port@example.com" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    mail = log.read_text()
    assert re.search(rf"{re.escape(base)}/newsletter/confirm/\S+", mail), mail[-3000:]
    assert "127.0.0.1:8000" not in mail
