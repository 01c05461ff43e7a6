"""One URL, `/bench/bare/`: a fixed short page, with `bare_settings` (no middleware)."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import path


def bare(request: HttpRequest) -> HttpResponse:
    """Return a fixed short page: Django's floor for a request, nothing around it."""
    return HttpResponse("<!DOCTYPE html><title>ok</title><p>ok</p>")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer any other address with a plain 404.

    The site's 404 page needs what its middleware sets (the CSP nonce).
    """
    return HttpResponseNotFound("not found")


# /robots.txt is the servers' readiness probe (`serving.Server`).
urlpatterns = [path("bench/bare/", bare), path("robots.txt", bare)]
handler404 = not_found
