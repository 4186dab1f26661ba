"""URLs of the indicators part of the data set, included by urls.py."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.indicator_list, name="indicator_list"),
    path("indicators/add/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path(
        "indicators/<int:indicator_id>/history/",
        views.indicator_history,
        name="indicator_history",
    ),
    path("indicators/<int:indicator_id>/edit/", views.indicator_update, name="indicator_update"),
    path("indicators/<int:indicator_id>/values/", views.value_list, name="value_list"),
    path("indicators/<int:indicator_id>/values/add/", views.value_create, name="value_create"),
    path(
        "indicators/<int:indicator_id>/values/<int:value_id>/",
        views.value_update,
        name="value_update",
    ),
    path("indicators/<int:indicator_id>/targets/add/", views.target_create, name="target_create"),
    path(
        "indicators/<int:indicator_id>/targets/<int:target_id>/",
        views.target_update,
        name="target_update",
    ),
    path("indicators/<int:indicator_id>/rebases/add/", views.rebase_create, name="rebase_create"),
    path(
        "indicators/<int:indicator_id>/rebases/<int:rebase_id>/remove/",
        views.rebase_remove,
        name="rebase_remove",
    ),
    path(
        "indicators/<int:indicator_id>/partners/add/",
        views.partner_create,
        name="partner_create",
    ),
    path(
        "indicators/<int:indicator_id>/partners/<int:partner_id>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path(
        "indicators/<int:indicator_id>/development/add/",
        views.development_create,
        name="development_create",
    ),
    path("development/", views.development_list, name="development_list"),
    path("development/add/", views.development_create_general, name="development_create_general"),
    path("development/<int:item_id>/", views.development_update, name="development_update"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("scorecards/", views.scorecard_list, name="scorecard_list"),
    path("scorecards/themes/<int:theme_id>/", views.scorecard_theme, name="scorecard_theme"),
    path("report/", views.report, name="report"),
    path("report/<slug:section>/", views.report_section, name="report_section"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
]
