"""WSGI entry point for gunicorn. The search index catches up with the database at start-up."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.project.settings")
application = get_wsgi_application()

from fonds.search.services import index_catch_up_safely  # noqa: E402  (needs Django set up)

index_catch_up_safely()
