from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "safeboard.reports"
    label = "reports"
    verbose_name = "Reports: files made and files read"
