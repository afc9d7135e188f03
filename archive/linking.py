"""Link stories to the candidates they name, the elections they cover and the counts they report.

Runs on every save of a story and in bulk (`manage.py relink`); results are
stored in the link tables and in Article.body_html, so page views only read.
Rules (DESIGN.md, "Linking"):

1. Candidates by their names as whole words, longest first; a bare surname
   only where it points to one candidate in the story's context.
2. Elections: those of the named candidates whose campaign the story falls
   in, the closest by date for each office.
3. Releases: a figure equal to a release's figure, released no later than the
   story: a candidate's votes or share (at the precision printed) where the
   sentence gives the figure to that candidate (archive.attribution), in a
   covered election or else another of that candidate's; or a contest's figure
   (ballots counted, left or cast, total votes, the margin) in a covered
   election. And each covered election's latest release at or before
   publication.
4. Editors win: rows an editor added are kept, rows they suppressed stay
   suppressed, whatever the text now says.
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from archive import questions
from archive.attribution import attribute
from archive.events import stories_linked
from archive.figures import find_figures
from archive.mentions import NameIndex, named_in_full, resolve_story
from archive.models.links import ArticleCandidate, ArticleElection, ArticleRelease, Origin
from archive.models.questions import LinkQuestion
from archive.rendering import render_body
from archive.text import paragraphs as split_paragraphs
from candidates.models import Candidate
from elections.models import Candidacy, Election, Release, VoteCount

# A story "falls in" an election's campaign from well before the vote (mayoral
# races start a year or more out) until counting and certification are over.
CAMPAIGN_BEFORE = datetime.timedelta(days=550)
CAMPAIGN_AFTER = datetime.timedelta(days=60)

QUOTED = ArticleRelease.Reason.QUOTED
AT_PUBLICATION = ArticleRelease.Reason.AT_PUBLICATION


@dataclass
class ElectionReleases:
    """One election's releases in time order, and the figures each holds."""

    slug: str
    times: list = field(default_factory=list)  # [(released_at, release_id)]
    at_of: dict = field(default_factory=dict)  # release_id -> released_at
    # (candidate_id, votes) -> [release_id]: a candidate's votes
    votes: dict = field(default_factory=lambda: defaultdict(list))
    # value -> [release_id]: ballots counted, left or cast, total votes, the margin
    contest: dict = field(default_factory=lambda: defaultdict(list))
    # release_id -> ({candidate_id: votes}, total), for releases with every name's votes
    tallies: dict = field(default_factory=dict)
    # release_id -> {candidate_id: Decimal}, the source's own percentages
    reported: dict = field(default_factory=dict)
    expected: dict = field(default_factory=lambda: defaultdict(list))  # Decimal -> [release_id]

    def released_at(self, release_id):
        return self.at_of[release_id]

    def latest_at(self, moment):
        position = bisect.bisect_right(self.times, moment, key=lambda item: item[0])
        return self.times[position - 1][1] if position else None

    def share_releases(self, candidate_id, value):
        """Releases in which the candidate's share, at the precision of value, is value."""
        places = Decimal(1).scaleb(value.as_tuple().exponent)
        found = []
        for rid, (votes, total) in self.tallies.items():
            if candidate_id in votes and total:
                share = (Decimal(votes[candidate_id]) * 100 / total).quantize(places, ROUND_HALF_UP)
                if share == value:
                    found.append(rid)
        for rid, shares in self.reported.items():
            if candidate_id in shares and shares[candidate_id].quantize(places) == value:
                found.append(rid)
        return found

    def add(self, release_id, rows, ballot_size):
        """Index one release's votes: rows are [(candidate_id or None, votes, share)]."""
        reported = {c: share for c, votes, share in rows if votes is None and share is not None}
        if reported:
            self.reported[release_id] = reported
        counted = [(c, votes) for c, votes, _ in rows if votes is not None]
        for candidate_id, votes in counted:
            if candidate_id is not None:
                self.votes[(candidate_id, votes)].append(release_id)
        if not counted or len(counted) < len(rows) or len(counted) < ballot_size:
            return  # no total, share or margin from a release that named only some
        total = sum(votes for _, votes in counted)
        self.tallies[release_id] = ({c: v for c, v in counted if c is not None}, total)
        self.contest[total].append(release_id)
        if len(counted) > 1:
            first, second = sorted((votes for _, votes in counted), reverse=True)[:2]
            self.contest[first - second].append(release_id)


