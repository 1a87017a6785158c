"""The one NinjaAPI: routers from the apps, OpenAPI at /api/openapi.json."""

from ninja import NinjaAPI

from fonds.archive.api import router as documents_router

api = NinjaAPI(
    title="fonds",
    version="1",
    description="Documents of the archive: search with facets, and full records.",
    urls_namespace="api",
)
api.add_router("/documents", documents_router)
