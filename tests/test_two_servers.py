"""Two app servers sharing PostgreSQL and Redis see each other's changes at once.

Starts two gunicorn instances (one worker each) on the test database and a
Redis key prefix of their own, fills both servers' page cache, publishes a
story through the admin of one, and reads the front page from the other;
then, with the page cache off, fills both servers' story fragments, renames
a quoted source through one and reads the story from the other.
Runs when the suite runs on PostgreSQL with CACHE_URL set to Redis, e.g.
``DATABASE_URL=postgres://... CACHE_URL=redis://127.0.0.1:6379/3 pytest``;
skipped otherwise (SQLite and the per-process locmem cache are one server).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import global_settings, settings
from django.db import connection

from articles.models import Article
from tests.support.admin_forms import rendered_form

ROOT = Path(__file__).resolve().parent.parent
PORTS = (8803, 8804)

pytestmark = pytest.mark.django_db(transaction=True)


def _start(port: int, env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application"]
    return subprocess.Popen(
        [*command, "--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )


def _wait(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}")


def _get(opener, url: str) -> tuple[str, str]:
    with opener.open(url, timeout=10) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache", "")


@pytest.fixture(autouse=True)
def _servers_password_hashing(settings):
    # The servers check the editor's password with the project's hashers, not
    # the suite's fast one, so the editor's hash is made the same way.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


@pytest.fixture
def two_servers(transactional_db):
    yield from _serve_two()


@pytest.fixture
def two_servers_without_page_cache(transactional_db):
    yield from _serve_two(PAGE_CACHE_SECONDS="0")


def _serve_two(**settings_env: str):
    if connection.vendor != "postgresql" or "redis" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (CACHE_URL)")
    db = connection.settings_dict
    prefix = f"twoservers-{uuid.uuid4().hex[:8]}"
    location = settings.CACHES["default"]["LOCATION"]
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": f"{location}?prefix={prefix}",
        "CONN_MAX_AGE": "0",
        **settings_env,
    }
    servers = [_start(port, env) for port in PORTS]
    try:
        for port in PORTS:
            _wait(f"http://127.0.0.1:{port}/robots.txt")
        yield [f"http://127.0.0.1:{port}" for port in PORTS]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def _editor(server: str):
    """Log "chief" in to `server`'s admin; return the browser-like opener."""
    editor = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login, _ = _get(editor, server + "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    form = {"username": "chief", "password": "pw-chief", "csrfmiddlewaretoken": token}
    form["next"] = "/admin/"
    editor.open(server + "/admin/login/", urllib.parse.urlencode(form).encode()).close()
    return editor


def test_a_story_published_through_one_server_is_on_the_other_at_once(
    two_servers, make_article, django_user_model
):
    first, second = two_servers
    django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-chief")
    make_article("Yesterday's Story")
    draft = make_article("Breaking From Server One", status=Article.Status.DRAFT)
    reader = urllib.request.build_opener()
    _get(reader, second + "/")
    html, cache = _get(reader, second + "/")
    assert cache == "hit" and "Breaking From Server One" not in html

    editor = _editor(first)
    changelist, _ = _get(editor, first + "/admin/articles/article/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', changelist).group(1)
    action = {
        "action": "publish_selected",
        "_selected_action": draft.pk,
        "csrfmiddlewaretoken": token,
        "index": 0,
    }
    editor.open(first + "/admin/articles/article/", urllib.parse.urlencode(action).encode())

    draft.refresh_from_db()
    assert draft.is_live
    html, cache = _get(reader, second + "/")
    assert cache == "miss"
    assert "Breaking From Server One" in html
    story, _ = _get(reader, second + draft.get_absolute_url())
    assert "Breaking From Server One" in story


def test_a_source_renamed_through_one_server_is_in_the_others_stories_at_once(
    two_servers_without_page_cache, make_article, django_user_model
):
    first, second = two_servers_without_page_cache
    django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-chief")
    story = make_article("Story Quoting a Minister", quotes=1)
    speaker = story.quotes.get().speaker
    reader = urllib.request.build_opener()
    for server in (first, second):
        # Twice: the second render is made from the fragments kept by the first.
        _get(reader, server + story.get_absolute_url())
        html, cache = _get(reader, server + story.get_absolute_url())
        assert cache == "" and speaker.name in html

    editor = _editor(first)
    url = f"{first}/admin/articles/source/{speaker.pk}/change/"
    change_form, _ = _get(editor, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', change_form).group(1)
    form = {
        "kind": speaker.kind,
        "name": "Minister Renamed",
        "slug": speaker.slug,
        "role": speaker.role,
        "csrfmiddlewaretoken": token,
        "_save": "Save",
    }
    editor.open(url, urllib.parse.urlencode(form).encode()).close()

    speaker.refresh_from_db()
    assert speaker.name == "Minister Renamed"
    for server in (second, first):
        html, _ = _get(reader, server + story.get_absolute_url())
        assert "Minister Renamed" in html


def test_a_story_edited_through_one_server_stales_only_the_pages_showing_it_on_the_other(
    two_servers, make_article, django_user_model
):
    first, second = two_servers
    django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-chief")
    edited = make_article("Headline As Filed", tags=["Երևան"])
    # Enough stories read more, so the edited one is on no other story's most-read list.
    others = [make_article(f"Much Read {n}", tags=["Αθήνα"]) for n in range(6)]
    Article.objects.filter(pk__in=[story.pk for story in others]).update(view_count=100)
    kept = others[0]
    reader = urllib.request.build_opener()
    for url in ("/", kept.get_absolute_url()):
        _get(reader, second + url)
        html, cache = _get(reader, second + url)
        assert cache == "hit"
    # Past the clocks' margin, so the pages count as built before the edit.
    time.sleep(2.5)

    editor = _editor(first)
    url = f"{first}/admin/articles/article/{edited.pk}/change/"
    form = rendered_form(_get(editor, url)[0], "article_form")
    form["headline"] = "Headline As Corrected"
    editor.open(url, urllib.parse.urlencode(form, doseq=True).encode()).close()

    edited.refresh_from_db()
    assert edited.headline == "Headline As Corrected"
    html, cache = _get(reader, second + "/")
    assert cache == "miss" and "Headline As Corrected" in html
    html, cache = _get(reader, second + kept.get_absolute_url())
    assert cache == "hit" and "Headline As" not in html
