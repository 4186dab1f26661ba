"""URLs under /p/<partnership_slug>/budget/. Every view is wrapped by `access.partnership_view`;
tests/test_tenancy.py walks them all."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "finance"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.budget_overview, name="budget_overview"),
    path("years/new/", views.year_create, name="year_create"),
    path("years/<int:budget_year_id>/", views.year_detail, name="year_detail"),
    path("years/<int:budget_year_id>/edit/", views.year_edit, name="year_edit"),
    path("years/<int:budget_year_id>/export/", views.year_export, name="year_export"),
    path("years/<int:budget_year_id>/lines/new/", views.line_create, name="line_create"),
    path("lines/<int:budget_line_id>/", views.line_detail, name="line_detail"),
    path("lines/<int:budget_line_id>/edit/", views.line_edit, name="line_edit"),
    path(
        "lines/<int:budget_line_id>/contributions/new/",
        views.contribution_create,
        name="contribution_create",
    ),
    path("lines/<int:budget_line_id>/spend/new/", views.spend_create, name="spend_create"),
    path(
        "contributions/<int:contribution_id>/",
        views.contribution_detail,
        name="contribution_detail",
    ),
    path(
        "contributions/<int:contribution_id>/edit/",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "contributions/<int:contribution_id>/remove/",
        views.contribution_remove,
        name="contribution_remove",
    ),
    path("spend/<int:spend_id>/", views.spend_detail, name="spend_detail"),
    path("spend/<int:spend_id>/edit/", views.spend_edit, name="spend_edit"),
    path("staffing/", views.staffing, name="staffing"),
    path("staffing/new/", views.staff_post_create, name="staff_post_create"),
    path("staffing/<int:staff_post_id>/", views.staff_post_detail, name="staff_post_detail"),
    path("staffing/<int:staff_post_id>/edit/", views.staff_post_edit, name="staff_post_edit"),
    path("staffing/<int:staff_post_id>/remove/", views.staff_post_remove, name="staff_post_remove"),
]
