"""The back office for documents. Saves go through archive.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from fonds.archive.models import Collection, Document, DocumentPerson, DocumentPlace, DocumentText
from fonds.archive.services import document_save_edits
from fonds.core.extraction.dates import bounds


class DocumentForm(forms.ModelForm):
    source_url = forms.URLField(assume_scheme="https", required=False, max_length=1000)

    class Meta:
        model = Document
        fields = "__all__"

    def clean_date_edtf(self) -> str:
        value: str = self.cleaned_data.get("date_edtf", "").strip()
        if value and bounds(value) is None:
            raise forms.ValidationError(
                "Not an EDTF date: use 1965-05-21, 1965-05, 1965, 1965-05~ (approximate), "
                "1965? (uncertain) or 1965-04/1965-06 (interval)."
            )
        return value


class TextInline(admin.StackedInline):
    model = DocumentText
    extra = 0


class PersonLinkInline(admin.TabularInline):
    model = DocumentPerson
    extra = 0
    autocomplete_fields = ["person"]


class PlaceLinkInline(admin.TabularInline):
    model = DocumentPlace
    extra = 0
    autocomplete_fields = ["place"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentForm
    list_display = ["title", "date_display", "status", "source_format", "public_id", "updated_at"]
    list_filter = ["status", "source_format", "collection"]
    search_fields = ["title", "public_id", "summary"]
    readonly_fields = ["public_id", "source_key", "source_format", "created_at", "updated_at"]
    autocomplete_fields = ["collection"]
    inlines = [TextInline, PersonLinkInline, PlaceLinkInline]
    actions = ["publish", "unpublish"]

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        document_save_edits(obj)

    @admin.action(description="Publish the selected documents")
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        for document in queryset:
            document.status = Document.Status.PUBLISHED
            document_save_edits(document)

    @admin.action(description="Withdraw the selected documents from the public site")
    def unpublish(self, request: HttpRequest, queryset: Any) -> None:
        for document in queryset:
            document.status = Document.Status.DRAFT
            document_save_edits(document)


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "parent"]
    search_fields = ["title", "key"]
