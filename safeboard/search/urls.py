"""URLs under /p/<partnership_slug>/search/. Every view is wrapped by `partnership_view`."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "search"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search_page, name="search"),
]
