"""Search parameters as pages and the API receive them -> a SearchRequest. Never raises."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fonds.core.extraction.dates import bounds, parse_date
from fonds.core.search.contract import SearchRequest
from fonds.core.search.facets import FACETS
from fonds.core.search.query import parse

FILTER_PARAMS = {facet.param: facet.name for facet in FACETS}  # URL parameter -> facet
SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100


def search_request(
    params: Mapping[str, Sequence[str]], default_page_size: int = 20
) -> SearchRequest:
    params = {key: [clean_text(v) for v in values] for key, values in params.items()}
    text = _first(params, "q")
    filters = {
        facet: tuple(v for v in params.get(param, ()) if v)[:10]
        for param, facet in FILTER_PARAMS.items()
        if any(params.get(param, ()))
    }
    page = max(1, _int(_first(params, "page"), 1))
    size = min(MAX_PAGE_SIZE, max(1, _int(_first(params, "page_size"), default_page_size)))
    sort = _first(params, "sort")
    query = parse(text)
    return SearchRequest(
        query=query,
        filters=filters,
        date_from=_date_bound(_first(params, "from"), earliest=True),
        date_to=_date_bound(_first(params, "to"), earliest=False),
        sort=sort if sort in SORTS else ("relevance" if not query.is_empty else "newest"),
        offset=min((page - 1) * size, 10_000),
        limit=size,
    )


def clean_text(value: str) -> str:
    """Control characters never belong in a query or a facet value (and PostgreSQL refuses NUL)."""
    return "".join(ch for ch in value[:2000] if ch >= " " or ch == "\t")


def _first(params: Mapping[str, Sequence[str]], key: str) -> str:
    values = params.get(key) or ()
    return values[0].strip() if values else ""


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def _date_bound(value: str, *, earliest: bool) -> int:
    """ "1965", "1965-05", "May 1965" -> yyyymmdd of the first (or last) day; 0 if not a date."""
    date = parse_date(value) if value else None
    span = bounds(date.edtf) if date else None
    if span is None:
        return 0
    day = span[0] if earliest else span[1]
    return int(day.isoformat().replace("-", ""))
