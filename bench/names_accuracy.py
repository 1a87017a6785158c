"""Name matching against truth data: Korean romanization and clustering FRUS name forms.

    .venv/bin/python bench/names_accuracy.py

1. shared/corpus/names/korean_names_mccune_reischauer.csv (456 names): `romanize(hangul, "mr")`
   equals the ALA-LC McCune-Reischauer form (NFC); and `match(romanize(hangul, "rr"), mr).same`.
2. shared/corpus/names/people_name_variants.jsonl (8,022 persons): every distinct name form of a
   person (originals, preferred, alternates) is an item; `cluster` groups all items (NameIndex
   blocking, `match`, complete linkage, unambiguous attachment of less specific forms). Pairwise
   precision and recall against the file's persons; the misses by kind, with examples. Also the
   matcher alone: `same` on the candidate pairs the index yields.
Rewrites its section of bench/RESULTS-names.md. Goals: MR exact >= 95 %, every RR form matches;
clustering precision >= 0.98 at recall >= 0.90.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fonds.core.names import NameIndex, cluster, match, romanize  # noqa: E402
from fonds.core.names.spelling import plain  # noqa: E402

NAMES = ROOT.parent / "shared" / "corpus" / "names"
RESULTS = ROOT / "bench" / "RESULTS-names.md"
BEGIN, END = "<!-- names_accuracy: begin -->", "<!-- names_accuracy: end -->"
Pair = tuple[str, str]


def korean() -> dict[str, object]:
    with (NAMES / "korean_names_mccune_reischauer.csv").open(encoding="utf-8") as handle:
        rows = [
            (r["hangul"], unicodedata.normalize("NFC", r["mccune_reischauer"]))
            for r in csv.DictReader(handle)
        ]
    misses = [(h, m, romanize(h, "mr")) for h, m in rows if romanize(h, "mr") != m]
    unmatched = [(h, m, romanize(h, "rr")) for h, m in rows if not match(romanize(h, "rr"), m).same]
    return {"total": len(rows), "misses": misses, "rr_unmatched": unmatched}


def items() -> list[tuple[str, str]]:
    """(person id, name form) for every distinct form of every person."""
    out = []
    for line in (NAMES / "people_name_variants.jsonl").read_text("utf-8").splitlines():
        person = json.loads(line)
        names = [o["name"] for o in person["originals"]] + [person["preferred"]]
        names += [a for a in person["alternates"] if isinstance(a, str)]
        out.extend((person["id"], name) for name in dict.fromkeys(names))
    return out


def _key(name: str) -> str:
    return " ".join(sorted(plain(w) for w in name.replace(",", " ").split()))


LESS_SPECIFIC = {"initials", "middle name", "goes by a middle name", "surname only",
                 "part of a compound surname", "familiar form"}  # fmt: skip
VARIANT = {"spelling variant", "Cyrillic transliteration", "Korean RR↔MR", "Wade-Giles↔pinyin"}


def _rule(reasons: tuple[str, ...]) -> str:
    if LESS_SPECIFIC & set(reasons):
        return "a less specific form (initials, middle name left out, surname alone)"
    if VARIANT & set(reasons):
        return "a spelling or transliteration variant"
    return "the same name in another order, case, accents or brackets"


def miss_kind(a: str, b: str) -> str:
    """Why two forms of one person ended in different clusters."""
    found = match(a, b)
    if found.same:
        return "match says same, a conflict with another form of the cluster kept them apart"
    if "surname only" in found.reasons:
        return "surname alone, fitting more than one cluster (ambiguous)"
    if found.score == 0:
        return "surnames differ (another name, a typo, a title or a given name as surname)"
    if "given names differ" in found.reasons or "one syllable differs" in found.reasons:
        return "given names differ (another initial, a typo, a second name)"
    if "suffixes differ" in found.reasons:
        return "suffixes differ (Jr. against II or Sr.)"
    return "match scores below the threshold: " + _rule(found.reasons)


def wrong_kind(a: str, b: str) -> str:
    """Why two forms of different persons ended in one cluster."""
    if _key(a) == _key(b):
        return "the same words for two persons of the file"
    found = match(a, b)
    if not found.same:
        return "joined through other forms of the cluster"
    return "match says same: " + _rule(found.reasons)


def clustering(pairs_out: int = 3) -> dict[str, object]:
    data = items()
    names = [name for _, name in data]
    start = time.perf_counter()
    groups = cluster(names)
    seconds = time.perf_counter() - start
    home = {i: g for g, group in enumerate(groups) for i in group}
    by_person: defaultdict[str, list[int]] = defaultdict(list)
    for i, (person, _) in enumerate(data):
        by_person[person].append(i)
    positives = sum(len(v) * (len(v) - 1) // 2 for v in by_person.values())
    wrong: defaultdict[str, list[Pair]] = defaultdict(list)
    right = 0
    for group in groups:
        for i, j in combinations(group, 2):
            if data[i][0] == data[j][0]:
                right += 1
            else:
                wrong[wrong_kind(names[i], names[j])].append((names[i], names[j]))
    missed: defaultdict[str, list[Pair]] = defaultdict(list)
    for members in by_person.values():
        for i, j in combinations(members, 2):
            if home[i] != home[j]:
                missed[miss_kind(names[i], names[j])].append((names[i], names[j]))
    predicted = right + sum(map(len, wrong.values()))
    return {
        "items": len(data), "persons": len(by_person), "clusters": len(groups),
        "seconds": seconds, "positives": positives, "right": right, "predicted": predicted,
        "wrong": wrong, "missed": missed, "matcher": matcher_alone(data),
    }  # fmt: skip


def matcher_alone(data: list[tuple[str, str]]) -> tuple[float, float]:
    """Precision and recall of `same` over the index's candidate pairs (no clustering)."""
    index = NameIndex((i, name) for i, (_, name) in enumerate(data))
    same = right = 0
    for i, (person, name) in enumerate(data):
        for j, _ in index.best(name, limit=1000):
            if isinstance(j, int) and j > i:
                same += 1
                right += data[j][0] == person
    positives = Counter(p for p, _ in data)
    return right / same, right / sum(n * (n - 1) // 2 for n in positives.values())


def _examples(pairs: list[Pair], rng: random.Random, n: int = 4) -> str:
    chosen = rng.sample(pairs, min(n, len(pairs)))
    return "; ".join(f"“{a}” / “{b}”" for a, b in chosen)


def report(k: dict[str, object], c: dict[str, object]) -> str:
    rng = random.Random(5)
    total, misses, rr = int(k["total"]), list(k["misses"]), list(k["rr_unmatched"])  # type: ignore[call-overload]
    precision = c["right"] / c["predicted"]  # type: ignore[operator]
    recall = c["right"] / c["positives"]  # type: ignore[operator]
    mp, mr = c["matcher"]  # type: ignore[misc]
    lines = [
        BEGIN,
        f"## Accuracy ({time.strftime('%Y-%m-%d')})",
        "",
        "Run: `.venv/bin/python bench/names_accuracy.py`.",
        "",
        "### Korean (korean_names_mccune_reischauer.csv)",
        "",
        f"- ALA-LC McCune-Reischauer exact: {total - len(misses)} / {total} "
        f"= {(total - len(misses)) / total:.2%} (goal 95 %).",
        *[f"  - miss: {h} → {got} (truth {want})" for h, want, got in misses],
        f"- RR form matches its MR form through `match`: {total - len(rr)} / {total}"
        + (" (goal: all)." if not rr else f"; not: {rr[:10]}"),
        "",
        "### Clustering FRUS name forms (people_name_variants.jsonl)",
        "",
        f"{c['items']:,} distinct name forms of {c['persons']:,} persons, clustered by "
        f"`fonds.core.names.cluster` in {c['seconds']:.1f} s into {c['clusters']:,} clusters.",
        "",
        "| measure | value | goal |",
        "|---|---:|---:|",
        f"| pairwise precision | {precision:.4f} | ≥ 0.98 |",
        f"| pairwise recall | {recall:.4f} | ≥ 0.90 |",
        f"| pairs in clusters (right / all) | {c['right']:,} / {c['predicted']:,} | |",
        f"| pairs of one person's forms | {c['positives']:,} | |",
        f"| `same` alone on candidate pairs: precision / recall | {mp:.4f} / {mr:.4f} | |",
        "",
        "Pairs wrongly put together, by kind (with examples):",
        "",
    ]
    for kind, pairs in sorted(c["wrong"].items(), key=lambda kv: -len(kv[1])):  # type: ignore[attr-defined]
        lines.append(f"- {kind}: {len(pairs)} — {_examples(pairs, rng)}")
    lines += ["", "Pairs of one person kept apart, by kind (with examples):", ""]
    for kind, pairs in sorted(c["missed"].items(), key=lambda kv: -len(kv[1])):  # type: ignore[attr-defined]
        lines.append(f"- {kind}: {len(pairs)} — {_examples(pairs, rng)}")
    return "\n".join([*lines, END])


def write(section: str) -> None:
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Name matching results\n"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, "utf-8")


def main() -> int:
    section = report(korean(), clustering())
    print(section)
    write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
