"""The `cleaner` command line: a thin shell over the library."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.model import Article
from cleaner.pipeline import Cleaner
from cleaner.rulebook import RulesError, builtin_packs, load_user_pack

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Strip aggregator and site chrome from scraped articles; keep the body and explain every removal.",
)

#: File name endings read as pages when a folder is given.
PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".txt.gz", ".md.gz", ".html.gz", ".htm.gz")


class Format(str, Enum):
    txt = "txt"
    json = "json"
    jsonl = "jsonl"


def iter_inputs(paths: list[Path]) -> Iterator[Path]:
    """Files as given, and folders walked recursively in sorted order (deterministic output)."""
    for path in paths:
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_file() and item.name.lower().endswith(PAGE_SUFFIXES):
                    yield item
        else:
            yield path


def record_for(path: str, article: Article, *, explain: bool) -> dict:
    """A flat JSON record: `path`, `text`, then every metadata field at top level."""
    data = article.to_dict(explain=explain)
    return {"path": path, **data}


def _build_cleaner(rules: list[Path], keep_near_duplicates: bool, language: str | None) -> Cleaner:
    config = Config.from_options(
        rules=tuple(str(r) for r in rules), keep_near_duplicates=keep_near_duplicates, language=language
    )
    cleaner = Cleaner(config)
    for rule_file in config.rules:  # fail fast, before any page is read
        load_user_pack(rule_file)
    return cleaner


RulesOption = Annotated[list[Path], typer.Option("--rules", help="Extra rule-pack file (TOML); repeatable.")]


@app.command("clean")
def clean_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.txt,
    rules: RulesOption = [],  # noqa: B006 - Typer reads the default, never mutates it
    keep_near_duplicates: Annotated[bool, typer.Option(help="Keep near-duplicate blocks.")] = False,
    language: Annotated[str | None, typer.Option(help="Force the language (ISO 639-1).")] = None,
    explain: Annotated[bool, typer.Option(help="Add the removed blocks with stage and reason.")] = False,
) -> None:
    """Clean pages and print the result.

    Examples:

      cleaner clean page.txt

      cleaner clean scraped/ --format jsonl > clean.jsonl
    """
    try:
        cleaner = _build_cleaner(rules, keep_near_duplicates, language)
    except RulesError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    failures = 0
    for path in iter_inputs(paths):
        try:
            article = cleaner.clean(path.read_bytes(), url=None)
        except (OSError, CleanerError) as error:
            failures += 1
            typer.echo(f"error: {path}: {error}", err=True)
            continue
        _emit(str(path), article, output_format, explain)
    if failures:
        raise typer.Exit(1)


def _emit(path: str, article: Article, output_format: Format, explain: bool) -> None:
    if output_format is Format.jsonl:
        sys.stdout.write(json.dumps(record_for(path, article, explain=explain), ensure_ascii=False) + "\n")
    elif output_format is Format.json:
        sys.stdout.write(json.dumps(record_for(path, article, explain=explain), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(article.text + "\n")


@app.command("explain")
def explain_command(
    path: Annotated[Path, typer.Argument(help="One page.")],
    rules: RulesOption = [],  # noqa: B006
) -> None:
    """Show every block of a page: kept, or removed with the stage and the reason."""
    cleaner = _build_cleaner(rules, False, None)
    doc = cleaner.label(path.read_bytes())
    for block in doc.blocks:
        if block.is_body:
            typer.echo(f"+ {block.text[:110]}")
        else:
            typer.echo(f"- [{block.label.value}/{block.stage}] {block.reason}: {block.text[:100]}")
    for note in doc.notes:
        typer.echo(f"! {note}")


@app.command("rules")
def rules_command(
    check: Annotated[Path | None, typer.Option(help="Validate this rules file.")] = None,
) -> None:
    """List the packaged rule packs, or check a user rules file."""
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
    pages = list(iter_inputs([folder]))
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