class LinkContext:
    """What linking needs to know about candidates, elections and releases.

    Made once per bulk run; a single save makes a fresh one, so it never holds
    state between requests.
    """

    def __init__(self):
        rows = Candidate.objects.values_list("id", "name", "slug", "press_names")
        self.slugs = {cid: slug for cid, _, slug, _ in rows}
        self.names = NameIndex({cid: [name, *press] for cid, name, _, press in rows})
        self.elections = {
            e["id"]: e
            for e in Election.objects.values(
                "id", "slug", "date", "office", "jurisdiction", "ballot_size"
            )
        }
        self.elections_of = defaultdict(set)
        self.standing_in = defaultdict(set)  # election id -> candidate ids
        self.candidate_of = {}  # candidacy id -> candidate id (None for a measure's choice)
        for candidacy_id, candidate_id, election_id in Candidacy.objects.values_list(
            "id", "candidate_id", "election_id"
        ):
            self.candidate_of[candidacy_id] = candidate_id
            if candidate_id is not None:
                self.elections_of[candidate_id].add(election_id)
                self.standing_in[election_id].add(candidate_id)
        self._releases = {}
        self._release_places = {}  # release id -> (election slug, number)
        self._release_urls = {}
        self._candidate_urls = {}
        self._in_campaign = {}

    def campaign_covers(self, election_id, day):
        held = self.elections[election_id]["date"]
        return held - CAMPAIGN_BEFORE <= day <= held + CAMPAIGN_AFTER

    def candidates_in_campaign(self, moment):
        """Candidates standing in an election whose campaign covers the moment (memoized by
        day: a bulk run meets the same days again and again)."""
        if moment is None:
            return set()
        day = timezone.localdate(moment)
        if day not in self._in_campaign:
            open_elections = {eid for eid in self.elections if self.campaign_covers(eid, day)}
            self._in_campaign[day] = {
                cid for eid in open_elections for cid in self.standing_in[eid]
            }
        return self._in_campaign[day]

    def standing_with(self, candidate_ids, moment):
        """Everyone standing in a contest, open at the moment, with one of these candidates."""
        if moment is None or not candidate_ids:
            return set()
        day = timezone.localdate(moment)
        return {
            other
            for cid in candidate_ids
            for eid in self.elections_of.get(cid, ())
            if self.campaign_covers(eid, day)
            for other in self.standing_in[eid]
        }

    def covered_elections(self, candidate_ids, moment):
        """For each office, the named candidates' election closest to the story's date."""
        if moment is None:
            return set()
        day = timezone.localdate(moment)
        best = {}
        for cid in candidate_ids:
            for eid in self.elections_of.get(cid, ()):
                if not self.campaign_covers(eid, day):
                    continue
                e = self.elections[eid]
                key = (e["jurisdiction"], e["office"])
                distance = abs((e["date"] - day).days)
                if key not in best or distance < best[key][0]:
                    best[key] = (distance, eid)
        return {eid for _, eid in best.values()}

    def release_url(self, release_id):
        if release_id not in self._release_urls:
            slug, number = self._release_places[release_id]
            self._release_urls[release_id] = reverse(
                "elections:release_detail", kwargs={"slug": slug, "number": number}
            )
        return self._release_urls[release_id]

    def candidate_url(self, candidate_id):
        if candidate_id not in self._candidate_urls:
            self._candidate_urls[candidate_id] = reverse(
                "candidates:candidate_detail", kwargs={"slug": self.slugs[candidate_id]}
            )
        return self._candidate_urls[candidate_id]

    def releases(self, election_id):
        if election_id not in self._releases:
            self._load_releases([election_id])
        return self._releases[election_id]

    def preload_releases(self):
        self._load_releases(list(self.elections))

    def _load_releases(self, election_ids):
        for eid in election_ids:
            self._releases[eid] = ElectionReleases(slug=self.elections[eid]["slug"])
        updates = Release.objects.filter(election_id__in=election_ids).order_by("released_at")
        for rid, eid, at, number, *figures, expected in updates.values_list(
            "id",
            "election_id",
            "released_at",
            "number",
            "ballots_counted",
            "ballots_remaining",
            "ballots_cast",
            "expected_vote_pct",
        ):
            releases = self._releases[eid]
            releases.times.append((at, rid))
            releases.at_of[rid] = at
            self._release_places[rid] = (releases.slug, number)
            for value in figures:
                if value is not None:
                    releases.contest[value].append(rid)
            if expected is not None:
                releases.expected[expected.normalize()].append(rid)
        rows = defaultdict(list)
        vote_counts = VoteCount.objects.filter(release__election_id__in=election_ids)
        for rid, eid, candidacy_id, votes, share in vote_counts.values_list(
            "release_id", "release__election_id", "candidacy_id", "votes", "reported_share"
        ).order_by():
            rows[(eid, rid)].append((self.candidate_of.get(candidacy_id), votes, share))
        for (eid, rid), release_rows in rows.items():
            self._releases[eid].add(rid, release_rows, self.elections[eid]["ballot_size"])


