"""A count as another site can include it: a small SVG (no script) and JSON, pinned to
one release, with what changed since then (public.since).

Both are built from the same figures: embed_data() gives the JSON, svg_lines() lays out
the SVG's text, which templates/embeds/count.svg draws.
"""

import textwrap

from elections.models.releases import newsroom_time
from public.since import since

MAX_ROWS = 5  # the SVG names the leaders; the JSON gives every row
BAR_PX = 396
LINE_CHARS = 58  # what fits one line of the SVG's 420 px at its 12 px sans
FOOTER_CHARS = 60  # at 11 px, after "Tally · "


def pinned(release, latest, published_at=None, seen="release"):
    """The embed of `release` (results_cached set on both), with what changed up to
    `latest`; published_at is when the story that saw it was published, for a story."""
    changed = since(release, latest, published_at or release.released_at, seen=seen)
    return {"release": release, "latest": latest, "since": changed}


def embed_data(embed, absolute, story=None):
    """The JSON an embed answers with; absolute(path) makes a full address."""
    release, changed = embed["release"], embed["since"]
    election = release.election
    results = release.results_cached
    data = {
        "election": {
            "name": str(election),
            "url": absolute(election.get_absolute_url()),
            "status": election.status,
        },
        "release": _release(release, absolute),
        "results": [
            {
                "name": row.name,
                "votes": row.votes,
                "share": str(row.share) if row.share is not None else None,
                "outcome": row.candidacy.outcome,
            }
            for row in results.rows
        ],
        "since": None,
    }
    if changed:
        data["since"] = {"lines": list(changed.lines), "latest": _release(changed.now, absolute)}
    if story is not None:
        data["story"] = {
            "headline": story.headline,
            "url": absolute(story.get_absolute_url()),
            "published_at": story.published_at.isoformat(),
        }
    return data


def _release(release, absolute):
    return {
        "number": release.number,
        "released_at": release.released_at.isoformat(),
        "url": absolute(release.get_absolute_url()),
        "source": release.source,
        "is_final": release.is_final,
        "ballots_counted": release.ballots_counted,
        "ballots_left": release.ballots_remaining,
        "counted_share": str(release.counted_share) if release.counted_share is not None else None,
    }


def svg_lines(embed, link):
    """What the SVG shows, as rows it places one under another; link is the address of
    the page it comes from, shortened to fit its last line."""
    release, changed = embed["release"], embed["since"]
    rows = release.results_cached.rows
    leading = rows[:MAX_ROWS]
    bars = [
        {
            "name": textwrap.shorten(row.name, 34, placeholder="…"),
            "figure": _figure(row),
            # Out of the whole width, 100%: a bar a reader can compare with the others.
            "width": round(float(row.share or 0) * BAR_PX / 100, 1),
        }
        for row in leading
    ]
    label = "Final count" if release.is_final else "Count"
    caption = f"{label}: release {release.number}, {newsroom_time(release.released_at)}"
    since_lines = []
    for line in changed.lines if changed else ():
        since_lines += textwrap.wrap(line, LINE_CHARS)
    # Places from the top, in px: title, caption, a row a bar, then what changed since.
    y = 64
    for bar in bars:
        bar["y"] = y
        y += 26
    more = len(rows) - len(leading)
    more_y = y + 4 if more else None
    y += 20 if more else 0
    since_y = [y + 16 + 16 * i for i in range(len(since_lines) + 1)] if since_lines else []
    y = (since_y[-1] if since_y else y) + 12
    said = [caption if caption.endswith(".") else f"{caption}."] + [
        f"{bar['name']} {bar['figure']}." for bar in bars
    ]
    said += changed.lines if changed else ()
    return {
        "title": textwrap.shorten(str(release.election), LINE_CHARS, placeholder="…"),
        "description": " ".join(said),
        "caption": caption,
        "bars": bars,
        "more": more,
        "more_y": more_y,
        "since": list(zip(["Since then:", *since_lines], since_y, strict=True))
        if since_lines
        else [],
        "footer": link if len(link) <= FOOTER_CHARS else link[: FOOTER_CHARS - 1] + "…",
        "footer_y": y + 14,
        "height": y + 24,
    }


def _figure(row):
    share = f"{row.share:.2f}%" if row.share is not None else ""
    votes = f"{row.votes:,}" if row.votes is not None else ""
    return " · ".join(part for part in (share, votes) if part)
