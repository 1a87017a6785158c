from django.contrib import admin

from fonds.authorities.models import Person, PersonName, Place


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "authority_key"]
    search_fields = ["name", "names__name", "authority_key"]
    inlines = [PersonNameInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
