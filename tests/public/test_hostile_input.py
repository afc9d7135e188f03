"""Every public door, given every hostile string: never a 5xx, never a payload unescaped.

The demo archive is loaded so that searches match, lists have pages and slugs exist;
each string goes to search and each of its filters, to the page parameter of every list,
and into every slug of every address.
"""

from urllib.parse import quote

import pytest

from tests import hostile

pytestmark = pytest.mark.django_db

STRINGS = hostile.strings()
# Where a real word before the payload changes nothing (a page number, a slug), the bare
# strings are enough.
BARE = hostile.BASE

SEARCH_PARAMETERS = ["q", "candidate", "election", "tag", "publication", "since", "until"]
SEARCH_ODDS = ["sort", "page"]

LISTS = [
    "/stories/",
    "/stories/2022/",
    "/stories/2022/11/",
    "/stories/2022/11/10/",
    "/candidates/",
    "/candidates/karen-bass/",
    "/elections/",
    "/elections/los-angeles-mayor-2022-11-08/",
    "/elections/los-angeles-mayor-2022-11-08/updates/1/",
    "/tags/homelessness/",
]

SLUGGED = [
    "/candidates/{}/",
    "/candidates/{}/feed/",
    "/candidates/{}/feed/atom/",
    "/elections/{}/",
    "/elections/{}/feed/",
    "/elections/{}/results.csv",
    "/elections/{}/results.json",
    "/elections/{}/updates/1/",
    "/elections/los-angeles-mayor-2022-11-08/updates/{}/",
    "/tags/{}/",
    "/tags/{}/feed/",
    "/stories/2022/11/10/{}/",
    "/stories/{}/",
    "/stories/2022/{}/",
    "/stories/2022/11/{}/",
    "/sitemap-{}.xml",
]


def test_there_are_more_than_200_hostile_strings():
    assert len(STRINGS) > 200


def check(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.get("Content-Type", "").startswith(("text/html", "application/json")):
        body = b"".join(response) if response.streaming else response.content
        found = hostile.payload_in(body.decode("utf-8", "replace"))
        assert found is None, f"{what}: {found!r} came back unescaped"


def test_search_takes_every_hostile_string(client, demo):
    for text in STRINGS:
        check(client.get("/search/", {"q": text}), f"/search/?q={text!r}")


def test_each_search_filter_takes_every_hostile_string(client, demo):
    for parameter in SEARCH_PARAMETERS[1:] + SEARCH_ODDS:
        for text in BARE:
            check(
                client.get("/search/", {"q": "mayor", parameter: text}),
                f"/search/?q=mayor&{parameter}={text!r}",
            )


def test_every_list_takes_every_hostile_page_number(client, demo):
    for path in LISTS:
        for text in BARE:
            check(client.get(path, {"page": text}), f"{path}?page={text!r}")


def test_every_slug_takes_every_hostile_string(client, demo):
    for pattern in SLUGGED:
        for text in BARE:
            path = pattern.format(quote(text, safe=""))
            check(client.get(path), pattern.format(repr(text)))
