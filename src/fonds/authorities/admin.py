"""The back office for people and places. Saves go through authorities.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from fonds.authorities.models import Person, PersonName, Place
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


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonForm
    list_display = ["name", "description", "authority_key", "public_id"]
    search_fields = ["name", "names__name", "authority_key", "public_id"]
    readonly_fields = ["public_id", "name_key"]
    inlines = [PersonNameInline]

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        person_save_edits(obj)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "public_id"]
    search_fields = ["name", "public_id"]
    readonly_fields = ["public_id", "name_key"]

    def save_model(self, request: HttpRequest, obj: Place, form: Any, change: bool) -> None:
        place_save_edits(obj)
