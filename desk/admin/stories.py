from django.contrib import admin, messages
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from taggit.models import Tag

from archive.models import (
    Article,
    ArticleCandidate,
    ArticleElection,
    ArticleRelease,
    Correction,
    Publication,
    shown_through,
)
from candidates.models import Candidate
from desk.admin.history import HistoryAdmin, RestoreDeletedMixin
from desk.admin.story_form import ArticleForm
from desk.admin.story_links import (
    CandidateLinkInline,
    ElectionLinkInline,
    ReleaseLinkInline,
    override_notes,
)
from desk.admin.widgets import NamedEmptyChoice
from elections.models import Election
from search.fulltext import search_admin


@admin.register(Publication)
class PublicationAdmin(HistoryAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class LinkedToFilter(admin.SimpleListFilter):
    """Stories by what they are linked to, leaving out links an editor removed."""

    model = None
    links = target = ""

    def lookups(self, request, model_admin):
        return list(self.model.objects.order_by(*self.order).values_list("slug", *self.label))

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(shown_through(self.links, **{f"{self.target}__slug": self.value()}))


class CandidateFilter(LinkedToFilter):
    title = "candidate"
    parameter_name = "candidate"
    model = Candidate
    order = ["name"]
    label = ["name"]
    links = "candidate_links"
    target = "candidate"


class ElectionFilter(LinkedToFilter):
    title = "election"
    parameter_name = "election"
    model = Election
    order = ["-date"]
    label = ["slug"]
    links = "election_links"
    target = "election"


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return list(
            Tag.objects.filter(article__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(tags__slug=self.value()).distinct()


class CorrectionInline(admin.StackedInline):
    """Corrections and clarifications, appended after publication and shown to readers
    under the story, on /corrections/ and in its feed."""

    model = Correction
    extra = 0
    fields = ["kind", "published_at", "text"]
    verbose_name = "correction or clarification"
    verbose_name_plural = "corrections and clarifications"


@admin.register(Article)
class ArticleAdmin(NamedEmptyChoice, RestoreDeletedMixin, HistoryAdmin):
    form = ArticleForm
    list_display = ["headline", "publication", "shown_status", "published_at", "linked_candidates"]
    list_filter = [
        "status",
        "publication",
        CandidateFilter,
        ElectionFilter,
        TagFilter,
        "published_at",
        "needs_review",
        "is_demo",
    ]
    list_select_related = ["publication"]
    search_fields = ["headline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["publication"]
    readonly_fields = ["linked_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "byline", "publication", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "source_url"]}),
        ("Tags", {"fields": ["tags", "new_tags"]}),
        (
            "Review",
            {"fields": ["needs_review", "review_note", "is_demo", "linked_at"]},
        ),
    ]
    inlines = [CandidateLinkInline, ElectionLinkInline, ReleaseLinkInline, CorrectionInline]
    actions = ["publish", "unpublish", "relink"]

    def get_queryset(self, request):
        shown = ArticleCandidate.objects.shown().select_related("candidate")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("candidate_links", queryset=shown, to_attr="shown_links"))
        )

    def get_inlines(self, request, obj):
        # A story not yet saved has nothing to correct.
        if obj is None:
            return [i for i in self.inlines if i is not CorrectionInline]
        return self.inlines

    def get_search_results(self, request, queryset, search_term):
        # Editors search as readers do: the full-text vector over headline, dek and body.
        return search_admin(queryset, search_term), False

    @admin.display(description="Status", ordering="status")
    def shown_status(self, story):
        """ "Scheduled" for a published story whose time has not come: readers see none of
        it yet, and "Published" would tell the editor otherwise."""
        if story.status == Article.Status.PUBLISHED and story.published_at > timezone.now():
            return "Scheduled"
        return story.get_status_display()

    @admin.display(description="Candidates")
    def linked_candidates(self, story):
        links = getattr(story, "shown_links", None)
        if links is None:
            links = story.candidate_links.shown().select_related("candidate")
        return format_html_join(", ", "{}", ((link.candidate.name,) for link in links))

    def view_on_site(self, story):
        # A draft or a scheduled story has no public page yet: its preview stands in.
        if story.is_public:
            return story.get_absolute_url()
        return reverse("archive:story_preview", kwargs={"pk": story.pk})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["preview_url"] = reverse("archive:story_preview", kwargs={"pk": obj.pk})
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        obj.note_edit(form.changed_data if change else [])
        # Linked once, in save_related, when the editor's overrides and tags are written.
        obj.save(link=False)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        before = Article.objects.filter(pk=object_id).first()
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            story = Article.objects.get(pk=object_id)
            # The version saved back carries its own revised_at: readers were shown what
            # came after it, so the date of their last change stays, or moves to now.
            if before is not None:
                changed = [
                    f for f in Article.READER_TEXT if getattr(before, f) != getattr(story, f)
                ]
                story.revised_at = before.revised_at
                if changed and before.is_public:
                    story.revised_at = timezone.now()
                Article.objects.filter(pk=story.pk).update(revised_at=story.revised_at)
            # Restoring a version saves the story and its tags but no inlines, so
            # save_related, which links it, does not run.
            story.link()
        return response

    def save_formset(self, request, form, formset, change):
        notes = form.instance.__dict__.setdefault("desk_notes", [])
        if formset.model is Correction:
            formset.save()
            notes += [f"Appended a {c.get_kind_display().lower()}" for c in formset.new_objects]
            notes += [
                f"Edited a {c.get_kind_display().lower()}" for c, _ in formset.changed_objects
            ]
            return
        # The link rows an editor set, written without relinking each time: the story
        # is linked once, after them all (save_related).
        for link in formset.save(commit=False):
            link.save(relink=False)
        for link in formset.deleted_objects:
            link.delete(relink=False)
        notes += override_notes(formset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        story = form.instance
        story.link()
        notes = story.__dict__.pop("desk_notes", [])
        if notes:
            # The version this save recorded says what its overrides did: the field
            # changes beside it say the rest.
            latest = story.history.order_by("-history_id").first()
            latest.history_change_reason = "; ".join(notes) + "."
            latest.save(update_fields=["history_change_reason"])

    @admin.action(description="Publish the selected stories", permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        scheduled = 0
        for story in queryset:
            story.status = Article.Status.PUBLISHED
            story.published_at = story.published_at or now
            story._history_user = request.user
            story.save()
            scheduled += story.published_at > now
        count = len(queryset)
        message = f"Published {count} {'story' if count == 1 else 'stories'}."
        if scheduled:
            message += f" {scheduled} will appear at their publish time, which is still to come."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Unpublish the selected stories", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for story in queryset.filter(status=Article.Status.PUBLISHED):
            story.status = Article.Status.DRAFT
            story._history_user = request.user
            story.save()
            count += 1
        self.message_user(
            request,
            f"Returned {count} {'story' if count == 1 else 'stories'} to draft.",
            messages.SUCCESS,
        )

    @admin.action(description="Link the selected stories again", permissions=["change"])
    def relink(self, request, queryset):
        count = queryset.relink()
        self.message_user(
            request,
            f"Linked {count} {'story' if count == 1 else 'stories'} again; "
            "links set or removed by editors were kept.",
            messages.SUCCESS,
        )


@admin.register(ArticleCandidate)
class ArticleCandidateAdmin(admin.ModelAdmin):
    list_display = ["article", "candidate", "mention_count", "origin", "is_suppressed"]
    list_filter = ["origin", "is_suppressed"]
    list_select_related = ["article", "candidate"]
    autocomplete_fields = ["article", "candidate"]
    search_fields = ["article__headline", "candidate__name"]


@admin.register(ArticleElection)
class ArticleElectionAdmin(admin.ModelAdmin):
    list_display = ["article", "election", "origin", "is_suppressed"]
    list_filter = ["origin", "is_suppressed"]
    list_select_related = ["article", "election"]
    autocomplete_fields = ["article", "election"]
    search_fields = ["article__headline", "election__slug"]


@admin.register(ArticleRelease)
class ArticleReleaseAdmin(admin.ModelAdmin):
    list_display = ["article", "release", "reason", "quoted_figures", "origin", "is_suppressed"]
    list_filter = ["reason", "origin", "is_suppressed"]
    list_select_related = ["article", "release__election"]
    autocomplete_fields = ["article", "release"]
    search_fields = ["article__headline", "release__election__slug"]


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    """Every correction in one list, for the standards editor; each is written on its
    story's page (CorrectionInline)."""

    list_display = ["article", "kind", "published_at"]
    list_filter = ["kind", "published_at"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    search_fields = ["article__headline", "text"]
    date_hierarchy = "published_at"

    def get_readonly_fields(self, request, obj=None):
        # Told to the readers of one story: it stays with that story.
        return ["article"] if obj is not None else []
