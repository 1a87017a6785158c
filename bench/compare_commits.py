"""FRUS ingest and search latency, commit against commit (issue 10: before and after).

    .venv/bin/python bench/compare_commits.py                      # 39009a0 against HEAD
    .venv/bin/python bench/compare_commits.py --commits A B C      # a chain: each step's effect
    .venv/bin/python bench/compare_commits.py --commits X X --runs 3   # the noise: X against X

Each commit is checked out into a git worktree of its own (`git worktree add --detach`, in a
temporary folder, removed at the end) and runs its own code from there, on this repository's
.venv (so every commit runs on the same, current, dependencies).

(a) Ingest: `fonds ingest` of the nine FRUS volumes into a fresh working directory, wall time
and CPU time (user + system of the command and of every process it waited for). One untimed
ingest per commit first: it compiles the worktree's bytecode, warms the page cache, and makes
the archive that (b) searches. Then N timed runs each, alternating A B C A B C ... so that the
machine's drift hits every commit alike. A run that exits non-zero or does not store the 2668
documents stops the bench.

(b) Search: a driver process per commit, on that commit's archive, GETs a fixed list of result
pages and /api/documents queries through Django's test client (the whole request: middleware,
view, search, template or JSON), after a warm-up, several rounds; the commits' drivers run in
turns, alternating too. Only q, year, sort, from/to and page parameters are used: person and
place facet values may change form between commits.

Prints a Markdown section and writes it to bench/RESULTS-compare.md. Not part of `make bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
VOLUMES = ROOT / ".." / "shared" / "corpus" / "frus" / "volumes"
DOCUMENTS = 2668
SEARCH_LIMIT = 0.10  # issue 10: search may not get worse by more than 10 %

# The worktree's code must win over the editable install of /work/main in .venv. That install
# is a plain path entry (__editable__.fonds-0.1.0.pth adds /work/main/src at the END of
# sys.path), and PYTHONPATH entries come before site-packages, so PYTHONPATH=<worktree>/src
# wins (-I would drop PYTHONPATH altogether). Every run still reports where it imported fonds
# from, and a run that did not import the worktree's fonds stops the bench.
INGEST = (
    "import sys; sys.argv[0] = 'fonds'; import fonds; "
    "print('fonds-from', fonds.__file__, file=sys.stderr, flush=True); "
    "from fonds.cli import run; run()"
)

DRIVER = """
import json, sys, time
import django
django.setup()
import fonds
from django.test import Client
urls, warm, rounds = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
client = Client(HTTP_HOST="localhost")
totals = {}
def get(url):
    start = time.perf_counter()
    response = client.get(url)
    ms = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    if url.startswith("/api/"):
        totals[url] = response.json()["total"]
    return ms
for _ in range(warm):
    for url in urls:
        get(url)
times = {url: [] for url in urls}
for _ in range(rounds):
    for url in urls:
        times[url].append(get(url))
print(json.dumps({"fonds": fonds.__file__, "times": times, "totals": totals}))
"""

URLS = [
    "/search?q=Kosygin",
    "/search?q=Vietnam",
    "/search?q=missile",
    "/search?q=Nicaragua",
    "/search?q=Khrushchev",
    "/search?q=%22Prime+Minister%22",
    "/search?q=%22nuclear+test+ban%22",
    "/search?q=Soviet+Union+trade",
    "/search?q=Laos+OR+Cambodia",
    "/search?q=bomb*+-Hanoi",
    "/search?q=",
    "/search?q=&year=1965",
    "/search?q=soviet&sort=newest",
    "/search?q=embassy&sort=oldest",
    "/search?q=missile&from=1962&to=1963",
    "/search?q=vietnam&page=3",
    "/api/documents?q=Kosygin",
    "/api/documents?q=vietnam&year=1966",
    "/api/documents?q=%22arms+control%22&sort=newest",
    "/api/documents?q=&from=1964-01&to=1964-06&page=2",
]


@dataclass
class Side:
    """One commit under test: its worktree, the archive (b) searches, and its measurements."""

    commit: str
    name: str
    subject: str
    tree: Path
    archive: Path = Path()
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    search: dict[str, list[float]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)


def git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


@contextmanager
def worktrees(commits: list[str], base: Path) -> Iterator[list[Side]]:
    """A detached worktree per commit (resolved now, so a moving HEAD does not move them)."""
    sides: list[Side] = []
    try:
        for position, commit in enumerate(commits):
            full = git("rev-parse", "--verify", f"{commit}^{{commit}}")
            short, subject = git("log", "-1", "--format=%h%x00%s", full).split("\0")
            name = short if all(s.name != short for s in sides) else f"{short}#{position + 1}"
            tree = base / f"tree-{position}-{short}"
            git("worktree", "add", "--detach", str(tree), full)
            sides.append(Side(full, name, subject, tree))
        yield sides
    finally:
        for side in sides:
            git("worktree", "remove", "--force", str(side.tree))
        git("worktree", "prune")


def fonds_env(side: Side, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(side.tree / "src"), **extra}


def check_origin(side: Side, origin: str) -> None:
    if not Path(origin).resolve().is_relative_to(side.tree.resolve()):
        raise SystemExit(f"{side.name}: fonds imported from {origin}, not from {side.tree}")


def ingest(side: Side, folder: Path) -> tuple[float, float, str]:
    """`fonds ingest VOLUMES` in `folder`: wall and CPU seconds, and where fonds came from;
    stops the bench on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", INGEST, "ingest", str(VOLUMES)],
        cwd=folder,
        env=fonds_env(side),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    origin = check_ingest(side, done)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, origin


