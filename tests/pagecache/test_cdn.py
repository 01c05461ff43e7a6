"""A CDN in front: pages carry their surrogate keys, and every change purges what it touched.

The CDN here is a fake on loopback that records the purge requests it gets,
in the shape Fastly, Cloudflare and Varnish (xkey) expect; no network.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Commenter, address_hash
from pagecache.cdn import CloudflarePurger, VarnishPurger
from pagecache.tasks import apply_scheduled_changes
from tests.support.jobs import run_retries, waiting_retries

pytestmark = pytest.mark.django_db


class FakeCDN:
    """A loopback HTTP server that records each request, answering `status`."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )
                self.send_response(fake.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            do_POST = do_PURGE = _record

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def purged(self) -> list[str]:
        """Return the keys of every purge received, in order."""
        keys: list[str] = []
        for request in self.requests:
            header = request["headers"].get("surrogate-key") or request["headers"].get(
                "xkey-purge", ""
            )
            keys += header.split() if header else json.loads(request["body"])["tags"]
        return keys

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cdn() -> Iterator[FakeCDN]:
    fake = FakeCDN()
    yield fake
    fake.close()


@pytest.fixture
def fastly(cdn, settings) -> FakeCDN:
    settings.CDN_URL = f"fastly://secret-token@SERVICE42?api={cdn.url}"
    return cdn


def _get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_page_names_what_it_shows_in_its_surrogate_keys(client, make_article):
    story = make_article("Keys Story")
    miss = _get(client, story.get_absolute_url())
    assert miss["X-Page-Cache"] == "miss"
    assert miss["Surrogate-Key"] == f"pages comments:{story.pk} story:{story.pk}"
    assert miss["Cache-Tag"] == f"pages,comments:{story.pk},story:{story.pk}"
    # A page that does not name every story it shows depends on any story's edit.
    assert _get(client, "/feed/")["Surrogate-Key"] == "pages stories"
    hit = _get(client, story.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit" and hit["Surrogate-Key"] == miss["Surrogate-Key"]
    # No CDN configured: nothing tells a surrogate to keep the page.
    assert "Surrogate-Control" not in hit and "CDN-Cache-Control" not in hit
    assert hit["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_behind_a_cdn_pages_are_kept_there_as_long_as_here(client, make_article, fastly):
    story = make_article()
    for response in (_get(client, story.get_absolute_url()), _get(client, "/")):
        assert response["Surrogate-Control"] == "max-age=600"
        assert response["CDN-Cache-Control"] == "max-age=600"
        # Browsers still ask each time.
        assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    not_modified = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code in (200, 304)


def test_an_edit_purges_the_pages_showing_the_story_once_it_commits(
    make_article, fastly, django_capture_on_commit_callbacks
):
    story = make_article("Saved Story")
    fastly.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Saved Story, Updated"
        story.save()
        assert fastly.requests == []
    (request,) = fastly.requests
    assert (request["method"], request["path"]) == ("POST", "/service/SERVICE42/purge")
    assert request["headers"]["fastly-key"] == "secret-token"
    assert fastly.purged() == ["stories", f"story:{story.pk}"]


def test_publishing_purges_every_page(make_article, fastly, django_capture_on_commit_callbacks):
    draft = make_article("Draft Story", status=Article.Status.DRAFT)
    fastly.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        draft.save()
    assert fastly.purged() == ["pages"]


def test_a_rolled_back_change_purges_nothing(make_article, fastly):
    story = make_article()
    fastly.requests.clear()
    story.headline = "Never committed"
    story.save()
    # pytest-django's transaction is rolled back: the on-commit purge never runs.
    assert fastly.requests == []


def test_approving_a_comment_purges_only_its_storys_pages(
    make_article, fastly, django_capture_on_commit_callbacks
):
    story = make_article()
    who = Commenter.objects.create(
        email_hash=address_hash("reader@example.com"), name="Reader", confirmed_at=timezone.now()
    )
    held = Comment.objects.create(article=story, commenter=who, name="Reader", body="Hi")
    fastly.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.filter(pk=held.pk).set_status(Comment.Status.APPROVED)
    assert fastly.purged() == [f"comments:{story.pk}"]


def test_a_refusing_cdn_never_fails_the_save_and_the_purge_is_retried(
    make_article, fastly, django_capture_on_commit_callbacks
):
    story = make_article()
    fastly.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Saved while the CDN was down"
        story.save()
    assert Article.objects.get(pk=story.pk).headline == "Saved while the CDN was down"
    assert waiting_retries() == ["purge_cdn"]
    fastly.status = 200
    fastly.requests.clear()
    run_retries()
    assert fastly.purged() == ["stories", f"story:{story.pk}"] and waiting_retries() == []


def test_a_scheduled_story_going_live_purges_the_cdn_on_the_minute(
    make_article, fastly, clock, django_capture_on_commit_callbacks
):
    make_article("Due Soon", publish_at=timezone.now() + timedelta(minutes=3))
    apply_scheduled_changes.call_local()
    fastly.requests.clear()
    clock.shift(timedelta(minutes=4))
    with django_capture_on_commit_callbacks(execute=True):
        apply_scheduled_changes.call_local()
    assert fastly.purged() == ["pages"]


def test_cloudflare_gets_json_tags_thirty_at_a_time(cdn):
    purger = CloudflarePurger(f"cloudflare://cf-token@ZONE7?api={cdn.url}")
    keys = ["pages", *(f"comments:{n}" for n in range(40))]
    purger.purge(keys)
    assert [r["path"] for r in cdn.requests] == ["/client/v4/zones/ZONE7/purge_cache"] * 2
    assert cdn.requests[0]["headers"]["authorization"] == "Bearer cf-token"
    assert cdn.purged() == keys


def test_varnish_gets_a_purge_at_each_server(settings):
    first, second = FakeCDN(), FakeCDN()
    try:
        hosts = ",".join(url.removeprefix("http://") for url in (first.url, second.url))
        VarnishPurger(f"varnish://{hosts}").purge(["pages", "comments:3"])
        for server in (first, second):
            (request,) = server.requests
            assert request["method"] == "PURGE"
            assert request["headers"]["xkey-purge"] == "pages comments:3"
    finally:
        first.close()
        second.close()


def test_an_unknown_cdn_is_refused_at_once(settings, make_article, client):
    from django.core.exceptions import ImproperlyConfigured

    from pagecache.cdn import configured_purger

    settings.CDN_URL = "akamai://token@zone"
    with pytest.raises(ImproperlyConfigured, match="CDN_URL"):
        configured_purger()


def test_staff_viewing_a_public_page_get_a_private_copy(editor_client, make_article):
    story = make_article()
    response = _get(editor_client, story.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
