"""The `cleaner` command line: a thin shell over the library and the batch runner."""

from __future__ import annotations

import os
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from cleaner.batch import BatchOptions, Summary, run
from cleaner.config import Config
from cleaner.inputs import PAGE_SUFFIXES, FieldNames, discover, kind_of
from cleaner.pipeline import Cleaner
from cleaner.rulebook import RulesError, builtin_packs, load_user_pack

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Strip aggregator and site chrome from scraped articles; keep the body and explain every removal.",
)


class Format(str, Enum):
    txt = "txt"
    json = "json"
    md = "md"
    jsonl = "jsonl"


RulesOption = Annotated[list[Path], typer.Option("--rules", help="Extra rule-pack file (TOML); repeatable.")]


def _config(
    rules: list[Path], keep_near_duplicates: bool = False, language: str | None = None, max_bytes: int | None = None
) -> Config:
    """The configuration, with user rule files checked before any page is read."""
    options: dict[str, Any] = {"rules": tuple(str(r) for r in rules), "keep_near_duplicates": keep_near_duplicates,
                               "language": language}
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
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
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
    language: Annotated[str | None, typer.Option(help="Report this language (ISO 639-1) instead of detecting it; every rule pack applies either way.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse documents larger than this many bytes (default 50 MB).")] = 0,
    dask: Annotated[str | None, typer.Option(help="Run on Dask: 'local' (a LocalCluster of --jobs workers) or tcp://HOST:PORT (needs cleaner[dask]).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")] = False,
) -> None:
    """Clean pages: HTML, text, JSON/JSONL records or WARC files, any of them gzipped.

    Examples:

      cleaner clean page.html

      cleaner clean scraped/ --output-dir clean/ --format json --jobs 8

      cleaner clean crawl.warc.gz --format jsonl --output clean.jsonl --resume

      cat records.jsonl | cleaner clean - --format jsonl --text-field body --id-field uid

    Exit status: 0 when every document was cleaned, 1 when some failed (see the errors
    file and the summary), 2 for a usage or rules error.
    """
    if output_format is Format.jsonl and output_dir is not None:
        _usage("--format jsonl writes one stream; use --output FILE instead of --output-dir")
    if output is not None and output_dir is not None:
        _usage("use either --output FILE (one JSONL stream) or --output-dir DIR (one file per document)")
    if output is not None and output_format is not Format.jsonl:
        _usage("--output FILE writes JSONL; add --format jsonl, or use --output-dir for txt, json or md")
    if resume and output is None and output_dir is None:
        _usage("--resume needs --output FILE or --output-dir DIR")
    config = _config(rules, keep_near_duplicates, language, max_bytes or None)
    options = BatchOptions(
        output_format=output_format.value,
        output_dir=output_dir,
        output_file=output,
        explain=explain,
        jobs=jobs or os.cpu_count() or 1,
        timeout=timeout or None,
        resume=resume,
        glob=glob,
        fields=FieldNames(text=text_field, html=html_field, id=id_field, url=url_field),
        dask=dask,
    )
    err = Console(stderr=True, soft_wrap=True)
    show_progress = not quiet and err.is_terminal
    if show_progress:
        summary = _run_with_progress(inputs, config, options, err)
    else:
        summary = run(inputs, config, options, stdout=sys.stdout)
    if not quiet:
        _print_summary(summary, options, err)
    if summary.errors:
        raise typer.Exit(1)


