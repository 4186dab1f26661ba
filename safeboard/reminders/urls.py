"""URLs under /p/<partnership_slug>/reminders/. Every view is wrapped by `partnership_view`."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reminders"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.sent, name="sent"),
]
