"""Name lookup speed: one name against 100,000 authority names through NameIndex (blocking keys).

    .venv/bin/python bench/names_speed.py [--names 100000] [--queries 2000]

The authorities: every name form in shared/corpus/names/people_name_variants.jsonl, topped up to
--names with made-up people (a surname and one or two given names drawn from the file's own
words, inverted "Surname, Given" or natural order, a seeded random draw, so every run indexes the
same names). The queries: forms rewritten as people write them (inverted, initials, upper
case), drawn from the same names. Measures the index build and `NameIndex.best(query)` per
query (candidates by key, then `match` on each), and rewrites its section of
bench/RESULTS-names.md. Goal: under 10 ms per lookup.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fonds.core.names import NameIndex  # noqa: E402
from fonds.core.names.forms import name_forms, readings  # noqa: E402

TRUTH = ROOT.parent / "shared" / "corpus" / "names" / "people_name_variants.jsonl"
RESULTS = ROOT / "bench" / "RESULTS-names.md"
BEGIN, END = "<!-- names_speed: begin -->", "<!-- names_speed: end -->"


def truth_forms() -> list[str]:
    forms: list[str] = []
    for line in TRUTH.read_text("utf-8").splitlines():
        person = json.loads(line)
        names = [o["name"] for o in person["originals"]] + [person["preferred"]]
        forms.extend(dict.fromkeys(names))
    return forms


def made_up(forms: list[str], total: int, rng: random.Random) -> list[str]:
    """`forms` topped up to `total` distinct names built from their surnames and given names."""
    surnames, givens = [], []
    for form in forms:
        for reading in readings(name_forms(form)[0])[:1] if name_forms(form) else ():
            surnames.append(" ".join(reading.surname))
            givens.extend(w for w in reading.given if len(w) > 2)
    names, seen = list(forms), set(forms)
    while len(names) < total:
        given = " ".join(rng.sample(givens, rng.choice((1, 1, 2))))
        surname = rng.choice(surnames)
        name = f"{surname}, {given}" if rng.random() < 0.5 else f"{given} {surname}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def as_written(name: str, rng: random.Random) -> str:
    """A name as someone else may write it: inverted, with initials, or in capitals."""
    forms = name_forms(name)
    found = readings(forms[0]) if forms else ()
    if not found or not found[0].given:
        return name
    surname, given = " ".join(found[0].surname), list(found[0].given)
    style = rng.choice(("natural", "inverted", "initials", "upper"))
    if style == "initials":
        given = [given[0][0] + ".", *given[1:]]
    if style == "upper":
        return f"{surname.upper()}, {' '.join(given)}"
    first = " ".join(given)
    return f"{surname}, {first}" if style == "inverted" else f"{first} {surname}"


def run(total: int, queries: int) -> dict[str, float]:
    rng = random.Random(11)
    names = made_up(truth_forms(), total, rng)
    start = time.perf_counter()
    index = NameIndex(enumerate(names))
    built = time.perf_counter() - start
    asked = [as_written(names[rng.randrange(len(names))], rng) for _ in range(queries)]
    times, sizes, found = [], [], 0
    for query in asked:
        start = time.perf_counter()
        best = index.best(query)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(len(index.candidates(query)))
        found += bool(best)
    times.sort()
    return {
        "names": len(names),
        "build_s": built,
        "queries": queries,
        "mean_ms": statistics.fmean(times),
        "p50_ms": times[len(times) // 2],
        "p95_ms": times[int(len(times) * 0.95)],
        "p99_ms": times[int(len(times) * 0.99)],
        "max_ms": times[-1],
        "candidates_mean": statistics.fmean(sizes),
        "candidates_max": max(sizes),
        "found": found / queries,
    }


def report(r: dict[str, float]) -> str:
    verdict = "meets" if r["mean_ms"] < 10 and r["p95_ms"] < 10 else "misses"
    return "\n".join(
        [
            BEGIN,
            f"## Lookup speed ({time.strftime('%Y-%m-%d')})",
            "",
            f"{int(r['names']):,} authority names indexed in {r['build_s']:.1f} s; "
            f"{int(r['queries']):,} lookups (`NameIndex.best`: candidates by key, `match` on "
            f"each). Run: `.venv/bin/python bench/names_speed.py`.",
            "",
            "| per lookup | mean | p50 | p95 | p99 | max |",
            "|---|---:|---:|---:|---:|---:|",
            f"| ms | {r['mean_ms']:.2f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['max_ms']:.2f} |",
            "",
            f"Candidates scored per lookup: {r['candidates_mean']:.1f} on average, "
            f"{int(r['candidates_max'])} at most; the name was found in {r['found']:.1%} of "
            f"lookups. The goal (under 10 ms per lookup at 100,000 names): {verdict}.",
            END,
        ]
    )


def write(section: str) -> None:
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Name matching results\n"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, "utf-8")


def main(argv: list[str]) -> int:
    total = int(argv[argv.index("--names") + 1]) if "--names" in argv else 100_000
    queries = int(argv[argv.index("--queries") + 1]) if "--queries" in argv else 2_000
    result = run(total, queries)
    section = report(result)
    print(section)
    write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
