"""Turn a story's plain-text body into the HTML the story page prints.

The text is escaped first; links are then put around the escaped words: the
first mention of each linked candidate in the body (once per story, as newsrooms
link), and every figure that matched a release. Runs when the story is linked, never on a page view.
"""

# The standard library's, not Django's: the same escaping, without the lazy-string wrapper
# that cost a tenth of a relink.
from html import escape

from archive.text import paragraphs


def render_body(body, found, linked_candidates, context):
    html = []
    seen = set()
    for index, text in enumerate(paragraphs(body)):
        spans = []
        for start, end, cid in found.mentions_by_paragraph[index]:
            if cid in linked_candidates and cid not in seen:
                seen.add(cid)
                spans.append((start, end, context.candidate_url(cid), "candidate"))
        for (para, start, end), release_id in found.figure_links.items():
            if para == index:
                spans.append((start, end, context.release_url(release_id), "count"))
        html.append(_paragraph(text, spans))
    return "\n".join(html)


def _paragraph(text, spans):
    out, position = [], 0
    for start, end, url, kind in sorted(spans):
        if start < position:
            continue  # never nest links: a figure inside a name, or the reverse
        out.append(escape(text[position:start]))
        out.append(f'<a class="link-{kind}" href="{escape(url)}">{escape(text[start:end])}</a>')
        position = end
    out.append(escape(text[position:]))
    lines = "".join(out).split("\n")
    return "<p>" + "<br>".join(lines) + "</p>"
