"""Links in a sent issue: each reader's own click link, counted, then on to the story."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse

from newsletter.emails import RenderedEmail
from newsletter.export import export_issue
from newsletter.models import Delivery, IssueLink, LinkClick
from newsletter.sending import send_issue, send_test
from newsletter.tokens import make_unsubscribe_token
from newsletter.tracking import TrackedLinks, links_in, make_click_token

pytestmark = pytest.mark.django_db

HOME = "http://127.0.0.1:8000/"
_CLICK = re.compile(r"http://127\.0\.0\.1:8000(/newsletter/c/[^/\"\s]+/)")


def _clicks_in(message) -> list[str]:
    html = message.alternatives[0][0]
    return list(dict.fromkeys(_CLICK.findall(html)))


@pytest.fixture
def sent(make_issue, make_subscriber, mailoutbox):
    """An issue of two stories sent to Anna and Boris; their messages by address."""
    issue = make_issue(stories=2)
    make_subscriber("anna@example.com")
    make_subscriber("boris@example.com")
    send_issue(issue)
    return issue, {message.to[0]: message for message in mailoutbox}


def test_every_link_in_a_sent_issue_is_the_readers_own(sent):
    issue, messages = sent
    anna, boris = messages["anna@example.com"], messages["boris@example.com"]
    assert _clicks_in(anna) and set(_clicks_in(anna)).isdisjoint(_clicks_in(boris))
    # The text part's links go the same way; the unsubscribe link stays the reader's.
    assert "/newsletter/c/" in anna.body
    assert "utm_campaign" not in anna.body
    assert "/newsletter/unsubscribe/" in anna.body
    assert anna.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/newsletter/unsubscribe/"
    )
    stories = IssueLink.objects.filter(issue=issue, article__isnull=False)
    assert stories.count() == 2


def test_a_click_counts_and_sends_the_reader_on_at_once(client, sent):
    issue, _messages = sent
    link = IssueLink.objects.filter(issue=issue, article__isnull=False).first()
    anna = Delivery.objects.get(issue=issue, subscriber__email="anna@example.com")
    response = client.get(f"/newsletter/c/{make_click_token(anna.subscriber_id, link.pk)}/")
    assert response.status_code == 302
    assert response["Location"] == link.url
    assert "utm_campaign=" in link.url and link.url.startswith("http://127.0.0.1:8000/")
    click = LinkClick.objects.get()
    assert (click.delivery, click.link, click.count) == (anna, link, 1)


def test_a_repeated_click_counts_again_and_keeps_the_first_time(client, sent, clock):
    issue, messages = sent
    path = _clicks_in(messages["anna@example.com"])[0]
    clock.move_to(issue.sent_at + timedelta(hours=1), tick=False)
    client.get(path)
    clock.shift(timedelta(days=2))
    client.get(path)
    client.get(path)
    click = LinkClick.objects.get()
    assert click.count == 3
    assert click.first_clicked_at == issue.sent_at + timedelta(hours=1)
    assert click.last_clicked_at == issue.sent_at + timedelta(hours=1, days=2)


def test_the_click_link_sets_no_cookie_and_is_never_cached(client, sent, settings):
    settings.PAGE_CACHE_SECONDS = 300
    _issue, messages = sent
    path = _clicks_in(messages["anna@example.com"])[0]
    first, second = client.get(path), client.get(path)
    assert not first.cookies and not second.cookies
    assert "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in second
    assert LinkClick.objects.get().count == 2


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        # Signed with another purpose's salt, or with no salt.
        signing.Signer(salt="newsletter.unsubscribe").sign_object([1, 1]),
        signing.Signer().sign_object([1, 1]),
    ],
)
def test_a_forged_token_leads_home_and_counts_nothing(client, sent, token):
    response = client.get(f"/newsletter/c/{token}/")
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert not LinkClick.objects.exists()


def test_an_altered_token_leads_home(client, sent):
    _issue, messages = sent
    path = _clicks_in(messages["anna@example.com"])[0]
    token = path.split("/")[3]
    payload, signature = token.split(":")
    other = signing.b64_encode(b"[1,999]").decode()
    for altered in (
        f"{other}:{signature}",
        f"{payload}:{signature[:-1]}A",
        f"{payload}x:{signature}",
    ):
        response = client.get(f"/newsletter/c/{altered}/")
        assert response["Location"] == HOME
    assert not LinkClick.objects.exists()


def test_an_unsubscribe_token_is_no_click_token(client, sent, make_subscriber):
    reader = make_subscriber()
    response = client.get(f"/newsletter/c/{make_unsubscribe_token(reader)}/")
    assert response["Location"] == HOME


@pytest.mark.parametrize(
    "target", ["//evil.com", "https://evil.com", "javascript:alert(1)", "/\\evil.com"]
)
def test_no_open_redirect(client, sent, target):
    issue, messages = sent
    anna = Delivery.objects.get(issue=issue, subscriber__email="anna@example.com")
    path = _clicks_in(messages["anna@example.com"])[0]
    # Addresses tacked on to a real link are ignored.
    for url in (f"{path}?next={target}", f"{path}?url={target}"):
        assert not client.get(url)["Location"].startswith(("//", "https://evil", "javascript"))
    # A token can only name a link the issue itself held: a made-up one
    # (were anybody able to sign it) leads home.
    assert (
        client.get(f"/newsletter/c/{make_click_token(anna.subscriber_id, 10**6)}/")["Location"]
        == HOME
    )
    # A recorded address that is not http(s) never becomes a redirect.
    if not target.startswith("https:"):
        bad = IssueLink.objects.create(issue=issue, url=target)
        response = client.get(f"/newsletter/c/{make_click_token(anna.subscriber_id, bad.pk)}/")
        assert response["Location"] == HOME
    # A target in the token's place is not a token.
    response = client.get(f"/newsletter/c/{target.replace('/', '%2F')}/")
    assert response.status_code in {302, 404}
    assert response.get("Location", HOME) == HOME


def test_only_web_links_are_tracked():
    rendered = RenderedEmail(
        "Subject",
        "Read: https://example.org/a.\nMail us: mailto:desk@example.org\n",
        '<a href="https://example.org/a?x=1&amp;y=2">A</a><a href="mailto:desk@example.org">M</a>'
        '<a href="javascript:alert(1)">J</a><a href="#top">T</a>',
    )
    assert links_in(rendered) == ["https://example.org/a?x=1&y=2", "https://example.org/a"]


def test_a_rewritten_text_link_keeps_the_full_stop_after_it(make_subscriber):
    reader = make_subscriber()
    rendered = RenderedEmail("S", "See https://example.org/a.\n", "")
    tracked = TrackedLinks(issue_id=1, link_ids={"https://example.org/a": 7}).apply(
        rendered, reader
    )
    assert re.fullmatch(r"See http://127\.0\.0\.1:8000/newsletter/c/[^/]+/\.\n", tracked.text)


def test_test_sends_and_exports_keep_plain_links(make_issue, mailoutbox):
    issue = make_issue()
    send_test(issue, ["editor@example.com"])
    (message,) = mailoutbox
    assert "/newsletter/c/" not in message.body + message.alternatives[0][0]
    assert "utm_campaign=" in message.body
    exported = export_issue(issue)
    assert "/newsletter/c/" not in exported.html + exported.text
    assert not IssueLink.objects.exists()


def test_a_click_from_a_reader_without_a_delivery_still_leads_on(client, sent, make_subscriber):
    # A forwarded issue's reader who was never sent it: the link works.
    issue, _ = sent
    link = IssueLink.objects.filter(issue=issue).first()
    stranger = make_subscriber()
    response = client.get(f"/newsletter/c/{make_click_token(stranger.pk, link.pk)}/")
    assert response["Location"] == link.url
    assert not LinkClick.objects.exists()


def test_the_click_url_is_the_newsletters(sent):
    assert reverse("newsletter:click", args=["abc:def"]) == "/newsletter/c/abc:def/"


def test_a_first_click_that_loses_the_race_counts_as_a_later_one(sent, monkeypatch):
    issue, _ = sent
    delivery = Delivery.objects.filter(issue=issue).first()
    link = IssueLink.objects.filter(issue=issue).first()
    LinkClick.record(delivery, link)
    # Another request inserts the row between this one's UPDATE (which
    # found nothing) and its INSERT: the insert fails, the count goes up.
    update, missed = QuerySet.update, []

    def misses_once(queryset, **changes):
        if queryset.model is LinkClick and not missed:
            missed.append(True)
            return 0
        return update(queryset, **changes)

    monkeypatch.setattr(QuerySet, "update", misses_once)
    LinkClick.record(delivery, link)
    assert missed
    assert LinkClick.objects.get().count == 2


def test_a_link_checkers_head_request_is_answered_but_not_counted(client, sent):
    _issue, messages = sent
    path = _clicks_in(messages["anna@example.com"])[0]
    response = client.head(path)
    assert response.status_code == 302 and "/newsletter/c/" not in response["Location"]
    assert not LinkClick.objects.exists()
