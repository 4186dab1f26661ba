from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "safeboard.scrutiny"
    label = "scrutiny"
    verbose_name = "Scrutiny"
