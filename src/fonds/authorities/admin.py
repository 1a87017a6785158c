"""The back office for people and places, and the review queue of probable duplicates. Saves,
merges and splits go through authorities.services and authorities.merging."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from fonds.authorities.merging import MergeRefused, person_merge, person_split, review_decide
from fonds.authorities.models import Person, PersonName, Place, ReviewItem
from fonds.authorities.selectors import namesake_of
from fonds.authorities.services import person_save_edits, place_save_edits


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        """One person per name key among those known only by name: say which one holds it."""
        data: dict[str, Any] = super().clean() or {}
        if data.get("authority_key") or not data.get("name"):
            return data
        holder = namesake_of(data["name"], self.instance.pk)
        if holder is not None:
            raise forms.ValidationError(
                f"“{holder.name}” ({holder.public_id}) already has this name. Edit that person,"
                " or give this one an authority id to keep two people of one name apart."
            )
        return data


class MergedFilter(admin.SimpleListFilter):
    title = "standing"
    parameter_name = "standing"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("own", "Stands for themselves"), ("merged", "Merged into another")]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "own":
            return queryset.filter(merged_into=None)
        if self.value() == "merged":
            return queryset.exclude(merged_into=None)
        return queryset


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonForm
    list_display = ["name", "description", "authority_key", "merged_into", "public_id"]
    list_filter = [MergedFilter, "is_organization"]
    search_fields = ["name", "names__name", "authority_key", "public_id"]
    readonly_fields = ["public_id", "name_key", "merge_reason", "merged_at", "merged_by"]
    autocomplete_fields = ["merged_into"]
    inlines = [PersonNameInline]

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        """Edits as a curator's; a change of `merged_into` as a merge or a split (recorded
        with who and why, and never into a cycle)."""
        into = obj.merged_into
        before = Person.objects.filter(pk=obj.pk).values_list("merged_into", flat=True).first()
        obj.merged_into_id = before
        person_save_edits(obj)
        who = request.user.get_username()
        try:
            if into is not None and into.pk != before:
                person_merge(obj, into, f"merged by {who} in the back office", by=who)
            elif into is None and before is not None:
                person_split(obj, by=who)
        except MergeRefused as refused:
            messages.error(request, f"Not merged: {refused}")


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    """Probable duplicates, best first: merge them or keep them apart."""

    list_display = ["person", "candidate", "score", "reasons", "status", "decided_by"]
    list_filter = ["status"]
    search_fields = ["person__name", "candidate__name"]
    readonly_fields = [f.name for f in ReviewItem._meta.fields]
    actions = ["merge", "keep_apart"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Merge: they are one person")
    def merge(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, merge=True)

    @admin.action(description="Keep apart: they are different people")
    def keep_apart(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, merge=False)

    def _decide(self, request: HttpRequest, queryset: Any, *, merge: bool) -> None:
        who = request.user.get_username()
        for item in queryset.filter(status=ReviewItem.Status.OPEN):
            try:
                review_decide(item, merge=merge, by=who)
            except MergeRefused as refused:
                messages.warning(request, f"{item}: {refused}")


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "public_id"]
    search_fields = ["name", "public_id"]
    readonly_fields = ["public_id", "name_key"]

    def save_model(self, request: HttpRequest, obj: Place, form: Any, change: bool) -> None:
        place_save_edits(obj)
