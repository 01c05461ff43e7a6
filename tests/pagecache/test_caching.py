"""The full-page cache: hits, invalidation, conditional GET, sign-ups, counting."""

import json
import time
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from articles.models import Quote, story_names
from newsletter.models import Subscriber
from pagecache import middleware, state
from pagecache.signals import pages_changed
from tests.support import story_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article, signup_block, section, make_source):
    credit = make_source("Wire Service", kind="outlet")
    return make_article("Cached Story", quotes=2, tags=["Armenia"], section=section, credit=credit)


def _get(client, url, **headers):
    return client.get(url, headers=headers)


def test_second_view_is_served_from_the_cache_without_queries(
    client, story, django_assert_num_queries
):
    assert _get(client, story.get_absolute_url())["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = _get(client, story.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Cached Story" in response.content.decode()


@pytest.mark.parametrize("change", story_changes.CHANGES)
def test_changes_to_what_the_page_shows_invalidate_it(client, story, change):
    url = story.get_absolute_url()
    story_changes.prepare(story, change)
    assert _get(client, url)["X-Page-Cache"] == "miss"
    assert _get(client, url)["X-Page-Cache"] == "hit"
    expected, gone = story_changes.make(story, change)
    response = _get(client, url)
    assert response["X-Page-Cache"] == "miss"
    page = response.content.decode()
    assert expected is None or expected in page
    assert gone is None or gone not in page


def test_a_write_without_signals_invalidates_through_pages_changed(client, story, make_source):
    url = story.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    speaker = make_source("Bulk Speaker")
    assert _get(client, url)["X-Page-Cache"] == "miss"  # the new source was a save
    Quote.objects.bulk_create([Quote(article=story, speaker=speaker, text="Said in bulk")])
    # bulk_create sends no signal: the cached page still lacks the quote...
    assert _get(client, url)["X-Page-Cache"] == "hit"
    pages_changed(Quote)
    # ...until the writer says what it changed.
    response = _get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "Bulk Speaker" in response.content.decode()


def test_pages_changed_ignores_models_no_page_shows(client, story):
    url = story.get_absolute_url()
    _get(client, url)
    pages_changed(Subscriber)
    assert _get(client, url)["X-Page-Cache"] == "hit"


def test_scheduled_story_appears_when_its_time_comes(client, make_article, clock, settings):
    soon = timezone.now() + timedelta(minutes=5)
    scheduled = make_article("Scheduled Story", status="scheduled", publish_at=soon)
    assert "Scheduled Story" not in _get(client, "/").content.decode()
    assert _get(client, "/")["X-Page-Cache"] == "hit"
    # Time passes: the page must not wait for the cache entry to expire.
    later = soon + timedelta(seconds=1)
    assert later < timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    clock.move_to(later)
    response = _get(client, "/")
    assert response["X-Page-Cache"] == "miss"
    assert "Scheduled Story" in response.content.decode()
    assert _get(client, scheduled.get_absolute_url()).status_code == 200


def test_etag_and_last_modified_give_304(client, story):
    first = _get(client, story.get_absolute_url())
    assert first["ETag"] and first["Last-Modified"]
    again = _get(client, story.get_absolute_url(), if_none_match=first["ETag"])
    assert again.status_code == 304
    since = _get(client, story.get_absolute_url(), if_modified_since=first["Last-Modified"])
    assert since.status_code == 304
    story.dek = "Changed"
    story.save()
    assert _get(client, story.get_absolute_url(), if_none_match=first["ETag"]).status_code == 200


def test_every_reader_gets_the_same_page_and_no_cookie(story):
    url = story.get_absolute_url()
    first = Client().get(url)
    second = Client().get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert not first.cookies and not second.cookies
    # Nothing in it is one reader's, so a proxy or CDN may keep it too.
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"


def _headers(response):
    return {k: v for k, v in response.headers.items() if k not in ("X-Page-Cache", "Date")}


def test_a_hit_has_exactly_the_headers_of_a_miss(client, story, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    miss = client.get(story.get_absolute_url(), secure=True)
    hit = client.get(story.get_absolute_url(), secure=True)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert _headers(hit) == _headers(miss)
    for header in (
        "Strict-Transport-Security",
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
        "Surrogate-Key",
    ):
        assert header in hit, header


def test_a_304_keeps_the_pages_policies_and_keys(client, story):
    page = _get(client, story.get_absolute_url())
    again = _get(client, story.get_absolute_url(), if_none_match=page["ETag"])
    assert again.status_code == 304 and not again.content
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Surrogate-Key",
        "Cache-Tag",
        "ETag",
        "Last-Modified",
        "Cache-Control",
    ):
        assert again[header] == page[header], header


def test_hsts_follows_each_request_not_the_kept_page(client, story, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    url = story.get_absolute_url()
    assert "Strict-Transport-Security" not in client.get(url)  # kept over plain HTTP
    hit = client.get(url, secure=True)
    assert hit["X-Page-Cache"] == "hit" and "Strict-Transport-Security" in hit
    assert "Strict-Transport-Security" not in client.get(url)


def test_a_public_page_asked_for_by_an_unknown_host_is_refused_with_the_sites_headers(
    client, story
):
    refused = client.get(story.get_absolute_url(), headers={"host": "evil.example"})
    assert refused.status_code == 400
    assert "Content-Security-Policy" in refused and "Permissions-Policy" in refused


def test_a_page_whose_policy_has_a_nonce_is_not_kept(rf):
    # The nonce is for one response: kept, every reader would get it.
    request = rf.get("/")
    assert middleware._storable(request, HttpResponse("page"))
    request._csp_nonce = "abc"
    assert not middleware._storable(request, HttpResponse("page"))


def test_a_reader_signs_up_from_a_cached_page_with_csrf_checks_on(story, signup_block):
    url = story.get_absolute_url()
    Client().get(url)  # fills the cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url)
    assert page["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in page.content.decode()
    signup = reader.post(
        "/newsletter/signup/",
        {"email": "reader@example.com", "block": signup_block.pk},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert signup.status_code == 200
    assert Subscriber.objects.filter(email="reader@example.com").exists()


def test_staff_are_never_served_cached_pages(client, editor, story):
    _get(client, story.get_absolute_url())
    staff = Client()
    staff.force_login(editor)
    response = staff.get(story.get_absolute_url())
    assert "X-Page-Cache" not in response


def test_beacon_counts_views_of_cached_pages(client, story):
    _get(client, story.get_absolute_url())
    assert _get(client, story.get_absolute_url())["X-Page-Cache"] == "hit"
    client.post(f"/articles/{story.slug}/viewed/")
    story.refresh_from_db()
    assert story.view_count == 1


def test_page_cache_can_be_turned_off(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in _get(client, story.get_absolute_url())


def test_pages_that_are_not_public_never_touch_the_page_cache(client, story, monkeypatch):
    asked = []
    monkeypatch.setattr(middleware, "current_state", lambda: asked.append(1))
    client.get("/newsletter/signup/")
    client.get("/admin/login/")
    # An address ending in "/" may be a site page (`pages`), which is
    # public; one no pattern matches, as scanners ask for, never is.
    client.get("/wp-login.php")
    assert asked == []


needs_pubsub = pytest.mark.skipif(
    not hasattr(cache, "subscribe"),
    reason="needs a cache with publish/subscribe (CACHE_URL=redis://)",
)


@needs_pubsub
def test_a_hit_asks_the_shared_cache_nothing(client, story, monkeypatch):
    url = story.get_absolute_url()
    _get(client, url)
    _get(client, url)
    asked = []
    real_client = cache._cache.get_client
    # Every command of the cache goes through a client (get, get_many...).
    monkeypatch.setattr(
        cache._cache, "get_client", lambda *a, **k: asked.append(a) or real_client(*a, **k)
    )
    assert _get(client, url)["X-Page-Cache"] == "hit"
    assert asked == []


def _touched_elsewhere(other, names):
    # What `dependencies.touch()` does on another app server.
    other.set_many({f"pagecache:touched:{name}": time.time() for name in names}, None)
    other.publish(state.STATE_CHANNEL, state.TOUCHED_PREFIX + json.dumps(names))


@needs_pubsub
def test_a_story_touched_on_another_server_is_a_miss_at_once(client, story):
    url = story.get_absolute_url()
    _get(client, url)
    assert _get(client, url)["X-Page-Cache"] == "hit"
    # Another app server: its own connection to the same Redis.
    other = caches.create_connection("default")
    _touched_elsewhere(other, story_names([story.pk + 1000]))
    assert _get(client, url)["X-Page-Cache"] == "hit"
    _touched_elsewhere(other, story_names([story.pk]))
    assert _get(client, url)["X-Page-Cache"] == "miss"


@needs_pubsub
def test_a_touch_made_while_the_subscription_was_lost_is_not_missed(client, story, monkeypatch):
    url = story.get_absolute_url()
    _get(client, url)
    assert _get(client, url)["X-Page-Cache"] == "hit"
    # The socket drops; redis-py reconnects on the next poll, and the touch
    # announced in between never reaches this process.
    connection = state._watch.subscription.connection
    connection.disconnect()
    _touched_elsewhere(caches.create_connection("default"), story_names([story.pk]))
    # Redis is slow to confirm the subscription redis-py sends again: the
    # request's polls find nothing on the socket.
    real_can_read = connection.can_read
    monkeypatch.setattr(connection, "can_read", lambda timeout=0: real_can_read(timeout) and False)
    assert _get(client, url)["X-Page-Cache"] == "miss"


@needs_pubsub
def test_a_version_announced_by_another_server_is_seen_at_once(client, story):
    url = story.get_absolute_url()
    _get(client, url)
    assert _get(client, url)["X-Page-Cache"] == "hit"
    # Another app server: its own connection to the same Redis.
    other = caches.create_connection("default")
    other.set(state.STATE_KEY, {**other.get(state.STATE_KEY), "version": "elsewhere"}, None)
    other.publish(state.STATE_CHANNEL, "elsewhere")
    assert _get(client, url)["X-Page-Cache"] == "miss"


def test_tracking_parameters_share_the_page_other_parameters_do_not(
    client, story, django_assert_num_queries
):
    url = story.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    for tracked in ("?utm_source=newsletter&utm_medium=email", "?fbclid=IwAR0abc123"):
        with django_assert_num_queries(0):
            assert _get(client, url + tracked)["X-Page-Cache"] == "hit"
    found = _get(client, "/search/?q=cached")
    assert found["X-Page-Cache"] == "miss" and url in found.content.decode()
    assert _get(client, "/search/?utm_campaign=weekly&q=cached")["X-Page-Cache"] == "hit"
    other = _get(client, "/search/?q=zebra&utm_campaign=weekly")
    assert other["X-Page-Cache"] == "miss"
    assert url not in other.content.decode()
