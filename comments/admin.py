"""The moderators' admin: the queue, the commenters, the word and block lists.

The queue lists pending comments first, newest first, each with its story
and the commenter's history; bulk actions approve, mark as spam, remove,
ban the address, and remove everything an address wrote (a request under
GDPR). Status changes go through `CommentQuerySet.set_status()`, so the
stories' counts and cached pages follow.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    BlockedAddress,
    Comment,
    Commenter,
    CommentQuerySet,
    ModerationWord,
    address_hash,
    normalize_address,
)

Status = Comment.Status


def _history(status: str | None) -> Coalesce:
    comments = Comment.objects.filter(commenter=OuterRef("commenter"))
    if status:
        comments = comments.filter(status=status)
    counted = comments.order_by().values("commenter").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "status",
        "name",
        "excerpt",
        "story",
        "created_at",
        "reason",
        "history",
        "address_confirmed",
    ]
    list_display_links = ["name", "excerpt"]
    list_filter = ["status", "reason", "created_at"]
    list_select_related = ["article", "commenter"]
    search_fields = ["name", "body", "article__headline"]
    search_help_text = "Name, words of the comment or headline; or a whole e-mail address."
    # Pending first, then newest first: the queue a moderator works through.
    # Django takes expressions here; the stubs say str.
    ordering = [
        Case(When(status=Status.PENDING, then=Value(0)), default=Value(1)).asc(),  # type: ignore[list-item]
        "-created_at",
    ]
    fields = ["article", "parent", "name", "body", "status", "reason", "created_at", "moderated_by"]
    readonly_fields = ["article", "parent", "reason", "created_at", "moderated_by"]
    actions = ["approve", "mark_spam", "remove", "ban_address", "remove_everything_from_address"]
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Comments come from readers, through the form on the story.
        return False

    def menu_badge(self, request: HttpRequest) -> str:
        """Return what the admin menu says beside "Comments": the pending count."""
        pending = Comment.objects.pending().count()
        return f"{pending} pending" if pending else ""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                history_approved=_history(Status.APPROVED),
                history_spam=_history(Status.SPAM),
                history_total=_history(None),
            )
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Comment], search_term: str
    ) -> tuple[QuerySet[Comment], bool]:
        # Addresses are kept hashed: a whole address is matched by its hash.
        if "@" in search_term and " " not in search_term.strip():
            return queryset.filter(commenter__email_hash=address_hash(search_term)), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        return comment.body[:120] + ("…" if len(comment.body) > 120 else "")

    @admin.display(description="story", ordering="article__headline")
    def story(self, comment: Comment) -> str:
        url = reverse("admin:articles_article_change", args=[comment.article_id])
        return format_html('<a href="{}">{}</a>', url, comment.article.headline)

    @admin.display(description="commenter's history")
    def history(self, comment: Comment) -> str:
        # Annotated by get_queryset().
        counts = [getattr(comment, f"history_{kind}") for kind in ("approved", "spam", "total")]
        return "{} approved, {} spam, {} in all".format(*counts)

    @admin.display(description="address confirmed", boolean=True)
    def address_confirmed(self, comment: Comment) -> bool:
        return comment.commenter.is_confirmed

    def save_model(
        self, request: HttpRequest, obj: Comment, form: forms.ModelForm[Comment], change: bool
    ) -> None:
        # The status moves through set_status(), which keeps the count.
        status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != status:
            Comment.objects.filter(pk=obj.pk).set_status(status, by=request.user)
            obj.status = status

    def _move(
        self, request: HttpRequest, queryset: CommentQuerySet, status: str, done: str
    ) -> None:
        moved = queryset.set_status(status, by=request.user)
        self.message_user(request, f"{moved} comment{'s' if moved != 1 else ''} {done}.")

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: CommentQuerySet) -> None:
        unconfirmed = queryset.filter(commenter__confirmed_at__isnull=True)
        skipped = unconfirmed.count()
        self._move(
            request, queryset.exclude(pk__in=unconfirmed.values("pk")), Status.APPROVED, "approved"
        )
        if skipped:
            self.message_user(
                request,
                f"{skipped} left waiting: their address is not confirmed yet, so anybody "
                "could have written them in that name.",
                messages.WARNING,
            )

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request: HttpRequest, queryset: CommentQuerySet) -> None:
        self._move(request, queryset, Status.SPAM, "marked as spam")

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request: HttpRequest, queryset: CommentQuerySet) -> None:
        self._move(request, queryset, Status.REMOVED, "removed")

    @admin.action(
        description="Ban the addresses of selected comments (their comments go to spam)",
        permissions=["change"],
    )
    def ban_address(self, request: HttpRequest, queryset: CommentQuerySet) -> None:
        commenters = Commenter.objects.filter(pk__in=queryset.values("commenter"))
        with transaction.atomic():
            for commenter in commenters:
                BlockedAddress.objects.get_or_create(
                    email_hash=commenter.email_hash,
                    defaults={"note": f"Banned from the comment of {commenter.name}"[:200]},
                )
            Comment.objects.filter(commenter__in=commenters).exclude(
                status=Status.REMOVED
            ).set_status(Status.SPAM, by=request.user)
        self.message_user(request, f"{len(commenters)} address(es) banned.")

    @admin.action(
        description="Remove everything from these addresses (GDPR request)",
        permissions=["delete"],
    )
    def remove_everything_from_address(
        self, request: HttpRequest, queryset: CommentQuerySet
    ) -> None:
        commenter_ids = list(queryset.values_list("commenter", flat=True).distinct())
        with transaction.atomic():
            # Deleted one by one through the ORM: the stories' counts and
            # cached pages follow each (comments/apps.py).
            removed, _ = Comment.objects.filter(commenter__in=commenter_ids).delete()
            Commenter.objects.filter(pk__in=commenter_ids).delete()
        self.message_user(
            request,
            f"Removed {removed} comment(s) and every record of {len(commenter_ids)} address(es).",
        )


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = ["name", "confirmed_at", "created_at", "approved", "spam", "total"]
    search_fields = ["name"]
    fields = ["name", "confirmed_at", "created_at"]
    readonly_fields = ["confirmed_at", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Commenter]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_approved=Count("comments", filter=Q(comments__status=Status.APPROVED)),
                n_spam=Count("comments", filter=Q(comments__status=Status.SPAM)),
                n_total=Count("comments"),
            )
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Commenter], search_term: str
    ) -> tuple[QuerySet[Commenter], bool]:
        if "@" in search_term and " " not in search_term.strip():
            return queryset.filter(email_hash=address_hash(search_term)), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(ordering="n_approved")
    def approved(self, commenter: Commenter) -> int:
        return commenter.n_approved  # type: ignore[attr-defined]

    @admin.display(ordering="n_spam")
    def spam(self, commenter: Commenter) -> int:
        return commenter.n_spam  # type: ignore[attr-defined]

    @admin.display(ordering="n_total")
    def total(self, commenter: Commenter) -> int:
        return commenter.n_total  # type: ignore[attr-defined]


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action"]
    list_filter = ["action"]
    search_fields = ["word"]


class BlockedAddressForm(forms.ModelForm):
    """A domain, or an address typed in full and kept only as its hash."""

    address = forms.EmailField(
        required=False,
        help_text="A whole address to block; it is kept hashed, so it is not shown again.",
    )

    class Meta:
        model = BlockedAddress
        fields = ["address", "domain", "note"]

    def clean_domain(self) -> str:
        return self.cleaned_data["domain"].strip().lower().lstrip("@")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_hash = bool(self.instance.email_hash)
        if not (data.get("address") or data.get("domain") or has_hash):
            raise forms.ValidationError("Give an address or a domain.")
        return data

    def save(self, commit: bool = True) -> BlockedAddress:
        if self.cleaned_data.get("address"):
            self.instance.email_hash = address_hash(normalize_address(self.cleaned_data["address"]))
        return super().save(commit)


@admin.register(BlockedAddress)
class BlockedAddressAdmin(admin.ModelAdmin):
    form = BlockedAddressForm
    list_display = ["__str__", "domain", "note", "created_at"]
    search_fields = ["domain", "note"]
