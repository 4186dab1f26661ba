from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "safeboard.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
