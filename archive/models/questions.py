"""What the linker asks the desk about a story, and the editor's answer.

The linker writes the open questions each time it links a story (archive.questions says
which); an answered one stays, and the linker reads the answer back on every relink: an
accepted name links to the candidate chosen, an accepted figure to the release chosen, a
dismissed question is not asked again.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from candidates.models import Candidate


class LinkQuestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=LinkQuestion.Status.OPEN)


class CannotDecide(ValueError):
    """An answer the question does not allow; the message says why, for the desk."""


class LinkQuestion(models.Model):
    class Kind(models.TextChoices):
        SURNAME = "surname", "Surname left unresolved"
        AMBIGUOUS = "ambiguous", "Ambiguous name"
        FIGURE = "figure", "Figure matching no count"
        PERSON = "person", "Person who is no candidate"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    article = models.ForeignKey(
        "archive.Article", on_delete=models.CASCADE, related_name="link_questions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=200, help_text="The name or figure, as written.")
    context = models.CharField(max_length=200, blank=True, help_text="The sentence it is in.")
    # Candidate ids for names, release ids for figures: what the editor can choose.
    options = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    candidate = models.ForeignKey(
        "candidates.Candidate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Whom an accepted name is.",
    )
    release = models.ForeignKey(
        "elections.Release",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Which count an accepted figure is from.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(auto_now_add=True)

    objects = LinkQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "linking question"
        ordering = ["-asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "text"], name="link_question_once_per_story"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["surname", "ambiguous", "figure", "person"]),
                name="link_question_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "accepted", "dismissed"]),
                name="link_question_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="link_question_open_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    def accept(self, choice, user):
        """Settle the question with one of its options (a candidate id for a name, a release
        id for a figure); for a person, choice is the candidate the name is a press name of,
        or None for a new candidate of that name. Relinks the story."""
        if self.status != self.Status.OPEN:
            raise CannotDecide(f"“{self.text}” was already {self.get_status_display().lower()}.")
        allowed = choice in self.options or (self.kind == self.Kind.PERSON and choice is None)
        if not allowed:
            raise CannotDecide(f"That is not one of the answers offered for “{self.text}”.")
        with transaction.atomic():
            if self.kind == self.Kind.FIGURE:
                self.release_id = choice
            elif self.kind == self.Kind.PERSON:
                self.candidate = self._person(choice)
            else:
                self.candidate_id = choice
            self._decide(self.Status.ACCEPTED, user)

    def dismiss(self, user):
        """Not a question worth answering: it is not asked again for this story."""
        if self.status != self.Status.OPEN:
            raise CannotDecide(f"“{self.text}” was already {self.get_status_display().lower()}.")
        with transaction.atomic():
            self._decide(self.Status.DISMISSED, user)

    def _person(self, candidate_id):
        # The name becomes one the linker finds: a press name of someone, or a new person.
        if candidate_id is None:
            return Candidate.objects.create(name=self.text, slug=_free_slug(self.text))
        candidate = Candidate.objects.select_for_update().get(pk=candidate_id)
        if self.text not in candidate.press_names:
            candidate.press_names = [*candidate.press_names, self.text]
            candidate.save()
        return candidate

    def _decide(self, status, user):
        self.status = status
        self.decided_by = user
        self.decided_at = timezone.now()
        self.save()
        self.article.link()  # the linker reads the answer back


def _free_slug(name):
    base = slugify(name)[: Candidate._meta.get_field("slug").max_length - 4] or "candidate"
    slug, number = base, 1
    while Candidate.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
