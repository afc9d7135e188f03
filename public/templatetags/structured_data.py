import json

from django import template
from django.utils.safestring import mark_safe

from public.structured_data import news_article

register = template.Library()

# As json_script does: these would let text in the data close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def story_jsonld(context, story):
    request = context.get("request")
    absolute = request.build_absolute_uri if request else (lambda path: path)
    candidates = [link.candidate for link in context.get("candidate_links", [])]
    elections = context.get("linked_elections", [])
    corrections = context.get("corrections", [])
    data = news_article(story, absolute, candidates, elections, corrections)
    data = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')
