"""URLs under /p/<partnership_slug>/governance/. Every view here is wrapped by
`access.partnership_view`; tests/test_tenancy.py checks that for every pattern."""

from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("structure/", views.structure, name="structure"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:group_id>/", views.group_detail, name="group_detail"),
    path("groups/<int:group_id>/change/", views.group_edit, name="group_edit"),
    path("groups/<int:group_id>/archive/", views.group_archive, name="group_archive"),
    path("groups/<int:group_id>/members/add/", views.member_add, name="member_add"),
    path("members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("groups/<int:group_id>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/change/", views.meeting_edit, name="meeting_edit"),
    path("links/", views.board_link_list, name="board_link_list"),
    path("links/new/", views.board_link_create, name="board_link_create"),
    path("links/<int:link_id>/change/", views.board_link_edit, name="board_link_edit"),
    path("links/<int:link_id>/delete/", views.board_link_delete, name="board_link_delete"),
]
