from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "safeboard.ui"
    label = "ui"
    verbose_name = "GOV.UK interface"
