"""Newsletter lists, the sign-up blocks shown in stories, and subscribers.

A subscriber row is one address on one list. Rows are never deleted when a
reader leaves: the status records it, so the list's history stays whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from articles.models import Article


def normalize_email(email: str) -> str:
    """Return the address as stored: trimmed and lower-cased.

    Mail services treat addresses case-insensitively, and so must the
    list, or one reader becomes two subscribers.
    """
    return email.strip().lower()


class NewsletterList(models.Model):
    """A newsletter readers can sign up to, e.g. "Weekly"."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "newsletter list"

    def __str__(self) -> str:
        return self.name


class SignupBlockQuerySet(models.QuerySet):
    def active(self) -> SignupBlockQuerySet:
        return self.filter(is_active=True)

    def current(self) -> SignupBlock | None:
        """Return the block stories show, or None when editors turned them all off."""
        return self.active().select_related("newsletter").order_by("-updated_at").first()


class SignupBlock(models.Model):
    """The sign-up form placed inside and after stories, with editors' wording."""

    name = models.CharField(max_length=100, help_text="For editors only.")
    newsletter = models.ForeignKey(
        NewsletterList, on_delete=models.PROTECT, related_name="signup_blocks"
    )
    heading = models.CharField(max_length=150, default="Get the Mirror in your inbox")
    blurb = models.TextField(
        blank=True,
        default="The week's stories from Armenia and the diaspora, every Friday. Free.",
    )
    button_label = models.CharField(max_length=40, default="Sign up")
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Stories show the most recently edited active block.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SignupBlockQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["is_active", "-updated_at"], name="signupblock_current")]

    def __str__(self) -> str:
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def pending(self) -> SubscriberQuerySet:
        return self.filter(status=Subscriber.Status.PENDING)

    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def sign_up(
        self,
        email: str,
        newsletter: NewsletterList,
        *,
        article: Article | None = None,
        block: SignupBlock | None = None,
    ) -> tuple[Subscriber, bool]:
        """Record a sign-up; return the subscriber and whether it is new.

        Signing up again changes nothing: the first sign-up's story and
        block stay on record, and a confirmed reader stays confirmed.
        """
        return self.get_or_create(
            newsletter=newsletter,
            email=normalize_email(email),
            defaults={"signup_article": article, "signup_block": block},
        )


class Subscriber(models.Model):
    """One address on one list, and where it signed up."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced"

    newsletter = models.ForeignKey(
        NewsletterList, on_delete=models.PROTECT, related_name="subscribers"
    )
    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    signup_article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signups",
        help_text="The story the reader signed up from.",
    )
    signup_block = models.ForeignKey(
        SignupBlock, null=True, blank=True, on_delete=models.SET_NULL, related_name="signups"
    )
    created_at = models.DateTimeField("signed up", auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "email"], name="subscriber_unique_email")
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="subscriber_list_status")]

    def __str__(self) -> str:
        return self.email
