"""Page addresses built without the URL resolver, for pages and stored parts that link
hundreds of names: the store task gave a fifth of its time to reverse() for the candidate
links of every release's table. Each is what reverse() gives, quoted as it quotes."""

import functools
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

_SAFE = RFC3986_SUBDELIMS + "/~:@"
# A slug the converter accepts that no real page's address contains.
_MARK = "tally-slug-mark"


def slug_path(view_name, slug):
    """reverse(view_name, kwargs={"slug": slug}), for a route whose only argument is a slug."""
    before, after = _around_slug(view_name)
    return f"{get_script_prefix()}{before}{quote(slug, safe=_SAFE)}{after}"


@functools.cache
def _around_slug(view_name):
    # Without the script prefix, which a request sets.
    path = reverse(view_name, kwargs={"slug": _MARK}).removeprefix(get_script_prefix())
    before, _, after = path.partition(_MARK)
    return before, after
