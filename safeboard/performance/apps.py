from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "safeboard.performance"
    label = "performance"
    verbose_name = "Performance"
