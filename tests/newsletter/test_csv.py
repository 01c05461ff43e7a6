import csv
import io
from datetime import datetime

import pytest
from django.utils import timezone

from newsletter.models import BlockedDomain, NewsletterList, Subscriber
from newsletter.subscriber_csv import import_subscribers_csv, write_subscribers_csv

pytestmark = pytest.mark.django_db


def _export(queryset) -> str:
    out = io.StringIO()
    write_subscribers_csv(queryset, out)
    return out.getvalue()


def _import(text: str, newsletter):
    return import_subscribers_csv(io.StringIO(text, newline=""), newsletter, source="test.csv")


def test_export_has_the_columns_mail_services_import(make_subscriber, make_article):
    article = make_article()
    make_subscriber(
        "reader@example.com",
        signup_article=article,
        consent_at=timezone.make_aware(datetime(2026, 3, 1, 9, 30)),
    )
    rows = list(csv.reader(io.StringIO(_export(Subscriber.objects.all()))))
    assert rows[0] == ["Email Address", "Status", "List", "Signed Up", "Source Article"]
    assert rows[1] == [
        "reader@example.com",
        "subscribed",
        "Weekly",
        "2026-03-01 09:30:00",
        f"http://127.0.0.1:8000{article.get_absolute_url()}",
    ]


def test_round_trip_keeps_addresses_statuses_dates_and_stories(make_subscriber, make_article):
    article = make_article()
    make_subscriber("a@example.com", signup_article=article)
    make_subscriber("b@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    make_subscriber("c@example.com", status=Subscriber.Status.BOUNCED)
    make_subscriber("d@example.com", status=Subscriber.Status.PENDING)
    exported = _export(Subscriber.objects.order_by("email"))
    copy = NewsletterList.objects.create(name="Copy", slug="copy")
    report = _import(exported, copy)
    assert report.created == 4 and report.rejected == []
    again = _export(copy.subscribers.order_by("email"))
    assert again == exported.replace(",Weekly,", ",Copy,")
    assert copy.subscribers.get(email="a@example.com").signup_article == article
    assert copy.subscribers.get(email="a@example.com").consent_source == "test.csv"


def test_bad_rows_are_reported_row_by_row_and_nothing_is_doubled(newsletter, make_subscriber):
    make_subscriber("known@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    BlockedDomain.objects.create(domain="mailinator.com")
    text = (
        "Email Address,Status\n"
        "new@example.com,subscribed\n"  # 2
        "not-an-address,subscribed\n"  # 3
        ",subscribed\n"  # 4
        "KNOWN@example.com,subscribed\n"  # 5
        " New@Example.com ,subscribed\n"  # 6
        "bot@mailinator.com,subscribed\n"  # 7
        "other@example.com,VIP\n"  # 8
        "plain@example.com,\n"  # 9
    )
    report = _import(text, newsletter)
    outcome = {row.line: (row.accepted, row.reason) for row in report.rows}
    assert outcome == {
        2: (True, ""),
        3: (False, "not a valid e-mail address"),
        4: (False, "no address"),
        5: (False, "already on the list"),
        6: (False, "repeats line 2"),
        7: (False, "the domain is blocked"),
        8: (False, "unknown status 'VIP'"),
        9: (True, ""),
    }
    assert sorted(newsletter.subscribers.values_list("email", "status")) == [
        ("known@example.com", "unsubscribed"),
        ("new@example.com", "confirmed"),
        ("plain@example.com", "confirmed"),
    ]
    # Importing the same file again creates nothing.
    assert _import(text, newsletter).created == 0
    assert newsletter.subscribers.count() == 3


def test_file_without_an_address_column_is_refused_whole(newsletter):
    report = _import("Name,Status\nAni,subscribed\n", newsletter)
    assert report.error == 'The file has no "Email Address" column.'
    assert not Subscriber.objects.exists()


def test_admin_import_page_shows_the_report(editor_client, newsletter):
    upload = io.BytesIO(b"\xef\xbb\xbfEmail Address\nreader@example.com\nnope\n")
    upload.name = "list.csv"
    response = editor_client.post(
        "/admin/newsletter/subscriber/import/", {"newsletter": newsletter.pk, "file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Report: 1 imported, 1 rejected" in html
    assert "Imported 1 subscriber; rejected 1 row." in html
    assert "<td>3</td><td>nope</td><td>rejected: not a valid e-mail address</td>" in html
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.consent_source == "CSV import of list.csv by editor"


def test_admin_import_refuses_a_file_that_is_not_utf8(editor_client, newsletter):
    upload = io.BytesIO("Email Address\nrené@exämple.com\n".encode("utf-16"))
    upload.name = "list.csv"
    response = editor_client.post(
        "/admin/newsletter/subscriber/import/", {"newsletter": newsletter.pk, "file": upload}
    )
    assert "The file is not UTF-8 text" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_import_page_needs_the_add_permission(client, django_user_model, newsletter):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(clerk)
    assert client.get("/admin/newsletter/subscriber/import/").status_code == 403


def test_import_queries_do_not_grow_per_row(newsletter, django_assert_max_num_queries):
    text = "Email Address\n" + "".join(f"reader{n}@example.com\n" for n in range(200))
    # the list's addresses, blocked domains, source stories, then the inserts
    # in one transaction (SQLite takes 83 rows a statement, PostgreSQL 1,000)
    with django_assert_max_num_queries(3 + 2 + 3):
        report = _import(text, newsletter)
    assert report.created == 200


def test_export_never_hands_a_spreadsheet_a_formula(make_subscriber):
    # "=" and "-" may start an address's local part, and a list name is typed by staff.
    NewsletterList.objects.update(name='=HYPERLINK("https://evil.example","Weekly")')
    make_subscriber("=1+1@example.com")
    make_subscriber("-2@example.com")
    rows = list(csv.reader(io.StringIO(_export(Subscriber.objects.order_by("email")))))[1:]
    cells = [cell for row in rows for cell in row if cell]
    assert not [cell for cell in cells if cell[0] in "=+-@"]
    assert {row[0] for row in rows} == {"'=1+1@example.com", "'-2@example.com"}


def test_a_guarded_export_imports_back_to_the_same_addresses(make_subscriber):
    make_subscriber("=1+1@example.com")
    exported = _export(Subscriber.objects.all())
    other = NewsletterList.objects.create(name="Daily", slug="daily")
    report = _import(exported, other)
    assert [row.email for row in report.rows if row.accepted] == ["=1+1@example.com"]
    assert other.subscribers.get().email == "=1+1@example.com"