@dataclass
class Found:
    """What the text of one story says, before editors' choices are applied."""

    mention_counts: dict  # candidate_id -> count
    elections: set
    quoted: dict  # release_id -> figures as written
    at_publication: set
    figure_links: dict  # (paragraph index, start) -> release_id
    mentions_by_paragraph: list  # [[(start, end, candidate_id)]]
    questions: list = field(default_factory=list)  # [questions.Question] for the desk


@dataclass
class Answers:
    """The desk's answers to a story's questions, as the linker applies them."""

    names: dict = field(default_factory=dict)  # name as written -> candidate id
    figures: dict = field(default_factory=dict)  # figure as written -> release id


def find_links(
    story, context, editor_candidates=(), editor_elections=(), suppressed=None, answers=None
):
    """Read the story; return what it links to, and what it could not decide. Pure: reads
    nothing from the database but what the context holds."""
    suppressed = suppressed or {"candidates": set(), "elections": set(), "releases": set()}
    answers = answers or Answers()
    moment = story.published_at
    paragraphs = split_paragraphs(story.body)
    counts = defaultdict(int)
    found_by_text = [context.names.find(text) for text in [story.headline, *paragraphs]]
    # Who the story names in full, anywhere in it, settles who a bare surname is; failing
    # that, the contests they stand in.
    named_anywhere = named_in_full([m for mentions in found_by_text for m in mentions])
    contest_ids = context.standing_with(named_anywhere, moment)
    mentions_by_paragraph = []
    in_campaign = context.candidates_in_campaign(moment)
    resolved_texts, undecided = resolve_story(
        found_by_text,
        named_anywhere,
        contest_ids,
        in_campaign,
        context.names.surnames_of,
        answers.names,
    )
    texts = [story.headline, *paragraphs]
    asked = [questions.about_mention(texts[u.text_index], u) for u in undecided]
    for text, mentions in zip(texts, found_by_text, strict=True):
        asked += questions.people_named(text, mentions)
    for resolved in resolved_texts:
        for _, cid in resolved:
            counts[cid] += 1
        mentions_by_paragraph.append([(m.start, m.end, cid) for m, cid in resolved])
    mentions_by_paragraph = mentions_by_paragraph[1:]  # the headline is counted, not rendered

    named = (set(counts) | set(editor_candidates)) - suppressed["candidates"]
    elections = context.covered_elections(named, moment)
    covered = (elections | set(editor_elections)) - suppressed["elections"]

    at_publication = set()
    if moment is not None:
        for eid in covered:
            latest = context.releases(eid).latest_at(moment)
            if latest is not None:
                at_publication.add(latest)

    quoted, figure_links = {}, {}
    for index, text in enumerate(paragraphs):
        figures = find_figures(text)
        owners = attribute(text, figures, mentions_by_paragraph[index]) if figures else {}
        for figure in figures:
            if figure.is_rounded:
                continue  # "about 61%" was never meant to equal a count, even where it does
            written = text[figure.start : figure.end] + ("%" if figure.is_percent else "")
            release_id = _release_quoting(figure, owners[figure], covered, context, moment)
            if release_id is None:
                release_id = answers.figures.get(written)
            if release_id is None:
                if at_publication and questions.reads_like_result(text, figure, owners[figure]):
                    asked.append(questions.about_figure(text, figure, written, at_publication))
                continue
            previous = quoted.get(release_id)
            if previous is None:
                quoted[release_id] = written
            elif written not in previous.split(", "):
                quoted[release_id] = f"{previous}, {written}"[:200]
            if release_id not in suppressed["releases"]:
                figure_links[(index, figure.start, figure.end)] = release_id

    return Found(
        dict(counts),
        elections,
        quoted,
        at_publication,
        figure_links,
        mentions_by_paragraph,
        asked,
    )


