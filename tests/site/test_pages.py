"""The public pages on the two seeds: home, search, the document page; hostile content; bad
parameters (issue 2, "What a user can do" 2 and 3)."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.helpers import ingest
from tests.site.conftest import Seeds
from tests.site.seed_facts import (
    APRIL_CITATION,
    APRIL_CREDIT,
    APRIL_DISPLAY,
    APRIL_LANGUAGE,
    APRIL_LEVELS,
    APRIL_REPOSITORY,
    APRIL_SOURCE_URL,
    APRIL_SUMMARY,
    APRIL_TEXT_HEADING,
    APRIL_TITLE,
    MAY_DISPLAY,
    MAY_EDTF,
    MAY_EMPTY_LABELS,
    MAY_PEOPLE,
    MAY_RIGHTS_START,
    MAY_SUMMARY,
    MAY_TEXT_END,
    MAY_TEXT_START,
    MAY_TITLE,
    PARTICIPANTS,
    by_class,
    parse,
    text_of,
)

from fonds.archive.models import Document
from fonds.archive.services import document_save_edits, document_upsert
from fonds.core.records import DateSpan, DocumentRecord, Text, TextKind
from fonds.search.services import index_catch_up


def _get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def _page_url(document: Document) -> str:
    return f"/documents/{document.public_id}"


# -- home ----------------------------------------------------------------------------------------


def test_home_lists_both_documents_newest_first(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, "/"))
    items = by_class(tree, "document-item", "li")
    links = [item.xpath(".//a/@href")[0] for item in items]
    assert links == [_page_url(seeds.may), _page_url(seeds.april)]
    assert [text_of(item.xpath(".//a")[0]) for item in items] == [MAY_TITLE, APRIL_TITLE]
    assert [text_of(by_class(item, "date")[0]) for item in items] == [MAY_DISPLAY, APRIL_DISPLAY]


def test_home_orders_by_date_not_by_ingest_order(client: Client, db: None) -> None:
    april = ingest(SEED_MARKDOWN)[0][0]  # the older record first this time
    may = ingest(SEED_PAGETEXT)[0][0]
    links = parse(_get(client, "/")).xpath("//li[contains(@class, 'document-item')]/a/@href")
    assert links == [_page_url(may), _page_url(april)]


# -- search --------------------------------------------------------------------------------------


def test_search_finds_the_howitzers_record_with_a_highlighted_snippet(
    client: Client, seeds: Seeds
) -> None:
    body = _get(client, "/search?q=howitzers")
    tree = parse(body)
    results = by_class(tree, "result", "li")
    assert len(results) == 1
    assert results[0].xpath(".//a/@href")[0] == _page_url(seeds.may)
    assert text_of(results[0].xpath(".//a")[0]) == MAY_TITLE
    snippet = by_class(results[0], "snippet")
    assert snippet, "the result carries a snippet"
    assert [m.text for m in snippet[0].xpath(".//mark")] == ["howitzers"]
    assert "<mark>howitzers</mark>" in body
    assert text_of(by_class(tree, "result-count")[0]).startswith("1 result ")


def _facets(tree: object) -> dict[str, dict[str, int]]:
    facets = {}
    for section in by_class(tree, "facet", "section"):  # type: ignore[arg-type]
        counts = {}
        for item in section.xpath(".//li[not(contains(@class, 'facet-empty'))]"):
            counts[text_of(item.xpath(".//a")[0])] = int(text_of(by_class(item, "facet-count")[0]))
        facets[section.get("data-facet")] = counts
    return facets


def test_search_shows_facet_counts_of_the_matching_documents(client: Client, seeds: Seeds) -> None:
    facets = _facets(parse(_get(client, "/search?q=howitzers")))
    assert facets["people"] == dict.fromkeys(MAY_PEOPLE, 1)
    assert facets["year"] == {"1965": 1}
    assert facets["language"] == {}  # 000 names no original language; 004 does not match
    assert facets["places"] == {}  # neither seed names a place: the section says so
    assert set(facets) == {"people", "places", "year", "language"}

    both = _facets(parse(_get(client, "/search?q=Kuznetsov")))
    assert both["people"] == {**dict.fromkeys(MAY_PEOPLE, 1), **dict.fromkeys(PARTICIPANTS, 2)}
    assert both["year"] == {"1965": 2}
    assert both["language"] == {APRIL_LANGUAGE: 1}


def test_a_facet_link_narrows_the_results(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, "/search?q=Kuznetsov"))
    (section,) = [
        s for s in by_class(tree, "facet", "section") if s.get("data-facet") == "language"
    ]
    href = section.xpath(".//a/@href")[0]
    narrowed = parse(_get(client, "/search" + href))
    assert [r.xpath(".//a/@href")[0] for r in by_class(narrowed, "result", "li")] == [
        _page_url(seeds.april)
    ]


def test_a_search_limited_to_a_field_and_the_tips_that_explain_it(
    client: Client, seeds: Seeds
) -> None:
    def found(query: str) -> list[str]:
        tree = parse(_get(client, "/search?q=" + query))
        return [r.xpath(".//a/@href")[0] for r in by_class(tree, "result", "li")]

    assert found("howitzers") == [_page_url(seeds.may)]  # in the May record's text
    assert found("text:howitzers") == [_page_url(seeds.may)]
    assert found("title:howitzers") == []  # in no title
    assert sorted(found("title:kuznetsov")) == sorted(
        [_page_url(seeds.may), _page_url(seeds.april)]
    )
    tips = text_of(by_class(parse(_get(client, "/search?q=x")), "search-tips", "details")[0])
    assert "title:" in tips and "person:" in tips


def test_search_without_matches_says_so(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, "/search?q=zeppelin"))
    assert by_class(tree, "result", "li") == []
    assert text_of(by_class(tree, "result-count")[0]).startswith("0 results")


# -- the document page ---------------------------------------------------------------------------


def _field(tree: object, css_class: str) -> str:
    found = by_class(tree, css_class, "dd")  # type: ignore[arg-type]
    assert len(found) == 1, css_class
    return text_of(found[0])


def test_document_page_000_title_date_summary(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, _page_url(seeds.may)))
    assert [text_of(h) for h in tree.xpath("//h1")] == [MAY_TITLE]
    assert text_of(tree.xpath("//p[@class='date']/time")[0]) == MAY_DISPLAY
    assert text_of(by_class(tree, "edtf")[0]) == MAY_EDTF
    assert _field(tree, "field-summary") == MAY_SUMMARY


def test_document_page_000_contents_in_paragraphs_with_supplied_text(
    client: Client, seeds: Seeds
) -> None:
    tree = parse(_get(client, _page_url(seeds.may)))
    (section,) = by_class(tree, "text", "section")
    paragraphs = [text_of(p) for p in by_class(section, "body")[0].xpath("./p")]
    assert len(paragraphs) >= 5
    assert paragraphs[0].startswith(MAY_TEXT_START)
    assert paragraphs[-1].endswith(MAY_TEXT_END)
    contents = text_of(section)
    assert MAY_SUMMARY not in contents  # the summary after the signature is not part of the text
    assert "21 May 1965" not in contents  # nor is the repeated date line under the title
    supplied = [text_of(s) for s in by_class(section, "ed-supplied", "span")]
    assert "[from the Soviet Union]" in supplied
    assert "[from the Soviet Union]" not in [text_of(s) for s in by_class(section, "ed-omission")]


def test_document_page_000_people_and_rights(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, _page_url(seeds.may)))
    people = _field(tree, "field-people")
    for name in PARTICIPANTS:
        assert name in people
    (rights,) = by_class(tree, "rights", "section")
    assert MAY_RIGHTS_START in text_of(rights)
    assert "HAPP@wilsoncenter.org" in text_of(rights)


def test_document_page_000_shows_no_value_for_empty_labels(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, _page_url(seeds.may)))
    labels = [text_of(dt) for dt in tree.xpath("//dl[contains(@class, 'fields')]/dt")]
    for absent in ("Author(s)", "Authors", "Source", "Original archive", "Places", "Topics"):
        assert absent not in labels
    for css_class in (
        "field-source",
        "field-original-archive",
        "field-archival-reference",
        "field-places",
    ):
        assert by_class(tree, css_class) == [], css_class
    page_text = text_of(tree.xpath("//main")[0])
    for label in MAY_EMPTY_LABELS:  # never the text of the next label shown as a value
        assert label not in page_text, label


def test_document_page_004_citation_source_language_archive_credits(
    client: Client, seeds: Seeds
) -> None:
    tree = parse(_get(client, _page_url(seeds.april)))
    assert [text_of(h) for h in tree.xpath("//h1")] == [
        APRIL_TITLE
    ]  # the heading is no second title
    assert text_of(tree.xpath("//p[@class='date']/time")[0]) == APRIL_DISPLAY
    assert _field(tree, "field-summary") == APRIL_SUMMARY
    assert _field(tree, "field-citation") == APRIL_CITATION
    (source,) = by_class(tree, "field-source-url", "dd")
    assert source.xpath(".//a/@href") == [APRIL_SOURCE_URL]
    assert _field(tree, "field-languages") == APRIL_LANGUAGE
    archive = _field(tree, "field-archival-reference")
    assert archive.startswith(APRIL_REPOSITORY)
    assert ", ".join(f"{kind} {value}" for kind, value in APRIL_LEVELS) in archive
    assert _field(tree, "field-credits") == APRIL_CREDIT


def test_document_page_004_contents_mark_omissions(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, _page_url(seeds.april)))
    (section,) = by_class(tree, "text", "section")
    paragraphs = [text_of(p) for p in by_class(section, "body")[0].xpath("./p")]
    assert paragraphs[0].startswith(APRIL_TEXT_HEADING)
    assert len(paragraphs) >= 5
    omissions = [text_of(s) for s in by_class(section, "ed-omission", "span")]
    assert "[ ...]" in omissions
    assert "[...]" in omissions
    supplied = [text_of(s) for s in by_class(section, "ed-supplied", "span")]
    assert "[Kuznetsov]" in supplied
    assert not set(omissions) & set(supplied)


def test_unknown_document_is_404(client: Client, seeds: Seeds) -> None:
    _get(client, "/documents/nosuchdoc0", status=404)
    _get(client, "/documents/" + seeds.may.public_id.upper(), status=404)


def test_a_draft_document_is_not_public(client: Client, seeds: Seeds) -> None:
    seeds.april.status = Document.Status.DRAFT
    document_save_edits(seeds.april)
    index_catch_up()
    _get(client, _page_url(seeds.april), status=404)
    assert seeds.april.public_id not in _get(client, "/")
    assert seeds.april.public_id not in _get(client, "/search?q=Kuznetsov")


# -- hostile content -----------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile(db: None) -> Document:
    record = DocumentRecord(
        source_key="test:hostile",
        title=f"Hostile {SCRIPT} title {IMG}",
        date=DateSpan("1966-03-01", "March 1, 1966"),
        summary=f"Hostile summary {SCRIPT} {IMG}",
        citation=f"Citation {SCRIPT}",
        source_url="javascript:alert(1)",
        original_languages=(f"Russian{IMG}",),
        topics=(f"topic {SCRIPT}",),
        credits=(f"credit {IMG}",),
        rights=f"Rights {SCRIPT}",
        texts=(
            Text(
                TextKind.TRANSLATION,
                "English",
                f"Hostile body {SCRIPT} and {IMG}.\n\nA bracket [{SCRIPT}] and [{IMG}] and [...].",
            ),
        ),
    )
    document, _ = document_upsert(record)
    index_catch_up()
    return document


def _assert_inert(body: str) -> None:
    tree = parse(body)
    assert tree.xpath("//script") == []
    assert tree.xpath("//img") == []
    assert tree.xpath("//*[@onerror]") == []
    assert "<script" not in body.lower()
    assert "<img" not in body.lower()
    assert 'href="javascript:' not in body.lower().replace(" ", "")


def test_hostile_document_page_is_escaped(client: Client, hostile: Document) -> None:
    body = _get(client, _page_url(hostile))
    _assert_inert(body)
    tree = parse(body)
    # escaped, i.e. shown as text, not dropped
    assert text_of(tree.xpath("//h1")[0]) == f"Hostile {SCRIPT} title {IMG}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert SCRIPT in text_of(by_class(tree, "text", "section")[0])
    hrefs = [href.strip().lower() for href in tree.xpath("//@href")]
    assert not [href for href in hrefs if href.startswith("javascript")]


def test_hostile_content_in_lists_and_snippets_is_escaped(
    client: Client, hostile: Document
) -> None:
    _assert_inert(_get(client, "/"))
    body = _get(client, "/search?q=hostile")
    _assert_inert(body)
    assert hostile.public_id in body
    _assert_inert(_get(client, "/search?q=alert"))
    _assert_inert(_get(client, "/search?q=" + "%3Cscript%3Ealert(1)%3C/script%3E"))


# -- bad parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/?page=abc",
        "/?page=-5",
        "/?page=0",
        "/?page=99999999999999999999999",
        "/search?q=howitzers&page=abc",
        "/search?q=howitzers&page=-5",
        "/search?q=howitzers&page_size=100000",
        "/search?q=howitzers&page_size=-3&page=abc",
        "/search?q=howitzers&page=99999999999999999999999",
        "/search?q=howitzers&year=abc&from=garbage&to=13-45&sort=nonsense",
    ],
)
def test_garbage_pagination_does_not_crash(client: Client, seeds: Seeds, url: str) -> None:
    _get(client, url)


def test_page_size_is_capped_and_a_page_past_the_end_is_empty(client: Client, seeds: Seeds) -> None:
    tree = parse(_get(client, "/search?q=Kuznetsov&page_size=100000"))
    assert len(by_class(tree, "result", "li")) == 2
    tree = parse(_get(client, "/search?q=Kuznetsov&sort=newest&page_size=1&page=2"))
    assert [r.xpath(".//a/@href")[0] for r in by_class(tree, "result", "li")] == [
        _page_url(seeds.april)
    ]
    tree = parse(_get(client, "/search?q=Kuznetsov&page=500"))
    assert by_class(tree, "result", "li") == []


def test_public_pages_forbid_scripts(client: Client, seeds: Seeds) -> None:
    for path in ("/", "/search?q=howitzers", "/collections"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "script-src 'none'" in policy and "object-src 'none'" in policy
    assert "Content-Security-Policy" not in client.get("/admin/login/").headers


def test_date_range_and_order_from_the_search_form(client: Client, seeds: Seeds) -> None:
    page = client.get("/search?q=Kuznetsov&from=May+1965&to=1965-12&sort=oldest").content.decode()
    assert "1 result " in page
    assert MAY_DISPLAY in page and APRIL_TITLE not in page
    assert 'name="from" value="May 1965"' in page
    assert '<option value="oldest" selected>' in page
    both = client.get("/search?q=Kuznetsov&sort=oldest").content.decode()
    assert both.index(APRIL_TITLE) < both.index(MAY_TITLE)


def test_year_facet_lists_years_in_order(client: Client, seeds: Seeds) -> None:
    from dataclasses import replace

    from tests.conftest import SEED_PAGETEXT
    from tests.helpers import records_of

    from fonds.archive.services import document_upsert
    from fonds.core.records import DateSpan
    from fonds.search.services import index_catch_up

    (record,) = records_of(SEED_PAGETEXT)
    for year in (1971, 1950):
        document_upsert(replace(record, source_key=f"k{year}", date=DateSpan(str(year), str(year))))
    index_catch_up()
    facets = _facets(parse(_get(client, "/search?q=Kuznetsov")))
    assert list(facets["year"]) == ["1950", "1965", "1971"]
