from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeboard.core"
    label = "core"
    verbose_name = "Core"
