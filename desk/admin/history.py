"""The desk's history views, on top of django-simple-history's: an earlier version is
restored only by someone who may change the row, and what was deleted is brought back
by a superuser."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Max, OuterRef
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history saves whatever version is posted to its form by anyone who may
    view the history: a role that may only look at a release could post its old
    version back. Restoring is changing, so it takes the right to change."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.model.objects.filter(pk=object_id).first()
            # A row deleted since would be inserted again: bringing back is a superuser's.
            allowed = (
                self.has_change_permission(request, current)
                if current is not None
                else request.user.is_superuser
            )
            if not allowed:
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RestoreDeletedMixin:
    """A superuser's list of deleted rows, each opening its last version to restore."""

    def get_urls(self):
        opts = self.model._meta
        extra = [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{opts.app_label}_{opts.model_name}_deleted",
            )
        ]
        return extra + super().get_urls()

    def deleted_view(self, request):
        if not request.user.is_superuser:
            raise PermissionDenied
        history = self.model.history
        still_here = self.model.objects.filter(pk=OuterRef("id"))
        last_versions = (
            history.filter(history_type="-")
            .exclude(Exists(still_here))
            .values("id")
            .annotate(history_id=Max("history_id"))
        )
        versions = (
            history.filter(history_id__in=[row["history_id"] for row in last_versions])
            .select_related("history_user")
            .order_by("-history_date")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "versions": versions,
        }
        return TemplateResponse(request, "admin/deleted_list.html", context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Viewing or reverting a version of a live row is for anyone who may
        # change it; bringing back a deleted one is for superusers.
        if not request.user.is_superuser and not self.model.objects.filter(pk=object_id).exists():
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
