"""URLs of the returns part of the data set, included by urls.py."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("returns/", views.returns_overview, name="returns_overview"),
    path("returns/schedule/", views.returns_schedule, name="returns_schedule"),
    path("returns/mine/", views.my_returns, name="my_returns"),
    path("returns/<int:return_id>/", views.return_detail, name="return_detail"),
    path("returns/<int:return_id>/approve/", views.return_approve, name="return_approve"),
    path("returns/<int:return_id>/send-back/", views.return_send_back, name="return_send_back"),
    path("returns/<int:return_id>/template.xlsx", views.return_template, name="return_template"),
    path("returns/<int:return_id>/upload/", views.return_upload, name="return_upload"),
    path("values/import/", views.values_import, name="values_import"),
    path("values/export.csv", views.values_export_csv, name="values_export_csv"),
    path("values/export.xlsx", views.values_export_xlsx, name="values_export_xlsx"),
]
