from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:article_id>/", views.post, name="post"),
    path("comments/reply/<int:pk>/", views.reply, name="reply"),
    path("comments/confirm/<str:token>/", views.confirm, name="confirm"),
]
