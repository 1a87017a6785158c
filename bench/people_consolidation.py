"""One person across the nine FRUS volumes: fonds' merges against the truth file (issue 11, b).

    .venv/bin/python bench/people_consolidation.py

`fonds ingest` of the nine volumes into a fresh temporary folder (timed), then the SQLite
database is read as it is: each persons-list entry is a row of authorities_person with
authority_key `<volume>#<xml:id>`, and its cluster is `coalesce(merged_into_id, id)`.
shared/corpus/names/people_name_variants.jsonl puts persons-list entries (its `sources`) in
persons. Over the pairs of entries both know (covered entries): precision = pairs in one
cluster that are one person / pairs in one cluster; recall = pairs of one person in one
cluster / pairs of one person. Goal: precision >= 0.98, recall >= 0.90.

Misses by kind, with examples: false merges (by how the two names compare through
`fonds.core.names.match`), missed pairs (queued for review: a review item links the two
clusters; or not, then by the persons-list rule or how the names compare). Also the review
queue against the truth. Rewrites its section of bench/RESULTS-names.md.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from fonds.core.names import match

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FONDS = Path(sys.executable).with_name("fonds")
VOLUMES = ROOT.parent / "shared" / "corpus" / "frus" / "volumes"
TRUTH = ROOT.parent / "shared" / "corpus" / "names" / "people_name_variants.jsonl"
RESULTS = HERE / "RESULTS-names.md"
BEGIN, END = "<!-- people_consolidation: begin -->", "<!-- people_consolidation: end -->"
PRECISION_GOAL, RECALL_GOAL = 0.98, 0.90
AUTOMATIC, PROBABLE = 0.9, 0.5  # as fonds.authorities.merging: merge from, queue from
EXAMPLES = 5
LESS_SPECIFIC = {"initials", "middle name", "goes by a middle name", "surname only"}
LESS_SPECIFIC |= {"part of a compound surname"}


@dataclass(frozen=True)
class Entry:
    pk: int
    key: str
    name: str
    cluster: int

    @property
    def volume(self) -> str:
        return self.key.split("#", 1)[0]


@dataclass(frozen=True)
class Review:
    person: int
    candidate: int
    score: float
    reasons: str
    status: str


@dataclass
class Archive:
    """What the database says: every person record, and the review queue."""

    records: dict[int, Entry]
    reviews: list[Review]
    merge_reason: dict[int, str]

    @property
    def entries(self) -> list[Entry]:
        return [e for e in self.records.values() if "#" in e.key]


@dataclass
class Scores:
    positives: int = 0  # pairs one person per the truth
    predicted: int = 0  # pairs in one cluster
    right: int = 0
    varied: int = 0  # pairs of one person whose two names are written differently
    varied_right: int = 0
    wrong: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    missed: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def count(self, same: bool, together: bool, written_differently: bool) -> None:
        self.positives += same
        self.predicted += together
        self.right += same and together
        if same and written_differently:
            self.varied += 1
            self.varied_right += together

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives if self.positives else 1.0


def ingest(folder: Path) -> float:
    """`fonds ingest VOLUMES` in `folder` (its database and index made there); wall seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FONDS_")}
    env["FONDS_DATABASE_URL"] = f"sqlite:///{folder / 'fonds.sqlite3'}"
    start = time.perf_counter()
    subprocess.run(
        [str(FONDS), "ingest", str(VOLUMES)], env=env, cwd=folder, capture_output=True, check=True
    )
    return time.perf_counter() - start


def read_archive(database: Path) -> Archive:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT id, authority_key, name, coalesce(merged_into_id, id), merge_reason "
            "FROM authorities_person"
        ).fetchall()
        reviews = db.execute(
            "SELECT person_id, candidate_id, score, reasons, status FROM authorities_reviewitem"
        ).fetchall()
    records = {pk: Entry(pk, key, name, cluster) for pk, key, name, cluster, _ in rows}
    reasons = {pk: why for pk, *_, why in rows if why}
    return Archive(records, [Review(*r) for r in reviews], reasons)


def load_truth() -> tuple[dict[str, str], dict[str, str]]:
    """Persons-list entry -> truth person id, and -> the name the file gives it."""
    person: dict[str, str] = {}
    named: dict[str, str] = {}
    with TRUTH.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for original in record["originals"]:
                for source in original["sources"]:
                    if "#" in source:  # a persons-list entry, not a web page
                        person[source] = record["id"]
                        named[source] = original["name"]
    return person, named


def cluster_links(archive: Archive) -> set[frozenset[int]]:
    """Pairs of clusters a review item links."""
    clusters = {pk: e.cluster for pk, e in archive.records.items()}
    return {frozenset((clusters[r.person], clusters[r.candidate])) for r in archive.reviews}


def cluster_volumes(archive: Archive) -> dict[int, set[str]]:
    volumes: dict[int, set[str]] = defaultdict(set)
    for entry in archive.entries:
        volumes[entry.cluster].add(entry.volume)
    return volumes


