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
