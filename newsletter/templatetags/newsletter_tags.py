"""Template tags that put the newsletter sign-up block into pages."""

from __future__ import annotations

from django import template
from django.template import Context

from articles.models import Article
from pagecache.memo import per_content_version

from ..forms import SignupForm
from ..models import SignupBlock

register = template.Library()


@register.simple_tag
@per_content_version
def current_signup_block() -> SignupBlock | None:
    """Return the active sign-up block (no query while nothing changes)."""
    return SignupBlock.objects.current()


@register.inclusion_tag("includes/signup_block.html", takes_context=True)
def signup_block(
    context: Context, block: SignupBlock | None, placement: str, article: Article | None = None
) -> dict:
    """Render the sign-up block at `placement` ("inline" or "end") of a page.

    Each placement gets its own field ids, so two blocks on one page keep
    their labels tied to their own inputs.
    """
    form = SignupForm(
        initial={"block": block.pk if block else None, "article": article.pk if article else None},
        auto_id=f"signup-{placement}-%s",
    )
    return {
        # Not "block": templates reserve that name for {% block %} tags.
        "signup": block,
        "form": form,
        "placement": placement,
        # Two blocks on one page need different landmark names.
        "label": "Newsletter sign-up" + (" after the story" if placement == "end" else ""),
        "csrf_token": context.get("csrf_token"),
    }