def pair_text(a: Entry, b: Entry, note: str = "") -> str:
    return f"“{a.name}” ({a.key}) / “{b.name}” ({b.key})" + (f" [{note}]" if note else "")


def wrong_kind(a: Entry, b: Entry) -> tuple[str, str]:
    """Why two persons ended in one cluster, judged by how their two names compare."""
    found = match(a.name, b.name)
    note = f"match {found.score:.2f}: {', '.join(found.reasons) or 'same words'}"
    if not found.same:
        return "joined through other records of the cluster (the two names do not match)", note
    if not found.reasons or set(found.reasons) <= {"case", "diacritics", "punctuation"}:
        return "the same name, two persons", note
    if LESS_SPECIFIC & set(found.reasons):
        return "a less specific form (initials, middle name or surname alone)", note
    return "a spelling or transliteration variant, or another order", note


def missed_kind(
    a: Entry, b: Entry, links: set[frozenset[int]], volumes: dict[int, set[str]]
) -> tuple[str, str]:
    """Why two entries of one person stayed apart."""
    found = match(a.name, b.name)
    note = f"match {found.score:.2f}: {', '.join(found.reasons) or 'same words'}"
    if frozenset((a.cluster, b.cluster)) in links:
        return "queued for review (a review item links the two clusters)", note
    if a.volume == b.volume:
        return "not queued: one persons list names both (never one person by rule)", note
    if volumes[a.cluster] & volumes[b.cluster]:
        return "not queued: their clusters share a persons list (never one by rule)", note
    if found.score >= AUTOMATIC:
        return "not queued: names differ only in form (match ≥ 0.9, merge level)", note
    if found.same:
        return "not queued: names differ only in form (match 0.8-0.9, review level)", note
    if found.score >= PROBABLE:
        return "not queued: names probably alike (match 0.5-0.8, review level)", note
    return "not queued: names differ beyond form (match < 0.5)", note


def evaluate(archive: Archive, truth: dict[str, str]) -> Scores:
    covered = [e for e in archive.entries if e.key in truth]
    links, volumes = cluster_links(archive), cluster_volumes(archive)
    scores = Scores()
    for a, b in combinations(sorted(covered, key=lambda e: e.pk), 2):
        same, together = truth[a.key] == truth[b.key], a.cluster == b.cluster
        scores.count(same, together, a.name != b.name)
        if together and not same:
            kind, note = wrong_kind(a, b)
            scores.wrong[kind].append(pair_text(a, b, note))
        elif same and not together:
            kind, note = missed_kind(a, b, links, volumes)
            scores.missed[kind].append(pair_text(a, b, note))
    return scores


def truth_persons(archive: Archive, truth: dict[str, str]) -> dict[int, set[str]]:
    """Cluster -> the truth persons of its covered entries."""
    persons: dict[int, set[str]] = defaultdict(set)
    for entry in archive.entries:
        if entry.key in truth:
            persons[entry.cluster].add(truth[entry.key])
    return persons


def judge_queue(archive: Archive, truth: dict[str, str]) -> tuple[Counter[str], list[Review]]:
    """Each review item: right (the two clusters share a truth person), wrong (both known to
    the truth, no person shared) or unknown (a side the truth does not cover)."""
    persons = truth_persons(archive, truth)
    verdicts: Counter[str] = Counter()
    right: list[Review] = []
    for review in archive.reviews:
        a = persons.get(archive.records[review.person].cluster, set())
        b = persons.get(archive.records[review.candidate].cluster, set())
        verdict = "unknown" if not (a and b) else "right" if a & b else "wrong"
        verdicts[verdict] += 1
        if verdict == "right":
            right.append(review)
    return verdicts, right


