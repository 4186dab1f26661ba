from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "safeboard.finance"
    label = "finance"
    verbose_name = "Finance"
