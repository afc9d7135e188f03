"""The demo's releases of the 2022 general, found by the time the registrar published them."""

import datetime
from zoneinfo import ZoneInfo

from elections.models import Release

GENERAL = "los-angeles-mayor-2022-11-08"
PRIMARY = "los-angeles-mayor-2022-06-07"
LOS_ANGELES = ZoneInfo("America/Los_Angeles")

# The registrar's releases the seed stories follow, in Los Angeles time.
ELECTION_NIGHT_LAST = "2022-11-09 03:35:19"  # the last before Wednesday morning's story
THURSDAY = "2022-11-10 16:23:14"  # Caruso 273,941, Bass 271,246; 1,452,192 ballots
FRIDAY = "2022-11-11 16:09:19"  # Bass ahead from here on
CERTIFIED = "2022-12-05 12:15:21"  # Bass 509,944, Caruso 420,030


def at(local_time, slug=GENERAL):
    """The release of election slug published at local_time ("2022-11-10 16:23:14")."""
    when = datetime.datetime.fromisoformat(local_time).replace(tzinfo=LOS_ANGELES)
    return Release.objects.select_related("election").get(election__slug=slug, released_at=when)
