"""Ingest rate on the nine FRUS volumes: fonds against the floor, in one run.

    .venv/bin/python bench/ingest_frus.py [--runs N]

The floor is the least any ingest must do: the same files parsed with lxml (iterparse, one
`div[@type="document"]` at a time) and their text added to a bare tantivy index, committed once.
It is timed twice: inside this process (no start-up at all), and as a command of its own
(`--floor-only`: Python start-up and imports included, like any command).

fonds is timed three ways: the real command, `fonds ingest VOLUMES`, on a fresh SQLite database
and index (format detection, extraction, the database in batched transactions, the index queue,
the index); its fixed start-up (Python, Django, a fresh database's migrations, the reading
process), as `fonds ingest` of an empty folder; and in process like the floor (`--fonds-only`:
Django set up and a fresh database migrated untimed, then what the command does, timed).

Runs alternate, N times; the table gives medians. Peak memory (max RSS) of `fonds ingest` is
measured on the largest volume alone and on all nine: streaming means the two stay close.

With `--instructions` (and valgrind installed), the floor command and `fonds ingest` are also
run once each under cachegrind, which counts the instructions every process executes: a
measure of work that, unlike seconds on a shared virtual machine, does not drift from run to
run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tantivy
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
VOLUMES = ROOT.parent / "shared" / "corpus" / "frus" / "volumes"
FONDS = Path(sys.executable).with_name("fonds")
TEI = "{http://www.tei-c.org/ns/1.0}"
LARGEST = VOLUMES / "frus1964-68v26.xml"


def floor_run(paths: list[Path]) -> tuple[float, int]:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    schema = builder.build()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        index = tantivy.Index(schema, path=folder)
        writer = index.writer(heap_size=64_000_000, num_threads=1)
        documents = 0
        for path in paths:
            for _, element in etree.iterparse(str(path), tag=f"{TEI}div", resolve_entities=False):
                if element.get("type") != "document":
                    continue
                head = element.find(f"{TEI}head")
                title = "".join(head.itertext()) if head is not None else ""
                writer.add_document(
                    tantivy.Document(
                        id=element.get("{http://www.w3.org/XML/1998/namespace}id", ""),
                        title=title,
                        body="".join(element.itertext()),
                    )
                )
                documents += 1
                element.clear(keep_tail=True)
        writer.commit()
        writer.wait_merging_threads()
        return time.perf_counter() - start, documents


def fonds_run(paths: list[Path]) -> tuple[float, int, dict[str, int]]:
    """Wall time, max RSS (KiB) of `fonds ingest`, and its summary counts."""
    with tempfile.TemporaryDirectory() as folder:
        env = {"FONDS_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", "PATH": "/usr/bin:/bin"}
        result = _timed([str(FONDS), "ingest", *map(str, paths)], env, folder)
        if result["code"] != 0:
            raise SystemExit(f"fonds ingest failed: {result['out']}")
        counts = _counts(result["out"]) if paths else {}
        return result["seconds"], result["rss"], counts


def fonds_startup() -> float:
    """`fonds ingest` of an empty folder on a fresh database: what every ingest pays once."""
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty"
        empty.mkdir()
        env = {"FONDS_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", "PATH": "/usr/bin:/bin"}
        return float(_timed([str(FONDS), "ingest", str(empty)], env, folder)["seconds"])


def fonds_in_process(paths: list[Path]) -> float:
    """fonds timed like the floor: Django set up and a fresh database migrated first (as the
    floor's imports, untimed), then exactly what `fonds ingest` does with the files: reading
    process, extraction, batched storing, index feed, final catch-up. Run in its own process."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, str(Path(__file__)), "--fonds-only", *map(str, paths)]
        env = {"FONDS_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", "PATH": "/usr/bin:/bin"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder)
        if done.returncode != 0:
            raise SystemExit(f"fonds in process failed: {done.stderr[-400:]}")
        return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def _fonds_only(paths: list[Path]) -> float:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.project.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from fonds.archive.ingest import IngestReport, ingest_paths
    from fonds.core.pipeline import Reading
    from fonds.search.services import index_feed

    report = IngestReport()
    start = time.perf_counter()
    # forked, as the command forks it: no second interpreter start-up (safe here: this process
    # holds no index writer or thread yet, and the child never uses the database)
    reading = Reading(paths, fork=True)
    with index_feed():  # as the command: each batch indexed as it commits
        ingest_paths(paths, report, reading=reading)
    seconds = time.perf_counter() - start
    if report.failed or report.counts["new"] == 0:
        raise SystemExit(f"ingest failed: {report.counts}")
    return seconds


def floor_command(paths: list[Path]) -> float:
    """The floor as a command: Python start-up and imports included."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, str(Path(__file__)), "--floor-only", *map(str, paths)]
        return float(_timed(command, {"PATH": "/usr/bin:/bin"}, folder)["seconds"])


def _timed(command: list[str], env: dict[str, str], folder: str) -> dict[str, Any]:
    """Run a command in a child process; its wall time, exit code, max RSS and output's end."""
    wrapper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'code': r.returncode,"
        " 'rss': rss, 'out': r.stdout[-400:]}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=True,
    )
    return dict(json.loads(done.stdout))


