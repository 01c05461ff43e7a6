"""One URL, `/bench/bare/`: a fixed short page, with `bare_settings` (no middleware)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def bare(request: HttpRequest) -> HttpResponse:
    """Return a fixed short page: Django's floor for a request, nothing around it."""
    return HttpResponse("<!DOCTYPE html><title>ok</title><p>ok</p>")


urlpatterns = [path("bench/bare/", bare)]
