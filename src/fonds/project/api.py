"""The one NinjaAPI: routers from the apps, OpenAPI at /api/openapi.json."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from fonds.site.api import router as documents_router
from fonds.site.authority_api import router as authorities_router


class LocalSwagger(Swagger):
    """Swagger UI from ninja's own template and static files, never from a CDN. (ninja picks its
    CDN page unless "ninja" is in INSTALLED_APPS, which fonds avoids: see settings.)"""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api}
        return render(request, self.template, context)


api = NinjaAPI(
    title="fonds",
    version="1",
    description=(
        "Documents of the archive: search with facets, and full records; the people,"
        " organizations and places they name."
    ),
    urls_namespace="api",
    docs=LocalSwagger(),
)
api.add_router("/documents", documents_router)
api.add_router("/", authorities_router)
