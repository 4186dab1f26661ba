from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "safeboard.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db import connections

        from .db import install

        connection_created.connect(install, dispatch_uid="safeboard.core.db.install")
        # Connections opened before the apps were ready (none in normal running) get it too.
        for connection in connections.all(initialized_only=True):
            install(sender=None, connection=connection)
