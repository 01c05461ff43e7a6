from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("c/<str:token>/", views.click, name="click"),
    path("o/<str:token>.gif", views.open_pixel, name="open"),
    path("issues/<int:pk>/preview/", views.issue_preview, name="issue_preview"),
]
