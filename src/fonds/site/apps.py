from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "fonds.site"
    label = "fonds_site"
    verbose_name = "Public site"
