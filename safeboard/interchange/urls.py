from django.urls import path

from . import views

app_name = "interchange"

urlpatterns = [
    path("", views.plan_file, name="plan_file"),
    path("download/", views.plan_file_download, name="plan_file_download"),
]
