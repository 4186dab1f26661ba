from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "safeboard.interchange"
    label = "interchange"
    verbose_name = "Plan files"
