"""Time and peak memory of the TEI reader: one FRUS volume vs all nine, each in a fresh process.

    .venv/bin/python bench/frus_tei_memory.py

Each measurement runs in its own interpreter so the process-wide peak (ru_maxrss, which counts
libxml2's C allocations too) belongs to that run alone. Time and RSS come from a plain run; the
Python-side peak from a second run under tracemalloc (which slows Python several times over).
Records are consumed one at a time and dropped, as an ingest does. For contrast, the last row
builds the largest volume's whole tree with lxml.etree.parse (not streaming).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOLUMES = ROOT.parent / "shared" / "corpus" / "frus" / "volumes"
LARGEST = "frus1964-68v26.xml"

_CHILD = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from lxml import etree
from fonds.core.parsing.tei import READER
from fonds.core.records import Extracted, Source

mode, trace, paths = sys.argv[2], sys.argv[3] == "trace", [Path(p) for p in sys.argv[4:]]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if trace:
    tracemalloc.start()
documents, seconds = 0, []
for path in paths:
    start = time.perf_counter()
    data = path.read_bytes()
    if mode == "tree":
        documents += len(etree.parse(path).getroot().xpath(
            "//t:div[@type='document']", namespaces={"t": "http://www.tei-c.org/ns/1.0"}))
    else:
        for result in READER.read(Source(path.name, data)):
            documents += isinstance(result, Extracted)
    del data
    seconds.append(time.perf_counter() - start)
python_peak = tracemalloc.get_traced_memory()[1]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"documents": documents, "seconds": seconds, "rss_base_kib": base,
                  "rss_peak_kib": peak, "python_peak_bytes": python_peak}))
"""


def measure(mode: str, names: list[str], trace: bool) -> dict[str, float]:
    paths = [str(VOLUMES / name) for name in names]
    flag = "trace" if trace else "plain"
    command = [sys.executable, "-c", _CHILD, str(ROOT / "src"), mode, flag, *paths]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main() -> None:
    every = sorted(p.name for p in VOLUMES.glob("*.xml"))
    runs = [
        ("reader, 1 volume (largest, 4.1 MB)", "reader", [LARGEST]),
        ("reader, all 9 volumes (27 MB)", "reader", every),
        ("lxml.etree.parse, largest volume (whole tree)", "tree", [LARGEST]),
    ]
    print("| run | documents | time | peak RSS above start | Python peak (tracemalloc) |")
    print("|---|---:|---:|---:|---:|")
    for label, mode, names in runs:
        r = measure(mode, names, trace=False)
        seconds = sum(r["seconds"])
        above = (r["rss_peak_kib"] - r["rss_base_kib"]) / 1024
        python = measure(mode, names, trace=True)["python_peak_bytes"] / 2**20
        print(
            f"| {label} | {r['documents']:,} | {seconds:.2f} s "
            f"({seconds / len(names):.2f} s/volume) | {above:.1f} MiB | {python:.1f} MiB |"
        )


if __name__ == "__main__":
    main()
