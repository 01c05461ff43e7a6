"""E-mails the newsletter sends: rendering, headers, one function per message.

Each message has three templates in ``templates/newsletter/emails/``:
``<name>.subject.txt``, ``<name>.txt`` and ``<name>.html``. The HTML part
has its CSS inlined once, here, with the ``<style>`` block kept so the
dark-mode ``@media`` rules still reach the clients that honour them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from authors.credits import credit_line, story_credits
from authors.models import bylines_prefetch
from newsroom.site import absolute_url
from pages.models import Page

from .models import Issue, IssueItem, NewsletterList, Subscriber
from .tokens import make_confirm_token, make_unsubscribe_token

# Rendered once per issue, then replaced per subscriber, so a send of many
# thousand messages renders and inlines the templates only once.
UNSUBSCRIBE_PLACEHOLDER = "newsletter-unsubscribe-url-placeholder"

# The metadata key naming the issue a message belongs to.
ISSUE_METADATA = "newsletter_issue"

_inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


@dataclass(frozen=True)
class RenderedEmail:
    """A message's three parts."""

    subject: str
    text: str
    html: str

    def replace(self, old: str, new: str) -> RenderedEmail:
        """Return the parts with `old` replaced by `new` in the bodies."""
        return RenderedEmail(self.subject, self.text.replace(old, new), self.html.replace(old, new))


def render_email(name: str, context: dict, *, folder: str = "newsletter/emails") -> RenderedEmail:
    """Render the subject, text and HTML templates of message `name`.

    The subject is folded onto one line; the HTML gets its CSS inlined.
    Other apps' messages name their own template `folder`.
    """
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    prefix = f"{folder}/{name}"
    subject = " ".join(render_to_string(f"{prefix}.subject.txt", context).split())
    text = render_to_string(f"{prefix}.txt", context).strip() + "\n"
    html = _inliner.inline(render_to_string(f"{prefix}.html", context))
    return RenderedEmail(subject, text, html)


def confirm_url(subscriber: Subscriber) -> str:
    token = make_confirm_token(subscriber)
    return absolute_url(reverse("newsletter:confirm", args=[token]))


def unsubscribe_url(subscriber: Subscriber, *, issue_id: int | None = None) -> str:
    """Return the reader's unsubscribe link; in an issue, it names the issue."""
    token = make_unsubscribe_token(subscriber, issue_id=issue_id)
    return absolute_url(reverse("newsletter:unsubscribe", args=[token]))


def privacy_policy_url() -> str:
    """Return the privacy policy page's full address, or "" when none is published."""
    page = Page.objects.privacy_policy()
    return absolute_url(page.get_absolute_url()) if page else ""


def build_message(
    rendered: RenderedEmail,
    *,
    newsletter: NewsletterList,
    to: str,
    unsubscribe: str,
    connection: BaseEmailBackend | None = None,
) -> EmailMultiAlternatives:
    """Return a message from the list to `to`, ready to send.

    It carries ``List-Unsubscribe`` (the https link, and a mailto: address
    when ``NEWSLETTER_UNSUBSCRIBE_MAILTO`` is set) and
    ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), so
    mail clients offer their own unsubscribe button.
    """
    targets = [f"<{unsubscribe}>"]
    if settings.NEWSLETTER_UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    headers = {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{newsletter.name} <{newsletter.slug}.{host}>",
    }
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=newsletter.from_header,
        to=[to],
        reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def send_confirmation(subscriber: Subscriber) -> None:
    """Send the double opt-in e-mail with its signed, expiring link.

    It links the privacy policy page when one is published.
    """
    unsubscribe = unsubscribe_url(subscriber)
    rendered = render_email(
        "confirm_subscription",
        {
            "subscriber": subscriber,
            "newsletter": subscriber.newsletter,
            "confirm_url": confirm_url(subscriber),
            "unsubscribe_url": unsubscribe,
            "valid_days": max(1, settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400),
            "privacy_url": privacy_policy_url(),
        },
    )
    message = build_message(
        rendered, newsletter=subscriber.newsletter, to=subscriber.email, unsubscribe=unsubscribe
    )
    message.send()
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])


def article_url(article: Article, issue: Issue) -> str:
    """Return the story's address with UTM parameters naming the issue."""
    query = urlencode(
        {
            "utm_source": "newsletter",
            "utm_medium": "email",
            "utm_campaign": issue.utm_campaign,
        }
    )
    return f"{absolute_url(article.get_absolute_url())}?{query}"


@dataclass(frozen=True)
class IssueStory:
    """What the e-mail and the JSON export show of one story."""

    headline: str
    dek: str
    blurb: str
    url: str
    image_url: str
    image_alt: str
    section: str
    # "By A and B", from the story's bylines and its text credit.
    byline: str = ""
    # "Correction, 3 March 2026: ..." lines: a story carried again carries its fixes.
    corrections: tuple[str, ...] = ()


def _correction_lines(article: Article) -> tuple[str, ...]:
    return tuple(
        f"{note.get_kind_display()}, {timezone.localtime(note.created_at):%-d %B %Y}: {note.text}"
        for note in article.corrections.all()
    )


def issue_stories(issue: Issue) -> list[IssueStory]:
    """Return the issue's stories in order, with their corrections, in two queries."""
    items = (
        issue.items.select_related("article__section", "article__hero")
        .prefetch_related("article__corrections", _issue_bylines())
        .order_by("order", "pk")
    )
    return [_issue_story(item, issue) for item in items]


def _issue_bylines() -> Prefetch:
    return Prefetch("article__bylines", queryset=bylines_prefetch().queryset)


def _issue_story(item: IssueItem, issue: Issue) -> IssueStory:
    hero = item.article.hero_placed
    return IssueStory(
        headline=item.article.headline,
        dek=item.article.plain_dek,
        blurb=item.blurb,
        url=article_url(item.article, issue),
        image_url=absolute_url(hero.image.file.url) if hero else "",
        image_alt=hero.alt_text if hero else "",
        section=item.article.section.name if item.article.section else "",
        byline=credit_line(story_credits(item.article)),
        corrections=_correction_lines(item.article),
    )


def render_issue(issue: Issue, stories: list[IssueStory] | None = None) -> RenderedEmail:
    """Render the issue e-mail with `UNSUBSCRIBE_PLACEHOLDER` for the link."""
    return render_email(
        "issue",
        {
            "issue": issue,
            "newsletter": issue.newsletter,
            "stories": issue_stories(issue) if stories is None else stories,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        },
    )


def issue_message(
    rendered: RenderedEmail,
    subscriber: Subscriber,
    *,
    newsletter: NewsletterList,
    connection: BaseEmailBackend | None = None,
    issue_id: int | None = None,
) -> EmailMultiAlternatives:
    """Return the issue e-mail for one subscriber, with their own unsubscribe link.

    With `issue_id`, the link names the issue, so its report counts the
    reader if they leave from it.
    """
    unsubscribe = unsubscribe_url(subscriber, issue_id=issue_id)
    message = build_message(
        rendered.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
        newsletter=newsletter,
        to=subscriber.email,
        unsubscribe=unsubscribe,
        connection=connection,
    )
    if issue_id is not None:
        # django-anymail sends this to the mail service, which returns it
        # with a bounce or complaint (`mail_events`); SMTP ignores it.
        message.metadata = {ISSUE_METADATA: str(issue_id)}  # type: ignore[attr-defined]
    return message
