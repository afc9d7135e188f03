import pytest
from django.contrib.auth import get_user_model

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("search-admin", "a@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_story_search_uses_full_text_over_the_body(editor_client):
    factories.article(headline="Council notes", body="The libraries will open on Sundays.")
    factories.article(headline="Unrelated draft", body="Parking fines.", status="draft")
    factories.article(headline="Parks report", body="Nothing about books.")
    page = editor_client.get("/admin/archive/article/", {"q": "library"}).content.decode()
    assert "Council notes" in page
    assert "Parks report" not in page
    page = editor_client.get("/admin/archive/article/", {"q": "parking"}).content.decode()
    assert "Unrelated draft" in page


@pytest.mark.parametrize("term", ["\x00", "a\x00b", '"unbalanced', "& | ! :* <->", "x" * 10_000])
def test_admin_story_search_survives_hostile_terms(editor_client, term):
    response = editor_client.get("/admin/archive/article/", {"q": term})
    assert response.status_code == 200
