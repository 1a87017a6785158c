"""The back office: curators log in, open and edit documents through the real admin forms, and
their edits reach the search index as soon as they commit (issue 2, "What a user can do" 6)."""

from __future__ import annotations

import html
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from tests.site.conftest import Seeds
from tests.site.seed_facts import APRIL_TITLE, MAY_TITLE, by_class, parse, text_of

from fonds.archive.models import Document
from fonds.authorities.models import Person
from fonds.core.search.params import search_request
from fonds.core.visibility import public_gate
from fonds.search.selectors import search_documents

CHANGELIST = "/admin/archive/document/"
CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _change_url(document: Document) -> str:
    return f"{CHANGELIST}{document.pk}/change/"


def _form_data(page: str, form_id: str = "document_form") -> dict[str, list[str]]:
    """What a browser would submit from this form, as it stands (the management forms included)."""
    (form,) = parse(page).xpath(f"//form[@id='{form_id}']")
    data: dict[str, list[str]] = {}
    for element in form.xpath(".//input | .//textarea | .//select"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "select":
            values = [o.get("value", o.text or "") for o in element.xpath(".//option[@selected]")]
            if not values and element.get("multiple") is None:
                options = element.xpath(".//option")
                values = [options[0].get("value", options[0].text or "")] if options else []
            data.setdefault(name, []).extend(values)
        elif element.tag == "textarea":
            text = element.text or ""
            data.setdefault(name, []).append(text.removeprefix("\r\n").removeprefix("\n"))
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and element.get("checked") is None:
                continue
            data.setdefault(name, []).append(
                element.get("value", "on" if kind == "checkbox" else "")
            )
    return data


def _found(word: str) -> list[str]:
    page = search_documents(search_request({"q": [word]}), public_gate())
    return [result.document.public_id for result in page.results]


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client, seeds: Seeds) -> None:
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_curator_logs_in_through_the_login_form(client: Client, seeds: Seeds) -> None:
    User.objects.create_user(
        "curator", password="a long pass phrase", is_staff=True, is_superuser=True
    )
    login = client.get("/admin/login/")
    data = _form_data(login.content.decode(), form_id="login-form")
    data.update(username=["curator"], password=["wrong"])
    assert client.post("/admin/login/", data).status_code == 200  # shown again, with an error
    assert client.get(CHANGELIST).status_code == 302
    data.update(password=["a long pass phrase"], next=[CHANGELIST])
    response = client.post("/admin/login/", data)
    assert response.status_code == 302
    assert client.get(CHANGELIST).status_code == 200


def test_changelist_lists_the_documents(admin_client: Client, seeds: Seeds) -> None:
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    rows = [text_of(a) for a in parse(response.content).xpath("//table[@id='result_list']//th/a")]
    assert sorted(rows) == sorted([MAY_TITLE, APRIL_TITLE])
    found = admin_client.get(CHANGELIST + "?q=discusses")  # the admin's own search (004's summary)
    assert [text_of(a) for a in parse(found.content).xpath("//table[@id='result_list']//th/a")] == [
        APRIL_TITLE
    ]


def test_change_form_shows_the_document_and_its_inlines(admin_client: Client, seeds: Seeds) -> None:
    response = admin_client.get(_change_url(seeds.april))
    assert response.status_code == 200
    data = _form_data(response.content.decode())
    assert data["title"] == [APRIL_TITLE]
    assert data["date_edtf"] == ["1965-04-17"]
    assert data["texts-TOTAL_FORMS"] == ["1"]
    assert data["texts-0-body"][0].startswith("RECORD OF CONVERSATION")
    assert int(data["person_links-TOTAL_FORMS"][0]) == 2


def test_editing_a_title_reaches_the_search_index_on_commit(
    admin_client: Client, seeds: Seeds, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    assert _found("quokka") == []
    url = _change_url(seeds.april)
    data = _form_data(admin_client.get(url).content.decode())
    data["title"] = [APRIL_TITLE + " (quokka edition)"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(url, data)
    assert response.status_code == 302, by_class(parse(response.content), "errorlist")
    assert response["Location"] == CHANGELIST
    assert callbacks, "the save scheduled the index catch-up for after the commit"
    seeds.april.refresh_from_db()
    assert seeds.april.title == APRIL_TITLE + " (quokka edition)"
    assert _found("quokka") == [seeds.april.public_id]
    # the rest of the record came through the round trip unchanged
    assert seeds.april.texts.count() == 1
    assert seeds.april.texts.get().body.startswith("RECORD OF CONVERSATION")
    assert seeds.april.person_links.count() == 2
    assert seeds.april.date_edtf == "1965-04-17"
    assert seeds.april.original_languages == ["Russian"]


def test_editing_a_date_updates_the_order_of_the_archive(
    admin_client: Client, seeds: Seeds
) -> None:
    url = _change_url(seeds.april)
    data = _form_data(admin_client.get(url).content.decode())
    data["date_edtf"] = ["1965-06-01"]
    data["date_display"] = ["June 1, 1965"]
    assert admin_client.post(url, data).status_code == 302
    home = parse(admin_client.get("/").content)
    links = home.xpath("//li[contains(@class, 'document-item')]/a/@href")
    assert links == [f"/documents/{seeds.april.public_id}", f"/documents/{seeds.may.public_id}"]


def test_a_bad_edtf_date_is_rejected_with_a_message(admin_client: Client, seeds: Seeds) -> None:
    url = _change_url(seeds.may)
    data = _form_data(admin_client.get(url).content.decode())
    data["date_edtf"] = ["1965-13-45"]
    data["title"] = ["A title that must not be saved"]
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    tree = parse(response.content)
    (field,) = by_class(tree, "field-date_edtf")
    errors = [text_of(e) for e in by_class(field, "errorlist")]
    assert errors, "the date field says what is wrong"
    assert "EDTF" in errors[0]
    seeds.may.refresh_from_db()
    assert seeds.may.date_edtf == "1965-05-21"
    assert seeds.may.title == MAY_TITLE


def test_a_namesake_known_only_by_name_is_refused_with_a_message(
    admin_client: Client, seeds: Seeds
) -> None:
    page = admin_client.get("/admin/authorities/person/add/").content.decode()
    data = _form_data(page, "person_form")
    data["name"] = ["KIM  byeong-jik"]
    refused = admin_client.post("/admin/authorities/person/add/", data)
    assert refused.status_code == 200
    holder = Person.objects.get(name="Kim Byeong-jik")
    shown = html.unescape(refused.content.decode())
    assert f"“Kim Byeong-jik” ({holder.public_id}) already has this name." in shown
    assert Person.objects.filter(name_key="kim byeong jik").count() == 1
    data["authority_key"] = ["curator#kim2"]  # a second person of that name, kept apart
    assert admin_client.post("/admin/authorities/person/add/", data).status_code == 302
    assert Person.objects.filter(name_key="kim byeong jik").count() == 2
