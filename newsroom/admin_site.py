"""The newsroom's admin site: its titles, and its sections in working order."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest

# Sections by how often editors need them: the newsroom's own work first,
# then other apps, then accounts and the login lockout records.
APP_ORDER = {
    "articles": 0,
    "authors": 1,
    "newsletter": 2,
    "pages": 3,
    # Old addresses, beside the pages they lead to.
    "redirects": 4,
    "comments": 5,
    "taggit": 6,
    # What went wrong in the background: read after the content, before accounts.
    "jobs": 7,
    # The move from WordPress: used once, then again for what came since.
    "wordpress": 8,
    "auth": 10,
    "axes": 11,
}
OTHER_APPS = 9


class NewsroomAdminSite(admin.AdminSite):
    """Django's admin site with the newsroom's titles and section order."""

    site_header = f"{settings.SITE_NAME} newsroom"
    site_title = f"{settings.SITE_NAME} newsroom"
    index_title = "Newsroom"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        """Return the apps as the index and the sidebar list them: content first."""
        apps = super().get_app_list(request, app_label)
        for app in apps:
            for model in app["models"]:
                # A model admin may say what waits for editors: "Comments (3 pending)".
                badge = getattr(self._registry.get(model["model"]), "menu_badge", None)
                text = badge(request) if badge else ""
                if text:
                    model["name"] = f"{model['name']} ({text})"
        return sorted(apps, key=lambda app: APP_ORDER.get(app["app_label"], OTHER_APPS))