def _usage(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _run_with_progress(inputs: list[str], config: Config, options: BatchOptions, err: Console) -> Summary:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    files = [f for f in discover(inputs, options.glob, exclude=options.output_dir) if isinstance(f, tuple)]
    # one document per file for page files; record files (JSONL, WARC) hold an unknown number
    total = len(files) if all(kind_of(f[0].name) in PAGE_SUFFIXES for f in files) else None
    with Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("clean", total=total)
        return run(inputs, config, options, stdout=sys.stdout, on_progress=lambda n: bar.advance(task, n))


def _print_summary(summary: Summary, options: BatchOptions, err: Console) -> None:
    megabytes = summary.bytes / 1e6
    line = (f"cleaned {summary.documents} documents ({megabytes:.1f} MB) in {summary.seconds:.1f} s, "
            f"{summary.docs_per_second:.0f} docs/s")
    if summary.skipped:
        line += f"; {summary.skipped} already done (resumed)"
    err.print(line, markup=False, highlight=False)
    if summary.ignored:
        err.print(f"{len(summary.ignored)} JSON files hold no document (no text or HTML field), "
                  f"e.g. {summary.ignored[0]}", markup=False, highlight=False)
    if summary.removals:
        stages = ", ".join(f"{stage} {count}" for stage, count in summary.removals.most_common())
        err.print(f"removed by stage: {stages}", markup=False, highlight=False)
    if summary.errors:
        where = options.output_dir / "errors.jsonl" if options.output_dir else (
            f"{options.output_file}.errors.jsonl" if options.output_file else "the lines above")
        err.print(f"{len(summary.errors)} failed (see {where}):", markup=False, highlight=False)
        for record in summary.errors[:10]:
            name = record["path"] + (f" [{record['id']}]" if "id" in record else "")
            err.print(f"  {name}: {record['reason']}", markup=False, highlight=False)
        if len(summary.errors) > 10:
            err.print(f"  ... and {len(summary.errors) - 10} more", markup=False, highlight=False)
        if options.output_dir is None and options.output_file is None:
            import json

            for record in summary.errors:
                err.print(json.dumps(record, ensure_ascii=False), markup=False, highlight=False)


@app.command("explain")
def explain_command(
    path: Annotated[Path, typer.Argument(help="One page (text or HTML, maybe gzipped).")],
    rules: RulesOption = [],  # noqa: B006
) -> None:
    """Show every block of a page: + kept, - removed with its label, stage and reason.

    Colours on a terminal, plain text when piped.

    Example: cleaner explain page.txt | less
    """
    config = _config(rules)
    try:
        data = path.read_bytes()
    except OSError as error:
        typer.echo(f"error: {path}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    doc = Cleaner(config).label(data)
    out = Console(highlight=False, soft_wrap=True)
    meta = doc.meta
    for name in ("title", "authors", "date", "source", "site", "language"):
        value = getattr(meta, name)
        if value:
            out.print(f"[bold]{name}:[/bold] {escape(str(value))}")
    for block in doc.blocks:
        if block.is_body:
            out.print(f"[green]+[/green] {escape(block.text)}")
        else:
            out.print(f"[red]- \\[{block.label.value}/{block.stage}] {escape(block.reason or '')}:[/red] [dim]{escape(block.text)}[/dim]")
    for note in doc.notes:
        out.print(f"[yellow]! {escape(note)}[/yellow]")


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
        typer.echo(f"{check}: ok, {len(pack.rules)} rules")
        return
    for pack in builtin_packs():
        scope = ",".join(pack.languages or pack.domains) or "all pages"
        typer.echo(f"{pack.kind:9} {pack.name:10} {len(pack.rules):3} rules  ({scope})  {pack.path}")


@app.command("demo")
def demo_command(
    folder: Annotated[Path, typer.Argument(help="Folder of sample pages.")] = Path("fixtures/pages"),
) -> None:
    """Clean the bundled fixture pages and print what was removed from each."""
    cleaner = Cleaner()
    by_stage: Counter[str] = Counter()
    pages = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in pages:
        doc = cleaner.label(path.read_bytes())
        removed = [b for b in doc.blocks if not b.is_body]
        title = f" | title: {doc.meta.title!r}" if doc.meta.title else ""
        typer.echo(f"\n{path.name}: kept {len(doc.blocks) - len(removed)} lines, removed {len(removed)}{title}")
        for block in removed:
            by_stage[block.stage or ""] += 1
            typer.echo(f"   - {block.stage or '':12} {(block.reason or '')[:46]:46} | {block.text[:60]}")
    summary = ", ".join(f"{stage} {count}" for stage, count in by_stage.most_common())
    typer.echo(f"\n{len(pages)} pages cleaned; removals by stage: {summary or 'none'}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
