"""The links the site found for a story, shown with their reasons, and the
editor's way to override them: untick nothing, tick "Removed" to drop a link,
add a row to link something the text does not say. Either choice is stored
(is_suppressed, origin=editor) and the linker keeps it on every relink.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import formats

from archive.models import ArticleCandidate, ArticleElection, ArticleRelease, Origin
from desk.admin.rows import LabelledRowsFormSet

EDITOR_ADDED = "added by an editor"


class EditorLinkForm(forms.ModelForm):
    """A row an editor adds, or re-points, is theirs: the linker must leave it be."""

    target = None  # the field naming what is linked

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.instance.origin = Origin.EDITOR
            if isinstance(self.instance, ArticleRelease):
                self.instance.reason = ArticleRelease.Reason.EDITOR
        if "is_suppressed" in self.fields:
            self.fields["is_suppressed"].label = "Removed"
            self.fields["is_suppressed"].help_text = ""

    def clean(self):
        cleaned = super().clean()
        if self.target in self.changed_data:
            self.instance.origin = Origin.EDITOR
        return cleaned


class CandidateLinkForm(EditorLinkForm):
    target = "candidate"


class ElectionLinkForm(EditorLinkForm):
    target = "election"


class ReleaseLinkForm(EditorLinkForm):
    target = "release"


class NoRepeatsFormSet(LabelledRowsFormSet):
    """One editor row per linked thing: catches repeats before the database does."""

    def clean(self):
        super().clean()
        field = self.form.target
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            value = form.cleaned_data.get(field)
            if value is None:
                continue
            key = (value.pk, getattr(form.instance, "reason", None))
            if key in seen:
                raise ValidationError(f"{value} is listed twice.")
            seen.add(key)


def override_notes(formset):
    """What an editor's rows in one inline did, in words for the story's history (the
    link rows keep no history of their own: the linker rewrites them in bulk)."""
    target = formset.form.target
    notes = []
    for link in formset.new_objects:
        removed = " and removed it" if link.is_suppressed else ""
        notes.append(f"Linked {_what(link, target)}{removed}")
    for link, fields in formset.changed_objects:
        if target in fields:
            notes.append(f"Pointed a link at {_what(link, target)}")
        if "is_suppressed" in fields:
            done = "Removed" if link.is_suppressed else "Restored"
            notes.append(f"{done} the link to {_what(link, target)}")
    return notes


def _what(link, target):
    if target == "release":
        return f"release {link.release.number} of {link.release.election}"
    return str(getattr(link, target))


class LinkInline(admin.TabularInline):
    extra = 0
    can_delete = False
    formset = NoRepeatsFormSet
    readonly_fields = ["why"]

    @admin.display(description="Why")
    def why(self, link):
        if link.pk is None:
            return ""
        if link.origin == Origin.EDITOR:
            return EDITOR_ADDED
        return self.reason(link)


class CandidateLinkInline(LinkInline):
    model = ArticleCandidate
    form = CandidateLinkForm
    fields = ["candidate", "why", "is_suppressed"]
    autocomplete_fields = ["candidate"]
    verbose_name = "candidate named"
    verbose_name_plural = "candidates named"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidate")

    def reason(self, link):
        times = "once" if link.mention_count == 1 else f"{link.mention_count} times"
        return f"names {link.candidate} {times}"


class ElectionLinkInline(LinkInline):
    model = ArticleElection
    form = ElectionLinkForm
    fields = ["election", "why", "is_suppressed"]
    autocomplete_fields = ["election"]
    verbose_name = "election covered"
    verbose_name_plural = "elections covered"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("election")

    def reason(self, link):
        return "its candidates are named while the race is on"


class ReleaseLinkInline(LinkInline):
    model = ArticleRelease
    form = ReleaseLinkForm
    fields = ["release", "why", "is_suppressed"]
    autocomplete_fields = ["release"]
    verbose_name = "count reported"
    verbose_name_plural = "counts reported"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("release__election")

    def reason(self, link):
        if link.reason == ArticleRelease.Reason.QUOTED:
            election = link.release.election
            day = formats.date_format(election.date, "Y-m-d")
            return (
                f"quotes {link.quoted_figures}: release {link.release.number} of the {day} election"
            )
        if link.reason == ArticleRelease.Reason.AT_PUBLICATION:
            return "latest count when published"
        return EDITOR_ADDED
