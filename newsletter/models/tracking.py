"""What readers did with a sent issue: the links in it and their clicks.

`IssueLink` is one address the issue links to, written when the issue is
first sent; click tokens name it, so the redirect only ever leads to an
address the issue itself held (no open redirect). `LinkClick` is one row
per delivery and link, its count raised in one UPDATE per click.

Imports go one way: this module imports `issues`, never the reverse.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from .issues import Delivery, Issue


class IssueLink(models.Model):
    """An address a sent issue links to, and the story it is, if it is one."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=2000)
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issue_links",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "url"], name="issuelink_unique_url")
        ]

    def __str__(self) -> str:
        return self.url


class LinkClick(models.Model):
    """A reader's clicks on one link of an issue: when first, when last, how many."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="clicks")
    link = models.ForeignKey(IssueLink, on_delete=models.CASCADE, related_name="clicks")
    first_clicked_at = models.DateTimeField(default=timezone.now)
    last_clicked_at = models.DateTimeField(default=timezone.now)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delivery", "link"], name="linkclick_once_per_reader")
        ]
        # The reports' own permission, on the model they read most.
        permissions = [
            ("view_newsletter_reports", "Can view newsletter reports (issues and sign-ups)")
        ]

    def __str__(self) -> str:
        return f"{self.delivery} → {self.link}"

    @classmethod
    def record(cls, delivery: Delivery, link: IssueLink) -> None:
        """Count one click of `link` by `delivery`'s reader.

        The first click makes the row; each later one raises its count in
        a single UPDATE, so two clicks at once both count. Two first clicks
        at once: the loser of the insert counts itself as a later click.
        """
        now = timezone.now()
        rows = cls.objects.filter(delivery=delivery, link=link)
        if rows.update(count=F("count") + 1, last_clicked_at=now):
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    delivery=delivery, link=link, first_clicked_at=now, last_clicked_at=now
                )
        except IntegrityError:
            rows.update(count=F("count") + 1, last_clicked_at=now)
