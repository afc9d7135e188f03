"""Small factories: each makes one valid row, with overrides."""

import datetime
import itertools

from django.utils import timezone

from archive.models import Article, Publication
from candidates.models import Candidate
from elections.models import Candidacy, Election, Release, VoteCount

_seq = itertools.count(1)


def candidate(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Candidate {n}")
    kw.setdefault("slug", f"candidate-{n}")
    return Candidate.objects.create(**kw)


def election(**kw):
    n = next(_seq)
    kw.setdefault("office", "Mayor")
    kw.setdefault("jurisdiction", f"Town {n}")
    kw.setdefault("date", datetime.date(2022, 11, 8))
    kw.setdefault("stage", Election.Stage.GENERAL)
    kw.setdefault("slug", f"town-{n}-mayor-{kw['date']:%Y-%m-%d}")
    return Election.objects.create(**kw)


def candidacy(**kw):
    if "candidate" not in kw:
        kw["candidate"] = candidate()
    if "election" not in kw:
        kw["election"] = election()
    return Candidacy.objects.create(**kw)


def release(votes=None, shares=None, **kw):
    """A release; votes={candidate: 273941} adds each candidate's votes, and shares=
    {candidate: "51.2"} their percentage where the source gave no votes. The candidates
    must already stand in the election."""
    if "election" not in kw:
        kw["election"] = election()
    kw.setdefault("released_at", timezone.now() - datetime.timedelta(days=next(_seq)))
    kw.setdefault("source", "County registrar")
    made = Release.objects.create(**kw)
    for field, figures in (("votes", votes), ("reported_share", shares)):
        for standing, value in (figures or {}).items():
            candidacy = Candidacy.objects.get(election=made.election, candidate=standing)
            VoteCount.objects.create(release=made, candidacy=candidacy, **{field: value})
    return made


def vote_count(**kw):
    if "release" not in kw:
        kw["release"] = release()
    if "candidacy" not in kw:
        kw["candidacy"] = candidacy(election=kw["release"].election)
    return VoteCount.objects.create(**kw)


def publication(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Paper {n}")
    kw.setdefault("slug", f"paper-{n}")
    return Publication.objects.create(**kw)


def article(**kw):
    n = next(_seq)
    kw.setdefault("headline", f"Story number {n}")
    kw.setdefault("slug", f"story-number-{n}")
    kw.setdefault("body", "A paragraph.\n\nAnother paragraph.")
    kw.setdefault("status", Article.Status.PUBLISHED)
    kw.setdefault("published_at", timezone.now() - datetime.timedelta(hours=n))
    return Article.objects.create(**kw)
