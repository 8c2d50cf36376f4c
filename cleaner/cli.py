"""The `cleaner` command line: a thin shell over the library and the batch runner."""

from __future__ import annotations

import os
import sys
from collections import Counter
from enum import Enum
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from cleaner import __version__
from cleaner.batch import BatchOptions, Summary, run
from cleaner.batch.worker import task_data
from cleaner.config import MAX_INPUT_BYTES_DEFAULT, Config, is_language_code
from cleaner.errors import CleanerError
from cleaner.inputs import FieldNames, InputError, ReadOptions, discover, expand, read_stdin
from cleaner.model import Document
from cleaner.outputs import METADATA_COLUMNS
from cleaner.pipeline import Cleaner
from cleaner.rules import RulesError, builtin_packs, load_user_pack, never_matching

#: click's error classes, found through Typer's public `BadParameter`: newer Typer releases
#: carry their own copy of click, older ones use the click package.
UsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Strip aggregator and site chrome from scraped articles; keep the body and explain every removal.",
)


class Favor(str, Enum):
    precision = "precision"
    balanced = "balanced"
    recall = "recall"


class Format(str, Enum):
    txt = "txt"
    json = "json"
    md = "md"
    jsonl = "jsonl"


RulesOption = Annotated[list[Path], typer.Option("--rules", help="Extra rule-pack file (TOML); repeatable.")]
FavorOption = Annotated[Favor, typer.Option(help="precision: less chrome left; recall: more of the page kept.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Strip aggregator and site chrome from scraped articles; keep the body and explain every removal."""


def _config(
    rules: list[Path], keep_near_duplicates: bool = False, language: str | None = None, max_bytes: int | None = None,
    timeout: float | None = None, favor: Favor | None = None,
) -> Config:
    """The configuration, with every option and user rule file checked before any page is read."""
    if language is not None:
        language = language.strip().lower()
        if not is_language_code(language):
            _usage(f"--language takes an ISO 639-1 code such as 'en' or 'de', not {language!r}")
    options: dict[str, Any] = {"rules": tuple(str(r) for r in rules), "keep_near_duplicates": keep_near_duplicates,
                               "language": language, "timeout": timeout}
    if favor is not None:
        options["favor"] = favor.value
    if max_bytes:
        options["max_input_bytes"] = max_bytes
    config = Config.from_options(**options)
    try:
        for rule_file in config.rules:
            load_user_pack(rule_file)
    except RulesError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    return config


@app.command("clean")
def clean_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (walked recursively) or - for standard input.")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="txt, json, md, or jsonl (one record per line).")] = Format.txt,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", "-d", help="Write one file per document here, mirroring the input tree.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the JSONL stream to this file (errors to FILE.errors.jsonl).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes; 0 (the default) for all cores.")] = 0,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per document; 0 for no limit.")] = 60.0,
    resume: Annotated[bool, typer.Option(help="Skip documents whose output is already complete.")] = False,
    glob: Annotated[str | None, typer.Option(help="Only files whose name matches, e.g. '*.html'.")] = None,
    text_field: Annotated[str, typer.Option(help="JSON field holding text.")] = "text",
    html_field: Annotated[str, typer.Option(help="JSON field holding HTML (preferred when present).")] = "html",
    id_field: Annotated[str, typer.Option(help="JSON field holding the record id.")] = "id",
    url_field: Annotated[str, typer.Option(help="JSON field holding the page URL.")] = "url",
    explain: Annotated[bool, typer.Option(help="Add the removed blocks with stage and reason.")] = False,
    rules: RulesOption = [],  # noqa: B006 - Typer reads the default, never mutates it
    keep_near_duplicates: Annotated[bool, typer.Option(help="Keep near-duplicate blocks.")] = False,
    favor: FavorOption = Favor.balanced,
    language: Annotated[str | None, typer.Option(help="Report this language (ISO 639-1) instead of detecting it; every rule pack applies either way.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse documents larger than this many bytes.", show_default="50 MB")] = MAX_INPUT_BYTES_DEFAULT,
    warc_all: Annotated[bool, typer.Option(help="Take every WARC response, whatever its HTTP status or content type.")] = False,
    dask: Annotated[str | None, typer.Option(help="Run on Dask: 'local' (a LocalCluster of --jobs workers) or tcp://HOST:PORT (needs cleaner[dask]).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")] = False,
) -> None:
    """Clean pages: HTML, text, JSON/JSONL records or WARC files, any of them gzipped
    (read by content, whatever the file name).

    Examples:

      cleaner clean page.html

      cleaner clean scraped/ --output-dir clean/ --format json --jobs 8

      cleaner clean crawl.warc.gz --format jsonl --output clean.jsonl --resume

      cat records.jsonl | cleaner clean - --format jsonl --text-field body --id-field uid

    Exit status: 0 when every document was cleaned or skipped, 1 when some failed (see
    the errors file and the summary), 2 for a usage or rules error, 130 when interrupted.
    """
    if output_format is Format.jsonl and output_dir is not None:
        _usage("--format jsonl writes one stream; use --output FILE instead of --output-dir")
    if output is not None and output_dir is not None:
        _usage("use either --output FILE (one JSONL stream) or --output-dir DIR (one file per document)")
    if output is not None and output_format is not Format.jsonl:
        _usage("--output FILE writes JSONL; add --format jsonl, or use --output-dir for txt, json or md")
    if resume and output is None and output_dir is None:
        _usage("--resume needs --output FILE or --output-dir DIR")
    if jobs < 0:
        _usage(f"--jobs takes 0 (all cores) or more worker processes, not {jobs}")
    if timeout < 0:
        _usage(f"--timeout takes seconds above 0, or 0 for no limit, not {timeout:g}")
    if max_bytes <= 0:
        _usage(f"--max-bytes takes a positive number of bytes, not {max_bytes}")
    if dask is not None:
        _check_dask(dask)
    config = _config(rules, keep_near_duplicates, language, max_bytes, timeout or None, favor)
    if explain:
        config = Config.from_options(config, explain=True)
    options = BatchOptions(
        output_format=output_format.value,
        output_dir=output_dir,
        output_file=output,
        explain=explain,
        jobs=jobs or os.cpu_count() or 1,
        resume=resume,
        read=ReadOptions(FieldNames(text=text_field, html=html_field, id=id_field, url=url_field), glob, warc_all),
        dask=dask,
    )
    err = Console(stderr=True, soft_wrap=True)
    show_progress = not quiet and err.is_terminal
    try:
        summary = _run_with_progress(inputs, config, options, err) if show_progress else run(
            inputs, config, options, stdout=sys.stdout)
    except CleanerError as error:  # the cluster could not be reached
        _usage(str(error))
    except OSError as error:  # the output file or folder cannot be written
        typer.echo(f"error: {error.filename or ''}: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None
    if not quiet or summary.interrupted:
        _print_summary(summary, options, err)
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.errors:
        raise typer.Exit(1)


def _usage(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _check_dask(address: str) -> None:
    from cleaner.batch.dask import check_address

    try:
        check_address(address)
    except CleanerError as error:
        _usage(str(error))


def _run_with_progress(inputs: list[str], config: Config, options: BatchOptions, err: Console) -> Summary:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    files = [f for f in discover(inputs, options.read.glob, exclude=options.output_dir) if isinstance(f, tuple)]
    # about one document per file; a name that says records (JSONL, WARC) holds an unknown number
    record_names = (".json", ".jsonl", ".warc", ".ndjson")
    total = None if any(f[0].name.lower().removesuffix(".gz").endswith(record_names) or str(f[0]) == "-"
                        for f in files) else len(files)
    with Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("clean", total=total)
        return run(inputs, config, options, stdout=sys.stdout, on_progress=lambda n: bar.advance(task, n))


def _print_summary(summary: Summary, options: BatchOptions, err: Console) -> None:
    def say(text: str) -> None:
        err.print(text, markup=False, highlight=False)

    megabytes = summary.bytes / 1e6
    line = (f"cleaned {summary.documents} documents ({megabytes:.1f} MB) in {summary.seconds:.1f} s, "
            f"{summary.docs_per_second:.0f} docs/s")
    if summary.resumed:
        line += f"; {summary.resumed} already done (resumed)"
    say(line)
    if summary.skipped:
        reasons = summary.skipped
        kinds = "; ".join(f"{count} {reason}" for reason, count in reasons.most_common(5))
        more = f"; {len(reasons) - 5} other reasons" if len(reasons) > 5 else ""
        place = f" ({_errors_place(options)})" if options.output_dir or options.output_file else ""
        say(f"skipped {summary.skipped.total()} inputs that are not documents{place}: {kinds}{more}")
    if summary.removals:
        stages = ", ".join(f"{stage} {count}" for stage, count in summary.removals.most_common())
        say(f"removed by stage: {stages}")
    if summary.rules:
        top = ", ".join(f"{rule} {count}" for rule, count in summary.rules.most_common(8))
        more = f" and {len(summary.rules) - 8} more rules" if len(summary.rules) > 8 else ""
        say(f"removed by rule: {top}{more}")
    if summary.errors:
        say(f"{len(summary.errors)} failed ({_errors_place(options)}):")
        for record in summary.errors[:10]:
            name = record["path"] + (f" [{record['id']}]" if "id" in record else "")
            say(f"  {name}: {record['reason']}")
        if len(summary.errors) > 10:
            say(f"  ... and {len(summary.errors) - 10} more")
        if options.output_dir is None and options.output_file is None:
            import json

            for record in summary.errors:
                say(json.dumps(record, ensure_ascii=False))
    if summary.interrupted:
        if options.output_dir is not None or options.output_file is not None:
            say("interrupted: the output is incomplete; run the same command again with --resume to finish it")
        else:
            say("interrupted: the output above is incomplete")


def _errors_place(options: BatchOptions) -> str:
    if options.output_dir is not None:
        return f"listed in {options.output_dir / 'errors.jsonl'}"
    if options.output_file is not None:
        return f"listed in {options.output_file}.errors.jsonl"
    return "listed below"


@app.command("explain")
def explain_command(
    path: Annotated[str, typer.Argument(help="A page (text or HTML), a record file (JSONL, JSON, WARC: each document in it), or - for standard input; maybe gzipped.")],
    rules: RulesOption = [],  # noqa: B006
    favor: FavorOption = Favor.balanced,
) -> None:
    """Show every block of a page: + kept, - removed with its label, stage and reason.

    Colours on a terminal, plain text when piped. A record file shows each of its
    documents under a `==> name <==` line.

    Example: cleaner explain page.txt | less
    """
    config = Config.from_options(_config(rules, favor=favor), explain=True)
    cleaner = Cleaner(config)
    out = Console(highlight=False, soft_wrap=True)
    source = Path(path)
    if path != "-" and not source.exists():
        typer.echo(f"error: {path}: no such file", err=True)
        raise typer.Exit(1)
    data = read_stdin() if path == "-" else None
    failed = False
    for item in expand(source, PurePosixPath(source.name), ReadOptions(), 0, stdin_data=data, limit=config.max_input_bytes):
        if isinstance(item, InputError):
            name = f"{item.path} [{item.id}]" if item.id else item.path
            out.print(f"[yellow]! {escape(f'{name}: {item.reason}')}[/yellow]")
            failed = failed or not item.skipped
            continue
        try:
            doc = cleaner.label(task_data(item, config.max_input_bytes), url=item.url)
        except (CleanerError, OSError) as error:
            typer.echo(f"error: {item.path}: {error}", err=True)
            failed = True
            continue
        if item.id is not None:
            out.print(f"[bold]{escape(f'==> {item.path} [{item.id}] <==')}[/bold]")
        _print_explanation(out, doc)
    if failed:
        raise typer.Exit(1)


def _why(reason: str, rule: str | None) -> str:
    """A removal's reason, with the id of the rule that made it."""
    return f"{reason} [{rule}]" if rule else reason


def _print_explanation(out: Console, doc: Document) -> None:
    meta = doc.meta
    for name in METADATA_COLUMNS:
        value = getattr(meta, name)
        if value:
            out.print(f"[bold]{name}:[/bold] {escape(str(value))}")
    for block in doc.blocks:
        if block.is_body:
            out.print(f"[green]+[/green] {escape(block.text)}")
        else:
            why = escape(_why(block.reason or "", block.rule))
            out.print(f"[red]- \\[{block.label.value}/{block.stage}] {why}:[/red] [dim]{escape(block.text)}[/dim]")
        for span in block.stripped:
            why = escape(_why(span.reason, span.rule))
            out.print(f"[red]  ~ \\[{span.label.value}/{span.stage}] {why}:[/red] [dim]{escape(span.text)}[/dim]")
    for note in doc.notes:
        out.print(f"[yellow]! {escape(note)}[/yellow]")
    by_rule = Counter(b.rule for b in doc.blocks if not b.is_body and b.rule)
    by_rule.update(span.rule for b in doc.blocks for span in b.stripped if span.rule)
    if by_rule:
        out.print("[dim]removed by rule: " + escape(", ".join(f"{r} {n}" for r, n in by_rule.most_common())) + "[/dim]")


@app.command("rules")
def rules_command(
    check: Annotated[Path | None, typer.Option(help="Validate this rules file and exit.")] = None,
) -> None:
    """List the packaged rule packs, or check a user rules file.

    Examples: cleaner rules;  cleaner rules --check my-rules.toml
    """
    if check is not None:
        try:
            pack = load_user_pack(str(check))
        except RulesError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        warnings = never_matching(pack)
        for warning in warnings:
            typer.echo(f"warning: {check}: {warning}", err=True)
        typer.echo(f"{check}: ok, {len(pack.rules)} rules" + (f", {len(warnings)} warnings" if warnings else ""))
        return
    for pack in builtin_packs():
        scope = ",".join(pack.languages or pack.domains) or "all pages"
        typer.echo(f"{pack.kind:9} {pack.name:10} {len(pack.rules):3} rules  ({scope})  {pack.path}")
    from cleaner.dom import dom_pack

    groups = dom_pack().groups
    typer.echo(f"{'html':9} {'dom':10} {len(groups):3} groups (class, id and label words of HTML pages)  dom.toml")
    for group in groups:
        typer.echo(f"{'':9} {group.id:18} {group.reason}")


@app.command("demo")
def demo_command(
    folder: Annotated[Path | None, typer.Argument(help="Folder of sample pages (default: the samples bundled with cleaner).")] = None,
) -> None:
    """Clean sample pages and print what was removed from each."""
    pages: list[Any]
    if folder is None:
        pages = sorted((p for p in resources.files("cleaner").joinpath("samples").iterdir() if p.is_file()),
                       key=lambda p: p.name)
    elif folder.is_dir():
        pages = sorted(p for p in folder.rglob("*") if p.is_file())
    else:
        _usage(f"{folder}: no such folder")
    cleaner = Cleaner()
    by_stage: Counter[str] = Counter()
    for path in pages:
        doc = cleaner.label(path.read_bytes())
        removed = [b for b in doc.blocks if not b.is_body]
        title = f" | title: {doc.meta.title!r}" if doc.meta.title else ""
        typer.echo(f"\n{path.name}: kept {len(doc.blocks) - len(removed)} lines, removed {len(removed)}{title}")
        for block in removed:
            by_stage[block.stage or ""] += 1
            typer.echo(f"   - {block.stage or '':12} {_why(block.reason or '', block.rule)[:46]:46} | {block.text[:60]}")
    summary = ", ".join(f"{stage} {count}" for stage, count in by_stage.most_common())
    typer.echo(f"\n{len(pages)} pages cleaned; removals by stage: {summary or 'none'}")


def main() -> None:
    """The console script: usage errors are one line and exit 2, Ctrl-C is exit 130."""
    try:
        code = app(standalone_mode=False)
    except UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # `cleaner` alone: the help
            typer.echo(error.format_message(), err=True)  # type: ignore[attr-defined]
        else:
            typer.echo(f"error: {error.format_message()}", err=True)  # type: ignore[attr-defined]
        code = 2
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("interrupted", err=True)
        code = 130
    except ClickException as error:
        typer.echo(f"error: {error.format_message()}", err=True)  # type: ignore[attr-defined]
        code = error.exit_code  # type: ignore[attr-defined]
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
