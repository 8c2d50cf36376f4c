"""Nothing lost, skipped, overwritten or mangled without a word: the batch runner through
the real command (`python -m cleaner.cli` in a subprocess where the exit status and the
exact stderr matter, Typer's runner elsewhere), with real pages from fixtures/."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from expectations import FIXTURES, REPO
from typer.testing import CliRunner

from cleaner import clean
from cleaner.cli import app
from cleaner.errors import DocumentTimeout

runner = CliRunner()
PAGES = FIXTURES / "pages"
CLEANER = [sys.executable, "-m", "cleaner.cli"]
ARTICLE = (PAGES / "clean_en_science.txt").read_text("utf-8")
HTML = "<html><head><title>Plastic-eating bacterium</title></head><body><article>" + "".join(
    f"<p>{line}</p>" for line in ARTICLE.splitlines() if line) + "</article></body></html>"
#: a page that takes seconds to clean: thousands of long, identical paragraphs
SLOW = "March 3, 2024\n" + ("A line of article text that goes on for a while, officials said. " * 40 + "\n") * 9000


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, ["clean", *args], input=input)


def cli(*args: str, input: bytes | None = None, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*CLEANER, *args], input=input, capture_output=True, timeout=timeout, cwd=cwd or REPO,
                          check=False)


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def warc(path: Path, responses: list[tuple[str, str, str]], *, gzipped: bool = False) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for n, (status, content_type, body) in enumerate(responses):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                          payload=io.BytesIO(body.encode()), http_headers=headers))
    return path


# ------------------------------------------------------------------ output names
def test_three_inputs_with_one_stem_give_three_outputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(HTML, "utf-8")
    (src / "a.txt").write_text((PAGES / "wire_reuters.txt").read_text("utf-8"), "utf-8")
    (src / "a.htm.gz").write_bytes(gzip.compress(HTML.replace("bacterium", "microbe").encode()))
    outs = {}
    for name, how in (("1", ["-j", "1"]), ("2", ["-j", "2"]), ("dask", ["-j", "2", "--dask", "local"])):
        out = tmp_path / f"out{name}"
        result = cli("clean", str(src), "-d", str(out), *how)
        assert result.returncode == 0, result.stderr
        assert b"cleaned 3 documents" in result.stderr
        outs[name] = digest(out)
    assert sorted(outs["1"]) == ["a.htm.gz.txt", "a.html.txt", "a.txt.txt"]
    assert outs["1"] == outs["2"] == outs["dask"], "the same bytes for any --jobs, and on Dask"
    out = tmp_path / "out1"
    assert "microbe" in (out / "a.htm.gz.txt").read_text() and "bacterium" in (out / "a.html.txt").read_text()
    assert "central bank" in (out / "a.txt.txt").read_text().lower()
    resumed = invoke(str(src), "-d", str(out), "-j", "1", "--resume")
    assert "cleaned 0 documents" in resumed.stderr and "3 already done" in resumed.stderr


def test_duplicate_and_clashing_ids_get_distinct_outputs(tmp_path):
    texts = [ARTICLE, (PAGES / "wire_reuters.txt").read_text("utf-8"), (PAGES / "clean_fr_sport.txt").read_text("utf-8")]
    records = [{"id": "a/b", "text": texts[0]}, {"id": "a_b", "text": texts[1]}, {"id": "a_b", "text": texts[2]}]
    src = tmp_path / "export.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    out = tmp_path / "out"
    result = invoke(str(src), "-d", str(out), "-f", "json", "-j", "2")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (out / "export.jsonl").iterdir())
    assert written == ["a_b.json", "a_b~2.json", "a_b~3.json"]
    by_name = {name: json.loads((out / "export.jsonl" / name).read_text()) for name in written}
    assert [by_name[n]["id"] for n in written] == ["a/b", "a_b", "a_b"]
    assert "soil bacterium" in by_name["a_b.json"]["text"] and "central bank" in by_name["a_b~2.json"]["text"].lower()


def test_a_clash_no_renaming_resolves_is_an_error_record_not_an_overwrite(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a").write_text(HTML, "utf-8")  # its output is the file a.txt
    (src / "a.txt").write_text(json.dumps({"id": "r1", "text": ARTICLE}) + "\n", "utf-8")  # records under a.txt/
    (src / "b.html").write_text(HTML, "utf-8")
    out = tmp_path / "out"
    (out / "b.html.txt").mkdir(parents=True)  # a folder stands where b.html's output goes
    result = invoke(str(src), "-d", str(out), "-j", "1")
    assert result.exit_code == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(Path(e["path"]).name, e.get("id")) for e in errors] == [("a.txt", "r1"), ("b.html", None)]
    assert "already another document's output file" in errors[0]["reason"]
    assert "cannot write" in errors[1]["reason"]
    assert "soil bacterium" in (out / "a.txt").read_text() and (out / "b.html.txt").is_dir()


# ------------------------------------------------------------------ reading by content
def test_files_are_read_by_content_whatever_their_name(tmp_path):
    src = tmp_path / "site"
    src.mkdir()
    for name in ("page.php", "page.shtml", "index", "page.aspx"):
        (src / name).write_text(HTML, "utf-8")
    (src / "export.txt").write_text(json.dumps({"id": "r1", "text": ARTICLE}) + "\n", "utf-8")
    (src / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (src / "site.css").write_text("body { color: red }", "utf-8")
    (src / ".DS_Store").write_bytes(bytes(64))
    named = invoke(str(src / "page.php"), "-f", "json", "-q")
    assert named.exit_code == 0 and "soil bacterium" in json.loads(named.stdout)["text"]
    out = tmp_path / "out"
    result = invoke(str(src), "-d", str(out), "-f", "json", "-j", "1")
    assert result.exit_code == 0, result.output
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert made == ["export.txt/r1.json", "index.json", "page.aspx.json", "page.php.json", "page.shtml.json"]
    assert all("soil bacterium" in json.loads((out / m).read_text())["text"] for m in made)
    skipped = {Path(e["path"]).name: e["reason"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert skipped == {".DS_Store": "hidden file", "logo.png": "not a page: PNG image",
                       "site.css": "not a page: stylesheet (.css)"}
    assert "skipped 3 inputs that are not documents" in result.stderr


def test_a_warc_on_standard_input_is_read_as_warc(tmp_path):
    path = warc(tmp_path / "crawl.warc.gz", [("200 OK", "text/html; charset=utf-8", HTML)], gzipped=True)
    result = cli("clean", "-", "-f", "jsonl", "-q", input=path.read_bytes())
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1 and records[0]["url"] == "https://example.org/0" and "soil bacterium" in records[0]["text"]
    assert "WARC/1" not in records[0]["text"]


def test_warc_takes_200_pages_and_counts_the_rest_as_skipped(tmp_path):
    path = warc(tmp_path / "crawl.warc", [("200 OK", "text/html", HTML),
                                         ("301 Moved Permanently", "text/html", "<html><body>Moved</body></html>"),
                                         ("404 Not Found", "text/html", "<html><body><h1>Not Found</h1></body></html>")])
    out = tmp_path / "out.jsonl"
    result = cli("clean", str(path), "-f", "jsonl", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["url"] for line in out.read_text().splitlines()] == ["https://example.org/0"]
    stderr = result.stderr.decode()
    assert "cleaned 1 documents" in stderr
    assert "skipped 2 inputs" in stderr and "HTTP status 301" in stderr and "HTTP status 404" in stderr
    skips = [json.loads(line) for line in Path(f"{out}.errors.jsonl").read_text().splitlines()]
    assert [s["error"] for s in skips] == ["Skipped", "Skipped"]
    everything = cli("clean", str(path), "-f", "jsonl", "-q", "--warc-all")
    assert len(everything.stdout.splitlines()) == 3


# ------------------------------------------------------------------ usage problems
@pytest.mark.parametrize(("args", "says"), [
    (["--timeout", "-5"], "--timeout"),
    (["--jobs", "-1"], "--jobs"),
    (["--jobs", "many"], "--jobs"),
    (["--language", "english"], "ISO 639-1"),
    (["--dask", "bogus"], "--dask"),
    (["--max-bytes", "0"], "--max-bytes"),
    (["--format", "xml"], "--format"),
    (["--no-such-option"], "--no-such-option"),
    (["--rules", "missing-rules.toml"], "cannot read rules file"),
])
def test_each_bad_option_is_one_line_and_exit_2(args, says):
    result = cli("clean", str(PAGES / "wire_reuters.txt"), *args)
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and says in lines[0], result.stderr
    assert lines[0].startswith("error: ")


def test_an_unreachable_scheduler_is_one_line_and_exit_2_after_a_bounded_wait():
    started = time.monotonic()
    result = cli("clean", str(PAGES / "wire_reuters.txt"), "--dask", "tcp://127.0.0.1:1", timeout=60)
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "cannot reach the Dask scheduler" in lines[0]
    assert time.monotonic() - started < 30


def test_dask_without_the_extra_is_one_line_and_exit_2():
    code = ("import sys; sys.modules['distributed'] = None; sys.argv = ['cleaner', 'clean', sys.argv[1], '--dask', 'local']\n"
            "from cleaner.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", code, str(PAGES / "wire_reuters.txt")], capture_output=True, text=True,
                            timeout=60, cwd=REPO, check=False)
    assert result.returncode == 2 and result.stderr.strip() == "error: --dask needs the Dask extra: pip install 'cleaner[dask]'"


def test_version_and_help():
    assert cli("--version").stdout.decode().startswith("cleaner ")
    help_text = " ".join(cli("clean", "--help").stdout.decode().split())
    assert "[default: 0]" not in help_text.split("--max-bytes")[1].split("--")[0]
    assert "50 MB" in help_text


# ------------------------------------------------------------------ processes
def _session(sid: int) -> set[int]:
    """Live (not zombie) processes of session `sid`, read from /proc: the batch runs in a
    session of its own, so its workers stay findable after they lose their parent."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[3]) == sid:
                found.add(int(entry.name))
    return found


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many")
    pages = sorted(PAGES.glob("*.txt"))
    for n in range(3000):
        (root / f"{n:05d}.txt").write_bytes(pages[n % len(pages)].read_bytes())
    return root


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("runner_args", [["-j", "2"], ["-j", "2", "--dask", "local"]], ids=["pool", "dask"])
def test_a_batch_killed_with_sigkill_leaves_no_process(tmp_path, many_pages, runner_args):
    out = tmp_path / "out"
    process = subprocess.Popen([*CLEANER, "clean", str(many_pages), "-d", str(out), "-q", *runner_args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while process.poll() is None and time.monotonic() < deadline and not (out.exists() and any(out.iterdir())):
            time.sleep(0.05)
        assert process.poll() is None and len(_session(process.pid)) > 2, "the batch was not running with workers"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 30
    while _session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _session(process.pid), "processes outlived the killed batch"


@pytest.mark.parametrize("runner_args", [["-j", "2"], ["-j", "2", "--dask", "local"]], ids=["pool", "dask"])
def test_ctrl_c_stops_cleanly_and_says_how_to_finish(tmp_path, many_pages, runner_args):
    out = tmp_path / "out"
    process = subprocess.Popen([*CLEANER, "clean", str(many_pages), "-d", str(out), *runner_args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 90
    while process.poll() is None and time.monotonic() < deadline and not (out.exists() and len(os.listdir(out)) > 50):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while _session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # the pool's helpers wind down after the main process
    assert not _session(process.pid), "processes outlived the interrupted batch"
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "--resume" in stderr
    done = cli("clean", str(many_pages), "-d", str(out), "-j", "2", "--resume", timeout=300)
    assert done.returncode == 0 and len(list(out.glob("*.txt"))) == 3000


# ------------------------------------------------------------------ the time limit in the library
def test_timeout_inside_clean_from_a_thread_raises_document_timeout():
    outcome: dict[str, object] = {}

    def work() -> None:
        started = time.monotonic()
        try:
            clean(SLOW, timeout=0.3)
            outcome["result"] = "finished"
        except DocumentTimeout as error:
            outcome["result"] = error
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    assert isinstance(outcome["result"], DocumentTimeout)
    assert outcome["seconds"] < 5  # the deadline, plus at most one uninterruptible step
    assert clean(ARTICLE, timeout=30).text  # a normal page is untouched by the limit


def test_the_alarm_rings_again_when_its_exception_is_swallowed():
    """Code that swallows the first timeout (a library's broad `except`) is interrupted again."""
    from cleaner.deadline import Deadline, alarm_at

    rings = 0
    give_up = time.monotonic() + 5
    with alarm_at(Deadline(0.1)):
        while rings < 2 and time.monotonic() < give_up:
            try:
                while time.monotonic() < give_up:
                    pass
            except DocumentTimeout:
                rings += 1
    assert rings == 2


def test_timeout_values_are_checked():
    for bad in (-1, 0, "soon"):
        with pytest.raises(ValueError, match="timeout"):
            clean(ARTICLE, timeout=bad)


def test_timeout_on_a_dask_worker_is_recorded_as_document_timeout():
    code = f"""
import json
import dask.bag as db
from distributed import Client, LocalCluster
from cleaner import Config
from cleaner.integrations.dask import clean_bag
# 200,000 short lines of their own: about four seconds of work, four times the limit
slow = "March 3, 2024\\n" + "".join(f"Officials said on day {{n}} that the line goes on.\\n" for n in range(200_000))
# the article first: the worker's one-time set-up (rule compiles) falls in its generous share
records = [{{"text": {ARTICLE!r}}}, {{"text": slow}}]
with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
    out = clean_bag(db.from_sequence(records, npartitions=1), config=Config(timeout=1.0)).compute()
print(json.dumps([r["clean_error"] for r in out]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    errors = json.loads(done.stdout.strip().splitlines()[-1])
    assert errors[0] is None and errors[1].startswith("DocumentTimeout")


# ------------------------------------------------------------------ smaller points
def test_several_documents_on_stdout_can_be_told_apart(tmp_path):
    pages = [str(PAGES / "wire_reuters.txt"), str(PAGES / "clean_en_science.txt")]
    as_json = invoke(*pages, "-f", "json", "-q", "-j", "1")
    records = json.loads(as_json.stdout)
    assert [Path(r["path"]).name for r in records] == ["wire_reuters.txt", "clean_en_science.txt"]
    one = json.loads(invoke(pages[0], "-f", "json", "-q").stdout)
    assert one["path"] == pages[0], "a single document is printed as itself"
    as_text = invoke(*pages, "-f", "txt", "-q", "-j", "1").stdout
    assert as_text.startswith(f"==> {pages[0]} <==\n") and f"\n\n==> {pages[1]} <==\n" in as_text


def test_explain_reads_record_files_and_standard_input(tmp_path):
    src = tmp_path / "export.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{n}", "text": ARTICLE}) + "\n" for n in (1, 2)), "utf-8")
    shown = cli("explain", str(src)).stdout.decode()
    assert shown.count("==> ") == 2 and "[r2] <==" in shown and '{"id"' not in shown
    piped = cli("explain", "-", input=(PAGES / "comments_thread.txt").read_bytes())
    assert piped.returncode == 0 and "- [chrome/comments]" in piped.stdout.decode()


def test_demo_runs_outside_the_checkout(tmp_path):
    result = cli("demo", cwd=tmp_path)
    assert result.returncode == 0
    last = result.stdout.decode().strip().splitlines()[-1]
    assert not last.startswith("0 pages") and "removals by stage" in last


def test_empty_bytes_say_why_the_result_is_empty():
    article = clean(b"")
    assert article.text == "" and article.notes == ["empty input"]


# the time limit's alarm may ring while the garbage collector runs one of scrapy's weak
# reference callbacks: Python reports the exception there as unraisable and goes on, and the
# alarm rings again (`ALARM_REPEAT`); the report is expected, the item's error is what counts
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_scrapy_items_pass_on_with_clean_error_undeclared_class_or_too_slow():
    scrapy = pytest.importorskip("scrapy")

    from scrapy.utils.test import get_crawler

    from cleaner.integrations.scrapy import CleanerPipeline

    page = type("Page", (scrapy.Item,), {"url": scrapy.Field(), "html": scrapy.Field()})
    pipeline = CleanerPipeline.from_crawler(get_crawler(settings_dict={"CLEANER_TIMEOUT": 0.3}))
    assert pipeline.config is not None and pipeline.config.timeout == 0.3
    slow = pipeline.process_item({"url": "https://example.org/slow", "html": SLOW})
    assert slow["clean_error"].startswith("DocumentTimeout") and slow["clean_text"] == ""
    item = CleanerPipeline().process_item(page(url="https://example.org/a", html=HTML))
    assert item["url"] == "https://example.org/a" and item["html"] == HTML
    assert "soil bacterium" in item["clean_text"]
    assert "does not declare clean_text" in item["clean_error"]


def test_a_strip_rule_removes_only_its_span(tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text('[pack]\nname = "mine"\n\n[[rules]]\nid = "mine.subscribe"\nreason = "subscription prompt"\n'
                     'action = "strip"\nlines = ["Click here to subscribe."]\n', "utf-8")
    first = ARTICLE.splitlines()[0]
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE.replace(first, first + " Click here to subscribe."), "utf-8")
    result = invoke(str(page), "--rules", str(rules), "-f", "json", "--explain", "-q")
    record = json.loads(result.stdout)
    assert first in record["text"] and "subscribe" not in record["text"]
    spans = [r for r in record["removed"] if r["span"]]
    assert spans == [{"text": "Click here to subscribe.", "label": "chrome", "stage": "rules",
                      "reason": "subscription prompt", "index": 0, "rule": "mine.subscribe", "span": True}]
    explained = cli("explain", str(page), "--rules", str(rules)).stdout.decode()
    assert "~ [chrome/rules] subscription prompt [mine.subscribe]: Click here to subscribe." in explained


def test_rules_check_warns_about_patterns_that_can_never_match(tmp_path):
    rules = tmp_path / "mine.toml"
    long_phrase = "Subscribe to our newsletter for the latest updates on everything that happens in the region"
    rules.write_text(f'[pack]\nname = "mine"\n\n[[rules]]\nid = "mine.long"\nmax_length = 40\n'
                     f'prefixes = ["{long_phrase}"]\npatterns = ["Sign up(?: now)? for .{{60,}}"]\n', "utf-8")
    result = cli("rules", "--check", str(rules))
    assert result.returncode == 0 and b"2 warnings" in result.stdout
    warnings = result.stderr.decode().splitlines()
    assert len(warnings) == 2 and all("can never match" in w and "mine.long" in w for w in warnings)
