"""`PageSitemap`: the published site pages, for the sitemap index."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self) -> QuerySet[Page]:
        return Page.objects.published().only("url", "updated_at").order_by("url")

    def lastmod(self, item: Page) -> datetime:
        return item.updated_at
