"""Stories matching the words a reader types, by each story's stored search vector.

One text-search configuration and one query syntax for every search: the reader's
search (search.query) with its counts statement, and the admin's search box, so
that editors find the stories readers find.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from search.form import MAX_QUERY_LENGTH

# The configuration the stored vectors are built with (Article.search_vector): words
# stemmed any other way would miss theirs.
CONFIG = "english"


def text_query(text):
    """Web-style syntax: "quoted phrases", or, -word; never a syntax error."""
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def full_text(queryset, text):
    """Stories matching `text` by the stored, indexed vector, with their rank."""
    query = text_query(text)
    return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))


def search_admin(queryset, term):
    """The admin's story search: the same full-text query readers use, over any status."""
    term = " ".join(term.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    if not re.search(r"[^\W_]", term):
        return queryset
    return queryset.filter(search_vector=text_query(term))
