import csv
import io
import zipfile

import pytest

from newsletter.models import BlockedDomain, Issue, NewsletterList, Subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBERS = "/admin/newsletter/subscriber/"
ISSUES = "/admin/newsletter/issue/"


def test_subscribers_are_searchable_and_filterable(editor_client, make_subscriber):
    make_subscriber("ani@example.com")
    make_subscriber("davit@example.com", status=Subscriber.Status.PENDING)
    arts = NewsletterList.objects.create(name="Arts", slug="arts")
    make_subscriber("lena@example.com", newsletter=arts)
    html = editor_client.get(SUBSCRIBERS, {"q": "davit"}).content.decode()
    assert "davit@example.com" in html and "ani@example.com" not in html
    html = editor_client.get(SUBSCRIBERS, {"status__exact": "confirmed"}).content.decode()
    assert "ani@example.com" in html and "davit@example.com" not in html
    html = editor_client.get(SUBSCRIBERS, {"newsletter__id__exact": arts.pk}).content.decode()
    assert "lena@example.com" in html and "ani@example.com" not in html
    assert 'href="/admin/newsletter/subscriber/import/"' in html


def test_subscriber_list_query_count_is_flat(
    editor_client, make_subscriber, make_article, django_assert_max_num_queries
):
    for _ in range(30):
        make_subscriber(signup_article=make_article())
    # session, user, the list filter's lists, the count, the page (article
    # and list joined), the date hierarchy's range and its days, the menu's
    # count of pending comments
    with django_assert_max_num_queries(8):
        response = editor_client.get(SUBSCRIBERS)
    assert response.status_code == 200


def test_lists_show_subscriber_counts(editor_client, make_subscriber):
    for status, n in [("confirmed", 3), ("pending", 2), ("unsubscribed", 1)]:
        for _ in range(n):
            make_subscriber(status=status)
    html = editor_client.get("/admin/newsletter/newsletterlist/").content.decode()
    assert '<td class="field-confirmed_count">3</td>' in html
    assert '<td class="field-pending_count">2</td>' in html
    assert '<td class="field-unsubscribed_count">1</td>' in html


def test_export_action_downloads_the_selected_subscribers_as_csv(editor_client, make_subscriber):
    chosen = make_subscriber("ani@example.com")
    make_subscriber("other@example.com")
    response = editor_client.post(
        SUBSCRIBERS, {"action": "export_csv", "_selected_action": [chosen.pk]}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subscribers-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows] == ["Email Address", "ani@example.com"]


def test_subscribers_cannot_be_deleted(editor_client, make_subscriber):
    subscriber = make_subscriber()
    response = editor_client.get(f"{SUBSCRIBERS}{subscriber.pk}/delete/")
    assert response.status_code == 403


def test_editor_blocks_a_throwaway_domain(editor_client):
    editor_client.post("/admin/newsletter/blockeddomain/add/", {"domain": "@Trash-Mail.com."})
    assert BlockedDomain.objects.get().domain == "trash-mail.com"


def test_add_this_weeks_stories_action(editor_client, newsletter, make_article):
    make_article("Fresh story")
    issue = Issue.objects.create(newsletter=newsletter, subject="Friday")
    response = editor_client.post(
        ISSUES, {"action": "add_weeks_stories", "_selected_action": [issue.pk]}, follow=True
    )
    assert "Added 1 story to “Friday”." in response.content.decode()
    assert [item.article.headline for item in issue.items.all()] == ["Fresh story"]
    response = editor_client.post(
        ISSUES, {"action": "add_weeks_stories", "_selected_action": [issue.pk]}, follow=True
    )
    assert "No stories to add to “Friday”" in response.content.decode()


def test_download_export_action_gives_a_zip(editor_client, make_issue):
    issue = make_issue()
    response = editor_client.post(
        ISSUES, {"action": "download_export", "_selected_action": [issue.pk]}
    )
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == ["issue.html", "issue.json", "issue.txt"]


