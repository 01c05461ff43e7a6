import re

import pytest

from newsletter.emails import issue_message, render_email, render_issue, send_confirmation
from newsletter.models import IssueItem, Subscriber
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def _unsubscribe_link(message) -> str:
    return re.search(
        r"<(https?://[^>]+/newsletter/unsubscribe/[^>]+/)>",
        message.extra_headers["List-Unsubscribe"],
    ).group(1)


def test_confirmation_email_has_both_parts_and_one_click_unsubscribe_headers(
    make_subscriber, newsletter, mailoutbox
):
    newsletter.from_name, newsletter.from_email = "The Mirror", "news@example.com"
    newsletter.reply_to = "desk@example.com"
    newsletter.save()
    reader = make_subscriber("reader@example.com", status=Subscriber.Status.PENDING)
    send_confirmation(reader)
    (message,) = mailoutbox
    assert message.from_email == "The Mirror <news@example.com>"
    assert message.reply_to == ["desk@example.com"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = _unsubscribe_link(message)
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert link in html
    assert "/newsletter/confirm/" in html


def test_mailto_unsubscribe_is_offered_when_configured(make_subscriber, mailoutbox, settings):
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "leave@example.com"
    send_confirmation(make_subscriber(status=Subscriber.Status.PENDING))
    header = mailoutbox[0].extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://") or header.startswith("<http://")
    assert header.endswith(", <mailto:leave@example.com?subject=unsubscribe>")


def test_css_is_inlined_and_dark_mode_rules_survive(make_issue):
    html = render_issue(make_issue()).html
    assert 'class="card"' in html
    assert re.search(r'class="card"[^>]*style="[^"]*background-color: #ffffff', html)
    assert "@media (prefers-color-scheme: dark)" in html
    assert '<meta name="color-scheme" content="light dark">' in html


def test_issue_email_links_each_story_with_utm_and_shows_no_signup_blocks(
    make_issue, make_subscriber, signup_block
):
    issue = make_issue(stories=3)
    IssueItem.objects.filter(order=1).update(blurb="Read this one first.")
    reader = make_subscriber("reader@example.com")
    message = issue_message(render_issue(issue), reader, newsletter=issue.newsletter)
    html = message.alternatives[0][0]
    campaign = f"utm_campaign=weekly-issue-{issue.pk}"
    for item in issue.items.select_related("article"):
        url = f"http://127.0.0.1:8000{item.article.get_absolute_url()}"
        assert f"{url}?utm_source=newsletter&amp;utm_medium=email&amp;{campaign}" in html
        assert f"{url}?utm_source=newsletter&utm_medium=email&{campaign}" in message.body
        assert item.article.headline in message.body
    assert "Read this one first." in html and "Read this one first." in message.body
    assert "Three stories worth your coffee" in html
    assert "signup" not in html and "/newsletter/signup/" not in html
    assert signup_block.heading not in html
    assert _unsubscribe_link(message) in html


def test_each_subscriber_gets_their_own_unsubscribe_link(make_issue, make_subscriber):
    issue = make_issue()
    rendered = render_issue(issue)
    first = issue_message(rendered, make_subscriber(), newsletter=issue.newsletter)
    second = issue_message(rendered, make_subscriber(), newsletter=issue.newsletter)
    assert _unsubscribe_link(first) != _unsubscribe_link(second)
    assert _unsubscribe_link(second) not in first.alternatives[0][0]


def test_story_images_use_absolute_urls(make_issue, settings):
    issue = make_issue(stories=1)
    article = issue.items.get().article
    article.hero_from_upload(image_upload())
    article.hero_alt = "A hall"
    article.save()
    html = render_issue(issue).html
    assert re.search(r'<img[^>]+src="http://127\.0\.0\.1:8000/media/images/[^"]+\.jpg"', html)
    assert 'alt="A hall"' in html


def test_subject_is_one_line_and_text_is_not_html_escaped(make_issue):
    issue = make_issue(subject='Cafés & "quotes"\nand more')
    rendered = render_email(
        "issue", {"issue": issue, "stories": [], "newsletter": issue.newsletter}
    )
    assert rendered.subject == 'Cafés & "quotes" and more'
    assert "&amp;" not in rendered.text


def test_production_sends_through_smtp_and_refuses_bad_anymail_settings():
    from tests.test_settings import PRODUCTION, _manage

    smtp = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        env=PRODUCTION,
    )
    assert smtp.stdout.strip().endswith("django.core.mail.backends.smtp.EmailBackend")
    broken = _manage("check", env={**PRODUCTION, "ANYMAIL": "{not json"})
    assert broken.returncode != 0
    assert "ANYMAIL must be a JSON object" in broken.stderr


def test_a_corrected_story_carries_its_correction_in_the_next_issue(make_issue):
    from articles.models import Correction
    from newsletter.emails import render_issue

    issue = make_issue(stories=2)
    article = issue.items.first().article
    Correction.objects.create(article=article, text="The ferry leaves at nine, not ten.")
    rendered = render_issue(issue)
    assert "The ferry leaves at nine, not ten." in rendered.text
    assert "The ferry leaves at nine, not ten." in rendered.html
    assert rendered.html.count("The ferry leaves") == 1


def test_the_issue_names_each_storys_bylines(make_issue):
    from authors.models import Author, Byline

    issue = make_issue(stories=2)
    first, second = (item.article for item in issue.items.order_by("order", "pk"))
    for position, name in enumerate(["Տաթև Հակոբյան", "Çağrı Öztürk"]):
        Byline.objects.create(
            article=first, author=Author.objects.create(name=name), position=position
        )
    second.byline = "Staff and agencies"
    second.save()
    rendered = render_issue(issue)
    assert "By Տաթև Հակոբյան and Çağrı Öztürk" in rendered.text
    assert "By Staff and agencies" in rendered.text
    assert "By Տաթև Հակոբյան and Çağrı Öztürk" in rendered.html
