"""The site's URLs plus `/bench/minimal/`, the baseline a page is compared to."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def minimal(request: HttpRequest) -> HttpResponse:
    """Return a fixed short page: Django's floor for a request on this stack."""
    return HttpResponse("<!DOCTYPE html><title>ok</title><p>ok</p>")


urlpatterns = [
    path("bench/minimal/", minimal),
    path("", include("newsroom.urls")),
]
