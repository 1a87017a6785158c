"""URL wiring: pages, the back office, the JSON API."""

from django.contrib import admin
from django.urls import path

from fonds.project.api import api
from fonds.site import authority_views, views

admin.autodiscover()  # the admin is installed as SimpleAdminConfig (see settings)
admin.site.site_header = "fonds back office"
admin.site.site_title = "fonds"

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search, name="search"),
    path("documents/<str:public_id>", views.document, name="document"),
    path("collections", views.collections, name="collections"),
    path("collections/<path:key>", views.collection, name="collection"),
    path("people", authority_views.people, name="people"),
    path("people/<str:public_id>", authority_views.person, name="person"),
    path("organizations", authority_views.organizations, name="organizations"),
    path("organizations/<str:public_id>", authority_views.organization, name="organization"),
    path("places", authority_views.places, name="places"),
    path("places/<str:public_id>", authority_views.place, name="place"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
