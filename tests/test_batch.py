"""The batch runner through the real command: formats, record inputs, errors, safety, resume."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from expectations import FIXTURES
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
PAGES = FIXTURES / "pages"
CLEANER = [sys.executable, "-m", "cleaner.cli"]


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def make_tree(root: Path) -> Path:
    """A scraped folder: text pages in two subfolders, one gzipped, one HTML page."""
    (root / "news" / "eu").mkdir(parents=True)
    (root / "blogs").mkdir()
    for page in sorted(PAGES.glob("*.txt"))[:6]:
        shutil.copy(page, root / "news" / "eu" / page.name)
    page = PAGES / "wire_reuters.txt"
    (root / "news" / "wire.txt.gz").write_bytes(gzip.compress(page.read_bytes()))
    html = "<html><head><title>Bridge opens</title></head><body><article>" + "".join(
        f"<p>{line}</p>" for line in (PAGES / "clean_en_science.txt").read_text("utf-8").splitlines() if line
    ) + "</article></body></html>"
    (root / "blogs" / "post.html").write_text(html, "utf-8")
    return root


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, ["clean", *args], input=input)


@pytest.mark.parametrize("fmt", ["txt", "json", "md"])
def test_output_dir_mirrors_the_tree(tmp_path, fmt):
    src = make_tree(tmp_path / "in")
    before = tree_digest(src)
    out = tmp_path / "out"
    result = invoke(str(src), "--output-dir", str(out), "--format", fmt, "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = sorted(str(p.relative_to(out)) for p in out.rglob(f"*.{fmt}"))
    assert f"news/wire.txt.gz.{fmt}" in made and f"blogs/post.html.{fmt}" in made
    assert len([m for m in made if m.startswith("news/eu/")]) == 6
    assert not (out / "errors.jsonl").exists(), "no errors, no errors file"
    assert not list(out.rglob("*.tmp")), "temporary files left behind"
    assert tree_digest(src) == before, "inputs were modified"
    wire = (out / f"news/wire.txt.gz.{fmt}").read_text("utf-8")
    assert "The central bank kept its main interest rate unchanged" in wire
    if fmt == "json":
        record = json.loads(wire)
        assert record["authors"] == ["Jane Roe", "Tom Baker"] and record["path"].endswith("wire.txt.gz")
    if fmt == "md":
        assert wire.startswith("# Central bank holds rates steady")


def test_jsonl_output_file_is_the_same_whatever_the_jobs(tmp_path):
    src = make_tree(tmp_path / "in")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke(str(src), "-f", "jsonl", "-o", str(one), "-j", "1").exit_code == 0
    assert invoke(str(src), "-f", "jsonl", "-o", str(two), "-j", "2").exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == 8
    assert not Path(f"{one}.errors.jsonl").exists()
    assert not Path(f"{one}.partial").exists()


def test_jsonl_records_with_field_options_and_passthrough(tmp_path):
    text = (PAGES / "agg_daily8_comments.txt").read_text("utf-8")
    records = [
        {"uid": "a1", "body": text, "lang_hint": "en", "crawl": {"depth": 2}},
        {"uid": "a2", "body": (PAGES / "clean_fr_sport.txt").read_text("utf-8")},
    ]
    src = tmp_path / "records.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    result = invoke(str(src), "-f", "jsonl", "--text-field", "body", "--id-field", "uid", "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert [g["id"] for g in got] == ["a1", "a2"]
    assert got[0]["crawl"] == {"depth": 2} and got[0]["lang_hint"] == "en" and got[0]["uid"] == "a1"
    assert "body" not in got[0]
    assert got[0]["site"] == "Daily8" and "Try Our AI Features" not in got[0]["text"]
    assert got[1]["language"] == "fr"


def test_html_field_is_preferred(tmp_path):
    html = "<html><body><article>" + "".join(
        f"<p>{line}</p>" for line in (PAGES / "clean_en_science.txt").read_text("utf-8").splitlines()
    ) + "</article></body></html>"
    src = tmp_path / "pages.jsonl.gz"
    src.write_bytes(gzip.compress((json.dumps({"id": 7, "html": html, "url": "https://example.org/x"}) + "\n").encode()))
    result = invoke(str(src), "-f", "jsonl", "-j", "1", "-q")
    record = json.loads(result.stdout)
    assert record["id"] == "7" and "soil bacterium" in record["text"] and record["url"] == "https://example.org/x"


def test_stdin_page_and_stdin_records():
    page = (PAGES / "wire_reuters.txt").read_text("utf-8")
    result = invoke("-", "-f", "json", "-j", "1", "-q", input=page)
    assert json.loads(result.stdout)["title"].startswith("Central bank")
    records = json.dumps({"id": "s1", "text": page}) + "\n"
    result = invoke("-", "-f", "jsonl", "-j", "1", "-q", input=records)
    assert json.loads(result.stdout)["id"] == "s1"


def test_warc_responses_are_documents(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    body = (PAGES / "clean_en_science.txt").read_text("utf-8")
    html = "<html><body><article>" + "".join(f"<p>{x}</p>" for x in body.splitlines()) + "</article></body></html>"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(2):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://example.org/{n}", "response", payload=io.BytesIO(html.encode()),
                                               http_headers=headers)
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://example.org/0", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    result = invoke(str(path), "-f", "jsonl", "-j", "1", "-q")
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert [g["url"] for g in got] == ["https://example.org/0", "https://example.org/1"]
    assert all(g["id"].startswith("urn:uuid:") and "soil bacterium" in g["text"] for g in got)


def test_bad_files_are_reported_and_the_rest_goes_on(tmp_path):
    src = make_tree(tmp_path / "in")
    (src / "news" / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate")
    (src / "news" / "huge.txt").write_text("word " * 50_000, "utf-8")
    (src / "feed.jsonl").write_text('{"id": "ok", "text": "A short line of text about the town budget."}\n{not json\n', "utf-8")
    out = tmp_path / "out"
    result = invoke(str(src), "-d", str(out), "-f", "txt", "--max-bytes", "100000", "-j", "2")
    assert result.exit_code == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    reasons = {Path(e["path"]).name: e["reason"] for e in errors}
    assert "corrupt gzip" in reasons["broken.txt.gz"]
    assert "limit" in reasons["huge.txt"]
    assert "not valid JSON" in reasons["feed.jsonl"]
    assert "3 failed" in result.stderr and "broken.txt.gz" in result.stderr
    assert (out / "news" / "wire.txt.gz.txt").exists() and (out / "feed.jsonl" / "ok.txt").exists()
    assert len(list(out.rglob("*.txt"))) == 9


def test_output_paths_never_leave_the_output_folder(tmp_path):
    src = tmp_path / "ids.jsonl"
    lines = [{"id": "../../escape", "text": "First article text that is long enough to keep around."},
             {"id": "/etc/passwd", "text": "Second article text that is long enough to keep around."}]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    out = tmp_path / "deep" / "out"
    assert invoke(str(src), "-d", str(out), "-j", "1", "-q").exit_code == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.txt"))
    assert written == ["ids.jsonl/_.._escape.txt", "ids.jsonl/_etc_passwd.txt"]
    assert not (tmp_path / "escape.txt").exists() and not list(tmp_path.glob("*.txt"))
    # a symlink inside the output folder that points outside it is refused
    outside = tmp_path / "outside"
    outside.mkdir()
    tree = make_tree(tmp_path / "in")
    out2 = tmp_path / "out2"
    out2.mkdir()
    (out2 / "blogs").symlink_to(outside, target_is_directory=True)
    result = invoke(str(tree), "-d", str(out2), "-j", "1", "-q")
    assert result.exit_code == 1
    assert list(outside.iterdir()) == []
    errors = (out2 / "errors.jsonl").read_text()
    assert "leave the output folder" in errors


def test_resume_skips_finished_documents(tmp_path):
    src = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    assert invoke(str(src), "-d", str(out), "-j", "1", "-q").exit_code == 0
    (out / "news" / "wire.txt.gz.txt").unlink()
    result = invoke(str(src), "-d", str(out), "-j", "1", "--resume")
    assert result.exit_code == 0
    assert "cleaned 1 documents" in result.stderr and "7 already done" in result.stderr
    assert (out / "news" / "wire.txt.gz.txt").exists()


def _run_and_kill(args: list[str], ready, timeout: float = 60.0) -> None:
    """Start the real command, kill it with SIGKILL once `ready()` holds, and wait until its
    workers have exited too (they watch the main process)."""
    from test_batch_safety import _session

    process = subprocess.Popen([*CLEANER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + timeout
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while _session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    pages = sorted(PAGES.glob("*.txt"))
    for n in range(1500):
        page = pages[n % len(pages)]
        folder = root / f"part{n % 7}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:05d}-{page.name}").write_bytes(page.read_bytes())
    return root


def test_killed_folder_run_resumes_to_identical_output(tmp_path, big_tree):
    full, killed = tmp_path / "full", tmp_path / "killed"
    subprocess.run([*CLEANER, "clean", str(big_tree), "-d", str(full), "-f", "json", "-j", "2", "-q"], check=True)
    _run_and_kill(["clean", str(big_tree), "-d", str(killed), "-f", "json", "-j", "2", "-q"],
                  ready=lambda: killed.exists() and sum(1 for _ in killed.rglob("*.json")) > 200)
    done = sum(1 for _ in killed.rglob("*.json"))
    assert 0 < done < 1500, "the run was not interrupted midway"
    subprocess.run([*CLEANER, "clean", str(big_tree), "-d", str(killed), "-f", "json", "-j", "2", "-q", "--resume"],
                   check=True)
    assert tree_digest(killed) == tree_digest(full)


def test_killed_jsonl_run_resumes_to_identical_output(tmp_path, big_tree):
    full, killed = tmp_path / "full.jsonl", tmp_path / "killed.jsonl"
    subprocess.run([*CLEANER, "clean", str(big_tree), "-f", "jsonl", "-o", str(full), "-j", "2", "-q"], check=True)
    partial = Path(f"{killed}.partial")
    _run_and_kill(["clean", str(big_tree), "-f", "jsonl", "-o", str(killed), "-j", "2", "-q"],
                  ready=lambda: partial.exists() and partial.stat().st_size > 300_000)
    assert not killed.exists(), "a killed run must not leave a finished-looking output"
    assert 0 < partial.stat().st_size < full.stat().st_size
    subprocess.run([*CLEANER, "clean", str(big_tree), "-f", "jsonl", "-o", str(killed), "-j", "2", "-q", "--resume"],
                   check=True)
    assert killed.read_bytes() == full.read_bytes()
    assert not partial.exists()


def test_explain_is_plain_when_piped():
    out = subprocess.run([*CLEANER, "explain", str(PAGES / "comments_thread.txt")], capture_output=True, text=True, check=True)
    assert "\x1b[" not in out.stdout
    assert "- [chrome/comments] comment thread" in out.stdout and "+ Residents of Harlow Bridge" in out.stdout


def test_help_has_examples():
    result = runner.invoke(app, ["clean", "--help"])
    assert result.exit_code == 0 and "Examples" in result.stdout and "--resume" in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert invoke(str(PAGES), "-f", "jsonl", "-d", str(tmp_path)).exit_code == 2
    assert invoke(str(PAGES), "--resume").exit_code == 2


def test_a_document_over_the_time_limit_becomes_an_error_record_and_the_batch_goes_on(tmp_path):
    """The per-document limit (on by default in batch) stops a slow page, not the run."""
    slow = tmp_path / "slow.txt"
    # a date line first, so the date parser is built (once per process) while the slow page runs;
    # 200,000 short lines of their own are about four seconds of work alone, four times the
    # limit (the same long line 9,000 times, once used here, was one second: a race)
    slow.write_text("March 3, 2024\n" + "".join(f"Officials said on day {n} that the line goes on.\n" for n in range(200_000)),
                    "utf-8")
    shutil.copy(PAGES / "wire_reuters.txt", tmp_path / "fine.txt")
    out = tmp_path / "out.jsonl"
    result = invoke(str(tmp_path / "slow.txt"), str(tmp_path / "fine.txt"), "--format", "jsonl", "-o", str(out),
                    "--timeout", "1", "--jobs", "1")
    assert result.exit_code == 1, result.output  # some documents failed, the run finished
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [Path(r["path"]).name for r in records] == ["fine.txt"]
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert len(errors) == 1 and errors[0]["error"] == "DocumentTimeout" and "longer than 1 s" in errors[0]["reason"]
