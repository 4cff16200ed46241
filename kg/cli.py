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


# --- canned and ad-hoc queries (kg query, kg cypher) -----------------------------------------


def _query_store_options(fn):
    """--neo4j / --db for the query commands (settings also come from the environment/kg.toml)."""
    fn = click.option("--db", "db_path", help="Embedded store folder (default ./kg-data).")(fn)
    return click.option("--neo4j", "neo4j_uri", help="Neo4j URI, e.g. bolt://localhost:7687.")(fn)


def _open_query_store(neo4j_uri: str | None, db_path: str | None, read_only: bool):
    from kg.stores import open_store

    values = config.settings(neo4j=neo4j_uri, db=db_path)
    uri = neo4j_uri or (None if db_path else values["neo4j"])
    return open_store(
        uri,
        None if uri else values["db"],
        user=values["user"],
        password=values["password"],
        database=values["database"],
        read_only=read_only,
    )


def _print_rows(rows: list[dict], out_format: str) -> None:
    from kg.queries import format_rows

    click.echo(format_rows(rows, out_format))


@main.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and exit.")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Set a parameter."
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--browser-guide",
    "guide_file",
    type=click.Path(dir_okay=False),
    help="Write a Neo4j Browser guide (HTML) of every canned query to FILE and exit.",
)
@click.option(
    "--browser-favorites",
    "favorites_file",
    type=click.Path(dir_okay=False),
    help="Write a zip of .cypher scripts for Neo4j Browser's favorites import and exit.",
)
@click.option(
    "--serve-guide",
    "serve_port",
    type=int,
    metavar="PORT",
    help="Serve the Browser guide on http://localhost:PORT/kg-queries.html (Ctrl-C stops).",
)
@_query_store_options
def query_command(
    name: str | None,
    list_queries: bool,
    params: tuple[str, ...],
    out_format: str,
    guide_file: str | None,
    favorites_file: str | None,
    serve_port: int | None,
    neo4j_uri: str | None,
    db_path: str | None,
) -> None:
    """Run a canned query from cypher/ by NAME, on Neo4j or the embedded store.

    Parameters are typed by their defaults: `-p limit=5` is an integer, `-p classes=edge,mobile`
    a list. Columns ending in `_id` hold node ids (what `kg viz --query NAME` draws).

    \b
    Examples:
      kg query --list
      kg query methods-for-hardware -p hardware=GPU
      kg query largest-speedups -p limit=5 --format json
      kg query --browser-guide kg-queries.html
    """
    from kg import queries

    if list_queries:
        found = queries.load_queries()
        rows = [
            {"name": q.name, "parameters": q.signature(), "description": q.description}
            for q in found.values()
        ]
        if out_format == "table":
            table = Table("name", "parameters", "description", box=None)
            for row in rows:
                table.add_row(row["name"], escape(row["parameters"]), escape(row["description"]))
            Console().print(table)
        else:
            _print_rows(rows, out_format)
        return
    if guide_file or favorites_file or serve_port:
        found = queries.load_queries()
        if guide_file:
            queries.write_browser_guide(found, guide_file)
            click.echo(f"Wrote {guide_file}: `:guide <its http URL>` in Neo4j Browser", err=True)
        if favorites_file:
            queries.write_browser_favorites(found, favorites_file)
            click.echo(f"Wrote {favorites_file}: import it in Browser's Favorites drawer", err=True)
        if serve_port:
            queries.serve_browser_guide(found, serve_port, echo=lambda m: click.echo(m, err=True))
        return
    if not name:
        raise KgError("give a query NAME (kg query --list shows them)")
    canned = queries.get_query(name)
    values = queries.parse_param_args(params)
    canned.bind(values)  # fail on bad parameters before connecting
    store = _open_query_store(neo4j_uri, db_path, read_only=True)
    try:
        rows = queries.run_query(store, canned, values)
    finally:
        store.close()
    _print_rows(rows, out_format)


@main.command("cypher")
@click.argument("statement")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Set a parameter."
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--write", is_flag=True, help="Allow a statement that changes the graph.")
@_query_store_options
def cypher_command(
    statement: str,
    params: tuple[str, ...],
    out_format: str,
    write: bool,
    neo4j_uri: str | None,
    db_path: str | None,
) -> None:
    """Run an ad-hoc Cypher STATEMENT (`-` reads it from standard input); read-only by default.

    Without --write, a statement that could change anything is refused before it is sent, and
    it runs in a read-only transaction, so the store refuses writes too. Parameter values are
    typed by their look: 12 is an integer, 0.5 a float, true a boolean, anything else text.

    \b
    Examples:
      kg cypher "MATCH (m:Method) RETURN m.name AS method LIMIT 5"
      kg cypher "MATCH (h:Hardware {class: \\$c}) RETURN h.name" -p c=GPU --format csv
    """
    from kg import queries

    if statement == "-":
        statement = sys.stdin.read()
    values = {k: queries.infer_value(v) for k, v in queries.parse_param_args(params).items()}
    if not write:
        queries.check_read_only(statement)
    store = _open_query_store(neo4j_uri, db_path, read_only=not write)
    try:
        rows = queries.run_cypher(store, statement, values, write=write)
    finally:
        store.close()
    _print_rows(rows, out_format)