def check_ingest(side: Side, done: subprocess.CompletedProcess[str]) -> str:
    found = re.search(r"^fonds-from (.+)$", done.stderr, re.MULTILINE)
    origin = found.group(1) if found else "(nowhere)"
    check_origin(side, origin)
    new = re.search(r"new (\d+), updated \d+, unchanged \d+, failed \d+", done.stdout)
    if done.returncode != 0 or new is None or int(new.group(1)) != DOCUMENTS:
        raise SystemExit(
            f"{side.name}: ingest exited {done.returncode}, expected {DOCUMENTS} new documents:\n"
            f"{done.stdout[-600:]}\n{done.stderr[-600:]}"
        )
    return origin


def ingest_runs(sides: list[Side], runs: int, base: Path) -> None:
    for position, side in enumerate(sides):  # untimed: bytecode, page cache, (b)'s archive
        side.archive = base / f"archive-{position}"
        side.archive.mkdir()
        print(f"{side.name}: fonds from {ingest(side, side.archive)[2]}", file=sys.stderr)
    for run in range(runs):
        for side in sides:
            folder = Path(tempfile.mkdtemp(dir=base, prefix="run-"))
            wall, cpu, _ = ingest(side, folder)
            shutil.rmtree(folder)
            side.walls.append(wall)
            side.cpus.append(cpu)
            note = f"ingest {run + 1}/{runs} {side.name}: {wall:.2f} s, CPU {cpu:.2f} s"
            print(note, file=sys.stderr)


