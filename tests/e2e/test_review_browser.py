"""The review queue in a real browser: an editor logs in, finds the probable pair an ingest
queued, merges it (the merged person's page then redirects), and splits it again from the
person's form (issue 11: review queue, merge and split tested through the browser)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.conftest import Databases, fonds_env, rows, run_fonds, served

pytestmark = pytest.mark.browser

RECORDS = [  # the ambassador as one record's title names him, and as another's text does
    {"source_key": "review:1", "title": "Conversation with Kim Byeong-jik",
     "people": [{"name": "Kim Byeong-jik", "role": "participant"}]},
    {"source_key": "review:2", "title": "Note on Kim Byeong-sik",
     "people": [{"name": "Kim Byeong-sik", "role": "mentioned"}]},
]  # fmt: skip


@pytest.fixture(scope="module")
def served_archive(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    workdir = tmp_path_factory.mktemp("review")
    (workdir / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    env = fonds_env(databases.new(workdir))
    ingested = run_fonds(["ingest", "records.jsonl"], workdir, env)
    assert ingested.returncode == 0, ingested.stderr
    assert "1 probably (for review" in ingested.stdout
    env_admin = {**env, "DJANGO_SUPERUSER_PASSWORD": "editor-pass-1"}
    made = run_fonds(
        ["manage", "createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org"],
        workdir,
        env_admin,
    )
    assert made.returncode == 0, made.stderr
    with served(workdir, env) as base_url:
        yield base_url, env["FONDS_DATABASE_URL"]


def person_id(database_url: str, name: str) -> str:
    ((public_id,),) = rows(
        database_url, f"SELECT public_id FROM authorities_person WHERE name = '{name}'"
    )
    return str(public_id)


def log_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("editor-pass-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_merge_from_the_review_queue_then_split(
    served_archive: tuple[str, str], page: Page
) -> None:
    base_url, database_url = served_archive
    jik, sik = person_id(database_url, "Kim Byeong-jik"), person_id(database_url, "Kim Byeong-sik")
    log_in(page, base_url)
    page.get_by_role("link", name="Review items").click()
    page.wait_for_url("**/admin/authorities/reviewitem/")
    row = page.locator("#result_list tbody tr")
    assert row.count() == 1
    assert "one syllable differs" in row.inner_text()
    row.locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option("merge")
    page.get_by_role("button", name="Go").click()
    expect(page.locator("#result_list tbody tr")).to_contain_text("Merged")  # waits for it

    page.goto(f"{base_url}/people/{sik}")  # the merged record's id leads to the person
    assert page.url.endswith(f"/people/{jik}")
    assert page.locator("h1").inner_text() == "Kim Byeong-jik"
    assert "Kim Byeong-sik" in page.locator("section.names").inner_text()
    assert page.locator("section.appearances li.document-item").count() == 2

    page.goto(base_url + "/admin/authorities/person/?q=Byeong-sik")
    page.get_by_role("link", name="Kim Byeong-sik").click()
    page.wait_for_url(re.compile(r"/person/\d+/change/"))
    page.locator("#id_merged_into").select_option("")  # no longer one of anyone
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    ((merged_into, merged_by),) = rows(
        database_url,
        f"SELECT merged_into_id, merged_by FROM authorities_person WHERE public_id = '{sik}'",
    )
    assert (merged_into, merged_by) == (None, "editor")
    page.goto(f"{base_url}/people/{sik}")
    assert (
        page.url.endswith(f"/people/{sik}") and page.locator("h1").inner_text() == "Kim Byeong-sik"
    )
