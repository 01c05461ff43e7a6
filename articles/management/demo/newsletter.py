"""Demo newsletter data for `load_demo`: a sender, confirmed readers, a draft issue."""

from __future__ import annotations

from django.utils import timezone

from newsletter.models import Issue, NewsletterList, Subscriber

DEMO_SUBSCRIBERS = ["ani@example.com", "davit@example.com", "lena@example.com"]
DEMO_ISSUE_SUBJECT = "This week in the Mirror: Gyumri's mill reopens"


def load_newsletter_demo(newsletter: NewsletterList) -> Issue:
    """Fill in the list's sender, add confirmed readers and a draft issue.

    Safe to run again: existing rows are left as they are, and the draft
    issue is only created (and filled with the week's stories) once.
    """
    if not newsletter.from_email:
        newsletter.from_name = "The Weekly Mirror"
        newsletter.from_email = "newsletter@example.com"
        newsletter.reply_to = "editors@example.com"
        newsletter.save(update_fields=["from_name", "from_email", "reply_to"])
    now = timezone.now()
    for email in DEMO_SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            newsletter=newsletter,
            email=email,
            defaults={
                "status": Subscriber.Status.CONFIRMED,
                "confirmed_at": now,
                "consent_at": now,
                "consent_source": "Demo data (load_demo)",
            },
        )
    issue, created = Issue.objects.get_or_create(
        newsletter=newsletter,
        subject=DEMO_ISSUE_SUBJECT,
        defaults={
            "preheader": "An arts centre in a textile mill, a school vote, a new opera.",
            "intro": "Good morning. Here are the stories our readers talked about this week.",
        },
    )
    if created:
        issue.add_weeks_stories()
    return issue
