"""What the `fonds` command shows in a terminal: the ingest progress bar and the summary table.

Kept apart from cli.py so that rich is imported only once a command has something to show.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

__all__ = ["Console", "advance_record", "print_report", "progress_bar"]


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        TextColumn("{task.fields[records]} documents, {task.fields[failed]} failed"),
        DocumentRateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


class DocumentRateColumn(ProgressColumn):
    """Documents per second since the start (bytes drive the bar and the ETA)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.fields.get("records", 0) / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f}/s")


def advance_record(progress: Progress, task: Any, report: Any) -> None:
    progress.update(task, records=stored_count(report), failed=report.failed)


def stored_count(report: Any) -> int:
    """Documents stored so far (new, updated or unchanged); failures are counted apart."""
    return int(report.counts["new"] + report.counts["updated"] + report.counts["unchanged"])


def print_report(
    out: Console, err: Console, report: Any, *, verbose: bool, files: int, verb: str = "ingest"
) -> None:
    for failure in report.failures:
        err.print(f"[red]failed[/red] {failure}", markup=True, highlight=False, soft_wrap=True)
    if verbose:
        for warning in report.warnings:
            err.print(f"warning {warning}", highlight=False, soft_wrap=True)
    table = Table(title=f"fonds {verb}: {files} file{'s' if files != 1 else ''}")
    for column in ("new", "updated", "unchanged", "failed"):
        table.add_column(column, justify="right")
    table.add_row(*(str(report.counts[c]) for c in ("new", "updated", "unchanged", "failed")))
    out.print(table)
    out.print(
        f"new {report.counts['new']}, updated {report.counts['updated']}, "
        f"unchanged {report.counts['unchanged']}, failed {report.counts['failed']}"
        + (
            f"; {len(report.warnings)} warnings (-v to list)"
            if report.warnings and not verbose
            else ""
        ),
        highlight=False,
    )
