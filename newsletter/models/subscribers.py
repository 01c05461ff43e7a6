"""Lists, the sign-up blocks shown in stories, subscribers and blocked domains.

A subscriber row is one address on one list. Rows are never deleted when a
reader leaves: the status and its timestamp record it, so the list's
history, and the proof of each reader's consent, stays whole.
"""

from __future__ import annotations

from email.utils import formataddr
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsroom.model_mixins import LoadedValuesMixin

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
    from_name = models.CharField(
        max_length=100, blank=True, help_text="Sender name readers see; the site's name if blank."
    )
    from_email = models.EmailField(
        "from address", blank=True, help_text="Sender address; DEFAULT_FROM_EMAIL if blank."
    )
    reply_to = models.EmailField(
        "reply-to address", blank=True, help_text="Where readers' replies go, if not the sender."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "newsletter list"

    def __str__(self) -> str:
        return self.name

    @property
    def from_header(self) -> str:
        """Return the From header, e.g. ``The Weekly Mirror <news@example.com>``."""
        return formataddr(
            (self.from_name or settings.SITE_NAME, self.from_email or settings.DEFAULT_FROM_EMAIL)
        )


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

    @property
    def consent_text(self) -> str:
        """Return the words a reader agrees to when using this block."""
        parts = [self.heading, self.blurb, f"{self.newsletter.name} newsletter."]
        return " ".join(part.strip() for part in parts if part.strip()) + (
            " Unsubscribe at any time."
        )


class SubscriberQuerySet(models.QuerySet):
    def pending(self) -> SubscriberQuerySet:
        return self.filter(status=Subscriber.Status.PENDING)

    def confirmed(self) -> SubscriberQuerySet:
        """Return subscribers who confirmed their address: the ones issues go to."""
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def sign_up(
        self,
        email: str,
        newsletter: NewsletterList,
        *,
        article: Article | None = None,
        block: SignupBlock | None = None,
        consent_text: str = "",
        consent_source: str = "",
    ) -> tuple[Subscriber, bool]:
        """Record a sign-up; return the subscriber and whether it awaits confirmation.

        A new address is recorded as pending with its consent. Signing up
        again changes nothing for a confirmed reader; the first sign-up's
        story and block stay on record. A reader who had unsubscribed (or
        whose address bounced) is pending again, with the new consent.
        """
        subscriber, created = self.get_or_create(
            newsletter=newsletter,
            email=normalize_email(email),
            defaults={
                "signup_article": article,
                "signup_block": block,
                "consent_at": timezone.now(),
                "consent_text": consent_text,
                "consent_source": consent_source,
            },
        )
        if created or subscriber.status == Subscriber.Status.PENDING:
            return subscriber, True
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber, False
        subscriber.resubscribe(consent_text=consent_text, consent_source=consent_source)
        return subscriber, True


class Subscriber(LoadedValuesMixin, models.Model):
    """One address on one list: its status, where it signed up and its consent."""

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
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    consent_at = models.DateTimeField(
        "consent given", null=True, blank=True, help_text="When the reader asked for the list."
    )
    consent_text = models.TextField(blank=True, help_text="The words the reader agreed to.")
    consent_source = models.CharField(
        max_length=500, blank=True, help_text="The page (or import) where the reader agreed."
    )

    objects = SubscriberQuerySet.as_manager()

    # When each status was reached. confirm(), unsubscribe() and
    # mark_bounced() set these themselves; save() stamps them for a status
    # changed any other way (by hand in the admin).
    loaded_fields = ("status",)
    STATUS_TIMES: dict[str, str] = {
        Status.CONFIRMED: "confirmed_at",
        Status.UNSUBSCRIBED: "unsubscribed_at",
        Status.BOUNCED: "bounced_at",
    }

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "email"], name="subscriber_unique_email")
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="subscriber_list_status")]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, stamping the time of a status reached since the row was read.

        A new row keeps a time it was given (an import's sign-up date).
        """
        field = self.STATUS_TIMES.get(self.status)
        reached = not self._state.adding and self.status != self.loaded_value("status")
        if field and (reached or getattr(self, field) is None):
            setattr(self, field, timezone.now())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], field}
        super().save(*args, **kwargs)
        self.remember_loaded()

    def confirm(self) -> bool:
        """Confirm a pending address; return whether anything changed.

        Only a pending subscriber can confirm: a second click changes
        nothing, and an old link never brings back a reader who left.
        """
        now = timezone.now()
        # A conditional update, so two clicks at once still confirm once.
        changed = Subscriber.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.CONFIRMED, confirmed_at=now
        )
        if changed:
            self.status, self.confirmed_at = self.Status.CONFIRMED, now
        return bool(changed)

    def unsubscribe(self) -> bool:
        """Take the address off the list; return whether anything changed.

        The row stays, marked unsubscribed, so the list never mails the
        address again and the history shows when the reader left.
        """
        now = timezone.now()
        changed = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(status=self.Status.UNSUBSCRIBED)
            .update(status=self.Status.UNSUBSCRIBED, unsubscribed_at=now)
        )
        if changed:
            self.status, self.unsubscribed_at = self.Status.UNSUBSCRIBED, now
        return bool(changed)

    def mark_bounced(self) -> None:
        """Record that mail to the address bounces; issues stop going to it."""
        self.status = self.Status.BOUNCED
        self.bounced_at = timezone.now()
        self.save(update_fields=["status", "bounced_at"])

    def resubscribe(self, *, consent_text: str, consent_source: str) -> None:
        """Make a former subscriber pending again, with the consent just given."""
        self.status = self.Status.PENDING
        self.consent_at = timezone.now()
        self.consent_text = consent_text
        self.consent_source = consent_source
        self.save(update_fields=["status", "consent_at", "consent_text", "consent_source"])


def _domains_of(email: str) -> list[str]:
    """Return the address's domain and the domains above it (not the TLD)."""
    labels = normalize_email(email).rpartition("@")[2].split(".")
    return [".".join(labels[i:]) for i in range(max(1, len(labels) - 1))]


class BlockedDomainQuerySet(models.QuerySet):
    def blocks(self, email: str) -> bool:
        """Tell whether the address's domain, or a domain above it, is blocked."""
        return self.filter(domain__in=_domains_of(email)).exists()

    def domains(self) -> set[str]:
        """Return every blocked domain, for checking many addresses at once."""
        return set(self.values_list("domain", flat=True))


class BlockedDomain(models.Model):
    """A throwaway-mail domain that sign-ups and imports refuse."""

    domain = models.CharField(
        max_length=253,
        unique=True,
        help_text="E.g. mailinator.com; its subdomains are blocked too.",
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockedDomainQuerySet.as_manager()

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.domain = self.domain.strip().lower().lstrip("@").rstrip(".")
        super().save(*args, **kwargs)

    @staticmethod
    def is_blocked(email: str, domains: set[str]) -> bool:
        """Tell whether `email` is at one of `domains` (from `domains()`)."""
        return any(domain in domains for domain in _domains_of(email))
