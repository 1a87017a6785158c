"""URL parameters -> SearchRequest: hostile values are cleaned or bounded, never raised."""

from __future__ import annotations

from fonds.core.search.params import MAX_PAGE_SIZE, search_request
from fonds.core.search.query import Term


def test_filters_and_dates() -> None:
    request = search_request(
        {"q": ["howitzers"], "person": ["Kim Byeong-jik"], "from": ["May 1965"], "to": ["1966"]}
    )
    assert request.query.clauses == (Term("howitzers"),)
    assert request.filters == {"people": ("Kim Byeong-jik",)}
    assert (request.date_from, request.date_to) == (19650501, 19661231)
    assert request.sort == "relevance"


def test_control_characters_are_removed() -> None:
    request = search_request({"person": ["Kim\x00 Il\x1f Sung"], "place": ["\x00"]})
    assert request.filters == {"people": ("Kim Il Sung",)}


def test_paging_is_bounded() -> None:
    assert search_request({"page": ["-5"], "page_size": ["100000"]}).limit == MAX_PAGE_SIZE
    assert search_request({"page": ["-5"]}).offset == 0
    assert search_request({"page": ["abc"], "page_size": ["x"]}).limit == 20
    assert search_request({"page": ["999999999"]}).offset == 10_000


def test_without_query_the_newest_come_first() -> None:
    assert search_request({}).sort == "newest"
    assert search_request({"sort": ["drop table"]}).sort == "newest"
    assert search_request({"sort": ["oldest"]}).sort == "oldest"
