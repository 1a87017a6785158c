"""The TEI reader against the FRUS editors' own markup: FRUS 1918, Russia, vol. III (478 documents).

    .venv/bin/python bench/frus_accuracy.py

Gold: `shared/corpus/frus/documents/frus1918Russiav03/_index.jsonl`, per document the editors'
encoding (date/@when, dateline placeNames, every persName with its persons-list id and @type).
Each document is its own TEI file (a `div type="document"` cut out of the volume); the volume's
persons list is `_persons.jsonl`, handed to the reader as `TeiReader(persons=…)`.

Measured on the documents whose dateline carries `date/@when`, per field:
- date: the record's EDTF equals the calendar date of @when;
- dateline place: the record's WRITTEN places equal the dateline's placeNames, in order;
- people (link): every persName with @corresp is an Agent with that persons-list id and that
  entry's name (one per person and role, as records keep them);
- people (role): and with the role its @type gives (from -> author, to -> recipient, else
  mentioned).
Prints each field's accuracy and every miss by category, and rewrites its section of
bench/RESULTS-accuracy.md.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fonds.core.parsing.tei import TeiReader  # noqa: E402
from fonds.core.parsing.tei_volume import PersonEntry  # noqa: E402
from fonds.core.records import DocumentRecord, Extracted, PlaceRole, Role, Source  # noqa: E402

VOLUME = "frus1918Russiav03"
GOLD = ROOT.parent / "shared" / "corpus" / "frus" / "documents" / VOLUME
RESULTS = ROOT / "bench" / "RESULTS-accuracy.md"
BEGIN, END = "<!-- frus_accuracy: begin -->", "<!-- frus_accuracy: end -->"
ROLES = {"from": Role.AUTHOR, "to": Role.RECIPIENT}
FIELDS = ("date", "dateline place", "people (link)", "people (role)")


@dataclass
class Tally:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def check(self, name: str, ok: bool, category: str = "", example: str = "") -> None:
        self.total[name] += 1
        if ok:
            self.right[name] += 1
            return
        self.misses[name][category] += 1
        self.examples[(name, category)].append(example)


def load_persons() -> dict[str, PersonEntry]:
    persons = {}
    for line in (GOLD / "_persons.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        name, entry = row["name"], row["entry"]
        description = entry[len(name) :] if entry.startswith(name) else entry
        persons[row["id"]] = PersonEntry(name, description.lstrip(" ,;:").strip())
    return persons


def normalized(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;:")


def check_date(tally: Tally, gold: dict[str, Any], record: DocumentRecord) -> None:
    expected = gold["date_when"][:10]
    actual = record.date.edtf if record.date else ""
    category = "no date" if not actual else "different date"
    tally.check("date", actual == expected, category, f"{gold['doc_id']}: {actual!r} vs {expected}")


def check_places(tally: Tally, gold: dict[str, Any], record: DocumentRecord) -> None:
    expected = [normalized(p) for p in gold["dateline_places"]]
    actual = [p.name for p in record.places if p.role is PlaceRole.WRITTEN]
    category = "missing" if len(actual) < len(expected) else "different"
    example = f"{gold['doc_id']}: {actual} vs {expected}"
    tally.check("dateline place", actual == expected, category, example)


def check_people(
    tally: Tally, gold: dict[str, Any], record: DocumentRecord, persons: dict[str, PersonEntry]
) -> None:
    expected = {(p["corresp"].lstrip("#"), p["type"]) for p in gold["persNames"] if p["corresp"]}
    by_key = defaultdict(set)
    for agent in record.people:
        # authority keys are "<volume>#<xml:id>"; the gold names the bare xml:id
        by_key[agent.authority_key.partition("#")[2]].add((agent.name, agent.role))
    for key, kind in sorted(expected, key=str):
        name = persons[key].name if key in persons else ""
        found = {role for agent_name, role in by_key.get(key, ()) if agent_name == name}
        example = f"{gold['doc_id']}: #{key} ({name}, type={kind})"
        link_miss = "not in persons list" if key not in persons else "no agent with this id"
        tally.check("people (link)", bool(found), link_miss, example)
        role = ROLES.get(kind or "", Role.MENTIONED)
        category = f"type={kind} read as {'/'.join(sorted(r.value for r in found)) or 'none'}"
        tally.check("people (role)", role in found, category, example)


def run() -> tuple[Tally, dict[str, float]]:
    persons = load_persons()
    reader = TeiReader(persons=persons, volume_key=VOLUME)
    index = [json.loads(line) for line in (GOLD / "_index.jsonl").read_text().splitlines()]
    tally, started, failed = Tally(), time.perf_counter(), 0
    for gold in index:
        results = list(reader.read(Source(gold["file"], (GOLD / gold["file"]).read_bytes())))
        if len(results) != 1 or not isinstance(results[0], Extracted):
            failed += 1
            continue
        if gold["date_when"]:
            check_date(tally, gold, results[0].record)
            check_places(tally, gold, results[0].record)
            check_people(tally, gold, results[0].record, persons)
    stats = {
        "documents": len(index),
        "with_when": sum(1 for g in index if g["date_when"]),
        "failed": failed,
        "seconds": time.perf_counter() - started,
    }
    return tally, stats


def report(tally: Tally, stats: dict[str, float]) -> str:
    lines = [
        f"## FRUS 1918 Russia III: TEI reader vs. editors' markup ({time.strftime('%Y-%m-%d')})",
        "",
        f"{stats['documents']:.0f} documents read in {stats['seconds']:.1f} s, "
        f"{stats['failed']:.0f} failed; measured on the {stats['with_when']:.0f} whose dateline"
        " carries `date/@when`. Run: `.venv/bin/python bench/frus_accuracy.py`.",
        "",
        "| field | right | total | accuracy |",
        "|---|---:|---:|---:|",
    ]
    for name in FIELDS:
        right, total = tally.right[name], tally.total[name]
        lines.append(f"| {name} | {right} | {total} | {100 * right / max(total, 1):.2f} % |")
    lines += [
        "",
        "The gold is the editors' own markup, so this measures how faithfully the reader carries"
        " it into records, not free-text extraction. By design, a persName typed from/to inside"
        " a `frus:attachment` (an enclosure: a letter of its own) is read as MENTIONED, since"
        " the enclosure's sender is not the author of the document that encloses it.",
        "",
        "Misses by category (with up to three examples):",
        "",
    ]
    for name in FIELDS:
        for category, count in tally.misses[name].most_common():
            examples = "; ".join(tally.examples[(name, category)][:3])
            lines.append(f"- {name} / {category}: {count} — {examples}")
    if not any(tally.misses.values()):
        lines.append("- none")
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Accuracy results\n"
    block = f"{BEGIN}\n{section}{END}\n"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.DOTALL)
    new = pattern.sub(lambda _: block, old) if BEGIN in old else f"{old.rstrip()}\n\n{block}"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    tally, stats = run()
    section = report(tally, stats)
    print(section)
    write_section(section)


if __name__ == "__main__":
    main()
