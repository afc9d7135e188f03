from django.contrib import admin

from archive.models import (
    Article,
    ArticleCandidate,
    ArticleElection,
    ArticleVoteUpdate,
    Publication,
)
from archive.search import search_admin


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleCandidateInline(admin.TabularInline):
    model = ArticleCandidate
    extra = 0
    autocomplete_fields = ["candidate"]


class ArticleElectionInline(admin.TabularInline):
    model = ArticleElection
    extra = 0
    autocomplete_fields = ["election"]


class ArticleVoteUpdateInline(admin.TabularInline):
    model = ArticleVoteUpdate
    extra = 0
    autocomplete_fields = ["vote_update"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "publication", "status", "published_at", "is_demo", "needs_review"]
    list_filter = ["status", "publication", "is_demo", "needs_review"]
    list_select_related = ["publication"]
    search_fields = ["headline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [ArticleCandidateInline, ArticleElectionInline, ArticleVoteUpdateInline]

    def get_search_results(self, request, queryset, search_term):
        # Editors search as readers do: the full-text vector over headline, dek and body.
        return search_admin(queryset, search_term), False


admin.site.register(ArticleCandidate)
admin.site.register(ArticleElection)
admin.site.register(ArticleVoteUpdate)
