"""URLs under /p/<partnership_slug>/scrutiny/. Every view is wrapped by `partnership_view`.

A record is named by its kind and key (`partnerships.subjects`): `on/plans.action/42/comment/`."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "scrutiny"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.challenge_log, name="challenge_log"),
    path("challenges.xlsx", views.challenge_log_xlsx, name="challenge_log_xlsx"),
    path("challenges.csv", views.challenge_log_csv, name="challenge_log_csv"),
    path(
        "on/<str:subject_kind>/<str:subject_key>/comment/",
        views.comment_create,
        name="comment_create",
    ),
    path(
        "on/<str:subject_kind>/<str:subject_key>/challenge/",
        views.challenge_create,
        name="challenge_create",
    ),
    path("challenges/<int:challenge_id>/", views.challenge_detail, name="challenge_detail"),
    path(
        "challenges/<int:challenge_id>/respond/",
        views.challenge_respond,
        name="challenge_respond",
    ),
    path("challenges/<int:challenge_id>/accept/", views.challenge_accept, name="challenge_accept"),
    path("challenges/<int:challenge_id>/close/", views.challenge_close, name="challenge_close"),
    path("plans/<int:plan_id>/sign-off/", views.plan_sign_off, name="plan_sign_off"),
    path("report/sign-off/", views.report_sign_off, name="report_sign_off"),
]
