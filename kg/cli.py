"""The `kg` command: thin click functions over the `kg` package."""

from __future__ import annotations

import contextlib
import json
import logging
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg import __version__, config
from kg.errors import KgError
from kg.files import atomic_writer
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
      kg query largest-speedups

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


def checked_papers(inputs: tuple[str, ...], input_format: str | None, strict: bool):
    """Like `papers_from`, but every input is read through once first, so a broken file fails
    the command before anything is written. Standard input cannot be read twice: it is kept."""
    if "-" in inputs:
        return iter(list(papers_from(inputs, input_format, strict)))
    for _ in papers_from(inputs, input_format, strict):
        pass
    return read_papers(inputs, fmt=input_format, strict=strict, warn=lambda _: None)


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


# --- graph stores: shared store options, kg load, kg stats, kg schema ------------------------


def store_options(fn):
    """`--neo4j / --db / --user / --password / --database` for every command that opens the graph.

    The command receives one `store` argument, a `kg.stores.StoreOptions` resolved from the flags,
    the environment and kg.toml (see `kg config`); call `store.open()` once the inputs are known to
    be good, so a bad input never creates a store folder.
    """
    import functools

    @functools.wraps(fn)
    def wrapper(*args, neo4j_uri, db_path, user, password, database, **kwargs):
        from kg.stores import StoreOptions

        options = StoreOptions.resolve(neo4j_uri, db_path, user, password, database)
        return fn(*args, store=options, **kwargs)

    options = [
        click.option(
            "--neo4j",
            "neo4j_uri",
            metavar="URI",
            help="Neo4j to use, e.g. bolt://localhost:7687 or neo4j+s://x.databases.neo4j.io "
            "(else NEO4J_URI; with neither, the embedded store).",
        ),
        click.option(
            "--db",
            "db_path",
            metavar="PATH",
            help="Embedded store folder (default ./kg-data, or KG_DB).",
        ),
        click.option("--user", metavar="NAME", help="Neo4j user (else NEO4J_USER, else neo4j)."),
        click.option("--password", metavar="TEXT", help="Neo4j password (else NEO4J_PASSWORD)."),
        click.option("--database", metavar="NAME", help="Neo4j database (else NEO4J_DATABASE)."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


@main.command("load")
@input_options
@store_options
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    help="Rows per write transaction (default 5000, or KG_BATCH_SIZE).",
)
@click.option(
    "-j", "--processes", type=click.IntRange(min=1), default=1, help="Extraction processes."
)
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table")
@click.option(
    "--rdf",
    "rdf_path",
    metavar="FILE",
    help="Then export the whole graph as RDF to FILE (format from the suffix .ttl/.nt/.nq/"
    ".jsonld/.rdf, base IRI from KG_BASE_IRI); see `kg export`.",
)
@click.option(
    "--html",
    "html_path",
    metavar="FILE.html",
    help="Then write an interactive overview of the whole graph to FILE.html; see `kg viz`.",
)
def load_command(
    inputs: tuple[str, ...],
    input_format: str | None,
    strict: bool,
    store,
    batch_size: int | None,
    processes: int,
    out_format: str,
    rdf_path: str | None = None,
    html_path: str | None = None,
) -> None:
    """Read INPUT files, extract the graph and merge it into the store.

    Loading the same input again changes nothing; a paper on several pages is one node; a claim
    made by two papers is two relationships, each with its own evidence. Without --neo4j (or
    NEO4J_URI) the graph goes to the embedded store in ./kg-data.

    \b
    Example:
      kg load samples/daily-papers.txt
      kg load ../shared/seeds/*.txt --neo4j bolt://localhost:7687 --batch-size 10000
    """
    papers = checked_papers(inputs, input_format, strict)
    batch_size = batch_size or config.settings()["batch_size"]
    rdf_target = _rdf_target(rdf_path, None) if rdf_path else None
    rdf_report = None
    html_target = _html_target(html_path) if html_path else None
    html_report = None
    graph = store.open()
    try:
        summary = _run_load(papers, graph, batch_size, processes)
        if rdf_target:
            from kg.exports.rdf import export_rdf

            rdf_report = export_rdf(graph, rdf_target[0], None, rdf_target[1])
        if html_target:
            from kg.views import select_view, write_view

            html_report = write_view(select_view(graph), html_target)
    finally:
        graph.close()
    if is_quiet():
        return
    if out_format == "json":
        extra = {"rdf": vars(rdf_report)} if rdf_report else {}
        if html_report:
            extra["html"] = {"path": str(html_report.path), "message": html_report.message()}
        click.echo(json.dumps({"store": store.describe(), **summary.to_dict(), **extra}, indent=2))
        return
    _print_load_summary(summary, store.describe())
    if rdf_report:
        click.echo(
            f"Wrote {rdf_report.triples} RDF statements as {rdf_report.format} to "
            f"{rdf_report.path} in {rdf_report.seconds:.1f}s"
        )
    if html_report:
        click.echo(f"Wrote {html_report.path}: {html_report.message()}")


def _run_load(papers, graph, batch_size: int, processes: int):
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kg import pipeline

    if not show_progress():
        return pipeline.load(papers, graph, batch_size=batch_size, n_process=processes)
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("loading", total=None, detail="")

        def progress(done: int, summary) -> None:
            bar.update(
                task,
                description=f"{done} papers",
                detail=f"{summary.relationships_created} new relationships",
            )

        return pipeline.load(
            papers, graph, batch_size=batch_size, n_process=processes, progress=progress
        )


def _print_load_summary(summary, where: str) -> None:
    r = summary.report
    table = Table("", "created", "already there", box=None)
    table.add_row(
        "papers", str(summary.papers_created), str(summary.papers - summary.papers_created)
    )
    table.add_row("entities", str(summary.entities_created), str(summary.entities_present))
    table.add_row(
        "relationships", str(summary.relationships_created), str(summary.relationships_present)
    )
    console = Console()
    console.print(f"Loaded {summary.papers} papers into {escape(where)} in {summary.seconds:.1f}s")
    console.print(table)
    updated = r.total("nodes_updated") + r.total("relationships_updated")
    if updated:
        console.print(
            f"{updated} nodes and relationships already there had changed and were updated"
        )
    if summary.relationships_skipped:
        warn(
            f"{summary.relationships_skipped} relationships had a missing end node and were skipped"
        )


@main.command("stats")
@store_options
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table")
def stats_command(store, out_format: str) -> None:
    """Count nodes per label and relationships per type (every one, zeros included).

    \b
    Example:
      kg stats --format json
    """
    graph = store.open(read_only=True)
    try:
        counts = graph.stats()
    finally:
        graph.close()
    if out_format == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    table = Table("kind", "name", "count", box=None)
    for label, count in counts["nodes"].items():
        table.add_row("node", label, str(count))
    for rel_type, count in counts["relationships"].items():
        table.add_row("relationship", rel_type, str(count))
    Console().print(table)


@main.group("schema")
def schema_group() -> None:
    """The store's constraints and indexes (applied automatically before the first load).

    \b
    Example:
      kg schema apply --neo4j bolt://localhost:7687
    """


@schema_group.command("apply")
@store_options
def schema_apply_command(store) -> None:
    """Create the constraints and indexes of schema/constraints.cypher (or the embedded tables).

    Safe to run again: every statement is IF NOT EXISTS.

    \b
    Example:
      kg schema apply --neo4j bolt://localhost:7687
    """
    graph = store.open()
    try:
        graph.apply_schema()
    finally:
        graph.close()
    if not is_quiet():
        click.echo(f"Schema applied to {store.describe()}")


# --- RDF export (kg export) --------------------------------------------------------------------


def _rdf_target(path: str | None, base_iri: str | None) -> tuple[str, str]:
    """The checked `--base-iri` (flag, else KG_BASE_IRI / kg.toml, else the default) and output,
    before any store is opened, so a bad flag leaves nothing behind."""
    from pathlib import Path

    from kg.exports.rdf import DEFAULT_BASE_IRI, check_base_iri

    base = check_base_iri(config.settings(base_iri=base_iri)["base_iri"] or DEFAULT_BASE_IRI)
    if path and path != "-" and not Path(path).parent.is_dir():
        raise KgError(f"{path}: folder {Path(path).parent} does not exist")
    return path or "-", base


@main.command("export")
@store_options
@click.option(
    "--format",
    "rdf_format",
    type=click.Choice(["turtle", "ntriples", "nquads", "jsonld", "xml"], case_sensitive=False),
    help="RDF syntax (default: from the -o suffix .ttl/.nt/.nq/.jsonld/.rdf, else turtle).",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default="-",
    help="File to write, replaced atomically (nothing half-written on failure); - is stdout.",
)
@click.option(
    "--base-iri",
    metavar="IRI",
    help="Base of the data IRIs (default https://w3id.org/kg/id/, or KG_BASE_IRI).",
)
def export_command(store, rdf_format: str | None, output: str, base_iri: str | None) -> None:
    """Export the graph as RDF (vocabulary: schema/ontology.ttl, shapes: schema/shapes.ttl).

    Every node is a resource typed kg:Paper, kg:Method, ...; every relationship is a plain triple
    (method kg:improves metric) and a claim resource with its values and a prov:Entity evidence
    (sentence, offsets, rule, confidence, prov:wasDerivedFrom the paper). IRIs are the stable ids
    under the base IRI: method:efficientvit -> <base>method/efficientvit. N-Triples, N-Quads
    (one named graph per paper) and Turtle stream in flat memory.

    \b
    Example:
      kg export -o graph.ttl
      kg export --format ntriples --base-iri https://example.org/kg/ | gzip > graph.nt.gz
    """
    from kg.exports.rdf import export_rdf

    target, base = _rdf_target(output, base_iri)
    graph = store.open(read_only=True)
    try:
        report = export_rdf(graph, target, rdf_format, base)
    finally:
        graph.close()
    if target != "-" and not is_quiet():
        click.echo(
            f"Wrote {report.triples} statements as {report.format} to {report.path} "
            f"in {report.seconds:.1f}s",
            err=True,
        )


# --- interactive views (kg viz; kg load --html) ----------------------------------------------


def _html_target(path: str) -> str:
    """Check an HTML output path before any store is opened, so a bad path leaves nothing."""
    from pathlib import Path

    if not path.lower().endswith((".html", ".htm")):
        raise KgError(f"{path}: the view is an HTML page; name it FILE.html")
    if not Path(path).parent.is_dir():
        raise KgError(f"{path}: folder {Path(path).parent} does not exist")
    return path


@main.command("viz")
@store_options
@click.option("--method", metavar="NAME", help="A method (name, alias or id) and all its links.")
@click.option(
    "--hardware",
    metavar="NAME",
    help="Hardware (name or id, e.g. 'Jetson Orin'), the methods targeting it and their links.",
)
@click.option(
    "--paper", metavar="ID", help="A paper (id, arXiv id or title), its methods and its claims."
)
@click.option(
    "--query",
    "query_name",
    metavar="NAME",
    help="The nodes a canned query returns (its *_id columns) and the links among them; "
    "see `kg query --list`.",
)
@click.option(
    "--param", "params", multiple=True, metavar="KEY=VALUE", help="A --query parameter; repeat."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Draw at most this many nodes (the selection first, then the best connected).",
)
@click.option("-o", "--output", metavar="FILE.html", default="kg-view.html", show_default=True)
def viz_command(
    store,
    method: str | None,
    hardware: str | None,
    paper: str | None,
    query_name: str | None,
    params: tuple[str, ...],
    limit: int,
    output: str,
) -> None:
    """Write an interactive HTML view of the graph: one self-contained page that works offline.

    Without a selector the page shows the whole graph (at most --limit nodes). Nodes are coloured
    and shaped by type and sized by links; hover for titles, evidence sentences and values, click
    for details; filter by node type, relationship type and text; physics controls on the left.

    \b
    Example:
      kg viz -o graph.html
      kg viz --hardware "Jetson Orin" -o jetson.html
      kg viz --method EfficientViT -o efficientvit.html
      kg viz --query methods-for-hardware --param hardware=edge -o edge.html
    """
    from kg.views import select_view, write_view

    output = _html_target(output)
    values: dict[str, str] = {}
    if params:
        if not query_name:
            raise KgError("--param goes with --query")
        from kg.queries import parse_param_args

        values = parse_param_args(params)
    graph = store.open(read_only=True)
    try:
        view = select_view(
            graph,
            method=method,
            hardware=hardware,
            paper=paper,
            query=query_name,
            params=values,
        )
    finally:
        graph.close()
    report = write_view(view, output, limit=limit)
    if not is_quiet():
        click.echo(f"Wrote {output}: {report.message()}", err=True)


# --- canned and ad-hoc queries (kg query, kg cypher) -----------------------------------------


def _print_rows(rows: list[dict], out_format: str) -> None:
    from kg.queries import format_rows

    click.echo(format_rows(rows, out_format))


def row_options(fn):
    """`--param KEY=VALUE` and `--format`, shared by the commands that run Cypher and print rows."""
    fn = click.option(
        "--format",
        "out_format",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
    )(fn)
    return click.option(
        "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Set a parameter."
    )(fn)


@main.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and exit.")
@row_options
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
@store_options
def query_command(
    name: str | None,
    list_queries: bool,
    params: tuple[str, ...],
    out_format: str,
    guide_file: str | None,
    favorites_file: str | None,
    serve_port: int | None,
    store,
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
    graph = store.open(read_only=True)
    try:
        rows = queries.run_query(graph, canned, values)
    finally:
        graph.close()
    _print_rows(rows, out_format)


@main.command("cypher")
@click.argument("statement")
@row_options
@click.option("--write", is_flag=True, help="Allow a statement that changes the graph.")
@store_options
def cypher_command(
    statement: str,
    params: tuple[str, ...],
    out_format: str,
    write: bool,
    store,
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
    graph = store.open(read_only=not write)
    try:
        rows = queries.run_cypher(graph, statement, values, write=write)
    finally:
        graph.close()
    _print_rows(rows, out_format)


@main.command("extract")
@input_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write JSON Lines here.")
@click.option("--processes", "n_process", type=int, default=1, show_default=True)
def extract_command(
    inputs: tuple[str, ...], input_format: str | None, strict: bool, output: str | None,
    n_process: int,
) -> None:  # fmt: skip
    """Extract methods, hardware targets and metric claims from INPUT papers as JSON Lines.

    One object per paper in the schema of the gold annotations (title, methods, targets,
    improves, datasets, tasks) plus ids, parsed values and evidence offsets.

    \b
    Example:
      kg extract samples/daily-papers.txt -o extractions.jsonl
    """
    from kg.extraction import Extractor

    papers = checked_papers(inputs, input_format, strict)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_writer(output)) if output else None
        count = 0
        for extraction in Extractor().extract_all(papers, n_process=max(1, n_process)):
            line = json.dumps(extraction.to_dict(), ensure_ascii=False)
            if out:
                out.write(line + "\n")
            else:
                click.echo(line)
            count += 1
    if not is_quiet():
        click.echo(f"{count} papers extracted", err=True)


@main.command("eval")
@input_options
@click.option(
    "--gold", "gold_paths", multiple=True, required=True, type=click.Path(dir_okay=False),
    help="A gold JSON file (repeatable).",
)  # fmt: skip
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table")
@click.option("-v", "--verbose", "show", is_flag=True, help="List misses and false hits.")
def eval_command(
    inputs: tuple[str, ...], input_format: str | None, strict: bool, gold_paths: tuple[str, ...],
    out_format: str, show: bool,
) -> None:  # fmt: skip
    """Score extraction on INPUT papers against hand-checked --gold files.

    Precision, recall and F1 per relation, main-method recall, value and kind accuracy; the matching
    criteria are documented in kg/extraction/evaluate.py. Gold files (JSON lists of annotated
    papers) listed among INPUT count as gold too, so a shell glob after --gold works.

    \b
    Example:
      kg eval --gold ../shared/eval/gold-dev-*.json ../shared/seeds/*.txt
    """
    from kg.extraction import Extractor
    from kg.extraction.evaluate import evaluate, load_gold, split_gold

    more_gold, inputs = split_gold(inputs)
    if not inputs:
        raise click.UsageError("no paper INPUT given (only gold files)")
    gold = load_gold([*gold_paths, *more_gold])
    papers = papers_from(tuple(inputs), input_format, strict)
    report = evaluate(gold, (x.to_dict() for x in Extractor().extract_all(papers)))
    if out_format == "json":
        click.echo(json.dumps(report.to_dict(verbose=show), indent=2, ensure_ascii=False))
        return
    table = Table("relation", "tp", "fp", "fn", "precision", "recall", "F1", box=None)
    for name, s in report.relations.items():
        table.add_row(
            name, str(s.tp), str(s.fp), str(s.fn),
            f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
        )  # fmt: skip
    console = Console()
    console.print(table)
    console.print(
        f"papers {report.papers}  main-method recall {report.main_recall:.3f}  "
        f"value accuracy {report.value_accuracy:.3f} ({report.values_total} matched values)  "
        f"kind accuracy {report.kind_accuracy:.3f} ({report.kinds_total} matched methods)"
    )
    if report.unmatched_gold:
        warn(f"{len(report.unmatched_gold)} gold papers not found in the input")
    if show:

        def dump(item: dict) -> str:
            return escape(json.dumps(item, ensure_ascii=False))

        for name, s in report.relations.items():
            for item in s.misses:
                console.print(f"[red]miss[/red] {name} {dump(item)}")
            for item in s.false_hits:
                console.print(f"[yellow]false[/yellow] {name} {dump(item)}")
        for item in report.value_errors:
            console.print(f"[magenta]value[/magenta] {dump(item)}")
        for item in report.kind_errors:
            console.print(f"[cyan]kind[/cyan] {dump(item)}")