def instructions(command: list[str], env: dict[str, str], folder: str) -> list[int]:
    """Instructions executed by `command` and by every process it starts, one count per
    process, by cachegrind. (A forked process's count starts at its parent's count when it
    forked: see `fonds_instructions`.)"""
    with tempfile.TemporaryDirectory() as out:
        valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes"]
        subprocess.run(
            [*valgrind, f"--cachegrind-out-file={out}/cg.%p", *command],
            env={**env, "PYTHONHASHSEED": "0"},
            cwd=folder,
            check=True,
            capture_output=True,
        )
        return [_event_total(path) for path in Path(out).glob("cg.*")]


def _event_total(path: Path) -> int:
    for line in path.read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise ValueError(f"no summary in {path}")


def fonds_instructions(paths: list[Path]) -> int:
    """`fonds ingest VOLUMES`, every process, less what its reading process inherited at the
    fork: that is the reader's whole count when there is nothing to read (an empty folder),
    the smaller of that run's two counts."""
    counts = []
    for arguments in ([str(p) for p in paths], ["empty"]):
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "empty").mkdir()
            env = {"FONDS_DATABASE_URL": f"sqlite:///{folder}/b.sqlite3", "PATH": "/usr/bin:/bin"}
            counts.append(
                instructions([sys.executable, str(FONDS), "ingest", *arguments], env, folder)
            )
    return sum(counts[0]) - min(counts[1])


def floor_instructions(paths: list[Path]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, str(Path(__file__)), "--floor-only", *map(str, paths)]
        return sum(instructions(command, {"PATH": "/usr/bin:/bin"}, folder))


def _counts(summary: str) -> dict[str, int]:
    """The counts of the command's summary line (`new N, updated N, unchanged N, failed N`)."""
    found = re.search(r"new (\d+), updated (\d+), unchanged (\d+), failed (\d+)", summary)
    if found is None:
        raise SystemExit(f"no summary line in: {summary}")
    return dict(
        zip(("new", "updated", "unchanged", "failed"), map(int, found.groups()), strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--floor-only", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--fonds-only", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--instructions", action="store_true", help="also count instructions")
    args = parser.parse_args()
    if args.floor_only:
        print(json.dumps({"seconds": floor_run(args.floor_only)[0]}))
        return
    if args.fonds_only:
        print(json.dumps({"seconds": _fonds_only(args.fonds_only)}))
        return
    paths = sorted(VOLUMES.glob("*.xml"))
    floors, floor_commands, fonds, startups, in_process = [], [], [], [], []
    for _ in range(args.runs):  # alternate, so that a noisy moment hurts both sides alike
        floors.append(floor_run(paths))
        floor_commands.append(floor_command(paths))
        fonds.append(fonds_run(paths))
        startups.append(fonds_startup())
        in_process.append(fonds_in_process(paths))
    one_volume = fonds_run([LARGEST])
    counted = {}
    if args.instructions and shutil.which("valgrind"):
        counted = {
            "floor_instructions": floor_instructions(paths),
            "fonds_instructions": fonds_instructions(paths),
        }
    documents = floors[0][1]
    floor_s = statistics.median(f[0] for f in floors)
    floor_command_s = statistics.median(floor_commands)
    fonds_s = statistics.median(f[0] for f in fonds)
    startup_s = statistics.median(startups)
    in_process_s = statistics.median(in_process)
    print(
        json.dumps(
            {
                "documents": documents,
                "fonds_documents": fonds[0][2].get("new", 0),
                "runs": args.runs,
                "floor_seconds": [round(f[0], 2) for f in floors],
                "floor_command_seconds": [round(f, 2) for f in floor_commands],
                "fonds_seconds": [round(f[0], 2) for f in fonds],
                "startup_seconds": [round(f, 2) for f in startups],
                "fonds_in_process_seconds": [round(f, 2) for f in in_process],
                "fonds_in_process_rate": documents / in_process_s,
                "ratio_in_process": floor_s / in_process_s,
                "floor_rate": documents / floor_s,
                "floor_command_rate": documents / floor_command_s,
                "fonds_rate": documents / fonds_s,
                "fonds_steady_rate": documents / (fonds_s - startup_s),
                "ratio": floor_s / fonds_s,
                "ratio_commands": floor_command_s / fonds_s,
                "ratio_steady": floor_s / (fonds_s - startup_s),
                "rss_all_kib": statistics.median(f[1] for f in fonds),
                "rss_one_kib": one_volume[1],
                "one_volume_documents": one_volume[2].get("new", 0),
                **counted,
            }
        )
    )


if __name__ == "__main__":
    main()