def _release_quoting(figure, owner, election_ids, context, moment):
    """The latest release, not after the story, holding this figure: as the owner's votes or
    share in a covered election or else another of the owner's, or as a contest's figure in
    a covered election."""
    if owner is not None:
        found = _latest(_candidate_releases(figure, owner, election_ids, context), moment)
        if found is None:
            others = context.elections_of.get(owner, set()) - set(election_ids)
            found = _latest(_candidate_releases(figure, owner, others, context), moment)
        if found is not None:
            return found[1]
    found = _latest(_contest_releases(figure, election_ids, context), moment)
    return found[1] if found else None


def _candidate_releases(figure, owner, election_ids, context):
    for eid in election_ids:
        releases = context.releases(eid)
        if figure.is_percent:
            rids = releases.share_releases(owner, figure.value)
        else:
            rids = releases.votes.get((owner, figure.value), ())
        yield from ((releases.released_at(rid), rid) for rid in rids)


def _contest_releases(figure, election_ids, context):
    for eid in election_ids:
        releases = context.releases(eid)
        if figure.is_percent:
            rids = releases.expected.get(figure.value.normalize(), ())
        else:
            rids = releases.contest.get(figure.value, ())
        yield from ((releases.released_at(rid), rid) for rid in rids)


def _latest(candidates, moment):
    best = None
    for at, rid in candidates:
        if moment is not None and at > moment:
            continue
        if best is None or at > best[0]:
            best = (at, rid)
    return best


