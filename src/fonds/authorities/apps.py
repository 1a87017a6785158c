from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "fonds.authorities"
    verbose_name = "People and places"
