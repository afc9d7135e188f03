from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from candidates.models import Candidate


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "press_names_shown", "party_preference", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

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
