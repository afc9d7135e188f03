from django.contrib import admin

from elections.models import Candidacy, Election, Tally, VoteUpdate


class CandidacyInline(admin.TabularInline):
    model = Candidacy
    extra = 0
    autocomplete_fields = ["candidate"]


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "stage", "status", "is_demo"]
    list_filter = ["stage", "status", "is_demo"]
    search_fields = ["office", "jurisdiction", "slug"]
    date_hierarchy = "date"
    inlines = [CandidacyInline]


@admin.register(Candidacy)
class CandidacyAdmin(admin.ModelAdmin):
    list_display = ["candidate", "election", "outcome", "is_incumbent"]
    list_filter = ["outcome", "election"]
    search_fields = ["candidate__name", "election__slug"]
    autocomplete_fields = ["candidate", "election"]


class TallyInline(admin.TabularInline):
    model = Tally
    extra = 0


@admin.register(VoteUpdate)
class VoteUpdateAdmin(admin.ModelAdmin):
    list_display = ["election", "released_at", "source", "ballots_counted", "is_final"]
    list_filter = ["election", "is_final"]
    search_fields = ["election__slug", "source"]
    date_hierarchy = "released_at"
    autocomplete_fields = ["election"]
    inlines = [TallyInline]


@admin.register(Tally)
class TallyAdmin(admin.ModelAdmin):
    list_display = ["candidacy", "vote_update", "votes", "reported_share"]
    list_select_related = ["candidacy__candidate", "candidacy__election", "vote_update__election"]
    search_fields = ["candidacy__candidate__name"]
