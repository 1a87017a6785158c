from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "fonds.archive"
    verbose_name = "Archive"
