"""Paper sources: every format, identity across sources, and bad input through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.sources import detect_format, read_file, read_papers
from kg.sources.identity import normalise_arxiv_id, paper_id, plain_title

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
SAMPLE = ROOT / "samples" / "daily-papers.txt"

ABSTRACT = (
    "We propose TestNet, a compact network for image classification that runs on mobile "
    "devices and improves top-1 accuracy by 1.2% over MobileNetV3 on ImageNet."
)


def kg(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it: real process, real exit status."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_seed_pages_give_232_distinct_papers() -> None:
    assert len(SEEDS) == 3
    entries = sum(len(list(read_file(str(p), warn=lambda _: None))) for p in SEEDS)
    assert entries == 272
    result = kg("papers", *map(str, SEEDS), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 232
    assert len({r["id"] for r in rows}) == 232
    assert "Traceback" not in result.stderr


def test_listing_fields_are_parsed() -> None:
    papers = list(read_papers([SEEDS[0]], warn=lambda _: None))
    first = papers[0]
    assert first.title.startswith("SPARE: Single-Pass Annotation")
    assert first.abstract.startswith("Process or step-wise supervision")
    assert first.author_count == 3
    assert first.published == "--06-18"
    assert first.position == "1"
    fmt = next(p for p in papers if p.title.startswith("FMT$"))
    assert fmt.title == fmt.title.strip() and "$^{x}$" in fmt.title
    assert fmt.title_plain.startswith("FMT^x:")
    with_year = [p for p in papers if p.published and p.published[:1].isdigit()]
    assert with_year and all(len(p.published) == 10 for p in with_year)
    assert any(p.upvotes for p in papers)


def test_page_without_metadata_reads_titles_and_abstracts() -> None:
    papers = list(read_papers([SEEDS[1]], warn=lambda _: None))
    assert len(papers) == 116
    assert all(p.author_count is None and p.published is None for p in papers)


def test_same_paper_on_two_pages_is_one_paper() -> None:
    once = {p.id for p in read_papers([SEEDS[0]], warn=lambda _: None)}
    twice = list(read_papers([SEEDS[0], SEEDS[0]], warn=lambda _: None))
    assert {p.id for p in twice} == once and len(twice) == len(once)


@pytest.mark.parametrize(
    ("title_a", "title_b"),
    [
        ("FMT$^{x}$: Fast Trees", "FMT^x: fast trees"),
        ("Café  Net: A Study", "Cafe Net - a study"),
    ],
)
def test_title_identity_ignores_case_markup_and_punctuation(title_a: str, title_b: str) -> None:
    assert paper_id(title_a) == paper_id(title_b)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2406.01234v2", "2406.01234"),
        ("arXiv:2406.01234", "2406.01234"),
        ("http://arxiv.org/abs/2406.01234v1", "2406.01234"),
        ("https://huggingface.co/papers/2406.01234", "2406.01234"),
        ("http://arxiv.org/abs/cs/0112017v1", "cs/0112017"),
        ("not an id", None),
        ("", None),
    ],
)
def test_arxiv_ids(value: str, expected: str | None) -> None:
    assert normalise_arxiv_id(value) == expected


def test_plain_title_keeps_percent_and_plain_text() -> None:
    assert plain_title("100% Sparse {Nets}") == "100% Sparse {Nets}"
    assert plain_title(r"S$^2$-MLP with 50\% less") == "S^2-MLP with 50% less"


def test_arxiv_atom_feed() -> None:
    papers = list(read_papers([DATA / "arxiv-feed.xml"]))
    assert [p.id for p in papers] == ["arxiv:2406.01234", "arxiv:cs/0112017"]
    quant = papers[0]
    assert quant.title == "QuantEdge: 4-bit Inference for Vision Transformers on Mobile NPUs"
    assert quant.abstract.startswith("We propose QuantEdge, a post-training quantization method")
    assert "\n" not in quant.abstract
    assert quant.authors == ("Ada Lovelace", "Alan Turing") and quant.author_count == 2
    assert quant.published == "2024-06-03"
    assert quant.url == "http://arxiv.org/abs/2406.01234v2"


def test_hugging_face_api_json() -> None:
    papers = list(read_papers([DATA / "hf-daily-papers.json"]))
    assert [p.id for p in papers] == ["arxiv:2406.01234", "arxiv:2406.05678"]
    assert papers[0].upvotes == 31 and papers[0].authors == ("Ada Lovelace", "Alan Turing")
    assert papers[0].published == "2024-06-03"


def test_arxiv_and_hf_copies_of_a_paper_merge() -> None:
    papers = list(read_papers([DATA / "arxiv-feed.xml", DATA / "hf-daily-papers.json"]))
    assert len(papers) == 3


RECORD = {"title": "TestNet: Compact Classification", "abstract": ABSTRACT}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("papers.json", json.dumps([{**RECORD, "authors": ["A", "B"], "upvotes": 3}])),
        ("papers.jsonl", json.dumps({**RECORD, "authors": "A, B", "upvotes": "3"}) + "\n"),
        (
            "papers.csv",
            'title,abstract,authors,upvotes\n"TestNet: Compact Classification",'
            f'"{ABSTRACT}","A; B",3\n',
        ),
        (
            "papers.tsv",
            f"title\tabstract\tupvotes\nTestNet: Compact Classification\t{ABSTRACT}\t3\n",
        ),
    ],
)
def test_record_formats(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [paper] = read_papers([path])
    assert paper.title == RECORD["title"] and paper.abstract == ABSTRACT
    assert paper.upvotes == 3
    assert paper.id == paper_id(RECORD["title"])
    if "authors" in content:
        assert paper.authors == ("A", "B") and paper.author_count == 2


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("x.dat", "<feed/>", "atom"),
        ("x.dat", '[{"title": "a"}]', "json"),
        ("x.dat", '{"title": "a"}\n{"title": "b"}\n', "jsonl"),
        ("x.dat", '{"papers": []}', "json"),
        ("x.dat", "title,abstract\na,b\n", "csv"),
        ("x.json", '{"title": "a"}\n{"title": "b"}\n', "json"),
        ("x.txt", '[{"title": "a"}]', "json"),
        ("x.dat", "new\n\nSubscribe\n\nbyAK and the research community\n", "daily"),
    ],
)
def test_format_detection(name: str, text: str, expected: str) -> None:
    assert detect_format(name, text) == expected


def test_stdin_and_several_inputs() -> None:
    result = kg("papers", "-", str(SAMPLE), "--format", "jsonl", stdin=SAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 8


def test_table_output() -> None:
    result = CliRunner().invoke(main, ["papers", str(SAMPLE)])
    assert result.exit_code == 0
    assert "TinyServe" in result.output


BAD_INPUTS = [
    ("empty.txt", b"", "file is empty"),
    ("blank.json", b"  \n\n", "file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "title\n\nabstract caf\xe9\n".encode("latin-1"), "not UTF-8"),
    ("truncated.json", b'[{"title": "a", "abstract": "b"', "invalid JSON"),
    ("nocols.csv", b"name,summary_text\nx,y\n", "lacks column(s) title, abstract"),
    ("noabstract.json", b'[{"title": "Only A Title"}]', "no abstract"),
    ("badxml.xml", b"<feed><entry>", "invalid XML"),
    ("notatom.xml", b"<rss><channel/></rss>", "expected an Atom <feed>"),
    ("scalar.json", b"42", "expected a JSON array"),
    ("bomb.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><feed>&a;</feed>', "refused unsafe XML"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_bad_input_is_one_line_error(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    result = kg("papers", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and message in lines[0]
    assert result.stdout == ""


def test_error_names_the_line_of_a_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"Title\n\n" + b"fine text " * 10 + b"\n\nbad \xff byte\n")
    with pytest.raises(InputError, match=r"late\.txt: line 5: not UTF-8"):
        list(read_papers([path]))


def test_fifty_megabyte_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n\n" + b"word " * (10 * 1024 * 1024) + b"\n")
    result = kg("papers", str(path))
    assert result.returncode == 2
    assert "huge.txt: line 3: line is 50.0 MB long" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(["missing.txt"], "missing.txt: no such file"), (["tests"], "tests: is a directory")],
)
def test_missing_file_and_directory(args: list[str], message: str) -> None:
    result = kg("papers", *args)
    assert result.returncode == 2 and result.stderr.strip() == f"Error: {message}"


def test_partly_broken_listing_warns_or_fails_strictly(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    abstract = next(i for i, line in enumerate(lines) if line.startswith("Long-context inference"))
    del lines[abstract]
    path = tmp_path / "partial.txt"
    path.write_text("\n".join(lines), encoding="utf-8")

    result = kg("papers", str(path), "--format", "jsonl")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 7
    assert "skipped 1 broken entry (1 no abstract; at line" in result.stderr

    strict = kg("papers", str(path), "--strict")
    assert strict.returncode == 2
    assert f"{path}: line {abstract - 1}: no abstract" in strict.stderr
    assert len(strict.stderr.strip().splitlines()) == 1


def test_jsonl_with_one_bad_line_is_skipped_with_a_count(tmp_path: Path) -> None:
    path = tmp_path / "some.jsonl"
    path.write_text(json.dumps(RECORD) + "\n{not json\n", encoding="utf-8")
    warnings: list[str] = []
    assert len(list(read_papers([path], warn=warnings.append))) == 1
    assert warnings == [
        f"{path}: skipped 1 broken entry (1 invalid JSON (Expecting property name enclosed in "
        "double quotes at column 2); at line 2); use --strict to stop instead"
    ]


@pytest.mark.parametrize(
    "title",
    ["x'}) DETACH DELETE n //", "<img src=x onerror=alert(1)>", 'Quote " and \\ back\\slash'],
)
def test_hostile_titles_are_kept_verbatim(tmp_path: Path, title: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([{"title": title, "abstract": ABSTRACT}]), encoding="utf-8")
    [paper] = read_papers([path])
    assert paper.title == title
