from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from candidates.models import Candidate


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "press_names_shown", "party_preference", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="Press names")
    def press_names_shown(self, candidate):
        return ", ".join(candidate.press_names)

    def save_model(self, request, obj, form, change):
        # Compared with the stored row: the form's own change tracking can miss a
        # list field whose hidden initial value a client did not send.
        before = Candidate.objects.filter(pk=obj.pk).values_list("name", "press_names").first()
        super().save_model(request, obj, form, change)
        if change and before != (obj.name, list(obj.press_names)):
            from archive import linking

            # Stories that named them, or may now: linked again in one bulk pass.
            count = linking.relink(linking.stories_naming(obj))
            self.message_user(
                request,
                f"Names changed: linked {count} {'story' if count == 1 else 'stories'} again.",
                messages.INFO,
            )
