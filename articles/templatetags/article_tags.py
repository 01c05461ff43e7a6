"""Template tags for the public pages."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from ..models import Section

register = template.Library()


@register.simple_tag
def menu_sections() -> QuerySet[Section]:
    """Return the sections for the site menu, in editors' order."""
    return Section.objects.only("name", "slug")
