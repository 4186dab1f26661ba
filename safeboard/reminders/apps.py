from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "safeboard.reminders"
    label = "reminders"
    verbose_name = "Reminders"
