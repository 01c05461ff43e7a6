from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Newsroom"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsletter/", include("newsletter.urls")),
    path("", include("articles.urls")),
]

# Uploaded images in development; production serves MEDIA_ROOT from the web
# server or object storage (README, "Running in production").
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
