from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Value, When
from django.template.response import TemplateResponse

from archive.models import ArticleRelease
from desk.admin.history import HistoryAdmin
from desk.admin.release_form import (
    ReleaseForm,
    VoteCountForm,
    VoteCountFormSet,
    election_id_from,
    rows_to_fill,
)
from desk.admin.rows import LabelledRowsFormSet
from desk.admin.widgets import NamedEmptyChoice
from elections.models import Candidacy, Election, ElectionDay, FeedRelease, Release, VoteCount


class CandidacyInline(NamedEmptyChoice, admin.TabularInline):
    model = Candidacy
    formset = LabelledRowsFormSet
    extra = 0
    fields = ["candidate", "choice", "ballot_designation", "is_incumbent", "outcome"]
    autocomplete_fields = ["candidate"]


@admin.register(Election)
class ElectionAdmin(NamedEmptyChoice, HistoryAdmin):
    list_display = ["__str__", "date", "stage", "status", "is_demo"]
    list_filter = ["stage", "status", "is_demo"]
    search_fields = ["office", "jurisdiction", "slug"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["jurisdiction", "office", "date"]}
    autocomplete_fields = ["follows"]
    inlines = [CandidacyInline]


@admin.register(Candidacy)
class CandidacyAdmin(HistoryAdmin):
    list_display = ["candidate", "election", "outcome", "is_incumbent"]
    list_filter = ["outcome", "election"]
    list_select_related = ["candidate", "election"]
    search_fields = ["candidate__name", "election__slug"]
    autocomplete_fields = ["candidate", "election"]


class VoteCountInline(admin.TabularInline):
    """Every candidacy of the release's election as a row to fill."""

    model = VoteCount
    form = VoteCountForm
    formset = VoteCountFormSet
    extra = 0
    verbose_name = "figure"
    verbose_name_plural = "figures for each candidate"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidacy__candidate")

    def get_formset(self, request, obj=None, **kwargs):
        election_id = election_id_from(request, obj)
        rows = rows_to_fill(election_id, obj) if election_id else []
        formset = super().get_formset(request, obj, extra=len(rows), **kwargs)
        field = formset.form.base_fields["candidacy"]
        candidacies = Candidacy.objects.select_related("candidate")
        # The rows offer this election's candidacies; a submitted row is checked
        # against all of them so a candidacy from elsewhere gets a clear message.
        if request.method != "POST" and election_id:
            candidacies = candidacies.filter(election_id=election_id)
        field.queryset = candidacies
        return formset


@admin.register(Release)
class ReleaseAdmin(HistoryAdmin):
    form = ReleaseForm
    list_display = ["election", "released_at", "source", "ballots_counted", "is_final"]
    list_filter = ["election", "is_final"]
    list_select_related = ["election"]
    search_fields = ["election__slug", "source"]
    date_hierarchy = "released_at"
    autocomplete_fields = ["election"]
    inlines = [VoteCountInline]

    def get_readonly_fields(self, request, obj=None):
        # Its rows belong to one election; moving a release would orphan them.
        return ["election"] if obj is not None else []

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        election_id = election_id_from(request)
        if request.method == "GET" and not Election.objects.filter(pk=election_id).exists():
            return self.choose_election_view(request)
        return super().add_view(request, form_url, extra_context)

    def choose_election_view(self, request):
        counting_first = Case(When(status=Election.Status.COUNTING, then=Value(0)), default=1)
        elections = Election.objects.annotate(release_count=Count("releases")).order_by(
            counting_first, "-date"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Which election is this release for?",
            "opts": self.opts,
            "elections": elections,
        }
        return TemplateResponse(request, "admin/elections/release/choose_election.html", context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, VoteCountInline):
            election_id = election_id_from(request, obj if obj and obj.pk else None)
            if election_id:
                release = obj if obj and obj.pk else None
                kwargs["initial"] = [
                    {"candidacy": c.pk} for c in rows_to_fill(election_id, release)
                ]
        return kwargs

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Stories' links to a release are derived from it and go with it; the
        # results desk need not be allowed to edit stories' links to delete one.
        perms_needed.discard(ArticleRelease._meta.verbose_name)
        return deleted, counts, perms_needed, protected


@admin.register(VoteCount)
class VoteCountAdmin(HistoryAdmin):
    list_display = ["candidacy", "release", "votes", "reported_share"]
    list_select_related = ["candidacy__candidate", "candidacy__election", "release__election"]
    search_fields = ["candidacy__candidate__name"]
    autocomplete_fields = ["release"]


@admin.register(ElectionDay)
class ElectionDayAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "authority", "registered_voters"]
    search_fields = ["title", "authority", "slug"]
    readonly_fields = ["registrar_id"]


@admin.register(FeedRelease)
class FeedReleaseAdmin(admin.ModelAdmin):
    """The feed's publications as they came in: read, never edited (the importer writes them)."""

    list_display = ["election_day", "released_at", "source_url", "imported_at"]
    list_filter = ["election_day"]
    date_hierarchy = "released_at"
    readonly_fields = ["election_day", "released_at", "source_url", "imported_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
