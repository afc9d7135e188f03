from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from taggit.models import Tag
from taggit.utils import parse_tags

from archive.models import Article
from archive.models.tags import has_address


class ArticleForm(forms.ModelForm):
    """The story form: existing tags by autocomplete, new ones typed beside them."""

    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
        help_text="Start typing to find a tag.",
    )
    new_tags = forms.CharField(
        required=False,
        max_length=500,
        help_text="Tags not in the list yet, comma-separated: homelessness, debates.",
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "byline",
            "publication",
            "body",
            "status",
            "published_at",
            "source_url",
            "tags",
            "needs_review",
            "review_note",
            "is_demo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The story's tag ids are its tags as of this version: its current ones on the
            # change form, and a version's own when one is restored from the history, even
            # a deleted story's, whose tags went with it.
            self.initial["tags"] = list(self.instance.tag_ids)

    def clean_new_tags(self):
        names = parse_tags(self.cleaned_data["new_tags"])
        unusable = [name for name in names if not has_address(name)]
        if unusable:
            raise forms.ValidationError(f"A tag needs a letter or a digit: {', '.join(unusable)}.")
        return self.cleaned_data["new_tags"]

    def clean(self):
        cleaned = super().clean()
        # TaggableManager.set() takes tags and names alike; new names become tags on save.
        cleaned["tags"] = [*cleaned.get("tags", []), *parse_tags(cleaned.get("new_tags", ""))]
        return cleaned
