"""Sign-ups by story and by block over a period, with charts; the story page's count."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from newsletter.models import SignupBlock, Subscriber
from newsletter.reports import signup_report

pytestmark = pytest.mark.django_db

REPORT = "/admin/newsletter/subscriber/signups/"


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def signups(make_article, make_subscriber, newsletter, signup_block):
    """Readers confirmed over March 2026, from two stories and two blocks."""
    published = _at(date(2026, 2, 1))
    gyumri = make_article(headline="Gyumri's mills", publish_at=published)
    lake = make_article(headline="Lake Sevan", publish_at=published)
    footer = SignupBlock.objects.create(name="Footer", newsletter=newsletter)

    def reader(day: date, article=None, block=None, status=Subscriber.Status.CONFIRMED, **extra):
        subscriber = make_subscriber(signup_article=article, signup_block=block, status=status)
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=_at(day), **extra)

    # On the list before the period.
    for _ in range(3):
        reader(date(2026, 2, 10))
    # In the period: Gyumri brought three (one left since), the lake one.
    reader(date(2026, 3, 2), gyumri, signup_block)
    reader(date(2026, 3, 3), gyumri, signup_block)
    reader(
        date(2026, 3, 10),
        gyumri,
        footer,
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=_at(date(2026, 3, 20)),
    )
    reader(date(2026, 3, 17), lake, footer)
    # After the period, and never confirmed: neither counts.
    reader(date(2026, 4, 20), lake, footer)
    make_subscriber(signup_article=gyumri, status=Subscriber.Status.PENDING)
    return gyumri, lake, signup_block, footer


def test_sign_ups_are_counted_by_story_and_by_block_in_the_period(signups):
    report = signup_report(date(2026, 3, 1), date(2026, 3, 31))
    assert report.total == 4
    assert [(r.name, r.signups, r.still_subscribed) for r in report.by_story] == [
        ("Gyumri's mills", 3, 2),
        ("Lake Sevan", 1, 1),
    ]
    assert sorted((r.name, r.signups) for r in report.by_block) == [
        ("Footer", 2),
        ("In stories", 2),
    ]


def test_the_period_filter_moves_the_counts(signups):
    report = signup_report(date(2026, 3, 9), date(2026, 4, 30))
    assert [(r.name, r.signups) for r in report.by_story] == [
        ("Lake Sevan", 2),
        ("Gyumri's mills", 1),
    ]


def test_a_story_filter_counts_only_its_sign_ups(signups):
    gyumri, *_ = signups
    report = signup_report(date(2026, 3, 1), date(2026, 3, 31), article=gyumri)
    assert report.total == 3
    assert [row.name for row in report.by_story] == ["Gyumri's mills"]


def test_the_charts_give_sign_ups_per_week_and_the_lists_size(signups):
    report = signup_report(date(2026, 3, 2), date(2026, 3, 29))
    # Weeks starting on Monday 2, 9, 16 and 23 March.
    assert [value for _, value in report.weekly.rows] == [2, 1, 1, 0]
    # Three before; +2, +1, +1 and one gone in the week of the 16th.
    assert [value for _, value in report.list_size.rows] == [5, 6, 6, 6]
    assert report.weekly.rows[0][0] == "2 Mar 2026"


def test_the_report_page_shows_the_charts_with_their_tables(editor_client, signups):
    page = editor_client.get(REPORT, {"start": "2026-03-02", "end": "2026-03-29"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('role="img"') == 2
    assert "<title id=" in html and "<desc id=" in html
    assert html.count('<details class="chart-data">') == 2
    assert "<caption>Sign-ups per week</caption>" in html
    assert "<caption>Readers on the list</caption>" in html
    # The admin's CSP allows no inline style or script.
    assert " style=" not in html.split('<div id="content-main"', 1)[1]
    assert "<script>" not in html
    assert "Gyumri&#x27;s mills" in html


def test_a_wrong_period_shows_the_form_with_its_error(editor_client, signups):
    html = editor_client.get(REPORT, {"start": "2026-03-29", "end": "2026-03-02"}).content
    assert b"The period ends before it starts." in html


def test_the_report_reads_the_same_queries_for_any_number_of_stories(
    editor_client, signups, make_article, make_subscriber, django_assert_max_num_queries
):
    for _ in range(10):
        make_subscriber(signup_article=make_article(), confirmed_at=_at(date(2026, 3, 5)))
    # Session, user, the admin menu's pending comments, the form's lists;
    # the report's six (by story, by block, weekly, the list before the
    # period, joined and left per week).
    with django_assert_max_num_queries(10):
        response = editor_client.get(REPORT, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200


def test_the_story_page_says_how_many_readers_it_signed_up(editor_client, signups):
    gyumri, *_ = signups
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[gyumri.pk])
    ).content.decode()
    assert "Signed up 3 readers." in html
    link = f"{REPORT}?article={gyumri.pk}"
    assert link in html
    report = editor_client.get(link).content.decode()
    assert re.search(r"<strong[^>]*>3</strong> confirmed sign-ups", report)


def test_without_the_permission_the_story_page_has_no_count(client, make_member, signups):
    gyumri, *_ = signups
    contributor = make_member("Contributors")
    gyumri.author = contributor
    gyumri.save(update_fields=["author"])
    client.force_login(contributor)
    html = client.get(reverse("admin:articles_article_change", args=[gyumri.pk])).content.decode()
    assert "Gyumri" in html
    assert "Signed up" not in html and REPORT not in html
    assert client.get(REPORT).status_code == 403


def test_the_default_period_is_the_last_twelve_weeks(editor_client, signups, clock):
    clock.move_to(_at(date(2026, 3, 31)))
    html = editor_client.get(REPORT).content.decode()
    assert "from 7 January 2026 to 31 March 2026" in html
    assert (date(2026, 3, 31) - date(2026, 1, 7)) == timedelta(weeks=12) - timedelta(days=1)


def test_a_very_long_period_keeps_its_latest_three_years(signups):
    report = signup_report(date(1990, 1, 1), date(2026, 3, 31))
    assert report.start == date(2023, 3, 29)
    assert report.total == 7
