"""URLs under /p/<partnership_slug>/plans/. Every view is wrapped by `partnership_view`.

Delete pages come after the other pages naming the same record, so that walking every URL in
order (tests/test_every_page.py) visits them last."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("groups/<int:group_id>/", views.group_work, name="group_work"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/overview/", views.plan_overview, name="plan_overview"),
    path("<int:plan_id>/actions/", views.action_list, name="action_list"),
    path("<int:plan_id>/actions/new/", views.action_create, name="action_create"),
    path("<int:plan_id>/statements/new/", views.statement_create, name="statement_create"),
    path("<int:plan_id>/themes/new/", views.theme_create, name="theme_create"),
    path("<int:plan_id>/work-streams/new/", views.work_stream_create, name="work_stream_create"),
    path("<int:plan_id>/export/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<int:plan_id>/export/xlsx/", views.plan_xlsx, name="plan_xlsx"),
    path("actions/<int:action_id>/", views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/progress/", views.progress_record, name="progress_record"),
    path("updates/<int:update_id>/evidence/", views.evidence_download, name="evidence_download"),
    path("statements/<int:statement_id>/edit/", views.statement_edit, name="statement_edit"),
    path("statements/<int:statement_id>/delete/", views.statement_delete, name="statement_delete"),
    path("themes/<int:theme_id>/edit/", views.theme_edit, name="theme_edit"),
    path("themes/<int:theme_id>/delete/", views.theme_delete, name="theme_delete"),
    path(
        "work-streams/<int:work_stream_id>/edit/", views.work_stream_edit, name="work_stream_edit"
    ),
    path(
        "work-streams/<int:work_stream_id>/delete/",
        views.work_stream_delete,
        name="work_stream_delete",
    ),
]
