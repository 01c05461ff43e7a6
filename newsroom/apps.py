"""App configurations that dress third-party apps for the newsroom's admin.

Listed in INSTALLED_APPS in place of the apps' own: the admin uses the
newsroom's site (content first, see `newsroom.admin_site`), and taggit and
django-axes get section names an editor recognises.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig
from taggit.apps import TaggitAppConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"


class LoginSecurityConfig(AxesConfig):
    verbose_name = "Login security"
