from django.contrib import admin, messages
from django.db.models import Exists, OuterRef

from archive.merging import CannotMerge, merge_candidates
from candidates.models import Candidate
from desk.admin.history import HistoryAdmin


class NamesakeFilter(admin.SimpleListFilter):
    """The records an import kept apart because only their names agreed (a senator and a
    council candidate both on the ballot as "ALEX PADILLA"): the desk decides, and merges
    those that are one person."""

    title = "name"
    parameter_name = "namesakes"

    def lookups(self, request, model_admin):
        return [("yes", "Shared with another record")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        others = Candidate.objects.filter(name__iexact=OuterRef("name")).exclude(pk=OuterRef("pk"))
        return queryset.filter(Exists(others))


@admin.register(Candidate)
class CandidateAdmin(HistoryAdmin):
    list_display = ["name", "slug", "press_names_shown", "party_preference", "is_demo"]
    list_filter = [NamesakeFilter, "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    actions = ["merge"]

    @admin.action(
        description="Merge the two selected records into one person", permissions=["change"]
    )
    def merge(self, request, queryset):
        records = list(queryset.order_by("pk"))
        if len(records) != 2:
            self.message_user(request, "Select exactly two records of one person.", messages.ERROR)
            return
        # The older record keeps its address, so links to it keep working.
        keep, duplicate = records
        gone = str(duplicate)
        try:
            merge_candidates(keep, duplicate)
        except CannotMerge as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request,
            f"Merged {gone} into {keep}: candidacies, stories and names now belong to {keep}.",
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Candidate.save() has noted the stories to link again, whoever saves it.
        if change and {"name", "slug", "press_names"} & set(form.changed_data):
            self.message_user(
                request,
                "Names changed: the stories that name them are linked again.",
                messages.INFO,
            )

    @admin.display(description="Press names")
    def press_names_shown(self, candidate):
        return ", ".join(candidate.press_names)
