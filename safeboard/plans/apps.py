from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "safeboard.plans"
    label = "plans"
    verbose_name = "Plans"
