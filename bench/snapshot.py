"""Save every public page, feed and export of the site as it is now, to compare two versions.

    .venv/bin/python -m bench.snapshot OUT_DIR [--relink]

Crawls from the home page, the sitemap and the feeds, following every link to
the site itself (not the admin, not static files), and writes each answer's
status, content type, Content-Disposition and body to OUT_DIR, one file a URL.
Run it on the same database before and after a change (with --relink after, so
the stored links are made by the new code), then `diff -r BEFORE AFTER`.
Pages are built afresh: the page cache is off.
"""

import argparse
import hashlib
import os
import re
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

START = [
    "/",
    "/robots.txt",
    "/sitemap.xml",
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/stories/",
    "/candidates/",
    "/elections/",
    "/search/?q=caruso+homelessness",
    "/search/?q=karen+bas",
    "/search/?q=%22ballots%22+-bass&sort=newest",
]
_LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']|<loc>([^<]+)</loc>|<link>([^<]+)</link>""")
SKIP = ("/admin/", "/static/", "/stories/preview/")
HOST = "testserver"


def links(body):
    for match in _LINK.finditer(body):
        raw = next(g for g in match.groups() if g)
        raw = raw.replace("&amp;", "&")
        url, _ = urldefrag(raw)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != HOST:
            continue
        if not parts.path.startswith("/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP):
            yield path


def filename(url):
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", url).strip("_")[:120] or "root"
    return f"{readable}-{hashlib.sha1(url.encode()).hexdigest()[:8]}.txt"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--relink", action="store_true", help="relink every story first")
    parser.add_argument("--limit", type=int, default=2000, help="most URLs to fetch")
    args = parser.parse_args()

    # Production settings with DEBUG off (so a 404 is the site's own page), static files
    # served without collectstatic, and a cache of its own.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    if args.relink:
        call_command("relink", stdout=sys.stderr)
    client = Client()
    args.out.mkdir(parents=True, exist_ok=True)
    seen, queue = set(START), deque(START)
    while queue and len(seen) <= args.limit:
        url = queue.popleft()
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        head = [
            f"GET {url}",
            f"status: {response.status_code}",
            f"content-type: {response.get('Content-Type', '')}",
            f"content-disposition: {response.get('Content-Disposition', '')}",
            "",
        ]
        (args.out / filename(url)).write_text("\n".join(head) + text)
        for found in links(text):
            if found not in seen:
                seen.add(found)
                queue.append(found)
    print(f"{len(seen)} URLs saved to {args.out}")


if __name__ == "__main__":
    main()
