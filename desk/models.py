"""History tables for what editors and the results desk change.

The tracked models belong to other apps; registering their history here keeps
the history tables and their migrations in one place (django-simple-history).
"""

from simple_history import register

from archive.models import Article, Publication
from candidates.models import Candidate
from elections.models import Candidacy, Election, Tally, VoteUpdate

# The search vector is derived from the text, so the history leaves it out.
register(Article, app="desk", excluded_fields=["search_vector"])
for _model in (Publication, Candidate, Election, Candidacy, VoteUpdate, Tally):
    register(_model, app="desk")
