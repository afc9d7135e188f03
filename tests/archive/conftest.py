"""The 2022 Los Angeles mayoral race, made with factories for the linker's tests.

Only who stands where: each test adds the releases and writes the stories it needs,
so its figures and sentences are in the test itself.
"""

import datetime

import pytest

from tests import factories


@pytest.fixture
def bass(db):
    return factories.candidate(
        name="Karen Bass", slug="karen-bass", press_names=["Rep. Karen Bass", "Bass"]
    )


@pytest.fixture
def caruso(db):
    return factories.candidate(name="Rick Caruso", slug="rick-caruso", press_names=["Caruso"])


def mayor_race(day, *candidates, stage="general"):
    """A Los Angeles mayoral contest on `day` (a date), with these candidates standing."""
    election = factories.election(
        jurisdiction="Los Angeles",
        office="Mayor",
        date=day,
        stage=stage,
        slug=f"los-angeles-mayor-{day:%Y-%m-%d}",
    )
    for candidate in candidates:
        factories.candidacy(candidate=candidate, election=election)
    return election


@pytest.fixture
def general(bass, caruso):
    """The general election of Nov 8, 2022, with Bass and Caruso standing."""
    return mayor_race(datetime.date(2022, 11, 8), bass, caruso)
