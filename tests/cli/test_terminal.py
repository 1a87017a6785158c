"""What the `fonds` command prints: lines made harmless for a terminal, the progress line, the
summary. (The command itself is driven end to end in tests/e2e/test_cli.py.)"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

import pytest

from fonds.terminal import Console, IngestProgress, print_report


def console(*, terminal: bool) -> Console:
    out = Console()
    out.stream = io.StringIO()
    out.is_terminal = terminal
    return out


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Kim Byeong-jik\tMoscow", "Kim Byeong-jik\tMoscow"),
        ("title\x1b]0;owned\x07", "title\ufffd]0;owned\ufffd"),  # retitling the terminal
        ("a\x1b[2Jb", "a\ufffd[2Jb"),  # clearing the screen
        ("c\rd\x08e\u009bf", "c\ufffdd\ufffde\ufffdf"),  # carriage return, backspace, C1 CSI
    ],
)
def test_control_characters_never_reach_the_terminal(text: str, shown: str) -> None:
    out = console(terminal=True)
    out.print(text)
    assert out.stream.getvalue() == shown + "\n"  # type: ignore[attr-defined]


def test_only_a_terminal_gets_colour() -> None:
    for terminal, expected in ((True, "\x1b[31mfailed \x1b[0mx\n"), (False, "failed x\n")):
        out = console(terminal=terminal)
        out.print("x", red_prefix="failed ")
        assert out.stream.getvalue() == expected  # type: ignore[attr-defined]


def test_the_progress_line_has_documents_rate_time_and_eta() -> None:
    out = console(terminal=False)
    with IngestProgress(out) as progress:
        task = progress.add_task("ingest", total=1000)
        progress.update(task, advance=250, records=40, failed=1)
        assert "━" in progress.line() and "─" in progress.line()
        assert "40 documents, 1 failed" in progress.line()
        progress.update(task, advance=750, records=160)
    written = out.stream.getvalue()  # type: ignore[attr-defined]
    (last,) = written.splitlines()  # not a terminal: one line at the end (and every 10 s)
    assert last.startswith("ingest " + "━" * 30 + " 160 documents, 1 failed ")
    assert "/s 0:00:00 ETA 0:00:00" in last


def test_a_terminal_sees_the_line_redrawn_in_place() -> None:
    out = console(terminal=True)
    with IngestProgress(out) as progress:
        progress.add_task("ingest", total=10)
        progress.drawn_at = 0.0  # due for a redraw
        progress.update(0, advance=5, records=5)
    written = out.stream.getvalue()  # type: ignore[attr-defined]
    assert written.count("\r") == 2 and written.endswith("\n") and written.count("\n") == 1


@dataclass
class Report:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def test_the_summary_table_and_line() -> None:
    out, err = console(terminal=False), console(terminal=False)
    report = Report(Counter(new=2668, failed=1), ["a.xml div 3: no title"], ["w1", "w2"])
    print_report(out, err, report, verbose=False, files=9)
    assert out.stream.getvalue().splitlines() == [  # type: ignore[attr-defined]
        "fonds ingest: 9 files",
        " new  updated  unchanged  failed",
        "2668        0          0       1",
        "new 2668, updated 0, unchanged 0, failed 1; 2 warnings (-v to list)",
    ]
    assert err.stream.getvalue() == "failed a.xml div 3: no title\n"  # type: ignore[attr-defined]
