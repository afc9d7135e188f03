"""History tables for what editors and the results desk change.

The tracked models belong to other apps; registering their history here keeps
the history tables and their migrations in one place (django-simple-history).
"""

from django.db import models
from simple_history import register

from archive.models import Article, Correction, Publication
from candidates.models import Candidate
from elections.models import Candidacy, Election, Release, VoteCount

# The search vectors and linked facet ids are derived from the text and links, so the
# history leaves them out; saving a restored story derives them again. The tag ids stay:
# taggit's tags have no history of their own, and a restored story gets its tags back
# from them (desk.admin.story_form).
register(
    Article,
    app="desk",
    excluded_fields=["search_vector", "headline_vector", "candidate_ids", "election_ids"],
    # What the editor's link overrides and corrections did, in words (desk.admin.stories):
    # a few of them outgrow the default 100 characters.
    history_change_reason_field=models.TextField(null=True),
)
# An election's version is bookkeeping (elections.versions), not what an editor wrote.
register(Election, app="desk", excluded_fields=["version"])
for _model in (Correction, Publication, Candidate, Candidacy, Release, VoteCount):
    register(_model, app="desk")
