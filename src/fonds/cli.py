"""The `fonds` command: ingest, search, serve, reindex, and Django's management commands.

Exit codes: 0 success, 1 some records failed, 2 usage errors, 141 (as for a program stopped by
SIGPIPE) when whoever read `export`'s output closed it before the end. Other commands finish
their work when their output is closed, the output discarded.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fonds.terminal import Console

# Imports here are only what parsing the arguments needs; each command imports what it uses
# (Django, the terminal output) when it runs.


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "needs_django", True):
        _setup_django()
    return int(args.handler(args))


def run() -> None:
    """The `fonds` console command: `main`, then a quick exit. Once the output is flushed and
    the database closed, nothing is left to do but free memory the system frees anyway, and
    tearing down an interpreter that has loaded Django takes a tenth of a second."""
    try:
        code = main()
    except BrokenPipeError:  # `fonds export | head`: the reader left, nothing more to say
        from fonds.terminal import discard_output

        discard_output(sys.stdout)
        code = BROKEN_PIPE
    try:
        _close_database()
        if "logging" in sys.modules:
            sys.modules["logging"].shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `fonds export | head`: the reader left, nothing more to say
        os._exit(code)
    os._exit(code)


BROKEN_PIPE = 128 + 13  # what a shell reports for a program SIGPIPE stopped


def _close_database() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fonds", description="A digital archive for historical primary sources."
    )
    commands = parser.add_subparsers(dest="command")
    ingest = commands.add_parser(
        "ingest", help="ingest files or folders (formats detected by content)"
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("-v", "--verbose", action="store_true", help="list every warning")
    ingest.add_argument(
        "--mapping", type=Path, metavar="FILE", help="CSV column mapping (TOML; see README)"
    )
    ingest.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="map a CSV column to a field (repeatable; overrides --mapping)",
    )
    ingest.set_defaults(handler=cmd_ingest)
    search = commands.add_parser("search", help="search the archive from the command line")
    search.add_argument("query", nargs="+")
    search.add_argument("-n", "--limit", type=int, default=20)
    search.set_defaults(handler=cmd_search)
    serve = commands.add_parser("serve", help="serve the archive with gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(handler=cmd_serve)
    export = commands.add_parser("export", help="write the archive (or part of it) to a file")
    export.add_argument("--format", choices=("jsonl", "csv", "tei", "dc"), default="jsonl")
    export.add_argument("--collection", metavar="KEY", help="only this collection (and below)")
    export.add_argument("--query", metavar="Q", help="only the documents this search finds")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.add_argument(
        "--include-drafts",
        action="store_true",
        help="a curator's export: every document, drafts and embargoed ones included"
        " (default: what the public sees)",
    )
    export.set_defaults(handler=cmd_export)
    load = commands.add_parser("import", help="import a fonds JSON Lines export, keeping ids")
    load.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    load.set_defaults(handler=cmd_import)
    reindex = commands.add_parser("reindex", help="rebuild the search index from the database")
    reindex.set_defaults(handler=cmd_reindex)
    _names_parser(commands)
    manage = commands.add_parser(
        "manage", help="run a Django management command (e.g. createsuperuser)"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)
    return parser


def _names_parser(commands: Any) -> None:
    names = commands.add_parser("names", help="match names, romanize Korean names")
    verbs = names.add_subparsers(dest="verb", required=True)
    match = verbs.add_parser("match", help="do two names name one person? score and reasons")
    match.add_argument("first")
    match.add_argument("second")
    match.set_defaults(handler=cmd_names_match, needs_django=False)
    romanize = verbs.add_parser("romanize", help="a Korean name in Hangul (or Hanja) to Latin")
    romanize.add_argument("name")
    romanize.add_argument(
        "--scheme",
        choices=("mr", "rr"),
        default="mr",
        help="mr: ALA-LC McCune-Reischauer (default); rr: Revised Romanization",
    )
    romanize.set_defaults(handler=cmd_names_romanize, needs_django=False)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fonds.project.settings")
    import django

    django.setup()


def _migrate() -> None:
    from fonds.project.schema import database_ready

    database_ready()


def start_ingest(args: argparse.Namespace) -> int | None:
    """Check the arguments and start reading the files: returns an exit code if the arguments
    are refused. Called before the database is opened, so that reading overlaps opening (and,
    for a new archive, creating) it, and the reading process is forked while this one holds no
    database connection, index writer or thread."""
    from fonds.core.pipeline import Reading, files_under

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        return _usage_error(f"fonds ingest: no such file or folder: {', '.join(missing)}")
    try:
        mapping = _mapping_spec(args)
        mapping.build()  # a bad mapping is a usage error, before anything is read
    except (OSError, ValueError) as error:
        return _usage_error(f"fonds ingest: {error}")
    args.files = list(files_under(args.paths))
    args.mapping_spec = mapping
    args.reading = Reading(args.files, mapping, fork=True)  # no connection or thread yet
    return None


def _usage_error(message: str) -> int:
    from fonds.terminal import Console

    Console(stderr=True).print(message)
    return 2


def cmd_ingest(args: argparse.Namespace) -> int:
    if (refused := start_ingest(args)) is not None:  # first: before anything opens the database
        return refused
    from fonds.archive.ingest import IngestReport, ingest_paths
    from fonds.search.services import index_feed
    from fonds.terminal import Console, advance_record, print_report, progress_bar

    err = Console(stderr=True)
    _migrate()
    files = args.files
    report = IngestReport()
    # the feed holds the index writer: each batch's documents are indexed as it commits
    with index_feed(), progress_bar(err) as progress:
        task = progress.add_task("ingest", total=sum(_size(f) for f in files), records=0, failed=0)

        def on_progress(bytes_done: int) -> None:
            if bytes_done:
                progress.update(task, advance=bytes_done)
            else:
                advance_record(progress, task, report)

        ingest_paths(files, report, args.mapping_spec, on_progress, reading=args.reading)
    _catch_up_or_say(err)
    print_report(Console(), err, report, verbose=args.verbose, files=len(files))
    return 1 if report.failed else 0


def _catch_up_or_say(err: Console) -> None:
    """Apply what is queued for the index, waiting a while for another process writing it; if
    it is still busy, say so: the changes stay queued, and that process applies them."""
    from fonds.search.backends import IndexBusy
    from fonds.search.services import COMMAND_PATIENCE, index_catch_up

    try:
        index_catch_up(patience=COMMAND_PATIENCE)
    except IndexBusy as error:
        err.print(
            f"note: {error}; the new documents stay queued and become searchable when it"
            " applies the queue (at its next commit, or run `fonds reindex` later)",
        )


def _mapping_spec(args: argparse.Namespace) -> Any:
    """The CSV mapping the user gave: --mapping FILE (TOML) and --map pairs, which override it."""
    from fonds.core.pipeline import MappingSpec

    toml = args.mapping.read_text("utf-8") if args.mapping else None
    return MappingSpec(toml=toml, pairs=tuple(args.map))


def _size(path: Path) -> int:
    try:
        return max(1, path.stat().st_size)
    except OSError:
        return 1


def cmd_search(args: argparse.Namespace) -> int:
    from fonds.core.search.params import search_request
    from fonds.core.visibility import public_gate
    from fonds.search.selectors import search_documents
    from fonds.search.services import index_catch_up_safely
    from fonds.terminal import Console

    _migrate()
    index_catch_up_safely()
    page = search_documents(
        search_request({"q": [" ".join(args.query)], "page_size": [str(args.limit)]}),
        public_gate(),
    )
    out = Console()
    out.print(f"{page.total} result{'s' if page.total != 1 else ''}")
    for result in page.results:
        doc = result.document
        out.print(
            f"{doc.public_id}  {doc.date_display or 'undated':>16}  {doc.title}",
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from fonds.search.services import index_catch_up_safely

    _migrate()
    index_catch_up_safely()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "fonds.project.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    os.execv(command[0], command)
    return 0  # not reached


def cmd_export(args: argparse.Namespace) -> int:
    from fonds.archive.selectors import documents_for_export
    from fonds.core.export import writers
    from fonds.core.search.params import search_request
    from fonds.core.visibility import ANONYMOUS, CURATOR, Gate
    from fonds.search.selectors import matching_pks
    from fonds.search.services import index_catch_up_safely
    from fonds.terminal import Console

    _migrate()
    gate = Gate.of(CURATOR if args.include_drafts else ANONYMOUS)
    pks = None
    if args.query is not None:
        index_catch_up_safely()
        pks = matching_pks(search_request({"q": [args.query], "sort": ["newest"]}), gate)
    items = documents_for_export(gate, collection_key=args.collection, pks=pks)
    write = writers()[args.format]
    if args.output is None:
        count = write(items, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            count = write(items, out)
    scope = "drafts included" if args.include_drafts else "public documents only"
    Console(stderr=True).print(f"exported {count} documents ({args.format}, {scope})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from fonds.archive.ingest import BATCH, IngestReport
    from fonds.core.export.jsonl import read
    from fonds.core.records import Failed
    from fonds.search.services import index_feed
    from fonds.terminal import Console, print_report

    err = Console(stderr=True)
    missing = [str(p) for p in args.paths if not p.is_file()]
    if missing:
        err.print(f"fonds import: no such file: {', '.join(missing)}")
        return 2
    _migrate()
    report = IngestReport()
    with index_feed():
        for path in args.paths:
            pending: list[Any] = []
            with path.open(encoding="utf-8", errors="strict") as lines:
                try:
                    for item in read(lines):
                        if isinstance(item, Failed):
                            report.counts["failed"] += 1
                            report.failures.append(f"{path} {item.locator}: {item.reason}")
                            continue
                        pending.append(item)
                        if len(pending) >= BATCH:
                            _import_batch(path, pending, report)
                except UnicodeDecodeError as error:
                    report.counts["failed"] += 1
                    report.failures.append(f"{path}: not valid UTF-8 ({error.reason})")
            _import_batch(path, pending, report)
    _catch_up_or_say(err)
    print_report(Console(), err, report, verbose=False, files=len(args.paths), verb="import")
    return 1 if report.failed else 0


def _import_batch(path: Path, pending: list[Any], report: Any) -> None:
    """Import documents read from an export (`pending` is emptied)."""
    from fonds.archive.services import documents_import

    if not pending:
        return
    batch = documents_import(pending)
    for item, result in zip(pending, batch.results, strict=True):
        if result.outcome is None:
            report.counts["failed"] += 1
            report.failures.append(f"{path}: id {item.public_id}: {result.error}")
        else:
            report.counts[result.outcome.value] += 1
    pending.clear()


def cmd_reindex(args: argparse.Namespace) -> int:
    from fonds.search.backends import IndexBusy
    from fonds.search.services import index_rebuild
    from fonds.terminal import Console

    _migrate()
    try:
        count = index_rebuild()
    except IndexBusy as error:
        Console(stderr=True).print(f"fonds reindex: {error}; try again when it is done")
        return 1
    Console().print(f"reindexed {count} documents")
    return 0


def cmd_names_match(args: argparse.Namespace) -> int:
    """`fonds names match A B`: the decision, the score and the rules that matched."""
    from fonds.core.names import match
    from fonds.terminal import Console

    found = match(args.first, args.second)
    verdict = "same person" if found.same else "not the same person"
    reasons = ", ".join(found.reasons) or "no rule matched"
    Console().print(f"{verdict} (score {found.score:.2f}): {reasons}")
    return 0


def cmd_names_romanize(args: argparse.Namespace) -> int:
    from fonds.core.names import romanize
    from fonds.terminal import Console

    if not any("\uac00" <= ch <= "\ud7a3" or "\u4e00" <= ch <= "\u9fff" for ch in args.name):
        Console(stderr=True).print(f"fonds names romanize: no Hangul or Hanja in {args.name!r}")
        return 2
    Console().print(romanize(args.name, scheme=args.scheme))
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fonds manage", *args.arguments])
    return 0


if __name__ == "__main__":
    run()
