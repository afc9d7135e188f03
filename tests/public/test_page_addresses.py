"""A candidate's and a contest's address are built without the URL resolver
(candidates.paths): each must be the address the resolver gives, and answer."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["ada-okafor", "x_1", "2022"])
def test_a_candidates_address_is_the_resolvers_and_it_answers(client, slug):
    candidate = factories.candidate(name="Ada Okafor", slug=slug)
    expected = reverse("candidates:candidate_detail", kwargs={"slug": slug})
    assert candidate.get_absolute_url() == expected
    assert client.get(expected).status_code == 200


@pytest.mark.parametrize("slug", ["river-city-mayor-2022-11-08", "x_1"])
def test_a_contests_address_is_the_resolvers_and_it_answers(client, slug):
    election = factories.election(slug=slug)
    expected = reverse("elections:election_detail", kwargs={"slug": slug})
    assert election.get_absolute_url() == expected
    assert client.get(expected).status_code == 200
    assert f'href="{expected}"' in client.get("/elections/").content.decode()
