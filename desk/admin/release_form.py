"""The results desk's release form: one row per candidacy, and the checks that
catch a typo before readers see it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from desk.admin.rows import LabelledRowsFormSet
from elections.checks import (
    LARGEST_COUNT,
    counts_gone_down,
    nothing_released,
    shares_over_100,
    unusual_release,
    votes_beyond_ballots,
)
from elections.models import Candidacy, Release, VoteCount

# The release form's fields that, alone, make a release of ballots without votes.
BALLOT_FIELDS = ("ballots_counted", "ballots_remaining")


def election_id_from(request, release=None):
    """The election a release form is for: the release's own, else the one asked for."""
    if release is not None and release.election_id:
        return release.election_id
    raw = request.POST.get("election") or request.GET.get("election")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


class ReleaseForm(forms.ModelForm):
    confirmed = forms.BooleanField(
        label="Enter it all the same",
        required=False,
        help_text="For a release of a certified election, or dated far from election day.",
    )

    class Meta:
        model = Release
        fields = [
            "election",
            "released_at",
            "source",
            "source_url",
            "ballots_counted",
            "ballots_remaining",
            "expected_vote_pct",
            "is_final",
            "is_correction",
            "notes",
        ]
        error_messages = {
            # The time is half of the field: without it, a release of that day could be
            # placed before or after the count it follows.
            "released_at": {
                "required": "Give the date and the time the figures came out: a date alone "
                "cannot place a release among the others."
            },
        }
        help_texts = {
            "ballots_counted": "A release may give only this, or the ballots left, as a press "
            "report does: then leave every candidate's row empty.",
        }

    def clean_released_at(self):
        released_at = self.cleaned_data["released_at"]
        if released_at > timezone.now():
            raise ValidationError("This time is still to come: enter when the figures came out.")
        return released_at

    def clean(self):
        cleaned = super().clean()
        election, released_at = cleaned.get("election"), cleaned.get("released_at")
        if election and released_at:
            same_time = Release.objects.filter(election=election, released_at=released_at)
            if self.instance.pk:
                same_time = same_time.exclude(pk=self.instance.pk)
            if same_time.exists():
                self.add_error(
                    "released_at",
                    "This election already has a release at this time; "
                    "correct that one instead of adding another.",
                )
            reasons = unusual_release(election, released_at)
            if reasons and not cleaned.get("confirmed"):
                self.add_error(
                    "confirmed",
                    f"Check this release: {'; '.join(reasons)}. Tick the box to enter it.",
                )
        return cleaned


class CandidacyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, candidacy):
        return candidacy.name


class VoteCountForm(forms.ModelForm):
    votes = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=LARGEST_COUNT,
        widget=forms.NumberInput(attrs={"size": 10}),
        error_messages={
            "min_value": "Votes cannot be negative.",
            "max_value": "That is more votes than any count can hold: check for a typo.",
        },
    )
    reported_share = forms.DecimalField(
        label="share (%)",
        required=False,
        min_value=0,
        max_value=100,
        max_digits=6,
        decimal_places=3,
        help_text="Only where the source gave a percentage and no votes.",
        error_messages={
            "min_value": "A share cannot be negative.",
            "max_value": "A share cannot be above 100%%.",
        },
    )

    class Meta:
        model = VoteCount
        fields = ["candidacy", "votes", "reported_share"]
        field_classes = {"candidacy": CandidacyChoiceField}

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and cleaned.get("votes") is None
            and cleaned.get("reported_share") is None
            and not cleaned.get("DELETE")
        ):
            raise ValidationError("Give the votes, or the share where the source gave only that.")
        return cleaned


class VoteCountFormSet(LabelledRowsFormSet):
    """Checks across the rows of one release."""

    def row_name(self, form, index):
        # A row is a candidate's: new rows come with their candidacy filled in.
        candidacy_id = form.instance.candidacy_id or form.initial.get("candidacy")
        if candidacy_id:
            candidacy = Candidacy.objects.select_related("candidate").filter(pk=candidacy_id)
            if found := candidacy.first():
                return found.name
        return super().row_name(form, index)

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        election_id = self.instance.election_id
        seen = set()
        shares = []
        votes = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            candidacy = data.get("candidacy")
            if candidacy is None:
                continue
            if election_id and candidacy.election_id != election_id:
                raise ValidationError(
                    f"{candidacy.name} does not stand in this election; "
                    "enter figures only for its own candidates."
                )
            if candidacy.pk in seen:
                raise ValidationError(f"{candidacy.name} has two rows; keep one.")
            seen.add(candidacy.pk)
            shares.append(data.get("reported_share"))
            votes[candidacy.name] = data.get("votes")
        total = shares_over_100(shares)
        if total is not None:
            raise ValidationError(
                f"The shares add up to {total}%, more than 100%: check for a typo."
            )
        release = self.instance
        gives_votes = any(v is not None for v in votes.values()) or any(
            s is not None for s in shares
        )
        # A figure the release form refused (a typo in ballots counted) is not "no figure":
        # that form says what is wrong with it.
        typed = any(self.data.get(name, "").strip() for name in BALLOT_FIELDS)
        problem = nothing_released(gives_votes, release.ballots_counted, release.ballots_remaining)
        if problem and not typed:
            raise ValidationError(
                f"This release {problem}. Enter the candidates' votes (or shares), or, for a "
                "release of ballots alone, the ballots counted or left to count."
            )
        if problem := votes_beyond_ballots(votes.values(), release.ballots_counted):
            raise ValidationError(problem)
        # Without a valid time (the release form says why) there is nothing before it.
        if release.released_at and not release.is_correction:
            ballots_before, votes_before = release.figures_before()
            went_down = counts_gone_down(
                release.ballots_counted, votes, ballots_before, votes_before
            )
            if went_down:
                raise ValidationError(
                    f"Since the releases before, {'; '.join(went_down)}. Counts only grow: "
                    "check for a typo, or tick “corrects earlier figures” if the source "
                    "corrected its count."
                )


def rows_to_fill(election_id, release=None):
    """The candidacies of the election without a row in this release yet, by name."""
    candidacies = Candidacy.objects.filter(election_id=election_id).select_related("candidate")
    if release is not None and release.pk:
        candidacies = candidacies.exclude(vote_counts__release=release)
    return list(candidacies.order_by("candidate__name"))
