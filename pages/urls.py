"""The catch-all that serves site pages; `newsroom/urls.py` lists it last."""

from django.urls import re_path

from . import views

app_name = "pages"

urlpatterns = [
    # Paths ending in a slash only: "/about" stays unresolved, so Django's
    # APPEND_SLASH still redirects "/search" to "/search/" as before.
    re_path(r"^(?P<url>.+/)$", views.page_detail, name="page_detail"),
]
