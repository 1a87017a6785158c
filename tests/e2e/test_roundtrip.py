"""Issue 3: every FRUS volume and both seeds ingested; exported, imported into an empty
database, exported again: byte-identical. And an ingest killed half-way completes when re-run."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from tests.e2e.conftest import EXAMPLES, FONDS, Databases, fonds_env, rows, run_fonds

from fonds.archive.ingest import BATCH

VOLUMES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "frus" / "volumes"
FRUS_DOCUMENTS = 2668


@pytest.fixture(scope="module")
def full_archive(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    workdir = tmp_path_factory.mktemp("roundtrip")
    env = fonds_env(databases.new(workdir))
    done = run_fonds(["ingest", str(VOLUMES), str(EXAMPLES)], workdir, env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"new {FRUS_DOCUMENTS + 2}," in done.stdout
    return workdir, env


def test_every_volume_is_ingested_with_its_structure(
    full_archive: tuple[Path, dict[str, str]],
) -> None:
    _workdir, env = full_archive
    url = env["FONDS_DATABASE_URL"]
    (volumes,) = rows(url, "SELECT count(*) FROM archive_collection WHERE parent_id IS NULL")
    assert volumes == (9,)
    keys = rows(url, "SELECT authority_key FROM authorities_person WHERE authority_key <> ''")
    assert len(keys) > 500  # persons-list entries, one authority record per volume and id
    assert all(key.split("#")[0].startswith("frus") for (key,) in keys)
    (numbered,) = rows(url, "SELECT count(*) FROM archive_document WHERE number <> ''")
    assert numbered == (FRUS_DOCUMENTS,)


def test_export_import_export_is_byte_identical(
    full_archive: tuple[Path, dict[str, str]], databases: Databases, tmp_path: Path
) -> None:
    workdir, env = full_archive
    first = tmp_path / "first.jsonl"
    command = ["export", "--include-drafts", "--format", "jsonl", "-o", str(first)]
    done = run_fonds(command, workdir, env)
    assert done.returncode == 0, done.stderr
    lines = first.read_text("utf-8").splitlines()
    assert len(lines) == FRUS_DOCUMENTS + 2
    sample = json.loads(lines[0])
    assert {"id", "status", "source_key", "people", "collections", "date"} <= set(sample)

    empty = tmp_path / "empty"
    empty.mkdir()
    env2 = fonds_env(databases.new(empty))
    done = run_fonds(["import", str(first)], empty, env2, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"new {FRUS_DOCUMENTS + 2}," in done.stdout
    second = tmp_path / "second.jsonl"
    command = ["export", "--include-drafts", "-o", str(second)]
    assert run_fonds(command, empty, env2).returncode == 0
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.parametrize("export_format", ["csv", "tei", "dc"])
def test_other_export_formats(
    full_archive: tuple[Path, dict[str, str]], export_format: str, tmp_path: Path
) -> None:
    workdir, env = full_archive
    out = tmp_path / f"archive.{export_format}"
    done = run_fonds(["export", "--format", export_format, "-o", str(out)], workdir, env)
    assert done.returncode == 0, done.stderr
    assert f"exported {FRUS_DOCUMENTS + 2} documents" in done.stderr
    if export_format != "csv":
        from lxml import etree

        root = etree.parse(str(out)).getroot()
        assert len(root) >= FRUS_DOCUMENTS + 2


def test_export_of_a_collection_and_of_a_search(
    full_archive: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    workdir, env = full_archive
    out = tmp_path / "volume.jsonl"
    done = run_fonds(["export", "--collection", "frus1894Nicaragua", "-o", str(out)], workdir, env)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records and all(r["collections"][0]["key"] == "frus1894Nicaragua" for r in records)
    out = tmp_path / "search.jsonl"
    assert (
        run_fonds(["export", "--query", "howitzers", "-o", str(out)], workdir, env).returncode == 0
    )
    titles = [json.loads(line)["title"] for line in out.read_text("utf-8").splitlines()]
    assert any("Kim Byeong-jik" in title for title in titles)


def test_killed_ingest_completes_when_run_again(databases: Databases, tmp_path: Path) -> None:
    env = fonds_env(databases.new(tmp_path))
    process = subprocess.Popen(
        [str(FONDS), "ingest", str(VOLUMES)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = env["FONDS_DATABASE_URL"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill once some, but not all, documents are in
        time.sleep(0.02)
        try:
            stored = rows(url, "SELECT count(*) FROM archive_document")[0][0]
        except Exception:
            continue
        if stored:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = rows(url, "SELECT count(*) FROM archive_document")[0][0]
    assert 0 < partial < FRUS_DOCUMENTS
    done = run_fonds(["ingest", str(VOLUMES)], tmp_path, env)
    assert done.returncode == 0, done.stderr
    # A COMMIT the killed client had already sent may still land on the server after the kill
    # (PostgreSQL), so the re-run may find one more batch than counted above.
    summary = re.search(r"new (\d+), updated 0, unchanged (\d+), failed 0", done.stdout)
    assert summary is not None, done.stdout
    new, unchanged = int(summary.group(1)), int(summary.group(2))
    assert new + unchanged == FRUS_DOCUMENTS
    assert partial <= unchanged <= partial + BATCH
    assert rows(url, "SELECT count(*), count(DISTINCT source_key) FROM archive_document")[0] == (
        FRUS_DOCUMENTS,
        FRUS_DOCUMENTS,
    )
    (orphans,) = rows(
        url,
        "SELECT count(*) FROM archive_document d WHERE NOT EXISTS "
        "(SELECT 1 FROM archive_documenttext t WHERE t.document_id = d.id)",
    )
    assert orphans == (0,)
    found = run_fonds(["search", "Johnson"], tmp_path, env)
    assert found.returncode == 0 and not found.stdout.startswith("0 results")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_killed_ingest_leaves_no_reading_process_behind(
    databases: Databases, tmp_path: Path
) -> None:
    env = fonds_env(databases.new(tmp_path))
    process = subprocess.Popen(
        [str(FONDS), "ingest", str(VOLUMES / "frus1894Nicaragua.xml")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    readers: set[int] = set()
    while not readers and time.monotonic() < deadline:
        time.sleep(0.02)
        readers = _children(process.pid)
    assert readers, "the reading process never started"
    time.sleep(0.3)  # a small file: read to its end while the command starts Django
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in readers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in readers)
