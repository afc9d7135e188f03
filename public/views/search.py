from django.shortcuts import render

from search.form import SORTS, SearchForm
from search.query import run_search


def search(request):
    """/search/: the query box, filters with counts, and results; all state in the URL."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        # Invalid input gets the page back with what was wrong, and nothing searched.
        return render(
            request,
            "search/search.html",
            {"form": form, "errors": _messages(form), "sorts": SORTS, "section": "search"},
            status=400,
        )
    results = run_search(form.cleaned_data)
    return render(
        request,
        "search/search.html",
        {"form": form, "results": results, "sorts": SORTS, "section": "search"},
        status=results.status,
    )


def _messages(form):
    return [message for errors in form.errors.values() for message in errors]
