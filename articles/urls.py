from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("preview/<str:token>/", views.article_preview, name="article_preview"),
    path("corrections/", views.corrections, name="corrections"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("sections/<slug:slug>/", views.section_detail, name="section_detail"),
]
