"""Authority records: people (and organizations) and places, with the name forms they go by."""

from __future__ import annotations

from django.db import models


class Person(models.Model):
    public_id = models.CharField(max_length=16, unique=True, editable=False)
    name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300, db_index=True, help_text="Normalized name.")
    authority_key = models.CharField(
        max_length=300,
        blank=True,
        help_text="The source's own identifier, e.g. a FRUS persons-list id.",
    )
    description = models.TextField(blank=True)
    is_organization = models.BooleanField(default=False)
    # One real person may come as several records (a persons-list entry per volume, a name in a
    # spreadsheet): the others point to the one that stands for them all, which keeps their
    # documents and names; a merged record's id answers with a redirect to it.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        help_text="The person this record is one of (set by a merge; cleared by a split).",
    )
    merge_reason = models.CharField(max_length=300, blank=True, db_default="")
    merged_at = models.DateTimeField(null=True, blank=True)
    merged_by = models.CharField(
        max_length=150, blank=True, db_default="", help_text="Who merged: a user or fonds."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["authority_key"],
                condition=~models.Q(authority_key=""),
                name="unique_person_authority_key",
            ),
            # a person known only by name is one person per name key: "KIM  Byeong-jik" finds
            # "Kim Byeong-jik", even when two ingests name them at once
            models.UniqueConstraint(
                fields=["name_key"],
                condition=models.Q(authority_key=""),
                name="unique_person_name_key",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PersonName(models.Model):
    """Another form of a person's name: a spelling, a romanization, an inverted form."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_person_name")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    public_id = models.CharField(max_length=16, unique=True, editable=False)
    name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReviewItem(models.Model):
    """Two people who are probably one: for an editor to merge or keep apart."""

    class Status(models.TextChoices):
        OPEN = "open", "To review"
        MERGED = "merged", "Merged"
        KEPT_APART = "kept_apart", "Kept apart"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reviews")
    candidate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "candidate"], name="unique_review_pair")
        ]

    def __str__(self) -> str:
        return f"{self.person} / {self.candidate}"
