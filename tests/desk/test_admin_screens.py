import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from tests import admin_users

pytestmark = pytest.mark.django_db


def test_login_page_renders(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"Username" in response.content


def test_every_model_of_ours_is_registered():
    ours = {"candidates", "elections", "archive"}
    from django.apps import apps

    models = [m for m in apps.get_models() if m._meta.app_label in ours]
    assert models
    assert all(admin.site.is_registered(m) for m in models)


def test_superuser_can_open_every_list_and_add_form(client, demo):
    User.objects.create_superuser("chief", "chief@example.com", "pw-for-tests-only")
    client.login(username="chief", password="pw-for-tests-only")
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label == "axes":
            continue  # its records of login attempts are read-only by design
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        assert client.get(base).status_code == 200, base
        # The feed's publications come only from the importer, the linker's questions only
        # from the linker, and queued tasks only from the code that queues them: no add
        # form, by design.
        no_add = {"feedrelease", "linkquestion", "dbtaskresult"}
        expected = 403 if meta.model_name in no_add else 200
        assert client.get(base + "add/").status_code == expected, base


def test_no_admin_form_offers_an_option_without_text(client, demo):
    """An <option> with no text is invalid HTML (the Nu checker's error) and says nothing to
    a screen reader; the autocomplete's empty choice says "None"."""
    from archive.models import Article
    from elections.models import Election

    client.force_login(admin_users.chief())
    story, election = Article.objects.first(), Election.objects.first()
    for url in (
        "/admin/archive/article/add/",
        f"/admin/archive/article/{story.pk}/change/",
        f"/admin/elections/election/{election.pk}/change/",
    ):
        page = client.get(url).content.decode()
        assert re.findall(r"<option[^>]*>\s*</option>", page) == [], url


def test_the_desk_reads_release_times_in_the_newsrooms_zone(admin_client, demo):
    # The registrar's first count of election night, 8:24 p.m. in Los Angeles (04:24 UTC).
    feeds = admin_client.get("/admin/elections/feedrelease/").content.decode()
    assert "feed of Nov. 8, 2022, 8:24:13 p.m." in feeds
    assert "04:24" not in feeds
    releases = admin_client.get("/admin/elections/release/").content.decode()
    assert "release of Nov. 8, 2022, 8:24 p.m." in releases
