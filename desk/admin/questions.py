"""What the linker could not decide, across stories: one row per name or figure, with a
button for each answer it allows and one to dismiss it. The answer sticks through every
relink (archive.models.questions)."""

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from archive.models import LinkQuestion
from archive.models.questions import CannotDecide
from candidates.models import Candidate
from elections.models import Release

Kind = LinkQuestion.Kind


class StatusFilter(admin.SimpleListFilter):
    """Open questions first: the desk's page is a to-do list."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*LinkQuestion.Status.choices, ("all", "All")]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or LinkQuestion.Status.OPEN) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or LinkQuestion.Status.OPEN
        return queryset if value == "all" else queryset.filter(status=value)


class QuestionChangeList(ChangeList):
    """Names every option of the page's questions with one query per kind of option."""

    def get_results(self, request):
        super().get_results(request)
        rows = list(self.result_list)
        ids = {"names": set(), "figures": set()}
        for row in rows:
            ids["figures" if row.kind == Kind.FIGURE else "names"].update(row.options)
        names = dict(Candidate.objects.filter(pk__in=ids["names"]).values_list("pk", "name"))
        releases = {
            r.pk: str(r)
            for r in Release.objects.filter(pk__in=ids["figures"]).select_related("election")
        }
        for row in rows:
            labels = releases if row.kind == Kind.FIGURE else names
            row.option_labels = [(pk, labels[pk]) for pk in row.options if pk in labels]


@admin.register(LinkQuestion)
class LinkQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "context", "story", "answers"]
    list_filter = [StatusFilter, "kind"]
    search_fields = ["text", "article__headline"]
    list_select_related = ["article", "candidate", "release__election"]
    list_per_page = 50
    actions = None
    fields = ["kind", "text", "context", "article", "status", "candidate", "release"]
    readonly_fields = fields

    def get_changelist(self, request, **kwargs):
        return QuestionChangeList

    def has_add_permission(self, request):
        return False  # the linker asks; editors answer

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name=f"{opts.app_label}_{opts.model_name}_decide",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="Story", ordering="article__headline")
    def story(self, question):
        url = reverse("admin:archive_article_change", args=[question.article_id])
        return format_html('<a href="{}">{}</a>', url, question.article.headline)

    @admin.display(description="Answer")
    def answers(self, question):
        if question.status != LinkQuestion.Status.OPEN:
            chosen = question.candidate or question.release
            return question.get_status_display() + (f": {chosen}" if chosen else "")
        action = reverse("admin:archive_linkquestion_decide", args=[question.pk])
        buttons = [(label, "choice", pk) for pk, label in getattr(question, "option_labels", [])]
        if question.kind == Kind.PERSON:
            buttons = [(f"Press name of {label}", name, pk) for label, name, pk in buttons]
            buttons.append((f"New candidate “{question.text}”", "choice", "new"))
        buttons.append(("Dismiss", "dismiss", "1"))
        # Buttons of the changelist's own form (which carries the CSRF token): a form
        # inside a form is not HTML.
        return format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" name="{}" value="{}">{}</button>',
            ((action, name, value, label) for label, name, value in buttons),
        )

    def decide_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        question = get_object_or_404(LinkQuestion.objects.select_related("article"), pk=pk)
        try:
            message = self._decide(request, question)
        except CannotDecide as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        url = reverse("admin:archive_linkquestion_changelist")
        context = {"opts": self.model._meta, "preserved_filters": request.GET.urlencode()}
        return HttpResponseRedirect(add_preserved_filters(context, url))

    def _decide(self, request, question):
        if "dismiss" in request.POST:
            question.dismiss(request.user)
            return f"Dismissed “{question.text}”; it will not be asked again for this story."
        raw = request.POST.get("choice", "")
        if question.kind == Kind.PERSON:
            needed = "candidates.add_candidate" if raw == "new" else "candidates.change_candidate"
            if not request.user.has_perm(needed):
                raise CannotDecide(
                    "Adding candidates or their press names needs a candidate editor."
                )
        choice = None if raw == "new" else _number(raw)
        question.accept(choice, request.user)
        linked = question.release or question.candidate
        return f"“{question.text}” in “{question.article.headline}” now links to {linked}."


def _number(raw):
    try:
        return int(raw)
    except ValueError:
        raise CannotDecide("Choose one of the answers offered.") from None