def accept(archive: Archive, reviews: Iterable[Review]) -> Archive:
    """The archive as it would be once an editor merged these review items."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        while parent.get(pk, pk) != pk:
            pk = parent[pk]
        return pk

    for review in reviews:
        a = root(archive.records[review.person].cluster)
        b = root(archive.records[review.candidate].cluster)
        if a != b:
            parent[a] = b
    records = {pk: Entry(e.pk, e.key, e.name, root(e.cluster)) for pk, e in archive.records.items()}
    return Archive(records, [], archive.merge_reason)


def examples(pairs: list[str], rng: random.Random) -> str:
    return "; ".join(rng.sample(pairs, min(EXAMPLES, len(pairs))))


def by_kind(kinds: dict[str, list[str]], rng: random.Random) -> list[str]:
    ordered = sorted(kinds.items(), key=lambda kv: -len(kv[1]))
    return [f"- {kind}: {len(pairs)} — {examples(pairs, rng)}" for kind, pairs in ordered] or [
        "- none"
    ]


@dataclass
class Run:
    seconds: float
    archive: Archive
    truth: dict[str, str]
    truth_names: dict[str, str]
    scores: Scores
    queue: Counter[str]
    accepted: Scores


def coverage_lines(run: Run) -> list[str]:
    entries = run.archive.entries
    volumes = {e.volume for e in entries}
    in_db = {e.key for e in entries}
    covered = [e for e in entries if e.key in run.truth]
    absent = sorted(k for k in run.truth if k.split("#", 1)[0] in volumes and k not in in_db)
    merged = sum(e.cluster != e.pk for e in run.archive.records.values())
    shown = "; ".join(f"“{run.truth_names[k]}” ({k})" for k in absent[:EXAMPLES])
    return [
        f"- Database: {len(run.archive.records):,} person records, {merged} of them merged "
        f"into another; {len(entries):,} are persons-list entries (authority_key "
        f"`volume#xml:id`) of {len(volumes)} volumes (the others: names found in documents).",
        f"- The truth file covers {len(covered):,} of these {len(entries):,} entries "
        f"({len({run.truth[e.key] for e in covered}):,} persons, "
        f"{len({e.cluster for e in covered}):,} fonds clusters); the other "
        f"{len(entries) - len(covered):,} entries are not in the file.",
        f"- Entries of these volumes in the file but not in the database: {len(absent)} "
        f"(fonds keeps the entries documents link to; e.g. {shown}).",
    ]


def queue_sides(archive: Archive) -> Counter[str]:
    """What the review items link: persons-list entries (`#` keys) or names from documents."""
    sides: Counter[str] = Counter()
    for review in archive.reviews:
        keyed = sum("#" in archive.records[pk].key for pk in (review.person, review.candidate))
        sides[
            ("two names from documents", "an entry and a name from documents", "two entries")[keyed]
        ] += 1
    return sides


def queue_lines(run: Run) -> list[str]:
    statuses = Counter(r.status for r in run.archive.reviews)
    sides = ", ".join(f"{n} {side}" for side, n in queue_sides(run.archive).most_common())
    surname = sum("surname only" in r.reasons for r in run.archive.reviews)
    right, wrong, unknown = (run.queue[k] for k in ("right", "wrong", "unknown"))
    judged = right + wrong
    queue_precision = f"{right / judged:.4f}" if judged else "n/a"
    return [
        f"Review queue: {len(run.archive.reviews)} items "
        f"({', '.join(f'{n} {s}' for s, n in statuses.most_common())}): {sides}; "
        f"{surname} with “surname only” among their reasons. Judged by the truth "
        f"(the two clusters share a person of the file): {right} right, {wrong} wrong, "
        f"{unknown} with a side the file does not cover; precision of the queue "
        f"{queue_precision}."
        + (
            f" If an editor merged every right item: precision {run.accepted.precision:.4f}, "
            f"recall {run.accepted.recall:.4f}."
            if right
            else ""
        ),
    ]


def report(run: Run) -> str:
    s, rng = run.scores, random.Random(11)
    meets = s.precision >= PRECISION_GOAL and s.recall >= RECALL_GOAL
    return "\n".join(
        [
            BEGIN,
            f"## People across the nine FRUS volumes ({time.strftime('%Y-%m-%d')})",
            "",
            f"Run: `.venv/bin/python bench/people_consolidation.py` on: {machine()}.",
            f"`fonds ingest` of the nine volumes into a fresh folder: {run.seconds:.1f} s.",
            "",
            *coverage_lines(run),
            "",
            "| measure (pairs of covered entries) | value | goal |",
            "|---|---:|---:|",
            f"| pairwise precision | {s.precision:.4f} | ≥ {PRECISION_GOAL} |",
            f"| pairwise recall | {s.recall:.4f} | ≥ {RECALL_GOAL} |",
            f"| pairs in one cluster (right / all) | {s.right:,} / {s.predicted:,} | |",
            f"| pairs of one person | {s.positives:,} | |",
            f"| recall on those written differently | {s.varied_right} / {s.varied} | |",
            "",
            f"Goal (b): {'met' if meets else 'not met'}.",
            "",
            *queue_lines(run),
            "",
            "Pairs wrongly in one cluster (false merges), by kind:",
            "",
            *by_kind(s.wrong, rng),
            "",
            "Pairs of one person in different clusters (missed), by kind:",
            "",
            *by_kind(s.missed, rng),
            END,
        ]
    )


def machine() -> str:
    try:
        from run import machine as described  # bench/run.py, beside this script
    except (ImportError, SyntaxError):  # run.py moved or mid-edit: a plainer description
        return f"{platform.processor()}, {os.cpu_count()} cores; Python {sys.version}"
    return described()


def write(section: str) -> None:
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Name matching results\n"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, "utf-8")


def main() -> int:
    truth, names = load_truth()
    with tempfile.TemporaryDirectory(prefix="fonds-people-") as folder:
        seconds = ingest(Path(folder))
        archive = read_archive(Path(folder) / "fonds.sqlite3")
    scores = evaluate(archive, truth)
    queue, right = judge_queue(archive, truth)
    accepted = evaluate(accept(archive, right), truth)
    section = report(Run(seconds, archive, truth, names, scores, queue, accepted))
    print(section)
    write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
