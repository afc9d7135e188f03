"""Fetch one of the registrar's files from its live URL, as bytes for the reader.

What comes back is not judged here: an error page served with a 200, a file cut short or a
login page is the reader's to refuse (documents.py), with the same message as from a folder.
Here, only what stops a fetch: a refused request, a server that does not answer in time, or
an answer far larger than any file of the feed.
"""

import urllib.error
import urllib.request

from desk.importing.registrar.documents import FeedRefused

# The largest file of 2022 (counter_data.json on election night) is under a megabyte.
LARGEST_ANSWER = 64 * 1024 * 1024


def fetch(url, file, timeout=30):
    """The bytes at url, or FeedRefused naming the file and why it could not be had."""
    if not url.lower().startswith(("http://", "https://")):
        # urllib would open file:// and ftp:// as readily: only the web is the registrar's.
        raise FeedRefused("live", file, f"{url!r} is not an http or https address")
    request = urllib.request.Request(
        url, headers={"User-Agent": "Tally results importer", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw = answer.read(LARGEST_ANSWER + 1)
    except urllib.error.HTTPError as exc:
        raise FeedRefused("live", file, f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise FeedRefused("live", file, f"{url} did not answer within {timeout} s") from None
    except urllib.error.URLError as exc:
        raise FeedRefused("live", file, f"{url} could not be fetched: {exc.reason}") from None
    if len(raw) > LARGEST_ANSWER:
        raise FeedRefused("live", file, f"{url} answered more than {LARGEST_ANSWER:,} bytes")
    return raw
