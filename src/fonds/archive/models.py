"""Documents, their texts, their collections, and their links to people and places. No I/O."""

from __future__ import annotations

from django.db import models

from fonds.authorities.models import Person, Place
from fonds.core.visibility import Status


class Collection(models.Model):
    """A volume, a series or a chapter; collections nest."""

    key = models.CharField(max_length=300, unique=True)
    title = models.TextField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = Status.PUBLISHED.value, "Published"
        DRAFT = Status.DRAFT.value, "Draft (not public)"

    public_id = models.CharField(max_length=16, unique=True, editable=False)
    source_key = models.TextField(unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    embargo_until = models.DateField(
        null=True,
        blank=True,
        help_text="Hidden from the public until this day, even when published.",
    )
    title = models.TextField()
    date_edtf = models.CharField("date (EDTF)", max_length=64, blank=True)
    date_display = models.CharField("date as written", max_length=200, blank=True)
    date_start = models.DateField(null=True, blank=True, editable=False, db_index=True)
    date_end = models.DateField(null=True, blank=True, editable=False)
    summary = models.TextField(blank=True)
    citation = models.TextField(blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    original_languages = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    archival_reference = models.JSONField(null=True, blank=True)
    credits = models.JSONField(default=list, blank=True)
    rights = models.TextField(blank=True)
    source = models.TextField(blank=True)
    original_archive = models.TextField(blank=True)
    source_note = models.TextField(blank=True)
    classification = models.CharField(max_length=200, blank=True)
    precedence = models.CharField(max_length=200, blank=True)
    glossary = models.JSONField(default=list, blank=True)
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    number = models.CharField(max_length=50, blank=True)
    source_format = models.CharField(max_length=30, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    people = models.ManyToManyField(Person, through="DocumentPerson", related_name="documents")
    places = models.ManyToManyField(Place, through="DocumentPlace", related_name="documents")

    class Meta:
        ordering = ["-date_start", "title"]
        permissions = [("view_unpublished", "Can see drafts and embargoed documents")]

    def __str__(self) -> str:
        return self.title


class DocumentText(models.Model):
    class Kind(models.TextChoices):
        TRANSLATION = "translation"
        ORIGINAL = "original"
        TRANSCRIPTION = "transcription"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TRANSLATION)
    language = models.CharField(max_length=60, blank=True)
    body = models.TextField(blank=True)
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class DocumentPerson(models.Model):
    # No index of its own: the unique constraint's index starts with the document, and serves
    # every lookup by document (an index's leading column); a second one only costs each write.
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="person_links", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="document_links")
    role = models.CharField(max_length=20)
    name_as_written = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    variants = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "person", "role"], name="unique_document_person_role"
            )
        ]


class DocumentPlace(models.Model):
    # indexed by the unique constraint, as DocumentPerson.document
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="place_links", db_index=False
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="document_links")
    role = models.CharField(max_length=20)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "place", "role"], name="unique_document_place_role"
            )
        ]
