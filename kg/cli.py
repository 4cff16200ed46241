"""The `kg` command: thin click functions over the `kg` package."""

from __future__ import annotations

import json
import logging
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg import __version__, config
from kg.errors import KgError
from kg.sources import FORMATS, read_papers


class KgGroup(click.Group):
    """Turns `KgError`s into one-line messages with exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-q", "--quiet", is_flag=True, help="Only errors: no progress, no summary.")
@click.option(
    "-v", "--verbose", count=True, help="Explain: rules that fired, batches sent (-vv: more)."
)
def main(quiet: bool, verbose: int) -> None:
    """Turn machine-learning paper abstracts into a knowledge graph you can query.

    \b
    Quick start (no server needed: the graph goes to ./kg-data):
      kg load samples/daily-papers.txt --html view.html
      kg stats
      kg query --list
      kg query top-speedups

    Point at Neo4j with --neo4j URI or NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD.
    Each command has its own --help with an example.
    """
    level = logging.ERROR if quiet else (logging.DEBUG if verbose else logging.WARNING)
    if verbose == 1:
        level = logging.INFO
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("kg")
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def show_progress() -> bool:
    """Progress bars only for a person watching: not with -q, not when stderr is a pipe."""
    ctx = click.get_current_context(silent=True)
    quiet = bool(ctx and ctx.find_root().params.get("quiet"))
    return not quiet and sys.stderr.isatty()


def is_quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("quiet"))


def input_options(fn):
    """INPUT... plus the reading flags, shared by every command that reads papers."""
    fn = click.option(
        "--input-format",
        type=click.Choice(FORMATS),
        help="Read every input as this format instead of detecting it.",
    )(fn)
    fn = click.option(
        "--strict", is_flag=True, help="Stop at the first broken entry instead of skipping it."
    )(fn)
    return click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(fn)


def warn(message: str) -> None:
    if not is_quiet():
        click.echo(f"Warning: {message}", err=True)


def papers_from(inputs: tuple[str, ...], input_format: str | None, strict: bool):
    """The de-duplicated papers of the inputs, with broken entries reported on stderr."""
    return read_papers(inputs, fmt=input_format, strict=strict, warn=warn)


@main.command()
@input_options
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["jsonl", "table"]),
    default="table",
    show_default=True,
    help="One JSON object per paper, or a table for reading.",
)
def papers(inputs: tuple[str, ...], input_format: str | None, strict: bool, out_format: str):
    """List the distinct papers read from INPUT files.

    INPUT is a Daily Papers listing saved as text, JSON / JSON Lines / CSV with title and
    abstract columns, an arXiv API Atom feed, or Hugging Face papers API JSON; the format is
    detected. `-` reads standard input. The same paper read twice is listed once.

    \b
    Example:
      kg papers samples/daily-papers.txt --format jsonl | head -n 1
    """
    found = papers_from(inputs, input_format, strict)
    if out_format == "jsonl":
        for paper in found:
            click.echo(json.dumps(paper.to_dict(), ensure_ascii=False))
        return
    table = Table("id", "title", "authors", "published", "upvotes", box=None)
    count = 0
    for paper in found:
        count += 1
        table.add_row(
            paper.id,
            escape(paper.title_plain),
            "" if paper.author_count is None else str(paper.author_count),
            paper.published or "",
            "" if paper.upvotes is None else str(paper.upvotes),
        )
    Console().print(table)
    click.echo(f"{count} papers", err=True)


@main.command("config")
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table")
def config_command(out_format: str) -> None:
    """Show the settings in effect and where each comes from.

    Precedence: command-line flags, then the environment (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
    NEO4J_DATABASE, KG_DB, KG_BATCH_SIZE, KG_BASE_IRI), then kg.toml (in the current folder, or
    the file KG_CONFIG names), then defaults. The password is masked.

    \b
    Example:
      NEO4J_URI=bolt://localhost:7687 kg config
    """
    values = config.resolve()
    if out_format == "json":
        shown = {
            n: {"value": config.masked(n, v.value), "from": v.origin} for n, v in values.items()
        }
        click.echo(json.dumps(shown, indent=2))
        return
    table = Table("setting", "value", "from", "meaning", box=None)
    for name, v in values.items():
        shown = config.masked(name, v.value)
        table.add_row(
            name, escape("" if shown is None else str(shown)), v.origin, config.BY_NAME[name].help
        )
    Console().print(table)
