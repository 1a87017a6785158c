"""`make bench`: every benchmark in one run, written to bench/RESULTS.md with the machine.

Runs: FRUS ingest (fonds vs the lxml + bare-tantivy floor, and peak memory one volume vs
nine), FRUS search latency (fonds result pages vs bare tantivy top-20), and extraction accuracy
against the editors' markup (bench/frus_accuracy.py, whose own section is refreshed in
bench/RESULTS-accuracy.md).
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
FONDS = Path(PYTHON).with_name("fonds")
VOLUMES = ROOT.parent / "shared" / "corpus" / "frus" / "volumes"


def run_json(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    done = subprocess.run(
        [PYTHON, *args], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory_kib / 1024 / 1024:.0f} GiB RAM; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()} "
        f"({interpreter()}); "
        f"SQLite {sqlite3.sqlite_version}"
    )


def interpreter() -> str:
    """Which CPython ran: its executable, and whether libpython is a shared library loaded
    beside it (a default source or pyenv build: fonds' Python runs 15-25 % slower than on a
    PGO build with libpython linked in, such as Debian's; see scripts/venv-python)."""
    maps = Path("/proc/self/maps").read_text() if Path("/proc/self/maps").exists() else ""
    linked = "shared libpython" if "libpython" in maps else "libpython linked in"
    return f"{os.path.realpath(sys.executable)}, {linked}"


def search_archive(folder: Path) -> None:
    env = {**os.environ, "FONDS_DATABASE_URL": f"sqlite:///{folder / 'fonds.sqlite3'}"}
    subprocess.run(
        [str(FONDS), "ingest", str(VOLUMES)], env=env, cwd=folder, capture_output=True, check=True
    )


def main() -> None:
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    ingest = run_json(
        "bench/ingest_frus.py", "--runs", os.environ.get("BENCH_RUNS", "5"), "--instructions"
    )
    with tempfile.TemporaryDirectory() as folder:
        search_archive(Path(folder))
        search = run_json("bench/search_frus.py", folder)
    subprocess.run([PYTHON, "bench/frus_accuracy.py"], cwd=ROOT, check=True, capture_output=True)
    accuracy = (HERE / "RESULTS-accuracy.md").read_text()
    (HERE / "RESULTS.md").write_text(report(started, ingest, search, accuracy) + appendices())
    print((HERE / "RESULTS.md").read_text())


APPENDICES = {
    "RESULTS-compare.md": "bench/compare_commits.py: commit against commit, alternating",
    "RESULTS-names.md": "bench/names_speed.py, names_accuracy.py, people_consolidation.py",
}


def appendices() -> str:
    """The slower benchmarks' latest results, each as its own run left it (they are run by
    hand: `bench/compare_commits.py` needs the commits it compares)."""
    parts = []
    for name, made_by in APPENDICES.items():
        path = HERE / name
        if path.exists():
            text = "\n" + path.read_text()
            body = text.replace("\n# ", "\n## ")  # one title per page: RESULTS.md's
            parts.append(f"\n---\n<!-- {name}, from {made_by} -->\n{body.strip()}\n")
    return "".join(parts)


def _instructions(ingest: Results) -> str:
    """The work each side does, in instructions (cachegrind): steady where seconds are not."""
    if "fonds_instructions" not in ingest:
        return "\n(Instructions not counted: valgrind is not installed.)\n"
    floor, fonds = int(ingest["floor_instructions"]), int(ingest["fonds_instructions"])  # type: ignore[call-overload]
    return f"""
Instructions executed, all processes and threads (valgrind's cachegrind, one run each; the
floor as a command, `fonds ingest` with its start-up): floor {floor / 1e9:.2f} G, fonds
{fonds / 1e9:.2f} G, i.e. fonds executes {fonds / floor:.2f}× the floor's instructions for the
same documents: by this measure its rate is **{100 * floor / fonds:.1f} %** of the floor's.
Seconds on this shared virtual machine drift by a third from one minute to the next;
instruction counts do not (but they do not see how well the work spreads over the cores).
"""


def _section(accuracy: str) -> str:
    begin, end = "<!-- frus_accuracy: begin -->", "<!-- frus_accuracy: end -->"
    return accuracy.split(begin)[-1].split(end)[0].strip()


Results = dict[str, object]


def report(started: str, ingest: Results, search: Results, accuracy: str) -> str:
    bare, page, fonds = search["bare"], search["bare_page"], search["fonds"]  # type: ignore[assignment]
    share = 100 * ingest["ratio"]  # type: ignore[operator]
    steady = 100 * ingest["ratio_steady"]  # type: ignore[operator]
    in_pct = 100 * ingest["ratio_in_process"]  # type: ignore[operator]
    in_rate, in_runs = ingest["fonds_in_process_rate"], ingest["fonds_in_process_seconds"]
    p50_ratio, p95_ratio = fonds["p50"] / page["p50"], fonds["p95"] / page["p95"]
    return f"""# Benchmark results

Run {started} by `make bench` on: {machine()}.

## Ingest: the nine FRUS volumes ({ingest["documents"]} documents)
Floor: the same files parsed with lxml (iterparse) and their text added to a bare tantivy index,
one commit; timed inside the benchmark's process (no start-up) and as a command of its own.
fonds: `fonds ingest VOLUMES` on a fresh SQLite database and index (format detection,
extraction in a reading process, batched transactions, index queue, index). Its fixed start-up
is `fonds ingest` of an empty folder on a fresh database. "In process, like the floor": Django
set up and a fresh database migrated untimed, then the command's own work timed (reading
process, extraction, storing, index). Runs alternate; medians of
{ingest["runs"]} runs each.

| | seconds (runs) | documents/s | share of the floor |
|---|---|---:|---:|
| floor, in process | {ingest["floor_seconds"]} | {ingest["floor_rate"]:.0f} | 100 % |
| floor as a command | {ingest["floor_command_seconds"]} | {ingest["floor_command_rate"]:.0f} | |
| `fonds ingest` | {ingest["fonds_seconds"]} | {ingest["fonds_rate"]:.0f} | **{share:.1f} %** |
| `fonds ingest`, its fixed start-up | {ingest["startup_seconds"]} | | |
| `fonds ingest` less its start-up | | {ingest["fonds_steady_rate"]:.0f} | {steady:.1f} % |
| fonds in process, like the floor | {in_runs} | {in_rate:.0f} | {in_pct:.1f} % |

Command against command (both with their start-up), fonds reaches
{100 * ingest["ratio_commands"]:.1f} % of the floor.
{_instructions(ingest)}
Peak memory (max RSS) of `fonds ingest`: largest volume alone ({ingest["one_volume_documents"]}
documents) {ingest["rss_one_kib"] / 1024:.0f} MiB; all nine volumes
{ingest["rss_all_kib"] / 1024:.0f} MiB: **{ingest["rss_all_kib"] / ingest["rss_one_kib"]:.2f}×**.

## Search: {search["queries"]} queries on the FRUS archive ({search["documents"]} documents)
Bare: tantivy's own query parser on the same index, ranked top 20; "a page's engine work" adds
the five facet aggregations and a snippet per hit. fonds: `search_documents`,
i.e. a whole result page: query parsing, top 20, five facet counts, snippets, and the re-check
of every hit against the database.

| | p50 ms | p95 ms | mean ms |
|---|---:|---:|---:|
| bare tantivy top 20 | {bare["p50"]:.2f} | {bare["p95"]:.2f} | {bare["mean"]:.2f} |
| bare tantivy, a page's engine work | {page["p50"]:.2f} | {page["p95"]:.2f} | {page["mean"]:.2f} |
| fonds result page | {fonds["p50"]:.2f} | {fonds["p95"]:.2f} | {fonds["mean"]:.2f} |
| ratio fonds / bare page work | {p50_ratio:.1f}× | {p95_ratio:.1f}× | |

## Extraction accuracy
{_section(accuracy)}
"""


if __name__ == "__main__":
    main()