class _Batch:
    """Link rows to write for a batch of stories, written with a few bulk queries."""

    def __init__(self, stories):
        ids = [s.pk for s in stories]
        self.candidate_rows = defaultdict(dict)
        for row in ArticleCandidate.objects.filter(article_id__in=ids):
            self.candidate_rows[row.article_id][row.candidate_id] = row
        self.election_rows = defaultdict(dict)
        for row in ArticleElection.objects.filter(article_id__in=ids):
            self.election_rows[row.article_id][row.election_id] = row
        self.release_rows = defaultdict(dict)
        for row in ArticleRelease.objects.filter(article_id__in=ids):
            self.release_rows[row.article_id][(row.release_id, row.reason)] = row
        self.question_rows = defaultdict(dict)
        for row in LinkQuestion.objects.filter(article_id__in=ids).only(
            "pk",
            "article_id",
            "kind",
            "text",
            "context",
            "options",
            "status",
            "candidate_id",
            "release_id",
        ):
            self.question_rows[row.article_id][(row.kind, row.text)] = row
        self.creates = defaultdict(list)
        self.updates = defaultdict(list)
        self.deletes = defaultdict(list)

    def editor_choices(self, story_id):
        cands, elects, releases = (
            self.candidate_rows[story_id],
            self.election_rows[story_id],
            self.release_rows[story_id],
        )
        return (
            {cid for cid, r in cands.items() if r.origin == Origin.EDITOR and not r.is_suppressed},
            {eid for eid, r in elects.items() if r.origin == Origin.EDITOR and not r.is_suppressed},
            {
                "candidates": {cid for cid, r in cands.items() if r.is_suppressed},
                "elections": {eid for eid, r in elects.items() if r.is_suppressed},
                # Only an editor's "no" to the figures unlinks them; removing a release as
                # the count at publication leaves the figures the story quotes linked.
                "releases": {
                    rid
                    for (rid, reason), r in releases.items()
                    if r.is_suppressed and reason != AT_PUBLICATION
                },
            },
        )

    def answers(self, story_id):
        answers = Answers()
        for row in self.question_rows[story_id].values():
            if row.candidate_id is not None:
                answers.names[row.text] = row.candidate_id
            if row.release_id is not None:
                answers.figures[row.text] = row.release_id
        return answers

    def sync(self, story, found):
        """Plan the story's link rows, and set its facet ids to what they will be."""
        sid = story.pk
        story.candidate_ids = self._sync(
            ArticleCandidate,
            self.candidate_rows[sid],
            {cid: {"mention_count": n} for cid, n in found.mention_counts.items()},
            lambda key, values: ArticleCandidate(article_id=sid, candidate_id=key, **values),
            # An editor's own link keeps its place but shows the count the text now gives.
            editor_values=lambda key: {"mention_count": found.mention_counts.get(key, 0)},
        )
        story.election_ids = self._sync(
            ArticleElection,
            self.election_rows[sid],
            {eid: {} for eid in found.elections},
            lambda key, values: ArticleElection(article_id=sid, election_id=key),
        )
        wanted = {(rid, QUOTED): {"quoted_figures": text} for rid, text in found.quoted.items()}
        wanted.update(
            {(rid, AT_PUBLICATION): {"quoted_figures": ""} for rid in found.at_publication}
        )
        self._sync(
            ArticleRelease,
            self.release_rows[sid],
            wanted,
            lambda key, values: ArticleRelease(
                article_id=sid, release_id=key[0], reason=key[1], **values
            ),
        )
        self._sync_questions(sid, found.questions)

    def _sync_questions(self, sid, asked):
        """Open questions follow the text; answered ones stay, whatever it now says."""
        existing = self.question_rows[sid]
        wanted = {}
        for question in asked:
            wanted.setdefault((question.kind, question.text[:200]), question)
        for key, row in existing.items():
            if row.status != LinkQuestion.Status.OPEN:
                continue
            question = wanted.get(key)
            if question is None:
                self.deletes[LinkQuestion].append(row.pk)
            elif (row.context, row.options) != (question.context, list(question.options)):
                row.context, row.options = question.context, list(question.options)
                self.updates[LinkQuestion].append(row)
        for key, question in wanted.items():
            if key not in existing:
                self.creates[LinkQuestion].append(
                    LinkQuestion(
                        article_id=sid,
                        kind=key[0],
                        text=key[1],
                        context=question.context,
                        options=list(question.options),
                    )
                )

    def _sync(self, model, existing, wanted, make, editor_values=None):
        """Plan creates, updates and deletes; return the keys left linked, sorted."""
        linked = set()
        for key, row in existing.items():
            if row.origin == Origin.EDITOR:
                values = editor_values(key) if editor_values else {}
            elif key in wanted:
                values = wanted[key]
            elif row.is_suppressed:
                continue  # keep the editor's "no" even when the text no longer says it
            else:
                self.deletes[model].append(row.pk)
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            for name in changed:
                setattr(row, name, values[name])
            if changed:
                self.updates[model].append(row)
            if not row.is_suppressed:
                linked.add(key)
        for key, values in wanted.items():
            if key not in existing:
                self.creates[model].append(make(key, values))
                linked.add(key)
        return sorted(linked)

    def write(self):
        for model, pks in self.deletes.items():
            model.objects.filter(pk__in=pks).delete()
        fields = {
            ArticleCandidate: ["mention_count"],
            ArticleElection: ["origin"],
            ArticleRelease: ["quoted_figures"],
            LinkQuestion: ["context", "options"],
        }
        for model, rows in self.updates.items():
            model.objects.bulk_update(rows, fields[model], batch_size=1000)
        for model, rows in self.creates.items():
            if model is LinkQuestion:
                model.objects.bulk_create(rows, batch_size=1000)
            elif rows:
                _copy_create(model, rows)


