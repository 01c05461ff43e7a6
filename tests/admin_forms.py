"""The article change form's POST data, as a browser would send it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from articles.models import Article

ADD = reverse("admin:articles_article_add")
CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def management_form(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    """Return an inline formset's management fields."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(article: Article | None = None, **overrides) -> dict[str, str]:
    """Return the add form's data, or the change form's for `article` as it stands."""
    data = {
        "headline": "Council Approves the New Library",
        "slug": "",
        "dek": "A vote of 9 to 2.",
        "byline": "Staff",
        "dateline": "GYUMRI",
        "credit": "",
        "body": "<p>First.</p><h2>Why It Matters</h2><p>Second.</p>",
        "hero_caption": "",
        "hero_credit": "",
        "hero_alt": "",
        "status": Article.Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "section": "",
        "tags": "Gyumri, Libraries",
        "signup_placement": Article.SignupPlacement.DEFAULT,
        "signup_after_paragraph": "",
    }
    if article is not None:
        data.update(
            headline=article.headline,
            slug=article.slug,
            body=article.body,
            status=article.status,
            tags="",
            loaded_version=article.edit_version,
        )
        if article.publish_at:
            # The form shows and reads times in the newsroom's time zone.
            shown = timezone.localtime(article.publish_at)
            data.update(
                publish_at_0=shown.strftime("%Y-%m-%d"),
                publish_at_1=shown.strftime("%H:%M:%S"),
            )
    for prefix in ["quotes", "corrections", "status_changes"]:
        data.update(management_form(prefix))
    data.update(overrides)
    return data
