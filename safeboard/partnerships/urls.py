"""URLs under /p/<partnership_slug>/. Every view here is wrapped by `access.partnership_view`;
tests/test_tenancy.py checks that for every pattern."""

from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/", views.roles, name="roles"),
    path("changes/", views.changes, name="changes"),
    path("account/reminders/", views.reminder_preference, name="reminder_preference"),
    path("settings/", views.settings, name="settings"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:agency_id>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:agency_id>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<int:agency_id>/archive/", views.agency_archive, name="agency_archive"),
    path("people/", views.people_list, name="people_list"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<int:membership_id>/", views.person_detail, name="person_detail"),
    path("people/<int:membership_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:membership_id>/remove/", views.person_remove, name="person_remove"),
]
