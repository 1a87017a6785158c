"""The served archive in a real Chromium (Debian's, driven by Playwright): search from the home
page, open a result, read the document; hostile records never run script (issue 2, 2-3)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page
from tests.e2e.conftest import CHROMIUM, MISSING, Archive
from tests.site.seed_facts import APRIL_TITLE, MAY_DISPLAY, MAY_EDTF, MAY_SUMMARY, MAY_TITLE

pytestmark = pytest.mark.browser


def test_debian_chromium_is_installed() -> None:
    assert CHROMIUM.exists(), MISSING  # a missing browser fails the run; it never skips


STYLE = """element => {
    const s = getComputedStyle(element);
    return [s.color, s.backgroundColor, s.fontStyle, s.fontFamily, s.fontVariant].join(" | ");
}"""


def test_search_from_the_home_page_and_read_the_document(archive: Archive, page: Page) -> None:
    page.goto(archive.base_url + "/")
    titles = page.locator("li.document-item > a").all_inner_texts()
    assert [t for t in titles if t in (MAY_TITLE, APRIL_TITLE)] == [MAY_TITLE, APRIL_TITLE]

    page.get_by_role("searchbox").fill("howitzers")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=howitzers")
    results = page.locator("li.result")
    assert results.count() == 1
    assert page.locator("p.result-count").inner_text().startswith("1 result")
    marks = results.locator("mark").all_inner_texts()
    assert [m.lower() for m in marks] == ["howitzers"]
    assert page.locator("section.facet").count() >= 2
    people = page.locator("section.facet[data-facet='people'] li")
    assert people.count() == 5  # the two participants, two who attended, the interpreter
    assert people.locator(".facet-count").all_inner_texts() == ["1"] * 5

    results.locator("a").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator("h1").inner_text() == MAY_TITLE
    assert page.locator("p.date time").inner_text() == MAY_DISPLAY
    assert page.locator("p.date .edtf").inner_text() == MAY_EDTF
    assert page.locator("dd.field-summary").inner_text() == MAY_SUMMARY
    assert page.locator("section.text .body p").count() >= 5


def test_supplied_text_and_omissions_look_different(archive: Archive, page: Page) -> None:
    page.goto(archive.base_url + "/")
    page.get_by_role("link", name=APRIL_TITLE, exact=True).click()
    page.wait_for_url("**/documents/*")
    body = page.locator("section.text .body")
    supplied = body.locator(".ed-supplied", has_text="[Kuznetsov]")
    omission = body.locator(".ed-omission").first
    assert supplied.count() == 1
    assert omission.inner_text() in ("[ ...]", "[...]")
    plain = body.locator("p").nth(1)
    supplied_style = supplied.evaluate(STYLE)
    omission_style = omission.evaluate(STYLE)
    plain_style = plain.evaluate(STYLE)
    assert supplied_style != omission_style
    assert supplied_style != plain_style
    assert omission_style != plain_style


def test_a_hostile_record_runs_no_script(
    archive: Archive, hostile_document: str, page: Page
) -> None:
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    for path in (f"/documents/{hostile_document}", "/search?q=hostile", "/search?q=script", "/"):
        page.goto(archive.base_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("main script, main img").count() == 0, path
    assert dialogs == []

    page.goto(archive.base_url + f"/documents/{hostile_document}")
    heading = page.locator("h1").inner_text()
    assert "<script>window.__xss=1</script>" in heading  # shown as text, not run, not lost
    assert "<script>window.__xss=5;alert(5)</script>" in page.locator("section.text").inner_text()


def test_follow_a_person_from_a_document_to_their_page(archive: Archive, page: Page) -> None:
    page.goto(archive.base_url + "/")
    page.get_by_role("link", name=MAY_TITLE, exact=True).click()
    page.wait_for_url("**/documents/*")
    page.locator("dd.field-people a", has_text="Kim Byeong-jik").first.click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == "Kim Byeong-jik"
    documents = page.locator("section.appearances li.document-item > a").all_inner_texts()
    assert documents == [APRIL_TITLE, MAY_TITLE]  # oldest first
    page.locator("section.companions").get_by_role("link", name="Vasily Kuznetsov").click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == "Vasily Kuznetsov"
    page.get_by_role("link", name="People", exact=True).last.click()
    page.get_by_role("link", name="V", exact=True).click()
    assert page.locator("ol.authorities li > a").all_inner_texts() == ["Vasily Kuznetsov"]
