"""Search latency on the FRUS volumes: fonds against the bare engine, in one run.

    .venv/bin/python bench/search_frus.py ARCHIVE_DIR

ARCHIVE_DIR holds a fonds archive (fonds.sqlite3 and fonds-index/) with the FRUS volumes
ingested. The bare engine is tantivy itself on that same index: the query parsed by tantivy,
ranked top 20. fonds is `search_documents`: our query parser, the engine query, top 20, facet
counts (people, places, year, language, topics), snippets, and the re-check of every hit against
the database: everything a result page needs. In between, the bare engine doing the same
engine work as a result page (top 20, facet aggregations, snippets). Queries are words and
two-word phrases drawn from the corpus' titles with a fixed seed.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def queries(titles: list[str], count: int = 300) -> list[str]:
    rng = random.Random(1965)
    words = [w.strip(".,;:()[]\"'").lower() for t in titles for w in t.split()]
    words = [w for w in words if len(w) > 3 and w.isalpha()]
    chosen = [rng.choice(words) for _ in range(count // 2)]
    chosen += [f'"{rng.choice(words)} {rng.choice(words)}"' for _ in range(count // 4)]
    chosen += [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(count - len(chosen))]
    return chosen


def timed(run: object, items: list[str]) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        run(item)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    archive = Path(sys.argv[1]).absolute()
    os.environ["FONDS_DATABASE_URL"] = f"sqlite:///{archive / 'fonds.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "fonds.project.settings"
    import django

    django.setup()
    import tantivy

    from fonds.archive.models import Document
    from fonds.core.search.params import search_request
    from fonds.core.visibility import public_gate
    from fonds.search.selectors import search_documents

    titles = list(Document.objects.values_list("title", flat=True))
    sample = queries(titles)
    index = tantivy.Index.open(str(archive / "fonds-index"))
    index.reload()
    searcher = index.searcher()

    def bare(text: str) -> None:
        try:
            query = index.parse_query(text, ["title", "summary", "body", "names"])
        except ValueError:
            return
        searcher.search(query, 20, count=True)

    facets = {
        name: {"terms": {"field": f"facet_{name}", "size": 15}}
        for name in ("people", "places", "language", "topics", "year")
    }

    def bare_page(text: str) -> None:
        """The engine doing a result page's engine work: top 20, the five facet counts, and a
        snippet per hit (no query language, no database)."""
        try:
            query = index.parse_query(text, ["title", "summary", "body", "names"])
        except ValueError:
            return
        found = searcher.search(query, 20, count=True)
        searcher.aggregate(query, facets)
        snippets = tantivy.SnippetGenerator.create(searcher, query, index.schema, "body")
        for _score, address in found.hits:
            snippets.snippet_from_doc(searcher.doc(address))

    def fonds(text: str) -> None:
        search_documents(search_request({"q": [text]}), public_gate())

    for run in (bare, bare_page, fonds):  # warm all: first touches of the index and the database
        timed(run, sample[:20])
    results = {}
    for name, run in (("bare", bare), ("bare_page", bare_page), ("fonds", fonds)):
        times = timed(run, sample)
        results[name] = {
            "p50": statistics.median(times),
            "p95": percentile(times, 0.95),
            "mean": statistics.fmean(times),
        }
    print(json.dumps({"queries": len(sample), "documents": len(titles), **results}))


if __name__ == "__main__":
    main()
