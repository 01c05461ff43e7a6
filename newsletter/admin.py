"""Admin for newsletter lists, sign-up blocks and subscribers."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from .models import NewsletterList, SignupBlock, Subscriber


@admin.register(NewsletterList)
class NewsletterListAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "confirmed_count", "pending_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[NewsletterList]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed=Count("subscribers", filter=Q(subscribers__status="confirmed")),
                pending=Count("subscribers", filter=Q(subscribers__status="pending")),
            )
        )

    @admin.display(description="Confirmed", ordering="confirmed")
    def confirmed_count(self, newsletter: NewsletterList) -> int:
        return newsletter.confirmed

    @admin.display(description="Pending", ordering="pending")
    def pending_count(self, newsletter: NewsletterList) -> int:
        return newsletter.pending


@admin.register(SignupBlock)
class SignupBlockAdmin(admin.ModelAdmin):
    list_display = ["name", "heading", "newsletter", "is_active", "updated_at"]
    list_filter = ["is_active", "newsletter"]
    list_select_related = ["newsletter"]
    search_fields = ["name", "heading", "blurb"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "newsletter", "status", "signup_article", "created_at"]
    list_filter = ["newsletter", "status"]
    list_select_related = ["newsletter", "signup_article"]
    search_fields = ["email"]
    autocomplete_fields = ["signup_article"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"
    show_full_result_count = False
