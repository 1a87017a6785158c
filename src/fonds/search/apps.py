from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "fonds.search"
    label = "fonds_search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Listening to the archive's writes is how the index queue stays in step with the
        # database: the receivers enqueue inside the writing transaction.
        from fonds.search import signals

        signals.connect()
