"""Fetch one of the registrar's files from its live URL, as bytes for the reader.

What comes back is not judged here: an error page served with a 200, a file cut short or a
login page is the reader's to refuse (documents.py), with the same message as from a folder.
Here, only what stops a fetch: a refused request, a server that does not answer in time, or
an answer far larger than any file of the feed.
"""

import urllib.error
import urllib.request
from dataclasses import dataclass

from desk.importing.registrar.documents import FeedRefused

# The largest file of 2022 (counter_data.json on election night) is under a megabyte.
LARGEST_ANSWER = 64 * 1024 * 1024


class NotPublished(FeedRefused):
    """The URL answered 404: the registrar has not published that file (yet)."""


@dataclass(frozen=True)
class Fetched:
    """One answer: its bytes (None where the server said they had not changed), and the
    validators to ask with next time."""

    body: bytes | None
    etag: str = ""
    last_modified: str = ""


def fetch(url, file, timeout=30):
    """The bytes at url, or FeedRefused naming the file and why it could not be had."""
    return fetch_changed(url, file, timeout).body


def fetch_changed(url, file, timeout=30, since=None):
    """A Fetched for url; asked with since's validators, a 304 gives body None. Raises
    FeedRefused naming the file and why it could not be had."""
    if not url.lower().startswith(("http://", "https://")):
        # urllib would open file:// and ftp:// as readily: only the web is the registrar's.
        raise FeedRefused("live", file, f"{url!r} is not an http or https address")
    headers = {"User-Agent": "Tally results importer", "Accept": "application/json"}
    if since is not None and since.etag:
        headers["If-None-Match"] = since.etag
    if since is not None and since.last_modified:
        headers["If-Modified-Since"] = since.last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw = answer.read(LARGEST_ANSWER + 1)
            validators = answer.headers.get("ETag", ""), answer.headers.get("Last-Modified", "")
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and since is not None:
            return Fetched(None, since.etag, since.last_modified)
        refusal = NotPublished if exc.code == 404 else FeedRefused
        raise refusal("live", file, f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise FeedRefused("live", file, f"{url} did not answer within {timeout} s") from None
    except urllib.error.URLError as exc:
        raise FeedRefused("live", file, f"{url} could not be fetched: {exc.reason}") from None
    except OSError as exc:
        # A connection reset or cut short mid-answer.
        raise FeedRefused("live", file, f"{url} broke off: {exc}") from None
    if len(raw) > LARGEST_ANSWER:
        raise FeedRefused("live", file, f"{url} answered more than {LARGEST_ANSWER:,} bytes")
    return Fetched(raw, *validators)
