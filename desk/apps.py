from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    """The newsroom's side of the admin: roles, history of edits, safe logins."""

    name = "desk"
    verbose_name = "Editors' desk"

    def ready(self):
        from desk.roles import ensure_roles

        # After migrate (and flush), when every app's permissions exist.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="desk.ensure_roles")
