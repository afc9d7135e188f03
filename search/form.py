"""What a reader may ask the search for, checked before anything is searched.

Every parameter arrives in the URL, so anything may: what the form rejects comes
back as a message on the page, with status 400 and nothing searched, never a 500.
"""

import re

from django import forms
from taggit.models import Tag

from archive.models import Publication
from candidates.models import Candidate
from elections.checks import year_problem
from elections.models import Election

MAX_QUERY_LENGTH = 300
# Deep pages cost a sort of everything before them and nobody reads them.
MAX_PAGE = 500
SORTS = [("relevance", "Best match"), ("newest", "Newest first")]


def _slug_limit(model):
    return model._meta.get_field("slug").max_length


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search stories",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "Keep your search under %(limit_value)d characters "
            "(this one has %(show_value)d).",
            "null_characters_not_allowed": "Your search contains a null character; "
            "type it again without it.",
        },
    )
    candidate = forms.SlugField(
        required=False, allow_unicode=True, max_length=_slug_limit(Candidate)
    )
    election = forms.SlugField(required=False, allow_unicode=True, max_length=_slug_limit(Election))
    tag = forms.SlugField(required=False, allow_unicode=True, max_length=_slug_limit(Tag))
    publication = forms.SlugField(
        required=False, allow_unicode=True, max_length=_slug_limit(Publication)
    )
    since = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "“From” must be a real date, written 2022-11-08."},
    )
    until = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "“To” must be a real date, written 2022-11-08."},
    )
    sort = forms.ChoiceField(
        choices=SORTS,
        required=False,
        error_messages={"invalid_choice": "Sort by best match or newest first."},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "The page must be a number.",
            "min_value": "Pages are numbered from 1.",
            "max_value": "Only the first %(limit_value)d pages of results are shown; "
            "narrow the search instead.",
        },
    )

    FILTERS = ("candidate", "election", "tag", "publication")

    def clean_q(self):
        q = " ".join(self.cleaned_data["q"].split())
        if q and not re.search(r"[^\W_]", q):
            raise forms.ValidationError("Type a word or a name to search for.")
        return q

    def clean_since(self):
        return _in_range(self.cleaned_data["since"], "From")

    def clean_until(self):
        return _in_range(self.cleaned_data["until"], "To")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError("The “from” date is after the “to” date.")
        return data


def _in_range(day, label):
    # The years Tally takes a time in: 9999-12-31 is a real date, but the day after it,
    # which the search reads up to, is not.
    if day and (problem := year_problem(day.year)):
        raise forms.ValidationError(f"“{label}”: {problem}.")
    return day
