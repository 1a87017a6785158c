"""`fonds` as a user runs it: ingest into a fresh database, re-ingest, bad inputs, usage errors,
`fonds search`, and the archive served by `fonds serve` read back over HTTP (issue 2, 1-6).

Plain subprocess tests: no Django test database (see conftest.py for the PostgreSQL runs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.e2e.conftest import FONDS, Archive, Databases, fonds_env, http_get, rows, run_fonds
from tests.site.seed_facts import (
    APRIL_CREDIT,
    APRIL_LEVELS,
    APRIL_REPOSITORY,
    APRIL_SOURCE_URL,
    APRIL_TITLE,
    MAY_DISPLAY,
    MAY_EDTF,
    MAY_SUMMARY,
    MAY_TITLE,
    by_class,
    parse,
    text_of,
)

SEED_TITLES = (MAY_TITLE, APRIL_TITLE)
SUMMARY_LINE = re.compile(r"new (\d+), updated (\d+), unchanged (\d+), failed (\d+)")


def _summary(stdout: str) -> tuple[int, int, int, int]:
    found = SUMMARY_LINE.findall(stdout)
    assert len(found) == 1, stdout
    new, updated, unchanged, failed = (int(n) for n in found[0])
    return new, updated, unchanged, failed


def _seed_ids(archive: Archive) -> list[str]:
    """The ids of the two seed documents, in the order the API lists them (newest first)."""
    data = archive.json("/api/documents?page_size=100")
    return [r["id"] for r in data["results"] if r["title"] in SEED_TITLES]


# -- ingest --------------------------------------------------------------------------------------


def test_ingest_adds_both_examples_with_a_progress_bar(archive: Archive) -> None:
    result = archive.first_ingest
    assert result.returncode == 0, result.stderr
    assert _summary(result.stdout) == (2, 0, 0, 0)
    assert "documents" in result.stderr  # the progress bar: documents, rate, ETA
    assert "ETA" in result.stderr
    assert "README" not in result.stdout + result.stderr  # examples/README.md is skipped


def test_reingest_changes_nothing_and_keeps_every_id(archive: Archive) -> None:
    before = _seed_ids(archive)
    assert len(before) == 2
    again = archive.fonds("ingest", "examples/")
    assert again.returncode == 0, again.stderr
    assert _summary(again.stdout) == (0, 0, 2, 0)
    assert _seed_ids(archive) == before
    assert archive.json("/api/documents?q=howitzers")["total"] == 1  # no duplicate in the index
    stored = rows(archive.database_url, "SELECT public_id, title FROM archive_document")
    assert sorted(public_id for public_id, title in stored if title in SEED_TITLES) == sorted(
        before
    )


BAD_FILES: dict[str, tuple[bytes, str]] = {
    # name: (content, a word of the reason the user must see)
    "empty.txt": (b"", "empty"),
    "photo.png": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
        "binary",
    ),
    "letter.txt": (
        b"Dear reader,\n\nthis is only a note about nothing in particular.\n",
        "no recognizable record",
    ),
    "untitled.md": (
        b"**Summary:**\n\nA summary without a record.\n\n**Contents:**\n\nSome text.\n",
        "title",
    ),
    "latin1.txt": (
        "May 21, 1965\nRésumé of a conversation\nThe text, café.\n".encode("cp1252"),
        "UTF-8",
    ),
}


def _bad_inbox(workdir: Path) -> Path:
    inbox = workdir / "inbox"
    inbox.mkdir()
    for name, (content, _reason) in BAD_FILES.items():
        (inbox / name).write_bytes(content)
    # the good records, named so that an extension-based reader would go wrong
    shutil.copy(SEED_PAGETEXT, inbox / "seed-a.md")
    shutil.copy(SEED_MARKDOWN, inbox / "seed-b.csv")
    (inbox / "README.md").write_text("These files are a test inbox.\n")  # skipped
    (inbox / ".notes.txt").write_bytes(b"\x00\x01hidden")  # skipped
    return inbox


def test_bad_inputs_are_reported_one_line_each_and_the_good_files_ingest(
    databases: Databases, tmp_path: Path
) -> None:
    _bad_inbox(tmp_path)
    database_url = databases.new(tmp_path)
    result = run_fonds(["ingest", "inbox"], tmp_path, fonds_env(database_url))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert _summary(result.stdout) == (2, 0, 0, len(BAD_FILES))
    lines = result.stderr.splitlines()
    for name, (_content, reason) in BAD_FILES.items():
        path = str(Path("inbox") / name)
        mentions = [line for line in lines if path in line]
        assert len(mentions) == 1, (name, result.stderr)
        assert reason.lower() in mentions[0].lower(), (name, mentions[0])
    for quiet in ("seed-a.md", "seed-b.csv", "README.md", ".notes.txt"):
        assert quiet not in result.stderr, quiet

    # the good files are stored whole; the bad ones left nothing behind
    assert rows(database_url, "SELECT title FROM archive_document ORDER BY title") == sorted(
        (title,) for title in SEED_TITLES
    )
    without_texts = rows(
        database_url,
        "SELECT COUNT(*) FROM archive_document d WHERE NOT EXISTS "
        "(SELECT 1 FROM archive_documenttext t WHERE t.document_id = d.id)",
    )
    assert without_texts == [(0,)]
    assert rows(database_url, "SELECT COUNT(*) FROM archive_documenttext") == [(2,)]
    assert rows(database_url, "SELECT COUNT(*) FROM fonds_search_indexqueueentry") == [
        (0,)
    ]  # all indexed

    search = run_fonds(["search", "howitzers"], tmp_path, fonds_env(database_url))
    assert search.returncode == 0, search.stderr
    assert MAY_TITLE in search.stdout


def test_a_single_bad_file_named_directly_fails_with_exit_1(
    databases: Databases, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_fonds(["ingest", "empty.txt"], tmp_path, fonds_env(databases.new(tmp_path)))
    assert result.returncode == 1
    assert _summary(result.stdout) == (0, 0, 0, 1)
    assert [line for line in result.stderr.splitlines() if "empty.txt" in line]


def test_a_missing_path_is_a_usage_error(databases: Databases, tmp_path: Path) -> None:
    shutil.copy(SEED_PAGETEXT, tmp_path / "good.txt")
    database_url = databases.new(tmp_path)
    result = run_fonds(["ingest", "good.txt", "no/such/folder"], tmp_path, fonds_env(database_url))
    assert result.returncode == 2
    assert "no/such/folder" in result.stderr
    assert not SUMMARY_LINE.search(result.stdout)  # nothing was ingested
    assert run_fonds(["ingest"], tmp_path, fonds_env(database_url)).returncode == 2
    assert run_fonds([], tmp_path, fonds_env(database_url)).returncode == 2


def test_fonds_search_prints_the_matching_title(archive: Archive) -> None:
    result = archive.fonds("search", "howitzers")
    assert result.returncode == 0, result.stderr
    assert MAY_TITLE in result.stdout
    assert APRIL_TITLE not in result.stdout
    assert MAY_DISPLAY in result.stdout


def _with_output_closed(args: list[str], workdir: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run `fonds` with standard output a pipe nobody reads any more (`fonds ... | head -0`):
    its exit code and standard error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line: every write hits EPIPE
    try:
        done = subprocess.run(
            [str(FONDS), *args],
            cwd=workdir,
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    return done.returncode, done.stderr


def test_a_closed_output_never_cuts_an_ingest_short(databases: Databases, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in (SEED_MARKDOWN, SEED_PAGETEXT):
        shutil.copy(seed, inbox / seed.name)
    env = fonds_env(databases.new(tmp_path))
    code, stderr = _with_output_closed(["ingest", "inbox"], tmp_path, env)
    assert code == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    again = run_fonds(["ingest", "inbox"], tmp_path, env)
    assert _summary(again.stdout) == (0, 0, 2, 0)  # both were stored by the first run


def test_a_reader_leaving_ends_search_and_export_quietly(archive: Archive) -> None:
    code, stderr = _with_output_closed(["search", "howitzers"], archive.workdir, archive.env)
    assert (code, stderr) == (0, "")
    code, stderr = _with_output_closed(
        ["export", "--format", "jsonl"], archive.workdir, archive.env
    )
    assert code == 141  # as a shell reports a program that SIGPIPE stopped
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


# -- the served archive --------------------------------------------------------------------------


def test_served_by_gunicorn_with_static_files(archive: Archive) -> None:
    home = archive.get("/")
    assert home.status == 200
    assert "gunicorn" in home.headers.get("server", "").lower()
    stylesheet = parse(home.body).xpath("//link[@rel='stylesheet']/@href")[0]
    css = archive.get(urllib.parse.urljoin("/", stylesheet))
    assert css.status == 200
    assert css.headers["content-type"].startswith("text/css")
    assert b".ed-omission" in css.body


def test_home_page_lists_the_documents_newest_first(archive: Archive) -> None:
    tree = parse(archive.get("/").body)
    titles = [text_of(a) for a in tree.xpath("//li[contains(@class, 'document-item')]/a")]
    assert [t for t in titles if t in SEED_TITLES] == [MAY_TITLE, APRIL_TITLE]


def test_api_search_and_full_record(archive: Archive) -> None:
    found = archive.json("/api/documents?q=howitzers")
    assert found["total"] == 1
    (hit,) = found["results"]
    assert hit["title"] == MAY_TITLE
    assert {f["value"]: f["count"] for f in found["facets"]["year"]} == {"1965": 1}
    may = archive.json(f"/api/documents/{hit['id']}")
    assert may["date"] == {"edtf": MAY_EDTF, "display": MAY_DISPLAY}
    assert may["summary"] == MAY_SUMMARY

    april_id = _seed_ids(archive)[1]
    april = archive.json(f"/api/documents/{april_id}")
    assert april["title"] == APRIL_TITLE
    assert april["source_url"] == APRIL_SOURCE_URL
    assert april["archival_reference"]["repository"] == APRIL_REPOSITORY
    assert [
        (lv["kind"], lv["value"]) for lv in april["archival_reference"]["levels"]
    ] == APRIL_LEVELS
    assert april["credits"] == [APRIL_CREDIT]

    missing = archive.get("/api/documents/nosuchdoc0")
    assert missing.status == 404
    assert "detail" in missing.json()
    spec = archive.json("/api/openapi.json")
    assert "/api/documents" in spec["paths"]


def test_search_page_and_document_page(archive: Archive) -> None:
    page = archive.get("/search?q=howitzers")
    assert page.status == 200
    assert "<mark>howitzers</mark>" in page.text
    tree = parse(page.body)
    results = by_class(tree, "result", "li")
    assert len(results) == 1
    assert text_of(by_class(tree, "result-count")[0]).startswith("1 result")
    href = results[0].xpath(".//a/@href")[0]

    document = parse(archive.get(href).body)
    assert text_of(document.xpath("//h1")[0]) == MAY_TITLE
    assert text_of(document.xpath("//p[@class='date']/time")[0]) == MAY_DISPLAY
    assert MAY_EDTF in text_of(document.xpath("//p[@class='date']")[0])
    assert "[from the Soviet Union]" in [
        text_of(s) for s in by_class(document, "ed-supplied", "span")
    ]
    assert archive.get("/documents/nosuchdoc0").status == 404


def test_hostile_parameters_over_http_never_fail(archive: Archive) -> None:
    for query in (
        "q=%22",
        "q=(((",
        "q=title:",
        "q=%00",
        "q=" + "x" * 4000,
        "page=-1",
        "page_size=100000",
    ):
        assert archive.get("/api/documents?" + query).status == 200, query
        assert archive.get("/search?" + query).status == 200, query
    assert archive.get("/?page=abc").status == 200


def test_the_first_back_office_account_as_readme_says(archive: Archive) -> None:
    env = {**archive.env, "DJANGO_SUPERUSER_PASSWORD": "a long pass phrase 1965"}
    created = run_fonds(
        [
            "manage",
            "createsuperuser",
            "--noinput",
            "--username",
            "curator",
            "--email",
            "curator@example.org",
        ],
        archive.workdir,
        env,
    )
    assert created.returncode == 0, created.stderr

    browser = archive.session()
    login = http_get(archive.base_url + "/admin/login/?next=/admin/archive/document/", browser)
    assert login.status == 200
    token = parse(login.body).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "curator",
            "password": "a long pass phrase 1965",
            "next": "/admin/archive/document/",
        }
    ).encode()
    changelist = http_get(
        archive.base_url + "/admin/login/?next=/admin/archive/document/", browser, data=form
    )
    assert changelist.status == 200
    titles = [text_of(a) for a in parse(changelist.body).xpath("//table[@id='result_list']//th/a")]
    assert set(SEED_TITLES) <= set(titles)
