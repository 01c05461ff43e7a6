"""Issue exports: an issue as HTML, text, JSON or a zip of the three.

The files are what a mail service needs to send the issue itself; the HTML
is refused over Gmail's clipping limit. Subscribers as CSV are in
`subscriber_csv`.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings

from .emails import UNSUBSCRIBE_PLACEHOLDER, RenderedEmail, issue_stories, render_issue
from .models import Issue

# Gmail clips messages over 102 KB, hiding the rest (and the unsubscribe link).
MAX_HTML_BYTES = 102 * 1024


class IssueTooLarge(ValueError):
    """The issue's HTML is over the size Gmail shows unclipped."""


def check_html_size(html: str) -> int:
    """Return the HTML's size in bytes; raise `IssueTooLarge` past the limit."""
    size = len(html.encode("utf-8"))
    if size > MAX_HTML_BYTES:
        raise IssueTooLarge(
            f"The issue's HTML is {size / 1024:.1f} KB; Gmail clips e-mails over "
            f"{MAX_HTML_BYTES // 1024} KB. Remove stories or shorten the blurbs."
        )
    return size


def render_for_export(issue: Issue) -> RenderedEmail:
    """Render the issue with the mail service's unsubscribe merge tag in place."""
    return render_issue(issue).replace(
        UNSUBSCRIBE_PLACEHOLDER, settings.NEWSLETTER_EXPORT_UNSUBSCRIBE_URL
    )


@dataclass(frozen=True)
class ExportedIssue:
    """The three files of an issue export."""

    html: str
    text: str
    json: str

    def zip(self) -> bytes:
        """Return a zip with ``issue.html``, ``issue.txt`` and ``issue.json``."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("issue.html", self.html)
            archive.writestr("issue.txt", self.text)
            archive.writestr("issue.json", self.json)
        return buffer.getvalue()


def export_issue(issue: Issue) -> ExportedIssue:
    """Return the issue's HTML, text and JSON; raise `IssueTooLarge` when clipped."""
    stories = issue_stories(issue)
    rendered = render_issue(issue, stories).replace(
        UNSUBSCRIBE_PLACEHOLDER, settings.NEWSLETTER_EXPORT_UNSUBSCRIBE_URL
    )
    check_html_size(rendered.html)
    data = {
        "issue": issue.pk,
        "list": issue.newsletter.name,
        "subject": rendered.subject,
        "preheader": issue.preheader,
        "intro": issue.intro,
        "utm_campaign": issue.utm_campaign,
        "articles": [
            {
                "headline": story.headline,
                "dek": story.dek,
                "blurb": story.blurb,
                "section": story.section,
                "url": story.url,
                "image_url": story.image_url or None,
                "image_alt": story.image_alt,
                "corrections": list(story.corrections),
            }
            for story in stories
        ],
    }
    return ExportedIssue(
        html=rendered.html,
        text=rendered.text,
        json=json.dumps(data, ensure_ascii=False, indent=2) + "\n",
    )