def _copy_create(model, rows):
    """Insert link rows with COPY: a first link of 100,000 stories makes 400,000 of them, and
    bulk_create's INSERT of a thousand rows' parameters cost more than COPY's whole stream.
    Only for models of plain columns, whose fields' pre_save gives the stored value."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([f.pre_save(row, True) for f in fields])


def _link_batch(stories, context):
    batch = _Batch(stories)
    now = timezone.now()
    rendered = []
    for story in stories:
        before = _linked_state(story)
        editor_candidates, editor_elections, suppressed = batch.editor_choices(story.pk)
        found = find_links(
            story, context, editor_candidates, editor_elections, suppressed, batch.answers(story.pk)
        )
        batch.sync(story, found)
        linked = (set(found.mention_counts) | editor_candidates) - suppressed["candidates"]
        story.body_html = render_body(story.body, found, linked, context)
        # A story whose linked body and ids came out as before is not written again: after a
        # release most stories of a contest link as they did, and rewriting them cost as
        # much as linking them. linked_at says when its links last changed.
        if story.linked_at is None or _linked_state(story) != before:
            story.linked_at = now
            rendered.append(story)
    batch.write()
    if rendered:
        _write_linked(type(stories[0]), rendered)
    stories_linked.send(sender=_link_batch, story_ids=[story.pk for story in rendered])


_LINKED_FIELDS = ("body_html", "linked_at", "candidate_ids", "election_ids")
_LINKED_TABLE = "tally_linked_bodies"  # a temporary table, one per connection


def _linked_state(story):
    return (story.body_html, sorted(story.candidate_ids or ()), sorted(story.election_ids or ()))


def _write_linked(model, stories):
    """Write each story's linked body and ids: COPY into a temporary table, then one UPDATE
    from it. Django's bulk_update writes a CASE of one arm per story for every column, which
    cost more than the linking itself at 100,000 stories; so did binding thousands of
    parameters into one UPDATE ... FROM (VALUES ...)."""
    fields = [model._meta.get_field(name) for name in _LINKED_FIELDS]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    types = [field.db_type(connection) for field in fields]
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_LINKED_TABLE} (id bigint, "
            + ", ".join(f"{c} {t}" for c, t in zip(columns, types, strict=True))
            + ")"
        )
        with cursor.cursor.copy(f"COPY {_LINKED_TABLE} FROM STDIN") as copy:
            for story in stories:
                copy.write_row((story.pk, *(getattr(story, name) for name in _LINKED_FIELDS)))
        sets = ", ".join(f"{c} = v.{c}" for c in columns)
        cursor.execute(
            f"UPDATE {table} AS a SET {sets} FROM {_LINKED_TABLE} AS v WHERE a.id = v.id"
        )
        cursor.execute(f"DELETE FROM {_LINKED_TABLE}")


def link_article(story, context=None):
    """Link one saved story; Article.save() calls it."""
    with transaction.atomic():
        _link_batch([story], context or LinkContext())


def relink(stories, batch_size=500, progress=None):
    """Link a queryset of stories again with one context; returns how many were linked."""
    context = LinkContext()
    context.preload_releases()
    done = 0
    ids = list(stories.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        batch = list(
            stories.model.objects.filter(pk__in=chunk).only(
                "pk",
                "headline",
                "body",
                "published_at",
                "body_html",
                "linked_at",
                "candidate_ids",
                "election_ids",
            )
        )
        with transaction.atomic():
            _link_batch(batch, context)
        done += len(batch)
        if progress:
            progress(done, len(ids))
    return done
