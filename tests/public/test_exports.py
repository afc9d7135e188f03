"""/elections/<slug>/results.csv and results.json: one row per candidate per release."""

import csv
import io

import pytest

from tests import factories
from tests.demo_releases import THURSDAY, at

pytestmark = pytest.mark.django_db

SLUG = "los-angeles-mayor-2022-11-08"


def test_results_csv_has_a_row_per_candidate_per_release_with_derived_shares(client, demo):
    response = client.get(f"/elections/{SLUG}/results.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    number = str(at(THURSDAY).number)
    assert len(rows) == 2 * 27
    assert [r["candidate"] for r in rows if r["release_number"] == number] == [
        "rick-caruso",
        "karen-bass",
    ]
    thursday = next(r for r in rows if r["release_number"] == number)
    assert thursday["votes"] == "273941" and thursday["share"] == "50.25"
    assert thursday["share_is_reported"] == "False"
    assert thursday["ballots_counted"] == "1452192" and thursday["ballots_left"] == ""
    assert [r["released_at"] for r in rows] == sorted(r["released_at"] for r in rows)
    assert rows[-2]["is_final"] == "True" and rows[-2]["votes"] == "509944"  # leader first


def test_results_json_matches_the_csv(client, demo):
    data = client.get(f"/elections/{SLUG}/results.json").json()
    assert data["election"]["slug"] == SLUG
    assert data["election"]["url"] == f"http://testserver/elections/{SLUG}/"
    assert len(data["results"]) == 2 * 27
    number = at(THURSDAY).number
    bass = next(
        r
        for r in data["results"]
        if r["release_number"] == number and r["candidate_name"] == "Karen Bass"
    )
    assert bass["votes"] == 271246 and bass["share"] == 49.75
    assert bass["released_at"] == "2022-11-11T00:23:14+00:00"


def test_exports_of_an_unknown_election_are_404(client, db):
    assert client.get("/elections/nowhere/results.csv").status_code == 404
    assert client.get("/elections/nowhere/results.json").status_code == 404


def test_csv_cells_cannot_become_spreadsheet_formulas(client, db):
    election = factories.election()
    vote_count = factories.vote_count(
        release=factories.release(election=election, source="=HYPERLINK(1)"), votes=5
    )
    vote_count.candidacy.candidate.name = "@SUM(A1)"
    vote_count.candidacy.candidate.save()
    text = client.get(f"/elections/{election.slug}/results.csv").content.decode()
    row = list(csv.DictReader(io.StringIO(text)))[0]
    assert row["source"] == "'=HYPERLINK(1)" and row["candidate_name"] == "'@SUM(A1)"


@pytest.mark.parametrize("start", ["\t", "\r", "-", "+"])
def test_csv_cells_starting_with_a_tab_or_return_are_guarded_too(client, db, start):
    election = factories.election()
    factories.vote_count(
        release=factories.release(election=election, source=f"{start}=1+1"), votes=5
    )
    text = client.get(f"/elections/{election.slug}/results.csv").content.decode()
    assert list(csv.DictReader(io.StringIO(text)))[0]["source"] == f"'{start}=1+1"
