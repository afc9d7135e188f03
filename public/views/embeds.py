"""Embeds of a count for other sites: /…/embed.svg and /…/embed.json of a release, and of
a story (pinned to the count when it was published). Any site may include them: the SVG
as an image, the JSON fetched from a script (CORS allows every origin)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path

from elections.models import Election, Release
from public import page_cache
from public.embeds import embed_data, pinned, svg_lines
from public.page_cache import cached_page
from public.story_panels import counts_seen
from public.views.stories import published_story


def release_embed(request, slug, number, fmt):
    election = get_object_or_404(Election, slug=slug)
    page_cache.shows(request, page_cache.contest(election.pk))
    releases = Release.objects.filter(election=election).select_related("election")
    release = releases.with_results().filter(number=number).first()
    if release is None:
        raise Http404("No such release.")
    latest = releases.current_per_election().with_results().first()
    for shown in (release, latest):
        shown.results_cached = shown.results()
    return _answer(request, pinned(release, latest), fmt, release.get_absolute_url())


def story_embed(request, year, month, day, slug, fmt):
    story = published_story(year, month, day, slug)
    seen = [(election, then, now) for election, then, now in counts_seen(story) if then]
    if not seen:
        raise Http404("No count had been released when this story was published.")
    election, then, now = seen[0]  # the story's first race: an embed shows one count
    page_cache.shows(request, page_cache.story(story.pk), page_cache.contest(election.pk))
    embed = pinned(then, now, story.published_at, seen="story")
    return _answer(request, embed, fmt, story.get_absolute_url(), story)


def _answer(request, embed, fmt, path, story=None):
    if fmt == "json":
        data = embed_data(embed, request.build_absolute_uri, story)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    else:
        link = request.build_absolute_uri(path)
        svg = render_to_string("embeds/count.svg", {"svg": svg_lines(embed, link)})
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def embed_paths(page, view, name):
    """The SVG and JSON addresses of the embeds of the page at route `page`."""
    return [
        path(f"{page}embed.{fmt}", cached_page(view, reads=[]), {"fmt": fmt}, name=f"{name}_{fmt}")
        for fmt in ("svg", "json")
    ]
