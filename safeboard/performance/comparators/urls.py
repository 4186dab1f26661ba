"""URLs of the comparators part of the data set, included by urls.py."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("comparators/", views.comparator_list, name="comparator_list"),
    path("comparators/import/", views.comparator_import, name="comparator_import"),
    path("comparators/<int:series_id>/", views.comparator_detail, name="comparator_detail"),
    path(
        "comparators/<int:series_id>/link/",
        views.comparator_link_edit,
        name="comparator_link",
    ),
]
