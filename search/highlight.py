"""Headlines and snippets with the searched words marked, safe to show on the page.

PostgreSQL's ts_headline() picks the fragments and finds the words; here is what it
reads (BodyWindow), what it marks them with (characters no story contains, not
HTML) and how its output becomes escaped HTML (marked).
"""

import re

from django.db.models import Func, TextField, Value
from django.db.models.functions import Lower, NullIf, StrIndex
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Private-use characters mark the matched words; story text is escaped around them,
# so only our own <mark> tags reach the page.
START_SEL, STOP_SEL = "\ue000", "\ue001"
_SENTINELS = re.compile(f"({START_SEL}|{STOP_SEL})")


def marked(text):
    """Escape `text` and turn the matched-word sentinels into balanced <mark> tags."""
    out, is_open = [], False
    for piece in _SENTINELS.split(text or ""):
        if piece == START_SEL:
            if not is_open:
                out.append("<mark>")
            is_open = True
        elif piece == STOP_SEL:
            if is_open:
                out.append("</mark>")
            is_open = False
        else:
            out.append(escape(piece))
    if is_open:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - built from escaped pieces above


def searched_lexemes(tree):
    """The words a query looks for, as stemmed lexemes, from querytree(); not the excluded."""
    found = re.findall(r"(!?)'((?:[^']|'')+)'", tree or "")
    return [lexeme.replace("''", "'") for negated, lexeme in found if not negated][:6]


class BodyWindow(Func):
    """The stretch of the body around the first place a query's word appears.

    ts_headline parses the whole text it is given, a few milliseconds for a long
    story; given a window around the match it costs a fraction of that. A stem
    is a prefix of most forms of its word ('approv' of 'approved'); where it isn't
    ('happi' of 'happy') the window starts with the story, and a match found in it
    is still highlighted.
    """

    output_field = TextField()
    LEAD, SIZE = 150, 480

    def __init__(self, body, lexemes):
        positions = [
            NullIf(StrIndex(Lower(body), Value(lexeme.removesuffix("i"))), Value(0))
            for lexeme in lexemes
        ]
        super().__init__(body, *positions)

    def as_sql(self, compiler, connection, **extra_context):
        body, body_params = compiler.compile(self.source_expressions[0])
        compiled = [compiler.compile(e) for e in self.source_expressions[1:]]
        if not compiled:
            return f"substr({body}, 1, {self.SIZE})", body_params
        first = "LEAST(" + ", ".join(sql for sql, _ in compiled) + ")"
        first_params = [p for _, params in compiled for p in params]
        # From the word start before the lead, so the window opens with a whole word.
        sql = (
            f"CASE WHEN {first} > {self.LEAD} THEN regexp_replace("
            f"substr({body}, {first} - {self.LEAD}, {self.SIZE}), '^\\S*\\s+', '')"
            f" ELSE substr({body}, 1, {self.SIZE}) END"
        )
        return sql, (*first_params, *body_params, *first_params, *body_params, *body_params)
