from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.static import serve


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve uploaded files when SERVE_MEDIA is on (development, browser tests).

    Production leaves it off and serves MEDIA_ROOT from the web server in
    front of gunicorn, or from object storage. Library documents may be
    framed by the site's own pages (a story's PDF embed); nothing else may.
    """
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are served by the web server")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("documents/"):
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_replace = {"frame-ancestors": ["'self'"]}  # type: ignore[attr-defined]
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Point /favicon.ico, which browsers ask for on the admin's pages, at the icon."""
    # Resolved per request: the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsletter/", include("newsletter.urls")),
    path("", include("comments.urls")),
    re_path(r"^media/(?P<path>.*)$", serve_media),
    path("favicon.ico", favicon),
    path("", include("reader.urls")),
]
if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    # The mail service's reports (bounces, complaints): only with a secret,
    # or anybody could take readers off the list (newsletter/mail_events.py).
    urlpatterns.insert(-1, path("mail-events/", include("anymail.urls")))
# Last, as flatpages' patterns go: a site page only at a path no other
# screen answers (`pages.models.validate_free_path`).
urlpatterns.append(path("", include("pages.urls")))
