"""Django settings: wiring only. Every FONDS_* value comes from fonds.conf."""

from __future__ import annotations

from importlib.machinery import ModuleSpec
from importlib.util import find_spec
from pathlib import Path
from typing import cast

from fonds import conf

FONDS = conf.load()
BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = FONDS.secret_key
DEBUG = FONDS.debug
ALLOWED_HOSTS = FONDS.allowed_hosts
FONDS_INDEX_DIR = FONDS.index_dir
FONDS_SEARCH_BACKEND = FONDS.search_backend

INSTALLED_APPS = [
    # The admin without autodiscovery at start-up: urls.py discovers the apps' admin modules,
    # so commands that serve no pages (ingest, import) do not import forms and the admin.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "fonds.authorities",
    "fonds.archive",
    "fonds.search",
    "fonds.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fonds.site.middleware.ContentSecurityPolicy",
]

ROOT_URLCONF = "fonds.project.urls"
WSGI_APPLICATION = "fonds.project.wsgi.application"

# django-ninja's API docs page uses its own template and Swagger UI files (never a CDN). They
# are found by path rather than by listing "ninja" in INSTALLED_APPS, which would import ninja
# and pydantic (a quarter of a second) in every command, not only in the web process.
_NINJA = Path(cast(ModuleSpec, find_spec("ninja")).origin or "").parent
STATICFILES_DIRS = [_NINJA / "static"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [_NINJA / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": FONDS.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Static files are served from the apps by whitenoise's finders; STATIC_ROOT is only where
# `collectstatic` would copy them. Whitenoise warns at every start when that folder does not
# exist (an error under the tests' filterwarnings), so name it only once it does.
_COLLECTED_STATIC = FONDS.index_dir.parent / "fonds-static"
STATIC_ROOT = _COLLECTED_STATIC if _COLLECTED_STATIC.is_dir() else None
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# The page, not a frame on someone else's page; no sniffing content types.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "fonds": {"handlers": ["console"], "level": "INFO"},
        # Server errors (500) with their tracebacks go to the server's log.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
