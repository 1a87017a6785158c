"""Ingesting a folder: good files in, bad files reported one line each, nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT

from fonds.archive.ingest import IngestReport, files_under, ingest_paths
from fonds.archive.models import Document, DocumentText

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SEED_PAGETEXT, tmp_path / "a.txt")
    shutil.copy(SEED_MARKDOWN, tmp_path / "b.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.dat").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "notes.txt").write_text("nothing to see here\n")
    (tmp_path / "untitled.md").write_text("**Summary:**\n\nno title\n")
    (tmp_path / "README.md").write_text("# About this folder\n")
    (tmp_path / ".hidden").write_text("x")
    return tmp_path


@pytest.mark.parametrize("in_background", [True, False], ids=["reading-process", "in-process"])
def test_folder_with_bad_files(folder: Path, in_background: bool) -> None:
    report = IngestReport()
    files = list(files_under([folder]))
    assert {f.name for f in files} == {
        "a.txt",
        "b.txt",
        "empty.txt",
        "binary.dat",
        "notes.txt",
        "untitled.md",
    }
    progress: list[int] = []
    ingest_paths(files, report, on_progress=progress.append, in_background=in_background)
    read = sorted(size for size in progress if size)
    assert read == sorted(f.stat().st_size for f in files if f.stat().st_size)
    assert report.counts["new"] == 2
    assert report.failed == 4
    for name, reason in [
        ("empty.txt", "empty file"),
        ("binary.dat", "binary file"),
        ("notes.txt", "no recognizable record"),
        ("untitled.md", "no title"),
    ]:
        (line,) = [f for f in report.failures if f.startswith(f"{folder / name}: ")]
        assert reason in line
    assert Document.objects.count() == 2
    assert all(DocumentText.objects.filter(document=d).exists() for d in Document.objects.all())


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    report = IngestReport()
    ingest_paths([tmp_path / "missing.txt"], report, in_background=False)
    assert report.failed == 1
    assert "missing.txt" in report.failures[0]
