"""What the `fonds` command shows in a terminal: messages, the ingest progress line and the
summary table.

Plain text written straight to the streams. (A terminal library cost every ingest a fifth of a
second of imports and a drawing thread, more than this whole module does in a run.) On a
terminal the progress line is redrawn in place a few times a second and failures are red;
written to a file or a pipe, the line is printed every ten seconds and once at the end.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any, TextIO

REDRAW_SECONDS = 0.2  # on a terminal
LOG_SECONDS = 10.0  # to a file or pipe
BAR_WIDTH = 30


# Control characters in what is printed (a record's title, a file's name) could move the cursor,
# clear the screen or retitle the terminal: each becomes U+FFFD. Tab and newline are kept.
_CONTROLS = {
    code: "\ufffd" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(code) not in "\t\n"
}


class Console:
    """Prints whole lines to standard output, or to standard error."""

    def __init__(self, *, stderr: bool = False) -> None:
        self.stream: TextIO = sys.stderr if stderr else sys.stdout
        self.is_terminal = self.stream.isatty()

    def print(self, text: str, *, red_prefix: str = "") -> None:
        """`text` made harmless for a terminal, after `red_prefix` (red on a terminal)."""
        prefix = f"\x1b[31m{red_prefix}\x1b[0m" if red_prefix and self.is_terminal else red_prefix
        self.write(f"{prefix}{text.translate(_CONTROLS)}\n")

    def write(self, text: str) -> None:
        """Write and flush. Whoever read the output may have gone (`fonds ingest | head -1`):
        the work goes on regardless, its output discarded, so an ingest is never cut short
        because nobody reads its progress line."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except BrokenPipeError:
            discard_output(self.stream)


def discard_output(stream: TextIO) -> None:
    """Send what is still to be written to `stream` (and everything after) nowhere: its reader
    has closed the pipe, and writing on would raise again at every line and at exit."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's StringIO)
        return
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, descriptor)
    os.close(nowhere)


class IngestProgress:
    """The ingest progress line: a bar over the bytes read, documents stored and failed, the
    rate in documents per second, the time elapsed and the time left (estimated from bytes).
    Used as `progress_bar(console)`: a context manager that draws the last state on exit."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.total = 1
        self.done = 0
        self.records = 0
        self.failed = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.drawn_width = 0

    def __enter__(self) -> IngestProgress:
        self.started = self.drawn_at = time.monotonic()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._draw(final=True)

    def add_task(self, _name: str, *, total: int, records: int = 0, failed: int = 0) -> int:
        self.total, self.records, self.failed = max(1, total), records, failed
        return 0

    def update(
        self, _task: int, *, advance: int = 0, records: int | None = None, failed: int | None = None
    ) -> None:
        self.done += advance
        self.records = self.records if records is None else records
        self.failed = self.failed if failed is None else failed
        now = time.monotonic()
        if now - self.drawn_at >= (REDRAW_SECONDS if self.console.is_terminal else LOG_SECONDS):
            self._draw()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        share = min(1.0, self.done / self.total)
        filled = round(share * BAR_WIDTH)
        bar = (
            "━" * filled + "╺" + "─" * (BAR_WIDTH - filled - 1)
            if filled < BAR_WIDTH
            else "━" * BAR_WIDTH
        )
        rate = self.records / elapsed if elapsed > 0 else 0.0
        left = elapsed * (1 - share) / share if share > 0 else None
        return (
            f"ingest {bar} {self.records} documents, {self.failed} failed {rate:,.0f}/s "
            f"{_clock(elapsed)} ETA {_clock(left) if left is not None else '-:--:--'}"
        )

    def _draw(self, *, final: bool = False) -> None:
        self.drawn_at = time.monotonic()
        text = self.line()
        if self.console.is_terminal:  # redraw in place; a newline once done
            self.console.write("\r" + text.ljust(self.drawn_width) + ("\n" if final else ""))
            self.drawn_width = len(text)
        else:
            self.console.write(text + "\n")


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def progress_bar(console: Console) -> IngestProgress:
    return IngestProgress(console)


def advance_record(progress: IngestProgress, task: int, report: Any) -> None:
    progress.update(task, records=stored_count(report), failed=report.failed)


def stored_count(report: Any) -> int:
    """Documents stored so far (new, updated or unchanged); failures are counted apart."""
    return int(report.counts["new"] + report.counts["updated"] + report.counts["unchanged"])


COLUMNS = ("new", "updated", "unchanged", "failed")


def print_report(
    out: Console, err: Console, report: Any, *, verbose: bool, files: int, verb: str = "ingest"
) -> None:
    """Failures (and with `verbose` the warnings) on standard error; the counts as a table and
    as one line (`new N, updated N, unchanged N, failed N`) on standard output."""
    for failure in report.failures:
        err.print(failure, red_prefix="failed ")
    if verbose:
        for warning in report.warnings:
            err.print(f"warning {warning}")
    counts = [str(report.counts[column]) for column in COLUMNS]
    widths = [max(len(column), len(count)) for column, count in zip(COLUMNS, counts, strict=True)]
    out.print(f"fonds {verb}: {files} file{'s' if files != 1 else ''}")
    out.print("  ".join(column.rjust(width) for column, width in zip(COLUMNS, widths, strict=True)))
    out.print("  ".join(count.rjust(width) for count, width in zip(counts, widths, strict=True)))
    warnings = (
        f"; {len(report.warnings)} warnings (-v to list)" if report.warnings and not verbose else ""
    )
    out.print(", ".join(f"{c} {n}" for c, n in zip(COLUMNS, counts, strict=True)) + warnings)
    people = getattr(report, "people", None)
    if people is not None and (people.merged or people.queued):
        out.print(
            f"people: {people.merged} found to be someone already known (merged),"
            f" {people.queued} probably (for review in the back office)"
        )
