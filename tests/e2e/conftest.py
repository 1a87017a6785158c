"""End-to-end fixtures: the real `fonds` command in a temporary working directory, on a fresh
database, and one served archive (gunicorn) shared by the CLI and browser tests of a session.

The database is a SQLite file in the working directory, or, when FONDS_DATABASE_URL names a
PostgreSQL server (`make test-postgres`), a fresh database created on that server for the run and
dropped afterwards. These tests use no Django database of their own: everything goes through
subprocesses, HTTP and (for checks of stored rows) a plain connection.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FONDS = Path(sys.executable).with_name("fonds")
START_TIMEOUT = 30.0

HOSTILE_MARKDOWN = """\
**March 1, 1966**

**Hostile record <script>window.__xss=1</script> <img src=x onerror="window.__xss=2;alert(2)">**

**Summary:**

A summary <script>window.__xss=3;alert(3)</script> with <img src=x onerror=alert(3)>.

**Original Language:**

Russian

**Contents:**

Translation - English

Body <img src=x onerror="window.__xss=4;alert(4)"> and <script>window.__xss=5;alert(5)</script>.

A bracket [<script>window.__xss=6</script>] and [<img src=x onerror=alert(6)>] and [...].
"""


def postgres_server_url() -> str | None:
    """The PostgreSQL server to run against, if the environment names one."""
    url = os.environ.get("FONDS_DATABASE_URL", "")
    return url if url.startswith(("postgresql:", "postgres:")) else None


class Databases:
    """Fresh, empty databases for `fonds` subprocesses; PostgreSQL ones are dropped at the end."""

    def __init__(self) -> None:
        self.created: list[str] = []

    def new(self, workdir: Path) -> str:
        server = postgres_server_url()
        if server is None:
            return f"sqlite:///{(workdir / 'fonds.sqlite3').absolute()}"
        name = f"fonds_e2e_{secrets.token_hex(6)}"
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        return urllib.parse.urlunparse(urllib.parse.urlparse(server)._replace(path=f"/{name}"))

    def drop_all(self) -> None:
        server = postgres_server_url()
        if server is None or not self.created:
            return
        with psycopg.connect(server, autocommit=True) as connection:
            for name in self.created:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        self.created.clear()


def rows(database_url: str, query: str) -> list[tuple[Any, ...]]:
    """Rows of a read-only query on a `fonds` database, by a plain connection (no Django)."""
    if database_url.startswith("sqlite:"):
        path = database_url.removeprefix("sqlite://")[1:]
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()
    with psycopg.connect(database_url) as connection:
        return connection.execute(query).fetchall()  # type: ignore[arg-type]


def fonds_env(database_url: str) -> dict[str, str]:
    """The environment of a `fonds` run on this database; the search backend chosen for the test
    run (FONDS_SEARCH_BACKEND) is kept, every other FONDS_* setting takes its default."""
    kept = ("FONDS_SEARCH_BACKEND",)
    env = {
        k: v for k, v in os.environ.items() if k in kept or not k.startswith(("FONDS_", "DJANGO_"))
    }
    env["FONDS_DATABASE_URL"] = database_url
    env["COLUMNS"] = "200"
    return env


def run_fonds(
    args: Sequence[str], workdir: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    assert FONDS.exists(), f"{FONDS} is missing: run `make install`"
    return subprocess.run(
        [str(FONDS), *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        assert self.headers.get("content-type", "").startswith("application/json"), self.headers
        return json.loads(self.body)


def http_get(
    url: str, opener: urllib.request.OpenerDirector | None = None, data: bytes | None = None
) -> Response:
    request = urllib.request.Request(url, data=data)
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=20) as answer:
            return Response(
                answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
            )
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@dataclass
class Archive:
    """A working directory with a database, the examples ingested once, and a running server."""

    workdir: Path
    database_url: str
    env: dict[str, str]
    first_ingest: subprocess.CompletedProcess[str]
    base_url: str = ""

    def fonds(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_fonds(args, self.workdir, self.env)

    def get(self, path: str) -> Response:
        return http_get(self.base_url + path)

    def json(self, path: str) -> Any:
        response = self.get(path)
        assert response.status == 200, (path, response.status, response.body[:500])
        return response.json()

    def session(self) -> urllib.request.OpenerDirector:
        """A client that keeps cookies (for logging in to the back office)."""
        return urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(workdir: Path, env: dict[str, str]) -> Iterator[str]:
    """`fonds serve` (gunicorn) on a free port until the block ends."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workdir / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(FONDS), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(base_url, process, log_path)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`fonds serve` exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(base_url + "/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    pytest.fail(f"`fonds serve` did not answer within {START_TIMEOUT} s:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def databases() -> Iterator[Databases]:
    created = Databases()
    try:
        yield created
    finally:
        created.drop_all()


@pytest.fixture(scope="session")
def archive(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    workdir = tmp_path_factory.mktemp("archive")
    shutil.copytree(EXAMPLES, workdir / "examples")
    database_url = databases.new(workdir)
    env = fonds_env(database_url)
    first = run_fonds(["ingest", "examples/"], workdir, env)
    with served(workdir, env) as base_url:
        yield Archive(workdir, database_url, env, first, base_url)


@pytest.fixture(scope="session")
def hostile_document(archive: Archive) -> str:
    """A Markdown record full of script, ingested into the served archive; its id."""
    inbox = archive.workdir / "hostile"
    inbox.mkdir(exist_ok=True)
    (inbox / "hostile.md").write_text(HOSTILE_MARKDOWN, encoding="utf-8")
    result = archive.fonds("ingest", "hostile")
    assert result.returncode == 0, result.stderr
    assert "new 1," in result.stdout
    found = archive.json("/api/documents?q=hostile")
    ids = [r["id"] for r in found["results"] if r["title"].startswith("Hostile record")]
    assert len(ids) == 1, found
    return str(ids[0])


# Debian's Chromium, driven by Playwright (browsers cannot be downloaded here)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


MISSING = f"{CHROMIUM} is missing: run scripts/ensure-services (it installs Debian's chromium)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()