def test_download_export_refuses_an_oversized_issue_with_a_message(editor_client, make_issue):
    issue = make_issue()
    issue.items.update(blurb="Too long. " * 6000)
    response = editor_client.post(
        ISSUES, {"action": "download_export", "_selected_action": [issue.pk]}, follow=True
    )
    assert "Gmail clips e-mails over 102 KB" in response.content.decode()


def test_issue_page_has_a_preview_link_and_story_inline(editor_client, make_issue):
    issue = make_issue()
    html = editor_client.get(f"{ISSUES}{issue.pk}/change/").content.decode()
    assert f'href="/newsletter/issues/{issue.pk}/preview/"' in html
    assert 'name="items-0-article"' in html and 'name="items-0-blurb"' in html


def test_editor_builds_an_issue_in_the_admin(editor_client, newsletter, make_article):
    first, second = make_article("First"), make_article("Second")
    response = editor_client.post(
        f"{ISSUES}add/",
        {
            "newsletter": newsletter.pk,
            "subject": "Friday",
            "preheader": "Two stories",
            "intro": "Hello.",
            "status": "draft",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-order": "2",
            "items-0-article": first.pk,
            "items-0-blurb": "",
            "items-1-order": "1",
            "items-1-article": second.pk,
            "items-1-blurb": "Our pick.",
        },
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    assert [(i.article.headline, i.blurb) for i in issue.items.all()] == [
        ("Second", "Our pick."),
        ("First", ""),
    ]


def _issue_form(issue, **overrides) -> dict:
    data = {
        "newsletter": issue.newsletter_id,
        "subject": issue.subject,
        "preheader": issue.preheader,
        "intro": issue.intro,
        "status": issue.status,
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    return {**data, **overrides}


def test_editors_cannot_mark_an_issue_sent_by_hand(editor_client, make_issue):
    issue = make_issue(stories=0)
    page = editor_client.get(f"{ISSUES}{issue.pk}/change/").content.decode()
    assert '<option value="ready" selected>Ready to send</option>' in page
    assert 'value="sent"' not in page
    response = editor_client.post(f"{ISSUES}{issue.pk}/change/", _issue_form(issue, status="sent"))
    assert response.status_code == 200
    assert "Only sending marks an issue “Sent”" in response.content.decode()
    issue.refresh_from_db()
    assert (issue.status, issue.sent_at) == (Issue.Status.READY, None)


def test_a_sent_issue_stays_sent_when_edited(editor_client, make_issue):
    issue = make_issue(stories=0)
    issue.mark_sent()
    page = editor_client.get(f"{ISSUES}{issue.pk}/change/").content.decode()
    assert 'name="status"' not in page
    response = editor_client.post(
        f"{ISSUES}{issue.pk}/change/", _issue_form(issue, subject="Corrected", status="draft")
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.subject, issue.status) == ("Corrected", Issue.Status.SENT)


def test_deliveries_are_read_only(editor_client):
    assert editor_client.get("/admin/newsletter/delivery/").status_code == 200
    assert editor_client.get("/admin/newsletter/delivery/add/").status_code == 403


def test_issue_list_query_count_is_flat(editor_client, make_issue, django_assert_max_num_queries):
    for _ in range(20):
        make_issue(stories=2)
    # session, user, the list filter's lists, the count, the page of issues
    # with their lists and story counts, the unfiltered count, and the
    # menu's count of pending comments
    with django_assert_max_num_queries(7):
        response = editor_client.get(ISSUES)
    assert response.status_code == 200


def test_a_status_changed_by_hand_gets_its_time(editor_client, make_subscriber):
    subscriber = make_subscriber("ani@example.com")
    subscriber.unsubscribed_at = None
    page = editor_client.get(f"{SUBSCRIBERS}{subscriber.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["status"] = Subscriber.Status.UNSUBSCRIBED
    response = editor_client.post(f"{SUBSCRIBERS}{subscriber.pk}/change/", data)
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # Back on the list by hand, later: the new confirmation time, not the old one.
    first_confirmed = subscriber.confirmed_at
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.save()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at > first_confirmed