def search_turn(side: Side, driver: Path, warm: int, rounds: int) -> None:
    database = side.archive / "fonds.sqlite3"
    env = fonds_env(
        side,
        DJANGO_SETTINGS_MODULE="fonds.project.settings",
        FONDS_DATABASE_URL=f"sqlite:///{database}",  # absolute: sqlite:////tmp/...
        FONDS_INDEX_DIR=str(side.archive / "fonds-index"),
        FONDS_ALLOWED_HOSTS="localhost",
    )
    command = [PYTHON, str(driver), json.dumps(URLS), str(warm), str(rounds)]
    done = subprocess.run(command, cwd=side.archive, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{side.name}: search driver failed:\n{done.stderr[-1500:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    check_origin(side, result["fonds"])
    for url, times in result["times"].items():
        side.search.setdefault(url, []).extend(times)
    side.totals = result["totals"]


def search_runs(sides: list[Side], turns: int, rounds: int, base: Path) -> None:
    driver = base / "search_driver.py"
    driver.write_text(DRIVER)
    for turn in range(turns):
        for side in sides:
            search_turn(side, driver, warm=2, rounds=rounds)
            print(f"search turn {turn + 1}/{turns} {side.name}", file=sys.stderr)
    if sides[0].totals.get(URLS[16], 0) == 0:
        raise SystemExit(f"{URLS[16]} found nothing: is the archive's index empty?")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def pooled(side: Side) -> list[float]:
    return [ms for times in side.search.values() for ms in times]


def change(new: float, old: float, unit: str = "", digits: int = 2) -> str:
    return f"{new - old:+.{digits}f}{unit} ({100 * (new / old - 1):+.1f} %)"


def machine() -> str:
    try:
        from run import machine as described  # bench/run.py, beside this script
    except (ImportError, SyntaxError):  # run.py moved or mid-edit: a plainer description
        return f"{platform.processor()}, {os.cpu_count()} cores; Python {sys.version}"
    return described()


def label(side: Side) -> str:
    subject = side.subject if len(side.subject) <= 70 else side.subject[:67] + "..."
    return f"`{side.name}` {subject.replace('|', '/')}"


def ingest_table(sides: list[Side]) -> list[str]:
    rows = [
        "| commit | wall median s | p95 s | min s | CPU median s | wall / first | CPU / first |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    first_wall, first_cpu = statistics.median(sides[0].walls), statistics.median(sides[0].cpus)
    for side in sides:
        wall, cpu = statistics.median(side.walls), statistics.median(side.cpus)
        rows.append(
            f"| {label(side)} | {wall:.2f} | {percentile(side.walls, 0.95):.2f} | "
            f"{min(side.walls):.2f} | {cpu:.2f} | {wall / first_wall:.3f}× | "
            f"{cpu / first_cpu:.3f}× |"
        )
    return rows


def search_table(sides: list[Side]) -> list[str]:
    rows = [
        "| commit | median ms | p95 ms | median / first | p95 / first |",
        "|---|---:|---:|---:|---:|",
    ]
    first = pooled(sides[0])
    for side in sides:
        times = pooled(side)
        median, p95 = statistics.median(times), percentile(times, 0.95)
        rows.append(
            f"| {label(side)} | {median:.2f} | {p95:.2f} | "
            f"{median / statistics.median(first):.3f}× | "
            f"{p95 / percentile(first, 0.95):.3f}× |"
        )
    return rows


def effects_table(sides: list[Side]) -> list[str]:
    rows = [
        "| step | commits | ingest wall median | ingest CPU median | search median | search p95 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for old, new in pairwise(sides):
        count = git("rev-list", "--count", f"{old.commit}..{new.commit}")
        wall = change(statistics.median(new.walls), statistics.median(old.walls), " s")
        cpu = change(statistics.median(new.cpus), statistics.median(old.cpus), " s")
        old_ms, new_ms = pooled(old), pooled(new)
        median = change(statistics.median(new_ms), statistics.median(old_ms), " ms")
        p95 = change(percentile(new_ms, 0.95), percentile(old_ms, 0.95), " ms")
        rows.append(
            f"| `{old.name}` → {label(new)} | {count} | {wall} | {cpu} | {median} | {p95} |"
        )
    return rows


def per_url_table(sides: list[Side]) -> list[str]:
    rows = [
        "| request | " + " | ".join(f"`{s.name}` ms" for s in sides) + " |",
        "|---|" + "---:|" * len(sides),
    ]
    for url in URLS:
        medians = " | ".join(f"{statistics.median(s.search[url]):.2f}" for s in sides)
        rows.append(f"| `{url}` | {medians} |")
    return rows


def verdict(sides: list[Side]) -> str:
    first, last = pooled(sides[0]), pooled(sides[-1])
    worse = max(
        statistics.median(last) / statistics.median(first),
        percentile(last, 0.95) / percentile(first, 0.95),
    )
    within = "within" if worse <= 1 + SEARCH_LIMIT else "**over**"
    return (
        f"Search, `{sides[-1].name}` against `{sides[0].name}`: the worse of median and p95 "
        f"changes by {100 * (worse - 1):+.1f} %, {within} the issue's limit of "
        f"+{100 * SEARCH_LIMIT:.0f} %."
    )


def totals_note(sides: list[Side]) -> str:
    if all(side.totals == sides[0].totals for side in sides):
        return "Every commit found the same number of documents for each API query."
    found = "; ".join(f"`{s.name}`: {sorted(s.totals.values())}" for s in sides)
    return f"**The commits' API queries found different numbers of documents**: {found}."


def report(sides: list[Side], args: argparse.Namespace, started: str) -> str:
    rounds = args.search_turns * args.search_rounds
    text = [
        "## Commit against commit: FRUS ingest and search latency",
        "",
        f"Run {started} by `bench/compare_commits.py --runs {args.runs} --commits "
        f"{' '.join(args.commits)}` on: {machine()}.",
        "",
        f"### Ingest: `fonds ingest` of the nine FRUS volumes ({DOCUMENTS} documents)",
        f"Fresh working directory each run; {args.runs} runs per commit, alternating between "
        "commits, after one untimed ingest each. CPU: user + system seconds of the command "
        "and the processes it waited for.",
        "",
        *ingest_table(sides),
        "",
        f"### Search: {len(URLS)} result pages and API queries, through Django's test client",
        f"A driver process per commit and turn ({args.search_turns} turns, alternating; 2 "
        f"warm-up rounds, then {args.search_rounds} timed): {rounds} requests per URL and "
        "commit; median and p95 over all requests.",
        "",
        *search_table(sides),
        "",
        verdict(sides),
        totals_note(sides),
        "",
        "### Effect of each step (later commit against the one before it)",
        "",
        *effects_table(sides),
        "",
        "<details><summary>Search: median ms per request</summary>",
        "",
        *per_url_table(sides),
        "",
        "</details>",
    ]
    return "\n".join(text) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commits", nargs="+", default=["39009a0", "HEAD"])
    parser.add_argument("--runs", type=int, default=10, help="timed ingests per commit")
    # many short driver processes rather than a few long ones: a process's own luck (memory
    # layout, hash seed) moved every request of a commit by 5 % with 3 turns of 5 rounds;
    # with 10 turns of 3 rounds, a commit against itself stays within 2 %
    parser.add_argument("--search-turns", type=int, default=10, help="driver runs per commit")
    parser.add_argument("--search-rounds", type=int, default=3, help="timed rounds per turn")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS-compare.md")
    args = parser.parse_args()
    if len(args.commits) < 2:
        parser.error("give at least two commits")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    base = Path(tempfile.mkdtemp(prefix="fonds-compare-"))
    try:
        with worktrees(args.commits, base) as sides:
            ingest_runs(sides, args.runs, base)
            search_runs(sides, args.search_turns, args.search_rounds, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    text = report(sides, args, started)
    args.output.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
