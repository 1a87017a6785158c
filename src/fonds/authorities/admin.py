"""The back office for people and places. Saves go through authorities.services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fonds.authorities.models import Person, PersonName, Place
from fonds.authorities.services import person_save_edits, place_save_edits


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
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
